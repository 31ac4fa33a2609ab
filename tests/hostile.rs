//! Hostile datasets: every file of `tests/hostile/` (written by `tests/hostile/generate.py`)
//! and a few big or deep inputs generated here at run time.
//!
//! - `ok-*.toml` must load; `err-*.toml` must be refused with diagnostics. Nothing panics.
//! - No diagnostic contains a control character (not even a line break: one diagnostic is one
//!   line) nor a bidi or invisible format character.
//! - A dataset that loads draws its main view, the reader, side by side, the help and both
//!   pickers at 80x24 and 120x40, and no cell of the screen holds a control, bidi or
//!   zero-width format character (`annals::text::sanitize::is_unsafe`).

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use annals::app::App;
use annals::input::action::Action::{self, *};
use annals::input::keymap::Keymap;
use annals::load::{self, Diagnostics};
use annals::model::Dataset;
use annals::text::sanitize::is_unsafe;
use common::{act, key, render, type_str};
use crossterm::event::KeyCode;

/// Corpus files whose diagnostics quote raw text from the file (unknown and duplicate keys as
/// written, dates, theme references, language codes with line breaks): checked once more on
/// their own below, as the cases most likely to leak.
const RAW_TEXT_DIAGNOSTICS: &[&str] = &[
    "err-date-escape.toml",
    "err-duplicate-key-raw-bidi.toml",
    "err-duplicate-key-raw-c1.toml",
    "err-language-color-kind-escape.toml",
    "err-theme-ref-escape.toml",
    "err-unknown-field-escape.toml",
    "err-unknown-field-newline.toml",
    "err-unknown-table-escape.toml",
];

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 30, "the hostile corpus has only {} files", files.len());
    files
}

fn name_of(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// What is wrong with these diagnostics, if anything.
fn diagnostic_problems(what: &str, bytes: &[u8], diagnostics: &Diagnostics) -> Vec<String> {
    let mut problems = Vec::new();
    if diagnostics.0.is_empty() {
        problems.push(format!("{what}: refused with no diagnostic"));
    }
    let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
    for d in &diagnostics.0 {
        let shown = d.to_string();
        if let Some(c) = shown.chars().find(|&c| c.is_control() || is_unsafe(c)) {
            problems.push(format!("{what}: diagnostic holds U+{:04X}: {}", c as u32, shown.escape_debug()));
        }
        if d.line > lines || (d.line == 0) != (d.column == 0) {
            problems.push(format!("{what}: diagnostic at an impossible position {}:{}", d.line, d.column));
        }
        if d.message.trim().is_empty() {
            problems.push(format!("{what}: diagnostic with no message"));
        }
    }
    problems
}

/// The first unsafe cell of the screen, if any.
fn unsafe_cell(app: &App) -> Option<String> {
    let terminal = render(app);
    let buffer = terminal.backend().buffer();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            if symbol.chars().any(is_unsafe) {
                return Some(format!("cell ({x},{y}) = {:?}", symbol));
            }
        }
    }
    None
}

/// Walks every screen of the app at one size, checking each drawn screen; returns problems.
/// `max_events` bounds how many events (and quotes) are visited one by one; with `quick`, only
/// the main view and the reader are drawn (for megabyte texts, which the app wraps again on
/// every frame: slow in a debug build).
fn walk_screens(dataset: &Dataset, (w, h): (u16, u16), max_events: usize, quick: bool) -> Vec<String> {
    let mut problems = Vec::new();
    let mut app = App::new(dataset.clone(), Keymap::default_keymap(), (w, h));
    let mut check = |app: &App, place: &str| {
        if let Some(cell) = unsafe_cell(app) {
            problems.push(format!("{w}x{h} {place}: {cell}"));
        }
    };
    if quick {
        check(&app, "main view");
        act(&mut app, &[Open, Open]);
        check(&app, "reader");
        return problems;
    }
    let events = dataset.events.len().min(max_events);
    for i in 0..events.max(1) {
        check(&app, &format!("main view, event {i}"));
        act(&mut app, &[Down]);
    }
    act(&mut app, &[Top, Open]);
    let quotes = app.selected_event().map_or(0, |e| e.quotes.len()).min(max_events);
    for i in 0..quotes {
        check(&app, &format!("quotes pane, quote {i}"));
        act(&mut app, &[Down]);
    }
    act(&mut app, &[Top, Open]);
    check(&app, "reader");
    act(&mut app, &[PageDown]);
    check(&app, "reader, page down");
    act(&mut app, &[Bottom]);
    check(&app, "reader, bottom");
    act(&mut app, &[Back, Back, SideBySide]);
    check(&app, "side by side");
    act(&mut app, &[NextSource, FocusNext, PrevSource]);
    check(&app, "side by side, sources swapped");
    act(&mut app, &[Open]);
    check(&app, "reader from side by side");
    let steps: [(&[Action], &str); 8] = [
        (&[Back, Back, Help], "help"),
        (&[Help, FilterTheme], "theme picker"),
        (&[Back, FilterYear], "year picker"),
        (&[Back, Compare], "compare"),
        (&[Down, Down], "compare, third claim"),
        (&[Back, Chart], "chart"),
        (&[Back, Search], "search line"),
        (&[], "search results"),
    ];
    for (actions, place) in steps {
        act(&mut app, actions);
        if place == "search results" {
            type_str(&mut app, "pwned");
            key(&mut app, KeyCode::Enter);
            act(&mut app, &[NextMatch, NextMatch]);
        }
        check(&app, place);
    }
    problems
}

/// Loads `bytes`; checks diagnostics or draws every screen. Returns the problems found.
fn check_input(what: &str, bytes: &[u8], expect_ok: Option<bool>, check_diagnostics: bool) -> Vec<String> {
    check_input_at(what, bytes, expect_ok, check_diagnostics, &[(80, 24), (120, 40)])
}

fn check_input_at(
    what: &str,
    bytes: &[u8],
    expect_ok: Option<bool>,
    check_diagnostics: bool,
    sizes: &[(u16, u16)],
) -> Vec<String> {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let mut problems = Vec::new();
        match load::load_bytes(what, bytes) {
            Ok(dataset) => {
                if expect_ok == Some(false) {
                    problems.push(format!("{what}: loaded, but should be refused"));
                }
                for &size in sizes {
                    let quick = bytes.len() > 1 << 20;
                    problems
                        .extend(walk_screens(&dataset, size, 20, quick).into_iter().map(|p| format!("{what}: {p}")));
                }
            }
            Err(diagnostics) => {
                if expect_ok == Some(true) {
                    problems.push(format!("{what}: refused, but should load: {diagnostics}"));
                }
                if check_diagnostics {
                    problems.extend(diagnostic_problems(what, bytes, &diagnostics));
                }
            }
        }
        problems
    }));
    outcome.unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        vec![format!("{what}: PANIC: {message}")]
    })
}

fn assert_none(problems: Vec<String>) {
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn every_corpus_file_loads_or_is_refused_safely_and_draws_safely() {
    let mut problems = Vec::new();
    for path in corpus() {
        let name = name_of(&path);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {name}: {e}"));
        let expect_ok = if name.starts_with("ok-") {
            Some(true)
        } else {
            assert!(name.starts_with("err-"), "{name}: corpus files are named ok-* or err-*");
            Some(false)
        };
        problems.extend(check_input(&name, &bytes, expect_ok, true));
    }
    assert_none(problems);
}

/// The loader puts raw text from the file into these diagnostics: unknown keys (and duplicate
/// keys) as written, date strings, theme references and, with their line breaks, language codes,
/// colours and fact kinds. Printed, each is one line with every control, bidi or invisible
/// character shown as a placeholder, so a terminal showing `annals --check` runs nothing.
#[test]
fn diagnostics_quoting_raw_text_are_safe() {
    let mut problems = Vec::new();
    for name in RAW_TEXT_DIAGNOSTICS {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile").join(name);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {name}: {e}"));
        problems.extend(check_input(name, &bytes, Some(false), true));
    }
    assert_none(problems);
}

/// The smallest form of each of the problems above, one line of TOML each.
#[test]
fn raw_text_in_diagnostics_minimal_cases() {
    let head = "[dataset]\ntitle = \"t\"\ndescription = \"d\"\n";
    let cases = [
        format!("{head}\"\\u001b]0;pwned\\u0007\" = 1\n"),
        format!("{head}\"a\\nb\" = 1\n"),
        format!("{head}\"\u{9b}2J\" = 1\n\"\u{9b}2J\" = 2\n"),
        format!("{head}[[era]]\nid = \"e\"\nlabel = \"l\"\nstart = \"\\u001b[2J\"\nend = \"2016\"\n"),
        format!(
            "{head}[[theme]]\nid = \"t\"\nlabel = \"l\"\ndescription = \"d\"\n[[source]]\nid = \"s\"\ntitle = \"t\"\n\
             language = \"en\"\ntext = \"x\"\n[[event]]\nid = \"e\"\ndate = \"2015\"\ntitle = \"t\"\nsummary = \"s\"\n\
             themes = [\"\\u001b]0;pwned\\u0007\"]\n[[event.quote]]\nsource = \"s\"\ntext = \"x\"\n"
        ),
        format!("{head}[[source]]\nid = \"s\"\ntitle = \"t\"\nlanguage = \"e\\nn\"\ntext = \"x\"\n"),
    ];
    let mut problems = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        problems.extend(check_input(&format!("case {i}"), case.as_bytes(), Some(false), true));
    }
    assert_none(problems);
}

/// A complete small dataset whose event title is `title` and source text `text`.
fn dataset_text(title: &str, text: &str, quote: &str) -> String {
    format!(
        "[dataset]\ntitle = \"big\"\ndescription = \"d\"\n\n[[theme]]\nid = \"t\"\nlabel = \"T\"\ndescription = \"d\"\n\n\
         [[source]]\nid = \"s\"\ntitle = \"S\"\nlanguage = \"en\"\ntext = \"\"\"\n{text}\"\"\"\n\n\
         [[source]]\nid = \"s2\"\ntitle = \"S2\"\nlanguage = \"en\"\ntext = \"other\"\n\n\
         [[event]]\nid = \"e\"\ndate = \"2020-01\"\ntitle = \"{title}\"\nsummary = \"{title}\"\nthemes = [\"t\"]\n\n\
         [[event.quote]]\nsource = \"s\"\ntext = \"{quote}\"\n"
    )
}

#[test]
fn megabyte_lines_load_and_draw() {
    let mb = 1 << 20;
    let no_spaces = "x".repeat(mb);
    let words = "word ".repeat(mb / 5);
    let cjk = "阿里云".repeat(mb / 9);
    let escapes = "\\u001b]0;pwned\\u0007".repeat(mb / 20);
    let mut problems = Vec::new();
    for (what, title) in [("1 MB title without spaces", &no_spaces), ("1 MB of words", &words), ("1 MB of CJK", &cjk)] {
        let text = dataset_text(title, &format!("{title} end"), "end");
        problems.extend(check_input_at(what, text.as_bytes(), Some(true), true, &[(80, 24)]));
    }
    let text = dataset_text(&escapes, &format!("{escapes} end\n"), "end");
    problems.extend(check_input_at("1 MB of escapes", text.as_bytes(), Some(true), true, &[(80, 24)]));
    assert_none(problems);
}

#[test]
fn ten_thousand_deep_nesting_is_refused_without_overflowing_the_stack() {
    let head = "[dataset]\ntitle = \"t\"\ndescription = \"d\"\n";
    let n = 10_000;
    let inputs = [
        ("nested arrays", format!("{head}x = {}{}\n", "[".repeat(n), "]".repeat(n))),
        ("nested inline tables", format!("{head}x = {}1{}\n", "{a = ".repeat(n), "}".repeat(n))),
        ("mixed nesting", format!("{head}x = {}1{}\n", "[{a = ".repeat(n / 2), "}]".repeat(n / 2))),
        ("deep table header", format!("{head}[{}]\nx = 1\n", vec!["a"; n].join("."))),
        ("deep array-of-tables header", format!("{head}[[{}]]\nx = 1\n", vec!["a"; n].join("."))),
        ("deep dotted key", format!("{head}{} = 1\n", vec!["a"; n].join("."))),
        ("unclosed arrays", format!("{head}x = {}\n", "[".repeat(n))),
        ("unclosed inline tables", format!("{head}x = {}\n", "{a=".repeat(n))),
    ];
    let mut problems = Vec::new();
    for (what, text) in &inputs {
        problems.extend(check_input(what, text.as_bytes(), Some(false), true));
    }
    assert_none(problems);
}

/// A file of about 50 MB, written to the temporary directory and loaded by path: four sources
/// of about 12.5 MB of text each (long lines, escapes, CJK), each under the 16 MiB string
/// limit, the last one quoted at its end. It loads, sanitised, and the main view draws safely.
#[test]
fn a_fifty_megabyte_file_loads_by_path() {
    let line = "Alibaba \\u001b]0;pwned\\u0007 阿里云 cloud\\t data centers, \\u202e 2016-09-12.\n";
    let part = 50 << 18;
    let mut text = String::with_capacity(part + 1024);
    while text.len() < part {
        text.push_str(line);
    }
    let mut file = dataset_text("Big source", &format!("{text}THE END"), "THE END");
    for n in 0..3 {
        file.push_str(&format!(
            "\n[[source]]\nid = \"big{n}\"\ntitle = \"Big {n}\"\nlanguage = \"en\"\ntext = \"\"\"\n{text}\"\"\"\n"
        ));
    }
    assert!(file.len() >= 50 << 20, "the file is {} bytes", file.len());
    let path = std::env::temp_dir().join(format!("annals-hostile-50mb-{}.toml", std::process::id()));
    std::fs::write(&path, &file).expect("write the 50 MB file");
    let loaded = catch_unwind(|| load::load_path(&path));
    let _ = std::fs::remove_file(&path);
    let dataset = match loaded {
        Ok(Ok(dataset)) => dataset,
        Ok(Err(diagnostics)) => panic!("the 50 MB file is refused: {diagnostics}"),
        Err(_) => panic!("loading the 50 MB file panicked"),
    };
    assert_eq!(dataset.sources.len(), 5);
    let source = &dataset.sources[0].text;
    assert!(source.len() > part / 2 && source.ends_with("THE END"), "the source text is {} bytes", source.len());
    for source in &dataset.sources {
        assert!(!source.text.chars().any(is_unsafe), "source {:?} holds unsafe characters", source.id);
    }
    // The main view never wraps source texts, so it draws fast even in a debug build.
    let app = App::new(dataset, Keymap::default_keymap(), (120, 40));
    assert_eq!(unsafe_cell(&app), None);
}

/// One string over the 16 MiB limit is refused with a message that names the field, its size
/// and the limit, and the message is safe to print.
#[test]
fn a_string_over_the_limit_is_refused_with_its_size() {
    let line = "Alibaba \\u001b]0;pwned\\u0007 阿里云 cloud.\n";
    // The escapes are shorter once decoded: twice the limit in source text is safely over it.
    let text = line.repeat(2 * annals::load::MAX_STRING_BYTES / line.len());
    let file = dataset_text("Big source", &text, "cloud");
    let diagnostics = match catch_unwind(|| load::load_str("big.toml", &file)) {
        Ok(Err(diagnostics)) => diagnostics,
        Ok(Ok(_)) => panic!("a string over 16 MiB loaded past the limit"),
        Err(_) => panic!("loading the over-long string panicked"),
    };
    let shown = diagnostics.to_string();
    assert!(shown.starts_with("big.toml:14:8: source \"s\": field \"text\" is "), "{shown}");
    assert!(shown.contains("(expected at most 16777216 bytes, 16 MiB)"), "{shown}");
    assert!(!shown.chars().any(|c| c != '\n' && is_unsafe(c)), "the message is safe to print");
}

/// Garbage is refused with diagnostics: 50 MB of random bytes, and 8 MB of NULs, of raw
/// escape sequences and of `[` (kept at 8 MB: a debug build parses about 5 MB a second).
#[test]
fn megabytes_of_garbage_are_refused() {
    let size = 50 << 20;
    let mut problems = Vec::new();
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let random: Vec<u8> = (0..size)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    problems.extend(check_input("50 MB of random bytes", &random, Some(false), true));
    let size = 8 << 20;
    let nul = vec![0u8; size];
    problems.extend(check_input("50 MB of NUL", &nul, Some(false), true));
    let esc = "\u{1b}]0;pwned\u{7}".repeat(size / 10);
    problems.extend(check_input("50 MB of raw escapes", esc.as_bytes(), Some(false), true));
    let brackets = "[".repeat(size);
    problems.extend(check_input("50 MB of [", brackets.as_bytes(), Some(false), true));
    assert_none(problems);
}

/// Thousands of broken records: the first thousand problems are listed, in file order, and a
/// last line says there are more.
#[test]
fn many_broken_records_are_reported_up_to_the_cap() {
    let text =
        format!("[dataset]\ntitle = \"t\"\ndescription = \"d\"\n{}", "[[event]]\nx = \"\\u001b[2J\"\n".repeat(20_000));
    let diagnostics = load::load_str("many.toml", &text).expect_err("20,000 broken events are refused");
    let max = annals::load::MAX_LISTED;
    assert_eq!(diagnostics.0.len(), max + 1);
    assert!(diagnostics.0.windows(2).take(max - 1).all(|w| w[0].line <= w[1].line), "file order");
    assert!(diagnostics.0[max].message.starts_with("more problems were found"), "{}", diagnostics.0[max]);
    assert_none(diagnostic_problems("many broken records", text.as_bytes(), &diagnostics));
}

/// A file of nothing but problems: 50 MB of `a = 1` lines gives about 8.7 million diagnostics
/// (52 s and 3.7 GB of memory in a debug build, all printed by `--check`). A cap, such as the
/// first thousand problems and a count of the rest, keeps memory and output bounded.
#[test]
fn a_file_of_millions_of_problems_gives_a_bounded_report() {
    let text = format!("[dataset]\ntitle = \"t\"\ndescription = \"d\"\n{}", "a = 1\n".repeat(1_000_000));
    let diagnostics = load::load_str("problems.toml", &text).expect_err("refused");
    assert!(diagnostics.0.len() <= 10_000, "{} diagnostics for one file", diagnostics.0.len());
}

/// A diagnostic as `(line, column, message)`.
type Expected = (usize, usize, String);

/// Corpus files whose diagnostics are checked word for word.
fn expected_corpus_diagnostics() -> Vec<(&'static str, Vec<Expected>)> {
    let wide = |encoding: &str, how: &str, iconv: &str| {
        vec![(
            0,
            0,
            format!(
                "the file is {encoding} text ({how}), not UTF-8 (expected UTF-8 text; convert it first, \
                 e.g. with: iconv -f {iconv} -t UTF-8 FILE > NEW-FILE)"
            ),
        )]
    };
    let (bom, first) = ("with a byte order mark", "judging by its first bytes");
    let control = |line: usize, column: usize, code: &str, name: &str| {
        (
            line,
            column,
            format!(
                "control character U+{code}{name}, which TOML does not allow here (expected spaces, tabs and line \
                 breaks only; a dataset starts with a [dataset] table)"
            ),
        )
    };
    vec![
        ("err-utf16le.toml", wide("UTF-16, little-endian", bom, "UTF-16")),
        ("err-utf16be.toml", wide("UTF-16, big-endian", bom, "UTF-16")),
        ("err-utf16le-no-bom.toml", wide("UTF-16, little-endian", first, "UTF-16LE")),
        ("err-utf16be-no-bom.toml", wide("UTF-16, big-endian", first, "UTF-16BE")),
        ("err-utf32le.toml", wide("UTF-32, little-endian", bom, "UTF-32")),
        ("err-utf32be.toml", wide("UTF-32, big-endian", bom, "UTF-32")),
        ("err-utf32le-no-bom.toml", wide("UTF-32, little-endian", first, "UTF-32LE")),
        ("err-utf32be-no-bom.toml", wide("UTF-32, big-endian", first, "UTF-32BE")),
        ("err-form-feed-only.toml", vec![control(1, 1, "000C", " (form feed)")]),
        ("err-vertical-tab-only.toml", vec![control(1, 1, "000B", " (vertical tab)")]),
        ("err-blank-then-form-feed.toml", vec![control(3, 2, "000C", " (form feed)")]),
        ("err-nel-only.toml", vec![control(1, 1, "0085", " (next line, NEL)")]),
    ]
}

/// Files in other encodings than UTF-8 say which, and how to convert them; a file of a form
/// feed or a vertical tab is not "empty" but holds a control character TOML forbids, named at
/// its place. From bytes and from a path alike.
#[test]
fn other_encodings_and_stray_controls_are_named() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    for (name, expected) in expected_corpus_diagnostics() {
        let path = dir.join(name);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {name}: {e}"));
        let diagnostics = load::load_bytes(name, &bytes).expect_err(name);
        let shown: Vec<Expected> = diagnostics.0.iter().map(|d| (d.line, d.column, d.message.clone())).collect();
        assert_eq!(shown, expected, "{name}");
        let from_path = load::load_path(&path).expect_err(name);
        let file = path.display().to_string();
        assert!(from_path.0.iter().all(|d| d.file == file), "{name}");
        let from_path: Vec<Expected> = from_path.0.iter().map(|d| (d.line, d.column, d.message.clone())).collect();
        assert_eq!(from_path, expected, "{name} by path");
    }
}

/// A 10 MB key name made a 10 MB diagnostic line: what a diagnostic quotes is cut, saying how
/// long it was. So are long ids, references, dates and duplicate keys.
#[test]
fn long_values_are_cut_in_diagnostics() {
    let head = "[dataset]\ntitle = \"t\"\ndescription = \"d\"\n";
    let long = "k".repeat(10 << 20);
    let cut = format!("{}… ({} bytes in all)", "k".repeat(annals::load::MAX_QUOTED_CHARS), long.len());
    let cases = [
        (format!("{head}{long} = 1\n"), format!("[dataset]: unknown field \"{cut}\"")),
        (format!("{head}\"{long}\" = 1\n\"{long}\" = 2\n"), format!("TOML syntax error: duplicate key \"{cut}\"")),
        (
            format!("{head}[[era]]\nid = \"{long}\"\nlabel = \"l\"\nstart = \"{long}\"\nend = \"2016\"\n"),
            format!("era \"{cut}\": start \"{cut}\" is not a date"),
        ),
        (
            format!(
                "{head}[[theme]]\nid = \"t\"\nlabel = \"l\"\ndescription = \"d\"\n[[source]]\nid = \"s\"\ntitle = \"t\"\n\
                 language = \"en\"\ntext = \"x\"\n[[event]]\nid = \"e\"\ndate = \"2015\"\ntitle = \"t\"\nsummary = \"s\"\n\
                 themes = [\"{long}\"]\n[[event.quote]]\nsource = \"s\"\ntext = \"x\"\n"
            ),
            format!("event \"e\": theme \"{cut}\" is not a known theme"),
        ),
    ];
    for (i, (text, expected)) in cases.iter().enumerate() {
        let diagnostics = load::load_str("long.toml", text).expect_err("refused");
        let shown = diagnostics.to_string();
        assert!(shown.len() < 2000, "case {i}: a diagnostic of {} bytes", shown.len());
        assert!(shown.contains(expected.as_str()), "case {i}: {shown}");
    }
}

/// The 16 MiB string limit holds for the string as kept: tabs become four spaces, so 5 MiB of
/// tabs would be 20 MiB.
#[test]
fn the_string_limit_holds_once_tabs_are_expanded() {
    let tabs = "\t".repeat(5 << 20);
    let text = dataset_text("Tabs", &format!("{tabs}end"), "end");
    let diagnostics = load::load_str("tabs.toml", &text).expect_err("20 MiB once expanded");
    assert_eq!(
        diagnostics.to_string(),
        format!(
            "tabs.toml:14:8: source \"s\": field \"text\" is {} bytes long once its tabs are expanded and its control \
             characters made visible (expected at most 16777216 bytes, 16 MiB)",
            4 * (5 << 20) + 3
        )
    );
    // Just under the limit once expanded: loads.
    let tabs = "\t".repeat((annals::load::MAX_STRING_BYTES - 8) / 4);
    let text = dataset_text("Tabs", &format!("{tabs}end"), "end");
    let dataset = load::load_str("tabs.toml", &text).unwrap_or_else(|d| panic!("{d}"));
    assert!(dataset.sources[0].text.len() <= annals::load::MAX_STRING_BYTES);
}
