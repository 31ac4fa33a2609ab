//! Replacing the dataset keeps the user's place.

mod common;

use annals::app::{App, Input, RELOAD_PROBLEMS, update};
use annals::input::action::Action::*;
use annals::input::keymap::Keymap;
use annals::screen::ScreenKind as Screen;
use annals::state::Overlay;
use common::act;

fn minimal() -> String {
    std::fs::read_to_string(format!("{}/data/examples/minimal.toml", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn app_on(text: &str) -> App {
    App::new(annals::load::load_str("m.toml", text).unwrap(), Keymap::default_keymap(), (120, 40))
}

#[test]
fn a_valid_change_keeps_selection_filters_search_and_screen() {
    let mut app = app_on(&minimal());
    let works = app.dataset.themes.iter().position(|t| t.id == "works").unwrap();
    app.filter.themes = vec![works];
    app.refilter();
    app.state.timeline.select_event(app.state.dataset.event_index("reopening").unwrap());
    act(&mut app, &[Open, Open]);
    assert_eq!(app.screen(), Screen::Reader);

    // A new event before the selected one, and a retitled selected event.
    let edited = minimal()
        .replace("title = \"The library reopens\"", "title = \"The library reopens at last\"")
        .replace("[[event]]\nid = \"works-start\"", "[[event]]\nid = \"tender\"\ndate = \"2020-01\"\ntitle = \"Tender\"\nsummary = \"s\"\nthemes = [\"works\"]\n\n[[event.quote]]\nsource = \"gazette-2019\"\ntext = \"a year of works\"\n\n[[event]]\nid = \"works-start\"");
    app.replace_dataset(annals::load::load_str("m.toml", &edited).unwrap());
    assert_eq!(app.selected_event().unwrap().title, "The library reopens at last");
    assert_eq!(app.filter.themes.len(), 1, "the theme filter survives");
    assert_eq!(app.screen(), Screen::Reader, "the reader stays open on the same source");
    assert!(app.message.as_deref().unwrap().starts_with("reloaded"));
}

#[test]
fn an_invalid_change_keeps_the_last_good_data_and_a_fix_clears_the_problems() {
    let mut app = app_on(&minimal());
    let before = app.dataset.clone();
    app.reload_failed(vec!["m.toml:3:8: event \"x\": date \"2016-09-31\" is not a calendar date".into()]);
    assert!(app.reload_failed);
    assert_eq!(app.dataset, before, "nothing is lost");
    assert!(matches!(&app.overlay, Some(Overlay::Problems { title, .. }) if title == RELOAD_PROBLEMS));
    app.replace_dataset(annals::load::load_str("m.toml", &minimal()).unwrap());
    assert!(!app.reload_failed);
    assert!(app.overlay.is_none(), "the fix clears the problems list");
}

#[test]
fn a_removed_selected_event_moves_to_the_nearest_and_removed_sources_close_the_reader() {
    let mut app = app_on(&minimal());
    app.state.timeline.select_event(app.state.dataset.event_index("reopening").unwrap());
    act(&mut app, &[Open, Open]);
    let text = minimal();
    let cut = text.find("[[event]]\nid = \"reopening\"").unwrap();
    let end = text.find("[[fact]]").unwrap();
    let without = format!("{}{}", &text[..cut], &text[end..])
        .replace("[[fact.claim]]\nsource = \"courrier-2021\"", "[[fact.claim]]\nsource = \"gazette-2019\"")
        .replace(
            "quote = \"Le chantier aura coûté 1,5 million d’euros, bien plus que prévu.\"",
            "quote = \"The renovation will cost 1.2 million euros\"",
        );
    let cut_source = without.find("[[source]]\nid = \"courrier-2021\"").unwrap();
    let after_source = without[cut_source..].find("[[event]]").unwrap() + cut_source;
    let without = format!("{}{}", &without[..cut_source], &without[after_source..]);
    app.replace_dataset(annals::load::load_str("m.toml", &without).unwrap());
    assert_eq!(app.selected_event().unwrap().id, "works-start");
    assert_eq!(app.screen(), Screen::Main, "the reader's source is gone");
}

#[test]
fn an_open_match_list_is_made_again_from_the_new_data() {
    let mut app = app_on(&minimal());
    act(&mut app, &[Search]);
    common::type_str(&mut app, "library");
    common::key(&mut app, crossterm::event::KeyCode::Enter);
    act(&mut app, &[Matches, Bottom]);
    let Some(Overlay::Matches { groups: before, .. }) = app.overlay.clone() else { panic!("the list is open") };
    // The library becomes a museum everywhere: the list has fewer rows, and still draws.
    let edited = minimal().replace("library", "museum").replace("Library", "Museum");
    app.replace_dataset(annals::load::load_str("m.toml", &edited).expect("still valid"));
    let Some(Overlay::Matches { groups, cursor }) = &app.overlay else { panic!("the list stays open") };
    assert!(groups.len() < before.len() && *cursor < groups.len().max(1), "{groups:?}");
    let _ = common::screen(&app);
}

#[test]
fn a_message_not_yet_dismissed_survives_the_reload_it_set_off() {
    let mut app = app_on(&minimal());
    let captured = "captured a draft event to drafts.toml · copied via OSC 52";
    app.message = Some(captured.into());
    app.replace_dataset(annals::load::load_str("m.toml", &minimal()).unwrap());
    let summary = app.dataset.summary_line();
    assert_eq!(app.message, Some(format!("reloaded: {summary} · {captured}")));
    // A second reload says so once, and a reload with nothing shown says what was loaded.
    app.replace_dataset(annals::load::load_str("m.toml", &minimal()).unwrap());
    assert_eq!(app.message, Some(format!("reloaded: {summary} · {captured}")));
    app.message = None;
    app.replace_dataset(annals::load::load_str("m.toml", &minimal()).unwrap());
    assert_eq!(app.message, Some(format!("reloaded: {summary}")));
}

#[test]
fn a_write_that_sets_off_a_reload_is_said_first_so_that_a_narrow_status_line_keeps_it() {
    let mut app = app_on(&minimal());
    let captured = "captured a draft event to /a/long/folder/drafts.toml · copied via OSC 52";
    app.message = Some(captured.into());
    app.wrote = Some(captured.into());
    app.replace_dataset(annals::load::load_str("m.toml", &minimal()).unwrap());
    let summary = app.dataset.summary_line();
    // The reload in a word: the timeline's title counts the events.
    let expected = "captured a draft event to /a/long/folder/drafts.toml · reloaded · copied via OSC 52".to_string();
    assert_eq!(app.message.as_deref(), Some(expected.as_str()));
    assert_eq!(app.wrote, None, "once");
    // At 80 columns the status line keeps where the draft went.
    app.message = Some(expected);
    update(&mut app, Input::Resize(80, 24));
    let status = common::screen(&app).lines().last().unwrap_or_default().to_string();
    assert!(status.contains("captured a draft event to /a/long/folder/drafts.toml"), "{status}");
    // A second reload while it shows: its words first, the write's message without "reloaded".
    app.replace_dataset(annals::load::load_str("m.toml", &minimal()).unwrap());
    assert_eq!(app.message, Some(format!("reloaded: {summary} · {captured}")));
    // A message that was there before the reload (the start's notice) follows its words.
    app.message = Some("no file watcher here".into());
    app.wrote = Some(captured.into());
    app.replace_dataset(annals::load::load_str("m.toml", &minimal()).unwrap());
    assert_eq!(app.message, Some(format!("reloaded: {summary} · no file watcher here")));
}

#[test]
fn a_selection_in_the_reader_survives_a_reload_that_leaves_its_source_text_alone() {
    let mut app = app_on(&minimal());
    app.state.timeline.select_event(app.state.dataset.event_index("reopening").unwrap());
    act(&mut app, &[Open, Open, Select, ExtendWord]);
    let selection = |app: &App| match app.screens.last() {
        Some(annals::screen::Screen::Reader(reader)) => reader.selection.clone(),
        _ => panic!("the reader is open"),
    };
    let selected = selection(&app).expect("selecting");
    // Another window captured a draft: a new event, the sources as they were.
    let edited = minimal().replace("title = \"The library reopens\"", "title = \"The library reopens at last\"");
    app.replace_dataset(annals::load::load_str("m.toml", &edited).unwrap());
    assert_eq!(selection(&app), Some(selected.clone()), "the selection stays");
    // The source's own text changed: the selection would point elsewhere, so it goes.
    let edited = edited.replace("Après quinze mois de travaux", "Après seize mois de travaux");
    app.replace_dataset(annals::load::load_str("m.toml", &edited).unwrap());
    assert_eq!(app.screen(), Screen::Reader);
    assert_eq!(selection(&app), None);
}
