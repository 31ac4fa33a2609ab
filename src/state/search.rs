//! Incremental search: the query being typed, its results, and the hits `n`/`N` visit.

use crate::model::Dataset;
use crate::search::{Hit, Location, SearchIndex, SearchResults, text_at};

mod step;

/// The most characters a query holds: a pasted paragraph fits, and the keys of a longer paste
/// past it cost nothing (on a small dataset a query is searched again at every key, here and
/// now: a paste of tens of kilobytes would search every longer start of it).
pub const MAX_QUERY: usize = 1000;

pub use step::Cursor;

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
    /// The number of its first hit among the hits `n`/`N` visit.
    pub first: usize,
}

/// Where the search looks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Scope {
    /// The whole dataset: events and articles.
    #[default]
    All,
    /// Only the article open in the reader.
    Article { source: usize, title: String },
    /// Only the articles the selected event quotes.
    EventSources { sources: Vec<usize>, title: String },
}

impl Scope {
    /// "in the whole dataset", "in this article (…)", for the search line.
    pub fn describe(&self) -> String {
        match self {
            Scope::All => "in the whole dataset".to_string(),
            Scope::Article { title, .. } => format!("in this article ({title})"),
            Scope::EventSources { sources, title } => {
                let n = sources.len();
                format!("in the {n} article{} of {title}", if n == 1 { "" } else { "s" })
            }
        }
    }

    /// What Tab in the search line offers to search instead of the current place: "search
    /// everything", "search only this article", "search only the event's 2 articles".
    pub fn offer(&self) -> String {
        match self {
            Scope::All => "search everything".to_string(),
            Scope::Article { .. } => "search only this article".to_string(),
            Scope::EventSources { sources, .. } if sources.len() == 1 => "search only the event’s article".to_string(),
            Scope::EventSources { sources, .. } => format!("search only the event’s {} articles", sources.len()),
        }
    }

    fn keeps(&self, location: Location) -> bool {
        let source = match location {
            Location::Source { source } | Location::SourceTitle { source } => Some(source),
            Location::Event { .. } => None,
        };
        match self {
            Scope::All => true,
            Scope::Article { source: s, .. } => source == Some(*s),
            Scope::EventSources { sources, .. } => source.is_some_and(|s| sources.contains(&s)),
        }
    }
}

/// The hit last jumped to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Current {
    /// Index into `SearchResults::matches` of its string, and which hit of that string it is.
    pub matched: usize,
    pub nth: usize,
    /// Where it is, and its range in the original string.
    pub hit: Hit,
}

/// The search the user typed. Empty query: no search.
#[derive(Debug, Clone, Default)]
pub struct Search {
    pub query: String,
    /// The query line is open and takes the keys.
    pub editing: bool,
    pub results: SearchResults,
    /// The matching strings `n`/`N` visit — those in events the filters show, and source
    /// texts — as indexes into `results.matches()`, each with the number of hits before it.
    /// Empty when every match is visited (`every_match`): that list is then made when first
    /// needed (`all`), not for each search — it has millions of entries for a letter.
    navigable: Vec<(usize, usize)>,
    every_match: bool,
    all: std::cell::OnceCell<Vec<(usize, usize)>>,
    /// Hits in the strings of `navigable`, in all, and the events they are in.
    navigable_hits: usize,
    navigable_events: usize,
    pub current: Option<Current>,
    /// The query when the search line was opened, back if it is cancelled, with the hit that
    /// was current then (and, once cancelled, that hit until the query's results are back).
    restore: Option<String>,
    restore_current: Option<Current>,
    reinstate: Option<Current>,
    /// The scope and the selected event when the search line was opened, back on Esc (the
    /// event once the query's results are shown again: `reselect`).
    restore_scope: Option<Scope>,
    restore_selected: Option<usize>,
    pub reselect: Option<usize>,
    /// The last query entered, for Up in the search line.
    pub recall: String,
    /// Counts the changes of the query, its results and its scope (what shows of a search
    /// follows it).
    pub generation: u64,
    /// The `generation` of the query last sent to the search thread: its results are taken,
    /// any older query's dropped (a change of scope meanwhile keeps them).
    pub asked: u64,
    /// The results for the query are being worked out on the search thread (those shown are
    /// the previous query's until they come).
    pub pending: bool,
    /// Enter was pressed while pending: jump to the first match when the results come.
    pub jump_when_done: bool,
    /// Where the search looks, and the places it can look from where it was opened (Tab in
    /// the search line goes through them).
    pub scope: Scope,
    pub scopes: Vec<Scope>,
    /// The search index is still being built (after the app's first frame): a query typed
    /// meanwhile is kept, `pending`, and searched once the index is in place.
    pub indexing: bool,
}

impl Search {
    pub fn is_active(&self) -> bool {
        !self.results.query.trim().is_empty()
    }

    /// Opens the search line for a new query (run it then), keeping the current one to
    /// restore on Esc and to recall with Up, with the scope and `selected`, the event selected.
    pub fn begin(&mut self, selected: Option<usize>) {
        let before = std::mem::take(&mut self.query);
        if !before.trim().is_empty() {
            self.recall = before.clone();
        }
        self.restore = Some(before);
        self.restore_current = self.current.take();
        self.restore_scope = Some(self.scope.clone());
        self.restore_selected = selected;
        self.reselect = None;
        self.editing = true;
    }

    /// Closes the search line, keeping the query (Enter).
    pub fn commit(&mut self) {
        self.editing = false;
        self.restore = None;
        self.restore_current = None;
        self.restore_scope = None;
        self.restore_selected = None;
        if !self.query.trim().is_empty() {
            self.recall = self.query.clone();
        }
    }

    /// Closes the search line, back to the query there was before it opened (Esc; run it
    /// then), and to the hit that was current then once its results are back.
    pub fn cancel(&mut self) {
        self.editing = false;
        self.query = self.restore.take().unwrap_or_default();
        self.reinstate = self.restore_current.take();
        if let Some(scope) = self.restore_scope.take() {
            self.scope = scope;
        }
        self.reselect = self.restore_selected.take();
    }

    /// No search any more (results still on their way are dropped), the last query kept for
    /// Up.
    pub fn clear(&mut self) {
        let (generation, recall) = (self.generation + 1, std::mem::take(&mut self.recall));
        *self = Search { generation, recall, indexing: self.indexing, ..Search::default() };
    }

    /// Keeps the query for when the index is there (`indexing`): no results meanwhile, none
    /// of an earlier query either.
    pub fn wait_for_index(&mut self) {
        self.generation += 1;
        self.results = SearchResults::default();
        self.current = None;
        self.pending = !self.query.trim().is_empty();
    }

    /// A query waits for the index to be built.
    pub fn waits_for_index(&self) -> bool {
        self.indexing && self.pending
    }

    /// The place Tab in the search line would search next, if there is another.
    pub fn next_scope_offer(&self) -> Option<&Scope> {
        if self.scopes.len() < 2 {
            return None;
        }
        let at = self.scopes.iter().position(|s| *s == self.scope).map_or(0, |i| (i + 1) % self.scopes.len());
        self.scopes.get(at)
    }

    /// Looks in the next of the places it can (Tab in the search line); whether it changed.
    pub fn next_scope(&mut self) -> bool {
        let Some(next) = self.next_scope_offer().cloned() else { return false };
        self.scope = next;
        // The same results, visited otherwise: a new numbering.
        self.current = None;
        self.generation += 1;
        true
    }

    /// Runs the query here and now: within the results at hand when it extends their query.
    pub fn run(&mut self, index: &SearchIndex) {
        let results = index.search_after(&self.query, Some(&self.results), &|| true).unwrap_or_default();
        self.accept(results);
    }

    /// Takes the results of the current query.
    pub fn accept(&mut self, results: SearchResults) {
        self.generation += 1;
        self.results = results;
        self.pending = false;
        // Back from a cancelled query: the same query, the same results, the same hit.
        self.current = self.reinstate.take();
    }

    /// Recomputes the hits to visit; `visible` is the sorted list of shown events.
    pub fn renavigate(&mut self, visible: &[usize], index: &SearchIndex) {
        self.navigable.clear();
        self.all = std::cell::OnceCell::new();
        // A search of the whole dataset shows no event it does not match (`State::refilter`):
        // if it shows as many as it matches, it shows them all, and every match is visited.
        self.every_match = self.scope == Scope::All && visible.len() == self.results.matching_events().len();
        if self.every_match {
            (self.navigable_hits, self.navigable_events) = (self.results.hit_count, visible.len());
            if self.current.as_ref().is_some_and(|c| c.matched >= self.results.matches().len()) {
                self.current = None;
            }
            return;
        }
        let (mut before, mut events, mut last_event) = (0, 0, None);
        // Matches come in event order, as `visible` does: walk both together.
        let mut v = 0;
        let scoped = self.scope != Scope::All;
        for (i, m) in self.results.matches().iter().enumerate() {
            if scoped && !self.scope.keeps(index.location(m)) {
                continue;
            }
            let shown = match index.event_of(m) {
                Some(event) => {
                    while visible.get(v).is_some_and(|&e| e < event) {
                        v += 1;
                    }
                    visible.get(v) == Some(&event)
                }
                None => true,
            };
            if shown {
                self.navigable.push((i, before));
                before += m.hits as usize;
                match index.event_of(m) {
                    Some(event) if last_event != Some(event) => {
                        events += 1;
                        last_event = Some(event);
                    }
                    _ => {}
                }
            }
        }
        (self.navigable_hits, self.navigable_events) = (before, events);
        if self.current.as_ref().is_some_and(|c| self.navigable().binary_search_by_key(&c.matched, |n| n.0).is_err()) {
            self.current = None;
        }
    }

    /// How many hits `n`/`N` visit.
    pub fn navigable_hits(&self) -> usize {
        self.navigable_hits
    }

    /// The matching strings `n`/`N` visit, in their order: each its index into
    /// `results.matches()` and the number of hits before it.
    pub fn strings(&self) -> &[(usize, usize)] {
        self.navigable()
    }

    /// The list `strings` gives, made now if every match is visited and it was not yet.
    fn navigable(&self) -> &[(usize, usize)] {
        if !self.every_match {
            return &self.navigable;
        }
        self.all.get_or_init(|| {
            let mut before = 0;
            let numbered = self.results.matches().iter().enumerate().map(|(i, m)| {
                before += m.hits as usize;
                (i, before - m.hits as usize)
            });
            numbered.collect()
        })
    }

    /// The number of the current hit among those `n`/`N` visit.
    pub fn ordinal(&self) -> Option<usize> {
        let current = self.current.as_ref()?;
        let at = self.navigable().binary_search_by_key(&current.matched, |n| n.0).ok()?;
        Some(self.navigable()[at].1 + current.nth)
    }

    /// Hit number `ordinal` (among those `n`/`N` visit): where it is, its string and which
    /// hit of it.
    fn locate(&self, index: &SearchIndex, dataset: &Dataset, ordinal: usize) -> Option<(Hit, usize, usize)> {
        if ordinal >= self.navigable_hits {
            return None;
        }
        let navigable = self.navigable();
        let at = navigable.partition_point(|&(_, before)| before <= ordinal) - 1;
        let (matched, before) = navigable[at];
        let nth = ordinal - before;
        let location = index.location(&self.results.matches()[matched]);
        let text = text_at(dataset, location);
        let range = index.ranges(&self.results.query, location, &text).into_iter().nth(nth)?;
        Some((Hit { location, range }, matched, nth))
    }

    /// Hit number `ordinal` (among those `n`/`N` visit).
    pub fn hit_at(&self, index: &SearchIndex, dataset: &Dataset, ordinal: usize) -> Option<Hit> {
        self.locate(index, dataset, ordinal).map(|(hit, _, _)| hit)
    }

    /// Makes hit number `ordinal` (among those `n`/`N` visit) the current one, and gives it.
    pub fn select(&mut self, index: &SearchIndex, dataset: &Dataset, ordinal: usize) -> Option<Hit> {
        let (hit, matched, nth) = self.locate(index, dataset, ordinal)?;
        self.current = Some(Current { matched, nth, hit: hit.clone() });
        Some(hit)
    }

    /// The match list: one row per source (its title and text), then per event, that has
    /// matches, with the count and the number of its first hit.
    pub fn groups(&self, index: &SearchIndex) -> Vec<MatchGroup> {
        let mut sources: Vec<MatchGroup> = Vec::new();
        // Source titles come before all the texts: a source's row is found again by number.
        let mut source_rows: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
        let mut events: Vec<MatchGroup> = Vec::new();
        for &(matched, before) in self.navigable() {
            let m = &self.results.matches()[matched];
            let hits = m.hits as usize;
            match index.location(m) {
                Location::Source { source } | Location::SourceTitle { source } => match source_rows.get(&source) {
                    Some(&row) => sources[row].count += hits,
                    None => {
                        source_rows.insert(source, sources.len());
                        sources.push(MatchGroup { place: Place::Source(source), count: hits, first: before });
                    }
                },
                Location::Event { event, .. } => match events.last_mut() {
                    Some(group) if group.place == Place::Event(event) => group.count += hits,
                    _ => events.push(MatchGroup { place: Place::Event(event), count: hits, first: before }),
                },
            }
        }
        sources.extend(events);
        sources
    }

    /// "match 3 of 12", when a match is current.
    pub fn position(&self) -> Option<String> {
        Some(format!("match {} of {}", self.ordinal()? + 1, self.navigable_hits))
    }

    /// "match 3 of 12 · 4 events, 2 sources", or why there is none.
    pub fn status(&self) -> String {
        if self.pending {
            return if self.indexing { "indexing…" } else { "searching…" }.to_string();
        }
        if !self.is_active() {
            return String::new();
        }
        if self.navigable_hits == 0 {
            return if self.results.is_empty() {
                "no match".to_string()
            } else if self.scope != Scope::All {
                // The matches are elsewhere in the dataset: Tab looks there.
                format!("no match {}", self.scope.describe())
            } else {
                // The whole dataset, and every source text is visited: only events are left
                // out, and only by the filters.
                "no match in the events shown (the filters hide them)".to_string()
            };
        }
        let position = match self.ordinal() {
            Some(c) => format!("match {} of {}", c + 1, self.navigable_hits),
            None if self.navigable_hits == 1 => "1 match".to_string(),
            None => format!("{} matches", self.navigable_hits),
        };
        let plural = |n: usize, what: &str| if n == 1 { format!("1 {what}") } else { format!("{n} {what}s") };
        if self.scope != Scope::All {
            return format!("{position} · {}", self.scope.describe());
        }
        // Every source is visited (filters choose events): those that match, title or text.
        let (events, sources) = (self.navigable_events, self.results.matching_sources().len());
        format!("{position} · in {}, {}", plural(events, "event"), plural(sources, "source"))
    }
}
