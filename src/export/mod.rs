//! Writes a selection of events out of the app: Markdown to read, JSON and CSV to process.
//!
//! Every format carries the events in the order given, each with its date at its precision
//! (`2016-09-12`, `2021-05`, `~2020`, `2020?`, `[2022-09-22]`, `..~2022-09`), its certainty,
//! kind (happened, planned, target) and date note, its themes, its quotes and the sources they
//! come from with their dates and date notes. Nothing here opens files: [`write`] streams to any `io::Write` (a file through
//! `crate::write`, stdout), block by block or row by row, without building the whole output.
//!
//! No format emits a raw control character, even for a dataset built in code rather than
//! loaded (loading already sanitises every string):
//! - JSON escapes C0 controls by construction; the writer also escapes DEL, the C1 controls and
//!   the bidi / invisible format characters of `crate::text::sanitize` as `\uXXXX`, so the
//!   strings still round-trip exactly;
//! - CSV and Markdown pass every string through [`crate::text::sanitize::sanitize`] (controls
//!   become visible placeholders such as `␛`; `\n` is kept where the format can carry it).
//!
//! Nor can a dataset turn an export against its reader: CSV cells that a spreadsheet would run
//! as formulas are neutralised (unless [`CsvCells::Raw`] is asked for), and Markdown escapes
//! mentions and `$…$` formulas as well as its own syntax (see the `csv` and `markdown` modules).
//!
//! The JSON schema is documented in `docs/export-json.md`.

mod bibliography;
mod csv;
mod dates;
mod facts;
mod html;
mod json;
mod markdown;
mod references;
mod timelinejs;

use std::borrow::Cow;
use std::io;

use crate::model::{Certainty, Dataset, Date, Event, Precision};
use crate::text::sanitize::sanitize;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
    Csv,
    /// One self-contained page (`html` module).
    Html,
    /// TimelineJS 3's JSON (`timelinejs` module).
    TimelineJs,
    /// The quoted sources as CSL-JSON (`bibliography` module).
    CslJson,
    /// The quoted sources as BibTeX / biblatex (`bibliography` module).
    Bibtex,
}

impl Format {
    /// Every format, in the order help texts list them.
    pub const ALL: [Format; 7] = [
        Format::Markdown,
        Format::Json,
        Format::Csv,
        Format::Html,
        Format::TimelineJs,
        Format::CslJson,
        Format::Bibtex,
    ];

    /// The names `parse` accepts, canonical first for each format.
    pub const NAMES: [&'static str; 8] = ["md", "markdown", "json", "csv", "html", "timelinejs", "csl-json", "bibtex"];

    /// `"md"` or `"markdown"`, `"json"`, `"csv"`, `"html"`, `"timelinejs"`, `"csl-json"`,
    /// `"bibtex"` (exactly, lower case).
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "md" | "markdown" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            "html" => Some(Format::Html),
            "timelinejs" => Some(Format::TimelineJs),
            "csl-json" => Some(Format::CslJson),
            "bibtex" => Some(Format::Bibtex),
            _ => None,
        }
    }

    /// The canonical name.
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Html => "html",
            Format::TimelineJs => "timelinejs",
            Format::CslJson => "csl-json",
            Format::Bibtex => "bibtex",
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::TimelineJs | Format::CslJson => "json",
            Format::Bibtex => "bib",
            other => other.name(),
        }
    }

    /// A file name for an export of the dataset `stem` in this format: `stem-export.md`,
    /// `stem-timelinejs.json`, `stem-sources.bib`: formats that share an extension get names
    /// of their own, so that one export does not offer to replace another's file.
    pub fn file_name(self, stem: &str) -> String {
        let kind = match self {
            Format::TimelineJs => "timelinejs",
            Format::CslJson | Format::Bibtex => "sources",
            _ => "export",
        };
        format!("{stem}-{kind}.{}", self.extension())
    }

    /// Whether the file holds the quoted sources rather than the events.
    pub fn lists_sources(self) -> bool {
        matches!(self, Format::CslJson | Format::Bibtex)
    }
}

/// What an export held, beyond its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// How many sources: those the events quote (in quotes or figures), and those the compare
    /// facts that go with them quote (what a bibliography lists).
    pub sources: usize,
}

/// What a spreadsheet gets in a CSV cell that would start a formula (`=`, `+`, `-`, `@`, tab,
/// CR, LF).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CsvCells {
    /// A `'` before it (OWASP's rule): spreadsheets show the text instead of running it.
    #[default]
    Neutralised,
    /// The text as it is (`--csv-raw`), for tools that read CSV as data.
    Raw,
}

/// How an export is written, beyond its format.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// What the events are a selection of ("4 of 16 events · 2020 · investment"): Markdown
    /// says so under the title; JSON and CSV carry the events alone.
    pub selection: Option<&'a str>,
    /// CSV cells that would start a formula.
    pub csv_cells: CsvCells,
    /// The style of the citation under each quote in Markdown.
    pub citation_style: crate::cite::CitationStyle,
}

/// What `format` leaves out of `events` (indexes into `dataset.events`), and why, said for
/// the user, if anything: TimelineJS the drafts with no date yet.
pub fn left_out(dataset: &Dataset, events: &[usize], format: Format) -> Option<(String, &'static str)> {
    match format {
        Format::TimelineJs => {
            timelinejs::drafts_left_out(events.iter().filter(|&&e| dataset.events[e].undated).count())
        }
        _ => None,
    }
}

/// Writes the given events (indexes into dataset.events, in that order) with their dates at
/// their precision, themes, quotes and sources, to `out` as it goes, and says what it held
/// ([`Written`]). Write errors come back as they happen; `out` may hold part of the export
/// then.
///
/// # Panics
/// If an index is out of range for `dataset.events` (or the dataset's own indexes are: the
/// loader guarantees they are not).
pub fn write(
    out: &mut dyn io::Write,
    dataset: &Dataset,
    events: &[usize],
    format: Format,
    options: &Options<'_>,
) -> io::Result<Written> {
    let selection = Selection::new(dataset, events);
    match format {
        Format::Markdown => markdown::write(out, &selection, options.selection, options.citation_style),
        Format::Json => json::write(out, &selection),
        Format::Csv => csv::write(out, &selection, options.csv_cells),
        Format::Html => {
            let page = html::Page { shown: options.selection, style: options.citation_style };
            html::write(out, &selection, &page)
        }
        Format::TimelineJs => timelinejs::write(out, &selection, options),
        Format::CslJson => bibliography::write_csl(out, &selection),
        Format::Bibtex => bibliography::write_bibtex(out, &selection),
    }?;
    Ok(Written { sources: selection.sources.len() })
}

/// What an export holds: the chosen events, the compare facts that go with them and every
/// source either quotes.
struct Selection<'a> {
    dataset: &'a Dataset,
    events: Vec<&'a Event>,
    /// Indexes into `dataset.facts` (see the `facts` module for which).
    facts: Vec<usize>,
    /// Indexes into `dataset.sources`: those the events quote (in quotes or figures) or the
    /// facts' claims quote, in dataset order.
    sources: Vec<usize>,
}

impl<'a> Selection<'a> {
    fn new(dataset: &'a Dataset, indexes: &[usize]) -> Selection<'a> {
        let mut exported = vec![false; dataset.events.len()];
        for &i in indexes {
            exported[i] = true;
        }
        let events: Vec<&Event> = indexes.iter().map(|&i| &dataset.events[i]).collect();
        let quoted = quoted_sources(dataset, &events);
        let facts = facts::selected(dataset, &exported, &quoted);
        let sources = referenced_sources(dataset, quoted, &facts);
        Selection { dataset, events, facts, sources }
    }
}

/// [`write`] with the default options, into a string: for tests and small selections.
pub fn export(dataset: &Dataset, events: &[usize], format: Format) -> String {
    let mut out = Vec::new();
    write(&mut out, dataset, events, format, &Options::default()).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("every format writes UTF-8")
}

/// `"year"`, `"month"` or `"day"`.
fn precision_name(date: &Date) -> &'static str {
    match date.precision() {
        Precision::Year => "year",
        Precision::Month => "month",
        Precision::Day => "day",
    }
}

/// `"exact"`, `"approximate"`, `"uncertain"` or `"inferred"`.
fn certainty_name(date: &Date) -> &'static str {
    match date.certainty {
        Certainty::Exact => "exact",
        Certainty::Approximate => "approximate",
        Certainty::Uncertain => "uncertain",
        Certainty::Inferred => "inferred",
    }
}

/// Which sources the events quote, in quotes or figures (by source index).
fn quoted_sources(dataset: &Dataset, events: &[&Event]) -> Vec<bool> {
    let mut used = vec![false; dataset.sources.len()];
    for event in events {
        for quote in event.quotes.iter().chain(event.figures.iter().map(|f| &f.quote)) {
            used[quote.source] = true;
        }
    }
    used
}

/// Indexes of the sources the events quote (`quoted`) or the facts' claims quote, in dataset
/// order.
fn referenced_sources(dataset: &Dataset, mut used: Vec<bool>, facts: &[usize]) -> Vec<usize> {
    for claim in facts.iter().flat_map(|&f| &dataset.facts[f].claims) {
        used[claim.quote.source] = true;
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
        assert_eq!(Format::parse("html"), Some(Format::Html));
        assert_eq!(Format::parse("HTML"), None);
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
        let date = Date::parse("[2022-09-22]").unwrap();
        assert_eq!((precision_name(&date), certainty_name(&date)), ("day", "inferred"));
    }
}
