//! `update`: the one place state changes, from keys, mouse, resizes and actions.
//! It does no I/O; what needs the terminal is returned as an `Effect`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent};

use super::mouse::mouse_event;
use super::pickers::{picker_action, picker_key};
use super::reading::{copy_citation, open_reader, open_side_by_side, reader_action, side_action};
use super::search_navigation::{goto_match, match_list_action, open_match_list, search_key};
use super::views::{chart_action, compare_action};
use super::{App, Focus, Overlay, Picker, Screen};
use crate::input::action::Action;
use crate::input::keymap::Key;
use crate::layout::inner;

/// What reaches `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    Action(Action),
    /// What the search thread found for the query of this number (see [`Effect::Search`]).
    SearchDone {
        generation: u64,
        results: Box<crate::search::SearchResults>,
    },
}

/// What the caller must do in the terminal after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    SetMouseCapture(bool),
    /// Put this text on the system clipboard (OSC 52).
    CopyToClipboard(String),
    /// Read the dataset file again.
    Reload,
    /// Run this search on the search thread, and send back its results with this number.
    Search {
        query: String,
        generation: u64,
    },
}

/// Applies one input to the state.
pub fn update(app: &mut App, input: Input) -> Option<Effect> {
    match input {
        Input::Resize(w, h) => {
            app.size = (w, h);
            app.scroll_timeline();
            super::reading::rewrap_readers(app);
            None
        }
        Input::Key(key) => {
            if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
                app.should_quit = true;
                return None;
            }
            app.message = None;
            if let Some(Overlay::Picker(_)) = app.overlay {
                picker_key(app, key);
                return None;
            }
            if app.search.editing {
                return search_key(app, key);
            }
            match app.keymap.action(Key::from_event(key)) {
                Some(action) => apply(app, action),
                None => None,
            }
        }
        Input::Mouse(mouse) => {
            mouse_event(app, mouse);
            None
        }
        Input::Action(action) => apply(app, action),
        Input::SearchDone { generation, results } => {
            super::search_navigation::search_done(app, generation, *results);
            None
        }
    }
}

/// Applies an action on whatever screen or overlay is showing.
pub fn apply(app: &mut App, action: Action) -> Option<Effect> {
    match action {
        Action::Quit => app.should_quit = true,
        Action::ToggleMouse => {
            app.mouse_capture = !app.mouse_capture;
            app.message = Some(if app.mouse_capture {
                "mouse capture on: wheel and clicks go to annals".to_string()
            } else {
                "mouse capture off: select text with the mouse".to_string()
            });
            return Some(Effect::SetMouseCapture(app.mouse_capture));
        }
        Action::Help if matches!(app.overlay, Some(Overlay::Help { .. })) => app.overlay = None,
        Action::Help => app.overlay = Some(Overlay::Help { scroll: 0 }),
        _ if matches!(app.overlay, Some(Overlay::Help { .. } | Overlay::Problems { .. })) => help_action(app, action),
        _ if matches!(app.overlay, Some(Overlay::Picker(_))) => picker_action(app, action),
        _ if matches!(app.overlay, Some(Overlay::Matches { .. })) => match_list_action(app, action),
        Action::Matches => open_match_list(app),
        Action::Search => {
            app.overlay = None;
            app.search.begin();
            return super::search_navigation::rerun(app);
        }
        Action::CopyCitation => return copy_citation(app),
        Action::Reload => {
            if app.source_path.is_some() {
                return Some(Effect::Reload);
            }
            app.message = Some("the bundled dataset is built in: nothing to reload".into());
        }
        Action::NextMatch | Action::PrevMatch => goto_match(app, action == Action::NextMatch),
        Action::Back if app.search.is_active() && app.screen() == Screen::Main => {
            app.search.clear();
            app.refilter();
            app.message = Some("search cleared".into());
        }
        Action::Compare | Action::Chart => {
            let screen = if action == Action::Compare { Screen::Compare } else { Screen::Chart };
            if app.screen() == screen {
                app.screens.pop();
            } else {
                app.screens.truncate(1);
                app.screens.push(screen);
            }
        }
        _ => match app.screen() {
            Screen::Main => main_action(app, action),
            Screen::Reader => reader_action(app, action),
            Screen::SideBySide => side_action(app, action),
            Screen::Compare => compare_action(app, action),
            Screen::Chart => chart_action(app, action),
        },
    }
    None
}

/// Scrolling and closing the help or the problems list.
fn help_action(app: &mut App, action: Action) {
    let max = crate::ui::help::max_scroll(app);
    let (Some(Overlay::Help { scroll }) | Some(Overlay::Problems { scroll, .. })) = &mut app.overlay else { return };
    match action {
        Action::Down => *scroll = scroll.saturating_add(1),
        Action::Up => *scroll = scroll.saturating_sub(1),
        Action::Top => *scroll = 0,
        Action::Bottom => *scroll = usize::MAX / 2,
        Action::PageDown => *scroll += 10,
        Action::PageUp => *scroll = scroll.saturating_sub(10),
        Action::Back | Action::Open | Action::Help => app.overlay = None,
        _ => {}
    }
    if let Some(Overlay::Help { scroll } | Overlay::Problems { scroll, .. }) = &mut app.overlay {
        *scroll = (*scroll).min(max);
    }
}

pub(super) fn page(height: u16) -> isize {
    isize::from(height.saturating_sub(1).max(1) as i16)
}

pub(super) fn main_action(app: &mut App, action: Action) {
    let layout = app.main_layout();
    match action {
        Action::Down | Action::Up | Action::Top | Action::Bottom | Action::PageDown | Action::PageUp => {
            let pane = match app.focus {
                Focus::Timeline => layout.timeline,
                Focus::Detail => layout.detail,
                Focus::Quotes => layout.quotes,
            };
            let step = match action {
                Action::Down => 1,
                Action::Up => -1,
                Action::PageDown => page(inner(pane).height),
                Action::PageUp => -page(inner(pane).height),
                Action::Top => isize::MIN / 2,
                _ => isize::MAX / 2,
            };
            move_in_focus(app, step);
        }
        Action::FocusNext | Action::FocusPrev => {
            let i = Focus::ORDER.iter().position(|f| *f == app.focus).unwrap_or(0);
            let n = Focus::ORDER.len();
            let next = if action == Action::FocusNext { (i + 1) % n } else { (i + n - 1) % n };
            app.focus = Focus::ORDER[next];
        }
        Action::FocusLeft => app.focus = Focus::Timeline,
        Action::FocusRight => {
            app.focus = if app.focus == Focus::Timeline { Focus::Detail } else { Focus::Quotes };
        }
        Action::Open => match app.focus {
            Focus::Timeline | Focus::Detail if app.selected_event().is_some_and(|e| !e.quotes.is_empty()) => {
                app.focus = Focus::Quotes;
            }
            Focus::Quotes => open_reader(app),
            _ => {}
        },
        Action::Back => app.focus = Focus::Timeline,
        Action::FilterYear | Action::FilterTheme => {
            // Counts of what each choice would show, with the other filter and the search.
            let mut others = app.filter.clone();
            if action == Action::FilterYear {
                others.year = None;
            } else {
                others.themes.clear();
            }
            let (d, search) = (&app.dataset, &app.search);
            let shown =
                |e| others.accepts(d, &app.event_index, e) && (!search.is_active() || search.results.event_matches(e));
            let picker = match action {
                Action::FilterYear => Picker::years(d, app.filter.year, shown),
                _ => Picker::themes(d, &app.filter.themes, shown),
            };
            app.overlay = Some(Overlay::Picker(picker));
        }
        Action::ClearFilters => {
            if app.filter.is_empty() {
                app.message = Some("no filter to clear".into());
            } else {
                app.filter = super::Filter::default();
                app.refilter();
                app.message = Some("filters cleared".into());
            }
        }
        Action::SideBySide => open_side_by_side(app),
        _ => {}
    }
}

/// Moves within the focused pane of the main screen (huge steps jump to an end).
fn move_in_focus(app: &mut App, step: isize) {
    match app.focus {
        Focus::Timeline => {
            let before = app.timeline.selected;
            app.timeline.move_by(step);
            if app.timeline.selected != before {
                app.selection_changed();
            }
            app.scroll_timeline();
        }
        Focus::Detail => app.detail_scroll = app.detail_scroll.saturating_add_signed(step).min(10_000),
        Focus::Quotes => {
            let n = app.selected_event().map_or(0, |e| e.quotes.len());
            app.quote = app.quote.saturating_add_signed(step).min(n.saturating_sub(1));
        }
    }
}
