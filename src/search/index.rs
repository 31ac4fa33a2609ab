//! The search index: every searchable string folded once, at load, into one buffer.
//!
//! The buffer holds the folds of event titles, summaries, quote texts and figure labels (in
//! event order, fields in [`Field`] order), then of source texts, separated by `'\n'`, which a
//! folded query never contains, so no match can span two strings. Empty folds are left out.
//! A table of segments says which string each span is and where its [`Unit`]s are, which map
//! folded offsets back to the original string. A search folds the query, runs one
//! `memmem::Finder` over the buffer and maps each hit to its segment.

use std::fmt;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use memchr::memmem;

use super::fold::{Unit, fold, fold_into, map_range};
use super::{Field, Hit, Location, SearchResults};
use crate::model::Dataset;

const SEPARATOR: u8 = b'\n';

/// How much of the buffer a cancellable search scans between two looks at its flag.
const CHUNK: usize = 1 << 20;

/// Field codes stored in a segment: the kind in the top two bits, the index below.
const SUMMARY: u32 = 1 << 30;
const QUOTE: u32 = 2 << 30;
const FIGURE: u32 = 3 << 30;
const INDEX_MASK: u32 = (1 << 30) - 1;
const SOURCE: u32 = u32::MAX;

/// One searchable string in the buffer.
#[derive(Debug, Clone, Copy)]
struct Segment {
    /// Where its fold starts in the buffer.
    start: usize,
    /// Length of its fold.
    len: u32,
    /// Its first unit in `SearchIndex::units`; they run to the next segment's first.
    units: u32,
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
            code if code < SUMMARY => Field::Title,
            code if code < QUOTE => Field::Summary,
            code if code < FIGURE => Field::Quote(index),
            _ => Field::Figure(index),
        };
        Location::Event { event: self.owner as usize, field }
    }

    fn end(&self) -> usize {
        self.start + self.len as usize
    }
}

fn small(n: usize, what: &str) -> u32 {
    u32::try_from(n).ok().filter(|&n| n <= INDEX_MASK).unwrap_or_else(|| panic!("too many {what} to index"))
}

/// Folded searchable text of a whole dataset, built once by [`SearchIndex::new`].
#[derive(Clone, Default)]
pub struct SearchIndex {
    buffer: String,
    segments: Vec<Segment>,
    units: Vec<Unit>,
}

impl fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SearchIndex")
            .field("folded_bytes", &self.buffer.len())
            .field("segments", &self.segments.len())
            .field("units", &self.units.len())
            .finish()
    }
}

impl SearchIndex {
    /// Folds every event title, summary, quote text and figure label, and every source text.
    pub fn new(dataset: &Dataset) -> Self {
        let event_bytes = dataset.events.iter().map(|e| {
            let quotes: usize = e.quotes.iter().map(|q| q.range.len() + 1).sum();
            let figures: usize = e.figures.iter().map(|f| f.label.len() + 1).sum();
            e.title.len() + e.summary.len() + 2 + quotes + figures
        });
        let source_bytes = dataset.sources.iter().map(|s| s.text.len() + 1);
        let mut index = SearchIndex {
            buffer: String::with_capacity(event_bytes.sum::<usize>() + source_bytes.sum::<usize>()),
            ..SearchIndex::default()
        };
        for (e, event) in dataset.events.iter().enumerate() {
            let owner = small(e, "events");
            index.add(owner, 0, &event.title);
            index.add(owner, SUMMARY, &event.summary);
            for (i, quote) in event.quotes.iter().enumerate() {
                index.add(owner, QUOTE | small(i, "quotes"), &dataset.quote_text(quote));
            }
            for (i, figure) in event.figures.iter().enumerate() {
                index.add(owner, FIGURE | small(i, "figures"), &figure.label);
            }
        }
        for (s, source) in dataset.sources.iter().enumerate() {
            index.add(small(s, "sources"), SOURCE, &source.text);
        }
        index.buffer.shrink_to_fit();
        index.segments.shrink_to_fit();
        index.units.shrink_to_fit();
        index
    }

    fn add(&mut self, owner: u32, field: u32, text: &str) {
        let (buffer_len, units_len) = (self.buffer.len(), self.units.len());
        if buffer_len > 0 {
            self.buffer.push(char::from(SEPARATOR));
        }
        let start = self.buffer.len();
        fold_into(text, &mut self.buffer, &mut self.units);
        if self.buffer.len() == start {
            self.buffer.truncate(buffer_len);
            self.units.truncate(units_len);
            return;
        }
        let len = u32::try_from(self.buffer.len() - start).expect("one text longer than 4 GiB");
        let units = u32::try_from(units_len).expect("too much text to index");
        self.segments.push(Segment { start, len, units, owner, field });
    }

    fn units_of(&self, segment: usize) -> &[Unit] {
        let start = self.segments[segment].units as usize;
        let end = self.segments.get(segment + 1).map_or(self.units.len(), |s| s.units as usize);
        &self.units[start..end]
    }

    /// The segment holding buffer offset `pos`, searching from `hint` on (hits come in order,
    /// usually in the same or a nearby segment): a gallop forward, then a binary search
    /// within the last step, so a hit costs O(log distance) rather than O(log segments).
    fn segment_at(&self, pos: usize, hint: usize) -> usize {
        if self.segments[hint].end() > pos {
            return hint;
        }
        let (mut low, mut step) = (hint, 1);
        loop {
            let probe = low + step;
            if probe >= self.segments.len() || self.segments[probe].start > pos {
                let high = probe.min(self.segments.len());
                return low + self.segments[low..high].partition_point(|s| s.start <= pos) - 1;
            }
            low = probe;
            step *= 2;
        }
    }

    /// Every hit of `query` (folded here), events in index order, then sources.
    /// An empty or all-space query finds nothing.
    pub fn search(&self, query: &str) -> SearchResults {
        self.search_cancellable(query, &AtomicBool::new(false)).unwrap_or_default()
    }

    /// [`SearchIndex::search`] for a worker thread: gives up, returning `None`, soon after
    /// `cancel` is set (it is checked about every megabyte of folded text).
    pub fn search_cancellable(&self, query: &str, cancel: &AtomicBool) -> Option<SearchResults> {
        let query = fold(query);
        let mut results = SearchResults::default();
        if !query.trim_matches(' ').is_empty() {
            let finder = memmem::Finder::new(query.as_bytes());
            let haystack = self.buffer.as_bytes();
            let (mut chunk_start, mut segment) = (0, 0);
            while chunk_start < haystack.len() {
                if cancel.load(Ordering::Relaxed) {
                    return None;
                }
                let chunk_end = (chunk_start + CHUNK).min(haystack.len());
                let chunk_end =
                    memchr::memchr(SEPARATOR, &haystack[chunk_end..]).map_or(haystack.len(), |at| chunk_end + at);
                let mut at = chunk_start;
                while let Some(found) = finder.find(&haystack[at..chunk_end]) {
                    let pos = at + found;
                    // Matches do not overlap, as with `find_iter`.
                    at = pos + query.len();
                    segment = self.segment_at(pos, segment);
                    let seg = &self.segments[segment];
                    let location = seg.location();
                    results.hit_count += 1;
                    match location {
                        Location::Event { event, .. } if results.events.last() != Some(&event) => {
                            results.events.push(event);
                        }
                        Location::Source { source } if results.sources.last() != Some(&source) => {
                            results.sources.push(source);
                        }
                        _ => {}
                    }
                    if results.hits.len() < SearchResults::MAX_HITS {
                        let start = pos - seg.start;
                        let range = map_range(self.units_of(segment), start..start + query.len());
                        results.hits.push(Hit { location, range });
                    } else {
                        // Past the cap only which events and sources match still counts: skip
                        // the rest of this one's strings.
                        results.truncated = true;
                        let is_source = seg.field == SOURCE;
                        let owner = seg.owner;
                        while self
                            .segments
                            .get(segment + 1)
                            .is_some_and(|next| next.owner == owner && (next.field == SOURCE) == is_source)
                        {
                            segment += 1;
                        }
                        at = at.max(self.segments[segment].end()).min(chunk_end);
                    }
                    if at >= chunk_end {
                        break;
                    }
                }
                chunk_start = chunk_end + 1;
            }
        }
        results.query = query;
        Some(results)
    }

    /// All the ranges of `query` (folded here) at one location, whether or not
    /// `SearchResults::hits` kept them.
    pub fn ranges_at(&self, query: &str, location: Location) -> Vec<Range<usize>> {
        let query = fold(query);
        let found = self.segments.binary_search_by(|s| s.location().cmp(&location));
        let Ok(segment) = found else { return Vec::new() };
        if query.trim_matches(' ').is_empty() {
            return Vec::new();
        }
        let seg = &self.segments[segment];
        let units = self.units_of(segment);
        memmem::find_iter(&self.buffer.as_bytes()[seg.start..seg.end()], query.as_bytes())
            .map(|start| map_range(units, start..start + query.len()))
            .collect()
    }
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)] // expected lists of one range
mod tests {
    use super::*;
    use crate::model::{Date, Event, Figure, Quote, Source};

    /// Quotes stand for passages of a source: the test's quotes are written into this one,
    /// the third, whose own hits `found` leaves out.
    const QUOTES: usize = 2;

    fn quote(text: &str, passages: &mut String) -> Quote {
        passages.push_str(" | ");
        let start = passages.len();
        passages.push_str(text);
        Quote { source: QUOTES, range: start..passages.len() }
    }

    fn event(title: &str, summary: &str, quotes: &[&str], figures: &[&str], passages: &mut String) -> Event {
        Event {
            id: title.into(),
            date: Date::year(2020),
            end: None,
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
                })
                .collect(),
            line: 1,
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

    fn found(query: &str) -> Vec<String> {
        let data = dataset();
        let results = SearchIndex::new(&data).search(query);
        results
            .hits
            .iter()
            .filter(|hit| hit.location != Location::Source { source: QUOTES })
            .map(|hit| text_at(&data, hit.location)[hit.range.clone()].to_string())
            .collect()
    }

    fn text_at(data: &Dataset, location: Location) -> std::borrow::Cow<'_, str> {
        match location {
            Location::Event { event, field } => {
                let e = &data.events[event];
                match field {
                    Field::Title => e.title.as_str().into(),
                    Field::Summary => e.summary.as_str().into(),
                    Field::Quote(i) => data.quote_text(&e.quotes[i]),
                    Field::Figure(i) => e.figures[i].label.as_str().into(),
                }
            }
            Location::Source { source } => data.sources[source].text.as_str().into(),
        }
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
        }
    }

    #[test]
    fn reports_locations_matching_events_and_sources() {
        let data = dataset();
        let index = SearchIndex::new(&data);
        let results = index.search("e");
        assert_eq!(results.matching_events(), [0, 1, 2]);
        assert_eq!(results.matching_sources(), [0, QUOTES]);
        assert!(results.hits.windows(2).all(|w| (w[0].location, w[0].range.start) < (w[1].location, w[1].range.start)));
        let results = index.search("capacite");
        assert_eq!(results.matching_events(), [2]);
        assert!(results.event_matches(2) && !results.event_matches(0));
        assert_eq!(results.event_field_ranges(2, Field::Figure(0)).collect::<Vec<_>>(), [0..9]);
        let results = index.search("deploiement");
        assert_eq!(results.event_field_ranges(2, Field::Summary).collect::<Vec<_>>(), [0..13]);
        assert_eq!(results.source_ranges(0).collect::<Vec<_>>(), [3..16]);
        assert_eq!(index.ranges_at("deploiement", Location::Source { source: 0 }), [3..16]);
        assert_eq!(index.ranges_at("deploiement", Location::Source { source: 1 }), []);
        let hidden = index.search("hidden");
        assert_eq!((hidden.matching_events(), hidden.matching_sources()), (&[][..], &[QUOTES][..]), "figure quotes");
    }

    #[test]
    fn a_cancelled_search_gives_up() {
        let index = SearchIndex::new(&dataset());
        assert_eq!(index.search_cancellable("e", &AtomicBool::new(true)), None);
        assert_eq!(index.search_cancellable("e", &AtomicBool::new(false)), Some(index.search("e")));
        assert!(SearchIndex::new(&Dataset::default()).search("e").is_empty());
    }

    #[test]
    fn keeps_at_most_max_hits_but_every_matching_event() {
        let title = "e".repeat(SearchResults::MAX_HITS / 2 + 1);
        let data = Dataset { events: vec![event(&title, "", &[], &[], &mut String::new()); 3], ..Dataset::default() };
        let index = SearchIndex::new(&data);
        let results = index.search("E");
        assert!(results.truncated);
        assert_eq!(results.hits.len(), SearchResults::MAX_HITS);
        // Past the cap each further event counts once: a lower bound.
        assert!(results.hit_count > SearchResults::MAX_HITS && results.hit_count < title.len() * 3);
        assert_eq!(results.matching_events(), [0, 1, 2], "every matching event, kept hits or not");
        let location = Location::Event { event: 2, field: Field::Title };
        assert_eq!(index.ranges_at("e", location).len(), title.len());
    }
}
