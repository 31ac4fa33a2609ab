//! Export speed: every format of `annals::export::write` over every event of a synthetic
//! dataset, into a sink (the formatting alone: the load is not timed), with the bytes written
//! per second.
//!
//! ```sh
//! cargo bench --bench export                        # 10k and 100k events
//! ANNALS_BENCH_SIZES=100000 cargo bench --bench export -- json
//! ```
//!
//! Target: JSON at 400 MB/s or more.

use std::io::{self, Write};
use std::sync::{Arc, OnceLock};

use annals::export::{Format, Options, write};
use annals::model::Dataset;
use divan::Bencher;
use divan::counter::BytesCount;

mod common;

fn main() {
    divan::main();
}

fn sizes() -> Vec<usize> {
    common::sizes(&[10_000, 100_000])
}

/// The loaded synthetic dataset of `events` events, built once per size.
fn dataset(events: usize) -> Arc<Dataset> {
    static CACHE: OnceLock<std::sync::Mutex<std::collections::HashMap<usize, Arc<Dataset>>>> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap();
    cache
        .entry(events)
        .or_insert_with(|| Arc::new(annals::load::load_str("synth.toml", &common::text(events)).expect("valid")))
        .clone()
}

/// A writer that counts bytes and keeps none.
struct Count(usize);

impl Write for Count {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn run(bencher: Bencher, events: usize, format: Format) {
    let dataset = dataset(events);
    let all: Vec<usize> = (0..dataset.events.len()).collect();
    let mut count = Count(0);
    write(&mut count, &dataset, &all, format, &Options::default()).expect("in memory");
    bencher.counter(BytesCount::new(count.0)).bench(|| {
        // Buffered as the command line buffers its output.
        let mut out = io::BufWriter::with_capacity(64 * 1024, io::sink());
        write(&mut out, &dataset, &all, format, &Options::default()).expect("a sink");
        out.flush().expect("a sink");
    });
}

#[divan::bench(args = sizes(), sample_count = 3, sample_size = 1)]
fn json(bencher: Bencher, events: usize) {
    run(bencher, events, Format::Json);
}

#[divan::bench(args = sizes(), sample_count = 3, sample_size = 1)]
fn csv(bencher: Bencher, events: usize) {
    run(bencher, events, Format::Csv);
}

#[divan::bench(args = sizes(), sample_count = 3, sample_size = 1)]
fn markdown(bencher: Bencher, events: usize) {
    run(bencher, events, Format::Markdown);
}

#[divan::bench(args = sizes(), sample_count = 3, sample_size = 1)]
fn html(bencher: Bencher, events: usize) {
    run(bencher, events, Format::Html);
}

#[divan::bench(args = sizes(), sample_count = 3, sample_size = 1)]
fn timelinejs(bencher: Bencher, events: usize) {
    run(bencher, events, Format::TimelineJs);
}
