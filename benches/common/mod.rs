//! What the benches share: the sizes to run and the synthetic datasets, built once per size.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use annals::app::App;
use annals::input::keymap::Keymap;

#[allow(dead_code, clippy::all)]
#[path = "../../examples/synth.rs"]
mod synth;

/// Event counts to run, from `ANNALS_BENCH_SIZES` (comma-separated), else `default`.
pub fn sizes(default: &[usize]) -> Vec<usize> {
    match std::env::var("ANNALS_BENCH_SIZES") {
        Ok(list) => list.split(',').filter_map(|n| n.trim().replace('_', "").parse().ok()).collect(),
        Err(_) => default.to_vec(),
    }
}

/// The synthetic dataset text for `events` (seed 1), generated once per size.
pub fn text(events: usize) -> Arc<String> {
    static CACHE: OnceLock<Mutex<HashMap<usize, Arc<String>>>> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap();
    cache
        .entry(events)
        .or_insert_with(|| {
            let mut bytes = Vec::new();
            synth::generate(events, 1, &mut bytes).expect("generate");
            Arc::new(String::from_utf8(bytes).expect("synth writes UTF-8"))
        })
        .clone()
}

/// An `App` at 200x50 on the synthetic dataset of `events` events (seed 1), built once, its
/// search index's pairs of letters tallied (as the app's index thread does once the index is
/// in use).
pub fn app(events: usize) -> Arc<Mutex<App>> {
    static CACHE: OnceLock<Mutex<HashMap<usize, Arc<Mutex<App>>>>> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap();
    cache
        .entry(events)
        .or_insert_with(|| {
            let text = text(events);
            let dataset = annals::load::load_str("synth.toml", &text).expect("synthetic data is valid");
            let app = App::new(dataset, Keymap::default_keymap(), (200, 50));
            app.search_index.tally_pairs();
            Arc::new(Mutex::new(app))
        })
        .clone()
}
