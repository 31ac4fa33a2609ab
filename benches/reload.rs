//! A reload as the screen thread feels it: everything it does between the reload's result
//! arriving and the next frame on screen — swapping in the new data (already read, checked,
//! indexed and searched on the reload thread) while keeping the user's place, and drawing
//! that frame at 200x50. The reload thread's own work is `load` in `benches/load.rs`.
//!
//! ```sh
//! cargo bench --bench reload                          # 1k and 100k events
//! ANNALS_BENCH_SIZES=1000000 cargo bench --bench reload
//! ```
//!
//! Target: under 16 ms at 100k events (one frame at 60 Hz).

use annals::app::{App, Input, Reloaded, update};
use annals::input::action::Action;
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod common;

fn main() {
    divan::main();
}

/// The app at the middle of the timeline, searching `query` if given, and what a reload of
/// the same file brings.
fn prepared(events: usize, query: Option<&str>) -> (App, Reloaded) {
    let mut app = common::app(events).lock().unwrap().clone();
    update(&mut app, Input::Action(Action::Top));
    for _ in 0..events / 2 {
        app.state.timeline.move_by(1);
    }
    if let Some(query) = query {
        app.state.search.query = query.to_string();
        let index = app.state.search_index.clone();
        app.state.search.run(&index);
        app.refilter();
    }
    let dataset = (*app.state.dataset).clone();
    (app, Reloaded::build(dataset, query.map(str::to_string)))
}

fn swap_and_draw(bencher: Bencher, events: usize, query: Option<&str>) {
    let (app, reloaded) = prepared(events, query);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("test backend");
    bencher.with_inputs(|| (app.clone(), reloaded.clone())).bench_local_values(|(mut app, reloaded)| {
        update(&mut app, Input::ReloadDone(Box::new(Ok(reloaded))));
        terminal.draw(|frame| annals::app::view::draw(frame, &app)).expect("draw");
        app
    });
}

#[divan::bench(args = common::sizes(&[1_000, 100_000]), sample_count = 20, sample_size = 1)]
fn swap_in_and_draw(bencher: Bencher, events: usize) {
    swap_and_draw(bencher, events, None);
}

#[divan::bench(args = common::sizes(&[1_000, 100_000]), sample_count = 20, sample_size = 1)]
fn swap_in_and_draw_searching(bencher: Bencher, events: usize) {
    swap_and_draw(bencher, events, Some("cloud"));
}
