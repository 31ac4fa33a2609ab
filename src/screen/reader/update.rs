//! Keys and the mouse in the reader: scrolling, selecting, and side by side from here.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

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
        Action::ExtendWord | Action::ExtendSentence | Action::ExtendLine | Action::StartLater => {
            if !reader.extend_selection(d, action, w, h) {
                state.message = Some(format!("{} starts a selection first", state.keymap.hint(Action::Select)));
            }
        }
        // A selection just begun (one word) moves a line; a longer one lets the text scroll.
        Action::Down | Action::Up if reader.move_selection(d, if action == Action::Down { 1 } else { -1 }, w, h) => {}
        Action::Back if reader.selection.is_some() => {
            reader.selection = None;
            reader.release();
        }
        _ => return false,
    }
    true
}

pub fn action(reader: &mut Reader, state: &mut State, action: Action) -> Nav {
    let size = super::text_size(state, reader.source);
    if select(reader, state, action, size) || scroll(reader, state, action, size) {
        return Nav::Stay;
    }
    match action {
        Action::Back => Nav::Back,
        Action::SideBySide => crate::screen::side_by_side::open_for_event(state),
        _ => Nav::Stay,
    }
}

/// Selecting with the mouse in `reader`, whose text area is `area`: a press on a word
/// starts a selection there, a drag extends it word by word, either way; whether `mouse` was
/// one of those.
pub fn select_with_mouse(reader: &mut Reader, state: &mut State, area: Rect, mouse: MouseEvent) -> bool {
    let d = &state.dataset;
    let at = reader.offset_at(d, area, mouse.column, mouse.row);
    reader.held = None;
    match (mouse.kind, at) {
        (MouseEventKind::Down(MouseButton::Left), Some(at)) => {
            if !reader.press(d, at) {
                state.message = Some("no word here to select".into());
            }
        }
        (MouseEventKind::Drag(MouseButton::Left), Some(at)) => reader.drag(d, at),
        // Dragged past the text: above or below it the text scrolls a line a move (and a
        // line a tick while the pointer holds still there), and the selection runs to the
        // edge line; to a side, to that end of the line.
        (MouseEventKind::Drag(MouseButton::Left), None) if reader.dragging() => {
            let Some((column, row, lines)) = edge(area, mouse.column, mouse.row) else { return true };
            reader.scroll_by(d, lines, area.width, area.height);
            reader.held = (lines != 0).then_some(mouse);
            if let Some(at) = reader.offset_at(d, area, column, row) {
                reader.drag(d, at);
            }
        }
        (MouseEventKind::Up(MouseButton::Left), _) => reader.release(),
        _ => return false,
    }
    true
}

/// The cell of `area` nearest to (`column`, `row`), and the lines to scroll: one up above
/// the area, one down below it.
fn edge(area: Rect, column: u16, row: u16) -> Option<(u16, u16, isize)> {
    if area.is_empty() {
        return None;
    }
    let column = column.clamp(area.x, area.right() - 1);
    Some(match row {
        r if r < area.y => (column, area.y, -1),
        r if r >= area.bottom() => (column, area.bottom() - 1, 1),
        r => (column, r, 0),
    })
}

/// The wheel scrolls three lines; a press and a drag on the text select.
pub fn mouse(reader: &mut Reader, state: &mut State, mouse: MouseEvent) -> Nav {
    let area = super::text_area(state, crate::layout::Frame::new(state.area()).body, &[reader.source]);
    if select_with_mouse(reader, state, area, mouse) {
        return Nav::Stay;
    }
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
