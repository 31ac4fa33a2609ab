//! The status line: a message or hints for the current place on the left, the mouse capture
//! state and the help key on the right.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::style;
use crate::app::{App, Focus, Overlay, Screen};
use crate::input::action::Action;
use crate::text::wrap::{truncate, width};

fn hints(app: &App) -> String {
    let k = |a: Action| app.keymap.hint(a);
    match (&app.overlay, app.screen()) {
        (Some(Overlay::Help { .. }), _) => {
            format!("{}/{} scroll · {} close", k(Action::Down), k(Action::Up), k(Action::Back))
        }
        (Some(Overlay::Picker(_)), _) => "enter apply · esc cancel".to_string(),
        (Some(Overlay::Matches { .. }), _) => {
            format!(
                "{}/{} move · {} open at the first match · {} close",
                k(Action::Down),
                k(Action::Up),
                k(Action::Open),
                k(Action::Back)
            )
        }
        (Some(Overlay::Problems { .. }), _) => {
            format!("{}/{} scroll · {} close", k(Action::Down), k(Action::Up), k(Action::Back))
        }
        (None, Screen::Reader) => format!(
            "{} back · {}/{} line · {} page · {} side by side",
            k(Action::Back),
            k(Action::Down),
            k(Action::Up),
            k(Action::PageDown),
            k(Action::SideBySide)
        ),
        (None, Screen::SideBySide) => format!(
            "{} other column · {}/{} swap source · {} read full width · {} back",
            k(Action::FocusNext),
            k(Action::PrevSource),
            k(Action::NextSource),
            k(Action::Open),
            k(Action::Back)
        ),
        (None, Screen::Compare) => format!(
            "{}/{} claim · {} side by side at the quotes · {} back",
            k(Action::Down),
            k(Action::Up),
            k(Action::Open),
            k(Action::Back)
        ),
        (None, Screen::Chart) => {
            format!(
                "grey bars: conversions the articles state · {} compare · {} back",
                k(Action::Compare),
                k(Action::Back)
            )
        }
        (None, Screen::Main) if app.timeline.visible.is_empty() && app.search.is_active() => {
            format!(
                "nothing shown · {} clears the search · {} clears filters",
                k(Action::Back),
                k(Action::ClearFilters)
            )
        }
        (None, Screen::Main) if app.timeline.visible.is_empty() => {
            format!("nothing shown · {} clears filters", k(Action::ClearFilters))
        }
        (None, Screen::Main) => {
            let open = match app.focus {
                Focus::Quotes => "open source",
                _ => "quotes",
            };
            format!(
                "{} · {}/{} move · {} {open} · {} search · {} year · {} themes · {} side by side",
                app.focus.name(),
                k(Action::Down),
                k(Action::Up),
                k(Action::Open),
                k(Action::Search),
                k(Action::FilterYear),
                k(Action::FilterTheme),
                k(Action::SideBySide)
            )
        }
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let mouse = if app.mouse_capture { "mouse: on" } else { "mouse: off" };
    let mouse = if app.reload_failed {
        format!("⚠ file has problems, last good data shown · {mouse}")
    } else {
        mouse.to_string()
    };
    let right =
        format!(" {mouse} ({}) · {} help ", app.keymap.hint(Action::ToggleMouse), app.keymap.hint(Action::Help));
    // One cell between the two sides, however long the left one.
    let room = usize::from(area.width).saturating_sub(width(&right) + 1);
    let (left, left_style) = if app.search.editing {
        let count = if app.search.query.is_empty() {
            let recall = if app.search.recall.is_empty() { "" } else { " · ↑ last search" };
            format!("   type to search events, quotes and articles{recall} · esc cancels")
        } else {
            format!("   {}", app.search.status())
        };
        (format!("/{}▏{count}", app.search.query), Style::new())
    } else {
        match &app.message {
            Some(message) => (message.clone(), Style::new().fg(Color::Yellow)),
            None if app.search.is_active() => (
                format!(
                    "/{} · {} · {}/{} next/previous · {} list · {} clears",
                    app.search.query,
                    app.search.status(),
                    app.keymap.hint(Action::NextMatch),
                    app.keymap.hint(Action::PrevMatch),
                    app.keymap.hint(Action::Matches),
                    app.keymap.hint(Action::Back)
                ),
                Style::new().fg(Color::LightMagenta),
            ),
            None => (hints(app), style::dim()),
        }
    };
    frame.render_widget(Paragraph::new(Line::styled(truncate(&format!(" {left}"), room), left_style)), area);
    frame.render_widget(Paragraph::new(Line::styled(right, style::dim())).alignment(Alignment::Right), area);
}
