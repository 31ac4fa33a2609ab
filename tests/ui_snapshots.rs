//! The screens, drawn with ratatui's TestBackend and compared with reviewed snapshots, at
//! 60x20, 80x24, 120x40 and 200x60.

mod common;

use annals::app::App;
use annals::input::action::Action::*;
use common::{act, app, key, screen, type_str};
use crossterm::event::KeyCode;

const SIZES: [(u16, u16); 4] = [(60, 20), (80, 24), (120, 40), (200, 60)];

fn snap(name: &str, setup: impl Fn(&mut App)) {
    for (w, h) in SIZES {
        let mut app = app(w, h);
        setup(&mut app);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&app));
    }
}

fn select(app: &mut App, id: &str) {
    let index = app.dataset.event_index(id).unwrap();
    app.timeline.select_event(index);
    app.scroll_timeline();
}

#[test]
fn main_view() {
    snap("main", |_| {});
}

#[test]
fn main_view_on_the_2020_plan_with_quotes_focused() {
    snap("main_plan_quotes", |app| {
        select(app, "plan-2020");
        act(app, &[Open, Down]);
    });
}

#[test]
fn reader() {
    snap("reader", |app| {
        select(app, "zhangbei-datacenters-2016");
        act(app, &[Open, Open]);
    });
}

#[test]
fn side_by_side() {
    snap("side_by_side", |app| {
        select(app, "plan-2020");
        act(app, &[SideBySide]);
    });
}

#[test]
fn help() {
    snap("help", |app| act(app, &[Help]));
}

#[test]
fn year_picker() {
    snap("year_picker", |app| {
        act(app, &[FilterYear]);
        type_str(app, "20");
    });
}

#[test]
fn theme_picker() {
    snap("theme_picker", |app| {
        act(app, &[FilterTheme, Down]);
        key(app, KeyCode::Char(' '));
    });
}

#[test]
fn filtered_by_year() {
    snap("filtered_2020", |app| {
        act(app, &[FilterYear]);
        type_str(app, "2020");
        key(app, KeyCode::Enter);
    });
}

#[test]
fn nothing_matches() {
    snap("empty_filter", |app| {
        app.filter.year = Some(1999);
        app.refilter();
    });
}

#[test]
fn too_small() {
    let app = app(40, 10);
    insta::assert_snapshot!("too_small_40x10", screen(&app));
}

#[test]
fn search_results() {
    snap("search_donnees", |app| {
        act(app, &[Search]);
        type_str(app, "donnees");
    });
}

#[test]
fn search_match_in_the_reader() {
    snap("search_reader", |app| {
        act(app, &[Search]);
        type_str(app, "amazon");
        key(app, KeyCode::Enter);
        while app.screen() != annals::screen::ScreenKind::Reader {
            act(app, &[NextMatch]);
        }
    });
}

#[test]
fn compare_view() {
    snap("compare", |app| act(app, &[Compare]));
}

#[test]
fn chart_view() {
    snap("chart", |app| act(app, &[Chart]));
}

#[test]
fn match_list() {
    snap("match_list_amazon", |app| {
        act(app, &[Search]);
        type_str(app, "amazon");
        key(app, KeyCode::Enter);
        act(app, &[Matches]);
    });
}

/// A source with every field that traces it: the reader's header and the detail pane.
fn traced(w: u16, h: u16) -> App {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/traceable-source.toml");
    let dataset = annals::load::load_path(&path).expect("fixture");
    let mut app = App::new(dataset, annals::input::keymap::Keymap::default_keymap(), (w, h));
    select(&mut app, "investment-2015");
    app
}

#[test]
fn a_traced_source_in_the_reader_and_the_detail_pane() {
    for (w, h) in SIZES {
        let mut app = traced(w, h);
        insta::assert_snapshot!(format!("traced_main_{w}x{h}"), screen(&app));
        act(&mut app, &[Open, Open]);
        insta::assert_snapshot!(format!("traced_reader_{w}x{h}"), screen(&app));
    }
}
