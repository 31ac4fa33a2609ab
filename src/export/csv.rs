//! CSV export, RFC 4180 style: one row per quote.
//!
//! - Header: `event_id,date,date_precision,date_certainty,end,title,themes,quote,source_id,
//!   source_title,source_publisher,source_language,source_date` (one line).
//! - One row per quote of each event, in event order then quote order; an event with no quote
//!   still gets one row, its quote and source fields empty. Figures are not in the CSV (their
//!   quotes are in the JSON and Markdown exports).
//! - `themes` is the event's theme ids joined with `;` (ids cannot contain `;`). Dates are
//!   written as in the dataset (`~2020`, `2020-06?`); `end`, `source_publisher` and
//!   `source_date` are empty when absent.
//! - A field is quoted (`"…"`) when it contains `,`, `"`, CR or LF, with `"` doubled inside.
//!   Line breaks inside a text are kept as `\n` within the quoted field.
//! - Records end with `\n`, not the CRLF RFC 4180 suggests (the RFC allows it, and every CSV
//!   reader accepts it); the last record ends with `\n` too.
//! - Every field passes through `crate::text::sanitize::sanitize` first, so no control
//!   character other than `\n` is written (a CR becomes `\n`, a tab four spaces, ESC `␛`).
//! - Fields are written as they are: a text starting with `=`, `+`, `-` or `@` is not altered
//!   to defuse spreadsheet formulas, since that would change the data.

use super::{certainty_name, clean, precision_name, theme_ids};
use crate::model::{Dataset, Date, Event, Quote};

/// The header line's columns, in order.
pub(super) const HEADER: [&str; 13] = [
    "event_id",
    "date",
    "date_precision",
    "date_certainty",
    "end",
    "title",
    "themes",
    "quote",
    "source_id",
    "source_title",
    "source_publisher",
    "source_language",
    "source_date",
];

pub(super) fn write(dataset: &Dataset, events: &[&Event]) -> String {
    let mut out = String::new();
    record(&mut out, HEADER);
    for event in events {
        if event.quotes.is_empty() {
            row(&mut out, dataset, event, None);
        }
        for quote in &event.quotes {
            row(&mut out, dataset, event, Some(quote));
        }
    }
    out
}

fn row(out: &mut String, dataset: &Dataset, event: &Event, quote: Option<&Quote>) {
    let date = event.date.to_string();
    let end = event.end.as_ref().map(Date::to_string).unwrap_or_default();
    let themes = theme_ids(dataset, event).join(";");
    let source = quote.map(|q| &dataset.sources[q.source]);
    let text = quote.map(|q| dataset.quote_text(q)).unwrap_or_default();
    let source_date = source.and_then(|s| s.date.as_ref()).map(Date::to_string).unwrap_or_default();
    record(
        out,
        [
            &event.id,
            &date,
            precision_name(&event.date),
            certainty_name(&event.date),
            &end,
            &event.title,
            &themes,
            &text,
            source.map_or("", |s| &s.id),
            source.map_or("", |s| &s.title),
            source.and_then(|s| s.publisher.as_deref()).unwrap_or(""),
            source.map_or("", |s| &s.language),
            &source_date,
        ],
    );
}

fn record<const N: usize>(out: &mut String, fields: [&str; N]) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, field);
    }
    out.push('\n');
}

/// Appends one field, sanitised, quoted when it must be.
fn push_field(out: &mut String, field: &str) {
    let field = clean(field);
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
        push_field(&mut out, text);
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
    fn an_empty_selection_is_the_header_alone() {
        let out = write(&Dataset::default(), &[]);
        assert_eq!(out, format!("{}\n", HEADER.join(",")));
    }
}
