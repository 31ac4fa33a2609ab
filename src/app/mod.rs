//! The whole state of the app and its pure `update(app, input)`: the shared `State`, the stack
//! of screens over it (each with its own state, `crate::screen`), and the actions that are
//! the same on every screen. Nothing here touches a terminal: what needs it comes back as an
//! `Effect`; drawing reads the app (`view`).

mod effect;
mod overlays;
mod reload;
mod search;
mod startup;
mod update;
pub mod view;

pub use effect::{Effect, Indexed, Input};
pub use reload::{RELOAD_PROBLEMS, Reloaded};
pub use startup::Startup;
pub use update::update;

use crate::input::Keymap;
use crate::model::Dataset;
use crate::screen::{ChartState, CompareState, MainState, Reader, Screen, ScreenKind, SideBySide};
use crate::state::State;

/// Everything the screen is drawn from: the shared state (reached through `Deref`, so
/// `app.timeline` is the shared timeline) and the screens open over it.
#[derive(Debug, Clone)]
pub struct App {
    pub state: State,
    /// The open screens, the main screen at the bottom; the last one shows.
    pub screens: Vec<Screen>,
    /// Keys pressed after Enter while its search was still running, to be played in order
    /// once its results are shown and the jump made (`released_keys`): `n n` typed fast
    /// after Enter go from the first match, as they would on a small dataset.
    held: Vec<crossterm::event::KeyEvent>,
    /// The concordance a hit in an event's own text was opened from (closed to show the event
    /// on the main screen), with the search it was made for: Esc there brings it back.
    back_to: Option<(u64, Screen)>,
}

impl std::ops::Deref for App {
    type Target = State;
    fn deref(&self) -> &State {
        &self.state
    }
}

impl std::ops::DerefMut for App {
    fn deref_mut(&mut self) -> &mut State {
        &mut self.state
    }
}

/// How often a drag held past the edge of a text scrolls it a line: about fifteen lines a
/// second, as a terminal's own selection does.
const DRAG_SCROLL_EVERY: std::time::Duration = std::time::Duration::from_millis(60);

impl App {
    pub fn new(dataset: Dataset, keymap: Keymap, size: (u16, u16)) -> App {
        App::from_state(State::new(dataset, keymap, size))
    }

    /// The app without its search index, for a first frame that does not wait for it: the
    /// caller builds the index ([`crate::search::SearchIndex::new`] on `state.dataset`) and
    /// hands it over as [`Input::Indexed`].
    pub fn without_search_index(dataset: Dataset, keymap: Keymap, size: (u16, u16)) -> App {
        App::from_state(State::without_search_index(dataset, keymap, size))
    }

    pub fn from_state(state: State) -> App {
        App { state, screens: vec![Screen::Main(MainState::default())], held: Vec::new(), back_to: None }
    }

    /// Whether keys wait: Enter was pressed in the search line while its search was running,
    /// and the jump to its first match has not been made. Not while the index is built (a
    /// few seconds at a million events): `n` and the others say so then.
    pub fn holding_keys(&self) -> bool {
        let search = &self.state.search;
        search.pending && search.jump_when_done && !search.indexing && !search.editing
    }

    /// The keys held while the search Enter jumps into was running, once it is done (none
    /// before): for the loop to play, in order.
    pub fn released_keys(&mut self) -> Vec<crossterm::event::KeyEvent> {
        if self.holding_keys() { Vec::new() } else { std::mem::take(&mut self.held) }
    }

    /// How often the loop should send [`Input::Tick`], if at all: while a drag is held past
    /// the top or the bottom of a text, so that it goes on scrolling.
    pub fn ticking(&self) -> Option<std::time::Duration> {
        let held = self.state.overlay.is_none() && self.state.mouse_capture;
        let held = held && self.screens.last().and_then(Screen::held_drag).is_some();
        held.then_some(DRAG_SCROLL_EVERY)
    }

    /// Which screen shows.
    pub fn screen(&self) -> ScreenKind {
        self.screens.last().map_or(ScreenKind::Main, Screen::kind)
    }

    /// The main screen's state (always at the bottom of the stack).
    pub fn main(&self) -> &MainState {
        const NONE: MainState = MainState { focus: crate::screen::Focus::Timeline, quote: 0, detail_scroll: 0 };
        match self.screens.first() {
            Some(Screen::Main(main)) => main,
            _ => &NONE,
        }
    }

    pub fn main_mut(&mut self) -> &mut MainState {
        if !matches!(self.screens.first(), Some(Screen::Main(_))) {
            self.screens.insert(0, Screen::Main(MainState::default()));
        }
        let Some(Screen::Main(main)) = self.screens.first_mut() else {
            unreachable!("the main screen was just put at the bottom")
        };
        main
    }

    /// The reader, if open.
    pub fn reader(&self) -> Option<&Reader> {
        self.screens.iter().rev().find_map(|s| if let Screen::Reader(r) = s { Some(r) } else { None })
    }

    /// Side by side, if open.
    pub fn side(&self) -> Option<&SideBySide> {
        self.screens.iter().rev().find_map(|s| if let Screen::SideBySide(s) = s { Some(s) } else { None })
    }

    /// The compare screen, if open.
    pub fn compare(&self) -> Option<&CompareState> {
        self.screens.iter().rev().find_map(|s| if let Screen::Compare(c) = s { Some(c) } else { None })
    }

    /// The chart, if open.
    pub fn chart(&self) -> Option<&ChartState> {
        self.screens.iter().rev().find_map(|s| if let Screen::Chart(c) = s { Some(c) } else { None })
    }

    /// Rebuilds the timeline after a filter or search change; a new selection starts its
    /// quotes and detail from the top.
    pub fn refilter(&mut self) {
        if self.state.refilter() {
            self.main_mut().selection_changed();
        }
    }

    /// Selects an event, keeping it in view.
    pub fn select_event(&mut self, event: usize) {
        if self.state.select_event(event) {
            self.main_mut().selection_changed();
        }
    }

    /// Closes the screen on top (never the main one). Back on the main screen, the timeline
    /// has the focus, on the event selected before (docs/focus.md).
    pub fn back(&mut self) {
        if self.screens.len() > 1 {
            self.screens.pop();
        }
        if self.screens.len() == 1 {
            self.main_mut().focus = crate::screen::Focus::Timeline;
        }
    }

    /// Back to the main screen, closing the others.
    pub fn close_screens(&mut self) {
        self.screens.truncate(1);
    }
}
