//! Datasets of several files, driven by the folders of `tests/fixtures/sets/`: each holds a
//! `story.toml` whose leading comment states what loading it gives, file by file:
//!
//! - `# expect: FILE:LINE:COL: MESSAGE`: the load fails with exactly these diagnostics, in
//!   order (FILE relative to the folder);
//! - `# warn: FILE:LINE:COL: MESSAGE`: the load succeeds with exactly these load warnings;
//! - neither: the load succeeds without warnings.
//!
//! Then the cases that need more than a fixture: the valid set in detail, files over the size
//! limits, paths outside the folder when the config allows them.

use std::path::{Path, PathBuf};

use annals::load::{self, Diagnostic, Options};

fn sets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sets")
}

/// `FILE:LINE:COL: MESSAGE`, with the folder of the case left out of every path.
fn render(folder: &Path, file: &str, line: usize, column: usize, message: &str) -> String {
    let prefix = format!("{}/", folder.display());
    format!("{}:{line}:{column}: {}", file.replace(&prefix, ""), message.replace(&prefix, ""))
}

fn stated(text: &str, tag: &str) -> Vec<String> {
    text.lines()
        .take_while(|line| line.starts_with('#'))
        .filter_map(|line| line.strip_prefix(tag))
        .map(|rest| rest.trim().to_string())
        .collect()
}

#[test]
fn every_set_loads_or_fails_as_its_main_file_states() {
    let mut cases: Vec<PathBuf> =
        std::fs::read_dir(sets()).expect("sets").map(|e| e.expect("entry").path()).filter(|p| p.is_dir()).collect();
    cases.sort();
    assert!(cases.len() >= 12, "the fixtures are there: {cases:?}");
    let mut failures = Vec::new();
    for folder in cases {
        let main = folder.join("story.toml");
        let text = std::fs::read_to_string(&main).expect("story.toml");
        let (expected, warned) = (stated(&text, "# expect:"), stated(&text, "# warn:"));
        let options = Options { allow_outside_dataset: false, ..Options::default() };
        let (actual, kind) = match load::load_path_with_options(&main, &options) {
            Ok(dataset) => (
                dataset.load_warnings.iter().map(|w| render(&folder, &w.file, w.line, w.column, &w.message)).collect(),
                "warn",
            ),
            Err(problems) => (
                problems
                    .0
                    .iter()
                    .map(|d: &Diagnostic| render(&folder, &d.file, d.line, d.column, &d.message))
                    .collect(),
                "expect",
            ),
        };
        let wanted: &Vec<String> = if expected.is_empty() { &warned } else { &expected };
        let wanted_kind = if expected.is_empty() { "warn" } else { "expect" };
        if (kind, &actual) != (wanted_kind, wanted) {
            failures
                .push(format!("{}: expected ({wanted_kind}) {wanted:#?}\n got ({kind}) {actual:#?}", folder.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_valid_set_reads_its_files_in_order_and_finds_quotes_in_text_files() {
    let folder = sets().join("valid");
    let dataset = load::load_path(&folder.join("story.toml")).expect("valid");
    let files: Vec<String> =
        dataset.files.iter().map(|p| p.strip_prefix(&folder).expect("inside").display().to_string()).collect();
    assert_eq!(
        files,
        [
            "events/01-first.toml",
            "events/02-later.toml",
            "more/sources.toml",
            "articles/fr-2015.txt",
            "articles/en-2016.md",
        ]
    );
    let article = std::fs::read_to_string(folder.join("articles/fr-2015.txt")).expect("article");
    let source = &dataset.sources[0];
    assert_eq!(source.text, article, "the text file is the source's text, byte for byte");
    // Events of every file, sorted by date; quotes point into the text file's text.
    let ids: Vec<&str> = dataset.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["zhangbei", "main-event", "dubai"]);
    for (event, words) in dataset.events.iter().zip([
        "Le déploiement à Zhangbei",
        "un milliard de dollars",
        "opened a data centre in Dubai",
    ]) {
        assert_eq!(dataset.quote_text(&event.quotes[0]), words, "{}", event.id);
    }
    // Each event knows the line of its header in its own file.
    assert_eq!(dataset.events[0].line, 2);
    assert_eq!(dataset.events[2].line, 1);
}

#[test]
fn a_path_outside_the_folder_is_read_when_the_config_allows_it() {
    let allowed = Options { allow_outside_dataset: true, ..Options::default() };
    let include = sets().join("include-outside/story.toml");
    let dataset = load::load_path_with_options(&include, &allowed).expect("allowed");
    assert!(dataset.themes.iter().any(|t| t.id == "outside"));
    // /etc/passwd is then refused for what it is, not where it is.
    let text = sets().join("text-file-outside/story.toml");
    let problems = load::load_path_with_options(&text, &allowed).expect_err("passwd is no article");
    let messages: Vec<&str> = problems.0.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert!(messages[0].contains("etc/passwd\" has no extension"), "{messages:#?}");
}

#[test]
fn text_files_and_included_files_over_the_limits_are_refused() {
    let folder = sets().join("valid");
    let small = Options { max_text_file_bytes: 64, ..Options::default() };
    let problems = load::load_path_with_options(&folder.join("story.toml"), &small).expect_err("too large");
    let shown: Vec<String> =
        problems.0.iter().map(|d| render(&folder, &d.file, d.line, d.column, &d.message)).collect();
    let size = std::fs::metadata(folder.join("articles/fr-2015.txt")).expect("size").len();
    assert_eq!(
        shown,
        [format!(
            "story.toml:16:13: source \"fr-2015\": text_file \"articles/fr-2015.txt\" is {size} bytes long (expected at most 64 bytes)"
        )]
    );
    let main = std::fs::metadata(folder.join("story.toml")).expect("size").len();
    let tight = Options { max_file_bytes: main + 10, ..Options::default() };
    let problems = load::load_path_with_options(&folder.join("story.toml"), &tight).expect_err("too large together");
    assert_eq!(problems.0.len(), 1, "{problems}");
    assert!(problems.0[0].message.contains("makes the dataset's files") && problems.0[0].line == 5, "{problems}");
}
