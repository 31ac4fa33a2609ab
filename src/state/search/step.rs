//! `n` and `N`: the next or previous hit, from the current one or from where the user is.

use std::ops::Range;

use super::Search;
use crate::model::Dataset;
use crate::search::{Field, Hit, Location, SearchIndex, text_at};

/// Where the user is, for a step to start from, as in a pager: the event selected on the
/// timeline, or the part of an article the reader shows (byte range of its text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cursor {
    Event(usize),
    Article { source: usize, view: Range<usize> },
}

impl Search {
    /// Moves to the next (or previous) hit to visit, wrapping around, and gives it. With a
    /// `cursor`, the step starts there, as in a pager — unless the current hit is there
    /// already (in the selected event; on the reader's screen, in its title, or in a quote of
    /// the article shown there):
    /// - an event: the first hit in it or after it, or the last one before it;
    /// - an article: the first hit from the top of the view on, or the last one above it.
    pub fn step(
        &mut self,
        index: &SearchIndex,
        dataset: &Dataset,
        forward: bool,
        cursor: Option<Cursor>,
    ) -> Option<Hit> {
        let n = self.navigable_hits;
        if n == 0 {
            return None;
        }
        let next = match (cursor.filter(|c| !self.current_at(dataset, c)), self.ordinal(), forward) {
            (Some(cursor), _, _) => {
                // The number of the first hit at the cursor or after it (n: none after).
                let first = self.first_from(index, dataset, &cursor);
                if forward { first % n } else { (first + n - 1) % n }
            }
            (None, None, true) => 0,
            (None, None, false) => n - 1,
            (None, Some(c), true) => (c + 1) % n,
            (None, Some(c), false) => (c + n - 1) % n,
        };
        self.select(index, dataset, next)
    }

    /// Whether the current hit is where `cursor` is.
    fn current_at(&self, dataset: &Dataset, cursor: &Cursor) -> bool {
        let Some(current) = &self.current else { return false };
        match (cursor, current.hit.location) {
            // A hit in a quote, opened in its article (from the concordance): the reader shows
            // it where the article has the quote's words.
            (Cursor::Article { source, view }, Location::Event { event, field: Field::Quote(q) }) => {
                let quote = dataset.events.get(event).and_then(|e| e.quotes.get(q));
                quote.is_some_and(|quote| {
                    let at = quote.range.start + current.hit.range.start;
                    quote.source == *source && view.contains(&at)
                })
            }
            (Cursor::Event(event), Location::Event { event: at, .. }) => at == *event,
            (Cursor::Article { source, view }, Location::Source { source: at }) => {
                at == *source && view.contains(&current.hit.range.start)
            }
            // The title shows above the text wherever it is scrolled to.
            (Cursor::Article { source, .. }, Location::SourceTitle { source: at }) => at == *source,
            _ => false,
        }
    }

    /// The number of the first hit to visit at `cursor` or after it, in the order of the
    /// index (events, then the titles of the sources, then their texts); the number of hits
    /// when there is none after it.
    fn first_from(&self, index: &SearchIndex, dataset: &Dataset, cursor: &Cursor) -> usize {
        let matches = self.results.matches();
        let navigable = self.navigable();
        let n = self.navigable_hits;
        let number = |at: usize| navigable.get(at).map_or(n, |&(_, before)| before);
        match cursor {
            Cursor::Event(event) => {
                // Source texts come after events.
                number(navigable.partition_point(|&(i, _)| index.event_of(&matches[i]).is_some_and(|e| e < *event)))
            }
            Cursor::Article { source, view } => {
                let location = Location::Source { source: *source };
                let at = navigable.partition_point(|&(i, _)| index.location(&matches[i]) < location);
                match navigable.get(at) {
                    Some(&(i, before)) if index.location(&matches[i]) == location => {
                        let text = text_at(dataset, location);
                        let ranges = index.ranges(&self.results.query, location, &text);
                        before + ranges.partition_point(|r| r.start < view.start)
                    }
                    _ => number(at),
                }
            }
        }
    }
}
