//! The concordance as the user feels it: from the key that opens it to its frame drawn, with
//! a search that hits about a million times, and a page down through it with its frame. Only
//! the lines in view are made, so both cost what one screen shows.
//!
//! ```sh
//! cargo bench --bench concordance                     # 100k events
//! ANNALS_BENCH_SIZES=1000000 cargo bench --bench concordance
//! ```
//!
//! Target: within a frame (16 ms) at 100k events and a million hits.

use annals::app::{App, Input, update};
use annals::input::action::Action;
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod common;

fn main() {
    divan::main();
}

/// The query: one letter, millions of hits at 100k events in the
/// synthetic data (the count is printed).
const QUERY: &str = "e";

fn searched(events: usize) -> App {
    let mut app = common::app(events).lock().unwrap().clone();
    app.state.search.query = QUERY.to_string();
    let index = app.state.search_index.clone();
    app.state.search.run(&index);
    app.refilter();
    eprintln!("{events} events, /{QUERY}: {} hits", app.state.search.navigable_hits());
    app
}

#[divan::bench(args = common::sizes(&[100_000]), sample_count = 20, sample_size = 1)]
fn open_and_draw(bencher: Bencher, events: usize) {
    let app = searched(events);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("test backend");
    bencher.with_inputs(|| app.clone()).bench_local_values(|mut app| {
        update(&mut app, Input::Action(Action::Concordance));
        terminal.draw(|frame| annals::app::view::draw(frame, &app)).expect("draw");
        app
    });
}

#[divan::bench(args = common::sizes(&[100_000]), sample_count = 50)]
fn page_down_and_draw(bencher: Bencher, events: usize) {
    let mut app = searched(events);
    update(&mut app, Input::Action(Action::Concordance));
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("test backend");
    bencher.bench_local(|| {
        update(&mut app, Input::Action(Action::PageDown));
        terminal.draw(|frame| annals::app::view::draw(frame, &app)).expect("draw");
    });
}

#[divan::bench(args = common::sizes(&[100_000]), sample_count = 10, sample_size = 1)]
fn sort_by_date_and_draw(bencher: Bencher, events: usize) {
    let mut app = searched(events);
    update(&mut app, Input::Action(Action::Concordance));
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("test backend");
    bencher.with_inputs(|| app.clone()).bench_local_values(|mut app| {
        update(&mut app, Input::Action(Action::Sort));
        terminal.draw(|frame| annals::app::view::draw(frame, &app)).expect("draw");
        app
    });
}
