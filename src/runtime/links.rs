//! Terminal hyperlinks over the source URLs on screen.
//!
//! ratatui keeps only printable text in its cells (an escape sequence there would throw off
//! its widths and its diff), so the frame holds each URL as plain text, and after each frame
//! this module prints the cells of every URL found whole on one row again, between the
//! sequences of [`crate::text::hyperlink`], the one writer of OSC 8 (which audits the URL).
//! The cells are printed as the frame has them (same text, same colours): the screen looks
//! the same, and the URL becomes clickable where the terminal supports OSC 8. A URL the audit
//! refuses, or one cut or wrapped on screen, stays plain text.

use std::io::{self, Write};

use ratatui::backend::Backend;
use ratatui::buffer::{Buffer, Cell};

use crate::text::hyperlink;

/// One link to print: its start sequence and the cells it covers.
pub struct Link {
    pub start: String,
    pub cells: Vec<(u16, u16, Cell)>,
}

/// Whether a byte can continue a URL (so a match that it borders is only part of one).
fn url_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"/%?#=&_~-+".contains(&b)
}

/// Where each of `urls` (as written in the dataset) is drawn whole on one row of `buffer`.
pub fn find(buffer: &Buffer, urls: &[String]) -> Vec<Link> {
    let mut out = Vec::new();
    let starts: Vec<(&String, String)> =
        urls.iter().filter_map(|url| hyperlink::start(url).map(|start| (url, start))).collect();
    if starts.is_empty() {
        return out;
    }
    let area = buffer.area;
    for y in area.top()..area.bottom() {
        let mut row = String::new();
        let mut cell_at: Vec<(usize, u16)> = Vec::with_capacity(usize::from(area.width));
        for x in area.left()..area.right() {
            cell_at.push((row.len(), x));
            row.push_str(buffer[(x, y)].symbol());
        }
        for (url, start) in &starts {
            let mut from = 0;
            while let Some(found) = row[from..].find(url.as_str()) {
                let (at, end) = (from + found, from + found + url.len());
                from = end;
                let bordered = row.as_bytes()[..at].last().is_some_and(|&b| url_byte(b))
                    || row.as_bytes().get(end).is_some_and(|&b| url_byte(b));
                if bordered || !cell_at.iter().any(|(b, _)| *b == at) {
                    continue;
                }
                let cells = cell_at
                    .iter()
                    .filter(|(b, _)| (at..end).contains(b))
                    .map(|&(_, x)| (x, y, buffer[(x, y)].clone()))
                    .collect();
                out.push(Link { start: start.clone(), cells });
            }
        }
    }
    out
}

/// Prints each link's cells again between its start sequence and [`hyperlink::END`].
pub fn write<B: Backend<Error = io::Error> + Write>(backend: &mut B, links: &[Link]) -> io::Result<()> {
    for link in links {
        backend.write_all(link.start.as_bytes())?;
        backend.draw(link.cells.iter().map(|(x, y, cell)| (*x, *y, cell)))?;
        backend.write_all(hyperlink::END.as_bytes())?;
    }
    Write::flush(backend)
}

/// Whether to link at all: not on terminals known to print OSC 8 as text (the Linux console,
/// `TERM=dumb`), nor with `ANNALS_NO_HYPERLINKS` set.
pub fn wanted(var: impl Fn(&str) -> Option<String>) -> bool {
    let term = var("TERM").unwrap_or_default();
    var("ANNALS_NO_HYPERLINKS").is_none() && term != "linux" && term != "dumb"
}
