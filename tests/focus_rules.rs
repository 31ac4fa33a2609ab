//! The focus rules of docs/focus.md, driven through the pure update function.

mod common;

use annals::input::action::Action::*;
use annals::screen::{Focus, ScreenKind as Screen};
use common::{act, app, key, type_str};
use crossterm::event::KeyCode;

#[test]
fn esc_from_side_by_side_returns_to_the_timeline_on_the_same_event() {
    let mut app = app(120, 40);
    let plan = app.dataset.event_index("plan-2020").unwrap();
    app.select_event(plan);
    act(&mut app, &[Open, SideBySide]);
    assert_eq!(app.screen(), Screen::SideBySide);
    act(&mut app, &[FocusNext, NextSource, Back]);
    assert_eq!(app.screen(), Screen::Main);
    assert_eq!(app.main().focus, Focus::Timeline);
    assert_eq!(app.timeline.selected_event(), Some(plan));
}

#[test]
fn esc_from_the_reader_over_side_by_side_goes_back_one_screen() {
    let mut app = app(120, 40);
    let plan = app.dataset.event_index("plan-2020").unwrap();
    app.select_event(plan);
    act(&mut app, &[SideBySide, Open]);
    assert_eq!(app.screen(), Screen::Reader);
    act(&mut app, &[Back]);
    assert_eq!(app.screen(), Screen::SideBySide, "one level at a time");
    act(&mut app, &[Back]);
    assert_eq!((app.screen(), app.main().focus), (Screen::Main, Focus::Timeline));
    assert_eq!(app.timeline.selected_event(), Some(plan));
}

#[test]
fn closing_the_chart_and_compare_views_focuses_the_timeline() {
    let mut app = app(120, 40);
    act(&mut app, &[Open]);
    assert_eq!(app.main().focus, Focus::Quotes);
    act(&mut app, &[Chart, Chart]);
    assert_eq!((app.screen(), app.main().focus), (Screen::Main, Focus::Timeline));
    act(&mut app, &[Open, Compare, Back]);
    assert_eq!((app.screen(), app.main().focus), (Screen::Main, Focus::Timeline));
}

#[test]
fn applying_a_filter_focuses_the_timeline() {
    let mut app = app(120, 40);
    act(&mut app, &[Open]);
    assert_eq!(app.main().focus, Focus::Quotes);
    act(&mut app, &[FilterYear]);
    type_str(&mut app, "2020");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.filter.year, Some(2020));
    assert_eq!(app.main().focus, Focus::Timeline);
    act(&mut app, &[FocusNext, ClearFilters]);
    assert_eq!(app.main().focus, Focus::Timeline, "clearing the filters too");
}

#[test]
fn cancelling_a_filter_leaves_the_focus_where_it_was() {
    let mut app = app(120, 40);
    act(&mut app, &[Open, FilterTheme, Back]);
    assert_eq!(app.main().focus, Focus::Quotes);
}

/// Searches `query` and walks every hit with `n` from the first, then once more.
fn walk(query: &str, forward: bool) -> (annals::app::App, Vec<usize>, Vec<Screen>) {
    let mut app = app(120, 40);
    act(&mut app, &[Search]);
    type_str(&mut app, query);
    key(&mut app, KeyCode::Enter);
    let total = app.search.navigable_hits();
    assert!(total > 3, "{query}: {total} hits");
    let (mut ordinals, mut screens) = (vec![app.search.ordinal().unwrap()], vec![app.screen()]);
    for _ in 0..total {
        act(&mut app, &[if forward { NextMatch } else { PrevMatch }]);
        ordinals.push(app.search.ordinal().unwrap());
        screens.push(app.screen());
    }
    (app, ordinals, screens)
}

#[test]
fn n_visits_every_hit_in_one_order_and_wraps_to_the_first() {
    // "Amazon" is in event titles, quotes and article texts.
    let (app, ordinals, screens) = walk("amazon", true);
    let total = app.search.navigable_hits();
    let expected: Vec<usize> = (0..=total).map(|i| i % total).collect();
    assert_eq!(ordinals, expected, "every hit once, in order, then the first again");
    assert!(app.message.as_deref().unwrap_or_default().starts_with("search wrapped"), "{:?}", app.message);
    assert!(screens.contains(&Screen::Reader) && screens.contains(&Screen::Main));
    // Matches in the articles come after the events': once in the reader, n stays there
    // until it wraps.
    let first_reader = screens.iter().position(|s| *s == Screen::Reader).unwrap();
    assert!(screens[first_reader..total].iter().all(|s| *s == Screen::Reader), "{screens:?}");
    assert_eq!(screens[total], Screen::Main, "the first hit is in an event");
}

#[test]
fn capital_n_walks_the_same_order_backwards_and_wraps_to_the_last() {
    let (app, ordinals, _) = walk("amazon", false);
    let total = app.search.navigable_hits();
    let expected: Vec<usize> = (0..=total).map(|i| (total - i) % total).collect();
    assert_eq!(ordinals, expected);
    let (app, _, _) = walk("amazon", false);
    assert!(app.message.is_none() || !app.message.as_deref().unwrap().contains("first"));
}

#[test]
fn narrow_terminals_switch_between_the_timeline_and_the_event_with_tab() {
    let mut app = app(80, 24);
    let l = app.main_layout();
    assert_eq!(l.shape, annals::layout::Shape::Narrow);
    let screen = common::screen(&app);
    assert!(screen.contains("Timeline") && !screen.contains("Detail"), "{screen}");
    act(&mut app, &[FocusNext]);
    let screen = common::screen(&app);
    assert!(!screen.contains("Timeline") && screen.contains("Detail") && screen.contains("Quotes"), "{screen}");
    act(&mut app, &[FocusLeft]);
    assert!(common::screen(&app).contains("Timeline"));
    act(&mut app, &[Open]);
    assert_eq!(app.main().focus, Focus::Quotes);
    assert!(common::screen(&app).contains("Quotes"), "enter shows the quotes");
}

#[test]
fn next_quote_selects_the_next_from_any_pane_and_wraps() {
    let mut app = app(120, 40);
    let plan = app.dataset.event_index("plan-2020").unwrap();
    app.select_event(plan);
    let n = app.dataset.events[plan].quotes.len();
    assert!(n >= 3);
    act(&mut app, &[NextQuote]);
    assert_eq!((app.main().focus, app.main().quote), (Focus::Quotes, 1));
    for _ in 1..n {
        act(&mut app, &[NextQuote]);
    }
    assert_eq!(app.main().quote, 0, "after the last, the first");
}

#[test]
fn the_header_names_the_views_and_how_to_get_help_until_help_is_used() {
    let mut app = app(120, 40);
    let header = common::screen(&app).lines().next().unwrap().to_string();
    assert!(header.contains("d compare · f chart · press ? for help"), "{header}");
    act(&mut app, &[Help, Help]);
    let header = common::screen(&app).lines().next().unwrap().to_string();
    assert!(header.contains("d compare · f chart") && !header.contains("help"), "{header}");
    // At 80 columns, beside the whole title, in fewer words.
    let app = common::app(80, 24);
    let header = common::screen(&app).lines().next().unwrap().to_string();
    assert!(header.contains("Alibaba Cloud (Aliyun), 2015–2022") && header.contains("d compare · f chart · ? help"));
}

#[test]
fn a_search_only_the_articles_match_says_so_and_how_to_get_there() {
    let mut app = app(120, 40);
    act(&mut app, &[Search]);
    // While it is typed: Enter would go to the first match, in the article.
    type_str(&mut app, "reuters");
    assert!(app.timeline.visible.is_empty(), "no event says Reuters");
    let text = common::screen(&app);
    assert!(text.contains("No event matches the search. But 1 article does: n"), "{text}");
    assert!(text.contains("opens the first match, M lists them."), "{text}");
}
