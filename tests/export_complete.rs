//! What makes an export complete: the eras and the compare facts (as the compare view shows
//! them) in JSON and Markdown, the CSV's sortable date columns and source fields, unsourced
//! events marked in every format, and the JSON fields of version 1 unchanged.

mod common;

use annals::export::{Format, export};
use annals::input::Action;
use annals::model::Dataset;
use serde_json::Value;

fn all(dataset: &Dataset) -> Vec<usize> {
    (0..dataset.events.len()).collect()
}

fn json(dataset: &Dataset, events: &[usize]) -> Value {
    serde_json::from_str(&export(dataset, events, Format::Json)).expect("valid JSON")
}

/// The fields of version 1 of the JSON export and the JSON types they may have.
const V1_EVENT: [(&str, &[&str]); 11] = [
    ("id", &["string"]),
    ("date", &["string"]),
    ("date_precision", &["string"]),
    ("date_certainty", &["string"]),
    ("end", &["string", "null"]),
    ("date_note", &["string", "null"]),
    ("title", &["string"]),
    ("summary", &["string"]),
    ("themes", &["array"]),
    ("quotes", &["array"]),
    ("figures", &["array"]),
];
const V1_QUOTE: [(&str, &[&str]); 2] = [("source", &["string"]), ("text", &["string"])];
const V1_FIGURE: [(&str, &[&str]); 7] = [
    ("label", &["string"]),
    ("value", &["number"]),
    ("unit", &["string"]),
    ("source", &["string"]),
    ("quote", &["string"]),
    ("converted_value", &["number", "null"]),
    ("converted_unit", &["string", "null"]),
];
const V1_SOURCE: [(&str, &[&str]); 6] = [
    ("id", &["string"]),
    ("title", &["string"]),
    ("publisher", &["string", "null"]),
    ("language", &["string"]),
    ("date", &["string", "null"]),
    ("date_note", &["string", "null"]),
];
const V1_THEME: [(&str, &[&str]); 4] =
    [("id", &["string"]), ("label", &["string"]), ("description", &["string"]), ("color", &["string", "null"])];

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn check(what: &str, object: &Value, fields: &[(&str, &[&str])], problems: &mut Vec<String>) {
    for (name, types) in fields {
        match object.get(name) {
            None => problems.push(format!("{what}: no `{name}`")),
            Some(value) if !types.contains(&kind(value)) => {
                problems.push(format!("{what}: `{name}` is {}, expected {types:?}", kind(value)))
            }
            Some(_) => {}
        }
    }
}

#[test]
fn every_field_of_version_1_keeps_its_name_and_type() {
    let d = common::bundled();
    let json = json(&d, &all(&d));
    let mut problems = Vec::new();
    assert_eq!(json["format"], "annals-export");
    assert!(json["version"].is_u64());
    check("dataset", &json["dataset"], &[("title", &["string"]), ("description", &["string"])], &mut problems);
    for key in ["events", "sources", "themes"] {
        assert!(json[key].is_array(), "{key}");
    }
    for event in json["events"].as_array().unwrap() {
        check("event", event, &V1_EVENT, &mut problems);
        let precision = event["date_precision"].as_str().unwrap();
        assert!(["year", "month", "day"].contains(&precision), "{precision}");
        for quote in event["quotes"].as_array().unwrap() {
            check("quote", quote, &V1_QUOTE, &mut problems);
        }
        for figure in event["figures"].as_array().unwrap() {
            check("figure", figure, &V1_FIGURE, &mut problems);
        }
        assert!(event["themes"].as_array().unwrap().iter().all(Value::is_string));
    }
    for source in json["sources"].as_array().unwrap() {
        check("source", source, &V1_SOURCE, &mut problems);
        assert!(source.get("text").is_none(), "the full text stays out");
    }
    for theme in json["themes"].as_array().unwrap() {
        check("theme", theme, &V1_THEME, &mut problems);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn json_carries_the_eras_and_the_facts_as_the_compare_view_shows_them() {
    let d = common::bundled();
    let json = json(&d, &all(&d));
    let eras = json["eras"].as_array().unwrap();
    assert_eq!(eras.len(), d.eras.len());
    for (era, model) in eras.iter().zip(&d.eras) {
        assert_eq!(era["id"], model.id.as_str());
        assert_eq!(era["start"], model.start.to_string().as_str());
        assert_eq!(era["end"], model.end.to_string().as_str());
        assert_eq!(era["description"].as_str(), model.description.as_deref());
    }
    let facts = json["facts"].as_array().unwrap();
    assert_eq!(facts.len(), d.facts.len());
    let source_ids: Vec<&str> = json["sources"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();

    // The compare view, drawn tall enough to show every claim.
    let mut app = common::app(200, 120);
    common::act(&mut app, &[Action::Compare]);
    let screen = common::screen(&app);
    for (fact, model) in facts.iter().zip(&d.facts) {
        assert_eq!(fact["id"], model.id.as_str());
        assert_eq!(fact["claims"].as_array().unwrap().len(), model.claims.len());
        let flag = fact["flag"].as_str().unwrap();
        assert_eq!(fact["agree"], flag == "the claims agree", "{flag}");
        assert!(screen.contains(flag), "the compare view shows the flag {flag:?}:\n{screen}");
        for claim in fact["claims"].as_array().unwrap() {
            let summary = claim["summary"].as_str().unwrap();
            assert!(screen.contains(summary), "the compare view shows {summary:?}");
            assert!(source_ids.contains(&claim["source"].as_str().unwrap()), "the claim's source is exported");
            assert!(!claim["quote"].as_str().unwrap().is_empty());
            for key in ["value", "unit", "rank", "scope", "as_of", "report_gap"] {
                assert!(claim.get(key).is_some(), "claim field {key} is always present");
            }
        }
    }
    let plan = facts.iter().find(|f| f["id"] == "plan-2020-size").unwrap();
    assert_eq!(plan["claims"][0]["value"], 200_000_000_000u64);
    assert_eq!(plan["claims"][0]["unit"], "CNY");
    assert!(plan["differences"].as_array().unwrap().iter().any(|d| d["aspect"] == "unit"));
    let ranking = facts.iter().find(|f| f["id"] == "cloud-ranking").unwrap();
    assert_eq!(ranking["event"], Value::Null);
    assert_eq!(ranking["claims"][1]["departs"], true, "rank 2 against rank 1: ≠ first claim");
    assert_eq!(ranking["claims"][0]["scope"], Value::Null);
}

#[test]
fn a_subset_keeps_the_facts_of_its_events_and_the_sources_they_quote() {
    let d = common::bundled();
    let one = d.event_index("aws-revenue-2015").unwrap();
    let json = json(&d, &[one]);
    assert!(json["facts"].as_array().unwrap().is_empty(), "no fact is tied to it or quotes its article");
    let of_2020: Vec<usize> = (0..d.events.len()).filter(|&i| d.events[i].date.year == 2020).collect();
    let json = self::json(&d, &of_2020);
    let facts: Vec<&str> = json["facts"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert!(facts.contains(&"plan-2020-size"), "tied to an event of 2020: {facts:?}");
    assert!(facts.contains(&"cloud-ranking"), "tied to no event, quoting an article 2020 events quote: {facts:?}");
    let sources: Vec<&str> = json["sources"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    for fact in json["facts"].as_array().unwrap() {
        for claim in fact["claims"].as_array().unwrap() {
            assert!(sources.contains(&claim["source"].as_str().unwrap()), "every claim's source is exported");
        }
    }
}

fn unsourced() -> Dataset {
    let mut d = common::bundled();
    d.events[1].quotes.clear();
    d
}

#[test]
fn an_event_with_no_quote_is_marked_unsourced_in_every_format() {
    let d = unsourced();
    let id = d.events[1].id.clone();
    let json = json(&d, &all(&d));
    for event in json["events"].as_array().unwrap() {
        assert_eq!(event["unsourced"], event["id"] == id.as_str(), "{}", event["id"]);
    }
    let md = export(&d, &all(&d), Format::Markdown);
    assert_eq!(md.matches("**Unsourced:** no quote supports this event.").count(), 1);
    let csv = export(&d, &all(&d), Format::Csv);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    for row in reader.records() {
        let row = row.unwrap();
        let expected = if row[column("event_id")] == *id { "true" } else { "false" };
        assert_eq!(&row[column("unsourced")], expected, "{row:?}");
    }
}

#[test]
fn markdown_lists_the_eras_and_the_compared_facts() {
    let d = common::bundled();
    let md = export(&d, &all(&d), Format::Markdown);
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(headings.first(), Some(&"## Eras"));
    assert_eq!(headings[headings.len() - 2..], ["## Compared facts", "## Sources"]);
    for era in &d.eras {
        assert!(md.contains(&format!("- **{}** ({})", era.label, era.span())), "{}", era.label);
    }
    assert!(md.contains("### Size of the three-year cloud plan · amount · event 2020? "), "{md}");
    assert!(md.contains("**⚑ The claims differ in:** "));
    assert!(md.contains("✓ The claims agree."));
    assert!(md.contains("- **rank 2 · Asia-Pacific · as of 2020?** · ≠ first claim: “Alibaba is the second"), "{md}");
}

#[test]
fn csv_dates_sort_as_days_and_sources_keep_their_fields() {
    let d = common::bundled();
    let text = export(&d, &all(&d), Format::Csv);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let mut starts = Vec::new();
    for row in &rows {
        let event = d.events.iter().find(|e| e.id == row[column("event_id")]).unwrap();
        assert_eq!(&row[column("summary")], event.summary.as_str());
        let (start, end) = (&row[column("date_start")], &row[column("date_end")]);
        assert!(end.len() == 10 && end.as_bytes()[4] == b'-', "{end}");
        if event.open_start {
            assert_eq!(start, "", "an open start has no first day");
        } else {
            assert!(start <= end, "{start} > {end}");
            starts.push(start.to_string());
        }
        let source = d.sources.iter().find(|s| s.id == row[column("source_id")]).unwrap();
        assert_eq!(&row[column("source_url")], source.url.as_deref().unwrap_or(""));
        assert_eq!(&row[column("source_section")], source.section.as_deref().unwrap_or(""));
        assert_eq!(&row[column("source_archive_url")], source.archive_url.as_deref().unwrap_or(""));
        assert_eq!(&row[column("source_authors")], source.authors.join("; ").as_str());
        assert_eq!(&row[column("source_title_editorial")], if source.title_editorial { "true" } else { "false" });
    }
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted, "the timeline order is the order of date_start as text");
    let row = |id: &str| rows.iter().find(|r| &r[column("event_id")] == id).unwrap();
    assert_eq!(
        (&row("aws-revenue-2015")[column("date_start")], &row("aws-revenue-2015")[column("date_end")]),
        ("2015-07-01", "2015-07-31")
    );
}
