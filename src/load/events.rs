//! `[[event]]` records with their `[[event.quote]]` and `[[event.figure]]` tables.
//!
//! [`read_event`] reads what an event says about itself; [`resolve_events`] then resolves its
//! theme ids and checks its quotes against the sources, once every chunk has been read.

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml::de::DeTable;

use super::diagnostic::{Collector, Found};
use super::fields::Fields;
use super::ids::{IdAt, Ids, read_id};
use super::names::{NameAt, Names, offset};
use super::quotes::{QuoteChecker, QuoteRef, What};
use super::split::rank;
use crate::model::{Date, Event, EventKind, Figure};

const EVENT_FIELDS: &[&str] =
    &["id", "draft", "date", "end", "kind", "date_note", "title", "summary", "themes", "quote", "figure"];
const QUOTE_FIELDS: &[&str] = &["source", "text"];
const FIGURE_FIELDS: &[&str] =
    &["label", "value", "unit", "source", "quote", "converted_value", "converted_unit", "fact"];

/// An event as read from its table; offsets are in the whole file, names those of its chunk.
pub(crate) struct RawEvent {
    /// `None` when missing or invalid.
    pub id: Option<IdAt>,
    /// Set (once merged) when another event has the same id.
    pub duplicate: bool,
    /// Its number among the file's events (it names the event in messages without an id).
    pub n: u32,
    pub date: Option<Date>,
    pub open_start: bool,
    pub end: Option<Date>,
    pub kind: EventKind,
    pub date_note: Option<String>,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub themes: Option<Vec<NameAt>>,
    pub quotes: Vec<QuoteRef>,
    pub figures: Vec<RawFigure>,
    pub line: usize,
    /// Marked `draft = true`: date, title, summary and themes may be missing.
    pub draft: bool,
    /// The file it is in (0: the main file; see [`crate::model::Event::file`]).
    pub file: usize,
}

impl RawEvent {
    /// What names the event in messages: `event "id"`, or `event #3` without a valid id.
    fn context(&self) -> String {
        match &self.id {
            Some(id) => format!("event \"{}\"", super::clip(&id.id)),
            None => format!("event #{}", self.n),
        }
    }
}

pub(crate) struct RawFigure {
    pub label: Option<String>,
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub quote: Option<QuoteRef>,
    pub converted: Option<(f64, String)>,
    /// The `[[fact]]` the figure states, by id: checked once every fact is known.
    pub fact: Option<NameAt>,
}

/// Reads one event table (`n`: its number among the file's events); the ids it refers to go
/// to its chunk's `names`.
pub(crate) fn read_event(
    out: &mut Collector<'_>,
    names: &mut Names,
    table: &DeTable<'_>,
    span: Range<usize>,
    n: usize,
) -> RawEvent {
    let line = out.line_of(span.start);
    let (context, id) = read_id(out, "event", table, span.clone(), n);
    let f = Fields::new(out, table, span, context, EVENT_FIELDS);
    let draft = f.flag(out, "draft");
    // A draft may leave out what a finished event must have.
    let required = !draft;
    let (date, open_start) = match f.date_or_open(out, "date", required, true) {
        Some((date, open)) => (Some(date), open),
        None => (None, false),
    };
    let end = f.date(out, "end", false);
    if open_start && let Some(end) = &end {
        out.error(
            end.span(),
            format!(
                "{}: end \"{}\" with an open date (expected either \"..\" before the date, some time up to it, or an end)",
                f.context,
                end.get_ref()
            ),
        );
    }
    let kind = read_kind(out, &f);
    if let (Some(date), Some(end)) = (&date, &end)
        && end.get_ref().end_key() < date.get_ref().sort_key()
    {
        out.error(
            end.span(),
            format!(
                "{}: end \"{}\" is before date \"{}\" (expected an end on or after the date)",
                f.context,
                end.get_ref(),
                date.get_ref()
            ),
        );
    }
    let date_note = f.optional_text(out, "date_note");
    let (title, summary) = match draft {
        false => (f.text(out, "title"), f.text(out, "summary")),
        // Given, a draft's title or summary may still be empty: it is being written.
        true => (
            Some(f.string(out, "title", false).unwrap_or_else(|| Spanned::new(0..0, String::new()))),
            Some(f.string(out, "summary", false).unwrap_or_else(|| Spanned::new(0..0, String::new()))),
        ),
    };
    let themes = match (draft, f.get("themes")) {
        (true, None) => Some(Vec::new()),
        (true, Some(_)) => read_theme_list(out, names, &f),
        (false, _) => read_themes(out, names, &f),
    };
    // An event without a quote still loads: `--check` warns that it is unsourced.
    let quote_tables = f.tables(out, "quote", "event.quote");
    let mut quotes = Vec::with_capacity(quote_tables.len());
    for (q, (table, span)) in quote_tables.into_iter().enumerate() {
        let what = What::Quote(offset(q + 1));
        let qf = Fields::new(out, table, span, what.within(&f.context), QUOTE_FIELDS);
        let (Some(source), Some(text)) = (qf.borrowed(out, "source", true), qf.borrowed(out, "text", true)) else {
            continue;
        };
        quotes.push(quote_ref(out, names, source, text, what));
    }
    let figures = read_figures(out, names, &f);
    RawEvent {
        id,
        duplicate: false,
        n: offset(n),
        date: date.map(Spanned::into_inner),
        open_start,
        end: end.map(Spanned::into_inner),
        kind,
        date_note,
        title: title.map(Spanned::into_inner),
        summary: summary.map(Spanned::into_inner),
        themes,
        quotes,
        figures,
        line,
        draft,
        file: 0,
    }
}

/// A quote's source and text, as read, kept until the sources are all known.
pub(crate) fn quote_ref(
    out: &Collector<'_>,
    names: &mut Names,
    source: Spanned<Cow<'_, str>>,
    text: Spanned<Cow<'_, str>>,
    what: What,
) -> QuoteRef {
    let source_at = NameAt { name: names.intern(source.get_ref()), at: offset(out.global(source.span()).start) };
    let text_at = offset(out.global(text.span()).start);
    QuoteRef { source: source_at, text_at, what, text: names.keep_text(text.get_ref()) }
}

/// `kind`: "happened" (the default), "planned" or "target".
fn read_kind(out: &mut Collector<'_>, f: &Fields<'_, '_>) -> EventKind {
    let Some(name) = f.string(out, "kind", false) else { return EventKind::Happened };
    EventKind::parse(name.get_ref()).unwrap_or_else(|| {
        out.error(
            name.span(),
            format!(
                "{}: kind \"{}\" is not known (expected one of: {})",
                f.context,
                name.get_ref(),
                EventKind::NAMES.join(", ")
            ),
        );
        EventKind::Happened
    })
}

fn read_themes(out: &mut Collector<'_>, names: &mut Names, f: &Fields<'_, '_>) -> Option<Vec<NameAt>> {
    let list = read_theme_list(out, names, f)?;
    if list.is_empty() {
        let span = f.get("themes").map_or_else(|| f.span(), Spanned::span);
        out.error(span, format!("{}: \"themes\" is empty (expected at least one theme id)", f.context));
    }
    Some(list)
}

/// `themes`, which may be empty.
fn read_theme_list(out: &mut Collector<'_>, names: &mut Names, f: &Fields<'_, '_>) -> Option<Vec<NameAt>> {
    let list = f.string_list(out, "themes", "an array of theme ids such as [\"investment\"]")?;
    let list = list
        .iter()
        .map(|name| NameAt { name: names.intern(name.get_ref()), at: offset(out.global(name.span()).start) });
    Some(list.collect())
}

fn read_figures(out: &mut Collector<'_>, names: &mut Names, f: &Fields<'_, '_>) -> Vec<RawFigure> {
    let mut figures = Vec::new();
    for (i, (table, span)) in f.tables(out, "figure", "event.figure").into_iter().enumerate() {
        let what = What::Figure(offset(i + 1));
        let ff = Fields::new(out, table, span.clone(), what.within(&f.context), FIGURE_FIELDS);
        let label = ff.text(out, "label");
        let value = ff.number(out, "value", true);
        let unit = ff.text(out, "unit");
        let source = ff.borrowed(out, "source", true);
        let quote_text = ff.borrowed(out, "quote", true);
        let converted_value = ff.number(out, "converted_value", false);
        let converted_unit = ff.string(out, "converted_unit", false);
        // Checked by presence: one of the wrong type already has its own message.
        if ff.get("converted_value").is_some() != ff.get("converted_unit").is_some() {
            let at = ff.key_span("converted_value").or_else(|| ff.key_span("converted_unit")).unwrap_or(span);
            out.error(
                at,
                format!(
                    "{}: {what}: converted_value and converted_unit go together (expected both or neither)",
                    f.context
                ),
            );
        }
        let quote = match (source, quote_text) {
            (Some(source), Some(text)) => Some(quote_ref(out, names, source, text, what)),
            _ => None,
        };
        let fact = ff
            .string(out, "fact", false)
            .map(|id| NameAt { name: names.intern(id.get_ref()), at: offset(out.global(id.span()).start) });
        figures.push(RawFigure {
            label: label.map(Spanned::into_inner),
            value,
            unit: unit.map(Spanned::into_inner),
            quote,
            converted: converted_value.zip(converted_unit.map(Spanned::into_inner)),
            fact,
        });
    }
    figures
}

/// The ids every event refers to, for [`resolve_events`].
pub(crate) struct IdsOf<'a> {
    pub themes: &'a Ids,
    /// Checked for figures' `fact`.
    pub facts: &'a Ids,
}

/// Resolves every event's themes, quotes and figures' facts, keeps the complete ones and sorts them by the
/// date sort rule (ties keep file order). `chunks` are the events of each chunk of the file,
/// in order, and `names` the names each chunk refers to. Problems go to `found`.
pub(crate) fn resolve_events(
    chunks: Vec<Vec<RawEvent>>,
    names: &[Names],
    ids: IdsOf<'_>,
    quotes: &QuoteChecker<'_>,
    threads: usize,
    found: &mut Vec<Found>,
) -> Vec<Event> {
    let total = chunks.iter().map(Vec::len).sum();
    // Chunks are resolved in turn, as threads become free: how long a chunk's quotes take to
    // check varies too much for halves of the chunks to take as long. Each chunk's events join
    // the list as soon as those of the chunks before them have: a few chunks wait at most,
    // and the memory of the others is used again at once.
    let joined = std::sync::Mutex::new(InOrder { events: Vec::with_capacity(total), ..InOrder::default() });
    super::parallel::in_turn(chunks, threads, |chunk, raw| {
        let mut out = Collector::new("");
        out.set_rank(rank("event"));
        let mut events = joined.lock().unwrap_or_else(|e| e.into_inner()).spare.pop().unwrap_or_default();
        resolve_chunk(&mut out, &names[chunk], raw, &ids, quotes, &mut events);
        joined.lock().unwrap_or_else(|e| e.into_inner()).join(chunk, events, out.into_found());
    });
    let InOrder { mut events, found: events_found, waiting, .. } =
        joined.into_inner().unwrap_or_else(|e| e.into_inner());
    debug_assert!(waiting.is_empty(), "every chunk joined");
    found.extend(events_found);
    // Then each part sorts its events in place; ties keep file order, as the parts come in
    // file order.
    super::parallel::in_place_parts(&mut events, threads, sort_in_order);
    // Sorted runs, one per part: the sort finds them and merges them in one pass.
    events.sort_by_key(order);
    // Drafts without a date come last, placed at the latest date (which they do not claim).
    if let Some(last) = events.iter().rev().find(|e| !e.undated).map(|e| e.date) {
        for event in events.iter_mut().filter(|e| e.undated) {
            event.date = Date { certainty: crate::model::Certainty::Exact, ..last };
        }
    }
    events
}

/// Resolved chunks put together in file order as they come.
#[derive(Default)]
struct InOrder {
    /// The chunk whose events come next.
    next: usize,
    events: Vec<Event>,
    found: Vec<Found>,
    /// Chunks resolved before one of those ahead of them.
    waiting: std::collections::BTreeMap<usize, (Vec<Event>, Vec<Found>)>,
    /// Lists emptied into `events`, for the next chunks to be resolved into.
    spare: Vec<Vec<Event>>,
}

impl InOrder {
    fn join(&mut self, chunk: usize, events: Vec<Event>, found: Vec<Found>) {
        self.waiting.insert(chunk, (events, found));
        while let Some((mut events, found)) = self.waiting.remove(&self.next) {
            self.events.append(&mut events);
            self.spare.push(events);
            self.found.extend(found);
            self.next += 1;
        }
    }
}

/// The order of events: by date, drafts without a date last.
fn order(event: &Event) -> (bool, u32) {
    (event.undated, event.date.sort_key())
}

/// Sorts `events` by [`order`], keeping the order of equal ones, without moving events
/// around more than once each: their keys are sorted, then the events put in place.
/// (A stable sort of the events themselves moves each of them, 200 bytes and more, about
/// once per halving: a quarter of a second of one core for half a million events.)
fn sort_in_order(events: &mut [Event]) {
    if u32::try_from(events.len()).is_err() {
        events.sort_by_key(order);
        return;
    }
    // Undated, then date, then place: one word each (a sort key is below 10^8 < 2^27).
    let mut keys: Vec<u64> = events
        .iter()
        .enumerate()
        .map(|(i, event)| {
            let (undated, date) = order(event);
            u64::from(undated) << 60 | u64::from(date) << 32 | i as u64
        })
        .collect();
    keys.sort_unstable();
    permute(events, keys.into_iter().map(|key| key as u32).collect());
}

/// Puts item `sources[j]` at place `j`, for every `j`, following each cycle of the
/// permutation with swaps.
fn permute<T>(items: &mut [T], mut sources: Vec<u32>) {
    for start in 0..items.len() {
        let mut at = start;
        // A place whose source is itself is done (was, or has been, filled).
        while sources[at] as usize != at {
            let from = sources[at] as usize;
            sources[at] = at as u32;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// Resolves the events of one chunk (its raw records are freed as they are resolved).
fn resolve_chunk(
    out: &mut Collector<'_>,
    names: &Names,
    raw: Vec<RawEvent>,
    ids: &IdsOf<'_>,
    quotes: &QuoteChecker<'_>,
    events: &mut Vec<Event>,
) {
    let theme_ids = ids.themes;
    for mut event in raw {
        let (refs, raw_quotes, raw_figures) =
            (event.themes.take(), std::mem::take(&mut event.quotes), std::mem::take(&mut event.figures));
        let context = || event.context();
        let themes = refs.map(|refs| {
            let mut themes = Vec::with_capacity(refs.len());
            for NameAt { name, at } in refs {
                let name = names.get(name);
                let index =
                    theme_ids.get(name).or_else(|| theme_ids.resolve(out, &context(), "theme", name, at as usize));
                if let Some(index) = index
                    && !themes.contains(&index)
                {
                    themes.push(index);
                }
            }
            themes
        });
        let mut event_quotes = Vec::with_capacity(event.quotes.len());
        for quote in raw_quotes {
            event_quotes.extend(quotes.quote(out, names, &context, quote));
        }
        let mut figures = Vec::with_capacity(event.figures.len());
        for (i, figure) in raw_figures.into_iter().enumerate() {
            let quote = figure.quote.and_then(|quote| quotes.quote(out, names, &context, quote));
            // `None` when unknown: the message makes the load fail.
            let fact = figure.fact.map(|NameAt { name, at }| {
                let name = names.get(name);
                ids.facts.get(name).or_else(|| {
                    let figure = format!("{}: {}", context(), What::Figure(offset(i + 1)));
                    ids.facts.resolve(out, &figure, "fact", name, at as usize)
                })
            });
            if let (Some(label), Some(value), Some(unit), Some(quote)) =
                (figure.label, figure.value, figure.unit, quote)
            {
                figures.push(Figure { label, value, unit, quote, converted: figure.converted, fact: fact.flatten() });
            }
        }
        let undated = event.draft && event.date.is_none();
        let date = if undated { Some(Date::year(0)) } else { event.date };
        if let (false, Some(id), Some(date), Some(title), Some(summary), Some(themes)) =
            (event.duplicate, event.id, date, event.title, event.summary, themes)
        {
            events.push(Event {
                id: id.id,
                date,
                open_start: event.open_start,
                end: event.end,
                kind: event.kind,
                date_note: event.date_note,
                title,
                summary,
                themes,
                quotes: event_quotes,
                figures,
                line: event.line,
                draft: event.draft,
                undated,
                file: event.file,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::permute;

    proptest::proptest! {
        /// Putting items in the order of their sorted keys and places is a stable sort.
        #[test]
        fn keys_then_places_sort_like_a_stable_sort(keys in proptest::collection::vec(0u8..6, 0..200)) {
            let items: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let mut sorted_keys: Vec<u64> = items.iter().map(|&(k, i)| u64::from(k) << 32 | i as u64).collect();
            sorted_keys.sort_unstable();
            let mut permuted = items.clone();
            permute(&mut permuted, sorted_keys.into_iter().map(|key| key as u32).collect());
            let mut stable = items;
            stable.sort_by_key(|&(k, _)| k);
            proptest::prop_assert_eq!(permuted, stable);
        }
    }
}
