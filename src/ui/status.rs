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
    fit_keeping(line, room, false, |_| false)
}

/// `fit_hints`, keeping the hints `keep` says are needed (with the first) before any other, in
/// their place: the status line keeps the ways out ("esc back", "c clears the filters").
/// With `skip`, a part that does not fit is left out and the next ones are still tried.
fn fit_keeping(line: &str, room: usize, skip: bool, keep: impl Fn(&str) -> bool) -> String {
    if width(line) <= room {
        return line.to_string();
    }
    let parts: Vec<&str> = line.split(" · ").collect();
    let kept: Vec<bool> = parts.iter().enumerate().map(|(i, p)| i == 0 || keep(p.trim())).collect();
    let mut used: usize = parts.iter().zip(&kept).filter(|(_, k)| **k).map(|(p, _)| width(p) + 3).sum();
    used = used.saturating_sub(3);
    let mut shown = kept.clone();
    for (i, part) in parts.iter().enumerate() {
        if shown[i] {
            continue;
        }
        // Hints go by priority: the first that does not fit ends the line. A message's parts
        // are news each: a shorter one after it may still show ("· reloaded").
        if used + 3 + width(part) > room {
            if skip {
                continue;
            }
            break;
        }
        used += 3 + width(part);
        shown[i] = true;
    }
    let out = parts.iter().zip(&shown).filter(|(_, s)| **s).map(|(p, _)| *p).collect::<Vec<_>>().join(" · ");
    if width(&out) > room {
        // Even the needed ones do not fit: the first alone, cut.
        let first = if width(parts[0]) > room { truncate(parts[0], room) } else { parts[0].to_string() };
        return first;
    }
    out
}

/// The hints of `line` that fit in `room` cells, whole, or nothing when not even the first
/// fits: for what follows a query, which is never cut.
fn whole_hints(line: &str, room: usize) -> String {
    let first = line.split(" · ").next().unwrap_or("");
    if width(first) > room { String::new() } else { fit_hints(line, room) }
}

/// The right-hand side: the mouse capture state and the help key, from the clearest wording
/// to the shortest as room allows ("m: mouse on (select text: m off) · ? help", "mouse on (m)
/// · ? help", "? help"); and the shortest form allowed from 80 columns (short of room, the
/// mouse state in its short form; with a status, its shortest form, which keeps the status).
fn right_side(state: &State) -> (Vec<String>, usize) {
    let m = state.keymap.hint(Action::ToggleMouse);
    let help = format!("{} help", state.keymap.hint(Action::Help));
    let (long, short) = if state.mouse_capture {
        (format!("{m}: mouse on (select text: {m} off)"), format!("mouse on ({m})"))
    } else {
        (format!("{m}: mouse off (wheel and clicks: {m} on)"), format!("mouse off ({m})"))
    };
    // What the app is busy with or warns of stays in every form (short of room, in its short
    // wording): it is never left out for the mouse state, nor for the hints on the left.
    let status = if state.reloading {
        Some(("⟳ reloading…".to_string(), "⟳ reloading…".to_string()))
    } else if state.search.indexing {
        Some(("indexing for search…".to_string(), "indexing…".to_string()))
    } else if state.reload_failed {
        let r = state.keymap.hint(Action::Reload);
        Some((
            format!("⚠ file has problems, last good data shown ({r} lists them)"),
            format!("⚠ last good data shown ({r})"),
        ))
    } else {
        None
    };
    match &status {
        Some((status, short_status)) => (
            vec![
                format!(" {status} · {long} · {help} "),
                format!(" {status} · {short} · {help} "),
                format!(" {status} · {help} "),
                format!(" {short_status} · {help} "),
            ],
            3,
        ),
        None => (vec![format!(" {long} · {help} "), format!(" {short} · {help} "), format!(" {help} ")], 1),
    }
}

/// What the search line says while the query is typed, after it, in `room` cells: the count,
/// where it looks, and what Tab changes that to. Short of room, where it looks goes first if
/// that leaves room for the offer, which says it too ("search only the event's article" is
/// offered from everything); else the offer goes.
fn typing_count(state: &State, room: usize) -> String {
    let search = &state.search;
    if search.query.is_empty() {
        let recall = if search.recall.is_empty() { "" } else { " · ↑ last search" };
        return whole_hints(&format!("   type to search events, quotes and articles{recall} · esc cancels"), room);
    }
    let count = format!("   {}", search.status());
    let scope =
        if search.scope == crate::state::Scope::All && !search.pending { " · in the whole dataset" } else { "" };
    let tab = search.next_scope_offer().map(|next| format!(" · tab: {}", next.offer())).unwrap_or_default();
    let full = format!("{count}{scope}{tab}");
    let short = format!("{count}{tab}");
    if width(&full) > room && !tab.is_empty() && width(&short) <= room {
        return short;
    }
    whole_hints(&full, room)
}

/// The status line; `screen_hints` are the keys worth knowing on the screen that shows.
pub fn draw(frame: &mut Frame, area: Rect, state: &State, screen_hints: &str) {
    let total = usize::from(area.width);
    let (rights, wide_fallback) = right_side(state);
    if state.search.editing {
        // The query is never cut but at its start when it alone is too long; then the count
        // and where it looks, whole hints; then the right side, if room is left.
        // A query as long as the line holds says so, in room kept from it.
        let at_most = crate::state::MAX_QUERY;
        let full = state.search.query.chars().count() >= at_most;
        let note = if full { format!("   {at_most} characters at most") } else { String::new() };
        let query = query_tail(&state.search.query, total.saturating_sub(3 + width(&note)));
        let head = format!(" /{query}▏");
        let count = if full { note } else { typing_count(state, total.saturating_sub(width(&head))) };
        let left = format!("{head}{count}");
        frame.render_widget(Paragraph::new(Line::raw(left.clone())), area);
        // The longest of the right-hand forms that fits, if any.
        if let Some(right) = rights.iter().find(|r| width(r) <= total.saturating_sub(width(&left) + 1)) {
            draw_right(frame, area, right);
        }
        return;
    }
    // The ways out: back a screen, and the filters' clearing while they hide events.
    let back = format!("{} back", state.keymap.hint(Action::Back));
    let clear = format!("{} clears the filters", state.keymap.hint(Action::ClearFilters));
    let (left, left_style) = match &state.message {
        Some(message) => (message.clone(), Style::new().fg(Color::Yellow)),
        // The concordance is the search's own view: its keys, not the search's.
        None if (state.search.is_active() || state.search.waits_for_index())
            && state.section != "concordance"
            && overlay_hints(state).is_none() =>
        {
            let mut line = format!(
                "/{} · {} · {}/{} next/previous · {} list",
                state.search.query,
                state.search.status(),
                state.keymap.hint(Action::NextMatch),
                state.keymap.hint(Action::PrevMatch),
                state.keymap.hint(Action::Matches),
            );
            if state.section == "main" {
                line.push_str(&format!(" · {} clears", state.keymap.hint(Action::Back)));
            } else {
                // Elsewhere esc goes back: the screen's own keys follow.
                line.push_str(&format!(" · {screen_hints}"));
            }
            (line, Style::new().fg(Color::LightMagenta))
        }
        None => (overlay_hints(state).unwrap_or_else(|| screen_hints.to_string()), style::dim()),
    };
    // The right side takes its shortest form before the left loses a hint.
    let left_full = width(&left) + 1;
    // Short of room: from 80 columns the form `right_side` allows, else the shortest. The right
    // side is never shorter than that, even when it would let every hint in.
    let fallback = if total >= 80 { wide_fallback } else { rights.len() - 1 };
    let right = rights[..=fallback].iter().find(|r| left_full + 1 + width(r) <= total).unwrap_or(&rights[fallback]);
    let room = total.saturating_sub(width(right) + 1);
    // Hints and the parts of a message are dropped whole, the last first; the ways out stay.
    let skip = state.message.is_some() && !state.search.editing;
    let left = fit_keeping(&format!(" {left}"), room, skip, |hint| hint == back || hint == clear);
    frame.render_widget(Paragraph::new(Line::styled(left, left_style)), area);
    draw_right(frame, area, right);
}

/// One of the right-hand forms, against the right edge.
fn draw_right(frame: &mut Frame, area: Rect, right: &str) {
    frame
        .render_widget(Paragraph::new(Line::styled(right.to_string(), style::dim())).alignment(Alignment::Right), area);
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
    fn a_message_keeps_a_short_part_after_a_long_one_left_out() {
        let message = " captured a draft event to drafts.toml · copied via OSC 52 · reloaded";
        assert_eq!(fit_keeping(message, 52, true, |_| false), " captured a draft event to drafts.toml · reloaded");
        // Hints instead stop at the first that does not fit: they go by priority.
        assert_eq!(fit_keeping(message, 52, false, |_| false), " captured a draft event to drafts.toml");
    }

    /// The status line drawn alone, 60 cells wide, while `query` is typed.
    fn typing(query: &str) -> String {
        let mut state = crate::state::State::new(
            crate::load::bundled().expect("bundled"),
            crate::input::Keymap::default_keymap(),
            (60, 20),
        );
        state.search.editing = true;
        state.search.query = query.into();
        state.search.run(&std::sync::Arc::clone(&state.search_index));
        state.refilter();
        let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(60, 1)).unwrap();
        terminal.draw(|frame| draw(frame, frame.area(), &state, "")).unwrap();
        terminal.backend().buffer().content.iter().map(|c| c.symbol()).collect()
    }

    #[test]
    fn the_query_comes_first_then_the_count_then_the_right_side() {
        let line = typing("cloud");
        assert!(line.starts_with(" /cloud▏   99 matches"), "{line}");
        // A query that leaves no room for the count: the count goes, whole, not the query.
        let line = typing("cloud computing infrastructure in zhangbei hebei");
        assert!(line.starts_with(" /cloud computing infrastructure in zhangbei hebei▏"), "{line}");
        assert!(!line.contains("matc"), "{line}");
        // Longer than the line: its end, where the cursor is.
        let line = typing("a very long query that goes on and on and on past the width of the line cloud");
        assert!(line.starts_with(" /…") && line.trim_end().ends_with("cloud▏"), "{line}");
    }
}
