//! Typing a search and walking its matches with `n`/`N`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::App;
use super::effect::Effect;
use crate::input::Action;
use crate::screen::{Focus, Reader, Screen, ScreenKind};
use crate::search::SearchResults;
use crate::state::{Cursor, Overlay, Scope};

/// Keys while the search line is open: they edit the query, and results follow every key.
pub(super) fn search_key(app: &mut App, key: KeyEvent) -> Option<Effect> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Enter => {
            app.state.search.commit();
            if app.state.search.pending {
                app.state.search.jump_when_done = true;
            } else if app.state.search.is_active() && app.state.search.current.is_none() {
                first_match(app);
            }
            return None;
        }
        KeyCode::Esc => {
            app.state.search.cancel();
            let effect = rerun(app);
            if !app.state.search.pending {
                reselect(app);
            }
            return effect;
        }
        KeyCode::Up => app.state.search.query = app.state.search.recall.clone(),
        KeyCode::Tab => {
            if app.state.search.next_scope() {
                app.refilter();
            }
            return None;
        }
        KeyCode::Backspace => {
            app.state.search.query.pop();
        }
        KeyCode::Char('u') if ctrl => app.state.search.query.clear(),
        KeyCode::Char('w') if ctrl => {
            crate::text::erase_last_word(&mut app.state.search.query);
        }
        // Controls, bidi and invisible characters (typed or pasted) never enter the query.
        KeyCode::Char(c) if !ctrl && !crate::text::sanitize::is_unsafe(c) => {
            if app.state.search.query.chars().count() >= crate::state::MAX_QUERY {
                app.state.message =
                    Some(format!("the search line holds {} characters at most", crate::state::MAX_QUERY));
                return None;
            }
            app.state.search.query.push(c);
        }
        _ => return None,
    }
    rerun(app)
}

/// Where a search opened now can look: the whole dataset; the article open in the reader;
/// the articles the selected event quotes.
pub(super) fn scopes(app: &App) -> Vec<Scope> {
    let mut scopes = vec![Scope::All];
    if let Some(Screen::Reader(reader)) = app.screens.last()
        && let Some(source) = app.dataset.sources.get(reader.source)
    {
        let title = crate::text::wrap::truncate(&source.title, 40);
        scopes.push(Scope::Article { source: reader.source, title });
    }
    if let Some(event) = app.selected_event() {
        let mut sources: Vec<usize> = event.quotes.iter().map(|q| q.source).collect();
        sources.sort_unstable();
        sources.dedup();
        if !sources.is_empty() {
            let title = format!("“{}”", crate::text::wrap::truncate(&event.title, 40));
            scopes.push(Scope::EventSources { sources, title });
        }
    }
    scopes
}

/// Runs the search again after its query changed: here and now, or, when the app searches in
/// the background (a large dataset in the terminal), on the search thread: the effect asks
/// for it, and its results come back as [`super::Input::SearchDone`]. The screen meanwhile
/// keeps the previous results.
pub(super) fn rerun(app: &mut App) -> Option<Effect> {
    if app.state.search.indexing {
        // No index yet: the query is kept, and searched when the index comes (`index_ready`).
        // No results were shown (none can be found without it): the timeline stays as it is.
        let shown = !app.state.search.results.is_empty();
        app.state.search.wait_for_index();
        if shown {
            app.refilter();
        }
        return None;
    }
    if app.state.background_search && !app.state.search.query.trim().is_empty() {
        app.state.search.generation += 1;
        app.state.search.asked = app.state.search.generation;
        app.state.search.pending = true;
        app.state.search.current = None;
        return Some(Effect::Search { query: app.state.search.query.clone(), generation: app.state.search.asked });
    }
    // No query, and none before (`/` opened on no search): nothing to search, the timeline
    // stays as it is; at a million events a refilter would cost tens of milliseconds.
    let search = &app.state.search;
    if search.query.trim().is_empty() && !search.is_active() && !search.pending && search.results.is_empty() {
        return None;
    }
    app.state.search.run(&app.state.search_index);
    app.refilter();
    None
}

/// The search index, built after the first frame: put in place if it was built for the
/// dataset shown (a reload meanwhile brought its own), then the query typed meanwhile is
/// searched, and Enter pressed meanwhile jumps to its first match.
pub(super) fn index_ready(
    app: &mut App,
    generation: u64,
    index: std::sync::Arc<crate::search::SearchIndex>,
) -> Option<Effect> {
    if generation != app.state.dataset_generation || !app.state.search.indexing {
        return None;
    }
    app.state.search_index = index;
    app.state.search.indexing = false;
    if !app.state.search.pending {
        return None;
    }
    let effect = rerun(app);
    if effect.is_none() && std::mem::take(&mut app.state.search.jump_when_done) && app.state.search.is_active() {
        goto_match(app, true);
    }
    effect
}

/// What `n`, `N`, the match list and the concordance say when there is no search to walk:
/// the query waits for the index, or there is no query.
pub(super) fn no_search(app: &App) -> String {
    match app.state.search.waits_for_index() {
        true => "indexing… the search runs as soon as the index is built".to_string(),
        false => format!("no search: {} starts one", app.state.keymap.hint(Action::Search)),
    }
}

/// Back from a cancelled search line, its query's results shown again: the event selected
/// when it was opened, if it shows.
fn reselect(app: &mut App) {
    if let Some(event) = app.state.search.reselect.take() {
        app.select_event(event);
    }
}

/// Results from the search thread: taken if they are for the current query, else dropped.
pub(super) fn search_done(app: &mut App, generation: u64, results: SearchResults) {
    if !app.state.search.pending || generation != app.state.search.asked {
        return;
    }
    app.state.search.accept(results);
    app.refilter();
    reselect(app);
    if std::mem::take(&mut app.state.search.jump_when_done) && app.state.search.is_active() {
        first_match(app);
    }
}

/// Enter in the search line: the first match from where the user is (the selected event, the
/// page of the reader), as vim's `/` searches from the cursor; when that is not match 1, the
/// status line says so, and on the timeline how to start from the top.
fn first_match(app: &mut App) {
    let from = match cursor(app) {
        Some(Cursor::Event(_)) => Some("from the selected event on"),
        Some(Cursor::Article { .. }) => Some("from this page on"),
        None => None,
    };
    let on_main = app.screen() == ScreenKind::Main;
    goto_match(app, true);
    if let Some(from) = from
        && app.state.search.ordinal().is_some_and(|o| o > 0)
    {
        let k = |a| app.state.keymap.hint(a);
        let top = match on_main {
            true => format!(" ({} then {}: from match 1)", k(Action::Top), k(Action::NextMatch)),
            false => String::new(),
        };
        let position = app.state.search.position().unwrap_or_default();
        app.state.message = Some(format!("{position} · {from}{top} · {}", shown_in(app)));
    }
}

/// Where `n`, `N` and Enter in the search line go from: the event selected on the timeline, the
/// page shown in the reader.
fn cursor(app: &App) -> Option<Cursor> {
    match app.screens.last() {
        Some(Screen::Main(_)) => app.state.timeline.selected_event().map(Cursor::Event),
        Some(Screen::Reader(reader)) => {
            let (w, h) = crate::screen::reader::text_size(app, reader.source);
            Some(Cursor::Article { source: reader.source, view: reader.view(&app.state.dataset, w, h) })
        }
        _ => None,
    }
}

/// Where the current match shows, for the status line when `n` takes it to another screen or
/// pane: "in the reader · “title”", "in the quotes", "in the detail", "in the timeline".
fn shown_in(app: &App) -> String {
    let Some(current) = &app.state.search.current else { return String::new() };
    match current.hit.location {
        crate::search::Location::Source { source } | crate::search::Location::SourceTitle { source } => {
            let title = app.state.dataset.sources.get(source).map(|s| s.shown_title()).unwrap_or_default();
            // The title a part of its own: a narrow status line drops it before the place.
            format!("in the reader · “{}”", crate::text::wrap::truncate(&title, 50))
        }
        crate::search::Location::Event { field, .. } => match field {
            crate::search::Field::Title => "in the timeline".to_string(),
            crate::search::Field::Quote(_) => "in the quotes".to_string(),
            _ => "in the detail".to_string(),
        },
    }
}

/// The screen and, on the main screen, the pane that shows: what `n` may change.
fn place(app: &App) -> (ScreenKind, Option<Focus>) {
    let focus = match app.screens.last() {
        Some(Screen::Main(main)) => Some(main.focus),
        _ => None,
    };
    (app.screen(), focus)
}

/// Jumps to the next or previous search match: an event field selects the event (and the
/// quote), a source text opens the reader there.
pub(super) fn goto_match(app: &mut App, forward: bool) {
    if !app.state.search.is_active() {
        app.state.message = Some(no_search(app));
        return;
    }
    let before = app.state.search.ordinal();
    // On the timeline and in the reader, n and N go from where the user may have moved.
    let cursor = cursor(app);
    let Some(hit) = app.state.search.step(&app.state.search_index, &app.state.dataset, forward, cursor) else {
        app.state.message = Some(app.state.search.status());
        return;
    };
    let last = app.state.search.navigable_hits().saturating_sub(1);
    let wrapped = match (before, app.state.search.ordinal()) {
        (Some(b), Some(0)) if forward && b == last && last > 0 => Some("search wrapped to the first match"),
        (Some(0), Some(c)) if !forward && c == last && last > 0 => Some("search wrapped to the last match"),
        _ => None,
    };
    let was = place(app);
    goto_hit(app, hit);
    // A match on another screen or pane than the one the user was looking at: say where.
    let moved = place(app) != was;
    if wrapped.is_some() || moved {
        let mut parts: Vec<String> = wrapped.map(str::to_string).into_iter().collect();
        if moved {
            parts.push(app.state.search.position().unwrap_or_default());
            parts.push(shown_in(app));
        } else {
            parts.push(app.state.search.status());
        }
        app.state.message = Some(parts.join(" · "));
    }
}

/// Shows one match: an event field selects the event (and the quote), a source text opens the
/// reader there.
pub(super) fn goto_hit(app: &mut App, hit: crate::search::Hit) {
    match hit.location {
        crate::search::Location::Event { event, field } => {
            app.close_screens();
            app.select_event(event);
            let main = app.main_mut();
            main.focus = match field {
                crate::search::Field::Title => Focus::Timeline,
                crate::search::Field::Quote(q) => {
                    main.quote = q;
                    Focus::Quotes
                }
                _ => Focus::Detail,
            };
        }
        crate::search::Location::Source { source } | crate::search::Location::SourceTitle { source } => {
            let (w, h) = crate::screen::reader::text_size(app, source);
            let quote = crate::screen::side_by_side::quote_range(app.selected_event(), source);
            // A match in the title: the article from its start, the title in the frame above.
            let target = match hit.location {
                crate::search::Location::Source { .. } => hit.range,
                _ => 0..0,
            };
            let reader = Reader::open_at(&app.state.dataset, source, quote, target, w, h);
            if app.screen() != ScreenKind::Reader {
                app.close_screens();
                app.screens.push(Screen::Reader(reader));
            } else if let Some(Screen::Reader(open)) = app.screens.last_mut() {
                *open = reader;
            }
        }
    }
}

/// Opens the list of sources and events with matches.
pub(super) fn open_match_list(app: &mut App) {
    if !app.state.search.is_active() {
        app.state.message = Some(no_search(app));
    } else if app.state.search.navigable_hits() == 0 {
        app.state.message = Some(app.state.search.status());
    } else {
        app.state.overlay =
            Some(Overlay::Matches { cursor: 0, groups: app.state.search.groups(&app.state.search_index) });
    }
}

#[cfg(test)]
mod tests {
    use crate::app::{App, Input, update};
    use crate::input::{Action, Keymap};

    #[test]
    fn opening_the_search_line_on_no_search_does_no_search() {
        let mut app = App::new(crate::load::bundled().expect("bundled"), Keymap::default_keymap(), (120, 40));
        let before = (app.search.generation, app.timeline.clone());
        update(&mut app, Input::Action(Action::Search));
        assert!(app.search.editing);
        assert_eq!((app.search.generation, app.timeline.clone()), before, "nothing was searched or rebuilt");
    }
}
