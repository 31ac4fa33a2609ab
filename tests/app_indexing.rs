//! The search index comes after the first frame: the pure update while it is being built
//! (a query typed, `--search`, `n`, the match list, the concordance, a reload), driven
//! without a terminal.

mod common;

use std::sync::Arc;

use annals::app::{App, Effect, Indexed, Input, Reloaded, Startup, update};
use annals::input::action::Action::*;
use annals::input::keymap::Keymap;
use annals::screen::ScreenKind;
use annals::search::SearchIndex;
use common::{act, bundled, key, load, screen, type_str};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The app as the terminal opens it: no search index yet.
fn indexing_app() -> App {
    App::without_search_index(bundled(), Keymap::default_keymap(), (120, 40))
}

/// The index the app waits for, as the thread builds it: of its dataset, with its number.
fn index_of(app: &App) -> Input {
    let index = Arc::new(SearchIndex::new(&app.dataset));
    Input::Indexed { generation: app.dataset_generation, index: Indexed(index) }
}

/// The app with its index from the start, `query` typed in the search line (what the
/// results must be).
fn searched(query: &str) -> App {
    let mut app = common::app(120, 40);
    act(&mut app, &[Search]);
    type_str(&mut app, query);
    app
}

#[test]
fn a_query_typed_before_the_index_waits_for_it_then_is_searched() {
    let mut app = indexing_app();
    let timeline = app.timeline.clone();
    act(&mut app, &[Search]);
    type_str(&mut app, "amazon");
    assert_eq!(app.search.status(), "indexing…");
    assert!(screen(&app).contains("/amazon▏   indexing…"), "{}", screen(&app));
    assert!(app.search.results.is_empty(), "nothing is found without the index");
    assert_eq!(app.timeline, timeline, "the timeline stays as it is meanwhile");

    let input = index_of(&app);
    assert_eq!(update(&mut app, input), None, "a small dataset is searched here and now");
    let expected = searched("amazon");
    assert!(!expected.search.results.is_empty(), "the bundled dataset mentions amazon");
    assert_eq!(app.search.results, expected.search.results);
    assert_eq!(app.search.status(), expected.search.status());
    assert_eq!(app.timeline.visible, expected.timeline.visible);
    assert!(!screen(&app).contains("indexing"), "{}", screen(&app));
}

#[test]
fn enter_while_indexing_keeps_the_query_and_jumps_once_it_is_searched() {
    let mut app = indexing_app();
    act(&mut app, &[Search]);
    type_str(&mut app, "amazon");
    key(&mut app, KeyCode::Enter);
    assert!(!app.search.editing);
    assert!(screen(&app).contains("/amazon · indexing…"), "the status line says why nothing shows yet");
    let input = index_of(&app);
    update(&mut app, input);
    assert!(app.search.current.is_some(), "Enter's jump to the first match, done once the results came");
    assert!(app.search.is_active());
}

#[test]
fn walking_matches_while_indexing_says_so_and_shows_nothing_stale() {
    let mut app = indexing_app();
    act(&mut app, &[Search]);
    type_str(&mut app, "amazon");
    key(&mut app, KeyCode::Enter);
    for action in [NextMatch, PrevMatch, Matches, Concordance] {
        act(&mut app, &[action]);
        let message = app.message.clone().unwrap_or_default();
        assert!(message.starts_with("indexing…"), "{action:?}: {message}");
        assert_eq!(app.screen(), ScreenKind::Main, "{action:?} opened nothing");
        assert!(app.overlay.is_none(), "{action:?} opened nothing");
    }
    // Once indexed, the same keys work.
    let input = index_of(&app);
    update(&mut app, input);
    act(&mut app, &[Concordance]);
    assert_eq!(app.screen(), ScreenKind::Concordance);
}

#[test]
fn the_search_given_on_the_command_line_waits_for_the_index() {
    let mut app = indexing_app();
    let startup = Startup { search: Some("amazon".into()), ..Startup::default() };
    app.start_at(&startup).expect("valid options");
    assert_eq!(app.search.status(), "indexing…");
    assert!(screen(&app).contains("/amazon · indexing…"), "{}", screen(&app));
    let input = index_of(&app);
    update(&mut app, input);
    let mut expected = common::app(120, 40);
    expected.start_at(&startup).expect("valid options");
    assert_eq!(app.search.results, expected.search.results);
    assert_eq!(app.timeline.visible, expected.timeline.visible);
}

#[test]
fn a_large_dataset_asks_the_search_thread_once_the_index_is_there() {
    let mut app = indexing_app();
    app.state.background_search = true;
    act(&mut app, &[Search]);
    assert_eq!(
        update(&mut app, Input::Key(KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE))),
        None,
        "no index to search yet"
    );
    type_str(&mut app, "mazon");
    let input = index_of(&app);
    match update(&mut app, input) {
        Some(Effect::Search { query, generation }) => {
            assert_eq!(query, "amazon");
            assert_eq!(generation, app.search.generation);
        }
        other => panic!("expected the search to be asked for, got {other:?}"),
    }
    assert_eq!(app.search.status(), "searching…");
}

#[test]
fn a_reload_while_indexing_brings_its_own_index_and_the_old_one_is_dropped() {
    let mut app = indexing_app();
    act(&mut app, &[Search]);
    type_str(&mut app, "library");
    // The index of the first dataset, still being built when the reload is done.
    let late = index_of(&app);
    let reloaded = Reloaded::build(load("data/examples/minimal.toml"), Some("library".into()));
    let new_index = Arc::clone(&reloaded.search_index);
    update(&mut app, Input::ReloadDone(Box::new(Ok(reloaded))));
    assert!(!app.search.indexing, "the reload came with its index");
    let found = app.search.results.clone();
    assert!(!found.is_empty(), "the new data mentions the library");
    assert_eq!(found, new_index.search("library"));

    update(&mut app, late);
    assert!(Arc::ptr_eq(&app.search_index, &new_index), "the index of the old data never answers");
    assert_eq!(app.search.results, found);
    assert!(app.timeline.visible.iter().all(|&e| e < app.dataset.events.len()));
    screen(&app);
}

#[test]
fn a_query_changed_during_a_reload_is_searched_in_the_new_index() {
    let mut app = indexing_app();
    act(&mut app, &[Search]);
    type_str(&mut app, "amazon");
    // The reload was asked for with "amazon"; the user typed on meanwhile.
    let reloaded = Reloaded::build(load("data/examples/minimal.toml"), Some("amazon".into()));
    for _ in 0..6 {
        key(&mut app, KeyCode::Backspace);
    }
    type_str(&mut app, "works");
    let new_index = Arc::clone(&reloaded.search_index);
    update(&mut app, Input::ReloadDone(Box::new(Ok(reloaded))));
    assert_eq!(app.search.results, new_index.search("works"));
    assert!(!app.search.results.is_empty());
}
