//! A story published with `--export timelinejs` and brought back with `annals import` keeps its
//! events (ids, titles, dates and their precision), its eras and its themes. What TimelineJS
//! has no place for (a date's certainty marks, an open start, the kind of event) is said on stderr or in the
//! display date, not carried in the date itself; the comparison strips those marks.

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_annals");

fn run(args: &[&str]) -> Vec<u8> {
    let out = Command::new(BIN).args(args).output().expect("run annals");
    assert!(out.status.success(), "annals {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// `[2015-07]` (inferred), `~2016`, `2020?`, `..~2022-09` → the date's digits as written.
fn bare(date: &str) -> String {
    date.trim_start_matches("..").chars().filter(|c| !matches!(c, '[' | ']' | '~' | '?')).collect()
}

fn text(value: &serde_json::Value) -> Option<String> {
    value.as_str().map(bare)
}

fn field(table: &toml::Table, key: &str) -> Option<String> {
    table.get(key).and_then(|v| v.as_str()).map(bare)
}

fn tables<'a>(dataset: &'a toml::Table, key: &str) -> Vec<&'a toml::Table> {
    dataset[key].as_array().unwrap().iter().map(|t| t.as_table().unwrap()).collect()
}

#[test]
fn the_bundled_story_survives_a_timelinejs_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let exported = dir.path().join("story.json");
    run(&["--export", "timelinejs", "-o", exported.to_str().unwrap()]);
    let back = String::from_utf8(run(&["import", exported.to_str().unwrap()])).unwrap();
    let back: toml::Table = toml::from_str(&back).unwrap_or_else(|e| panic!("{e}\n{back}"));
    let original: serde_json::Value = serde_json::from_slice(&run(&["--export", "json"])).unwrap();

    let events = original["events"].as_array().unwrap();
    let imported = tables(&back, "event");
    assert_eq!(imported.len(), events.len(), "every event comes back");
    for (old, new) in events.iter().zip(&imported) {
        let id = old["id"].as_str().unwrap();
        assert_eq!(new["id"].as_str(), Some(id), "events keep their order and ids");
        // TimelineJS has no kind of event: a plan or a target says so in its headline.
        let title = old["title"].as_str().unwrap();
        let headline = match old["kind"].as_str() {
            Some("planned") => format!("Planned: {title}"),
            Some("target") => format!("Target: {title}"),
            _ => title.to_owned(),
        };
        assert_eq!(new["title"].as_str(), Some(headline.as_str()), "{id}: title");
        assert_eq!(field(new, "date"), text(&old["date"]), "{id}: date and its precision");
        assert_eq!(field(new, "end"), text(&old["end"]), "{id}: end");
    }

    let eras = original["eras"].as_array().unwrap();
    let imported = tables(&back, "era");
    assert_eq!(imported.len(), eras.len(), "every era comes back");
    for (old, new) in eras.iter().zip(&imported) {
        assert_eq!(new["label"].as_str(), old["label"].as_str());
        assert_eq!(field(new, "start"), text(&old["start"]));
        assert_eq!(field(new, "end"), text(&old["end"]));
    }

    // A slide has one group: an event's first theme comes back, by its label.
    let label_of = |themes: &[&toml::Table], id: &str| {
        themes.iter().find(|t| t["id"].as_str() == Some(id)).and_then(|t| t["label"].as_str()).map(str::to_owned)
    };
    let imported_themes = tables(&back, "theme");
    for (old, new) in events.iter().zip(tables(&back, "event")) {
        let first = old["themes"].as_array().unwrap().first().and_then(|t| t.as_str());
        let old_label =
            first.and_then(|id| original["themes"].as_array().unwrap().iter().find(|t| t["id"].as_str() == Some(id)));
        let new_first = new.get("themes").and_then(|t| t.as_array()).and_then(|t| t.first()).and_then(|t| t.as_str());
        assert_eq!(
            new_first.and_then(|id| label_of(&imported_themes, id)).as_deref(),
            old_label.and_then(|t| t["label"].as_str()),
            "{}: its first theme",
            old["id"]
        );
    }
    assert!(Path::new(&exported).exists());
}
