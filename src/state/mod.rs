//! The state every screen shares: the dataset and its indexes, the filters, the timeline and
//! its selection, the search, the box over the screen, the message of the status line. Each
//! screen's own state lives in its room (`crate::screen`); `crate::app::App` holds both.
//! Nothing here draws or touches a terminal.

mod export_prompt;
mod picker;
mod search;
mod timeline;

pub use export_prompt::ExportPrompt;
pub use picker::{Picker, PickerItem, PickerKind};
pub use search::{Current, Cursor, MAX_QUERY, MatchGroup, Place, Scope, Search};
pub use timeline::{EventIndex, Filter, Row, Timeline, UNDATED_YEAR, year_label};

use crate::config::palette::Palette;
use crate::input::Keymap;
use crate::layout::{MainLayout, Proportions};
use crate::model::Dataset;

/// A box drawn over the screen that takes the keys while it is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Picker(Picker),
    /// Every source and event with search matches (`Search::groups`, worked out once when
    /// the list opens); `cursor` indexes them.
    Matches {
        cursor: usize,
        groups: Vec<MatchGroup>,
    },
    /// Problems to read: config warnings at start, or why a reload failed.
    Problems {
        title: String,
        lines: Vec<String>,
        scroll: usize,
    },
    /// `E`: the file to export what the screen shows to, and its format.
    Export(ExportPrompt),
}

/// What every screen reads and the shared actions change.
#[derive(Debug, Clone)]
pub struct State {
    /// Shared with the thread that builds the search index after the first frame.
    pub dataset: std::sync::Arc<Dataset>,
    pub keymap: Keymap,
    /// Terminal size in cells (width, height), from the last resize.
    pub size: (u16, u16),
    pub overlay: Option<Overlay>,
    pub filter: Filter,
    pub timeline: Timeline,
    /// Shared with the search thread. Empty while `search.indexing` (the app builds it after
    /// its first frame, on a thread of its own).
    pub search_index: std::sync::Arc<crate::search::SearchIndex>,
    /// Counts the datasets swapped in (reloads): an index built for an older one is dropped.
    pub dataset_generation: u64,
    /// Searches run on the search thread, the screen staying live meanwhile (the terminal app
    /// on a large dataset); else here, within the keystroke.
    pub background_search: bool,
    /// Per-event theme masks and eras, for the filters and the timeline rows.
    pub event_index: EventIndex,
    pub search: Search,
    pub mouse_capture: bool,
    /// Colour mode and theme the frame is adapted to.
    pub palette: Palette,
    /// The dataset file, when not the bundled one (for reloading).
    pub source_path: Option<std::path::PathBuf>,
    /// Pane proportions.
    pub layout: Proportions,
    /// The style of the citation `Y` copies (the config's `citation_style`).
    pub citation_style: crate::cite::CitationStyle,
    /// The last reload found problems: the data shown is the last good version.
    pub reload_failed: bool,
    /// A reload of the dataset file is running in the background.
    pub reloading: bool,
    /// The keymap section of the screen that shows (`crate::app::App` keeps it).
    pub section: &'static str,
    /// A one-off message for the status line, cleared by the next key.
    pub message: Option<String>,
    /// A message about a write to the dataset's own files (a capture to `drafts.toml`): the
    /// reload that write sets off puts it before its own words, where a narrow status line
    /// keeps it. Any other message shown then was there before, and follows them.
    pub wrote: Option<String>,
    /// Whether help was opened in this run: until then the main screen's header says how.
    pub help_used: bool,
    pub should_quit: bool,
}

impl State {
    /// The state for `dataset`, with its indexes built (the search index is the costly one;
    /// its pairs of letters are not tallied: a query of two letters is a whole search).
    pub fn new(dataset: Dataset, keymap: Keymap, size: (u16, u16)) -> State {
        let search_index = std::sync::Arc::new(crate::search::SearchIndex::unpaired(&dataset));
        let event_index = EventIndex::new(&dataset);
        State::with_indexes(dataset, search_index, event_index, keymap, size)
    }

    /// The state for `dataset` without its search index, which is built later on a thread
    /// (`search.indexing`: until it is in place, a query waits for it): the app's first frame
    /// does not wait for it.
    pub fn without_search_index(dataset: Dataset, keymap: Keymap, size: (u16, u16)) -> State {
        let event_index = EventIndex::new(&dataset);
        let index = std::sync::Arc::new(crate::search::SearchIndex::default());
        let mut state = State::with_indexes(dataset, index, event_index, keymap, size);
        state.search.indexing = true;
        state
    }

    /// The state for `dataset` with indexes built elsewhere (on a loading thread).
    pub fn with_indexes(
        dataset: Dataset,
        search_index: std::sync::Arc<crate::search::SearchIndex>,
        event_index: EventIndex,
        keymap: Keymap,
        size: (u16, u16),
    ) -> State {
        let mut state = State {
            search_index,
            dataset_generation: 0,
            background_search: false,
            event_index,
            dataset: std::sync::Arc::new(dataset),
            keymap,
            size,
            overlay: None,
            filter: Filter::default(),
            timeline: Timeline::default(),
            search: Search::default(),
            mouse_capture: true,
            palette: Palette::default(),
            layout: Proportions::default(),
            citation_style: crate::cite::CitationStyle::default(),
            source_path: None,
            reload_failed: false,
            reloading: false,
            section: "main",
            message: None,
            wrote: None,
            help_used: false,
            should_quit: false,
        };
        state.refilter();
        state
    }

    /// Shows a list of problems over the screen.
    pub fn show_problems(&mut self, title: impl Into<String>, lines: Vec<String>) {
        self.overlay = Some(Overlay::Problems { title: title.into(), lines, scroll: 0 });
    }

    /// Rebuilds the timeline after a filter or search change; whether the selected event
    /// changed (the main screen then starts the event's quotes and detail from the top).
    pub fn refilter(&mut self) -> bool {
        let before = self.timeline.selected_event();
        let (dataset, filter, search, facts) = (&self.dataset, &self.filter, &self.search, &self.event_index);
        // A search of the whole dataset: only the events it matches are looked at (a search
        // scoped to articles chooses no events).
        let accepts = |event| filter.accepts(dataset, facts, event);
        match (search.is_active() && search.scope == Scope::All).then(|| search.results.matching_events()) {
            Some(matching) => self.timeline.rebuild_among(dataset, facts, matching.iter().copied(), accepts),
            // Every event: the lists kept from the first time.
            None if filter.is_empty() => self.timeline.show_all(dataset, facts),
            None => self.timeline.rebuild(dataset, facts, accepts),
        }
        self.search.renavigate(&self.timeline.visible, &self.search_index);
        self.scroll_timeline();
        self.timeline.selected_event() != before
    }

    /// Selects an event (if shown), keeping it in view; whether the selection changed.
    pub fn select_event(&mut self, event: usize) -> bool {
        let before = self.timeline.selected_event();
        self.timeline.select_event(event);
        self.scroll_timeline();
        self.timeline.selected_event() != before
    }

    pub fn scroll_timeline(&mut self) {
        let inner = crate::layout::inner(self.main_layout().timeline);
        let wrap_all = crate::layout::timeline::wraps_all(inner.height);
        let selected = self.timeline.selected_row();
        let events = &self.dataset.events;
        self.timeline.scroll_into_view(usize::from(inner.height), |i, row| {
            row_lines(events, row, usize::from(inner.width), wrap_all, selected == Some(i))
        });
    }

    /// The lines timeline row `row` takes in a pane `inner` cells wide: a long title wraps
    /// (only the selected one unless `wrap_all`, see `layout::timeline`).
    pub fn timeline_row_lines(&self, row: usize, inner: usize, wrap_all: bool) -> usize {
        match self.timeline.rows.get(row) {
            Some(&r) => row_lines(&self.dataset.events, r, inner, wrap_all, self.timeline.selected_row() == Some(row)),
            None => 1,
        }
    }

    pub fn main_layout(&self) -> MainLayout {
        MainLayout::new(self.area(), self.layout)
    }

    pub fn area(&self) -> ratatui::layout::Rect {
        ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1)
    }

    pub fn selected_event(&self) -> Option<&crate::model::Event> {
        self.timeline.selected_event().map(|i| &self.dataset.events[i])
    }

    /// Every claim of every fact, as (fact, claim) indexes, in the order the compare view
    /// lists them.
    pub fn claims(&self) -> Vec<(usize, usize)> {
        let facts = self.dataset.facts.iter().enumerate();
        facts.flat_map(|(f, fact)| (0..fact.claims.len()).map(move |c| (f, c))).collect()
    }

    /// "4 of 16 events · 2020 · investment": what the timeline shows.
    pub fn shown_summary(&self) -> String {
        let mut parts = vec![format!("{} of {} events", self.timeline.visible.len(), self.dataset.events.len())];
        if let Some(year) = self.filter.year {
            parts.push(year_label(year));
        }
        if !self.filter.themes.is_empty() {
            let names: Vec<&str> = self.filter.themes.iter().map(|&t| self.dataset.themes[t].id.as_str()).collect();
            parts.push(names.join(" + "));
        }
        if !self.filter.sources.is_empty() {
            let names: Vec<&str> = self.filter.sources.iter().map(|&s| self.dataset.sources[s].id.as_str()).collect();
            parts.push(format!("quoting {}", names.join(" or ")));
        }
        if let Some(lang) = &self.filter.language {
            parts.push(format!("in {lang}"));
        }
        // The search last: the longest, and cut first on a narrow pane.
        if self.search.is_active() {
            parts.push(format!("/{}", self.search.query.trim()));
        }
        parts.join(" · ")
    }
}

/// The lines a timeline row takes in a pane that is tall (`wrap_all`) or short: an event's
/// title may wrap (every one in a tall pane, else only the `selected` one), and a year
/// heading gives its line to the events in a short pane (see `layout::timeline`).
fn row_lines(events: &[crate::model::Event], row: Row, inner: usize, wrap_all: bool, selected: bool) -> usize {
    match row {
        Row::Event(e) => crate::layout::timeline::event_lines(&events[e], inner, wrap_all || selected),
        Row::Year(_) | Row::Undated => crate::layout::timeline::year_heading_lines(wrap_all),
        Row::Era(_) => 1,
    }
}
