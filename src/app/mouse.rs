//! The mouse: the wheel scrolls the pane under the pointer, a click selects.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::reading::{reader_action, side_action};
use super::update::main_action;
use super::views::{chart_action, compare_action};
use super::{App, Focus, Screen};
use crate::input::action::Action;
use crate::layout::{self, inner};

pub(super) fn contains(rect: Rect, column: u16, row: u16) -> bool {
    rect.contains(Position { x: column, y: row })
}

pub(super) fn mouse_event(app: &mut App, mouse: MouseEvent) {
    if app.overlay.is_some() {
        return;
    }
    let (x, y) = (mouse.column, mouse.row);
    let wheel = match mouse.kind {
        MouseEventKind::ScrollDown => Some(Action::Down),
        MouseEventKind::ScrollUp => Some(Action::Up),
        _ => None,
    };
    let click = matches!(mouse.kind, MouseEventKind::Down(MouseButton::Left));
    match app.screen() {
        Screen::Main => {
            let layout = app.main_layout();
            let pane =
                [(layout.timeline, Focus::Timeline), (layout.detail, Focus::Detail), (layout.quotes, Focus::Quotes)]
                    .into_iter()
                    .find(|(rect, _)| contains(*rect, x, y));
            let Some((rect, focus)) = pane else { return };
            if let Some(action) = wheel {
                let saved = app.focus;
                app.focus = focus;
                for _ in 0..if focus == Focus::Quotes { 1 } else { 3 } {
                    main_action(app, action);
                }
                app.focus = saved;
            } else if click {
                app.focus = focus;
                let inside = inner(rect);
                if !contains(inside, x, y) {
                    return;
                }
                let line = usize::from(y - inside.y);
                match focus {
                    Focus::Timeline => {
                        if let Some(super::Row::Event(event)) = app.timeline.rows.get(app.timeline.offset + line) {
                            let before = app.timeline.selected_event();
                            app.timeline.select_event(*event);
                            if app.timeline.selected_event() != before {
                                app.selection_changed();
                            }
                            app.scroll_timeline();
                        }
                    }
                    Focus::Quotes => {
                        if let Some(q) = crate::ui::quotes::quote_at(app, inside, line) {
                            app.quote = q;
                        }
                    }
                    Focus::Detail => {}
                }
            }
        }
        Screen::Reader => {
            if let Some(action) = wheel {
                for _ in 0..3 {
                    reader_action(app, action);
                }
            }
        }
        Screen::Compare => {
            if let Some(action) = wheel {
                compare_action(app, action);
            }
        }
        Screen::Chart => {
            if let Some(action) = wheel {
                chart_action(app, action);
            }
        }
        Screen::SideBySide => {
            let columns = layout::columns(layout::Frame::new(app.area()).body);
            let Some(col) = columns.iter().position(|r| contains(*r, x, y)) else { return };
            if click {
                app.side.focus = col;
            }
            if let Some(action) = wheel {
                let saved = app.side.focus;
                app.side.focus = col;
                for _ in 0..3 {
                    side_action(app, action);
                }
                app.side.focus = saved;
            }
        }
    }
}
