//! Filters by source and by language, as the year and theme filters work: a picker with
//! counts on the main screen, combined with the other filters and the search, said in the
//! timeline's title, and the same filters on the command line (`--source`, `--lang`).

mod common;

use std::process::Command;

use annals::input::action::Action::*;
use annals::state::{Overlay, PickerKind};
use common::{act, key};
use crossterm::event::KeyCode;

#[test]
fn the_source_picker_counts_and_filters_the_events_that_quote_a_source() {
    let mut app = common::app(120, 40);
    act(&mut app, &[FilterSource]);
    let Some(Overlay::Picker(picker)) = app.overlay.clone() else { panic!("the source picker is open") };
    assert_eq!(picker.kind, PickerKind::Sources);
    assert_eq!(picker.items.len(), app.dataset.sources.len());
    let zhangbei = app.dataset.sources.iter().position(|s| s.id == "fr-2016-zhangbei").unwrap();
    let quoting = |app: &annals::app::App| {
        app.dataset.events.iter().filter(|e| e.quotes.iter().any(|q| q.source == zhangbei)).count()
    };
    assert_eq!(picker.items[zhangbei].count, quoting(&app), "the count is what the choice shows");
    for _ in 0..zhangbei {
        act(&mut app, &[Down]);
    }
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.timeline.visible.len(), quoting(&app));
    assert!(app.shown_summary().contains("quoting fr-2016-zhangbei"), "{}", app.shown_summary());
    assert!(common::screen(&app).contains("· quoting fr-"), "the timeline title says so");
    act(&mut app, &[ClearFilters]);
    assert_eq!(app.timeline.visible.len(), app.dataset.events.len());
}

#[test]
fn the_language_picker_combines_with_the_year_filter() {
    let mut app = common::app(120, 40);
    act(&mut app, &[FilterLanguage]);
    let Some(Overlay::Picker(picker)) = app.overlay.clone() else { panic!("the language picker is open") };
    assert_eq!(picker.kind, PickerKind::Language);
    let labels: Vec<&str> = picker.items.iter().map(|i| i.label.as_str()).collect();
    assert_eq!(labels, ["all languages", "en", "fr"]);
    act(&mut app, &[Down]);
    key(&mut app, KeyCode::Enter);
    let english = |app: &annals::app::App, e: usize| {
        app.dataset.events[e].quotes.iter().any(|q| app.dataset.sources[q.source].language == "en")
    };
    assert!(!app.timeline.visible.is_empty());
    assert!(app.timeline.visible.iter().all(|&e| english(&app, e)));
    assert!(app.shown_summary().ends_with("in en"), "{}", app.shown_summary());
    // With a year on top: both hold.
    act(&mut app, &[FilterYear]);
    for c in "2020".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    assert!(app.timeline.visible.iter().all(|&e| english(&app, e) && app.dataset.events[e].date.year == 2020));
    assert!(app.shown_summary().contains("2020") && app.shown_summary().contains("in en"), "{}", app.shown_summary());
}

fn annals(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_annals")).args(args).output().expect("run annals")
}

#[test]
fn export_takes_the_same_filters_and_refuses_unknown_ones() {
    let csv = annals(&["--export", "csv", "--lang", "en"]);
    assert!(csv.status.success());
    let all = annals(&["--export", "csv"]);
    let rows = |out: &std::process::Output| String::from_utf8_lossy(&out.stdout).lines().count();
    assert!(rows(&csv) < rows(&all), "fewer events in English");
    let md = annals(&["--export", "md", "--source", "fr-2016-zhangbei"]);
    assert!(String::from_utf8_lossy(&md.stdout).contains("quoting fr-2016-zhangbei"), "the export says what it shows");
    let wrong = annals(&["--export", "md", "--source", "fr-2016-zhangbi"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("did you mean \"fr-2016-zhangbei\""));
    let wrong = annals(&["--export", "md", "--lang", "de"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("expected one of: en, fr"));
}

#[test]
fn a_long_source_title_gives_way_to_its_count_in_the_picker() {
    for width in [60, 80, 120] {
        let mut app = common::app(width, 30);
        act(&mut app, &[FilterSource]);
        let Some(Overlay::Picker(picker)) = app.overlay.clone() else { panic!("the source picker is open") };
        let screen = common::screen(&app);
        // The picker's rows, cut from the screen lines between its borders.
        let rows: Vec<&str> = screen
            .lines()
            .filter_map(|l| {
                let start = l.find("│[ ] ").or_else(|| l.find("│[x] "))? + "│".len();
                l[start..].split('│').next()
            })
            .collect();
        assert_eq!(rows.len(), picker.items.len(), "{screen}");
        for (row, item) in rows.iter().zip(&picker.items) {
            let row = row.trim_end();
            assert!(row.ends_with(&format!("({})", item.count)), "{width} columns, no count on {row:?}");
        }
    }
}
