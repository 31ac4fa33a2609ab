//! CSV export, RFC 4180 style: one row per quote.
//!
//! - Header: `event_id,date,date_precision,date_certainty,end,kind,date_note,title,themes,
//!   quote,source_id,source_title,source_publisher,source_language,source_date,
//!   source_date_note,date_start,date_end,summary,unsourced,source_title_editorial,
//!   source_authors,source_section,source_url,source_accessed,source_archive_url,draft` (one
//!   line):
//!   the first sixteen columns as before, the others added after them so that a reader that
//!   counts columns still finds the old ones where they were.
//!   `kind` is `happened`, `planned` or `target`; `date_certainty` is `exact`, `approximate`,
//!   `uncertain` or `inferred`. A draft with no date yet has `date` `undated`, and empty
//!   `date_precision`, `date_certainty`, `date_start` and `date_end`.
//! - `date_start` and `date_end` are ISO days (`2020-02-01`, `2020-02-29`) that sort and filter
//!   in a spreadsheet: the first day `date` can mean (empty for an open start, `..2022`, whose
//!   start is unknown) and the last day `end`, or else `date`, can mean. Certainty does not
//!   widen them (`~2020` spans 2020); `date_precision` and `date_certainty` say how far to
//!   trust them.
//! - `draft` is `true` for an event marked `draft = true` (a capture not yet checked and
//!   finished), else `false`: a spreadsheet can leave the drafts out.
//! - `unsourced` is `true` for an event that no quote supports (its one row has empty quote
//!   and source fields), else `false`. `source_title_editorial` is `true` when the page has no
//!   title and `source_title` describes it; `source_authors` joins the byline's names with
//!   `; ` (a name may hold a comma: `Family, Given`).
//! - One row per quote of each event, in event order then quote order; an event with no quote
//!   still gets one row, its quote and source fields empty. Figures, eras and the compare
//!   facts are not in the CSV, a table of quotes (they are in the JSON, Markdown and HTML
//!   exports).
//! - `themes` is the event's theme ids joined with `;` (ids cannot contain `;`). Dates are
//!   written as in the dataset (`~2020`, `2020-06?`, `[2022-09-22]`, `..~2022-09`); `end`,
//!   `date_note`, `source_publisher`, `source_date` and `source_date_note` are empty when absent.
//! - A field is quoted (`"…"`) when it contains `,`, `"`, CR or LF, with `"` doubled inside.
//!   Line breaks inside a text are kept as `\n` within the quoted field.
//! - Records end with `\n`, not the CRLF RFC 4180 suggests (the RFC allows it, and every CSV
//!   reader accepts it); the last record ends with `\n` too.
//! - Every field passes through `crate::text::sanitize::sanitize` first, so no control
//!   character other than `\n` is written (a CR becomes `\n`, a tab four spaces, ESC `␛`).
//! - A field that a spreadsheet would run as a formula, one starting with `=`, `+`, `-`, `@`,
//!   tab, CR or LF (before or after sanitising), gets a `'` in front (OWASP's rule for CSV
//!   injection; quoting alone does not defuse a formula): `=HYPERLINK(…)` is written
//!   `'=HYPERLINK(…)`, and spreadsheets show the text. This holds for every field, the
//!   header's included, and so for a date with a negative year (`'-44`). `--csv-raw`
//!   ([`CsvCells::Raw`]) writes the fields as they are, for tools that read CSV as data.
//! - Rows are written one at a time as they are made.

use std::io::{self, Write};

use super::{CsvCells, Selection, certainty_name, clean, dates, precision_name, theme_ids};
use crate::model::{Dataset, Date, Event, Quote};

/// The header line's columns, in order.
pub(super) const HEADER: [&str; 27] = [
    "event_id",
    "date",
    "date_precision",
    "date_certainty",
    "end",
    "kind",
    "date_note",
    "title",
    "themes",
    "quote",
    "source_id",
    "source_title",
    "source_publisher",
    "source_language",
    "source_date",
    "source_date_note",
    "date_start",
    "date_end",
    "summary",
    "unsourced",
    "source_title_editorial",
    "source_authors",
    "source_section",
    "source_url",
    "source_accessed",
    "source_archive_url",
    "draft",
];

pub(super) fn write(out: &mut dyn Write, selection: &Selection<'_>, cells: CsvCells) -> io::Result<()> {
    let dataset = selection.dataset;
    let mut line = String::new();
    record(&mut line, HEADER, cells);
    out.write_all(line.as_bytes())?;
    for event in &selection.events {
        if event.quotes.is_empty() {
            row(out, &mut line, dataset, event, None, cells)?;
        }
        for quote in &event.quotes {
            row(out, &mut line, dataset, event, Some(quote), cells)?;
        }
    }
    Ok(())
}

/// Writes one row, built in `line` (reused from row to row).
fn row(
    out: &mut dyn Write,
    line: &mut String,
    dataset: &Dataset,
    event: &Event,
    quote: Option<&Quote>,
    cells: CsvCells,
) -> io::Result<()> {
    let date = event.date_written();
    let end = event.end.as_ref().map(Date::to_string).unwrap_or_default();
    let themes = theme_ids(dataset, event).join(";");
    let source = quote.map(|q| &dataset.sources[q.source]);
    let text = quote.map(|q| dataset.quote_text(q)).unwrap_or_default();
    let source_date = source.and_then(|s| s.date.as_ref()).map(Date::to_string).unwrap_or_default();
    let date_start = dates::event_start(event).map(dates::iso).unwrap_or_default();
    let date_end = dates::event_end(event).map(dates::iso).unwrap_or_default();
    let authors = source.map(|s| s.authors.join("; ")).unwrap_or_default();
    let accessed = source.and_then(|s| s.accessed.as_ref()).map(Date::to_string).unwrap_or_default();
    let flag = |yes: bool| if yes { "true" } else { "false" };
    record(
        line,
        [
            &event.id,
            &date,
            if event.undated { "" } else { precision_name(&event.date) },
            if event.undated { "" } else { certainty_name(&event.date) },
            &end,
            event.kind.name(),
            event.date_note.as_deref().unwrap_or(""),
            &event.title,
            &themes,
            &text,
            source.map_or("", |s| &s.id),
            source.map_or("", |s| &s.title),
            source.and_then(|s| s.publisher.as_deref()).unwrap_or(""),
            source.map_or("", |s| &s.language),
            &source_date,
            source.and_then(|s| s.date_note.as_deref()).unwrap_or(""),
            &date_start,
            &date_end,
            &event.summary,
            flag(event.quotes.is_empty()),
            source.map_or("", |s| flag(s.title_editorial)),
            &authors,
            source.and_then(|s| s.section.as_deref()).unwrap_or(""),
            source.and_then(|s| s.url.as_deref()).unwrap_or(""),
            &accessed,
            source.and_then(|s| s.archive_url.as_deref()).unwrap_or(""),
            flag(event.draft),
        ],
        cells,
    );
    out.write_all(line.as_bytes())
}

fn record<const N: usize>(out: &mut String, fields: [&str; N], cells: CsvCells) {
    out.clear();
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, field, cells);
    }
    out.push('\n');
}

/// Whether a spreadsheet would read a cell starting like this as a formula.
fn starts_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r', '\n'])
}

/// Appends one field, sanitised, neutralised if it would start a formula (unless raw), quoted
/// when it must be.
fn push_field(out: &mut String, field: &str, cells: CsvCells) {
    let clean = clean(field);
    let guard = cells == CsvCells::Neutralised && (starts_formula(field) || starts_formula(&clean));
    let field = if guard { format!("'{clean}").into() } else { clean };
    if field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(text: &str) -> String {
        let mut out = String::new();
        push_field(&mut out, text, CsvCells::Neutralised);
        out
    }

    fn raw(text: &str) -> String {
        let mut out = String::new();
        push_field(&mut out, text, CsvCells::Raw);
        out
    }

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(field("plain text"), "plain text");
        assert_eq!(field(""), "");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field("« guillemets » ’"), "« guillemets » ’");
    }

    #[test]
    fn controls_become_placeholders() {
        assert_eq!(field("a\u{1b}[2Jb"), "a␛[2Jb");
        assert_eq!(field("cr\rhere"), "\"cr\nhere\"");
        assert_eq!(field("x\u{9b}y"), "x\\u{9B}y");
    }

    #[test]
    fn formulas_are_neutralised_unless_raw() {
        assert_eq!(field("=1+1"), "'=1+1");
        assert_eq!(field("+33 1 23"), "'+33 1 23");
        assert_eq!(field("-2+3"), "'-2+3");
        assert_eq!(field("@SUM(A1:A9)"), "'@SUM(A1:A9)");
        assert_eq!(field("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        assert_eq!(field("\t=cmd"), "'    =cmd", "a tab becomes spaces; the cell is still guarded");
        assert_eq!(field("\r=cmd"), "\"'\n=cmd\"");
        assert_eq!(field("\n=cmd"), "\"'\n=cmd\"");
        assert_eq!(field("a=b"), "a=b");
        assert_eq!(field(" =x"), " =x");
        assert_eq!(field("'quoted"), "'quoted");
        assert_eq!(raw("=1+1"), "=1+1");
        assert_eq!(raw("-2,3"), "\"-2,3\"");
    }

    #[test]
    fn an_empty_selection_is_the_header_alone() {
        let mut out = Vec::new();
        write(&mut out, &Selection::new(&Dataset::default(), &[]), CsvCells::Neutralised).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), format!("{}\n", HEADER.join(",")));
    }
}
