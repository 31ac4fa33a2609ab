//! Replacing the dataset after the file changed, keeping the user's place: the selected event
//! (by id), the filters, the search, the quote, the scroll position and the open screens, as
//! far as they still apply. The costly part (loading, indexing, searching the new data) is
//! done before, off the screen thread (`Reloaded::build`); this only swaps it in.

use std::sync::Arc;

use super::App;
use crate::model::Dataset;
use crate::search::{SearchIndex, SearchResults};
use crate::state::{EventIndex, Overlay};

/// The title of the problems overlay shown when a reload fails.
pub const RELOAD_PROBLEMS: &str = "The file has problems · the last good version stays on screen";

/// A freshly loaded dataset with its indexes, and the results of the search that was on when
/// the reload started.
#[derive(Debug, Clone)]
pub struct Reloaded {
    pub dataset: Dataset,
    pub search_index: Arc<SearchIndex>,
    pub event_index: EventIndex,
    /// The query searched, and what it found in the new data.
    pub search: Option<(String, SearchResults)>,
}

impl PartialEq for Reloaded {
    /// Reloads compare by what they hold that the user sees: the data and the search.
    fn eq(&self, other: &Reloaded) -> bool {
        self.dataset == other.dataset && self.search == other.search
    }
}

impl Reloaded {
    /// Indexes `dataset` and searches it for `query` (the search on when the reload started):
    /// the work of a reload that can be done away from the screen. The index's pairs of
    /// letters are left to tally ([`SearchIndex::tally_pairs`]) once the data is on screen.
    pub fn build(dataset: Dataset, query: Option<String>) -> Reloaded {
        let search_index = Arc::new(SearchIndex::unpaired(&dataset));
        let event_index = EventIndex::new(&dataset);
        let search = query.filter(|q| !q.trim().is_empty()).map(|q| {
            let results = search_index.search(&q);
            (q, results)
        });
        Reloaded { dataset, search_index, event_index, search }
    }
}

impl App {
    /// Swaps in a freshly loaded dataset, indexing it here (tests, and small data).
    pub fn replace_dataset(&mut self, dataset: Dataset) {
        let query = self.state.search.query.clone();
        self.swap_in(Reloaded::build(dataset, Some(query)));
    }

    /// Swaps in a reloaded dataset, keeping the user's place.
    pub fn swap_in(&mut self, reloaded: Reloaded) {
        let Reloaded { dataset, search_index, event_index, search } = reloaded;
        let old = std::mem::replace(&mut self.state.dataset, Arc::new(dataset));
        let selected_id = self.state.timeline.selected_event().map(|e| old.events[e].id.clone());
        let selected_key = self.state.timeline.selected_event().map(|e| old.events[e].date.sort_key());
        let theme_ids: Vec<String> = self.state.filter.themes.iter().map(|&t| old.themes[t].id.clone()).collect();
        let offset = self.state.timeline.offset;
        let quote = self.main().quote;

        let old_index = std::mem::replace(&mut self.state.search_index, search_index);
        self.state.event_index = event_index;
        // The new data comes with its own index: one still being built for the old data is
        // dropped when it arrives (its number is older).
        self.state.dataset_generation += 1;
        self.state.search.indexing = false;
        // The search on now: its results in the new data if they were worked out for this
        // query, else searched again.
        match search {
            Some((query, results)) if query == self.state.search.query => self.state.search.accept(results),
            _ => self.state.search.run(&self.state.search_index),
        }
        // Enter pressed while the old search ran: the reload answers that search, and the
        // selection is put back below instead of a jump (keys held for the jump are let go).
        self.state.search.jump_when_done = false;
        self.state.filter.themes =
            theme_ids.iter().filter_map(|id| self.state.dataset.themes.iter().position(|t| &t.id == id)).collect();
        self.state.filter.themes.sort_unstable();
        // Rebuild with no selection, then put it back by id; nothing kept for the old data.
        self.state.timeline.forget();
        self.refilter();
        match selected_id.and_then(|id| self.state.dataset.event_index(&id)) {
            Some(index) => self.state.timeline.select_event(index),
            // The event is gone: the first one shown on or after its date, else the last.
            None => {
                if let Some(key) = selected_key {
                    let events = &self.state.dataset.events;
                    let pos = self.state.timeline.visible.partition_point(|&e| events[e].date.sort_key() < key);
                    self.state.timeline.selected = pos.min(self.state.timeline.visible.len().saturating_sub(1));
                }
            }
        }
        self.state.timeline.offset = offset;
        self.state.scroll_timeline();
        self.main_mut().quote = quote;

        // Each screen follows as far as it can; the first that cannot closes with those above.
        let App { state, screens, .. } = self;
        let mut keep = screens.len();
        for (i, screen) in screens.iter_mut().enumerate() {
            if !screen.reloaded(&old, state) {
                keep = i;
                break;
            }
        }
        screens.truncate(keep.max(1));

        self.state.reload_failed = false;
        if matches!(&self.state.overlay, Some(Overlay::Problems { title, .. }) if title == RELOAD_PROBLEMS) {
            self.state.overlay = None;
        }
        // The match list names places of the old data: list them again.
        if let Some(Overlay::Matches { cursor, groups }) = &mut self.state.overlay {
            *groups = self.state.search.groups(&self.state.search_index);
            *cursor = (*cursor).min(groups.len().saturating_sub(1));
        }
        let (shown, wrote) = (self.state.message.take(), self.state.wrote.take());
        let summary = self.state.dataset.summary_line();
        self.state.message = Some(match shown {
            // The reload this write set off: the write is the news, its first part first, and
            // the reload said in a word (the timeline's title counts the events).
            Some(shown) if wrote.as_ref() == Some(&shown) => match shown.split_once(" · ") {
                Some((head, rest)) => format!("{head} · reloaded · {rest}"),
                None => format!("{shown} · reloaded"),
            },
            shown => after_reload(shown, &summary),
        });
        // The old data can be large: freed on a thread of its own, not between two frames.
        let _ = std::thread::Builder::new().name("free".into()).spawn(move || drop((old, old_index)));
    }

    /// Keeps the current data and shows why the new version could not be loaded.
    pub fn reload_failed(&mut self, problems: Vec<String>) {
        self.state.reload_failed = true;
        self.state.message = None;
        self.state.show_problems(RELOAD_PROBLEMS, problems);
    }
}

/// What the status line says once a reload is in: what was loaded, followed by a message the
/// user has not dismissed yet, so that it is not lost.
fn after_reload(shown: Option<String>, summary: &str) -> String {
    const RELOADED: &str = "reloaded: ";
    // A message kept through an earlier reload follows that reload's words: keep it alone; one
    // a write's reload said in a word ("… · reloaded · …"), without that word.
    let kept = match shown {
        Some(m) if m.starts_with(RELOADED) => m.split_once(" · ").map(|(_, rest)| rest.to_string()),
        Some(m) => Some(m.split(" · ").filter(|part| *part != "reloaded").collect::<Vec<_>>().join(" · ")),
        None => None,
    };
    match kept {
        Some(m) => format!("{RELOADED}{summary} · {m}"),
        None => format!("{RELOADED}{summary}"),
    }
}
