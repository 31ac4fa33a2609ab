//! The top level of a dataset and its simple records: `[dataset]`, `[[theme]]`, `[[era]]`,
//! `[[source]]`. Events and facts have files of their own.
//!
//! Reading happens in two steps. [`read_chunk`] reads the records of one parsed chunk of the
//! file (or of the whole file) on its own: field types, dates, text, unknown keys, everything a
//! record can say about itself. [`Merged`] then takes the chunks in file order, checks that ids
//! are unique, and hands over what references need to be resolved: theme and source ids for
//! events, event ids for facts, and the sources for quotes.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::{Collector, Found};
use super::events::{RawEvent, read_event};
use super::facts::{RawFact, read_fact};
use super::fields::{Fields, a, tables_of};
use super::ids::{IdAt, Ids, read_id};
use super::names::Names;
use super::split::{Chunk, KINDS, rank};
use crate::model::{Era, Source, Theme};

const TOP_LEVEL: &[&str] = &["dataset", "theme", "era", "source", "event", "fact"];

/// One record of a simple kind: its id, and the record if every field of it is valid.
pub(crate) struct Record<T> {
    pub id: Option<IdAt>,
    pub record: Option<T>,
}

/// What one chunk of the file holds, read but not yet checked against the other chunks.
#[derive(Default)]
pub(crate) struct ChunkRead {
    pub found: Vec<Found>,
    /// The chunk's top-level keys, each with whether it is an array of tables written with
    /// `[[key]]` headers (the only kind of key that several chunks may share).
    pub keys: Vec<(String, bool)>,
    /// Tables read per record kind (in [`KINDS`] order), to check the chunk's header count.
    pub tables: [usize; 5],
    /// `[dataset]`, if this chunk has the key: its title and description, if valid.
    pub dataset: Option<(Option<String>, Option<String>)>,
    pub themes: Vec<Record<Theme>>,
    pub eras: Vec<Record<Era>>,
    pub sources: Vec<Record<Source>>,
    pub events: Vec<RawEvent>,
    pub facts: Vec<RawFact>,
    /// The ids its events and facts refer to.
    pub names: Names,
    /// `include` of `[dataset]`: the patterns as written, spans in the whole file.
    pub include: Option<Vec<Spanned<String>>>,
    /// The included file this chunk is (`None`: the main file), named as in messages.
    pub file: Option<std::sync::Arc<str>>,
    /// Sources whose text is in a file of their own (`text_file`), read once every chunk is.
    pub text_files: Vec<super::text_file::Pending>,
}

/// Reads every record of a parsed chunk: `text` is the chunk's text, `root` its tree. `numbers`
/// is how many tables of each kind come before the chunk in the file (records without an id
/// are named by their number in messages).
pub(crate) fn read_chunk(text: &str, chunk: &Chunk, root: &DeTable<'_>, numbers: [usize; 5]) -> ChunkRead {
    let mut out = Collector::for_chunk(text, chunk.start, chunk.line);
    let mut read = ChunkRead::default();
    for (key, value) in root.iter() {
        let header_array = match value.get_ref() {
            DeValue::Array(items) => {
                !items.is_empty()
                    && items.iter().all(|item| {
                        matches!(item.get_ref(), DeValue::Table(_))
                            && text.get(item.span().start..).is_some_and(|rest| rest.starts_with("[["))
                    })
            }
            _ => false,
        };
        read.keys.push((key.get_ref().to_string(), header_array));
    }
    let top = Fields::new(&mut out, root, 0..0, "the file".to_string(), TOP_LEVEL);
    if let Some(value) = top.get("dataset") {
        read.dataset = Some(match value.get_ref() {
            DeValue::Table(table) => {
                let meta = Fields::new(
                    &mut out,
                    table,
                    value.span(),
                    "[dataset]".into(),
                    &["title", "description", "include"],
                );
                let title = meta.text(&mut out, "title").map(Spanned::into_inner);
                let description = meta.string(&mut out, "description", true).map(Spanned::into_inner);
                if meta.get("include").is_some() {
                    let patterns =
                        meta.string_list(&mut out, "include", "an array of paths such as [\"events/*.toml\"]");
                    read.include = patterns.map(|patterns| {
                        patterns
                            .into_iter()
                            .map(|p| Spanned::new(out.global(p.span()), p.into_inner().into_owned()))
                            .collect()
                    });
                }
                (title, description)
            }
            _ => {
                out.error(
                    value.span(),
                    format!(
                        "the file: \"dataset\" is {} (expected a table, written [dataset], with title and description)",
                        a(value.get_ref().type_str())
                    ),
                );
                (None, None)
            }
        });
    }

    for (k, kind) in KINDS.iter().enumerate() {
        out.set_rank(rank(kind));
        let tables = match top.get(kind) {
            None => Vec::new(),
            Some(value) => tables_of(&mut out, "the file", kind, kind, value),
        };
        read.tables[k] = tables.len();
        for (i, (table, span)) in tables.into_iter().enumerate() {
            let n = numbers[k] + i + 1;
            match *kind {
                "theme" => read.themes.push(read_theme(&mut out, table, span, n)),
                "era" => read.eras.push(read_era(&mut out, table, span, n)),
                "source" => {
                    let (record, text_file) = read_source(&mut out, table, span, n);
                    if let Some(pending) = text_file {
                        read.text_files.push(super::text_file::Pending { index: read.sources.len(), ..pending });
                    }
                    read.sources.push(record);
                }
                "event" => read.events.push(read_event(&mut out, &mut read.names, table, span, n)),
                _ => read.facts.push(read_fact(&mut out, &mut read.names, table, span, n)),
            }
        }
    }
    read.found = out.into_found();
    read
}

fn read_theme(out: &mut Collector<'_>, table: &DeTable<'_>, span: Range<usize>, n: usize) -> Record<Theme> {
    let (context, id) = read_id(out, "theme", table, span.clone(), n);
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
                super::clip(color.get_ref())
            ),
        );
    }
    let record = match (&id, label, description) {
        (Some(id), Some(label), Some(description)) => Some(Theme {
            id: id.id.clone(),
            label: label.into_inner(),
            description: description.into_inner(),
            color: color.map(Spanned::into_inner),
        }),
        _ => None,
    };
    Record { id, record }
}

fn read_era(out: &mut Collector<'_>, table: &DeTable<'_>, span: Range<usize>, n: usize) -> Record<Era> {
    let (context, id) = read_id(out, "era", table, span.clone(), n);
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
    let record = match (&id, label, start, end) {
        (Some(id), Some(label), Some(start), Some(end)) => Some(Era {
            id: id.id.clone(),
            label: label.into_inner(),
            start: start.into_inner(),
            end: end.into_inner(),
            description,
        }),
        _ => None,
    };
    Record { id, record }
}

/// The fields a `[[source]]` may have.
const SOURCE_FIELDS: &[&str] = &[
    "id",
    "title",
    "title_editorial",
    "publisher",
    "language",
    "date",
    "date_note",
    "authors",
    "section",
    "url",
    "accessed",
    "archive_url",
    "text",
    "text_file",
    "page_lines",
];

/// Reads a `[[source]]`; with `text_file`, its text is left empty and what to read is given
/// back (its `index` is set by the caller).
fn read_source(
    out: &mut Collector<'_>,
    table: &DeTable<'_>,
    span: Range<usize>,
    n: usize,
) -> (Record<Source>, Option<super::text_file::Pending>) {
    let (context, id) = read_id(out, "source", table, span.clone(), n);
    let f = Fields::new(out, table, span, context, SOURCE_FIELDS);
    let title = f.text(out, "title");
    let title_editorial = f.flag(out, "title_editorial");
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
                    "{}: language \"{}\" is not a language code (expected e.g. \"fr\", \"en\" or \"zh-Hans\")",
                    f.context,
                    super::clip(code)
                ),
            );
        }
    }
    let date = f.date(out, "date", false);
    let date_note = f.optional_text(out, "date_note");
    let authors = match f.get("authors") {
        None => Some(Vec::new()),
        Some(_) => f.string_list(out, "authors", "an array of names such as [\"Dupont, Marie\"]").map(|list| {
            let mut authors = Vec::with_capacity(list.len());
            for name in list {
                if name.get_ref().trim().is_empty() {
                    out.error(name.span(), format!("{}: an author is empty (expected a name)", f.context));
                } else {
                    authors.push(name.into_inner().into_owned());
                }
            }
            authors
        }),
    };
    let section = f.optional_text(out, "section");
    let url = f.url(out, "url");
    let archive_url = f.url(out, "archive_url");
    let accessed = f.date(out, "accessed", false);
    if let (Some(date), Some(accessed)) = (&date, &accessed)
        && accessed.get_ref().end_key() < date.get_ref().sort_key()
    {
        out.error(
            accessed.span(),
            format!(
                "{}: accessed \"{}\" is before the publication date \"{}\" (expected the day the page was read, on or after it)",
                f.context,
                accessed.get_ref(),
                date.get_ref()
            ),
        );
    }
    let (text, text_file) = super::text_file::read_field(out, &f);
    let page_lines = f.optional_text(out, "page_lines");
    let record = match (&id, title, language, text, authors) {
        (Some(id), Some(title), Some(language), Some(text), Some(authors)) => Some(Source {
            id: id.id.clone(),
            title: title.into_inner(),
            title_editorial,
            publisher,
            language: language.into_inner(),
            date: date.map(Spanned::into_inner),
            date_note,
            authors,
            section,
            url,
            accessed: accessed.map(Spanned::into_inner),
            archive_url,
            text: text.into_inner(),
            page_lines,
        }),
        _ => None,
    };
    (Record { id, record }, text_file)
}

/// Every chunk's records, in file order, with ids checked to be unique across the file.
pub(crate) struct Merged {
    pub found: Vec<Found>,
    pub dataset: Option<(Option<String>, Option<String>)>,
    pub themes: Vec<Theme>,
    pub eras: Vec<Era>,
    pub sources: Vec<Source>,
    /// The events of each chunk, and the names each chunk's events and facts refer to.
    pub events: Vec<Vec<RawEvent>>,
    pub names: Vec<Names>,
    /// Each fact with the chunk it comes from.
    pub facts: Vec<(usize, RawFact)>,
    pub theme_ids: Ids,
    pub source_ids: Ids,
    pub event_ids: Ids,
    era_ids: Ids,
    pub fact_ids: Ids,
}

impl Merged {
    pub fn new() -> Self {
        Merged {
            found: Vec::new(),
            dataset: None,
            themes: Vec::new(),
            eras: Vec::new(),
            sources: Vec::new(),
            events: Vec::new(),
            names: Vec::new(),
            facts: Vec::new(),
            theme_ids: Ids::new("theme"),
            source_ids: Ids::new("source"),
            event_ids: Ids::new("event"),
            era_ids: Ids::new("era"),
            fact_ids: Ids::new("fact"),
        }
    }

    /// Adds the next chunk (in file order). `out` collects duplicate ids.
    pub fn add(&mut self, out: &mut Collector<'_>, chunk: ChunkRead) {
        self.found.extend(chunk.found);
        for ids in
            [&mut self.theme_ids, &mut self.era_ids, &mut self.source_ids, &mut self.event_ids, &mut self.fact_ids]
        {
            ids.file.clone_from(&chunk.file);
        }
        if chunk.dataset.is_some() {
            self.dataset = chunk.dataset;
        }
        fn keep<T>(out: &mut Collector<'_>, ids: &mut Ids, records: Vec<Record<T>>, into: &mut Vec<T>) {
            for Record { id, record } in records {
                if let Some(id) = id
                    && ids.insert(out, id)
                    && let Some(record) = record
                {
                    into.push(record);
                }
            }
        }
        keep(out, &mut self.theme_ids, chunk.themes, &mut self.themes);
        keep(out, &mut self.era_ids, chunk.eras, &mut self.eras);
        keep(out, &mut self.source_ids, chunk.sources, &mut self.sources);
        let mut events = chunk.events;
        for event in &mut events {
            if let Some(id) = &event.id {
                event.duplicate = !self.event_ids.insert(out, IdAt { id: id.id.clone(), ..*id });
            }
        }
        self.events.push(events);
        let index = self.names.len();
        self.names.push(chunk.names);
        for mut fact in chunk.facts {
            if let Some(id) = fact.id.take()
                && self.fact_ids.insert(out, IdAt { id: id.id.clone(), ..id })
            {
                fact.id = Some(id);
            }
            self.facts.push((index, fact));
        }
    }
}
