//! The results of the queries typed on the way to the current one: "c", "cl", "clo"… each
//! extending the one before. A letter typed on is searched within the last of them; a
//! backspace, or a query typed again (recalled with ↑ after ctrl-u), is answered from them
//! without a search; a query that goes another way drops the ones it does not extend.

use super::{SearchIndex, SearchResults, fold};

/// How many results a trail keeps at most: the oldest (the shortest query) goes first.
const LONGEST: usize = 16;

/// Results of queries each extending the one before, the shortest first. A copy shares the
/// results' lists.
#[derive(Clone, Default)]
pub struct Trail {
    steps: Vec<SearchResults>,
}

impl Trail {
    /// The results of `query` in `index`: those kept when it was searched on the way here,
    /// else a search within the results of the longest query it extends, else a whole search;
    /// kept for the queries after it. `None` if `go_on` said to stop (nothing is kept then).
    pub fn search(
        &mut self,
        index: &SearchIndex,
        query: &str,
        go_on: &(dyn Fn() -> bool + Sync),
    ) -> Option<SearchResults> {
        let folded = fold(query);
        // Results of another index (the dataset was reloaded) answer nothing.
        self.steps.retain(|step| step.index == index.id);
        while self.steps.last().is_some_and(|step| !folded.starts_with(step.query.as_str())) {
            self.steps.pop();
        }
        if let Some(step) = self.steps.last().filter(|step| step.query == folded) {
            return Some(step.clone());
        }
        let results = index.search_after(query, self.steps.last(), go_on)?;
        if self.steps.len() == LONGEST {
            self.steps.remove(0);
        }
        self.steps.push(results.clone());
        Some(results)
    }

    /// Completes the results of the last query kept ([`SearchIndex::complete`]): a letter's
    /// strings counted, or a pair's found with their places, for a letter typed on to be
    /// searched within. Whether they are complete (`false` if `go_on` said to stop first).
    pub fn complete(&mut self, index: &SearchIndex, go_on: &(dyn Fn() -> bool + Sync)) -> bool {
        let Some(last) = self.steps.last_mut() else { return true };
        match index.complete(last, go_on) {
            Some(done) => {
                *last = done;
                true
            }
            None => false,
        }
    }

    /// The queries kept, the shortest first (folded).
    pub fn queries(&self) -> Vec<&str> {
        self.steps.iter().map(|step| step.query.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> SearchIndex {
        SearchIndex::new(&crate::load::bundled().expect("bundled"))
    }

    #[test]
    fn letters_typed_on_grow_the_trail_and_a_backspace_goes_back_along_it() {
        let index = bundled();
        let mut trail = Trail::default();
        for query in ["c", "cl", "clo", "clou", "cloud"] {
            assert_eq!(trail.search(&index, query, &|| true), Some(index.search(query)), "{query}");
        }
        assert_eq!(trail.queries(), ["c", "cl", "clo", "clou", "cloud"]);
        // A backspace: answered from the trail, even when searching is no longer allowed.
        assert_eq!(trail.search(&index, "clou", &|| false), Some(index.search("clou")));
        assert_eq!(trail.queries(), ["c", "cl", "clo", "clou"]);
        // Typed again with other case and accents: the same folded query.
        assert_eq!(trail.search(&index, "CLoU", &|| false), Some(index.search("clou")));
    }

    #[test]
    fn a_completed_pair_is_kept_with_its_places_for_the_letter_typed_on() {
        let index = bundled();
        let mut trail = Trail::default();
        let pair = trail.search(&index, "cl", &|| true).expect("answered");
        assert!(pair.tallied && pair.places_kept() == 0, "answered from the tallies");
        assert!(!trail.complete(&index, &|| false), "given up");
        assert!(trail.complete(&index, &|| true));
        assert_eq!(trail.steps.last().map(|s| (s.tallied, s.places_kept())), Some((false, pair.hit_count)));
        assert_eq!(trail.search(&index, "clo", &|| true), Some(index.search("clo")));
        assert_eq!(trail.queries(), ["cl", "clo"]);
    }

    #[test]
    fn a_query_that_goes_another_way_drops_what_it_does_not_extend() {
        let index = bundled();
        let mut trail = Trail::default();
        for query in ["c", "cl", "clo"] {
            trail.search(&index, query, &|| true);
        }
        assert_eq!(trail.search(&index, "ca", &|| true), Some(index.search("ca")));
        assert_eq!(trail.queries(), ["c", "ca"]);
        assert_eq!(trail.search(&index, "amazon", &|| true), Some(index.search("amazon")));
        assert_eq!(trail.queries(), ["amazon"]);
    }

    #[test]
    fn a_search_given_up_keeps_nothing_and_another_index_answers_nothing() {
        let index = bundled();
        let mut trail = Trail::default();
        trail.search(&index, "cl", &|| true);
        assert_eq!(trail.search(&index, "clo", &|| false), None);
        assert_eq!(trail.queries(), ["cl"]);
        // The same data indexed again (a reload): searched in the new index.
        let again = bundled();
        let results = trail.search(&again, "cl", &|| true).expect("searched");
        assert_eq!(results.index, again.id);
        assert_eq!(results, again.search("cl"));
        assert_eq!(trail.queries(), ["cl"]);
    }

    #[test]
    fn the_trail_keeps_the_longest_queries() {
        let index = bundled();
        let mut trail = Trail::default();
        let long = "a".repeat(LONGEST + 4);
        for n in 1..=long.len() {
            trail.search(&index, &long[..n], &|| true);
        }
        let kept = trail.queries();
        assert_eq!(kept.len(), LONGEST);
        assert_eq!(kept.first().map(|q| q.len()), Some(5));
        assert_eq!(kept.last().map(|q| q.len()), Some(long.len()));
    }
}
