//! A larger terminal shows more of what was scrolled, never blank rows below the end; a new
//! width keeps the reader's top line; the detail pane's scroll stops at its last line.

mod common;

use annals::app::{App, Input, update};
use annals::input::action::Action::*;
use annals::screen::Screen;
use common::{act, app, type_str};
use crossterm::event::KeyCode;

fn reader(app: &App) -> &annals::screen::Reader {
    let Some(Screen::Reader(reader)) = app.screens.last() else { panic!("not in the reader") };
    reader
}

/// The app at `width` x `height`, the reader open on the longest source.
fn reading(width: u16, height: u16) -> App {
    let mut app = app(width, height);
    let longest = (0..app.dataset.sources.len()).max_by_key(|&s| app.dataset.sources[s].text.len()).unwrap();
    let (w, h) = annals::screen::reader::text_size(&app.state, longest);
    app.screens.push(Screen::Reader(annals::screen::Reader::open(&app.dataset, longest, None, w, h)));
    app
}

#[test]
fn the_reader_at_its_end_shows_more_above_when_the_terminal_grows() {
    let mut app = reading(80, 20);
    act(&mut app, &[Bottom]);
    let text_len = app.dataset.sources[reader(&app).source].text.len();
    update(&mut app, Input::Resize(80, 40));
    let (w, h) = annals::screen::reader::text_size(&app.state, reader(&app).source);
    let lines = reader(&app).lines(&app.dataset, w).len();
    assert_eq!(reader(&app).scroll, lines - usize::from(h), "the last line at the bottom, no blank rows");
    assert_eq!(reader(&app).view(&app.dataset, w, h).end, text_len);
}

#[test]
fn a_new_width_keeps_the_line_at_the_top_of_the_reader() {
    let mut app = reading(80, 20);
    for _ in 0..15 {
        act(&mut app, &[Down]);
    }
    let (w, h) = annals::screen::reader::text_size(&app.state, reader(&app).source);
    let top = reader(&app).view(&app.dataset, w, h).start;
    let before = reader(&app).lines(&app.dataset, w)[reader(&app).scroll].clone();
    update(&mut app, Input::Resize(130, 20));
    let (w, h) = annals::screen::reader::text_size(&app.state, reader(&app).source);
    let now = reader(&app).lines(&app.dataset, w)[reader(&app).scroll].clone();
    assert!(now.start <= top && top < now.end.max(now.start + 1), "{before:?} at the top, then {now:?}");
    assert!(reader(&app).scroll > 0 && reader(&app).view(&app.dataset, w, h).contains(&top));
}

#[test]
fn the_concordance_at_its_end_fills_a_taller_terminal() {
    let mut app = app(100, 20);
    act(&mut app, &[Search]);
    type_str(&mut app, "cloud");
    common::key(&mut app, KeyCode::Enter);
    act(&mut app, &[Concordance, Bottom]);
    let Some(Screen::Concordance(c)) = app.screens.last() else { panic!("the concordance") };
    assert!(c.offset > 0, "scrolled");
    update(&mut app, Input::Resize(100, 60));
    let Some(Screen::Concordance(c)) = app.screens.last() else { panic!("the concordance") };
    let height = annals::screen::concordance::ConcordanceState::height(&app.state);
    let rows = c.rows.len();
    assert!(rows > height || c.offset == 0, "{rows} rows, {height} high");
    assert_eq!(c.offset, rows.saturating_sub(height), "the last row at the bottom, none blank");
}

#[test]
fn the_detail_pane_scrolls_no_further_than_its_last_line() {
    let mut app = app(100, 16);
    let longest = (0..app.dataset.events.len())
        .max_by_key(|&e| app.dataset.events[e].summary.len() + 200 * app.dataset.events[e].quotes.len())
        .unwrap();
    app.select_event(longest);
    act(&mut app, &[FocusNext]);
    let max = annals::screen::main::max_detail_scroll(&app.state);
    assert!(max > 0, "a detail longer than its pane");
    for _ in 0..max + 20 {
        act(&mut app, &[Down]);
    }
    assert_eq!(app.main().detail_scroll, max);
    act(&mut app, &[Up]);
    assert_eq!(app.main().detail_scroll, max - 1, "k scrolls back at once");
    act(&mut app, &[Down]);
    update(&mut app, Input::Resize(100, 50));
    assert_eq!(app.main().detail_scroll, annals::screen::main::max_detail_scroll(&app.state));
}

#[test]
fn the_timeline_shows_its_first_rows_again_when_the_terminal_grows_back() {
    let mut app = app(80, 24);
    act(&mut app, &[Down, Down]);
    let selected = app.timeline.selected_event();
    for (w, h) in [(60, 15), (10, 3), (120, 35)] {
        update(&mut app, Input::Resize(w, h));
    }
    assert_eq!(app.timeline.selected_event(), selected, "the same event selected");
    assert_eq!(app.timeline.offset, 0, "all the rows up to the selection fit: from the first one");
    let screen = common::screen(&app);
    let first = app.dataset.events[0].title.chars().take(20).collect::<String>();
    assert!(screen.contains(&first), "the first event shows again:\n{screen}");
    // Far down the timeline, a resize keeps the selection in view, not the top.
    act(&mut app, &[Bottom]);
    update(&mut app, Input::Resize(100, 30));
    assert!(app.timeline.offset > 0);
    let row = app.timeline.selected_row().unwrap();
    assert!(row >= app.timeline.offset, "the selection is in view");
}

/// Below the smallest size the screen only says to enlarge the terminal or quit: no other key
/// acts out of sight (a capture would write files), and q still quits.
#[test]
fn a_terminal_too_small_takes_only_q() {
    use crossterm::event::{KeyModifiers, MouseEvent, MouseEventKind};
    let mut app = app(100, 30);
    update(&mut app, Input::Resize(40, 10));
    for code in [KeyCode::Enter, KeyCode::Enter, KeyCode::Char('v'), KeyCode::Char('c'), KeyCode::Char('/')] {
        let key = crossterm::event::KeyEvent::new(code, KeyModifiers::NONE);
        assert_eq!(update(&mut app, Input::Key(key)), None, "no effect for {code:?}");
    }
    let wheel = MouseEvent { kind: MouseEventKind::ScrollDown, column: 5, row: 5, modifiers: KeyModifiers::NONE };
    update(&mut app, Input::Mouse(wheel));
    assert_eq!((app.screens.len(), app.search.editing, app.timeline.selected), (1, false, 0), "nothing moved");
    common::key(&mut app, KeyCode::Char('q'));
    assert!(app.should_quit);
}
