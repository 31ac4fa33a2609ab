//! The ruler: one column per year from the first exported event to the last (a link that
//! filters to the year, with a bar for its number of events), and the eras as bands over the
//! years they span, each with its dates and description. Years and eras are lists, so the
//! ruler reads as text too; the grid is drawn by the style sheet.

use std::io::{self, Write};

use super::escape::{Line, anchor};
use super::events::time;
use crate::export::Selection;

pub(super) fn write(out: &mut dyn Write, chosen: &Selection<'_>) -> io::Result<()> {
    let dataset = chosen.dataset;
    // Drafts with no date yet have no year to stand in.
    let dated = || chosen.events.iter().filter(|e| !e.undated);
    let (Some(first), Some(last)) =
        (dated().map(|e| e.date.year).min(), dated().map(|e| e.end.as_ref().unwrap_or(&e.date).year).max())
    else {
        return eras_only(out, chosen);
    };
    let last = last.max(first).min(first.saturating_add(199));
    let columns = last - first + 1;
    let mut counts = vec![0usize; usize::try_from(columns).unwrap_or(1)];
    for event in dated() {
        if let Some(n) = usize::try_from(event.date.year - first).ok().and_then(|i| counts.get_mut(i)) {
            *n += 1;
        }
    }
    let most = counts.iter().copied().max().unwrap_or(1).max(1);
    writeln!(out, "<section id=\"ruler\" aria-labelledby=\"ruler-title\" style=\"--years: {columns}\">")?;
    writeln!(out, "<h2 id=\"ruler-title\">Timeline, {first}–{last}</h2>")?;
    writeln!(out, "<ol class=\"years\">")?;
    for (i, &n) in counts.iter().enumerate() {
        let year = first + i32::try_from(i).unwrap_or(0);
        let height = (n * 100).div_ceil(most);
        let events = if n == 1 { "1 event".to_string() } else { format!("{n} events") };
        if n == 0 {
            writeln!(out, "<li class=\"empty\" style=\"--h: 0%\"><span class=\"year\">{year}</span></li>")?;
        } else {
            writeln!(
                out,
                "<li data-year=\"{year}\" style=\"--h: {height}%\"><a href=\"#year={year}\"><span class=\"year\">{year}</span> \
                 <span class=\"count\">{events}</span></a></li>"
            )?;
        }
    }
    writeln!(out, "</ol>")?;
    if !dataset.eras.is_empty() {
        // The bands over the years they span, then what each era is, as a list that reads on.
        writeln!(out, "<h3 class=\"eras-title\">Eras</h3>\n<ol class=\"eras\" aria-hidden=\"true\">")?;
        for era in &dataset.eras {
            let from = (era.start.year - first).clamp(0, columns - 1) + 1;
            let to = (era.end.year - first).clamp(0, columns - 1) + 2;
            writeln!(out, "<li class=\"band\" style=\"--from: {from}; --to: {to}\">{}</li>", Line(&era.label),)?;
        }
        writeln!(out, "</ol>")?;
        era_list(out, chosen)?;
    }
    writeln!(out, "</section>")
}

/// No event to draw a ruler for: the eras as a list.
fn eras_only(out: &mut dyn Write, chosen: &Selection<'_>) -> io::Result<()> {
    if chosen.dataset.eras.is_empty() {
        return Ok(());
    }
    writeln!(out, "<section id=\"ruler\" aria-labelledby=\"ruler-title\">\n<h2 id=\"ruler-title\">Eras</h2>")?;
    era_list(out, chosen)?;
    writeln!(out, "</section>")
}

/// Each era: its label, its span as written, its description.
fn era_list(out: &mut dyn Write, chosen: &Selection<'_>) -> io::Result<()> {
    writeln!(out, "<dl class=\"era-list\">")?;
    for era in &chosen.dataset.eras {
        writeln!(
            out,
            "<div id=\"{}\"><dt><strong>{}</strong> <span class=\"span\">{}–{}</span></dt>",
            anchor("era-", &era.id),
            Line(&era.label),
            time(&era.start),
            time(&era.end),
        )?;
        if let Some(description) = &era.description {
            writeln!(out, "<dd>{}</dd>", Line(description))?;
        }
        writeln!(out, "</div>")?;
    }
    writeln!(out, "</dl>")
}
