//! Load time: `annals::load::load_str` (parse, validate, index) side by side with
//! `toml::from_str::<toml::Table>` and toml's spanned tree alone, on the same synthetic bytes.
//!
//! ```sh
//! cargo bench --bench load                      # 1k, 10k, 100k events
//! ANNALS_BENCH_SIZES=1000,10000 cargo bench --bench load
//! ```
//!
//! Target: `load_str` / `toml_table` ≤ 1.3 at every size.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use divan::Bencher;

#[allow(dead_code)]
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

/// The synthetic dataset text for `events` (seed 1), generated once per size.
fn text(events: usize) -> Arc<String> {
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

#[divan::bench(args = sizes(), sample_count = 20, sample_size = 1, max_time = 10)]
fn load_str(bencher: Bencher, events: usize) {
    let text = text(events);
    bencher.bench_local(|| annals::load::load_str("synth.toml", &text).expect("synthetic data is valid"));
}

#[divan::bench(args = sizes(), sample_count = 20, sample_size = 1, max_time = 10)]
fn toml_table(bencher: Bencher, events: usize) {
    let text = text(events);
    bencher.bench_local(|| toml::from_str::<toml::Table>(&text).expect("valid TOML"));
}

#[divan::bench(args = sizes(), sample_count = 20, sample_size = 1, max_time = 10)]
fn toml_spanned_tree(bencher: Bencher, events: usize) {
    let text = text(events);
    bencher.bench_local(|| toml::de::DeTable::parse(&text).expect("valid TOML"));
}
