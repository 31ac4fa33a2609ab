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
        Overlay::Problems { title, .. } if title.starts_with("The file has problems") => format!(
            "{}/{} scroll · {} close · {} reads the file again (this list comes back while problems remain)",
            k(Action::Down),
            k(Action::Up),
            k(Action::Back),
            k(Action::Reload)
        ),
        Overlay::Help { .. } | Overlay::Problems { .. } => {
            format!("{}/{} scroll · {} close", k(Action::Down), k(Action::Up), k(Action::Back))
        }
        Overlay::Picker(_) => "enter apply · esc cancel".to_string(),
        Overlay::Export(_) => "enter export · tab format · esc cancel".to_string(),
        Overlay::Matches { .. } => format!(
            "{}/{} move · {} open at the first match · {} close",
            k(Action::Down),
            k(Action::Up),
            k(Action::Open),
            k(Action::Back)
        ),
    })
}

/// The end of a query being typed, cut at its start to `room` cells ("…" first) so that what
/// follows it (the match count) stays in view however long the query.
fn query_tail(query: &str, room: usize) -> String {
    if width(query) <= room {
        return query.to_string();
    }
    let mut tail: Vec<char> = Vec::new();
    let mut used = 1;
    for c in query.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        tail.push(c);
    }
    std::iter::once('…').chain(tail.into_iter().rev()).collect()
}

/// The hints of `line` (separated by " · ", the most useful first) that fit in `room` cells:
/// whole hints are left out from the end, never one cut; the first is cut only when it
/// alone is wider than the line.
pub fn fit_hints(line: &str, room: usize) -> String {
    if width(line) <= room {
        return line.to_string();
    }
    let parts: Vec<&str> = line.split(" · ").collect();
    let mut out = parts[0].to_string();
    for part in &parts[1..] {
        if width(&out) + 3 + width(part) > room {
            break;
        }
        out.push_str(" · ");
        out.push_str(part);
    }
    if width(&out) > room { truncate(&out, room) } else { out }
}

/// The status line; `screen_hints` are the keys worth knowing on the screen that shows.
pub fn draw(frame: &mut Frame, area: Rect, state: &State, screen_hints: &str) {
    let mouse = if state.mouse_capture { "mouse: on" } else { "mouse: off" };
    let mouse = if state.reloading {
        format!("⟳ reloading… · {mouse}")
    } else if state.search.indexing {
        format!("indexing for search… · {mouse}")
    } else if state.reload_failed {
        format!(
            "⚠ file has problems, last good data shown ({} lists them) · {mouse}",
            state.keymap.hint(Action::Reload)
        )
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
            let count = format!("   {}", state.search.status());
            // Where it looks, when there is room beside the query.
            let mut full = count.clone();
            if state.search.scope == crate::state::Scope::All && !state.search.pending {
                full.push_str(" · in the whole dataset");
            }
            if state.search.scopes.len() > 1 {
                full.push_str(" · tab: where");
            }
            if width(&full) + width(&state.search.query) + 4 <= room { full } else { count }
        };
        (format!("/{}▏{count}", query_tail(&state.search.query, room.saturating_sub(width(&count) + 4))), Style::new())
    } else {
        match &state.message {
            Some(message) => (message.clone(), Style::new().fg(Color::Yellow)),
            None if state.search.is_active() || state.search.waits_for_index() => (
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
    // Hints and the parts of a message are dropped whole, the last first.
    let left =
        if state.search.editing { truncate(&format!(" {left}"), room) } else { fit_hints(&format!(" {left}"), room) };
    frame.render_widget(Paragraph::new(Line::styled(left, left_style)), area);
    frame.render_widget(Paragraph::new(Line::styled(right, style::dim())).alignment(Alignment::Right), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_are_dropped_whole_never_cut() {
        let line = " timeline · j/k move · enter read its quotes · / search";
        assert_eq!(fit_hints(line, 100), line);
        assert_eq!(fit_hints(line, 44), " timeline · j/k move · enter read its quotes");
        assert_eq!(fit_hints(line, 43), " timeline · j/k move");
        assert_eq!(fit_hints(" a-very-long-first-hint", 10), " a-very-l…");
    }

    #[test]
    fn a_long_query_is_cut_at_its_start_so_the_count_stays() {
        let state = crate::state::State::new(
            crate::load::bundled().expect("bundled"),
            crate::input::Keymap::default_keymap(),
            (60, 20),
        );
        let mut state = state;
        state.search.editing = true;
        state.search.query = "a very long query that goes on and on and on past the width of the line cloud".into();
        state.search.run(&std::sync::Arc::clone(&state.search_index));
        let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(60, 1)).unwrap();
        terminal.draw(|frame| draw(frame, frame.area(), &state, "")).unwrap();
        let line: String = terminal.backend().buffer().content.iter().map(|c| c.symbol()).collect();
        assert!(line.contains("/…"), "{line}");
        assert!(line.contains("cloud▏"), "the end of the query, where the cursor is: {line}");
        assert!(line.contains("match") || line.contains("no match"), "the count stays in view: {line}");
    }
}
