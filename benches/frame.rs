//! Frame time: drawing the main view at 200x50 into ratatui's `TestBackend`
//! (`annals::ui::draw`), at the first event and at the last.
//!
//! ```sh
//! cargo bench --bench frame                           # 1k and 100k events
//! ANNALS_BENCH_SIZES=1000,1000000 cargo bench --bench frame
//! ```
//!
//! Target: the frame at 1M events costs at most 1.2 times the frame at 1k.

use annals::action::Action;
use annals::app::{Input, update};
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod common;

use common::app;

fn main() {
    divan::main();
}

fn draw(bencher: Bencher, events: usize, at: Action) {
    let app = app(events);
    let mut app = app.lock().unwrap();
    update(&mut app, Input::Action(at));
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("test backend");
    let app = &*app;
    bencher.bench_local(|| {
        terminal.draw(|frame| annals::ui::draw(frame, app)).expect("draw");
    });
}

#[divan::bench(args = common::sizes(&[1_000, 100_000]), max_time = 5)]
fn main_view_first_event(bencher: Bencher, events: usize) {
    draw(bencher, events, Action::Top);
}

#[divan::bench(args = common::sizes(&[1_000, 100_000]), max_time = 5)]
fn main_view_last_event(bencher: Bencher, events: usize) {
    draw(bencher, events, Action::Bottom);
}
