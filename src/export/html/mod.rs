//! HTML export: one self-contained page to publish the timeline, that opens from a USB stick.
//!
//! - **Self-contained**: the style sheet and the script are inlined from `assets/` (no font,
//!   script, style or image is fetched), and a Content-Security-Policy forbids the page any
//!   request (`default-src 'none'`); the only links are the sources' own `http(s)` URLs.
//! - **Readable without scripts**: every event, quote, fact and source is in the markup.
//!   The script adds year, theme and source filters and a search box, kept in the URL
//!   fragment (`#year=2016&theme=investment&source=…&q=cloud`), read back on load and on
//!   every `hashchange`, so a filtered view can be linked.
//! - **Accessible and printable**: semantic headings, lists, tables and `<time>`; each quote
//!   in a `<blockquote lang="…">` of its source's language; dark text on light backgrounds
//!   (contrast above 7:1); a print style sheet without the filters, with link targets
//!   written out.
//! - **Safe**: all dataset text is escaped (`escape.rs`), so a dataset cannot add markup,
//!   script or style; links only to `http:`/`https:` URLs.
//!
//! Layout: header (title, description, selection), the filters (`<nav>`, hidden until the
//! script runs), the ruler of years with the eras (`ruler.rs`), the events by year
//! (`events.rs`), the compared facts (`compare.rs`), the sources (`sources.rs`). Written
//! piece by piece as it is made.

mod compare;
pub(super) mod escape;
mod events;
mod ruler;
mod sources;

use std::io::{self, Write};

use escape::{Esc, Line, Paragraphs};

use super::Selection;
use crate::cite::CitationStyle;

const STYLE: &str = include_str!("../../../assets/html-export.css");
const SCRIPT: &str = include_str!("../../../assets/html-export.js");

/// What a page needs besides the selection.
pub(super) struct Page<'a> {
    /// What the events are a selection of, shown under the title.
    pub shown: Option<&'a str>,
    pub style: CitationStyle,
}

pub(super) fn write(out: &mut dyn Write, chosen: &Selection<'_>, page: &Page<'_>) -> io::Result<()> {
    let dataset = chosen.dataset;
    head(out, &dataset.title)?;
    writeln!(out, "<header>\n<h1>{}</h1>", Line(&dataset.title))?;
    writeln!(out, "<div class=\"description\">{}</div>", Paragraphs(&dataset.description))?;
    if let Some(shown) = page.shown {
        writeln!(out, "<p class=\"shown\">Exported: {}.</p>", Line(shown))?;
    }
    writeln!(out, "</header>")?;
    filters(out, chosen)?;
    writeln!(out, "<main>")?;
    ruler::write(out, chosen)?;
    // One reference per source, made once for the quotes and the list of sources.
    let mut references = super::references::References::new(page.style);
    events::write(out, chosen, &mut references)?;
    compare::write(out, chosen)?;
    sources::write(out, chosen, &mut references)?;
    writeln!(out, "</main>")?;
    writeln!(
        out,
        "<footer><p>Made with annals from the dataset’s own text; every quote is verbatim from its source.</p></footer>"
    )?;
    writeln!(out, "<script>\n{SCRIPT}</script>\n</body>\n</html>")
}

fn head(out: &mut dyn Write, title: &str) -> io::Result<()> {
    writeln!(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")?;
    writeln!(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")?;
    // No request of any kind: the page works offline and cannot call anywhere.
    writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; \
         script-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'\">"
    )?;
    writeln!(out, "<meta name=\"generator\" content=\"annals\">")?;
    writeln!(out, "<title>{}</title>", Line(title))?;
    writeln!(out, "<style>\n{STYLE}</style>\n</head>\n<body>")
}

/// The filter bar: hidden until the script shows it (without a script, nothing to use).
fn filters(out: &mut dyn Write, chosen: &Selection<'_>) -> io::Result<()> {
    let dataset = chosen.dataset;
    writeln!(out, "<nav id=\"filters\" aria-label=\"Filters\" hidden>\n<form id=\"filter-form\" role=\"search\">")?;
    writeln!(out, "<label>Year <select name=\"year\"><option value=\"\">all</option>")?;
    // A draft without a date is in no year: its events are `data-year="undated"`.
    let mut years: Vec<i32> = chosen.events.iter().filter(|e| !e.undated).map(|e| e.date.year).collect();
    years.sort_unstable();
    years.dedup();
    for year in years {
        writeln!(out, "<option value=\"{year}\">{year}</option>")?;
    }
    if chosen.events.iter().any(|e| e.undated) {
        writeln!(out, "<option value=\"undated\">undated drafts</option>")?;
    }
    writeln!(out, "</select></label>")?;
    writeln!(out, "<label>Theme <select name=\"theme\"><option value=\"\">all</option>")?;
    for theme in &dataset.themes {
        writeln!(out, "<option value=\"{}\">{}</option>", Esc(&theme.id), Line(&theme.label))?;
    }
    writeln!(out, "</select></label>")?;
    writeln!(out, "<label>Source <select name=\"source\"><option value=\"\">all</option>")?;
    for &s in &chosen.sources {
        let source = &dataset.sources[s];
        writeln!(out, "<option value=\"{}\">{}</option>", Esc(&source.id), Line(&source.shown_title()))?;
    }
    writeln!(out, "</select></label>")?;
    writeln!(out, "<label>Search <input type=\"search\" name=\"q\" autocomplete=\"off\"></label>")?;
    writeln!(out, "<button type=\"reset\" id=\"clear\">Show all</button>")?;
    writeln!(out, "</form>\n<p id=\"count\" role=\"status\" aria-live=\"polite\"></p>\n</nav>")
}
