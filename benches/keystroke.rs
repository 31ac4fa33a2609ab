//! Keystroke latency: what one key costs once a dataset is loaded.
//!
//! - `search_*`: `SearchIndex::search` for a query (the index is built once, as the app does);
//! - `filter_*`: `Timeline::rebuild` with a year filter, a theme filter and no filter, and
//!   `App::refilter` (the whole filter change: rebuild, search renavigation, scroll);
//! - `nav_*`: `annals::app::update` with Down, PageDown and Bottom on an `App` at 200x50.
//!
//! ```sh
//! cargo bench --bench keystroke                  # 1k, 10k, 100k events
//! ANNALS_BENCH_SIZES=100000,1000000 cargo bench --bench keystroke
//! ```
//!
//! Targets at 100k events: ≤ 16 ms (aim ≤ 4 ms); at 1M: ≤ 50 ms.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use annals::action::Action;
use annals::app::{App, Filter, Input, Timeline, update};
use annals::keymap::Keymap;
use divan::Bencher;

#[allow(dead_code, clippy::all)]
#[path = "../examples/synth.rs"]
mod synth;

fn main() {
    divan::main();
}

/// Event counts to run, from `ANNALS_BENCH_SIZES` (comma-separated), else 1k, 10k and 100k.
fn sizes() -> Vec<usize> {
    match std::env::var("ANNALS_BENCH_SIZES") {
        Ok(list) => list.split(',').filter_map(|n| n.trim().replace('_', "").parse().ok()).collect(),
        Err(_) => vec![1_000, 10_000, 100_000],
    }
}

/// An `App` at 200x50 on the synthetic dataset of `events` events (seed 1), built once.
fn app(events: usize) -> Arc<Mutex<App>> {
    static CACHE: OnceLock<Mutex<HashMap<usize, Arc<Mutex<App>>>>> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap();
    cache
        .entry(events)
        .or_insert_with(|| {
            let mut bytes = Vec::new();
            synth::generate(events, 1, &mut bytes).expect("generate");
            let text = String::from_utf8(bytes).expect("synth writes UTF-8");
            let dataset = annals::load::load_str("synth.toml", &text).expect("synthetic data is valid");
            drop(text);
            Arc::new(Mutex::new(App::new(dataset, Keymap::default_keymap(), (200, 50))))
        })
        .clone()
}

fn search(bencher: Bencher, events: usize, query: &str) {
    let app = app(events);
    let app = app.lock().unwrap();
    bencher.bench_local(|| app.search_index.search(query));
}

/// A common word: thousands of events match (the hits kept are capped, the count is not).
#[divan::bench(args = sizes(), max_time = 5)]
fn search_common(bencher: Bencher, events: usize) {
    search(bencher, events, "données");
}

/// A CJK word that about one event in twelve holds.
#[divan::bench(args = sizes(), max_time = 5)]
fn search_cjk(bencher: Bencher, events: usize) {
    search(bencher, events, "云计算");
}

/// A query that matches nothing: the cost of one scan of the folded text.
#[divan::bench(args = sizes(), max_time = 5)]
fn search_no_match(bencher: Bencher, events: usize) {
    search(bencher, events, "xyzzy");
}

fn rebuild(bencher: Bencher, events: usize, filter: Filter) {
    let app = app(events);
    let app = app.lock().unwrap();
    let mut timeline = Timeline::default();
    let dataset = &app.dataset;
    let facts = annals::app::EventIndex::new(dataset);
    bencher.bench_local(|| timeline.rebuild(dataset, &facts, |event| filter.accepts(dataset, &facts, event)));
}

#[divan::bench(args = sizes(), max_time = 5)]
fn filter_year(bencher: Bencher, events: usize) {
    rebuild(bencher, events, Filter { year: Some(2000), ..Filter::default() });
}

#[divan::bench(args = sizes(), max_time = 5)]
fn filter_theme(bencher: Bencher, events: usize) {
    rebuild(bencher, events, Filter { themes: vec![0], ..Filter::default() });
}

#[divan::bench(args = sizes(), max_time = 5)]
fn filter_none(bencher: Bencher, events: usize) {
    rebuild(bencher, events, Filter::default());
}

/// The whole filter change as the app makes it, alternating a year filter and none.
#[divan::bench(args = sizes(), max_time = 5)]
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

#[divan::bench(args = sizes(), max_time = 5)]
fn nav_down(bencher: Bencher, events: usize) {
    navigate(bencher, events, &[Action::Down]);
}

#[divan::bench(args = sizes(), max_time = 5)]
fn nav_page_down(bencher: Bencher, events: usize) {
    navigate(bencher, events, &[Action::PageDown]);
}

/// Bottom, then Top, in turn: each is a jump across the whole timeline.
#[divan::bench(args = sizes(), max_time = 5)]
fn nav_bottom(bencher: Bencher, events: usize) {
    navigate(bencher, events, &[Action::Bottom, Action::Top]);
}
