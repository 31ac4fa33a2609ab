//! The search as the search thread makes it, at the sizes a user feels:
//!
//! - `one_letter`: a query of one letter ("c"), millions of hits at 1M events: its count, events
//!   and sources read from the tallies the index keeps;
//! - `one_letter_strings`: then its matching strings, each string's hits counted (what `n` and
//!   the lists need; the search thread does it after sending the count);
//! - `two_letters`: "cl": its count, events and sources read from the pair tallies;
//! - `two_letters_places`: then its matching strings and the places of its hits, a whole pass
//!   (the search thread does it after sending the count, for the letter typed on);
//! - `tally_pairs`: the pair tallies themselves, a pass over the folded text that the app
//!   makes once the index is in use (two letters are a whole search until it is done);
//! - `extended`: "clo" searched within the results of "cl" as the search thread leaves them
//!   (a letter typed at the end), then "clou" within "clo", "cloud" within "clou";
//! - `pasted`: "cloud" at once, a whole pass;
//! - `backspace`: "clou" after "cloud" typed letter by letter, answered from the results kept
//!   on the way;
//! - `scan_word` and `memmem_word`: a word's whole search, and a plain `memmem` pass over the
//!   same folded text on as many threads, for the ratio the scan is held to (≤ 1.15). Before
//!   divan's runs, the two are also timed in turn, 15 rounds each (`ANNALS_BENCH_ROUNDS`
//!   sets how many), for a letter, two letters and three words (`WORDS`), and the ratio of
//!   their medians printed: one run, the same machine state for both. The scan is a whole
//!   pass there, also for a letter and a pair, which the screen answers from the tallies;
//! - `results_arrive`: the screen's side of a search, its results taken ("c" and "cl");
//! - `slash_and_esc`, `year_picker_and_esc`, `theme_picker_and_esc`: keys that open
//!   something and Esc, in turn (a key that changes nothing should cost nothing);
//! - `refilter`: a full filter rebuild (a year filter on, then off).
//!
//! ```sh
//! ANNALS_BENCH_SIZES=100000,1000000 cargo bench --bench search
//! ```
//!
//! Targets (the issue's, key to screen): one or two letters ≤ 150 ms at 1M, a letter typed on
//! ≤ 20 ms, three letters at once ≤ 60 ms; every keystroke ≤ 8 ms at 100k; `/` and a picker
//! ≤ 5 ms at 1M; a full filter rebuild ≤ 16 ms at 1M.

use std::time::Instant;

use divan::Bencher;

mod common;

use common::app;

/// Words whose scan is held against a plain pass: a letter (counted per string), a common
/// pair of letters (a million hits at 1M, each placed in its string), common and rare words.
const WORDS: &[&str] = &["c", "cl", "données", "nuage", "xyzzy"];

fn main() {
    for events in common::sizes(&[100_000]) {
        let app = app(events);
        let app = app.lock().unwrap();
        let index = &app.search_index;
        for word in WORDS {
            let needle = annals::search::fold(word);
            let (mut scan, mut plain) = (Vec::new(), Vec::new());
            for _ in 0..std::env::var("ANNALS_BENCH_ROUNDS").map_or(15, |n| n.parse().unwrap_or(15)) {
                let t = Instant::now();
                let hits = index.search_whole(word, &|| true).map_or(0, |r| r.hit_count);
                scan.push(t.elapsed().as_secs_f64());
                let t = Instant::now();
                let plain_hits = index.memmem_pass(needle.as_bytes());
                plain.push(t.elapsed().as_secs_f64());
                assert_eq!(hits, plain_hits, "{word}");
            }
            let median = |v: &mut Vec<f64>| {
                v.sort_by(f64::total_cmp);
                v[v.len() / 2]
            };
            let (s, p) = (median(&mut scan), median(&mut plain));
            let found = index.search(word);
            println!(
                "scan / memmem at {events} events, {word:?} ({} MB folded, {} hits in {} strings): {:.2} ms / {:.2} ms = {:.2}",
                index.folded_len() >> 20,
                found.hit_count,
                found.matches().len(),
                s * 1e3,
                p * 1e3,
                s / p
            );
        }
    }
    divan::main();
}

fn search(bencher: Bencher, events: usize, query: &str) {
    let app = app(events);
    let app = app.lock().unwrap();
    bencher.bench_local(|| app.search_index.search(query));
}

#[divan::bench(args = common::sizes(&[100_000]), max_time = 5)]
fn one_letter(bencher: Bencher, events: usize) {
    search(bencher, events, "c");
}

#[divan::bench(args = common::sizes(&[100_000]), max_time = 5)]
fn one_letter_strings(bencher: Bencher, events: usize) {
    let app = app(events);
    let app = app.lock().unwrap();
    bencher.bench_local(|| app.search_index.search("c").matches().len());
}

#[divan::bench(args = common::sizes(&[100_000]), max_time = 5)]
fn two_letters(bencher: Bencher, events: usize) {
    search(bencher, events, "cl");
}

#[divan::bench(args = common::sizes(&[100_000]), max_time = 5)]
fn two_letters_places(bencher: Bencher, events: usize) {
    let app = app(events);
    let app = app.lock().unwrap();
    let index = &app.search_index;
    bencher.bench_local(|| index.complete(&index.search("cl"), &|| true));
}

#[divan::bench(args = common::sizes(&[100_000]), sample_count = 10, sample_size = 1)]
fn tally_pairs(bencher: Bencher, events: usize) {
    let app = app(events);
    let app = app.lock().unwrap();
    let index = &app.search_index;
    bencher.with_inputs(|| index.without_pairs()).bench_local_values(|unpaired| {
        unpaired.tally_pairs();
        unpaired
    });
}

#[divan::bench(args = common::sizes(&[100_000]), max_time = 5)]
fn pasted(bencher: Bencher, events: usize) {
    search(bencher, events, "cloud");
}

/// Each letter typed on after "cl", searched within the results of the query before it.
#[divan::bench(args = common::sizes(&[100_000]), max_time = 5, consts = [3, 4, 5])]
fn extended<const LETTERS: usize>(bencher: Bencher, events: usize) {
    let app = app(events);
    let app = app.lock().unwrap();
    let index = &app.search_index;
    let earlier = index.complete(&index.search(&"cloud"[..LETTERS - 1]), &|| true).expect("searched");
    bencher.bench_local(|| index.search_after(&"cloud"[..LETTERS], Some(&earlier), &|| true));
}

/// A backspace after "cloud" typed letter by letter: the search thread answers "clou" from
/// the results it kept on the way ([`annals::search::Trail`]), without a search.
#[divan::bench(args = common::sizes(&[100_000]), max_time = 5)]
fn backspace(bencher: Bencher, events: usize) {
    let app = app(events);
    let app = app.lock().unwrap();
    let index = &app.search_index;
    let mut typed = annals::search::Trail::default();
    for n in 1..=5 {
        typed.search(index, &"cloud"[..n], &|| true);
    }
    bencher.with_inputs(|| typed.clone()).bench_local_values(|mut trail| trail.search(index, "clou", &|| true));
}

#[divan::bench(args = common::sizes(&[100_000]), max_time = 5)]
fn scan_word(bencher: Bencher, events: usize) {
    search(bencher, events, "données");
}

#[divan::bench(args = common::sizes(&[100_000]), max_time = 5)]
fn memmem_word(bencher: Bencher, events: usize) {
    let app = app(events);
    let app = app.lock().unwrap();
    let needle = annals::search::fold("données");
    bencher.bench_local(|| app.search_index.memmem_pass(needle.as_bytes()));
}

/// The results of "c" and "cl" arriving from the search thread in turn, as the screen's
/// thread takes them: the timeline rebuilt to the matching events, the hits to visit counted.
#[divan::bench(args = common::sizes(&[100_000]), max_time = 5)]
fn results_arrive(bencher: Bencher, events: usize) {
    use annals::app::{Input, update};
    use annals::input::action::Action;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |code| Input::Key(KeyEvent::new(code, KeyModifiers::NONE));
    let app = app(events);
    let mut app = app.lock().unwrap();
    app.background_search = true;
    update(&mut app, Input::Action(Action::Search));
    update(&mut app, key(KeyCode::Char('c')));
    let found = [app.search_index.search("c"), app.search_index.search("cl")];
    let next = std::cell::Cell::new(0);
    bencher
        .with_inputs(|| {
            next.set(next.get() + 1);
            Box::new(found[next.get() % 2].clone())
        })
        .bench_local_values(|results| {
            let generation = app.search.generation + 1;
            app.search.generation = generation;
            app.search.asked = generation;
            app.search.pending = true;
            update(&mut app, Input::SearchDone { generation, results })
        });
    update(&mut app, key(KeyCode::Esc));
    update(&mut app, key(KeyCode::Esc));
    app.background_search = false;
}

/// A key that opens something and the key that closes it, in turn: `/` and Esc, `y` and Esc.
fn open_close(bencher: Bencher, events: usize, open: annals::input::action::Action) {
    use annals::app::{Input, update};
    use annals::input::action::Action;
    let app = app(events);
    let mut app = app.lock().unwrap();
    let mut opened = false;
    bencher.bench_local(|| {
        opened = !opened;
        update(&mut app, Input::Action(if opened { open } else { Action::Back }))
    });
    if opened {
        update(&mut app, Input::Action(Action::Back));
    }
}

#[divan::bench(args = common::sizes(&[100_000]), max_time = 5)]
fn slash_and_esc(bencher: Bencher, events: usize) {
    open_close(bencher, events, annals::input::action::Action::Search);
}

#[divan::bench(args = common::sizes(&[100_000]), max_time = 5)]
fn year_picker_and_esc(bencher: Bencher, events: usize) {
    open_close(bencher, events, annals::input::action::Action::FilterYear);
}

#[divan::bench(args = common::sizes(&[100_000]), max_time = 5)]
fn theme_picker_and_esc(bencher: Bencher, events: usize) {
    open_close(bencher, events, annals::input::action::Action::FilterTheme);
}

/// A full filter rebuild as the app makes it: a year filter on, then off.
#[divan::bench(args = common::sizes(&[100_000]), max_time = 5)]
fn refilter(bencher: Bencher, events: usize) {
    let app = app(events);
    let mut app = app.lock().unwrap();
    let mut on = false;
    bencher.bench_local(|| {
        on = !on;
        app.filter = annals::state::Filter { year: on.then_some(2000), ..Default::default() };
        app.refilter();
    });
    app.filter = Default::default();
    app.refilter();
}
