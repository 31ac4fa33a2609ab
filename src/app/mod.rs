//! Application state and the pure `update(state, action)`; nothing here touches a terminal.

mod mouse;
mod pickers;
mod reader;
mod reading;
mod reload;
mod search;
mod search_navigation;
mod startup;
mod timeline;
mod update;
mod views;

pub use pickers::{Picker, PickerItem, PickerKind};
pub use reader::{Reader, SideBySide};
pub use reload::RELOAD_PROBLEMS;
pub use search::{MatchGroup, Place, Search};
pub use startup::Startup;
pub use timeline::{EventIndex, Filter, Row, Timeline};
pub use update::{Effect, Input, update};

use crate::input::keymap::Keymap;
use crate::model::Dataset;

/// Which full screen is showing. Screens stack: Esc goes back to the one below.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Main,
    Reader,
    SideBySide,
    /// Facts the sources state differently (`compare` module).
    Compare,
    /// The investment figures as bars.
    Chart,
}

/// The pane of the main screen that takes the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Timeline,
    Detail,
    Quotes,
}

impl Focus {
    pub const ORDER: [Focus; 3] = [Focus::Timeline, Focus::Detail, Focus::Quotes];

    pub fn name(self) -> &'static str {
        match self {
            Focus::Timeline => "timeline",
            Focus::Detail => "detail",
            Focus::Quotes => "quotes",
        }
    }
}

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
}

/// Everything the screen is drawn from.
#[derive(Debug, Clone)]
pub struct App {
    pub dataset: Dataset,
    pub keymap: Keymap,
    /// Terminal size in cells (width, height), from the last resize.
    pub size: (u16, u16),
    pub screens: Vec<Screen>,
    pub overlay: Option<Overlay>,
    pub focus: Focus,
    pub filter: Filter,
    pub timeline: Timeline,
    /// Selected quote of the selected event.
    pub quote: usize,
    pub detail_scroll: usize,
    pub reader: Reader,
    pub side: SideBySide,
    /// Selected claim in the compare view: index into `App::claims()`.
    pub claim: usize,
    /// First line shown in the chart.
    pub chart_scroll: usize,
    /// Shared with the search thread.
    pub search_index: std::sync::Arc<crate::search::SearchIndex>,
    /// Searches run on the search thread, the screen staying live meanwhile (the terminal app
    /// on a large dataset); else here, within the keystroke.
    pub background_search: bool,
    /// Per-event theme masks and eras, for the filters and the timeline rows.
    pub event_index: EventIndex,
    pub search: Search,
    pub mouse_capture: bool,
    /// Colour mode and theme the frame is adapted to.
    pub palette: crate::config::palette::Palette,
    /// The dataset file, when not the bundled one (for reloading).
    pub source_path: Option<std::path::PathBuf>,
    /// Pane proportions.
    pub layout: crate::layout::Proportions,
    /// The last reload found problems: the data shown is the last good version.
    pub reload_failed: bool,
    /// A one-off message for the status line, cleared by the next key.
    pub message: Option<String>,
    pub should_quit: bool,
}

impl App {
    pub fn new(dataset: Dataset, keymap: Keymap, size: (u16, u16)) -> App {
        let search_index = std::sync::Arc::new(crate::search::SearchIndex::new(&dataset));
        let event_index = EventIndex::new(&dataset);
        let mut app = App {
            search_index,
            background_search: false,
            event_index,
            dataset,
            keymap,
            size,
            screens: vec![Screen::Main],
            overlay: None,
            focus: Focus::Timeline,
            filter: Filter::default(),
            timeline: Timeline::default(),
            quote: 0,
            detail_scroll: 0,
            reader: Reader::default(),
            side: SideBySide::default(),
            claim: 0,
            chart_scroll: 0,
            search: Search::default(),
            mouse_capture: true,
            palette: crate::config::palette::Palette::default(),
            layout: crate::layout::Proportions::default(),
            source_path: None,
            reload_failed: false,
            message: None,
            should_quit: false,
        };
        app.refilter();
        app
    }

    pub fn screen(&self) -> Screen {
        self.screens.last().copied().unwrap_or(Screen::Main)
    }

    /// Shows a list of problems over the screen.
    pub fn show_problems(&mut self, title: impl Into<String>, lines: Vec<String>) {
        self.overlay = Some(Overlay::Problems { title: title.into(), lines, scroll: 0 });
    }

    /// Rebuilds the timeline after a filter change.
    pub fn refilter(&mut self) {
        let before = self.timeline.selected_event();
        let (dataset, filter, search, facts) = (&self.dataset, &self.filter, &self.search, &self.event_index);
        // The events the search matches, walked along with the timeline (both ascend) rather
        // than searched for event by event.
        let matching = search.is_active().then(|| search.results.matching_events());
        let next = std::cell::Cell::new(0);
        let matches = |event: usize| {
            let Some(list) = matching else { return true };
            let mut at = next.get();
            while list.get(at).is_some_and(|&e| e < event) {
                at += 1;
            }
            next.set(at);
            list.get(at) == Some(&event)
        };
        self.timeline.rebuild(dataset, facts, |event| matches(event) && filter.accepts(dataset, facts, event));
        self.search.renavigate(&self.timeline.visible, &self.search_index);
        if self.timeline.selected_event() != before {
            self.selection_changed();
        }
        self.scroll_timeline();
    }

    pub(crate) fn selection_changed(&mut self) {
        self.quote = 0;
        self.detail_scroll = 0;
    }

    pub fn scroll_timeline(&mut self) {
        let height = crate::layout::inner(self.main_layout().timeline).height as usize;
        self.timeline.scroll_into_view(height);
    }

    pub fn main_layout(&self) -> crate::layout::MainLayout {
        crate::layout::MainLayout::new(self.area(), self.layout)
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
            parts.push(year.to_string());
        }
        if !self.filter.themes.is_empty() {
            let names: Vec<&str> = self.filter.themes.iter().map(|&t| self.dataset.themes[t].id.as_str()).collect();
            parts.push(names.join(" + "));
        }
        // The search last: the longest, and cut first on a narrow pane.
        if self.search.is_active() {
            parts.push(format!("/{}", self.search.query.trim()));
        }
        parts.join(" · ")
    }
}
