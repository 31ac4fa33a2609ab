//! The top level of a dataset and its simple records: `[dataset]`, `[[theme]]`, `[[era]]`,
//! `[[source]]`. Events and facts have files of their own.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::Collector;
use super::events::read_events;
use super::facts::read_facts;
use super::fields::{Fields, a, did_you_mean, tables_of};
use super::quotes::QuoteChecker;
use crate::model::{Dataset, Era, Source, Theme};

const TOP_LEVEL: &[&str] = &["dataset", "theme", "era", "source", "event", "fact"];

/// Ids of one kind of record: unique, well formed, and looked up by references.
pub(crate) struct Ids {
    kind: &'static str,
    seen: HashMap<String, (usize, Range<usize>)>,
}

impl Ids {
    pub fn new(kind: &'static str) -> Self {
        Ids { kind, seen: HashMap::new() }
    }

    /// Reads a record's `id`, names the record for messages, and checks the id is new.
    pub fn read(
        &mut self,
        out: &mut Collector<'_>,
        table: &DeTable<'_>,
        span: Range<usize>,
        n: usize,
    ) -> (String, Option<String>) {
        let fallback = format!("{} #{n}", self.kind);
        let Some(value) = table.get("id") else {
            out.error(span, format!("{fallback}: missing required field \"id\" (expected a string)"));
            return (fallback, None);
        };
        let DeValue::String(id) = value.get_ref() else {
            out.error(
                value.span(),
                format!(
                    "{fallback}: field \"id\" is {} (expected a string such as \"my-{}\")",
                    a(value.get_ref().type_str()),
                    self.kind
                ),
            );
            return (fallback, None);
        };
        let id = id.to_string();
        let context = format!("{} \"{id}\"", self.kind);
        if id.is_empty() || !id.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.')) {
            out.error(
                value.span(),
                format!(
                    "{fallback}: id \"{}\" is not valid (expected letters, digits, '-', '_' or '.')",
                    id.escape_debug()
                ),
            );
            return (fallback, None);
        }
        if let Some((_, first)) = self.seen.get(&id) {
            let line = out.line_of(first.start);
            out.error(
                value.span(),
                format!(
                    "{context}: duplicate id (expected each {} id once; the first {} \"{id}\" is at line {line})",
                    self.kind, self.kind
                ),
            );
            return (context, None);
        }
        self.seen.insert(id.clone(), (self.seen.len(), value.span()));
        (context, Some(id))
    }

    /// The index of the record a reference names, or a diagnostic with the closest id.
    pub fn resolve(
        &self,
        out: &mut Collector<'_>,
        context: &str,
        field: &str,
        reference: &Spanned<String>,
    ) -> Option<usize> {
        let name = reference.get_ref();
        if let Some((index, _)) = self.seen.get(name) {
            return Some(*index);
        }
        let hint = match did_you_mean(name, self.seen.keys().map(String::as_str)) {
            Some(close) => format!("did you mean \"{close}\"?"),
            None => {
                let mut known: Vec<&str> = self.seen.keys().map(String::as_str).collect();
                known.sort_unstable();
                if known.is_empty() {
                    format!("no [[{}]] is defined", self.kind)
                } else {
                    format!("expected one of: {}", known.join(", "))
                }
            }
        };
        out.error(reference.span(), format!("{context}: {field} \"{name}\" is not a known {} ({hint})", self.kind));
        None
    }
}

/// Reads every record; problems go to `out`, and the dataset is only used if there are none.
pub(crate) fn read_dataset(out: &mut Collector<'_>, root: &DeTable<'_>) -> Dataset {
    let top = Fields::new(out, root, 0..0, "the file".to_string(), TOP_LEVEL);
    let mut dataset = Dataset::default();
    match top.get("dataset") {
        Some(value) => match value.get_ref() {
            DeValue::Table(table) => {
                let meta = Fields::new(out, table, value.span(), "[dataset]".into(), &["title", "description"]);
                dataset.title = meta.text(out, "title").map(Spanned::into_inner).unwrap_or_default();
                dataset.description =
                    meta.string(out, "description", true).map(Spanned::into_inner).unwrap_or_default();
            }
            _ => out.error(
                value.span(),
                format!(
                    "the file: \"dataset\" is {} (expected a table, written [dataset], with title and description)",
                    a(value.get_ref().type_str())
                ),
            ),
        },
        None => {
            out.error(0..0, "the file: missing the [dataset] table (expected [dataset] with title and description)")
        }
    }

    let mut theme_ids = Ids::new("theme");
    for (n, (table, span)) in records(out, &top, "theme").into_iter().enumerate() {
        let (context, id) = theme_ids.read(out, table, span.clone(), n + 1);
        let f = Fields::new(out, table, span, context, &["id", "label", "description", "color"]);
        let label = f.text(out, "label");
        let description = f.string(out, "description", true);
        let color = f.string(out, "color", false);
        if let Some(color) = &color
            && color.get_ref().parse::<ratatui::style::Color>().is_err()
        {
            out.error(
                color.span(),
                format!(
                    "{}: color \"{}\" is not a colour (expected a name such as \"yellow\" or \"#rrggbb\")",
                    f.context,
                    color.get_ref()
                ),
            );
        }
        if let (Some(id), Some(label), Some(description)) = (id, label, description) {
            let color = color.map(Spanned::into_inner);
            dataset.themes.push(Theme { id, label: label.into_inner(), description: description.into_inner(), color });
        }
    }

    let mut era_ids = Ids::new("era");
    for (n, (table, span)) in records(out, &top, "era").into_iter().enumerate() {
        let (context, id) = era_ids.read(out, table, span.clone(), n + 1);
        let f = Fields::new(out, table, span, context, &["id", "label", "start", "end", "description"]);
        let label = f.text(out, "label");
        let start = f.date(out, "start", true);
        let end = f.date(out, "end", true);
        let description = f.optional_text(out, "description");
        if let (Some(start), Some(end)) = (&start, &end)
            && end.get_ref().end_key() < start.get_ref().sort_key()
        {
            out.error(
                end.span(),
                format!(
                    "{}: end \"{}\" is before start \"{}\" (expected an end on or after the start)",
                    f.context,
                    end.get_ref(),
                    start.get_ref()
                ),
            );
        }
        if let (Some(id), Some(label), Some(start), Some(end)) = (id, label, start, end) {
            let (start, end) = (start.into_inner(), end.into_inner());
            dataset.eras.push(Era { id, label: label.into_inner(), start, end, description });
        }
    }
    dataset.eras.sort_by_key(|era| era.start);

    let mut source_ids = Ids::new("source");
    for (n, (table, span)) in records(out, &top, "source").into_iter().enumerate() {
        let (context, id) = source_ids.read(out, table, span.clone(), n + 1);
        let f = Fields::new(
            out,
            table,
            span,
            context,
            &["id", "title", "publisher", "language", "date", "date_note", "text"],
        );
        let title = f.text(out, "title");
        let publisher = f.optional_text(out, "publisher");
        let language = f.text(out, "language");
        if let Some(language) = &language {
            let code = language.get_ref();
            let mut parts = code.split('-');
            let primary = parts.next().unwrap_or_default();
            let well_formed = (2..=3).contains(&primary.len())
                && primary.chars().all(|c| c.is_ascii_lowercase())
                && parts.all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()));
            if !well_formed {
                out.error(
                    language.span(),
                    format!(
                        "{}: language \"{code}\" is not a language code (expected e.g. \"fr\", \"en\" or \"zh-Hans\")",
                        f.context
                    ),
                );
            }
        }
        let date = f.date(out, "date", false);
        let date_note = f.optional_text(out, "date_note");
        let text = f.text(out, "text");
        if let (Some(id), Some(title), Some(language), Some(text)) = (id, title, language, text) {
            dataset.sources.push(Source {
                id,
                title: title.into_inner(),
                publisher,
                language: language.into_inner(),
                date: date.map(Spanned::into_inner),
                date_note,
                text: text.into_inner(),
            });
        }
    }

    let quotes = QuoteChecker::new(&dataset.sources, &source_ids);
    let (events, event_ids) = read_events(out, &top, &theme_ids, &quotes);
    dataset.events = events;
    dataset.facts = read_facts(out, &top, &event_ids, &dataset.events, &quotes);
    dataset
}

/// The tables of a top-level array of tables such as `[[event]]`.
pub(crate) fn records<'t, 'i>(
    out: &mut Collector<'_>,
    top: &Fields<'t, 'i>,
    key: &str,
) -> Vec<(&'t DeTable<'i>, Range<usize>)> {
    match top.get(key) {
        None => Vec::new(),
        Some(value) => tables_of(out, "the file", key, key, value),
    }
}
