//! Frame time: drawing the main view at 200x50 into ratatui's `TestBackend`
//! (`annals::ui::draw`), at the first event and at the last; and the bundled dataset from
//! its embedded text to the first frame.
//!
//! ```sh
//! cargo bench --bench frame                           # 1k and 100k events
//! ANNALS_BENCH_SIZES=1000,1000000 cargo bench --bench frame
//! ```
//!
//! Target: the frame at 1M events costs at most 1.2 times the frame at 1k.

use annals::app::{Input, update};
use annals::input::action::Action;
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
        terminal.draw(|frame| annals::app::view::draw(frame, app)).expect("draw");
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

/// From nothing to the first frame on the bundled dataset, as `annals` with no argument
/// does before the terminal shows anything: parse and check the embedded text, build the
/// indexes, draw the main view at 120x40.
#[divan::bench(max_time = 5)]
fn bundled_to_first_frame(bencher: Bencher) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    bencher.bench_local(|| {
        let dataset = annals::load::bundled().expect("the bundled dataset is valid");
        let app = annals::app::App::new(dataset, annals::input::keymap::Keymap::default_keymap(), (120, 40));
        terminal.draw(|frame| annals::app::view::draw(frame, &app)).expect("draw");
    });
}
