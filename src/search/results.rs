//! What a search found: which strings match and how often, and the matching events.
//!
//! Results hold no byte ranges: a hit is "the k-th match in this string", and its range in the
//! original string is worked out when it is shown ([`super::SearchIndex::ranges`]), for the
//! few strings on screen. So a search costs one pass over the folded text and a counter per
//! hit, whatever the number of hits, and a one-letter query over a million events stays small.

use std::ops::Range;
use std::sync::Arc;

/// A searchable field of an event. Ordered as the index stores them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Title,
    Summary,
    /// Where the event's date comes from (`Event::date_note`).
    DateNote,
    /// The text of `Event::quotes[i]`.
    Quote(usize),
    /// The label of `Event::figures[i]`.
    Figure(usize),
}

/// Where a hit is. Ordered as the index stores them: events in index order, then the titles
/// of the sources, then their texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Location {
    Event {
        event: usize,
        field: Field,
    },
    /// The title of `Dataset::sources[source]`, with its publisher and date note.
    SourceTitle {
        source: usize,
    },
    /// The full text of `Dataset::sources[source]`.
    Source {
        source: usize,
    },
}

/// One match: `range` is a byte range of the ORIGINAL string at `location`, on character
/// boundaries and never separating a character from its combining marks.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Hit {
    pub location: Location,
    pub range: Range<usize>,
}

/// One string that matches: which one (a segment of the index) and how many hits it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub(crate) segment: u32,
    pub hits: u32,
}

/// The result of one search: every matching string, in index order (events in index order,
/// their fields in [`Field`] order, then sources), and the matching events and sources.
/// Results are equal when they found the same, whichever index (of the same data) they come
/// from.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    /// The folded query.
    pub query: String,
    /// The index searched (`SearchIndex::id`), 0 for none.
    pub(crate) index: u64,
    /// Shared with the search thread, which searches within them when the query grows.
    pub(crate) matches: Arc<Matches>,
    /// How many hits there are in all.
    pub hit_count: usize,
    /// The matching events and sources, shared: the search thread keeps the results it sent
    /// (to answer a query typed again, as after a backspace) without copying them.
    pub(crate) events: Arc<Vec<usize>>,
    pub(crate) sources: Arc<Vec<usize>>,
    /// Where each hit starts in its part's buffer, hit after hit in the order of `matches`
    /// (their `hits` say how many are whose), in the pieces the search's threads found them
    /// in (joined, they would be copied on the way to the screen); none when not kept (a
    /// one-letter query, whose hits are counted, not visited). A letter typed on then checks
    /// these places only, a thread a piece.
    pub(crate) starts: Arc<Vec<Places>>,
    /// Whether the count, events and sources come from the index's tallies (a query of one
    /// or two letters), the strings and places left to find
    /// ([`super::SearchIndex::unfinished`]).
    pub(crate) tallied: bool,
}

/// The places of the hits of a run of matches, the run after the piece before's.
#[derive(Debug, Default)]
pub(crate) struct Places {
    /// How many matches the run holds.
    pub matches: usize,
    /// Their hits' places, in order.
    pub places: Vec<Place>,
}

/// Where a hit starts in its part's buffer, and the bytes there: a letter typed on is checked
/// against these, without going back to the buffer (a million places read from 800 MB cost
/// tens of milliseconds; read from here, a few).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Place {
    pub start: u32,
    /// The buffer's bytes from `start` on (zeros past its end).
    pub next: [u8; 8],
}

impl Place {
    pub fn at(buffer: &[u8], start: usize) -> Place {
        // Eight bytes at once, but near the end of the buffer.
        let next = match buffer.get(start..start + 8).and_then(|b| <[u8; 8]>::try_from(b).ok()) {
            Some(next) => next,
            None => {
                let mut next = [0; 8];
                let end = buffer.len().min(start + next.len());
                next[..end - start].copy_from_slice(&buffer[start..end]);
                next
            }
        };
        Place { start: start as u32, next }
    }
}

/// How counting a one-letter query's hits string by string is asked for: it gives up,
/// `None`, soon after the function it is given says not to go on.
pub(crate) type CountPerString = Box<dyn Fn(&(dyn Fn() -> bool + Sync)) -> Option<Vec<Match>> + Send + Sync>;

/// The matching strings of a search: found by its scan, or, for a one-letter query (whose
/// count, events and sources the index keeps tallies of), counted when first asked for — by
/// the search thread right after the count is shown, or by whoever asks first.
#[derive(Default)]
pub(crate) struct Matches {
    list: std::sync::OnceLock<Vec<Match>>,
    count: Option<CountPerString>,
}

impl Matches {
    pub fn found(list: Vec<Match>) -> Matches {
        Matches { list: list.into(), count: None }
    }

    pub fn counted_later(count: CountPerString) -> Matches {
        Matches { list: std::sync::OnceLock::new(), count: Some(count) }
    }

    /// The list, counted now if it was not yet (on another thread meanwhile: waits for it).
    pub fn get(&self) -> &[Match] {
        self.list.get_or_init(|| self.count.as_ref().and_then(|count| count(&|| true)).unwrap_or_default())
    }

    /// Sets the list, found by a search of the same query, unless it is there already.
    pub fn fill(&self, list: Vec<Match>) {
        let _ = self.list.set(list);
    }

    /// Takes the list out, if it is there.
    pub fn take(&mut self) -> Option<Vec<Match>> {
        self.list.take()
    }

    /// The list if it is there already.
    pub fn placed(&self) -> Option<&[Match]> {
        self.list.get().map(Vec::as_slice)
    }

    /// Counts the list unless it is there, giving up if `go_on` says to stop; whether it is
    /// there now.
    pub fn place_while(&self, go_on: &(dyn Fn() -> bool + Sync)) -> bool {
        if self.list.get().is_some() {
            return true;
        }
        match self.count.as_ref().and_then(|count| count(go_on)) {
            Some(list) => {
                let _ = self.list.set(list);
                true
            }
            None => false,
        }
    }
}

impl std::fmt::Debug for Matches {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.placed() {
            Some(list) => list.fmt(f),
            None => f.write_str("[not counted yet]"),
        }
    }
}

impl PartialEq for SearchResults {
    fn eq(&self, other: &Self) -> bool {
        (&self.query, self.matches(), self.hit_count, &self.events, &self.sources)
            == (&other.query, other.matches(), other.hit_count, &other.events, &other.sources)
    }
}

impl Eq for SearchResults {}

impl SearchResults {
    /// No hit at all (also the result of an empty or all-space query).
    pub fn is_empty(&self) -> bool {
        self.hit_count == 0
    }

    /// The matching strings, in index order (for a one-letter query, counted when first
    /// asked for: at a million events, a quarter of a second unless the search thread has
    /// counted them already).
    pub fn matches(&self) -> &[Match] {
        self.matches.get()
    }

    /// Whether the matching strings are at hand (a one-letter query's are counted later).
    pub fn matches_counted(&self) -> bool {
        self.matches.placed().is_some()
    }

    /// Counts the matching strings of a one-letter query now, unless `go_on` says to stop
    /// first (the search thread, once it has sent the count); whether they are counted.
    pub fn count_matches_while(&self, go_on: &(dyn Fn() -> bool + Sync)) -> bool {
        self.matches.place_while(go_on)
    }

    /// How many hits have their places kept.
    pub(crate) fn places_kept(&self) -> usize {
        self.starts.iter().map(|piece| piece.places.len()).sum()
    }

    /// Whether the event's title, summary, a quote or a figure label matches. O(log n).
    pub fn event_matches(&self, event: usize) -> bool {
        self.events.binary_search(&event).is_ok()
    }

    /// The matching events, ascending, without duplicates.
    pub fn matching_events(&self) -> &[usize] {
        &self.events
    }

    /// Whether the source's text matches. O(log n).
    pub fn source_matches(&self, source: usize) -> bool {
        self.sources.binary_search(&source).is_ok()
    }

    /// The sources whose text matches, ascending, without duplicates.
    pub fn matching_sources(&self) -> &[usize] {
        &self.sources
    }

    /// What a later search needs of these results to search within them
    /// ([`super::SearchIndex::search_after`]): the query, the index, the matches and the
    /// places of the hits (shared, not copied), and their count.
    pub fn narrowing(&self) -> SearchResults {
        SearchResults {
            query: self.query.clone(),
            index: self.index,
            matches: Arc::clone(&self.matches),
            hit_count: self.hit_count,
            starts: Arc::clone(&self.starts),
            ..SearchResults::default()
        }
    }

    /// Whether anything at `location` can match (its event or source does).
    pub fn may_match(&self, location: Location) -> bool {
        match location {
            Location::Event { event, .. } => self.event_matches(event),
            Location::Source { source } | Location::SourceTitle { source } => self.source_matches(source),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_order_like_the_index() {
        let ev = |event, field| Location::Event { event, field };
        let mut locations = vec![
            Location::Source { source: 0 },
            ev(1, Field::Title),
            ev(0, Field::Figure(0)),
            ev(0, Field::Quote(3)),
            ev(0, Field::Summary),
            ev(0, Field::Title),
        ];
        locations.sort();
        assert_eq!(
            locations,
            [
                ev(0, Field::Title),
                ev(0, Field::Summary),
                ev(0, Field::Quote(3)),
                ev(0, Field::Figure(0)),
                ev(1, Field::Title),
                Location::Source { source: 0 },
            ]
        );
    }

    #[test]
    fn lookups_by_event_and_source() {
        let results = SearchResults {
            query: "x".into(),
            index: 0,
            matches: Arc::new(Matches::found(vec![Match { segment: 0, hits: 2 }, Match { segment: 5, hits: 1 }])),
            hit_count: 3,
            events: vec![1, 3].into(),
            sources: vec![2].into(),
            starts: Arc::default(),
            tallied: false,
        };
        assert!(!results.is_empty());
        assert!(results.event_matches(1) && results.event_matches(3));
        assert!(!results.event_matches(0) && !results.event_matches(2));
        assert!(results.source_matches(2) && !results.source_matches(0));
        assert!(results.may_match(Location::Event { event: 3, field: Field::Quote(2) }));
        assert!(!results.may_match(Location::Event { event: 2, field: Field::Title }));
        assert!(results.may_match(Location::Source { source: 2 }));
        assert!(SearchResults::default().is_empty());
    }
}
