//! Hostile datasets through the other ways out of annals: every loadable file of
//! `tests/hostile/` exported in every format, and swapped in by a reload and out again.
//!
//! - No export panics; Markdown and CSV hold no control, bidi or invisible format character
//!   (`is_unsafe`, CR of CSV's line ends aside); JSON parses and holds them only escaped.
//! - No CSV cell starts a formula unless `--csv-raw` asked for raw cells.
//! - A reload from the bundled data to the hostile file and back draws safely at each step.

mod common;
#[path = "support/hostile.rs"]
mod hostile;

use std::path::PathBuf;

use annals::app::App;
use annals::export::{CsvCells, Format, Options, write};
use annals::input::keymap::Keymap;
use annals::text::sanitize::is_unsafe;

fn loadable() -> Vec<PathBuf> {
    hostile::ok_files()
}

fn exported(dataset: &annals::model::Dataset, format: Format, csv_cells: CsvCells) -> String {
    let events: Vec<usize> = (0..dataset.events.len()).collect();
    let mut out = Vec::new();
    let options = Options { selection: Some("hostile"), csv_cells, ..Options::default() };
    write(&mut out, dataset, &events, format, &options).expect("writing to memory");
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn every_loadable_hostile_file_exports_safely_in_every_format() {
    let mut problems = Vec::new();
    for path in loadable() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let dataset = annals::load::load_path(&path).unwrap_or_else(|d| panic!("{name}: {d}"));
        for (format, cells) in [
            (Format::Markdown, CsvCells::Neutralised),
            (Format::Csv, CsvCells::Neutralised),
            (Format::Csv, CsvCells::Raw),
        ] {
            let text = exported(&dataset, format, cells);
            if let Some(c) = text.chars().find(|&c| is_unsafe(c) && !(format == Format::Csv && c == '\r')) {
                problems.push(format!("{name} as {}: holds U+{:04X}", format.name(), c as u32));
            }
            if format == Format::Csv && cells == CsvCells::Neutralised {
                let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
                for record in reader.records() {
                    let record = record.unwrap_or_else(|e| panic!("{name}: the CSV reads back: {e}"));
                    if let Some(cell) = record.iter().find(|cell| cell.starts_with(['=', '+', '-', '@', '\t', '\r'])) {
                        problems.push(format!("{name}: a live formula cell {cell:?}"));
                    }
                }
            }
        }
        let json = exported(&dataset, Format::Json, CsvCells::Neutralised);
        if let Err(e) = serde_json::from_str::<serde_json::Value>(&json) {
            problems.push(format!("{name}: the JSON does not parse: {e}"));
        }
        if json.chars().any(|c| c.is_control() && c != '\n') {
            problems.push(format!("{name}: the JSON holds a raw control character"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_reload_to_each_hostile_file_and_back_draws_safely() {
    let bundled = common::bundled();
    let mut app = App::new(bundled.clone(), Keymap::default_keymap(), (100, 30));
    common::act(&mut app, &[annals::input::Action::Bottom]);
    for path in loadable() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let dataset = annals::load::load_path(&path).unwrap_or_else(|d| panic!("{name}: {d}"));
        for next in [dataset, bundled.clone()] {
            app.replace_dataset(next);
            let terminal = common::render(&app);
            let unsafe_cell = terminal.backend().buffer().content.iter().find(|c| c.symbol().chars().any(is_unsafe));
            assert!(unsafe_cell.is_none(), "{name}: an unsafe cell after a reload: {unsafe_cell:?}");
        }
        assert!(app.message.as_deref().is_some_and(|m| m.starts_with("reloaded")), "{name}");
    }
}
