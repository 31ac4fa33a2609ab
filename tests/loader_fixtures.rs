//! The loader, driven by data files:
//!
//! - every `tests/fixtures/valid/*.toml` loads, and the result keeps the model's promises
//!   (events in sort order, quote ranges that point at the quoted text, indexes in range);
//! - every `tests/fixtures/invalid/*.toml` fails with exactly the diagnostics its leading
//!   `# expect: LINE:COL: MESSAGE` comment lines state, in order;
//! - the bundled dataset loads and keeps the same promises.

use std::path::{Path, PathBuf};

use annals::load::{self, Diagnostic};
use annals::model::{Certainty, Dataset, Date, EventKind, Precision, Quote};

/// The `*.toml` files of `tests/fixtures/<kind>`, sorted; never empty.
fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(kind);
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display())).path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no *.toml fixtures in {}: the test would pass vacuously", dir.display());
    files
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read fixture {}: {e}", path.display()))
}

/// Whitespace runs (spaces, no-break spaces, tabs, line breaks) as one space, ends trimmed.
fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One expected or actual diagnostic, as the fixtures write it: `LINE:COL: MESSAGE`.
fn render(d: &Diagnostic) -> String {
    format!("{}:{}: {}", d.line, d.column, d.message)
}

/// The `# expect:` lines of a fixture's leading comment block, checked to be well formed.
fn expected_diagnostics(name: &str, text: &str) -> Vec<String> {
    let mut expected = Vec::new();
    let mut in_header = true;
    for (n, line) in text.lines().enumerate() {
        let is_comment = line.starts_with('#');
        if !is_comment {
            in_header = false;
        }
        let Some(rest) = line.strip_prefix("# expect:") else { continue };
        assert!(in_header, "{name}:{}: `# expect:` lines must come first, before any TOML", n + 1);
        let rest = rest.trim_start();
        let mut parts = rest.splitn(3, ':');
        let (line_no, column, message) = (parts.next(), parts.next(), parts.next());
        let well_formed = line_no.is_some_and(|l| l.parse::<usize>().is_ok_and(|l| l > 0))
            && column.is_some_and(|c| c.parse::<usize>().is_ok_and(|c| c > 0))
            && message.is_some_and(|m| m.starts_with(' ') && !m.trim().is_empty());
        assert!(well_formed, "{name}:{}: expected `# expect: LINE:COL: MESSAGE`, found {line:?}", n + 1);
        expected.push(rest.to_string());
    }
    expected
}

#[test]
fn invalid_fixtures_report_exactly_the_expected_diagnostics() {
    let mut failures = Vec::new();
    for path in fixtures("invalid") {
        let name = file_name(&path);
        let expected = expected_diagnostics(&name, &read(&path));
        if expected.is_empty() {
            failures.push(format!("{name}: states no `# expect: LINE:COL: MESSAGE` line"));
            continue;
        }
        let diagnostics = match load::load_path(&path) {
            Ok(dataset) => {
                failures.push(format!(
                    "{name}: loaded ({}), but {} diagnostic(s) were expected:\n    {}",
                    dataset.summary_line(),
                    expected.len(),
                    expected.join("\n    ")
                ));
                continue;
            }
            Err(diagnostics) => diagnostics.0,
        };
        let shown = path.display().to_string();
        for d in &diagnostics {
            if d.file != shown {
                failures.push(format!("{name}: diagnostic names file {:?}, expected {shown:?}", d.file));
            }
        }
        let actual: Vec<String> = diagnostics.iter().map(render).collect();
        if actual != expected {
            let mut report = format!("{name}: diagnostics differ\n  expected:\n");
            for line in &expected {
                let mark = if actual.contains(line) { ' ' } else { '-' };
                report.push_str(&format!("   {mark} {line}\n"));
            }
            report.push_str("  actual:\n");
            for line in &actual {
                let mark = if expected.contains(line) { ' ' } else { '+' };
                report.push_str(&format!("   {mark} {line}\n"));
            }
            failures.push(report);
        }
    }
    assert!(failures.is_empty(), "{} invalid fixture(s) failed:\n\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn invalid_fixtures_give_the_same_diagnostics_from_bytes_and_from_a_path() {
    for path in fixtures("invalid") {
        let name = path.display().to_string();
        let from_path = load::load_path(&path).expect_err(&name);
        let from_bytes = load::load_bytes(&name, read(&path).as_bytes()).expect_err(&name);
        assert_eq!(from_path, from_bytes, "{name}");
    }
}

#[test]
fn valid_fixtures_load_and_keep_the_model_promises() {
    let mut failures = Vec::new();
    let mut checked = Vec::new();
    for path in fixtures("valid") {
        let name = file_name(&path);
        let text = read(&path);
        if text.lines().any(|line| line.starts_with("# expect:")) {
            failures.push(format!("{name}: a valid fixture must not have `# expect:` lines"));
        }
        match load::load_path(&path) {
            Ok(dataset) => {
                if let Err(problem) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    check_invariants(&name, &dataset, &text);
                    if check_specific(&name, &dataset) {
                        checked.push(name.clone());
                    }
                })) {
                    let message = problem
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| problem.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default();
                    failures.push(format!("{name}: {message}"));
                }
            }
            Err(diagnostics) => failures.push(format!("{name}: expected to load, but:\n    {diagnostics}")),
        }
    }
    assert!(failures.is_empty(), "{} valid fixture(s) failed:\n\n{}", failures.len(), failures.join("\n\n"));
    for name in SPECIFIC {
        assert!(checked.iter().any(|c| c == name), "valid fixture {name} is missing: its specific checks did not run");
    }
}

/// Valid fixtures with checks of their own in `check_specific`.
const SPECIFIC: [&str; 6] = [
    "minimal.toml",
    "dates.toml",
    "whitespace-quotes.toml",
    "figures-and-facts.toml",
    "unicode.toml",
    "plans-and-inferred-dates.toml",
];

/// What every loaded dataset promises, whatever its content.
fn check_invariants(name: &str, dataset: &Dataset, text: &str) {
    // Events: sorted by year, then month, then day (missing = 0), ties in file order, undated
    // drafts last. Worked
    // out here from the fields rather than with `Date::sort_key`.
    let key = |d: &Date| (d.year, d.month.unwrap_or(0), d.day.unwrap_or(0));
    let mut expected: Vec<&annals::model::Event> = dataset.events.iter().collect();
    expected.sort_by_key(|e| e.line);
    // Drafts without a date come after every dated event.
    expected.sort_by_key(|e| (e.undated, key(&e.date)));
    let expected: Vec<&str> = expected.iter().map(|e| e.id.as_str()).collect();
    let actual: Vec<&str> = dataset.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(actual, expected, "{name}: events are not in sort order (year, month, day; ties in file order)");

    let lines: Vec<&str> = text.lines().collect();
    let written = written_quotes(text);
    for event in &dataset.events {
        let header = event.line.checked_sub(1).and_then(|i| lines.get(i)).map(|l| l.trim());
        assert_eq!(header, Some("[[event]]"), "{name}: event {:?} says it starts at line {}", event.id, event.line);
        if let Some(end) = &event.end {
            assert!(key(end) >= key(&event.date), "{name}: event {:?} ends before it starts", event.id);
        }
        assert!(event.draft || !event.themes.is_empty(), "{name}: event {:?} has no theme", event.id);
        for &theme in &event.themes {
            assert!(theme < dataset.themes.len(), "{name}: event {:?} has theme index {theme}", event.id);
        }
        // Only a file that says so holds events without a quote: each is then unsourced.
        assert!(
            !event.quotes.is_empty() || name.starts_with("unsourced-") || name == "drafts.toml" || event.draft,
            "{name}: event {:?} has no quote",
            event.id
        );
        assert_eq!(event.is_unsourced(), event.quotes.is_empty());
        let quotes = event.quotes.iter().chain(event.figures.iter().map(|f| &f.quote));
        let as_written = &written[&("event", event.id.clone())];
        assert_eq!(quotes.clone().count(), as_written.len(), "{name}: event {:?} lost or gained quotes", event.id);
        for (quote, words) in quotes.zip(as_written) {
            check_quote(name, dataset, &event.id, quote, words);
        }
        for figure in &event.figures {
            assert!(figure.fact.is_none_or(|f| f < dataset.facts.len()), "{name}: event {:?}: fact index", event.id);
        }
    }
    for fact in &dataset.facts {
        assert!(fact.claims.len() >= 2, "{name}: fact {:?} has fewer than two claims", fact.id);
        if let Some(event) = fact.event {
            assert!(event < dataset.events.len(), "{name}: fact {:?} has event index {event}", fact.id);
        }
        let as_written = &written[&("fact", fact.id.clone())];
        assert_eq!(fact.claims.len(), as_written.len(), "{name}: fact {:?} lost or gained claims", fact.id);
        for (claim, words) in fact.claims.iter().zip(as_written) {
            check_quote(name, dataset, &fact.id, &claim.quote, words);
        }
    }
}

/// The quote texts as the file writes them, read with the bare toml crate: per event id, its
/// quotes then its figures' quotes; per fact id, its claims' quotes.
fn written_quotes(text: &str) -> std::collections::HashMap<(&'static str, String), Vec<String>> {
    let table: toml::Table = toml::from_str(text).expect("a valid fixture is valid TOML");
    let records = |kind: &str| table.get(kind).and_then(|v| v.as_array()).cloned().unwrap_or_default();
    let texts = |record: &toml::Value, list: &str, key: &str| -> Vec<String> {
        let items = record.get(list).and_then(|v| v.as_array()).cloned().unwrap_or_default();
        items.iter().map(|item| item[key].as_str().expect("a quote text").to_string()).collect()
    };
    let mut out = std::collections::HashMap::new();
    for event in records("event") {
        let mut quotes = texts(&event, "quote", "text");
        quotes.extend(texts(&event, "figure", "quote"));
        out.insert(("event", event["id"].as_str().unwrap_or_default().to_string()), quotes);
    }
    for fact in records("fact") {
        out.insert(("fact", fact["id"].as_str().unwrap_or_default().to_string()), texts(&fact, "claim", "quote"));
    }
    out
}

/// A quote's range slices its source's text to the quote as written, white space normalised.
fn check_quote(name: &str, dataset: &Dataset, owner: &str, quote: &Quote, written: &str) {
    let source = dataset
        .sources
        .get(quote.source)
        .unwrap_or_else(|| panic!("{name}: {owner}: quote {written:?} has source index {}", quote.source));
    let slice = source
        .part(quote.page_lines)
        .get(quote.range.clone())
        .unwrap_or_else(|| panic!("{name}: {owner}: range {:?} is not a slice of source {:?}", quote.range, source.id));
    assert_eq!(
        normalize(slice),
        normalize(written),
        "{name}: {owner}: range {:?} of source {:?} is not the quote",
        quote.range,
        source.id
    );
    assert_eq!(slice, slice.trim(), "{name}: {owner}: the range of {written:?} takes in white space at an end");
}

/// Checks of one fixture's content; returns whether `name` had any.
fn check_specific(name: &str, dataset: &Dataset) -> bool {
    let ids = |d: &Dataset| d.events.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    let event = |id: &str| dataset.events.iter().find(|e| e.id == id).unwrap_or_else(|| panic!("no event {id:?}"));
    let date = |s: &str| Date::parse(s).unwrap_or_else(|e| panic!("{s}: {e:?}"));
    match name {
        "minimal.toml" => {
            assert_eq!(dataset.title, "An empty timeline");
            assert_eq!(dataset.description, "Nothing has happened yet.");
            assert!(dataset.events.is_empty() && dataset.sources.is_empty() && dataset.themes.is_empty());
            assert!(dataset.eras.is_empty() && dataset.facts.is_empty());
        }
        "dates.toml" => {
            let order = [
                "approximate-month",
                "year",
                "approximate-year",
                "month",
                "uncertain-month",
                "day",
                "uncertain-day",
                "leap-day",
            ];
            assert_eq!(ids(dataset), order);
            let year = event("year");
            assert_eq!((year.date.precision(), year.date.certainty), (Precision::Year, Certainty::Exact));
            assert_eq!(event("approximate-year").date.certainty, Certainty::Approximate);
            assert_eq!(event("uncertain-day").date, date("2015-07-29?"));
            assert_eq!(event("uncertain-day").date.certainty, Certainty::Uncertain);
            assert_eq!(event("uncertain-month").date.precision(), Precision::Month);
            assert_eq!(event("leap-day").date, Date::ymd(2016, 2, 29));
            assert_eq!(event("leap-day").end, Some(date("~2016-03")));
            assert_eq!(event("month").end, Some(date("2015-07-31")));
            assert_eq!(dataset.sources[0].date, Some(Date::ymd(2016, 2, 29)));
            // Eras are sorted by start; bare TOML dates keep day precision.
            let eras: Vec<(&str, Date, Date)> = dataset.eras.iter().map(|e| (e.id.as_str(), e.start, e.end)).collect();
            assert_eq!(
                eras,
                [
                    ("approximate", date("~2015"), date("2015-12?")),
                    ("bare", Date::ymd(2016, 1, 1), Date::ymd(2016, 12, 31)),
                ]
            );
        }
        "whitespace-quotes.toml" => {
            let nbsp = event("nbsp-in-source");
            let source = &dataset.sources[nbsp.quotes[0].source];
            assert_eq!(source.id, "fr-nbsp");
            assert_eq!(source.title, "Le chinois\u{a0}: Alibaba", "escapes in titles are decoded");
            assert_eq!(
                &source.text[nbsp.quotes[0].range.clone()],
                "Le chinois\u{a0}: Alibaba a annoncé qu’il   comptait investir\nun milliard de dollars\u{202f}!"
            );
            // The tab became four spaces when the text was made safe to draw.
            assert_eq!(
                &source.text[nbsp.quotes[1].range.clone()],
                "« Les deux centres de Zhangbei\u{a0}»,    a-t-il confié."
            );
            let lines = event("line-breaks-in-quote");
            let source = &dataset.sources[lines.quotes[0].source];
            assert_eq!(
                &source.text[lines.quotes[0].range.clone()],
                "Alibaba’s cloud\ncomputing has seen the strongest growth\nin recent years."
            );
            let padded = &lines.quotes[1];
            assert_eq!(&dataset.sources[padded.source].text[padded.range.clone()], "centres de Zhangbei");
        }
        "figures-and-facts.toml" => {
            let e = event("aliyun-1b-2015");
            assert_eq!(e.figures.len(), 2);
            assert_eq!(e.figures[0].value, 1e9);
            assert_eq!(e.figures[0].unit, "USD");
            assert_eq!(e.figures[0].converted, Some((9e8, "EUR".to_string())));
            assert_eq!((e.figures[1].value, e.figures[1].converted.as_ref()), (25e9, None));
            let fact_of = |i: usize| e.figures[i].fact.map(|f| dataset.facts[f].id.as_str());
            assert_eq!((fact_of(0), fact_of(1)), (Some("aliyun-2015-size"), None), "a figure names the fact it states");
            let facts: Vec<(&str, &str, usize)> =
                dataset.facts.iter().map(|f| (f.id.as_str(), f.kind.name(), f.claims.len())).collect();
            assert_eq!(
                facts,
                [("aliyun-2015-size", "amount", 2), ("cloud-rank", "ranking", 2), ("cloud-share", "share", 2)]
            );
            let size = &dataset.facts[0];
            assert_eq!(size.event.map(|i| dataset.events[i].id.as_str()), Some("aliyun-1b-2015"));
            assert_eq!(size.note.as_deref(), Some("Both sources agree."));
            assert_eq!(size.claims[0].value, Some((1e9, "USD".to_string())));
            assert_eq!(size.claims[0].as_of, Some(date("2015-07")));
            let rank = &dataset.facts[1];
            let ranks: Vec<(Option<u32>, Option<&str>)> =
                rank.claims.iter().map(|c| (c.rank, c.scope.as_deref())).collect();
            assert_eq!(ranks, [(Some(2), Some("Asia-Pacific")), (Some(3), Some("World"))]);
            assert_eq!(rank.claims[1].as_of, Some(date("~2022")));
            let share = &dataset.facts[2];
            assert_eq!(share.claims[0].value, Some((9.5, "%".to_string())));
            assert_eq!(share.claims[1].value, None);
            assert_eq!(dataset.sources[0].publisher.as_deref(), Some("Techfu"));
            assert_eq!(dataset.themes[0].color.as_deref(), Some("yellow"));
        }
        "traceable-source.toml" => {
            let source = &dataset.sources[0];
            assert_eq!(source.authors, ["Dupont, Marie", "Li, Wei"]);
            assert_eq!(source.publisher.as_deref(), Some("Le Monde informatique"));
            assert_eq!(source.section.as_deref(), Some("Cloud"));
            assert_eq!(source.url.as_deref(), Some("https://www.example.com/cloud/alibaba-offensive.html"));
            assert_eq!(
                source.archive_url.as_deref(),
                Some("https://web.archive.org/web/2015/https://www.example.com/")
            );
            assert_eq!(source.accessed, Some(Date::ymd(2024, 3, 1)));
            assert!(!source.title_editorial);
            let untitled = &dataset.sources[1];
            assert!(untitled.title_editorial);
            assert!(untitled.authors.is_empty() && untitled.url.is_none());
            let e = event("investment-2015");
            let (body, byline) = (&e.quotes[0], &e.quotes[1]);
            assert!(!body.page_lines && byline.page_lines, "the body first, then the page lines");
            assert_eq!(dataset.quote_text(byline), "Par Marie Dupont et Wei Li, publié le 29/07/2015");
            assert_eq!(body.body_range(), Some(body.range.clone()));
            assert_eq!(byline.body_range(), None);
        }
        "unicode.toml" => {
            assert_eq!(dataset.title, "阿里云 timeline, re\u{301}sume\u{301}", "text is not recomposed");
            let themes: Vec<&str> = dataset.themes.iter().map(|t| t.id.as_str()).collect();
            assert_eq!(themes, ["云计算", "caf\u{e9}"]);
            assert_eq!(dataset.themes[1].label, "Cafe\u{301}");
            let colors: Vec<Option<&str>> = dataset.themes.iter().map(|t| t.color.as_deref()).collect();
            assert_eq!(colors, [Some("#ff8700"), Some("LightBlue")]);
            let languages: Vec<&str> = dataset.sources.iter().map(|s| s.language.as_str()).collect();
            assert_eq!(languages, ["zh-Hans", "fr-CA"]);
            let e = event("张北-2016");
            assert_eq!(e.themes, [0, 1]);
            assert_eq!(e.quotes.len(), 3);
            let zh = &e.quotes[0];
            assert_eq!(&dataset.sources[zh.source].text[zh.range.clone()], "启用了首批自建数据中心");
            let fr = &e.quotes[1];
            assert_eq!(
                &dataset.sources[fr.source].text[fr.range.clone()],
                "re\u{301}sume\u{301} :\u{a0}le cafe\u{301}"
            );
        }
        "plans-and-inferred-dates.toml" => {
            // The open start sorts by its latest date (2022-09), before the day inside it.
            assert_eq!(ids(dataset), ["target", "up-to", "announcement", "programme"]);
            let announcement = event("announcement");
            assert_eq!(announcement.date.certainty, Certainty::Inferred);
            assert_eq!((announcement.kind, announcement.open_start), (EventKind::Happened, false));
            assert_eq!(announcement.date.to_string(), "[2022-09-22]");
            let programme = event("programme");
            assert_eq!(programme.kind, EventKind::Planned);
            assert_eq!(programme.end, Some(date("[2025]")));
            assert_eq!(event("target").kind, EventKind::Target);
            let up_to = event("up-to");
            assert!(up_to.open_start && up_to.end.is_none());
            assert_eq!(up_to.date, date("~2022-09"));
            assert_eq!(up_to.date_written(), "..~2022-09");
            assert_eq!(up_to.when(), "up to ~2022-09");
            assert_eq!(dataset.sources[0].date, Some(date("[2022-09]")));
        }
        _ => return false,
    }
    true
}

#[test]
fn the_bundled_dataset_loads_sorted_with_quotes_that_point_at_their_text() {
    let dataset = load::bundled().unwrap_or_else(|d| panic!("the bundled dataset does not load:\n{d}"));
    assert!(!dataset.events.is_empty(), "the bundled dataset has no events");
    check_invariants(load::BUNDLED_NAME, &dataset, load::BUNDLED_TEXT);

    // The sort rule, spelled out pair by pair.
    for pair in dataset.events.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let (ka, kb) = (a.date.sort_key(), b.date.sort_key());
        assert!(ka <= kb, "{} ({}) sorts before {} ({})", a.id, a.date, b.id, b.date);
        if ka == kb {
            assert!(a.line < b.line, "tie between {} and {} not in file order", a.id, b.id);
        }
    }
    // A coarser date never comes after a date inside it (2020 before 2020-07 before 2020-07-01).
    for (i, a) in dataset.events.iter().enumerate() {
        for b in &dataset.events[i + 1..] {
            let b_contains_a = b.date.year == a.date.year
                && b.date.precision() < a.date.precision()
                && (b.date.month.is_none() || b.date.month == a.date.month);
            assert!(!b_contains_a, "{} ({}) comes after {} ({}), a date inside it", b.id, b.date, a.id, a.date);
        }
    }

    // The same through the file on disk, which must be the text that is embedded.
    let on_disk = Path::new(env!("CARGO_MANIFEST_DIR")).join(load::BUNDLED_NAME);
    assert_eq!(read(&on_disk), load::BUNDLED_TEXT, "{} differs from the embedded copy", on_disk.display());
    let from_disk = load::load_path(&on_disk).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(from_disk, dataset);
}
