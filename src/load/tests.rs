//! Chunked loading (the fast path for large files) against whole-file loading (the simple
//! reference): the same dataset, or exactly the same diagnostics, on the fixtures, the bundled
//! dataset, and synthetic datasets with and without problems planted in them.

use std::path::Path;

use super::{Chunking, load_with};

#[allow(dead_code, clippy::all)]
#[path = "../../examples/synth.rs"]
mod synth;

fn synthetic(events: usize, seed: u64) -> String {
    let mut bytes = Vec::new();
    synth::generate(events, seed, &mut bytes).expect("generate");
    String::from_utf8(bytes).expect("synth writes UTF-8")
}

/// Every way of cutting `text` loads it as the whole file does.
fn assert_same_as_whole(name: &str, text: &str) {
    let whole = load_with(name, text, Chunking::Whole);
    for (bytes, threads) in [(1, 1), (1, 2), (1, 3), (200, 2), (4096, 2), (64 << 10, 2)] {
        let chunked = load_with(name, text, Chunking::Chunks { bytes, threads });
        if chunked != whole {
            let show = |r: &Result<crate::model::Dataset, super::Diagnostics>| match r {
                Ok(d) => format!("Ok({})", d.summary_line()),
                Err(e) => format!("Err(\n{e}\n)"),
            };
            panic!(
                "{name}: chunks of {bytes} bytes on {threads} threads differ from the whole file:\nchunked: {}\nwhole: {}",
                show(&chunked),
                show(&whole)
            );
        }
    }
    assert_eq!(load_with(name, text, Chunking::Auto), whole, "{name}: automatic chunking");
}

fn fixture_files() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = Vec::new();
    for kind in ["valid", "invalid"] {
        let Ok(entries) = std::fs::read_dir(root.join(kind)) else { continue };
        files.extend(entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "toml")));
    }
    files.sort();
    files
}

#[test]
fn fixtures_and_bundled_dataset_load_the_same_in_chunks() {
    let files = fixture_files();
    assert!(files.len() > 10, "fixtures not found");
    for path in files {
        let text = std::fs::read_to_string(&path).expect("read fixture");
        assert_same_as_whole(&path.display().to_string(), &text);
    }
    assert_same_as_whole(super::BUNDLED_NAME, super::BUNDLED_TEXT);
}

#[test]
fn synthetic_datasets_load_the_same_in_chunks() {
    for seed in 1..=4 {
        let text = synthetic(150 + 40 * seed as usize, seed);
        assert!(text.contains("\n[[event]] est un en-tête."), "a header line inside a source text is tested");
        let whole = load_with("synth.toml", &text, Chunking::Whole);
        assert!(whole.is_ok(), "seed {seed}: {}", whole.err().map(|e| e.to_string()).unwrap_or_default());
        assert_same_as_whole(&format!("synth seed {seed}"), &text);
    }
}

/// Replaces the `nth` (0-based) occurrence of `pattern`.
fn replace_nth(text: &str, pattern: &str, nth: usize, with: &str) -> String {
    let at = text.match_indices(pattern).nth(nth).unwrap_or_else(|| panic!("no occurrence {nth} of {pattern:?}")).0;
    format!("{}{with}{}", &text[..at], &text[at + pattern.len()..])
}

#[test]
fn problems_planted_in_synthetic_datasets_are_reported_the_same_in_chunks() {
    let text = synthetic(300, 9);
    let plants: &[(&str, usize, &str)] = &[
        ("id = \"evt-0000010\"", 0, "id = \"evt-0000002\""),
        ("id = \"evt-0000250\"", 0, "id = \"evt-0000002\""),
        ("source = \"src-000001\"", 3, "source = \"src-00000l\""),
        ("themes = [", 40, "themes = [\"nope\", 3, "),
        ("date = \"", 77, "date = \"2016-09-31"),
        ("text = \"", 120, "text = \"ZZZ "),
        ("[[event]]\n", 200, "[[event]]\ncolour = \"red\"\n"),
        ("[[event]]\nid = ", 230, "[[event]]\nidd = "),
        ("[[source]]\nid = \"src-000007\"", 0, "[[source]]\nid = \"src 7\""),
        ("[[event.quote]]\nsource", 500, "[[event.quote]]\nsourc"),
        ("kind = \"", 0, "kind = \"total"),
        ("label = \"Les débuts\"", 0, "label = \" \""),
    ];
    let mut all = text.clone();
    for (i, (pattern, nth, with)) in plants.iter().enumerate() {
        let one = replace_nth(&text, pattern, *nth, with);
        assert!(load_with("planted.toml", &one, Chunking::Whole).is_err(), "plant {i} is a problem");
        assert_same_as_whole(&format!("plant {i}"), &one);
        all = replace_nth(&all, pattern, *nth, with);
    }
    assert_same_as_whole("all plants", &all);
    // The file without its [dataset] table, and with a record before any table.
    let no_dataset = text.replacen("[dataset]\n", "[[theme]]\nid = \"first\"\n", 1);
    assert_same_as_whole("no dataset", &no_dataset);
}

#[test]
fn files_that_chunks_cannot_stand_for_are_read_whole() {
    let text = synthetic(200, 3);
    let cases = [
        // Syntax errors: the whole file's messages.
        replace_nth(&text, "title = \"", 50, "title = \"unterminated\n"),
        replace_nth(&text, "[[event]]\n", 100, "[[event]]\nid = \"x\"\n"),
        replace_nth(&text, "text = \"\"\"", 5, "text = \"\"\"\n\"\"\"\n[[event]]\n"),
        // A table that two chunks define: TOML says it is defined twice.
        format!("{text}\n[dataset]\ntitle = \"again\"\n"),
        // An inline array, then `[[event]]` tables: not allowed in TOML.
        text.replacen("[[theme]]\n", "event = [{ id = \"inline\" }]\n\n[[theme]]\n", 1),
        // `[[event.quote]]` after a source: the last event's quote, in another chunk.
        replace_nth(&text, "[[source]]\n", 3, "[[source]]\n").replacen(
            "\n[[event]]\n",
            "\n[[source]]\nid = \"s\"\ntitle = \"t\"\nlanguage = \"fr\"\ntext = \"quoted\"\n\n[[event.quote]]\nsource = \"s\"\ntext = \"quoted\"\n\n[[event]]\n",
            30,
        ),
    ];
    for (i, case) in cases.iter().enumerate() {
        assert_same_as_whole(&format!("case {i}"), case);
    }
}

/// A file loaded as it streams in from disk, in chunks and blocks of many sizes: a valid one
/// gives the dataset the whole file gives; one with problems is refused by the stream (so that
/// it is read again whole, and the diagnostics are the whole file's).
fn assert_streams_as_whole(name: &str, text: &str) {
    let whole = load_with(name, text, Chunking::Whole);
    let dir = tempfile::Builder::new().prefix("annals-stream-").tempdir().expect("temporary directory");
    let path = dir.path().join(Path::new(name).file_name().unwrap_or_default());
    std::fs::write(&path, text).expect("write the file");
    let size = text.len() as u64;
    for (bytes, threads) in [(1, 1), (1, 2), (200, 2), (4096, 3), (64 << 10, 2)] {
        let chunking = Chunking::Chunks { bytes, threads };
        let streamed = super::load_streaming(&path, size, chunking, &crate::load::Progress::default());
        assert!(streamed == whole.clone().ok(), "{name}: streamed in chunks of {bytes} bytes on {threads} threads");
        let by_path = super::load_path_with(&path, chunking).map_err(|e| e.to_string());
        let file = path.display().to_string();
        assert!(by_path == whole.clone().map_err(|e| e.to_string().replace(name, &file)), "{name}: by path");
    }
}

#[test]
fn files_streamed_from_disk_load_as_the_whole_file() {
    let mut loaded = 0;
    for path in fixture_files() {
        let text = std::fs::read_to_string(&path).expect("read fixture");
        assert_streams_as_whole(&path.display().to_string(), &text);
        loaded += usize::from(load_with("f", &text, Chunking::Whole).is_ok());
    }
    assert!(loaded >= 5, "valid fixtures streamed: {loaded}");
    assert_streams_as_whole(super::BUNDLED_NAME, super::BUNDLED_TEXT);
    let text = synthetic(300, 7);
    assert_streams_as_whole("synth-300.toml", &text);
    // Problems planted in a large file: the stream refuses it, and reading it whole reports them.
    let broken = text.replacen("date = \"", "date = \"2016-02-30", 1).replacen("[[source]]", "[[source]\n", 1);
    assert!(load_with("broken.toml", &broken, Chunking::Whole).is_err());
    assert_streams_as_whole("broken.toml", &broken);
}
