//! Replacing the dataset after the file changed, keeping the user's place: the selected event
//! (by id), the filters, the search, the quote, the scroll position and the open screen, as
//! far as they still apply.

use super::{App, Overlay, Screen};
use crate::model::Dataset;

/// The title of the problems overlay shown when a reload fails.
pub const RELOAD_PROBLEMS: &str = "The file has problems · the last good version stays on screen";

impl App {
    /// Swaps in a freshly loaded dataset.
    pub fn replace_dataset(&mut self, dataset: Dataset) {
        let old = std::mem::replace(&mut self.dataset, dataset);
        let selected_id = self.timeline.selected_event().map(|e| old.events[e].id.clone());
        let selected_key = self.timeline.selected_event().map(|e| old.events[e].date.sort_key());
        let theme_ids: Vec<String> = self.filter.themes.iter().map(|&t| old.themes[t].id.clone()).collect();
        let source_id = |i: usize| old.sources.get(i).map(|s| s.id.clone());
        let reader_source = source_id(self.reader.source);
        let side_sources = self.side.columns.clone().map(|c| source_id(c.source));
        let quote = self.quote;
        let offset = self.timeline.offset;

        self.search_index = std::sync::Arc::new(crate::search::SearchIndex::new(&self.dataset));
        self.event_index = super::EventIndex::new(&self.dataset);
        self.search.run(&self.search_index);
        self.filter.themes =
            theme_ids.iter().filter_map(|id| self.dataset.themes.iter().position(|t| &t.id == id)).collect();
        self.filter.themes.sort_unstable();
        // Rebuild with no selection, then put it back by id.
        self.timeline.visible.clear();
        self.timeline.selected = 0;
        self.refilter();
        match selected_id.and_then(|id| self.dataset.event_index(&id)) {
            Some(index) => self.timeline.select_event(index),
            // The event is gone: the first one shown on or after its date, else the last.
            None => {
                if let Some(key) = selected_key {
                    let events = &self.dataset.events;
                    let pos = self.timeline.visible.partition_point(|&e| events[e].date.sort_key() < key);
                    self.timeline.selected = pos.min(self.timeline.visible.len().saturating_sub(1));
                }
            }
        }
        self.timeline.offset = offset;
        self.scroll_timeline();
        let quotes = self.selected_event().map_or(0, |e| e.quotes.len());
        self.quote = quote.min(quotes.saturating_sub(1));
        self.claim = self.claim.min(self.claims().len().saturating_sub(1));

        let find = |id: Option<String>| id.and_then(|id| self.dataset.sources.iter().position(|s| s.id == id));
        let reader = find(reader_source);
        let sides = side_sources.map(find);
        let still_open = |screen: &Screen| match screen {
            Screen::Reader => reader.is_some(),
            Screen::SideBySide => sides.iter().all(Option::is_some),
            _ => true,
        };
        let keep = self.screens.iter().take_while(|s| still_open(s)).count().max(1);
        self.screens.truncate(keep);
        self.reader.forget_wrap();
        if let Some(source) = reader {
            self.reader.source = source;
            self.reader.highlight = None;
        }
        for (column, source) in self.side.columns.iter_mut().zip(sides) {
            column.forget_wrap();
            if let Some(source) = source {
                column.source = source;
                column.highlight = None;
            }
        }
        super::reading::rewrap_readers(self);
        self.reload_failed = false;
        if matches!(&self.overlay, Some(Overlay::Problems { title, .. }) if title == RELOAD_PROBLEMS) {
            self.overlay = None;
        }
        // The match list names places of the old data: list them again.
        if let Some(Overlay::Matches { cursor, groups }) = &mut self.overlay {
            *groups = self.search.groups(&self.search_index);
            *cursor = (*cursor).min(groups.len().saturating_sub(1));
        }
        self.message = Some(format!("reloaded: {}", self.dataset.summary_line()));
    }

    /// Keeps the current data and shows why the new version could not be loaded.
    pub fn reload_failed(&mut self, problems: Vec<String>) {
        self.reload_failed = true;
        self.message = None;
        self.show_problems(RELOAD_PROBLEMS, problems);
    }
}
