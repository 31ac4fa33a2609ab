//! Frame time: drawing the main view at 200x50 into ratatui's `TestBackend`
//! (`annals::ui::draw`), at the first event and at the last.
//!
//! ```sh
//! cargo bench --bench frame                           # 1k and 100k events
//! ANNALS_BENCH_SIZES=1000,1000000 cargo bench --bench frame
//! ```
//!
//! Target: the frame at 1M events costs at most 1.2 times the frame at 1k.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use annals::action::Action;
use annals::app::{App, Input, update};
use annals::keymap::Keymap;
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[allow(dead_code, clippy::all)]
#[path = "../examples/synth.rs"]
mod synth;

fn main() {
    divan::main();
}

/// Event counts to run, from `ANNALS_BENCH_SIZES` (comma-separated), else 1k and 100k.
fn sizes() -> Vec<usize> {
    match std::env::var("ANNALS_BENCH_SIZES") {
        Ok(list) => list.split(',').filter_map(|n| n.trim().replace('_', "").parse().ok()).collect(),
        Err(_) => vec![1_000, 100_000],
    }
}

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

#[divan::bench(args = sizes(), max_time = 5)]
fn main_view_first_event(bencher: Bencher, events: usize) {
    draw(bencher, events, Action::Top);
}

#[divan::bench(args = sizes(), max_time = 5)]
fn main_view_last_event(bencher: Bencher, events: usize) {
    draw(bencher, events, Action::Bottom);
}
