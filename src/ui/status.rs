//! The status line: a message or hints for the current place on the left, the mouse capture
//! state and the help key on the right.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::style;
use crate::action::Action;
use crate::app::{App, Focus, Overlay, Screen};
use crate::text::wrap::{truncate, width};

fn hints(app: &App) -> String {
    let k = |a: Action| app.keymap.hint(a);
    match (&app.overlay, app.screen()) {
        (Some(Overlay::Help { .. }), _) => {
            format!("{}/{} scroll · {} close", k(Action::Down), k(Action::Up), k(Action::Back))
        }
        (Some(Overlay::Picker(_)), _) => "enter apply · esc cancel".to_string(),
        (None, Screen::Reader) => format!(
            "{}/{} line · {} page · {} side by side · {} back",
            k(Action::Down),
            k(Action::Up),
            k(Action::PageDown),
            k(Action::SideBySide),
            k(Action::Back)
        ),
        (None, Screen::SideBySide) => format!(
            "{} other column · {}/{} swap source · {} read full width · {} back",
            k(Action::FocusNext),
            k(Action::PrevSource),
            k(Action::NextSource),
            k(Action::Open),
            k(Action::Back)
        ),
        (None, Screen::Main) => {
            let open = match app.focus {
                Focus::Quotes => "open source",
                _ => "quotes",
            };
            format!(
                "{} · {}/{} move · {} {open} · {} year · {} themes · {} side by side",
                app.focus.name(),
                k(Action::Down),
                k(Action::Up),
                k(Action::Open),
                k(Action::FilterYear),
                k(Action::FilterTheme),
                k(Action::SideBySide)
            )
        }
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let mouse = if app.mouse_capture { "mouse: on" } else { "mouse: off (select text)" };
    let right =
        format!(" {mouse} ({}) · {} help ", app.keymap.hint(Action::ToggleMouse), app.keymap.hint(Action::Help));
    let room = usize::from(area.width).saturating_sub(width(&right));
    let (left, left_style) = match &app.message {
        Some(message) => (message.clone(), Style::new().fg(Color::Yellow)),
        None => (hints(app), style::dim()),
    };
    frame.render_widget(Paragraph::new(Line::styled(truncate(&format!(" {left}"), room), left_style)), area);
    frame.render_widget(Paragraph::new(Line::styled(right, style::dim())).alignment(Alignment::Right), area);
}
