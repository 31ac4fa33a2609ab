//! What each thread of a search finds, and how their finds join into one search's results:
//! matches and events end to end, the places of the hits left in the pieces each thread found
//! them in (joining them would copy megabytes after the scan), the sources merged.

use std::sync::Arc;

use super::OF_SOURCE;
use crate::search::results::{Matches, Place, Places};
use crate::search::{Match, SearchResults};

/// What one thread found: matches in index order, their hits in all, and their events and
/// sources (ascending; a source may be listed twice, for its title and its text).
#[derive(Default)]
pub(super) struct Partial {
    pub matches: Vec<Match>,
    pub hits: usize,
    /// Where each hit starts in its part's buffer (none for a one-byte query, nor past
    /// `KEEP_STARTS` hits: `dropped` then).
    pub starts: Vec<Place>,
    pub dropped: bool,
    pub events: Vec<usize>,
    pub sources: Vec<usize>,
}

impl Partial {
    pub fn push(&mut self, segment: usize, hits: usize) {
        self.hits += hits;
        self.matches.push(Match { segment: segment as u32, hits: hits as u32 });
    }

    /// Lists the owner of a matching string (`Span::owner`), once.
    pub fn owned_by(&mut self, owner: u32) {
        let list = if owner & OF_SOURCE != 0 { &mut self.sources } else { &mut self.events };
        let owner = (owner & !OF_SOURCE) as usize;
        if list.last() != Some(&owner) {
            list.push(owner);
        }
    }
}

impl SearchResults {
    /// Takes the finds of a search's threads, in index order.
    pub(super) fn join(&mut self, partials: Vec<Partial>) {
        // The first thread's lists grow to hold the others' (a large block grows in place or
        // is remapped, not copied).
        let mut partials = partials.into_iter();
        let first = partials.next().unwrap_or_default();
        let mut matches = first.matches;
        let mut dropped = first.dropped;
        let mut pieces = vec![Places { matches: matches.len(), places: first.starts }];
        self.hit_count = first.hits;
        let mut events = first.events;
        let mut sources = first.sources;
        for mut partial in partials {
            self.hit_count += partial.hits;
            pieces.push(Places { matches: partial.matches.len(), places: partial.starts });
            matches.append(&mut partial.matches);
            dropped |= partial.dropped;
            // A chunk of earlier results may end within an event the next one goes on in.
            let next = partial.events.first().copied();
            let skip = usize::from(next.is_some() && events.last().copied() == next);
            events.extend(&partial.events[skip..]);
            sources.append(&mut partial.sources);
        }
        self.matches = Arc::new(Matches::found(matches));
        // Places are kept for every hit or for none.
        pieces.retain(|piece| piece.matches > 0);
        if !dropped && pieces.iter().map(|piece| piece.places.len()).sum::<usize>() == self.hit_count {
            self.starts = Arc::new(pieces);
        }
        self.events = Arc::new(events);
        self.sources = Arc::new(union_of_runs(sources));
    }
}

/// The sources of a search's matches without duplicates, ascending, from their list in index
/// order: every source title comes before every source text, so the list is at most two
/// ascending runs (a source listed in each when both its title and its text match), merged
/// here without a sort.
fn union_of_runs(list: Vec<usize>) -> Vec<usize> {
    let split = list.windows(2).position(|w| w[1] < w[0]).map_or(list.len(), |at| at + 1);
    let (titles, texts) = list.split_at(split);
    if !texts.is_sorted() {
        // Not the order of an index: sorted the long way.
        let mut list = list;
        list.sort_unstable();
        list.dedup();
        return list;
    }
    if texts.is_empty() {
        let mut list = list;
        list.dedup();
        return list;
    }
    let mut union = Vec::with_capacity(list.len());
    let (mut i, mut j) = (0, 0);
    loop {
        let next = match (titles.get(i), texts.get(j)) {
            (Some(&a), Some(&b)) if a <= b => {
                i += 1;
                j += usize::from(a == b);
                a
            }
            (_, Some(&b)) => {
                j += 1;
                b
            }
            (Some(&a), None) => {
                i += 1;
                a
            }
            (None, None) => break,
        };
        if union.last() != Some(&next) {
            union.push(next);
        }
    }
    union
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_listed_by_title_then_by_text_come_once_each_ascending() {
        for (list, union) in [
            (vec![], vec![]),
            (vec![1, 4, 9], vec![1, 4, 9]),
            (vec![1, 4, 9, 0, 4, 10], vec![0, 1, 4, 9, 10]),
            (vec![5, 2, 3], vec![2, 3, 5]),
            (vec![2, 2, 3, 3], vec![2, 3]),
            (vec![9, 1, 2, 9], vec![1, 2, 9]),
            (vec![3, 1, 2, 0], vec![0, 1, 2, 3]),
        ] {
            assert_eq!(union_of_runs(list.clone()), union, "{list:?}");
        }
    }
}
