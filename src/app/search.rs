//! Incremental search: the query being typed, its results, and the hits `n`/`N` visit.

use crate::search::{Location, SearchIndex, SearchResults};

/// Where a group of matches is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Source(usize),
    Event(usize),
}

/// The matches in one source text or one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatchGroup {
    pub place: Place,
    pub count: usize,
    /// Index into `Search::navigable` of its first match.
    pub first: usize,
}

/// The search the user typed. Empty query: no search.
#[derive(Debug, Clone, Default)]
pub struct Search {
    pub query: String,
    /// The query line is open and takes the keys.
    pub editing: bool,
    pub results: SearchResults,
    /// The hits `n`/`N` visit (indexes into `results.hits`): those in events the filters
    /// show, and those in source texts.
    pub navigable: Vec<usize>,
    /// Index into `navigable` of the hit last jumped to.
    pub current: Option<usize>,
}

impl Search {
    pub fn is_active(&self) -> bool {
        !self.results.query.trim().is_empty()
    }

    /// Runs the query again (after an edit).
    pub fn run(&mut self, index: &SearchIndex) {
        self.results = index.search(&self.query);
        self.current = None;
    }

    /// Recomputes the hits to visit; `visible` is the sorted list of shown events.
    pub fn renavigate(&mut self, visible: &[usize]) {
        self.navigable = self
            .results
            .hits
            .iter()
            .enumerate()
            .filter(|(_, hit)| match hit.location {
                Location::Event { event, .. } => visible.binary_search(&event).is_ok(),
                Location::Source { .. } => true,
            })
            .map(|(i, _)| i)
            .collect();
        self.current = self.current.filter(|&c| c < self.navigable.len());
    }

    /// The next (or previous) hit to visit, wrapping around.
    pub fn step(&mut self, forward: bool) -> Option<usize> {
        let n = self.navigable.len();
        if n == 0 {
            return None;
        }
        let next = match (self.current, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(c), true) => (c + 1) % n,
            (Some(c), false) => (c + n - 1) % n,
        };
        self.current = Some(next);
        Some(self.navigable[next])
    }

    /// The match list: one row per source text, then per event, that has matches, with the
    /// count and the first match to jump to (an index into `navigable`).
    pub fn groups(&self) -> Vec<MatchGroup> {
        let mut sources: Vec<MatchGroup> = Vec::new();
        let mut events: Vec<MatchGroup> = Vec::new();
        for (n, &h) in self.navigable.iter().enumerate() {
            let (list, place) = match self.results.hits[h].location {
                Location::Source { source } => (&mut sources, Place::Source(source)),
                Location::Event { event, .. } => (&mut events, Place::Event(event)),
            };
            match list.last_mut() {
                Some(group) if group.place == place => group.count += 1,
                _ => list.push(MatchGroup { place, count: 1, first: n }),
            }
        }
        sources.extend(events);
        sources
    }

    /// "match 3 of 12 · 4 events, 2 sources", or why there is none.
    pub fn status(&self) -> String {
        if !self.is_active() {
            return String::new();
        }
        if self.navigable.is_empty() {
            return if self.results.is_empty() {
                "no match".to_string()
            } else {
                "no match in the events shown (the filters hide them)".to_string()
            };
        }
        let position = match self.current {
            Some(c) => format!("match {} of {}", c + 1, self.navigable.len()),
            None => format!("{} matches", self.navigable.len()),
        };
        let events = self.results.matching_events().len();
        let sources = self.results.matching_sources().len();
        let more = if self.results.truncated { " (first ones kept)" } else { "" };
        let plural = |n: usize, what: &str| if n == 1 { format!("1 {what}") } else { format!("{n} {what}s") };
        format!("{position}{more} · in {}, {}", plural(events, "event"), plural(sources, "source text"))
    }
}
