//! Keys and the wheel in the reader: scrolling, and side by side from here.

use crossterm::event::{MouseEvent, MouseEventKind};

use super::Reader;
use crate::input::Action;
use crate::layout::page;
use crate::screen::Nav;
use crate::state::State;

/// Scroll steps shared by the reader and each side-by-side column; whether `action` was one.
pub fn scroll(reader: &mut Reader, state: &State, action: Action, (w, h): (u16, u16)) -> bool {
    let d = &state.dataset;
    match action {
        Action::Down => reader.scroll_by(d, 1, w, h),
        Action::Up => reader.scroll_by(d, -1, w, h),
        Action::PageDown => reader.scroll_by(d, page(h), w, h),
        Action::PageUp => reader.scroll_by(d, -page(h), w, h),
        Action::Top => reader.scroll = 0,
        Action::Bottom => reader.scroll_to_end(d, w, h),
        _ => return false,
    }
    true
}

/// Selection steps shared by the reader and each side-by-side column; whether `action` was
/// one. Back with a selection drops the selection.
pub fn select(reader: &mut Reader, state: &mut State, action: Action, (w, h): (u16, u16)) -> bool {
    let d = &state.dataset;
    match action {
        // While a selection is on, the hints say how to extend and keep it (`selecting_hints`).
        Action::Select => {
            if !reader.toggle_selection(d, w, h) {
                state.message = Some("no word here to select".into());
            }
        }
        Action::ExtendWord | Action::ExtendSentence | Action::ExtendLine => {
            if !reader.extend_selection(d, action, w, h) {
                state.message = Some(format!("{} starts a selection first", state.keymap.hint(Action::Select)));
            }
        }
        Action::Back if reader.selection.is_some() => reader.selection = None,
        _ => return false,
    }
    true
}

pub fn action(reader: &mut Reader, state: &mut State, action: Action) -> Nav {
    let size = super::text_size(state);
    if scroll(reader, state, action, size) || select(reader, state, action, size) {
        return Nav::Stay;
    }
    match action {
        Action::Back => Nav::Back,
        Action::SideBySide => crate::screen::side_by_side::open_for_event(state),
        _ => Nav::Stay,
    }
}

/// The wheel scrolls three lines.
pub fn mouse(reader: &mut Reader, state: &mut State, mouse: MouseEvent) -> Nav {
    let wheel = match mouse.kind {
        MouseEventKind::ScrollDown => Action::Down,
        MouseEventKind::ScrollUp => Action::Up,
        _ => return Nav::Stay,
    };
    for _ in 0..3 {
        action(reader, state, wheel);
    }
    Nav::Stay
}
