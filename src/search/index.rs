//! The search index: every searchable string folded once, at load, into a few buffers.
//!
//! The buffers hold, end to end, the folds of event titles, summaries, quote texts and figure
//! labels (in event order, fields in [`Field`] order), then of source texts, separated by
//! `'\n'`, which a folded query never contains, so no match can span two strings. Empty folds
//! are left out. A large dataset gets one buffer per core (up to 4), of about the same size,
//! folded at once on those cores and searched the same way; a small one, one buffer. A table
//! of segments says which string each span is. A search folds the query, runs one
//! `memmem::Finder` over each buffer and counts the hits of each string.
//!
//! Where a hit is in the original string is worked out only for strings being shown
//! ([`SearchIndex::ranges`]): short strings are folded again then, which costs microseconds;
//! strings of [`KEEP_UNITS_FROM`] bytes or more (a long article) keep the [`Unit`]s that map
//! their fold back, so that drawing a screen of one never folds megabytes.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use memchr::memmem;

use super::fold::{Unit, fold_into, map_range};
use super::{Field, Location, Match};
use crate::model::Dataset;

mod letters;
mod scan;

const SEPARATOR: u8 = b'\n';

/// Strings at least this long keep the units of their fold.
pub const KEEP_UNITS_FROM: usize = 64 << 10;

/// Datasets with at least this much text are folded and searched in parts, one per core.
const PARALLEL_FROM: usize = 4 << 20;

/// Field codes stored in a segment: the kind in the top three bits, the index below.
const SUMMARY: u32 = 1 << 29;
const DATE_NOTE: u32 = 2 << 29;
const QUOTE: u32 = 3 << 29;
const FIGURE: u32 = 4 << 29;
const INDEX_MASK: u32 = (1 << 29) - 1;
const SOURCE_TITLE: u32 = u32::MAX - 1;
const SOURCE: u32 = u32::MAX;

/// One searchable string in a buffer: 16 bytes (a dataset file is at most 2 GiB, its fold
/// well under 4 GiB).
#[derive(Debug, Clone, Copy)]
struct Segment {
    /// Where its fold starts in its part's buffer.
    start: u32,
    /// Length of its fold.
    len: u32,
    /// Event or source index.
    owner: u32,
    /// `SOURCE`, or a field code.
    field: u32,
}

impl Segment {
    fn location(&self) -> Location {
        let index = (self.field & INDEX_MASK) as usize;
        let field = match self.field {
            SOURCE => return Location::Source { source: self.owner as usize },
            SOURCE_TITLE => return Location::SourceTitle { source: self.owner as usize },
            code if code < SUMMARY => Field::Title,
            code if code < DATE_NOTE => Field::Summary,
            code if code < QUOTE => Field::DateNote,
            code if code < FIGURE => Field::Quote(index),
            _ => Field::Figure(index),
        };
        Location::Event { event: self.owner as usize, field }
    }

    fn start(&self) -> usize {
        self.start as usize
    }

    fn end(&self) -> usize {
        self.start() + self.len as usize
    }
}

/// A segment's start in its part's buffer, and its owner: an event's index, or a source's
/// with [`OF_SOURCE`] set.
#[derive(Debug, Clone, Copy, Default)]
struct Span {
    start: u32,
    owner: u32,
}

/// Marks a span's owner as a source (indexes are below `INDEX_MASK`).
const OF_SOURCE: u32 = 1 << 31;

impl Span {
    fn of(segment: &Segment) -> Span {
        let source = segment.field == SOURCE || segment.field == SOURCE_TITLE;
        Span { start: segment.start, owner: segment.owner | if source { OF_SOURCE } else { 0 } }
    }
}

fn small(n: usize, what: &str) -> u32 {
    u32::try_from(n).ok().filter(|&n| n <= INDEX_MASK).unwrap_or_else(|| panic!("too many {what} to index"))
}

/// Folded searchable text of a whole dataset, built once by [`SearchIndex::new`].
#[derive(Clone, Default)]
pub struct SearchIndex {
    /// Which index this is (results name it: a search within earlier results is only made
    /// in the index that found them).
    id: u64,
    /// Shared with the results of a one-letter query, which count its hits per string when
    /// first asked to.
    parts: Arc<Vec<Part>>,
    /// Every part's segments, in index order.
    segments: Arc<Vec<Segment>>,
    /// Where each segment starts in its part's buffer, and whose it is, the same order: a
    /// hit's string is looked up in this dense list (8 bytes a string, so a lookup touches
    /// few cache lines, and the line it ends on also says whose the string is).
    spans: Vec<Span>,
    /// The units of the long strings, by segment, ascending.
    long: Vec<(u32, Vec<Unit>)>,
    /// How often each ASCII byte occurs, and in which events and sources: a one-letter query's
    /// answer.
    letters: letters::Letters,
}

/// One buffer of folds, and where its segments start in `SearchIndex::segments`.
#[derive(Clone, Default)]
struct Part {
    buffer: String,
    first: usize,
    /// For each [`BLOCK`] bytes of the buffer, the segment (counted from `first`) holding
    /// the block's first byte: a hit's string is looked for from there, a few entries of
    /// the spans away, rather than galloping from the hit before's through lines of spans
    /// that are not in the cache.
    blocks: Vec<u32>,
}

/// The bytes of a part's buffer a `Part::blocks` entry stands for.
const BLOCK: usize = 1 << 10;

/// The segment holding each block's first byte, for a part whose segments start at `spans`.
fn blocks(spans: &[Span], len: usize) -> Vec<u32> {
    let mut blocks = Vec::with_capacity(len / BLOCK + 1);
    let mut segment = 0;
    for block in 0..len.div_ceil(BLOCK) {
        let at = block * BLOCK;
        while spans.get(segment + 1).is_some_and(|s| s.start as usize <= at) {
            segment += 1;
        }
        blocks.push(segment as u32);
    }
    blocks
}

impl fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SearchIndex")
            .field("folded_bytes", &self.folded_len())
            .field("parts", &self.parts.len())
            .field("segments", &self.segments.len())
            .field("long_strings", &self.long.len())
            .finish()
    }
}

/// A part being built: its buffer, its segments, its long strings' units (by segment within
/// the part).
#[derive(Default)]
struct Building {
    buffer: String,
    segments: Vec<Segment>,
    long: Vec<(u32, Vec<Unit>)>,
    units: Vec<Unit>,
    tally: letters::Tally,
}

/// One record of the dataset to fold: an event (its fields), a source's title or its text.
#[derive(Clone, Copy)]
enum Record {
    Event(usize),
    SourceTitle(usize),
    Source(usize),
}

impl Building {
    fn add(&mut self, owner: u32, field: u32, text: &str) {
        let buffer_len = self.buffer.len();
        if buffer_len > 0 {
            self.buffer.push(char::from(SEPARATOR));
        }
        let start = self.buffer.len();
        self.units.clear();
        fold_into(text, &mut self.buffer, &mut self.units);
        if self.buffer.len() == start {
            self.buffer.truncate(buffer_len);
            return;
        }
        let len = u32::try_from(self.buffer.len() - start).expect("one text longer than 4 GiB");
        if text.len() >= KEEP_UNITS_FROM {
            self.long.push((small(self.segments.len(), "strings"), self.units.clone()));
        }
        let start = u32::try_from(start).expect("the folded text of a dataset is under 4 GiB");
        self.segments.push(Segment { start, len, owner, field });
    }

    fn add_record(&mut self, dataset: &Dataset, record: Record) {
        let start = self.buffer.len();
        self.fold_record(dataset, record);
        self.tally.add(record, &self.buffer.as_bytes()[start..]);
    }

    fn fold_record(&mut self, dataset: &Dataset, record: Record) {
        match record {
            Record::Event(e) => {
                let event = &dataset.events[e];
                let owner = small(e, "events");
                self.add(owner, 0, &event.title);
                self.add(owner, SUMMARY, &event.summary);
                if let Some(note) = &event.date_note {
                    self.add(owner, DATE_NOTE, note);
                }
                for (i, quote) in event.quotes.iter().enumerate() {
                    self.add(owner, QUOTE | small(i, "quotes"), &dataset.quote_text(quote));
                }
                for (i, figure) in event.figures.iter().enumerate() {
                    self.add(owner, FIGURE | small(i, "figures"), &figure.label);
                }
            }
            Record::SourceTitle(s) => self.add(small(s, "sources"), SOURCE_TITLE, &dataset.sources[s].title),
            Record::Source(s) => self.add(small(s, "sources"), SOURCE, &dataset.sources[s].text),
        }
    }
}

/// Every record, in index order.
fn record_list(dataset: &Dataset) -> impl Iterator<Item = Record> {
    let sources = 0..dataset.sources.len();
    (0..dataset.events.len())
        .map(Record::Event)
        .chain(sources.clone().map(Record::SourceTitle))
        .chain(sources.map(Record::Source))
}

/// Bytes a record gives to fold, about.
fn record_bytes(dataset: &Dataset, record: Record) -> usize {
    match record {
        Record::Event(e) => {
            let e = &dataset.events[e];
            let quotes: usize = e.quotes.iter().map(|q| q.range.len() + 1).sum();
            let figures: usize = e.figures.iter().map(|f| f.label.len() + 1).sum();
            let note = e.date_note.as_ref().map_or(0, |n| n.len() + 1);
            e.title.len() + e.summary.len() + 2 + note + quotes + figures
        }
        Record::SourceTitle(s) => dataset.sources[s].title.len() + 1,
        Record::Source(s) => dataset.sources[s].text.len() + 1,
    }
}

impl SearchIndex {
    /// Folds every event title, summary, quote text and figure label, and every source text:
    /// in parts of about the same size on as many threads, for a large dataset.
    pub fn new(dataset: &Dataset) -> Self {
        let total: usize = record_list(dataset).map(|r| record_bytes(dataset, r)).sum();
        let threads =
            if total < PARALLEL_FROM { 1 } else { std::thread::available_parallelism().map_or(1, |n| n.get()).min(4) };
        Self::in_parts(dataset, threads)
    }

    /// [`SearchIndex::new`] in `threads` parts (at most one a record), whatever the size: for
    /// tests that compare it with one part.
    #[doc(hidden)]
    pub fn in_parts(dataset: &Dataset, threads: usize) -> Self {
        let threads = threads.max(1);
        let records: Vec<Record> = record_list(dataset).collect();
        let sizes: Vec<usize> = records.iter().map(|&r| record_bytes(dataset, r)).collect();
        let total: usize = sizes.iter().sum();
        // Cut the records into `threads` runs of about `total / threads` bytes.
        let mut cuts = vec![0];
        let mut sum = 0;
        for (i, size) in sizes.iter().enumerate() {
            if sum >= total * cuts.len() / threads && i > *cuts.last().unwrap_or(&0) && cuts.len() < threads {
                cuts.push(i);
            }
            sum += size;
        }
        cuts.push(records.len());
        let build = |run: &[Record], bytes: usize| {
            let mut part = Building { buffer: String::with_capacity(bytes), ..Building::default() };
            for &record in run {
                part.add_record(dataset, record);
            }
            part
        };
        let runs: Vec<(&[Record], usize)> =
            cuts.windows(2).map(|w| (&records[w[0]..w[1]], sizes[w[0]..w[1]].iter().sum())).collect();
        let built: Vec<Building> = if runs.len() <= 1 {
            runs.iter().map(|&(run, bytes)| build(run, bytes)).collect()
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = runs.iter().map(|&(run, bytes)| scope.spawn(move || build(run, bytes))).collect();
                handles.into_iter().map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))).collect()
            })
        };
        static IDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let mut index = SearchIndex { id: IDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed), ..Self::default() };
        let mut segments = Vec::with_capacity(built.iter().map(|b| b.segments.len()).sum());
        let (mut parts, mut tallies) = (Vec::new(), Vec::new());
        for mut part in built {
            let first = segments.len();
            let base = small(first, "strings");
            index.long.extend(part.long.into_iter().map(|(segment, units)| (segment + base, units)));
            segments.append(&mut part.segments);
            tallies.push(part.tally);
            part.buffer.shrink_to_fit();
            if !part.buffer.is_empty() {
                parts.push(Part { buffer: part.buffer, first, blocks: Vec::new() });
            }
        }
        index.letters = letters::Letters::gather(tallies, dataset.events.len(), dataset.sources.len());
        index.spans = segments.iter().map(Span::of).collect();
        for i in 0..parts.len() {
            let end = parts.get(i + 1).map_or(segments.len(), |next| next.first);
            parts[i].blocks = blocks(&index.spans[parts[i].first..end], parts[i].buffer.len());
        }
        (index.parts, index.segments) = (Arc::new(parts), Arc::new(segments));
        index
    }

    /// The part a segment is in, and that part's buffer.
    fn part_of(&self, segment: usize) -> &Part {
        let at = self.parts.partition_point(|p| p.first <= segment).saturating_sub(1);
        &self.parts[at]
    }

    /// Where a matching string is.
    pub fn location(&self, m: &Match) -> Location {
        self.segments[m.segment as usize].location()
    }

    /// The event a matching string belongs to; `None` for a source's title or text.
    pub fn event_of(&self, m: &Match) -> Option<usize> {
        let segment = &self.segments[m.segment as usize];
        (segment.field < SOURCE_TITLE).then_some(segment.owner as usize)
    }

    /// Bytes of folded text, the size of a search's pass.
    pub fn folded_len(&self) -> usize {
        self.parts.iter().map(|p| p.buffer.len()).sum()
    }

    /// The byte ranges of the ORIGINAL string `text`, found at `location`, where the folded
    /// `query` matches: the hits the index counts there, in order. `text` must be the string
    /// the index folded at `location` (see [`super::text_at`]).
    pub fn ranges(&self, query: &str, location: Location, text: &str) -> Vec<Range<usize>> {
        if query.trim_matches(' ').is_empty() {
            return Vec::new();
        }
        if text.len() >= KEEP_UNITS_FROM
            && let Ok(segment) = self.segments.binary_search_by(|s| s.location().cmp(&location))
            && let Ok(long) = self.long.binary_search_by_key(&(segment as u32), |(s, _)| *s)
        {
            let seg = &self.segments[segment];
            let units = &self.long[long].1;
            let buffer = &self.part_of(segment).buffer;
            return memmem::find_iter(&buffer.as_bytes()[seg.start()..seg.end()], query.as_bytes())
                .map(|start| map_range(units, start..start + query.len()))
                .collect();
        }
        super::folded_ranges(text, query)
    }
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)] // expected lists of one range
mod tests {
    use super::*;
    use crate::model::{Date, Event, Figure, Quote, Source};
    use crate::search::text_at;

    /// Quotes stand for passages of a source: the test's quotes are written into this one,
    /// the third, whose own hits `found` leaves out.
    const QUOTES: usize = 2;

    fn quote(text: &str, passages: &mut String) -> Quote {
        passages.push_str(" | ");
        let start = passages.len();
        passages.push_str(text);
        Quote { source: QUOTES, range: start..passages.len(), page_lines: false }
    }

    fn event(title: &str, summary: &str, quotes: &[&str], figures: &[&str], passages: &mut String) -> Event {
        Event {
            id: title.into(),
            date: Date::year(2020),
            open_start: false,
            end: None,
            kind: Default::default(),
            date_note: None,
            title: title.into(),
            summary: summary.into(),
            themes: vec![],
            quotes: quotes.iter().map(|q| quote(q, passages)).collect(),
            figures: figures
                .iter()
                .map(|label| Figure {
                    label: (*label).into(),
                    value: 1.0,
                    unit: "MW".into(),
                    quote: quote("hidden figure quote", passages),
                    converted: None,
                    fact: None,
                })
                .collect(),
            line: 1,
            draft: false,
            undated: false,
            file: 0,
        }
    }

    fn source(text: &str) -> Source {
        Source {
            id: "s".into(),
            title: "t".into(),
            publisher: None,
            language: "fr".into(),
            date: None,
            date_note: None,
            text: text.into(),
            ..Source::default()
        }
    }

    fn dataset() -> Dataset {
        let mut passages = String::new();
        let events = vec![
            event("Déploiement à Zhangbei", "", &["l’offensive d’Alibaba"], &["Coût ÉTÉ"], &mut passages),
            event("Œuvre", "Straße «Cloud»", &[], &[], &mut passages),
            event("阿里云 opens", "De\u{301}ploiement des données", &["\u{301}"], &["capacité"], &mut passages),
        ];
        Dataset {
            events,
            sources: vec![source("Le de\u{301}ploiement\u{A0}à ZHANGBEI, “données”"), source(""), source(&passages)],
            ..Dataset::default()
        }
    }

    /// Every hit of `query`, in order, as (location, range).
    fn hits(index: &SearchIndex, data: &Dataset, query: &str) -> Vec<(Location, Range<usize>)> {
        let results = index.search(query);
        let mut out = Vec::new();
        for m in results.matches() {
            let location = index.location(m);
            let ranges = index.ranges(&results.query, location, &text_at(data, location));
            assert_eq!(ranges.len(), m.hits as usize, "{query:?} at {location:?}");
            out.extend(ranges.into_iter().map(|r| (location, r)));
        }
        assert_eq!(out.len(), results.hit_count);
        out
    }

    fn found(query: &str) -> Vec<String> {
        let data = dataset();
        let index = SearchIndex::new(&data);
        hits(&index, &data, query)
            .into_iter()
            .filter(|(location, _)| *location != Location::Source { source: QUOTES })
            .map(|(location, range)| text_at(&data, location)[range].to_string())
            .collect()
    }

    #[test]
    fn finds_across_accents_case_and_forms() {
        assert_eq!(found("deploiement"), ["Déploiement", "De\u{301}ploiement", "de\u{301}ploiement"]);
        assert_eq!(found("DÉPLOIEMENT"), found("deploiement"));
        assert_eq!(found("De\u{301}ploiement"), found("deploiement"));
        assert_eq!(found("ZHANGBEI"), ["Zhangbei", "ZHANGBEI"]);
        assert_eq!(found("donnees"), ["données", "données"]);
        assert_eq!(found("l'offensive"), ["l’offensive"]);
        assert_eq!(found("oeuvre"), ["Œuvre"]);
        assert_eq!(found("STRASSE"), ["Straße"]);
        assert_eq!(found("\"cloud\""), ["«Cloud»"]);
        assert_eq!(found("\u{201C}donnees\u{201D}"), ["“données”"]);
        assert_eq!(found("阿里云"), ["阿里云"]);
        assert_eq!(found("deploiement a zhangbei"), ["Déploiement à Zhangbei", "de\u{301}ploiement\u{A0}à ZHANGBEI"]);
        assert_eq!(found("cout ete"), ["Coût ÉTÉ"]);
    }

    #[test]
    fn no_match_spans_two_strings() {
        assert!(SearchIndex::new(&dataset()).search("zhangbei l").is_empty());
        assert!(SearchIndex::new(&dataset()).search("alibaba cout").is_empty());
    }

    #[test]
    fn empty_and_blank_queries_find_nothing() {
        let index = SearchIndex::new(&dataset());
        for query in ["", " ", "\u{A0}\n ", "\u{301}"] {
            let results = index.search(query);
            assert!(results.is_empty() && results.matching_events().is_empty(), "{query:?}");
            assert!(index.ranges(&results.query, Location::Source { source: 0 }, "x  x").is_empty());
        }
        assert!(SearchIndex::new(&Dataset::default()).search("e").is_empty());
    }

    #[test]
    fn reports_locations_matching_events_and_sources() {
        let data = dataset();
        let index = SearchIndex::new(&data);
        let results = index.search("e");
        assert_eq!(results.matching_events(), [0, 1, 2]);
        assert_eq!(results.matching_sources(), [0, QUOTES]);
        let all = hits(&index, &data, "e");
        assert!(all.windows(2).all(|w| (w[0].0, w[0].1.start) < (w[1].0, w[1].1.start)), "in index order");
        let results = index.search("capacite");
        assert_eq!(results.matching_events(), [2]);
        assert!(results.event_matches(2) && !results.event_matches(0));
        assert_eq!(hits(&index, &data, "capacite"), [(Location::Event { event: 2, field: Field::Figure(0) }, 0..9)]);
        let deploiement = hits(&index, &data, "deploiement");
        assert!(deploiement.contains(&(Location::Event { event: 2, field: Field::Summary }, 0..13)));
        assert!(deploiement.contains(&(Location::Source { source: 0 }, 3..16)));
        let hidden = index.search("hidden");
        assert_eq!((hidden.matching_events(), hidden.matching_sources()), (&[][..], &[QUOTES][..]), "figure quotes");
    }

    #[test]
    fn a_search_told_to_stop_gives_up() {
        let index = SearchIndex::new(&dataset());
        assert_eq!(index.search_while("de", &|| false), None);
        assert_eq!(index.search_while("de", &|| true), Some(index.search("de")));
        // Asked again past every megabyte: a long source is given up part way.
        let mut data = dataset();
        data.sources.push(source(&"ee ".repeat(3 << 20)));
        let index = SearchIndex::new(&data);
        let asked = std::sync::atomic::AtomicUsize::new(0);
        let go_on = || asked.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < 2;
        assert_eq!(index.search_while("ee", &go_on), None);
        assert!(asked.into_inner() >= 3);
    }

    #[test]
    fn hits_are_placed_in_their_strings_across_blocks() {
        // The bundled data: thousands of strings over many blocks of the buffer, and long
        // articles spanning several; each string's count is checked against its own text.
        let data = crate::load::bundled().expect("bundled");
        for threads in [1, 2] {
            let index = SearchIndex::in_parts(&data, threads);
            assert!(index.parts.iter().all(|p| p.blocks.len() == p.buffer.len().div_ceil(BLOCK)));
            for query in ["de", "cloud", "alibaba", "données", "a l", "zhangbei"] {
                assert!(!hits(&index, &data, query).is_empty(), "{query}");
            }
        }
    }

    #[test]
    fn counts_every_hit_of_a_one_letter_query() {
        let title = "e".repeat(100_000);
        let data = Dataset { events: vec![event(&title, "", &[], &[], &mut String::new()); 3], ..Dataset::default() };
        let index = SearchIndex::new(&data);
        let results = index.search("E");
        assert_eq!(results.hit_count, 300_000);
        assert_eq!(results.matches().len(), 3, "one entry per string, however many hits");
        assert_eq!(results.matching_events(), [0, 1, 2]);
        let location = Location::Event { event: 2, field: Field::Title };
        assert_eq!(index.ranges("e", location, &title).len(), title.len());
    }

    #[test]
    fn long_strings_map_hits_with_their_kept_units_and_parts_meet_at_strings() {
        // A source long enough to keep its units, and a buffer searched in parts.
        let word = "Donne\u{301}es à Zhangbei, ";
        let long = word.repeat(2 * PARALLEL_FROM / word.len());
        let mut data = dataset();
        data.sources.push(source(&long));
        data.sources.push(source("données"));
        let index = SearchIndex::new(&data);
        assert_eq!(index.long.len(), 1);
        assert!(index.parts.len() > 1 || std::thread::available_parallelism().map_or(1, |n| n.get()) == 1);
        let results = index.search("donnees");
        let at = Location::Source { source: 3 };
        let ranges = index.ranges(&results.query, at, &data.sources[3].text);
        assert_eq!(ranges, super::super::highlight_ranges(&long, "donnees"));
        assert_eq!(ranges.len(), long.len() / word.len());
        assert_eq!(&long[ranges[1].clone()], "Donne\u{301}es");
        assert_eq!(results.matching_sources(), [0, 3, 4]);
        assert_eq!(results.hit_count, 2 + ranges.len() + 1);
    }

    #[test]
    fn a_letter_typed_on_finds_what_a_whole_search_finds() {
        let mut data = dataset();
        data.sources.push(source("aaaa aab abab ababa aaab cloud clou clo"));
        let index = SearchIndex::new(&data);
        // Earlier queries whose finds can overlap ("aa", "aba") are searched string by string;
        // others by the places of their hits; a letter counted per string has no places. The
        // last string ends the buffer with "clo": past it a place's bytes are zeros.
        for (earlier, query) in
            [("aa", "aab"), ("ab", "aba"), ("aba", "abab"), ("clo", "clou"), ("c", "cl"), ("a", "aa"), ("clo", "clo\0")]
        {
            let before = index.search(earlier);
            let within = index.search_after(query, Some(&before), &|| true).unwrap();
            assert_eq!(within, index.search(query), "{earlier} then {query}");
            // What the search thread keeps of the earlier results is enough to check places.
            let kept = before.narrowing();
            assert_eq!(super::scan::usable_starts(&kept), super::scan::usable_starts(&before), "{earlier}");
            assert_eq!(index.search_after(query, Some(&kept), &|| true).unwrap(), within);
            assert_eq!(within.starts.len(), within.hit_count, "{query}: places kept for every hit");
        }
        assert!(index.search("a").starts.is_empty(), "a letter's hits are counted, not placed");
    }
}
