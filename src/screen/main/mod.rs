//! The main screen: the time ruler, the timeline, the selected event's detail and its quotes.
//! Its own state is which pane takes the keys, the selected quote and the detail's scroll;
//! the timeline and its selection are shared (`State::timeline`), since every screen reads
//! them.

mod detail;
mod quote_items;
mod quotes;
pub mod ruler;
mod timeline;
pub mod update;
pub mod view;

pub use detail::max_scroll as max_detail_scroll;
pub use quote_items::quote_at;

use crate::input::Action;
use crate::state::State;

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

/// The main screen's own state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MainState {
    pub focus: Focus,
    /// Selected quote of the selected event.
    pub quote: usize,
    pub detail_scroll: usize,
}

impl Default for MainState {
    fn default() -> Self {
        MainState { focus: Focus::Timeline, quote: 0, detail_scroll: 0 }
    }
}

impl MainState {
    /// Another event is selected: its quotes and detail start from the top.
    pub fn selection_changed(&mut self) {
        self.quote = 0;
        self.detail_scroll = 0;
    }
}

pub(super) fn hints(main: &MainState, state: &State) -> String {
    let k = |a: Action| state.keymap.hint(a);
    if state.timeline.visible.is_empty() && state.search.is_active() {
        return format!(
            "nothing shown · {} clears the search · {} clears the filters",
            k(Action::Back),
            k(Action::ClearFilters)
        );
    }
    if state.dataset.events.is_empty() {
        return format!("no events yet · {} reads the sources side by side", k(Action::SideBySide));
    }
    if state.timeline.visible.is_empty() {
        return format!("nothing shown · {} clears the filters", k(Action::ClearFilters));
    }
    // Most useful first: the status line drops whole hints from the end when short of room.
    let narrow = state.main_layout().shape == crate::layout::Shape::Narrow;
    let mut hints = Vec::new();
    if narrow {
        // One pane shows, its title says which: the first hint is how to reach the other.
        hints.push(match main.focus {
            Focus::Timeline => format!("{}: the event", k(Action::FocusNext)),
            _ => format!("{}: the timeline", k(Action::FocusLeft)),
        });
    } else {
        hints.push(main.focus.name().to_string());
    }
    let moves = if main.focus == Focus::Detail { "scroll" } else { "move" };
    hints.push(format!("{}/{} {moves}", k(Action::Down), k(Action::Up)));
    match main.focus {
        Focus::Quotes => {
            hints.push(format!("{} open the article", k(Action::Open)));
        }
        _ if state.selected_event().is_some_and(|e| e.quotes.is_empty()) => {}
        _ => hints.push(format!("{} read its quotes", k(Action::Open))),
    }
    if !state.filter.is_empty() {
        hints.push(format!("{} clears the filters", k(Action::ClearFilters)));
    }
    hints.push(format!("{} search", k(Action::Search)));
    hints.push(format!("{} compare sources", k(Action::Compare)));
    // What the chart shows: the investment amounts, when the dataset has that theme.
    let chart =
        if crate::screen::chart::charted_theme(&state.dataset).is_some() { "chart of investments" } else { "chart" };
    hints.push(format!("{} {chart}", k(Action::Chart)));
    if state.search.is_active() {
        hints.push(format!("{} concordance", k(Action::Concordance)));
    }
    hints.push(format!("{} export", k(Action::Export)));
    hints.push(format!("{} side by side", k(Action::SideBySide)));
    hints.push(format!("{} year", k(Action::FilterYear)));
    hints.push(format!("{} themes", k(Action::FilterTheme)));
    hints.join(" · ")
}

/// The selected quote of the selected event.
pub(super) fn passage(main: &MainState, state: &State) -> super::Passage {
    match state.selected_event().and_then(|e| e.quotes.get(main.quote)) {
        Some(q) => Ok((q.source, state.dataset.quote_text(q).into_owned())),
        None => Err(Some("this event has no quote to copy".into())),
    }
}
