//! `annals import`: TimelineJS JSON and its spreadsheet template as CSV, converted to a
//! dataset (tests/fixtures/timelinejs/, written from TimelineJS's published format), with
//! everything that cannot be carried over listed on stderr.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_annals");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn annals(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN).args(args).current_dir(dir).output().expect("run annals")
}

fn fixture(name: &str) -> String {
    format!("{ROOT}/tests/fixtures/timelinejs/{name}")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn imported(args: &[&str]) -> (toml::Table, String) {
    let out = annals(Path::new(ROOT), args);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    let dataset = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    (dataset, stderr(&out))
}

fn list<'a>(dataset: &'a toml::Table, key: &str) -> Vec<&'a toml::Table> {
    dataset
        .get(key)
        .and_then(|v| v.as_array())
        .map_or(Vec::new(), |a| a.iter().map(|t| t.as_table().unwrap()).collect())
}

fn str_of<'a>(table: &'a toml::Table, key: &str) -> Option<&'a str> {
    table.get(key).and_then(|v| v.as_str())
}

#[test]
fn a_timelinejs_json_becomes_events_eras_themes_and_sources() {
    let (dataset, _) = imported(&["import", &fixture("harbour.json"), "--lang", "en"]);
    assert_eq!(str_of(dataset["dataset"].as_table().unwrap(), "title"), Some("The harbour and its barrier"));
    let themes: Vec<_> = list(&dataset, "theme").iter().map(|t| str_of(t, "id").unwrap()).collect();
    assert_eq!(themes, ["floods", "decisions", "legends"]);
    let eras = list(&dataset, "era");
    assert_eq!(eras.len(), 1, "an era with no end is not made up");
    assert_eq!((str_of(eras[0], "start"), str_of(eras[0], "end")), (Some("1953"), Some("2012")));

    let events = list(&dataset, "event");
    let ids: Vec<_> = events.iter().map(|e| str_of(e, "id").unwrap()).collect();
    assert_eq!(
        ids,
        ["the-great-flood", "winter-surge", "barrier-vote", "construction-begins", "a-greek-harbour-on-the-estuary"]
    );
    let dates: Vec<_> = events.iter().map(|e| str_of(e, "date")).collect();
    assert_eq!(
        dates,
        [Some("1953"), Some("2013-12"), Some("2019-03-14"), Some("2020-04"), None],
        "each at its precision"
    );
    assert_eq!(str_of(events[2], "end"), Some("2019-03-15"));
    assert_eq!(
        str_of(events[2], "summary"),
        Some("Eleven votes to four, after six years of debate.\n\nWork is to start in 2020.\n")
    );
    assert!(str_of(events[2], "date_note").unwrap().contains("Thursday evening, 14 March 2019"));
    assert_eq!(events[0]["themes"].as_array().unwrap()[0].as_str(), Some("floods"));
    let drafts: Vec<bool> = events.iter().map(|e| e.get("draft").and_then(|d| d.as_bool()) == Some(true)).collect();
    assert_eq!(drafts, [true, false, true, true, true], "only the event quoting a media caption is not a draft");

    let sources = list(&dataset, "source");
    assert_eq!(sources.len(), 1);
    let source = sources[0];
    assert_eq!(str_of(source, "title"), Some("The Coastal Ledger"));
    assert_eq!(source["title_editorial"].as_bool(), Some(true));
    assert_eq!(str_of(source, "language"), Some("en"));
    assert_eq!(str_of(source, "url"), Some("https://ledger.example.com/2013/12/surge"));
    let quote = events[1]["quote"].as_array().unwrap()[0].as_table().unwrap();
    assert_eq!(str_of(quote, "source"), str_of(source, "id"));
    assert!(str_of(source, "text").unwrap().contains(str_of(quote, "text").unwrap()), "the quote is in its source");
}

#[test]
fn without_lang_the_sources_say_their_language_is_undetermined_and_the_dataset_loads() {
    let out = annals(Path::new(ROOT), &["import", &fixture("harbour.json")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    let dataset = annals::load::load_str("imported.toml", &text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert!(!dataset.sources.is_empty());
    assert!(dataset.sources.iter().all(|s| s.language == "und"), "{:?}", dataset.sources);
    assert!(stderr(&out).contains("language = \"und\" (undetermined)"), "{}", stderr(&out));
    // A --lang that is not a language code is refused before anything is read or written.
    let wrong = annals(Path::new(ROOT), &["import", &fixture("harbour.json"), "--lang", "français"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(stderr(&wrong).contains("--lang: \"français\" is not a language code"), "{}", stderr(&wrong));
    assert!(wrong.stdout.is_empty());
}

#[test]
fn what_cannot_be_carried_over_is_listed() {
    let (_, notes) = imported(&["import", &fixture("harbour.json")]);
    for lost in [
        "the title slide (\"The harbour and its <em>barrier</em>\"): media https://images.example.com/harbour-panorama.jpg",
        "era 2 (\"The debate\") (an era needs a start and an end date)",
        "media \"thumbnail\": \"https://images.example.com/thumb-surge.jpg\"",
        "the time of day of its start date (hour 18, minute 05",
        "with its links https://ledger.example.com/2019/03/14/tidal-barrier",
        "\"background\": {\"color\":\"#1a5276\"}",
        "media https://www.youtube.com/watch?v=example (no credit and caption to make a source of)",
        "its start date, year -500",
        "the sources made from media credits have no language",
    ] {
        assert!(notes.contains(lost), "stderr lacks {lost}:\n{notes}");
    }
    assert!(notes.lines().filter(|l| l.starts_with("note: not carried over: ")).count() >= 9, "{notes}");
    assert!(notes.contains("imported 5 events (4 drafts), 1 source;"), "{notes}");
}

#[test]
fn the_spreadsheet_template_gives_the_same_events() {
    let (json, _) = imported(&["import", &fixture("harbour.json")]);
    let (csv, notes) = imported(&["import", &fixture("harbour.csv"), "--from", "timelinejs-csv"]);
    let fields = |dataset: &toml::Table| -> Vec<Vec<Option<String>>> {
        list(dataset, "event")
            .iter()
            .take(4)
            .map(|e| {
                ["date", "end", "title", "summary", "draft"]
                    .iter()
                    .map(|k| e.get(*k).map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string)))
                    .collect()
            })
            .collect()
    };
    assert_eq!(fields(&csv), fields(&json));
    assert_eq!(list(&csv, "event").len(), 4);
    assert_eq!(list(&csv, "era").len(), 1);
    assert_eq!(str_of(csv["dataset"].as_table().unwrap(), "title"), Some("The harbour and its barrier"));
    for lost in ["time 18:05", "Background \"#1a5276\"", "Media Thumbnail", "row 6 (\"Construction begins\")"] {
        assert!(notes.contains(lost), "stderr lacks {lost}:\n{notes}");
    }
}

#[test]
fn output_files_follow_the_export_rules() {
    let dir = tempfile::tempdir().unwrap();
    let json = fixture("harbour.json");
    let out = annals(dir.path(), &["import", &json, "-o", "story.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let first = fs::read_to_string(dir.path().join("story.toml")).unwrap();
    assert!(first.starts_with("# Imported from harbour.json"), "{first}");

    fs::write(dir.path().join("story.toml"), "mine").unwrap();
    let again = annals(dir.path(), &["import", &json, "-o", "story.toml"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("story.toml: the file exists (add --force to replace it)"), "{}", stderr(&again));
    assert_eq!(fs::read_to_string(dir.path().join("story.toml")).unwrap(), "mine");
    let forced = annals(dir.path(), &["import", &json, "-o", "story.toml", "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert_eq!(fs::read_to_string(dir.path().join("story.toml")).unwrap(), first);

    std::os::unix::fs::symlink("story.toml", dir.path().join("link.toml")).unwrap();
    let link = annals(dir.path(), &["import", &json, "-o", "link.toml", "--force"]);
    assert_eq!(link.status.code(), Some(1));
    assert!(stderr(&link).contains("symbolic link"), "{}", stderr(&link));
}

#[test]
fn broken_inputs_are_refused_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("bad.json"), "{\n  \"events\": [\n    { \"start_date\": }\n  ]\n}\n").unwrap();
    let out = annals(dir.path(), &["import", "bad.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("bad.json:3:21: not valid JSON: expected value\n"), "{}", stderr(&out));

    fs::write(dir.path().join("other.json"), "{\"slides\": []}").unwrap();
    let out = annals(dir.path(), &["import", "other.json"]);
    assert!(stderr(&out).contains("other.json:1:1: not a TimelineJS timeline: no \"events\" list"), "{}", stderr(&out));

    fs::write(dir.path().join("sheet.csv"), "a,b\n1,2\n").unwrap();
    let out = annals(dir.path(), &["import", "sheet.csv", "--from", "timelinejs-csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("sheet.csv:1:1: not the TimelineJS template"), "{}", stderr(&out));

    let out = annals(dir.path(), &["import", "sheet.csv", "--from", "excel"]);
    assert_eq!(out.status.code(), Some(2), "an unknown format is a usage error");
}
