//! The status line: a message or hints for the current place on the left, the mouse capture
//! state and the help key on the right.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::style;
use crate::input::Action;
use crate::state::{Overlay, State};
use crate::text::wrap::{truncate, width};

/// Hints for the box over the screen, if one is open.
fn overlay_hints(state: &State) -> Option<String> {
    let k = |a: Action| state.keymap.hint(a);
    Some(match state.overlay.as_ref()? {
        Overlay::Help { .. } | Overlay::Problems { .. } => {
            format!("{}/{} scroll · {} close", k(Action::Down), k(Action::Up), k(Action::Back))
        }
        Overlay::Picker(_) => "enter apply · esc cancel".to_string(),
        Overlay::Matches { .. } => format!(
            "{}/{} move · {} open at the first match · {} close",
            k(Action::Down),
            k(Action::Up),
            k(Action::Open),
            k(Action::Back)
        ),
    })
}

/// The status line; `screen_hints` are the keys worth knowing on the screen that shows.
pub fn draw(frame: &mut Frame, area: Rect, state: &State, screen_hints: &str) {
    let mouse = if state.mouse_capture { "mouse: on" } else { "mouse: off" };
    let mouse = if state.reloading {
        format!("⟳ reloading… · {mouse}")
    } else if state.reload_failed {
        format!("⚠ file has problems, last good data shown · {mouse}")
    } else {
        mouse.to_string()
    };
    let right =
        format!(" {mouse} ({}) · {} help ", state.keymap.hint(Action::ToggleMouse), state.keymap.hint(Action::Help));
    // One cell between the two sides, however long the left one.
    let room = usize::from(area.width).saturating_sub(width(&right) + 1);
    let (left, left_style) = if state.search.editing {
        let count = if state.search.query.is_empty() {
            let recall = if state.search.recall.is_empty() { "" } else { " · ↑ last search" };
            format!("   type to search events, quotes and articles{recall} · esc cancels")
        } else {
            format!("   {}", state.search.status())
        };
        (format!("/{}▏{count}", state.search.query), Style::new())
    } else {
        match &state.message {
            Some(message) => (message.clone(), Style::new().fg(Color::Yellow)),
            None if state.search.is_active() => (
                format!(
                    "/{} · {} · {}/{} next/previous · {} list · {} clears",
                    state.search.query,
                    state.search.status(),
                    state.keymap.hint(Action::NextMatch),
                    state.keymap.hint(Action::PrevMatch),
                    state.keymap.hint(Action::Matches),
                    state.keymap.hint(Action::Back)
                ),
                Style::new().fg(Color::LightMagenta),
            ),
            None => (overlay_hints(state).unwrap_or_else(|| screen_hints.to_string()), style::dim()),
        }
    };
    frame.render_widget(Paragraph::new(Line::styled(truncate(&format!(" {left}"), room), left_style)), area);
    frame.render_widget(Paragraph::new(Line::styled(right, style::dim())).alignment(Alignment::Right), area);
}
