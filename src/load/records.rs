//! The top level of a dataset and its simple records: `[dataset]`, `[[theme]]`, `[[era]]`,
//! `[[source]]`. Events and facts have files of their own.
//!
//! Reading happens in two steps. [`read_chunk`] reads the records of one parsed chunk of the
//! file (or of the whole file) on its own: field types, dates, text, unknown keys, everything a
//! record can say about itself. [`Merged`] then takes the chunks in file order, checks that ids
//! are unique, and hands over what references need to be resolved: theme and source ids for
//! events, event ids for facts, and the sources for quotes.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::{Collector, Found};
use super::events::{RawEvent, read_event};
use super::facts::{RawFact, read_fact};
#[cfg(test)]
use super::fields::did_you_mean;
use super::fields::{Fields, a, did_you_mean_counted, tables_of};
use super::names::Names;
use super::split::{Chunk, KINDS};
use crate::model::{Era, Source, Theme};

const TOP_LEVEL: &[&str] = &["dataset", "theme", "era", "source", "event", "fact"];

/// The reading phase of a record kind (0 is the top level and `[dataset]`).
pub(crate) fn rank(kind: &str) -> u8 {
    KINDS.iter().position(|k| *k == kind).map_or(0, |i| i as u8 + 1)
}

/// A record's id as read, before it is checked to be unique.
#[derive(Debug)]
pub(crate) struct IdAt {
    pub id: String,
    /// Where the id's value starts in the whole file, and its line.
    pub offset: usize,
    pub line: usize,
}

/// One record of a simple kind: its id, and the record if every field of it is valid.
pub(crate) struct Record<T> {
    pub id: Option<IdAt>,
    pub record: Option<T>,
}

/// Reads a record's `id`, names the record for messages ("event \"x\"", or "event #3" when it
/// has no usable id) and checks that the id is well formed.
pub(crate) fn read_id(
    out: &mut Collector<'_>,
    kind: &str,
    table: &DeTable<'_>,
    span: Range<usize>,
    n: usize,
) -> (String, Option<IdAt>) {
    let fallback = || format!("{kind} #{n}");
    let Some(value) = table.get("id") else {
        out.error(span, format!("{}: missing required field \"id\" (expected a string)", fallback()));
        return (fallback(), None);
    };
    let DeValue::String(id) = value.get_ref() else {
        out.error(
            value.span(),
            format!(
                "{}: field \"id\" is {} (expected a string such as \"my-{kind}\")",
                fallback(),
                a(value.get_ref().type_str()),
            ),
        );
        return (fallback(), None);
    };
    if id.is_empty() || !id.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.')) {
        out.error(
            value.span(),
            format!(
                "{}: id \"{}\" is not valid (expected letters, digits, '-', '_' or '.')",
                fallback(),
                super::clip(id).escape_debug()
            ),
        );
        return (fallback(), None);
    }
    let clipped = super::clip(id);
    // Put together piece by piece: this runs for every record of a file.
    let mut context = String::with_capacity(kind.len() + clipped.len() + 3);
    for piece in [kind, " \"", &clipped, "\""] {
        context.push_str(piece);
    }
    let line = out.line_of(value.span().start);
    (context, Some(IdAt { id: id.to_string(), offset: out.global(value.span()).start, line }))
}

/// Ids of one kind of record: unique, and looked up by references.
pub(crate) struct Ids {
    kind: &'static str,
    /// Each id with its index (in order of first appearance), the line it is on and, for an
    /// included file, that file.
    seen: super::Map<String, (usize, usize, Option<std::sync::Arc<str>>)>,
    /// The included file whose ids are being inserted (`None`: the main file).
    pub file: Option<std::sync::Arc<str>>,
    /// "did you mean" hints already worked out, by the unknown name they are for.
    hints: std::sync::Mutex<HashMap<String, String>>,
    /// The ids in file order, and the "expected one of" list, once a hint needs them.
    in_order: std::sync::OnceLock<(Vec<String>, String)>,
    /// Steps spent comparing names with ids, to check that hints stay bounded.
    cells: std::sync::atomic::AtomicU64,
}

/// How many ids a "expected one of" hint lists at most.
const MAX_LISTED: usize = 20;

impl Ids {
    pub fn new(kind: &'static str) -> Self {
        Ids {
            kind,
            seen: super::Map::default(),
            file: None,
            hints: Default::default(),
            in_order: Default::default(),
            cells: Default::default(),
        }
    }

    /// Room for `n` more ids.
    pub fn reserve(&mut self, n: usize) {
        self.seen.reserve(n);
    }

    /// Records an id; a duplicate gets a diagnostic (in the whole-file collector `out`) and
    /// `false`.
    pub fn insert(&mut self, out: &mut Collector<'_>, at: IdAt) -> bool {
        let kind = self.kind;
        if let Some((_, line, file)) = self.seen.get(&at.id) {
            let id = super::clip(&at.id);
            let line = match (file, &self.file) {
                (first, now) if first == now => line.to_string(),
                (Some(first), _) => format!("{line} of {first}"),
                (None, _) => format!("{line} of the main file"),
            };
            out.set_rank(rank(kind));
            out.error(
                at.offset..at.offset,
                format!(
                    "{kind} \"{id}\": duplicate id (expected each {kind} id once; the first {kind} \"{id}\" is at line {line})"
                ),
            );
            return false;
        }
        let index = self.seen.len();
        self.seen.insert(at.id, (index, at.line, self.file.clone()));
        true
    }

    /// The index of the record with this id, if any.
    pub fn get(&self, name: &str) -> Option<usize> {
        self.seen.get(name).map(|&(index, ..)| index)
    }

    /// The index of the record a reference names, or a diagnostic with the closest id.
    /// `at` is where the reference is written in the whole file. Past the problems a load
    /// lists, no hint is worked out: it would not be shown.
    pub fn resolve(&self, out: &mut Collector<'_>, context: &str, field: &str, name: &str, at: usize) -> Option<usize> {
        if let Some((index, ..)) = self.seen.get(name) {
            return Some(*index);
        }
        if out.is_full() {
            return None;
        }
        let mut hints = self.hints.lock().unwrap_or_else(|e| e.into_inner());
        let hint = hints.entry(name.to_string()).or_insert_with(|| self.hint(name));
        out.error(
            at..at,
            format!("{context}: {field} \"{}\" is not a known {} ({hint})", super::clip(name), self.kind),
        );
        None
    }

    /// Steps spent comparing unknown names with ids so far.
    #[cfg(test)]
    pub fn hint_cells(&self) -> u64 {
        self.cells.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn hint(&self, name: &str) -> String {
        let (in_order, listing) = self.in_order.get_or_init(|| {
            // In file order, so that of equally close ids the first is named, every time.
            let mut in_order: Vec<(&str, usize)> =
                self.seen.iter().map(|(id, &(index, ..))| (id.as_str(), index)).collect();
            in_order.sort_unstable_by_key(|&(_, index)| index);
            let mut known: Vec<&str> = in_order.iter().map(|&(id, _)| id).collect();
            // A list of thousands of ids helps nobody: the first few, and how many there are.
            let total = known.len();
            if total > MAX_LISTED {
                known.select_nth_unstable(MAX_LISTED);
                known.truncate(MAX_LISTED);
            }
            known.sort_unstable();
            let known: Vec<_> = known.into_iter().map(super::clip).collect();
            let mut listing = format!("expected one of: {}", known.join(", "));
            if total > MAX_LISTED {
                listing.push_str(&format!(", … ({total} {}s in all)", self.kind));
            }
            (in_order.into_iter().map(|(id, _)| id.to_string()).collect(), listing)
        });
        let mut cells = 0;
        let close = did_you_mean_counted(name, in_order.iter().map(String::as_str), &mut cells);
        self.cells.fetch_add(cells, std::sync::atomic::Ordering::Relaxed);
        if let Some(close) = close {
            return format!("did you mean \"{}\"?", super::clip(close));
        }
        if in_order.is_empty() {
            return format!("no [[{}]] is defined", self.kind);
        }
        listing.clone()
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Ids that differ in a few characters only, so that no cheap test tells them apart.
    fn similar_ids(n: usize) -> Ids {
        let mut ids = Ids::new("source");
        let mut out = Collector::new("");
        for i in 0..n {
            let id = format!("agency-report-{i:05}-on-the-cloud-region");
            assert!(ids.insert(&mut out, IdAt { id, offset: 0, line: 1 }));
        }
        ids
    }

    /// 300 distinct unknown references among 3,000 ids: every name compared with every id is
    /// 900,000 comparisons of 39-character strings (about 1.4 billion steps).
    #[test]
    fn hints_compare_each_name_with_a_bounded_set_of_ids() {
        let ids = similar_ids(3000);
        let mut out = Collector::new("");
        for j in 0..300 {
            let name = format!("agency-report-{:05}-on-the-cloud-regoin", 3 * j);
            assert_eq!(ids.resolve(&mut out, "event \"e\"", "source", &name, 0), None);
        }
        let found = out.into_found();
        assert_eq!(found.len(), 300);
        assert!(
            found[0].message.ends_with("(did you mean \"agency-report-00000-on-the-cloud-region\"?)"),
            "{}",
            found[0].message
        );
        let cells = ids.hint_cells();
        let every_pair = 300 * 3000 * 39 * 39;
        assert!(cells <= 300 * (crate::load::fields::HINT_COMPARISONS * 39 * 39) as u64, "{cells} steps");
        // Of ids that look as close, the closest is still found.
        let named = found.iter().filter(|f| f.message.contains("did you mean")).count();
        assert_eq!(named, 300);
        assert!(cells * 40 < every_pair, "{cells} steps, every pair is {every_pair}");
    }

    #[test]
    fn a_hint_is_worked_out_once_per_name_and_not_at_all_past_the_cap() {
        let ids = similar_ids(100);
        let mut out = Collector::new("");
        ids.resolve(&mut out, "event \"e\"", "source", "agency-report-00001-on-the-cloud-regoin", 0);
        let once = ids.hint_cells();
        assert!(once > 0);
        ids.resolve(&mut out, "event \"f\"", "source", "agency-report-00001-on-the-cloud-regoin", 0);
        assert_eq!(ids.hint_cells(), once, "the same name again: the hint is reused");
        while !out.is_full() {
            out.error(0..0, "a problem");
        }
        ids.resolve(&mut out, "event \"g\"", "source", "agency-report-00002-on-the-cloud-regoin", 0);
        assert_eq!(ids.hint_cells(), once, "past the cap no hint is worked out");
    }

    #[test]
    fn hints_are_those_of_the_plain_closest_match() {
        let ids: Vec<String> =
            ["alpha", "alpah", "beta", "gamma-ray", "x", "delta-long-name"].map(String::from).to_vec();
        for name in ["alpa", "alhpa", "bta", "gama-ray", "y", "delta-lnog-name", "zzzz", "", "gamma-ray-burst"] {
            let plain = ids
                .iter()
                .map(|c| (strsim::damerau_levenshtein(name, c), c.as_str()))
                .filter(|(d, c)| *d <= (c.chars().count() / 3).max(1))
                .min_by_key(|(d, _)| *d)
                .map(|(_, c)| c);
            assert_eq!(did_you_mean(name, ids.iter().map(String::as_str)), plain, "{name:?}");
        }
    }
}
