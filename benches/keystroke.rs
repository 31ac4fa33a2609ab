//! Keystroke latency: what one key costs once a dataset is loaded.
//!
//! - `search_*`: `SearchIndex::search` for a query (the index is built once, as the app does);
//! - `filter_*`: `Timeline::rebuild` with a year filter, a theme filter and no filter, and
//!   `App::refilter` (the whole filter change: rebuild, search renavigation, scroll);
//! - `type_*`: a key typed into the open search line through `annals::app::update`, the whole
//!   keystroke as the app makes it (search, timeline rebuilt to the matches, hits to visit),
//!   alternately adding and removing the query's last letter;
//! - `background_*`: the same with the search on the search thread, as the terminal app does
//!   on a large dataset: the keystroke itself (it only asks for the search), and the results
//!   arriving (the timeline rebuilt to them, the hits to visit);
//! - `nav_*`: `annals::app::update` with Down, PageDown and Bottom on an `App` at 200x50.
//!
//! ```sh
//! cargo bench --bench keystroke                  # 1k, 10k, 100k events
//! ANNALS_BENCH_SIZES=100000,1000000 cargo bench --bench keystroke
//! ```
//!
//! Targets at 100k events: ≤ 16 ms (aim ≤ 4 ms); at 1M: ≤ 50 ms.

use annals::app::{Input, update};
use annals::input::action::Action;
use annals::state::{Filter, Timeline};
use divan::Bencher;

mod common;

use common::app;

fn main() {
    divan::main();
}

fn search(bencher: Bencher, events: usize, query: &str) {
    let app = app(events);
    let app = app.lock().unwrap();
    bencher.bench_local(|| app.search_index.search(query));
}

/// A common word: thousands of events match (the hits kept are capped, the count is not).
#[divan::bench(args = common::sizes(&[1_000, 10_000, 100_000]), max_time = 5)]
fn search_common(bencher: Bencher, events: usize) {
    search(bencher, events, "données");
}

/// A CJK word that about one event in twelve holds.
#[divan::bench(args = common::sizes(&[1_000, 10_000, 100_000]), max_time = 5)]
fn search_cjk(bencher: Bencher, events: usize) {
    search(bencher, events, "云计算");
}

/// A query that matches nothing: the cost of one scan of the folded text.
#[divan::bench(args = common::sizes(&[1_000, 10_000, 100_000]), max_time = 5)]
fn search_no_match(bencher: Bencher, events: usize) {
    search(bencher, events, "xyzzy");
}

/// Types `query` into the search line, then times typing its last letter and Backspace in turn.
fn type_query(bencher: Bencher, events: usize, query: &str) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |code| Input::Key(KeyEvent::new(code, KeyModifiers::NONE));
    let app = app(events);
    let mut app = app.lock().unwrap();
    update(&mut app, Input::Action(Action::Search));
    let (head, last) = query.split_at(query.len() - query.chars().last().map_or(0, char::len_utf8));
    for c in head.chars() {
        update(&mut app, key(KeyCode::Char(c)));
    }
    let last = last.chars().next().unwrap_or('e');
    let mut typed = false;
    bencher.bench_local(|| {
        typed = !typed;
        update(&mut app, key(if typed { KeyCode::Char(last) } else { KeyCode::Backspace }))
    });
    update(&mut app, key(KeyCode::Esc));
    update(&mut app, key(KeyCode::Esc));
}

/// The last letter of a common word: "donnée" to "données" and back.
#[divan::bench(args = common::sizes(&[1_000, 10_000, 100_000]), max_time = 5)]
fn type_common(bencher: Bencher, events: usize) {
    type_query(bencher, events, "données");
}

/// The second letter of a query: "d" to "do" and back, most events matching either.
#[divan::bench(args = common::sizes(&[1_000, 10_000, 100_000]), max_time = 5)]
fn type_second_letter(bencher: Bencher, events: usize) {
    type_query(bencher, events, "do");
}

/// The keystroke on the screen's thread when searches run in the background: a letter typed
/// and removed in turn, each asking the search thread for a search.
#[divan::bench(args = common::sizes(&[1_000, 10_000, 100_000]), max_time = 5)]
fn background_keystroke(bencher: Bencher, events: usize) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |code| Input::Key(KeyEvent::new(code, KeyModifiers::NONE));
    let app = app(events);
    let mut app = app.lock().unwrap();
    app.background_search = true;
    update(&mut app, Input::Action(Action::Search));
    update(&mut app, key(KeyCode::Char('d')));
    let mut typed = false;
    bencher.bench_local(|| {
        typed = !typed;
        update(&mut app, key(if typed { KeyCode::Char('o') } else { KeyCode::Backspace }))
    });
    update(&mut app, key(KeyCode::Esc));
    app.background_search = false;
}

/// The results of a search arriving from the search thread, for "d" and "do" in turn: most
/// events match either, so the timeline and the hits to visit are rebuilt in full each time.
#[divan::bench(args = common::sizes(&[1_000, 10_000, 100_000]), max_time = 5)]
fn background_results(bencher: Bencher, events: usize) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |code| Input::Key(KeyEvent::new(code, KeyModifiers::NONE));
    let app = app(events);
    let mut app = app.lock().unwrap();
    app.background_search = true;
    update(&mut app, Input::Action(Action::Search));
    let found = [app.search_index.search("d"), app.search_index.search("do")];
    let next = std::cell::Cell::new(0);
    // The results come made (their copy is not timed), each answering the keystroke just made.
    bencher
        .with_inputs(|| {
            next.set(next.get() + 1);
            Box::new(found[next.get() % 2].clone())
        })
        .bench_local_values(|results| {
            let generation = app.search.generation + 1;
            app.search.generation = generation;
            app.search.pending = true;
            update(&mut app, Input::SearchDone { generation, results })
        });
    update(&mut app, key(KeyCode::Esc));
    app.background_search = false;
}

fn rebuild(bencher: Bencher, events: usize, filter: Filter) {
    let app = app(events);
    let app = app.lock().unwrap();
    let mut timeline = Timeline::default();
    let dataset = &app.dataset;
    let facts = annals::state::EventIndex::new(dataset);
    bencher.bench_local(|| timeline.rebuild(dataset, &facts, |event| filter.accepts(dataset, &facts, event)));
}

#[divan::bench(args = common::sizes(&[1_000, 10_000, 100_000]), max_time = 5)]
fn filter_year(bencher: Bencher, events: usize) {
    rebuild(bencher, events, Filter { year: Some(2000), ..Filter::default() });
}

#[divan::bench(args = common::sizes(&[1_000, 10_000, 100_000]), max_time = 5)]
fn filter_theme(bencher: Bencher, events: usize) {
    rebuild(bencher, events, Filter { themes: vec![0], ..Filter::default() });
}

#[divan::bench(args = common::sizes(&[1_000, 10_000, 100_000]), max_time = 5)]
fn filter_none(bencher: Bencher, events: usize) {
    rebuild(bencher, events, Filter::default());
}

/// The whole filter change as the app makes it, alternating a year filter and none.
#[divan::bench(args = common::sizes(&[1_000, 10_000, 100_000]), max_time = 5)]
fn filter_refilter(bencher: Bencher, events: usize) {
    let app = app(events);
    let mut app = app.lock().unwrap();
    let mut on = false;
    bencher.bench_local(|| {
        on = !on;
        app.filter = Filter { year: on.then_some(2000), ..Filter::default() };
        app.refilter();
    });
    app.filter = Filter::default();
    app.refilter();
}

fn navigate(bencher: Bencher, events: usize, actions: &[Action]) {
    let app = app(events);
    let mut app = app.lock().unwrap();
    update(&mut app, Input::Action(Action::Top));
    let mut i = 0;
    bencher.bench_local(|| {
        i += 1;
        update(&mut app, Input::Action(actions[i % actions.len()]))
    });
    update(&mut app, Input::Action(Action::Top));
}

#[divan::bench(args = common::sizes(&[1_000, 10_000, 100_000]), max_time = 5)]
fn nav_down(bencher: Bencher, events: usize) {
    navigate(bencher, events, &[Action::Down]);
}

#[divan::bench(args = common::sizes(&[1_000, 10_000, 100_000]), max_time = 5)]
fn nav_page_down(bencher: Bencher, events: usize) {
    navigate(bencher, events, &[Action::PageDown]);
}

/// Bottom, then Top, in turn: each is a jump across the whole timeline.
#[divan::bench(args = common::sizes(&[1_000, 10_000, 100_000]), max_time = 5)]
fn nav_bottom(bencher: Bencher, events: usize) {
    navigate(bencher, events, &[Action::Bottom, Action::Top]);
}
