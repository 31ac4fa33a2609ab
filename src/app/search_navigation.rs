//! Typing a search and walking its matches with `n`/`N`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::reading::reader_size;
use super::update::Effect;
use super::{App, Focus, Overlay, Reader, Screen};
use crate::input::action::Action;
use crate::search::SearchResults;

/// Keys while the search line is open: they edit the query, and results follow every key.
pub(super) fn search_key(app: &mut App, key: KeyEvent) -> Option<Effect> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Enter => {
            app.search.commit();
            if app.search.pending {
                app.search.jump_when_done = true;
            } else if app.search.is_active() && app.search.current.is_none() {
                goto_match(app, true);
            }
            return None;
        }
        KeyCode::Esc => app.search.cancel(),
        KeyCode::Up => app.search.query = app.search.recall.clone(),
        KeyCode::Backspace => {
            app.search.query.pop();
        }
        KeyCode::Char('u') if ctrl => app.search.query.clear(),
        KeyCode::Char('w') if ctrl => {
            let kept = app.search.query.trim_end().trim_end_matches(|c: char| !c.is_whitespace()).len();
            app.search.query.truncate(kept);
        }
        // Controls, bidi and invisible characters (typed or pasted) never enter the query.
        KeyCode::Char(c) if !ctrl && !crate::text::sanitize::is_unsafe(c) => app.search.query.push(c),
        _ => return None,
    }
    rerun(app)
}

/// Runs the search again after its query changed: here and now, or, when the app searches in
/// the background (a large dataset in the terminal), on the search thread: the effect asks
/// for it, and its results come back as [`super::Input::SearchDone`]. The screen meanwhile
/// keeps the previous results.
pub(super) fn rerun(app: &mut App) -> Option<Effect> {
    if app.background_search && !app.search.query.trim().is_empty() {
        app.search.generation += 1;
        app.search.pending = true;
        app.search.current = None;
        return Some(Effect::Search { query: app.search.query.clone(), generation: app.search.generation });
    }
    app.search.run(&app.search_index);
    app.refilter();
    None
}

/// Results from the search thread: taken if they are for the current query, else dropped.
pub(super) fn search_done(app: &mut App, generation: u64, results: SearchResults) {
    if !app.search.pending || generation != app.search.generation {
        return;
    }
    app.search.accept(results);
    app.refilter();
    if std::mem::take(&mut app.search.jump_when_done) && app.search.is_active() {
        goto_match(app, true);
    }
}

/// Jumps to the next or previous search match: an event field selects the event (and the
/// quote), a source text opens the reader there.
pub(super) fn goto_match(app: &mut App, forward: bool) {
    if !app.search.is_active() {
        app.message = Some(format!("no search: {} starts one", app.keymap.hint(Action::Search)));
        return;
    }
    let before = app.search.ordinal();
    // On the timeline, n and N go from the selected event, where the user may have moved.
    let cursor = (app.screen() == Screen::Main).then(|| app.timeline.selected_event()).flatten();
    let Some(hit) = app.search.step(&app.search_index, &app.dataset, forward, cursor) else {
        app.message = Some(app.search.status());
        return;
    };
    let last = app.search.navigable_hits().saturating_sub(1);
    match (before, app.search.ordinal()) {
        (Some(b), Some(0)) if forward && b == last && last > 0 => {
            app.message = Some(format!("search wrapped to the first match · {}", app.search.status()));
        }
        (Some(0), Some(c)) if !forward && c == last && last > 0 => {
            app.message = Some(format!("search wrapped to the last match · {}", app.search.status()));
        }
        _ => {}
    }
    goto_hit(app, hit);
}

/// Shows one match: an event field selects the event (and the quote), a source text opens the
/// reader there.
fn goto_hit(app: &mut App, hit: crate::search::Hit) {
    match hit.location {
        crate::search::Location::Event { event, field } => {
            app.screens.truncate(1);
            let before = app.timeline.selected_event();
            app.timeline.select_event(event);
            if app.timeline.selected_event() != before {
                app.selection_changed();
            }
            app.scroll_timeline();
            app.focus = match field {
                crate::search::Field::Title => Focus::Timeline,
                crate::search::Field::Quote(q) => {
                    app.quote = q;
                    Focus::Quotes
                }
                _ => Focus::Detail,
            };
        }
        crate::search::Location::Source { source } | crate::search::Location::SourceTitle { source } => {
            let (w, h) = reader_size(app);
            let quote = super::reader::quote_range(app.selected_event(), source);
            // A match in the title: the article from its start, the title in the frame above.
            let target = match hit.location {
                crate::search::Location::Source { .. } => hit.range,
                _ => 0..0,
            };
            app.reader = Reader::open_at(&app.dataset, source, quote, target, w, h);
            if app.screen() != Screen::Reader {
                app.screens.truncate(1);
                app.screens.push(Screen::Reader);
            }
        }
    }
}

/// Opens the list of sources and events with matches.
pub(super) fn open_match_list(app: &mut App) {
    if !app.search.is_active() {
        app.message = Some(format!("no search: {} starts one", app.keymap.hint(Action::Search)));
    } else if app.search.navigable_hits() == 0 {
        app.message = Some(app.search.status());
    } else {
        app.overlay = Some(Overlay::Matches { cursor: 0, groups: app.search.groups(&app.search_index) });
    }
}

/// Keys in the match list: move, and open the chosen source or event at its first match.
pub(super) fn match_list_action(app: &mut App, action: Action) {
    let Some(Overlay::Matches { cursor, groups }) = &mut app.overlay else { return };
    let last = groups.len().saturating_sub(1);
    match action {
        Action::Down => *cursor = (*cursor + 1).min(last),
        Action::Up => *cursor = cursor.saturating_sub(1),
        Action::PageDown => *cursor = (*cursor + 10).min(last),
        Action::PageUp => *cursor = cursor.saturating_sub(10),
        Action::Top => *cursor = 0,
        Action::Bottom => *cursor = last,
        Action::Back | Action::Quit | Action::Matches => app.overlay = None,
        Action::Open => {
            let Some(first) = groups.get(*cursor).map(|group| group.first) else { return };
            app.overlay = None;
            if let Some(hit) = app.search.select(&app.search_index, &app.dataset, first) {
                goto_hit(app, hit);
            }
        }
        _ => {}
    }
}
