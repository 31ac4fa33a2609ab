//! The full screens, one room each: a screen's state, its update (keys and mouse), its
//! status-line hints and its drawing live together in `screen/<name>/`. `Screen` carries each
//! screen's state; the `impl Screen` below is the one dispatch per concern.
//!
//! A screen's update changes its own state and the shared `State`, and says with a [`Nav`]
//! whether a screen opens or closes: the stack of screens belongs to `crate::app::App`.
//! Adding a screen: a room here, one variant in `Screen` and `ScreenKind` with their match
//! arms below, and its keys in the keymap's section of its name.

pub mod chart;
pub mod compare;
pub mod concordance;
pub mod main;
pub mod reader;
pub mod side_by_side;

use crossterm::event::MouseEvent;
use ratatui::Frame;

use crate::input::Action;
use crate::model::Dataset;
use crate::state::State;

pub use chart::ChartState;
pub use compare::CompareState;
pub use concordance::ConcordanceState;
pub use main::{Focus, MainState};
pub use reader::Reader;
pub use side_by_side::SideBySide;

/// A full screen and its state. Screens stack: Esc goes back to the one below; the main
/// screen is always at the bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    Main(MainState),
    Reader(Reader),
    SideBySide(SideBySide),
    /// Facts the sources state differently.
    Compare(CompareState),
    /// The investment figures as bars.
    Chart(ChartState),
    /// Every hit of the search in its context.
    Concordance(ConcordanceState),
}

/// Which screen, without its state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScreenKind {
    Main,
    Reader,
    SideBySide,
    Compare,
    Chart,
    Concordance,
}

impl ScreenKind {
    /// The name of the screen's section in the keymap.
    pub fn section(self) -> &'static str {
        match self {
            ScreenKind::Main => "main",
            ScreenKind::Reader => "reader",
            ScreenKind::SideBySide => "side_by_side",
            ScreenKind::Compare => "compare",
            ScreenKind::Chart => "chart",
            ScreenKind::Concordance => "concordance",
        }
    }
}

/// What a screen's update asks of the screen stack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Nav {
    Stay,
    /// Close this screen, back to the one below.
    Back,
    /// Open a screen over this one (boxed: a screen is much larger than the other asks).
    Push(Box<Screen>),
    /// Show this search hit as `n` does (closing the screens over the main one if needed).
    Hit(crate::search::Hit),
}

impl Nav {
    /// Open `screen` over this one.
    pub fn push(screen: Screen) -> Nav {
        Nav::Push(Box::new(screen))
    }
}

/// The quote in view, for copying with its citation: its source and its words.
pub type Passage = Result<(usize, String), Option<String>>;

/// The main screen's header, right of the title: the other views by their keys, and until
/// help is used in this run, how to get it; the longest of these that leaves the title whole,
/// with the program's name before it if there is room (the header drops the name first: the
/// views are worth more on a narrow terminal, and the status line names the help key).
fn main_subtitle(state: &State) -> String {
    let k = |a| state.keymap.hint(a);
    let views = format!("{} compare · {} chart", k(Action::Compare), k(Action::Chart));
    let help = format!("press {} for help", k(Action::Help));
    let choices = if state.help_used {
        vec![views]
    } else {
        vec![format!("{views} · {help}"), format!("{views} · {} help", k(Action::Help)), views, help]
    };
    let width = crate::text::wrap::width;
    let total = usize::from(state.size.0);
    let fits = |title: String| {
        let room = total.saturating_sub(width(&title) + 3);
        choices.iter().find(|c| width(c) <= room).cloned()
    };
    crate::ui::header::titles(state).into_iter().find_map(fits).unwrap_or_default()
}

impl Screen {
    pub fn kind(&self) -> ScreenKind {
        match self {
            Screen::Main(_) => ScreenKind::Main,
            Screen::Reader(_) => ScreenKind::Reader,
            Screen::SideBySide(_) => ScreenKind::SideBySide,
            Screen::Compare(_) => ScreenKind::Compare,
            Screen::Chart(_) => ScreenKind::Chart,
            Screen::Concordance(_) => ScreenKind::Concordance,
        }
    }

    /// An action on this screen.
    pub fn update(&mut self, state: &mut State, action: Action) -> Nav {
        match self {
            Screen::Main(main) => main::update::action(main, state, action),
            Screen::Reader(reader) => reader::update::action(reader, state, action),
            Screen::SideBySide(side) => side_by_side::update::action(side, state, action),
            Screen::Compare(compare) => compare::update::action(compare, state, action),
            Screen::Chart(chart) => chart::update::action(chart, state, action),
            Screen::Concordance(c) => concordance::update::action(c, state, action),
        }
    }

    /// The mouse: the wheel scrolls what is under the pointer, a click selects.
    pub fn mouse(&mut self, state: &mut State, mouse: MouseEvent) -> Nav {
        match self {
            Screen::Main(main) => main::update::mouse(main, state, mouse),
            Screen::Reader(reader) => reader::update::mouse(reader, state, mouse),
            Screen::SideBySide(side) => side_by_side::update::mouse(side, state, mouse),
            Screen::Compare(compare) => compare::update::mouse(compare, state, mouse),
            Screen::Chart(chart) => chart::update::mouse(chart, state, mouse),
            Screen::Concordance(c) => concordance::update::mouse(c, state, mouse),
        }
    }

    /// The keys worth knowing here, for the status line.
    pub fn hints(&self, state: &State) -> String {
        match self {
            Screen::Main(main) => main::hints(main, state),
            Screen::Reader(r) => reader::hints(r, state),
            Screen::SideBySide(side) if side.columns[side.focus].selection.is_some() => {
                reader::selecting_hints(state, side.columns[side.focus].selecting_one_word(&state.dataset))
            }
            Screen::SideBySide(_) => side_by_side::hints(state),
            Screen::Compare(_) => compare::hints(state),
            Screen::Chart(_) => chart::hints(state),
            Screen::Concordance(_) => concordance::hints(state),
        }
    }

    /// What the header says on the right.
    pub fn subtitle(&self, state: &State) -> String {
        match self {
            Screen::Main(_) => main_subtitle(state),
            Screen::Reader(_) => "source reader".to_string(),
            Screen::SideBySide(side) => side_by_side::subtitle(side, state),
            Screen::Compare(_) => "facts the sources state".to_string(),
            Screen::Chart(_) => "chart of the amounts".to_string(),
            Screen::Concordance(_) => "concordance".to_string(),
        }
    }

    /// Draws the screen between the header and the status line of `area` (the whole
    /// terminal).
    pub fn draw(&self, frame: &mut Frame, state: &State) {
        let area = frame.area();
        let body = crate::layout::Frame::new(area).body;
        match self {
            Screen::Main(main) => main::view::draw(frame, area, main, state),
            Screen::Reader(reader) => reader::view::draw(frame, body, state, reader, true, &[reader.source]),
            Screen::SideBySide(side) => side_by_side::view::draw(frame, body, side, state),
            Screen::Compare(compare) => compare::view::draw(frame, body, compare, state),
            Screen::Chart(chart) => chart::view::draw(frame, body, chart, state),
            Screen::Concordance(c) => concordance::view::draw(frame, body, c, state),
        }
    }

    /// Ends any mouse drag: its button may be let go where no release can be seen (mouse
    /// capture turned off, the app suspended). The selection made so far stays.
    pub fn end_drags(&mut self) {
        match self {
            Screen::Reader(reader) => reader.release(),
            Screen::SideBySide(side) => side.columns.iter_mut().for_each(Reader::release),
            _ => {}
        }
    }

    /// A drag held past the top or the bottom of a text, to make again on each tick while
    /// the button stays down (the reader's, or side by side's focused column's).
    pub fn held_drag(&self) -> Option<MouseEvent> {
        match self {
            Screen::Reader(reader) => reader.held_drag(),
            Screen::SideBySide(side) => side.columns[side.focus].held_drag(),
            _ => None,
        }
    }

    /// The reader that takes a selection here: the reader, or the focused column of side by
    /// side.
    pub fn reader_mut(&mut self) -> Option<&mut Reader> {
        match self {
            Screen::Reader(reader) => Some(reader),
            Screen::SideBySide(side) => Some(&mut side.columns[side.focus]),
            _ => None,
        }
    }

    /// The quote in view, to copy with its citation; `Err` with the reason to tell, if any.
    pub fn passage(&self, state: &State) -> Passage {
        match self {
            Screen::Main(main) => main::passage(main, state),
            Screen::Reader(reader) => reader.passage(&state.dataset),
            Screen::SideBySide(side) => side.columns[side.focus].passage(&state.dataset),
            Screen::Compare(compare) => compare::passage(compare, state),
            Screen::Chart(_) => Err(None),
            Screen::Concordance(c) => concordance::passage(c, state),
        }
    }

    /// Re-wraps what depends on the terminal size.
    pub fn resized(&mut self, state: &State) {
        match self {
            Screen::Reader(reader) => {
                let (width, height) = reader::text_size(state, reader.source);
                reader.resize(&state.dataset, width, height);
            }
            Screen::SideBySide(side) => side.resize(state),
            Screen::Concordance(c) => c.scroll(state),
            Screen::Main(main) => main.detail_scroll = main.detail_scroll.min(main::max_detail_scroll(state)),
            Screen::Compare(_) | Screen::Chart(_) => {}
        }
    }

    /// Follows a change of the shared state that the screen's own state depends on (a new
    /// search under the concordance).
    pub fn follow(&mut self, state: &State) {
        if let Screen::Concordance(c) = self {
            c.follow(state);
        }
    }

    /// Follows a reload from `old` to the data in `state`, as far as the screen still
    /// applies; `false` when it no longer does (its source is gone), to close it.
    pub fn reloaded(&mut self, old: &Dataset, state: &State) -> bool {
        match self {
            Screen::Main(main) => {
                let quotes = state.selected_event().map_or(0, |e| e.quotes.len());
                main.quote = main.quote.min(quotes.saturating_sub(1));
                true
            }
            Screen::Reader(reader) => {
                let kept = reader.reloaded(old, &state.dataset);
                reader.rewrap(&state.dataset, reader::text_size(state, reader.source).0);
                kept
            }
            Screen::SideBySide(side) => side.reloaded(old, state),
            Screen::Compare(compare) => {
                compare.claim = compare.claim.min(state.claims().len().saturating_sub(1));
                true
            }
            Screen::Chart(_) => true,
            Screen::Concordance(c) => {
                c.reloaded(state);
                true
            }
        }
    }
}
