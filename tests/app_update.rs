//! The pure update function, driven without a terminal.

mod common;

use annals::app::{Input, update};
use annals::input::action::Action::*;
use annals::screen::{Focus, ScreenKind as Screen};
use annals::state::Overlay;
use common::{act, app, key, selected_id, type_str};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

#[test]
fn starts_on_the_first_event_of_the_timeline() {
    let app = app(120, 40);
    assert_eq!(app.screen(), Screen::Main);
    assert_eq!(app.main().focus, Focus::Timeline);
    assert_eq!(selected_id(&app), app.dataset.events[0].id);
    assert_eq!(app.shown_summary(), "22 of 22 events");
}

#[test]
fn navigation_moves_and_clamps() {
    let mut app = app(120, 40);
    act(&mut app, &[Up]);
    assert_eq!(app.timeline.selected, 0);
    act(&mut app, &[Down, Down]);
    assert_eq!(app.timeline.selected, 2);
    act(&mut app, &[Bottom]);
    assert_eq!(app.timeline.selected, 21);
    act(&mut app, &[Down]);
    assert_eq!(app.timeline.selected, 21);
    act(&mut app, &[Top]);
    assert_eq!(app.timeline.selected, 0);
    act(&mut app, &[PageDown]);
    assert!(app.timeline.selected > 5, "a page moves by the pane height");
}

#[test]
fn selection_stays_visible_while_scrolling_in_a_small_terminal() {
    let mut app = app(80, 24);
    for _ in 0..16 {
        act(&mut app, &[Down]);
        let row = app.timeline.selected_row().unwrap();
        assert!(row >= app.timeline.offset && selected_row_fits(&app), "row {row} off screen");
    }
    act(&mut app, &[Top]);
    assert_eq!(app.timeline.offset, 0, "the first event shows its headings");
}

#[test]
fn focus_cycles_through_the_panes() {
    let mut app = app(120, 40);
    act(&mut app, &[FocusNext]);
    assert_eq!(app.main().focus, Focus::Detail);
    act(&mut app, &[FocusNext]);
    assert_eq!(app.main().focus, Focus::Quotes);
    act(&mut app, &[FocusNext]);
    assert_eq!(app.main().focus, Focus::Timeline);
    act(&mut app, &[FocusPrev]);
    assert_eq!(app.main().focus, Focus::Quotes);
    act(&mut app, &[Back]);
    assert_eq!(app.main().focus, Focus::Timeline);
}

#[test]
fn year_filter_from_the_picker_combines_with_themes() {
    let mut app = app(120, 40);
    act(&mut app, &[FilterYear]);
    assert!(matches!(app.overlay, Some(Overlay::Picker(_))));
    type_str(&mut app, "2020");
    key(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none());
    assert_eq!(app.filter.year, Some(2020));
    assert!(app.timeline.visible.iter().all(|&e| app.dataset.events[e].date.year == 2020));
    let in_2020 = app.timeline.visible.len();
    assert!(in_2020 >= 2);

    act(&mut app, &[FilterTheme]);
    let investment = app.dataset.themes.iter().position(|t| t.id == "investment").unwrap();
    for _ in 0..investment {
        act(&mut app, &[Down]);
    }
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.filter.themes, vec![investment]);
    assert!(app.timeline.visible.len() < in_2020);
    assert!(app.timeline.visible.iter().all(|&e| app.dataset.events[e].themes.contains(&investment)));
    assert!(app.shown_summary().ends_with(" · 2020 · investment"), "{}", app.shown_summary());

    act(&mut app, &[ClearFilters]);
    assert_eq!(app.timeline.visible.len(), 22);
}

#[test]
fn a_year_with_no_events_is_refused_with_a_message() {
    let mut app = app(120, 40);
    act(&mut app, &[FilterYear]);
    type_str(&mut app, "2017");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.message.as_deref(), Some("no events in 2017"));
    assert!(app.overlay.is_some(), "the picker stays open to correct the year");
    key(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    assert_eq!(app.filter.year, None);
}

#[test]
fn a_filter_that_hides_the_selection_moves_it_to_the_nearest_visible_event() {
    let mut app = app(120, 40);
    let zhangbei = app.dataset.event_index("zhangbei-datacenters-2016").unwrap();
    app.timeline.select_event(zhangbei);
    let geo = app.dataset.themes.iter().position(|t| t.id == "geopolitics").unwrap();
    app.filter.themes = vec![geo];
    app.refilter();
    let now = app.timeline.selected_event().unwrap();
    assert!(app.dataset.events[now].themes.contains(&geo));
    // The nearest geopolitics event in date order is the first one, since none is earlier.
    assert_eq!(app.timeline.selected, 0);
}

#[test]
fn when_nothing_matches_the_selection_is_empty_and_keys_do_not_panic() {
    let mut app = app(120, 40);
    app.filter.year = Some(1999);
    app.refilter();
    assert!(app.timeline.visible.is_empty());
    assert!(app.selected_event().is_none());
    act(&mut app, &[Down, Up, Bottom, PageDown, Open, FocusNext, Open, SideBySide]);
    assert_eq!(app.screen(), Screen::SideBySide, "side by side still opens, on the first sources");
    act(&mut app, &[FocusNext, Open]);
    assert_eq!(app.screen(), Screen::Reader, "enter on a column reads it full width");
}

#[test]
fn enter_opens_quotes_then_the_reader_at_the_quote_and_esc_goes_back() {
    let mut app = app(120, 40);
    let zhangbei = app.dataset.event_index("zhangbei-datacenters-2016").unwrap();
    app.timeline.select_event(zhangbei);
    act(&mut app, &[Open]);
    assert_eq!(app.main().focus, Focus::Quotes);
    act(&mut app, &[Open]);
    assert_eq!(app.screen(), Screen::Reader);
    let quote = &app.dataset.events[zhangbei].quotes[0];
    assert_eq!(app.reader().unwrap().source, quote.source);
    assert_eq!(app.reader().unwrap().highlight, Some(quote.range.clone()));
    act(&mut app, &[Down, Down, PageDown, Bottom, Top]);
    assert_eq!(app.reader().unwrap().scroll, 0);
    act(&mut app, &[Back]);
    assert_eq!(app.screen(), Screen::Main);
    assert_eq!(app.main().focus, Focus::Timeline, "back on the main screen, the timeline has the keys");
    assert_eq!(app.timeline.selected_event(), Some(zhangbei));
}

/// Side by side on the 2020 plan, whose two articles are in two languages.
fn side_by_side_on_the_plan() -> (annals::app::App, usize) {
    let mut app = app(120, 40);
    let plan = app.dataset.event_index("plan-2020").unwrap();
    app.timeline.select_event(plan);
    act(&mut app, &[SideBySide]);
    (app, plan)
}

#[test]
fn side_by_side_defaults_to_the_two_sources_of_the_2020_plan() {
    let (mut app, plan) = side_by_side_on_the_plan();
    assert_eq!(app.screen(), Screen::SideBySide);
    let langs: Vec<&str> =
        app.side().unwrap().columns.iter().map(|c| app.dataset.sources[c.source].language.as_str()).collect();
    assert_eq!(langs, ["fr", "en"]);
    assert!(app.side().unwrap().columns.iter().all(|c| c.highlight.is_some()), "both columns show their quote");

    act(&mut app, &[FocusNext]);
    assert_eq!(app.side().unwrap().focus, 1);
    let before = app.side().unwrap().columns[1].source;
    act(&mut app, &[NextSource]);
    assert_ne!(app.side().unwrap().columns[1].source, before);
    assert_eq!(
        app.side().unwrap().columns[0].source,
        app.dataset.events[plan].quotes[0].source,
        "the other column stays"
    );
    assert_ne!(
        app.side().unwrap().columns[1].source,
        app.side().unwrap().columns[0].source,
        "never the same article twice"
    );
    act(&mut app, &[PrevSource]);
    assert_eq!(app.side().unwrap().columns[1].source, before);
    for _ in 0..app.dataset.sources.len() * 2 {
        act(&mut app, &[NextSource]);
        assert_ne!(
            app.side().unwrap().columns[1].source,
            app.side().unwrap().columns[0].source,
            "never the same article twice"
        );
    }
    act(&mut app, &[Back]);
    assert_eq!(app.screen(), Screen::Main);
}

#[test]
fn help_toggles_and_takes_the_keys_while_open() {
    let mut app = app(120, 40);
    act(&mut app, &[Help]);
    assert!(matches!(app.overlay, Some(Overlay::Help { .. })));
    act(&mut app, &[Down]);
    assert_eq!(app.timeline.selected, 0, "keys scroll the help, not the timeline");
    act(&mut app, &[Back]);
    assert!(app.overlay.is_none());
}

#[test]
fn quit_and_ctrl_c() {
    let mut a = app(120, 40);
    key(&mut a, KeyCode::Char('q'));
    assert!(a.should_quit);
    let mut b = app(120, 40);
    act(&mut b, &[FilterYear]);
    update(&mut b, Input::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)));
    assert!(b.should_quit, "ctrl-c quits even from a picker");
}

#[test]
fn a_press_on_a_columns_text_side_by_side_focuses_it_and_selects_there_and_a_drag_extends() {
    let (mut app, _) = side_by_side_on_the_plan();
    assert_eq!(app.side().unwrap().focus, 0);
    let columns = annals::screen::side_by_side::column_areas(&app);
    let text = annals::screen::reader::text_area(&app, columns[1], &app.side().unwrap().sources());
    update(&mut app, mouse(MouseEventKind::Down(MouseButton::Left), text.x, text.y));
    let side = app.side().unwrap();
    assert_eq!(side.focus, 1, "the column pressed has the keys");
    let first = side.columns[1].selection.clone().expect("a word selected where pressed");
    assert!(side.columns[0].selection.is_none());
    update(&mut app, mouse(MouseEventKind::Drag(MouseButton::Left), text.x + 20, text.y + 2));
    let dragged = app.side().unwrap().columns[1].selection.clone().unwrap();
    assert!(dragged.start == first.start && dragged.end > first.end, "{first:?} then {dragged:?}");
}

#[test]
fn mouse_capture_toggles_and_is_reported() {
    let mut app = app(120, 40);
    assert!(app.mouse_capture);
    let effect = update(&mut app, Input::Action(ToggleMouse));
    assert_eq!(effect, Some(annals::app::Effect::SetMouseCapture(false)));
    assert!(app.message.as_deref().unwrap().contains("off"));
}

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Input {
    Input::Mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE })
}

#[test]
fn clicking_a_timeline_row_selects_its_event_and_the_wheel_scrolls_the_pane_under_it() {
    let mut app = app(120, 40);
    let inner = annals::layout::inner(app.main_layout().timeline);
    let row = app.timeline.rows.iter().position(|r| matches!(r, annals::state::Row::Event(e) if *e == 4)).unwrap();
    // Long titles wrap: the event's line is below the lines of the rows before it.
    let wrap_all = annals::layout::timeline::wraps_all(inner.height);
    let line: usize = (0..row).map(|i| app.timeline_row_lines(i, usize::from(inner.width), wrap_all)).sum();
    let lines = app.timeline_row_lines(row, usize::from(inner.width), wrap_all);
    assert!(lines > 1, "event 4's title takes two lines at 120x40");
    // Its second line is its own too.
    update(&mut app, mouse(MouseEventKind::Down(MouseButton::Left), inner.x + 20, inner.y + (line + 1) as u16));
    assert_eq!(app.timeline.selected_event(), Some(4));
    act(&mut app, &[Top]);
    update(&mut app, mouse(MouseEventKind::Down(MouseButton::Left), inner.x + 3, inner.y + line as u16));
    assert_eq!(app.timeline.selected_event(), Some(4));

    let detail = app.main_layout().detail;
    update(&mut app, mouse(MouseEventKind::ScrollDown, detail.x + 2, detail.y + 2));
    // Three lines, as far as the detail goes.
    assert_eq!(app.main().detail_scroll, 3.min(annals::screen::main::max_detail_scroll(&app.state)));
    assert_eq!(app.timeline.selected_event(), Some(4), "the wheel over the detail does not move the timeline");
    update(&mut app, mouse(MouseEventKind::ScrollDown, inner.x + 2, inner.y + 2));
    assert_eq!(app.timeline.selected_event(), Some(7));
}

#[test]
fn clicking_a_quote_selects_it() {
    let mut app = app(120, 40);
    let plan = app.dataset.event_index("plan-2020").unwrap();
    app.timeline.select_event(plan);
    assert!(app.dataset.events[plan].quotes.len() >= 2);
    let quotes = annals::layout::inner(app.main_layout().quotes);
    let second = (0..quotes.height)
        .find(|&line| annals::screen::main::quote_at(app.main(), &app, quotes, line as usize) == Some(1))
        .unwrap();
    update(&mut app, mouse(MouseEventKind::Down(MouseButton::Left), quotes.x + 4, quotes.y + second));
    assert_eq!(app.main().quote, 1);
    assert_eq!(app.main().focus, Focus::Quotes);
}

#[test]
fn resizing_keeps_the_selection_in_view() {
    let mut app = app(120, 40);
    act(&mut app, &[Bottom]);
    update(&mut app, Input::Resize(80, 24));
    assert!(selected_row_fits(&app));
}

/// Whether the selected timeline row ends inside the pane, counting the lines each row from
/// the first shown takes (a wrapped title two, a year heading none in a short pane).
fn selected_row_fits(app: &annals::app::App) -> bool {
    let inner = annals::layout::inner(app.main_layout().timeline);
    let wrap_all = annals::layout::timeline::wraps_all(inner.height);
    let row = app.timeline.selected_row().unwrap();
    let lines: usize =
        (app.timeline.offset..=row).map(|i| app.timeline_row_lines(i, usize::from(inner.width), wrap_all)).sum();
    lines <= usize::from(inner.height)
}

#[test]
fn the_reader_rewraps_on_resize_so_scrolling_stays_exact() {
    let mut app = app(120, 40);
    let zhangbei = app.dataset.event_index("zhangbei-datacenters-2016").unwrap();
    app.timeline.select_event(zhangbei);
    act(&mut app, &[Open, Open, Bottom]);
    let text_area = |app: &annals::app::App| {
        let body = annals::layout::Frame::new(app.area()).body;
        annals::screen::reader::text_area(app, body, &[app.reader().unwrap().source])
    };
    let wide = text_area(&app);
    let source = app.dataset.sources[app.reader().unwrap().source].text.clone();
    let lines_at = |width: u16| annals::text::wrap::wrap(&source, usize::from(width)).len();
    assert_eq!(app.reader().unwrap().scroll, lines_at(wide.width).saturating_sub(usize::from(wide.height)));
    update(&mut app, Input::Resize(60, 15));
    act(&mut app, &[Bottom]);
    let narrow = text_area(&app);
    assert_eq!(app.reader().unwrap().scroll, lines_at(narrow.width) - usize::from(narrow.height));
    assert_eq!(app.reader().unwrap().lines(&app.dataset, narrow.width).len(), lines_at(narrow.width));
}

#[test]
fn with_two_sources_changing_a_column_says_both_are_shown_and_never_shows_one_twice() {
    let dataset = common::load("data/examples/minimal.toml");
    assert_eq!(dataset.sources.len(), 2);
    let mut app = annals::app::App::new(dataset, annals::input::keymap::Keymap::default_keymap(), (120, 40));
    act(&mut app, &[SideBySide]);
    assert_eq!(app.screen(), Screen::SideBySide);
    let before: Vec<usize> = app.side().unwrap().columns.iter().map(|c| c.source).collect();
    assert_ne!(before[0], before[1]);
    for step in [NextSource, PrevSource, FocusNext, NextSource] {
        act(&mut app, &[step]);
        let now: Vec<usize> = app.side().unwrap().columns.iter().map(|c| c.source).collect();
        assert_eq!(now, before, "after {step:?}");
    }
    assert_eq!(app.state.message.as_deref(), Some("both of this dataset's sources are shown already"));
}
