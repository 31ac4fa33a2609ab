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
mod pairs;
mod partial;
mod scan;

pub use pairs::Unfinished;

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
    pub(crate) id: u64,
    /// Shared with the results of a one-letter query, which count its hits per string when
    /// first asked to.
    parts: Arc<Vec<Part>>,
    /// Every part's segments, in index order.
    segments: Arc<Vec<Segment>>,
    /// Where each segment starts in its part's buffer, and whose it is, the same order: a
    /// hit's string is looked up in this dense list (8 bytes a string, so a lookup touches
    /// few cache lines, and the line it ends on also says whose the string is).
    spans: Arc<Vec<Span>>,
    /// The units of the long strings, by segment, ascending.
    long: Vec<(u32, Vec<Unit>)>,
    /// How often each ASCII byte occurs, and in which events and sources: a one-letter query's
    /// answer.
    letters: letters::Letters,
    /// How often each pair of ASCII bytes occurs, and in which events and sources: a
    /// two-letter query's answer, once tallied ([`SearchIndex::tally_pairs`]).
    pairs: std::sync::OnceLock<pairs::Pairs>,
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
/// the part), and the tally of its letters.
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
    /// in parts of about the same size on as many threads, for a large dataset. Then tallies
    /// the pairs of letters of the folded text ([`SearchIndex::tally_pairs`]).
    pub fn new(dataset: &Dataset) -> Self {
        let index = Self::unpaired(dataset);
        index.tally_pairs();
        index
    }

    /// [`SearchIndex::new`] but for the pairs: an index ready to search, whose two-letter
    /// queries are whole searches until [`SearchIndex::tally_pairs`] has run (at a million
    /// events it takes seconds, which the app spends after the index is in use).
    pub fn unpaired(dataset: &Dataset) -> Self {
        let total: usize = record_list(dataset).map(|r| record_bytes(dataset, r)).sum();
        let threads =
            if total < PARALLEL_FROM { 1 } else { std::thread::available_parallelism().map_or(1, |n| n.get()).min(4) };
        Self::folded_in_parts(dataset, threads)
    }

    /// [`SearchIndex::new`] in `threads` parts (at most one a record), whatever the size: for
    /// tests that compare it with one part.
    #[doc(hidden)]
    pub fn in_parts(dataset: &Dataset, threads: usize) -> Self {
        let index = Self::folded_in_parts(dataset, threads);
        index.tally_pairs();
        index
    }

    /// The folded text of `dataset` in `threads` parts, and its letters' tallies.
    fn folded_in_parts(dataset: &Dataset, threads: usize) -> Self {
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
        index.spans = Arc::new(segments.iter().map(Span::of).collect());
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
mod tests;
