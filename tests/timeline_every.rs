//! Showing every event again (the filters or a search cleared) takes back the timeline made the
//! first time, without walking the events; a reload makes it again for the new data.

mod common;

use std::sync::Arc;

use annals::input::action::Action::*;
use common::{act, app, key, type_str};
use crossterm::event::KeyCode;

#[test]
fn clearing_a_filter_or_a_search_takes_back_the_whole_timeline_made_before() {
    let mut app = app(120, 40);
    let whole = app.timeline.clone();
    assert_eq!(whole.visible.len(), app.dataset.events.len());
    app.filter.year = Some(2016);
    app.refilter();
    assert!(app.timeline.visible.len() < whole.visible.len());
    act(&mut app, &[ClearFilters]);
    assert_eq!(app.timeline.rows, whole.rows);
    assert!(Arc::ptr_eq(&app.timeline.rows, &whole.rows), "the same lists, not made again");
    assert!(Arc::ptr_eq(&app.timeline.visible, &whole.visible));
    // A search narrows it, Esc shows every event again, from the same lists.
    act(&mut app, &[Search]);
    type_str(&mut app, "zhangbei");
    key(&mut app, KeyCode::Enter);
    assert!(app.timeline.visible.len() < whole.visible.len());
    let selected = app.timeline.selected_event();
    act(&mut app, &[Search]);
    key(&mut app, KeyCode::Char('u'));
    for _ in 0.."zhangbei".len() + 1 {
        key(&mut app, KeyCode::Backspace);
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!((app.search.query.as_str(), app.timeline.visible.len()), ("", whole.visible.len()));
    assert!(Arc::ptr_eq(&app.timeline.visible, &whole.visible));
    assert_eq!(app.timeline.selected_event(), selected, "the selection stays on its event");
}

#[test]
fn a_reload_makes_the_whole_timeline_again_for_the_new_data() {
    let mut app = app(120, 40);
    let whole = app.timeline.clone();
    let mut edited = common::bundled();
    edited.events.truncate(edited.events.len() - 2);
    app.replace_dataset(edited);
    assert_eq!(app.timeline.visible.len(), whole.visible.len() - 2);
    app.filter.year = Some(2016);
    app.refilter();
    act(&mut app, &[ClearFilters]);
    assert_eq!(app.timeline.visible.len(), whole.visible.len() - 2, "not the old data's lists");
}

#[test]
fn a_filter_after_every_event_was_shown_again_fills_the_lists_the_last_filter_made() {
    let mut app = app(120, 40);
    app.filter.year = Some(2016);
    app.refilter();
    let filtered = Arc::as_ptr(&app.timeline.visible);
    act(&mut app, &[ClearFilters]);
    app.filter.year = Some(2020);
    app.refilter();
    assert_eq!(Arc::as_ptr(&app.timeline.visible), filtered, "the same list, its room kept");
    let events = &app.dataset.events;
    assert!(app.timeline.visible.iter().all(|&e| events[e].date.year == 2020) && !app.timeline.visible.is_empty());
}
