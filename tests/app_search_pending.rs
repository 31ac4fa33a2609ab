//! A search still running on the search thread (a large dataset) when the user goes on:
//! Tab, keys after Enter, Esc. Through `update`, with the thread's answers played by hand.

mod common;

use annals::app::{App, Effect, Input, update};
use annals::input::action::Action::*;
use annals::state::Scope;
use common::{act, app, key, selected_id, type_str};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Types `text` in the search line of an app that searches in the background; the number of
/// the last search it asked for.
fn type_asking(app: &mut App, text: &str) -> u64 {
    let mut asked = None;
    for c in text.chars() {
        match update(app, Input::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))) {
            Some(Effect::Search { generation, .. }) => asked = Some(generation),
            other => panic!("typing {c:?} gave {other:?}"),
        }
    }
    asked.expect("a search was asked for")
}

/// The search thread's answer for query number `generation`.
fn answer(app: &mut App, query: &str, generation: u64) {
    let results = Box::new(app.search_index.search(query));
    update(app, Input::SearchDone { generation, results });
}

fn background_app() -> App {
    let mut app = app(120, 40);
    app.background_search = true;
    app
}

#[test]
fn tab_while_the_search_runs_keeps_its_results_coming() {
    let mut app = background_app();
    // An event quoting an article with "cloud" in it, so that Tab offers its articles.
    act(&mut app, &[Search]);
    let asked = type_asking(&mut app, "cloud");
    key(&mut app, KeyCode::Tab);
    assert!(matches!(app.search.scope, Scope::EventSources { .. }), "{:?}", app.search.scope);
    assert!(app.search.pending);
    answer(&mut app, "cloud", asked);
    assert!(!app.search.pending, "the results of the query asked for are taken after Tab");
    assert!(app.search.status().contains("match"), "{}", app.search.status());
}

#[test]
fn keys_pressed_after_enter_while_the_search_runs_are_played_after_the_jump() {
    let mut app = background_app();
    act(&mut app, &[Search]);
    let asked = type_asking(&mut app, "amazon");
    key(&mut app, KeyCode::Enter);
    for c in ['n', 'n'] {
        assert!(update(&mut app, Input::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))).is_none());
    }
    assert_eq!(app.search.ordinal(), None, "held while the search runs");
    assert_eq!(app.message, None, "no \"no search\" meanwhile");
    answer(&mut app, "amazon", asked);
    assert_eq!(app.search.ordinal(), Some(0), "the jump first");
    for held in app.released_keys() {
        update(&mut app, Input::Key(held));
    }
    assert_eq!(app.search.ordinal(), Some(2), "then n twice");
    assert!(app.released_keys().is_empty());

    // Without a search running, keys are not held.
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(app.search.ordinal(), Some(3));
}

#[test]
fn esc_restores_the_scope_and_the_selection_the_search_line_opened_with() {
    let mut app = app(120, 40);
    let first = selected_id(&app);
    act(&mut app, &[Search]);
    type_str(&mut app, "cloud");
    assert_ne!(selected_id(&app), first, "the search moved the selection");
    key(&mut app, KeyCode::Esc);
    assert_eq!(selected_id(&app), first, "Esc changes nothing");

    act(&mut app, &[Search]);
    type_str(&mut app, "cloud");
    key(&mut app, KeyCode::Enter);
    let (hits, shown) = (app.search.results.hit_count, app.timeline.visible.len());
    act(&mut app, &[Search]);
    type_str(&mut app, "amazon");
    key(&mut app, KeyCode::Tab);
    assert_ne!(app.search.scope, Scope::All);
    key(&mut app, KeyCode::Esc);
    assert_eq!((app.search.query.as_str(), &app.search.scope), ("cloud", &Scope::All));
    assert_eq!((app.search.results.hit_count, app.timeline.visible.len()), (hits, shown));
}

#[test]
fn esc_while_the_search_runs_restores_the_selection_once_the_results_are_back() {
    let mut app = background_app();
    act(&mut app, &[Search]);
    let asked = type_asking(&mut app, "amazon");
    answer(&mut app, "amazon", asked);
    key(&mut app, KeyCode::Enter);
    let (selected, ordinal) = (selected_id(&app), app.search.ordinal());
    act(&mut app, &[Search]);
    let asked = type_asking(&mut app, "cloud");
    answer(&mut app, "cloud", asked);
    act(&mut app, &[Down, Down]);
    let asked = match update(&mut app, Input::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE))) {
        Some(Effect::Search { query, generation }) if query == "amazon" => generation,
        other => panic!("Esc gave {other:?}"),
    };
    answer(&mut app, "amazon", asked);
    assert_eq!((selected_id(&app), app.search.ordinal()), (selected, ordinal));
}

#[test]
fn a_reload_that_answers_the_search_lets_the_held_keys_go() {
    let mut app = background_app();
    act(&mut app, &[Search]);
    type_asking(&mut app, "amazon");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('j'));
    assert!(app.holding_keys());
    let reloaded = annals::app::Reloaded::build(common::bundled(), Some("amazon".into()));
    update(&mut app, Input::ReloadDone(Box::new(Ok(reloaded))));
    assert!(!app.search.pending && !app.holding_keys());
    assert_eq!(app.released_keys().len(), 1, "the j is let go");
    // A later search that runs while nothing waits for a jump holds nothing.
    act(&mut app, &[Search]);
    type_asking(&mut app, "cloud");
    assert!(!app.holding_keys());
}
