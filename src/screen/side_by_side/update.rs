//! Keys and the mouse side by side: scrolling the focused column, swapping its source,
//! reading it full width.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::{SideBySide, quote_range, text_size};
use crate::input::Action;
use crate::layout::contains;
use crate::screen::{Nav, Reader, Screen};
use crate::state::State;

pub fn action(side: &mut SideBySide, state: &mut State, action: Action) -> Nav {
    let focus = side.focus;
    let size = text_size(state, side.sources());
    if crate::screen::reader::update::select(&mut side.columns[focus], state, action, size)
        || crate::screen::reader::update::scroll(&mut side.columns[focus], state, action, size)
    {
        return Nav::Stay;
    }
    let column = &side.columns[focus];
    match action {
        Action::FocusNext | Action::FocusPrev => side.focus = 1 - focus,
        Action::FocusLeft => side.focus = 0,
        Action::FocusRight => side.focus = 1,
        Action::PrevSource | Action::NextSource => {
            let n = state.dataset.sources.len();
            let other = side.columns[1 - focus].source;
            let step = |s: usize| if action == Action::NextSource { (s + 1) % n } else { (s + n - 1) % n };
            let mut source = step(column.source);
            // The other column's source is skipped: the same article twice compares nothing.
            if source == other && n > 2 {
                source = step(source);
            }
            if source == other || source == column.source {
                state.message = Some(match n {
                    1 => "this dataset has one source: both columns show it".to_string(),
                    _ => "both of this dataset's sources are shown already".to_string(),
                });
                return Nav::Stay;
            }
            let highlight = quote_range(state.selected_event(), source);
            let which = if focus == 0 { "left" } else { "right" };
            let title = &state.dataset.sources[source].title;
            state.message = Some(match highlight {
                Some(_) => format!("{which} column: {title}, at its quote"),
                None => format!("{which} column: {title} (no quote of this event: from the top)"),
            });
            let mut sources = side.sources();
            sources[focus] = source;
            let (w, h) = text_size(state, sources);
            side.columns[focus] = Reader::open(&state.dataset, source, highlight, w, h);
        }
        Action::Open => {
            let (w, h) = crate::screen::reader::text_size(state, column.source);
            let reader = Reader::open(&state.dataset, column.source, column.highlight.clone(), w, h);
            return Nav::push(Screen::Reader(reader));
        }
        Action::Back => return Nav::Back,
        _ => {}
    }
    Nav::Stay
}

/// A click focuses the column under the pointer, and on its text starts a selection that a
/// drag extends (in the column the press was in); the wheel scrolls it three lines.
pub fn mouse(side: &mut SideBySide, state: &mut State, mouse: MouseEvent) -> Nav {
    let columns = super::column_areas(state);
    let sources = side.sources();
    let text = |col: usize| crate::screen::reader::text_area(state, columns[col], &sources);
    if matches!(mouse.kind, MouseEventKind::Drag(_) | MouseEventKind::Up(_)) {
        let (focus, area) = (side.focus, text(side.focus));
        crate::screen::reader::update::select_with_mouse(&mut side.columns[focus], state, area, mouse);
        return Nav::Stay;
    }
    let Some(col) = columns.iter().position(|r| contains(*r, mouse.column, mouse.row)) else { return Nav::Stay };
    let wheel = match mouse.kind {
        MouseEventKind::ScrollDown => Some(Action::Down),
        MouseEventKind::ScrollUp => Some(Action::Up),
        MouseEventKind::Down(MouseButton::Left) => {
            side.focus = col;
            let area = text(col);
            crate::screen::reader::update::select_with_mouse(&mut side.columns[col], state, area, mouse);
            None
        }
        _ => None,
    };
    if let Some(wheel) = wheel {
        let saved = side.focus;
        side.focus = col;
        for _ in 0..3 {
            action(side, state, wheel);
        }
        side.focus = saved;
    }
    Nav::Stay
}
