//! Writes a selection of events out of the app: Markdown to read, JSON and CSV to process.
//!
//! Every format carries the events in the order given, each with its date at its precision
//! (`2016-09-12`, `2021-05`, `~2020`, `2020?`), its themes, its quotes and the sources they come
//! from. Nothing here writes files: `export` returns the text, the caller decides where it goes.
//!
//! No format emits a raw control character, even for a dataset built in code rather than
//! loaded (loading already sanitises every string):
//! - JSON escapes C0 controls by construction; the writer also escapes DEL, the C1 controls and
//!   the bidi / invisible format characters of `crate::text::sanitize` as `\uXXXX`, so the
//!   strings still round-trip exactly;
//! - CSV and Markdown pass every string through [`crate::text::sanitize::sanitize`] (controls
//!   become visible placeholders such as `␛`; `\n` is kept where the format can carry it).
//!
//! The JSON schema is documented in `docs/export-json.md`.

mod csv;
mod json;
mod markdown;

use std::borrow::Cow;

use crate::model::{Certainty, Dataset, Date, Event, Precision};
use crate::text::sanitize::sanitize;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
    Csv,
}

impl Format {
    /// The names `parse` accepts, canonical first for each format.
    pub const NAMES: [&'static str; 4] = ["md", "markdown", "json", "csv"];

    /// `"md"` or `"markdown"`, `"json"`, `"csv"` (exactly, lower case).
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "md" | "markdown" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// The canonical name, which is also the usual file extension.
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }
}

/// Writes the given events (indexes into dataset.events, in that order) with their dates at
/// their precision, themes, quotes and sources.
///
/// # Panics
/// If an index is out of range for `dataset.events` (or the dataset's own indexes are: the
/// loader guarantees they are not).
pub fn export(dataset: &Dataset, events: &[usize], format: Format) -> String {
    export_selection(dataset, events, format, None)
}

/// [`export`] of a selection that `selection` describes ("4 of 16 events · 2020 ·
/// investment"): Markdown says so under the title; JSON and CSV carry the events alone.
pub fn export_selection(dataset: &Dataset, events: &[usize], format: Format, selection: Option<&str>) -> String {
    let events: Vec<&Event> = events.iter().map(|&i| &dataset.events[i]).collect();
    match format {
        Format::Markdown => markdown::write(dataset, &events, selection),
        Format::Json => json::write(dataset, &events),
        Format::Csv => csv::write(dataset, &events),
    }
}

/// `"year"`, `"month"` or `"day"`.
fn precision_name(date: &Date) -> &'static str {
    match date.precision() {
        Precision::Year => "year",
        Precision::Month => "month",
        Precision::Day => "day",
    }
}

/// `"exact"`, `"approximate"` or `"uncertain"`.
fn certainty_name(date: &Date) -> &'static str {
    match date.certainty {
        Certainty::Exact => "exact",
        Certainty::Approximate => "approximate",
        Certainty::Uncertain => "uncertain",
    }
}

/// Indexes of the sources the events quote (in quotes or figures), in dataset order.
fn referenced_sources(dataset: &Dataset, events: &[&Event]) -> Vec<usize> {
    let mut used = vec![false; dataset.sources.len()];
    for event in events {
        let quotes = event.quotes.iter().chain(event.figures.iter().map(|f| &f.quote));
        for quote in quotes {
            used[quote.source] = true;
        }
    }
    used.iter().enumerate().filter(|&(_, &u)| u).map(|(i, _)| i).collect()
}

/// Dataset text with the sanitising rule applied (a no-op for loaded datasets).
fn clean(text: &str) -> Cow<'_, str> {
    sanitize(text)
}

/// The theme ids of an event.
fn theme_ids<'a>(dataset: &'a Dataset, event: &Event) -> Vec<&'a str> {
    event.themes.iter().map(|&t| dataset.themes[t].id.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_parse() {
        assert_eq!(Format::parse("md"), Some(Format::Markdown));
        assert_eq!(Format::parse("markdown"), Some(Format::Markdown));
        assert_eq!(Format::parse("json"), Some(Format::Json));
        assert_eq!(Format::parse("csv"), Some(Format::Csv));
        assert_eq!(Format::parse("html"), None);
        assert_eq!(Format::parse(""), None);
        for name in Format::NAMES {
            let format = Format::parse(name).unwrap();
            assert_eq!(Format::parse(format.name()), Some(format));
        }
    }

    #[test]
    fn precision_and_certainty_names() {
        let date = Date::parse("~2020-06").unwrap();
        assert_eq!((precision_name(&date), certainty_name(&date)), ("month", "approximate"));
        let date = Date::parse("2020-06-01?").unwrap();
        assert_eq!((precision_name(&date), certainty_name(&date)), ("day", "uncertain"));
        let date = Date::parse("2020").unwrap();
        assert_eq!((precision_name(&date), certainty_name(&date)), ("year", "exact"));
    }
}
