//! Every drawn row fits its pane: wide CJK characters, combining accents and no-break spaces
//! never push a border out of place, at any size, and no size panics.

mod common;

use annals::app::App;
use annals::input::action::Action::*;
use annals::input::keymap::Keymap;
use annals::layout;
use common::{act, load, render};
use ratatui::layout::Rect;

fn wide_app(w: u16, h: u16) -> App {
    App::new(load("tests/fixtures/render/wide-text.toml"), Keymap::default_keymap(), (w, h))
}

/// Asserts the left and right borders of `pane` are intact on every inner row.
fn assert_borders(app: &App, pane: Rect, what: &str) {
    let terminal = render(app);
    let buffer = terminal.backend().buffer();
    for y in pane.y + 1..pane.bottom().saturating_sub(1) {
        for x in [pane.x, pane.right() - 1] {
            assert_eq!(
                buffer[(x, y)].symbol(),
                "│",
                "{what} at {}x{}: border broken at ({x},{y})",
                app.size.0,
                app.size.1
            );
        }
    }
}

#[test]
fn main_panes_keep_their_borders_with_wide_text() {
    for (w, h) in [(60, 15), (61, 17), (80, 24), (97, 31), (120, 40), (161, 40), (200, 50)] {
        let mut app = wide_app(w, h);
        for _ in 0..2 {
            let l = app.main_layout();
            // Narrow, the timeline and the event take turns (Tab).
            if l.shows_timeline(true) {
                assert_borders(&app, l.timeline, "timeline");
            }
            act(&mut app, &[FocusNext]);
            assert_borders(&app, l.detail, "detail");
            assert_borders(&app, l.quotes, "quotes");
            if l.article.width > 0 {
                assert_borders(&app, l.article, "article");
            }
            act(&mut app, &[FocusLeft, Down]);
        }
    }
}

#[test]
fn reader_and_side_by_side_keep_their_borders_with_wide_text() {
    for (w, h) in [(60, 15), (80, 24), (81, 24), (120, 40)] {
        let mut app = wide_app(w, h);
        act(&mut app, &[Open, Open]);
        assert_borders(&app, layout::Frame::new(app.area()).body, "reader");
        act(&mut app, &[Back, SideBySide]);
        // This dataset has one source: side by side opens it in the reader.
        if app.screen() == annals::screen::ScreenKind::SideBySide {
            for column in layout::columns(layout::Frame::new(app.area()).body) {
                assert_borders(&app, column, "side by side");
            }
        } else {
            assert_borders(&app, layout::Frame::new(app.area()).body, "side by side's reader");
        }
    }
}

#[test]
fn no_size_panics_on_any_screen() {
    for w in (0..=130).step_by(7).chain([1, 2, 59, 60]) {
        for h in (0..=45).step_by(4).chain([1, 2, 14, 15]) {
            let mut app = wide_app(w, h);
            render(&app);
            act(&mut app, &[Open, Open]);
            render(&app);
            act(&mut app, &[Back, SideBySide]);
            render(&app);
            act(&mut app, &[Back, Help]);
            render(&app);
            act(&mut app, &[Back, FilterTheme]);
            render(&app);
        }
    }
}

/// The row of a reader pane's rule under the source details: the first inner row drawn with
/// "─" all along.
fn rule_row(app: &App, pane: Rect) -> u16 {
    let terminal = render(app);
    let buffer = terminal.backend().buffer();
    (pane.y + 1..pane.bottom() - 1)
        .find(|&y| (pane.x + 1..pane.right() - 1).all(|x| buffer[(x, y)].symbol() == "─"))
        .expect("a rule under the details")
}

#[test]
fn the_readers_details_take_the_lines_they_need_and_both_columns_start_on_one_row() {
    // One line of details (publisher, language, date): the rule right under it.
    let mut app = App::new(load("data/examples/minimal.toml"), Keymap::default_keymap(), (100, 30));
    act(&mut app, &[Open, Open]);
    let pane = layout::Frame::new(app.state.area()).body;
    assert_eq!(rule_row(&app, pane), pane.y + 2, "one line of details, then the rule");
    // Side by side on the bundled data: the columns' sources need different numbers of lines,
    // and both texts start below the longer details.
    let mut app = common::app(120, 40);
    act(&mut app, &[SideBySide]);
    let Some(side) = app.side() else { panic!("side by side") };
    let columns = annals::screen::side_by_side::column_areas(&app);
    let needs: Vec<usize> = side
        .sources()
        .iter()
        .map(|&s| {
            annals::text::wrap::wrap(&annals::screen::reader::details(&app, s), usize::from(columns[0].width - 2)).len()
        })
        .collect();
    assert_ne!(needs[0], needs[1], "sources whose details take different numbers of lines: {needs:?}");
    let rows = columns.map(|pane| rule_row(&app, pane));
    assert_eq!(rows[0], rows[1], "both columns' texts start on one row");
    assert_eq!(usize::from(rows[0] - columns[0].y - 1), needs.into_iter().max().unwrap().min(4));
}
