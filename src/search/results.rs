//! What a search found: hits with ranges in the original strings, and the matching events.

use std::ops::Range;

/// A searchable field of an event. Ordered as the index stores them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Title,
    Summary,
    /// The text of `Event::quotes[i]`.
    Quote(usize),
    /// The label of `Event::figures[i]`.
    Figure(usize),
}

/// Where a hit is. Ordered as the index stores them: events in index order, then sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Location {
    Event {
        event: usize,
        field: Field,
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

/// The result of one search.
///
/// `matching_events` and `matching_sources` are always complete. `hits` holds every hit in
/// index order (by location, then position) unless there are more than
/// [`SearchResults::MAX_HITS`]: then only the first ones are kept and `truncated` is set;
/// `SearchIndex::ranges_at` finds the ranges of any one location in that case.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchResults {
    /// The folded query.
    pub query: String,
    pub hits: Vec<Hit>,
    /// Whether `hits` stops short (see above).
    pub truncated: bool,
    /// How many hits there are in all when not `truncated`; past the cap, a lower bound (each
    /// further event or source counts once).
    pub hit_count: usize,
    pub(crate) events: Vec<usize>,
    pub(crate) sources: Vec<usize>,
}

impl SearchResults {
    /// At most this many hits are kept (about 40 MB); a one-letter query over a large dataset
    /// would otherwise hold gigabytes.
    pub const MAX_HITS: usize = 1 << 16;

    /// No hit at all (also the result of an empty or all-space query).
    pub fn is_empty(&self) -> bool {
        self.hit_count == 0
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

    /// The kept hits at one location, in order.
    pub fn hits_at(&self, location: Location) -> &[Hit] {
        let start = self.hits.partition_point(|h| h.location < location);
        let len = self.hits[start..].partition_point(|h| h.location == location);
        &self.hits[start..start + len]
    }

    /// The kept hits in all fields of one event, in field order.
    pub fn event_hits(&self, event: usize) -> &[Hit] {
        let before = |h: &Hit, bound: usize| matches!(h.location, Location::Event { event: e, .. } if e < bound);
        let start = self.hits.partition_point(|h| before(h, event));
        let end = self.hits.partition_point(|h| before(h, event + 1));
        &self.hits[start..end]
    }

    /// Byte ranges to highlight in one field of one event.
    pub fn event_field_ranges(&self, event: usize, field: Field) -> impl Iterator<Item = Range<usize>> + '_ {
        self.hits_at(Location::Event { event, field }).iter().map(|h| h.range.clone())
    }

    /// Byte ranges to highlight in one source's text.
    pub fn source_ranges(&self, source: usize) -> impl Iterator<Item = Range<usize>> + '_ {
        self.hits_at(Location::Source { source }).iter().map(|h| h.range.clone())
    }
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)] // expected lists of one range
mod tests {
    use super::*;

    fn hit(location: Location, range: Range<usize>) -> Hit {
        Hit { location, range }
    }

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
    fn lookups_by_event_field_and_source() {
        let title = |event| Location::Event { event, field: Field::Title };
        let quote = |event, i| Location::Event { event, field: Field::Quote(i) };
        let results = SearchResults {
            query: "x".into(),
            hits: vec![
                hit(title(1), 0..1),
                hit(title(1), 4..5),
                hit(quote(1, 0), 2..3),
                hit(quote(3, 1), 7..8),
                hit(Location::Source { source: 2 }, 9..10),
            ],
            truncated: false,
            hit_count: 5,
            events: vec![1, 3],
            sources: vec![2],
        };
        assert!(!results.is_empty());
        assert!(results.event_matches(1) && results.event_matches(3));
        assert!(!results.event_matches(0) && !results.event_matches(2));
        assert!(results.source_matches(2) && !results.source_matches(0));
        assert_eq!(results.event_field_ranges(1, Field::Title).collect::<Vec<_>>(), [0..1, 4..5]);
        assert_eq!(results.event_field_ranges(1, Field::Summary).count(), 0);
        assert_eq!(results.event_field_ranges(3, Field::Quote(1)).collect::<Vec<_>>(), [7..8]);
        assert_eq!(results.event_hits(1).len(), 3);
        assert_eq!(results.event_hits(2).len(), 0);
        assert_eq!(results.event_hits(3).len(), 1);
        assert_eq!(results.source_ranges(2).collect::<Vec<_>>(), [9..10]);
        assert_eq!(results.source_ranges(0).count(), 0);
        assert!(SearchResults::default().is_empty());
    }
}
