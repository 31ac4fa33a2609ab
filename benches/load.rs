//! Load time: `annals::load::load_str` (parse, validate, index) side by side with
//! `toml::from_str::<toml::Table>` and toml's spanned tree alone, on the same synthetic bytes;
//! and the loader made to parse the file whole on one thread (`load_whole`), as it did before
//! it parsed large files in chunks.
//!
//! ```sh
//! cargo bench --bench load                      # 1k, 10k, 100k events
//! ANNALS_BENCH_SIZES=1000,10000 cargo bench --bench load
//! ```
//!
//! Target: `load_str` / `toml_table` ≤ 1.3 at every size.
//!
//! `quote_check`: one 15.7 MB source quoted `quotes` times, half of the quotes not in it (so
//! the file is refused, with a diagnostic saying how far each quote matches): what used to cost
//! quotes × the source's length (about 57 s for 200 quotes in a release build) and is now a
//! few passes over the source. `unknown_references`: 800 references to unknown sources among
//! 3,000 ids that look alike, each with a "did you mean" hint.

use divan::Bencher;

mod common;

use common::text;

fn main() {
    if std::env::var_os("ANNALS_BENCH_PAIRED").is_some() {
        paired();
    }
    divan::main();
}

/// `load_str`, `load_str` followed by `App::new` (the search index, the event index and the
/// first timeline: all the app does before its first frame), and `toml::Table`, timed in turn
/// on the same bytes so that all see the same load from other processes: prints each one's
/// median and their ratios to the bare parser (the load target).
fn paired() {
    use annals::app::App;
    use annals::input::keymap::Keymap;
    let rounds: usize = std::env::var("ANNALS_BENCH_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(5);
    println!("paired runs ({rounds} rounds each, in turn): medians, and ratios to toml::Table");
    for events in common::sizes(&[1_000, 10_000, 100_000]) {
        let text = text(events);
        let (mut ours, mut with_index, mut table) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..rounds {
            let t = std::time::Instant::now();
            let loaded = annals::load::load_str("synth.toml", &text).expect("valid");
            ours.push(t.elapsed());
            drop(loaded);
            let t = std::time::Instant::now();
            let loaded = annals::load::load_str("synth.toml", &text).expect("valid");
            let app = App::new(loaded, Keymap::default_keymap(), (200, 50));
            with_index.push(t.elapsed());
            drop(app);
            let t = std::time::Instant::now();
            let parsed = toml::from_str::<toml::Table>(&text).expect("valid TOML");
            table.push(t.elapsed());
            drop(parsed);
        }
        let median = |mut v: Vec<std::time::Duration>| {
            v.sort();
            v[rounds / 2]
        };
        let (ours, with_index, table) = (median(ours), median(with_index), median(table));
        let ratio = |d: std::time::Duration| d.as_secs_f64() / table.as_secs_f64();
        println!(
            "{events:>8} events: load_str {ours:>10.2?} ({:.2})  load_str + App::new {with_index:>10.2?} ({:.2})  \
             toml::Table {table:>10.2?}",
            ratio(ours),
            ratio(with_index)
        );
    }
    println!();
}

#[divan::bench(args = common::sizes(&[1_000, 10_000, 100_000]), sample_count = 20, sample_size = 1, max_time = 10)]
fn load_str(bencher: Bencher, events: usize) {
    let text = text(events);
    bencher.bench_local(|| annals::load::load_str("synth.toml", &text).expect("synthetic data is valid"));
}

#[divan::bench(args = common::sizes(&[1_000, 10_000, 100_000]), sample_count = 20, sample_size = 1, max_time = 10)]
fn toml_table(bencher: Bencher, events: usize) {
    let text = text(events);
    bencher.bench_local(|| toml::from_str::<toml::Table>(&text).expect("valid TOML"));
}

#[divan::bench(args = common::sizes(&[1_000, 10_000, 100_000]), sample_count = 20, sample_size = 1, max_time = 10)]
fn toml_spanned_tree(bencher: Bencher, events: usize) {
    let text = text(events);
    bencher.bench_local(|| toml::de::DeTable::parse(&text).expect("valid TOML"));
}

#[divan::bench(args = common::sizes(&[1_000, 10_000, 100_000]), sample_count = 20, sample_size = 1, max_time = 10)]
fn load_whole(bencher: Bencher, events: usize) {
    let text = text(events);
    bencher.bench_local(|| {
        annals::load::load_with("synth.toml", &text, annals::load::Chunking::Whole).expect("synthetic data is valid")
    });
}

/// A dataset with one source of about `bytes` bytes of text, quoted `quotes` times near its
/// end; every other quote is not in the source.
fn quoted_source(bytes: usize, quotes: usize) -> String {
    let words = ["cloud", "region", "data", "center", "Alibaba", "opened", "the", "in", "of", "year", "billion"];
    let mut lines = Vec::new();
    let (mut size, mut n) = (0, 0usize);
    while size < bytes {
        let line: Vec<&str> = (0..12).map(|i| words[(n * 7 + i * 3 + n / 11) % words.len()]).collect();
        let line = format!("Paragraph {n}: {}.", line.join(" "));
        size += line.len() + 1;
        lines.push(line);
        n += 1;
    }
    let mut text = format!(
        "[dataset]\ntitle = \"big\"\ndescription = \"d\"\n\n[[theme]]\nid = \"t\"\nlabel = \"T\"\ndescription = \"d\"\n\n\
         [[source]]\nid = \"s\"\ntitle = \"S\"\nlanguage = \"en\"\ntext = \"\"\"\n{}\n\"\"\"\n",
        lines.join("\n")
    );
    for q in 0..quotes {
        let line = &lines[lines.len() - 1 - q * 50];
        let quote = &line[..line.len().min(60)];
        let quote = if q % 2 == 1 { format!("{quote} zzz") } else { quote.to_string() };
        text.push_str(&format!(
            "\n[[event]]\nid = \"e{q}\"\ndate = \"2020\"\ntitle = \"t\"\nsummary = \"s\"\nthemes = [\"t\"]\n\n\
             [[event.quote]]\nsource = \"s\"\ntext = \"{quote}\"\n"
        ));
    }
    text
}

#[divan::bench(args = [20, 200, 2000], sample_count = 5, sample_size = 1, max_time = 20)]
fn quote_check(bencher: Bencher, quotes: usize) {
    let text = quoted_source(15_700_000, quotes);
    bencher.bench_local(|| annals::load::load_str("quotes.toml", &text).expect_err("half of the quotes are not found"));
}

#[divan::bench(sample_count = 5, sample_size = 1, max_time = 20)]
fn unknown_references(bencher: Bencher) {
    let mut text = String::from(
        "[dataset]\ntitle = \"t\"\ndescription = \"d\"\n\n[[theme]]\nid = \"t\"\nlabel = \"T\"\ndescription = \"d\"\n",
    );
    for i in 0..3000 {
        text.push_str(&format!(
            "\n[[source]]\nid = \"agency-report-{i:05}-on-the-cloud-region\"\ntitle = \"S\"\nlanguage = \"en\"\ntext = \"x\"\n"
        ));
    }
    for j in 0..800 {
        text.push_str(&format!(
            "\n[[event]]\nid = \"e{j}\"\ndate = \"2020\"\ntitle = \"t\"\nsummary = \"s\"\nthemes = [\"t\"]\n\n\
             [[event.quote]]\nsource = \"agency-report-{:05}-on-the-cloud-regoin\"\ntext = \"x\"\n",
            3 * j
        ));
    }
    bencher.bench_local(|| annals::load::load_str("refs.toml", &text).expect_err("unknown sources"));
}
