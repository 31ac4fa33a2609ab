//! The Markdown, JSON and CSV exports: reviewed snapshots of the bundled dataset, and each
//! format read back by a real parser.

use annals::export::{CsvCells, Format, Options, export};
use annals::model::{Dataset, Date};
use serde_json::Value;

fn bundled() -> Dataset {
    annals::load::bundled().expect("the bundled dataset loads")
}

fn all(dataset: &Dataset) -> Vec<usize> {
    (0..dataset.events.len()).collect()
}

/// A small dataset whose texts are hostile to every format.
const TRICKY: &str = r##"
[dataset]
title = "# *evil* | [x](y)"
description = """
> not a quote
1. not a list
| a | b |
|---|---|
"""

[[theme]]
id = "t"
label = "Theme, with \"quotes\""
description = "A theme."

[[source]]
id = "src"
title = "Source, \"quoted\"\nand broken"
publisher = "Pub"
language = "en"
date = "2020-05?"
text = """
He said, "yes" and
then left. Then more.
"""

[[event]]
id = "tricky"
date = "~2020-05"
end = "2021"
title = "# *evil* | [x](y)"
summary = "- not a list\n```\nnot code\n```\n<script>x</script>"
themes = ["t"]

[[event.quote]]
source = "src"
text = "He said, \"yes\" and\nthen left."

[[event]]
id = "later"
date = "2021-01-02"
title = "Another year"
summary = "Nothing to see."
themes = ["t"]

[[event.quote]]
source = "src"
text = "Then more."
"##;

fn tricky() -> Dataset {
    annals::load::load_str("tricky.toml", TRICKY).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn format_names() {
    assert_eq!(Format::parse("md"), Some(Format::Markdown));
    assert_eq!(Format::parse("markdown"), Some(Format::Markdown));
    assert_eq!(Format::parse("json"), Some(Format::Json));
    assert_eq!(Format::parse("csv"), Some(Format::Csv));
    assert_eq!(Format::parse("pdf"), None);
}

#[test]
fn snapshot_markdown_bundled() {
    let d = bundled();
    insta::assert_snapshot!("markdown_bundled", export(&d, &all(&d), Format::Markdown));
}

#[test]
fn snapshot_json_bundled() {
    let d = bundled();
    insta::assert_snapshot!("json_bundled", export(&d, &all(&d), Format::Json));
}

#[test]
fn snapshot_csv_bundled() {
    let d = bundled();
    insta::assert_snapshot!("csv_bundled", export(&d, &all(&d), Format::Csv));
}

#[test]
fn json_reads_back_with_dates_and_source_ids() {
    let d = bundled();
    let text = export(&d, &all(&d), Format::Json);
    assert!(text.ends_with("}\n"));
    let json: Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(json["format"], "annals-export");
    assert_eq!(json["version"], 3);
    let plan = json["events"].as_array().unwrap().iter().find(|e| e["id"] == "plan-2020").expect("the 2020 plan");
    let facts: Vec<&Value> = plan["figures"].as_array().unwrap().iter().map(|f| &f["fact"]).collect();
    assert_eq!(facts, [&Value::from("plan-2020-size"), &Value::from("plan-2020-size")], "figures name their fact");
    assert_eq!(json["dataset"]["title"], d.title.as_str());
    let events = json["events"].as_array().unwrap();
    assert_eq!(events.len(), d.events.len());
    let source_ids: Vec<&str> = json["sources"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    for (event, model) in events.iter().zip(&d.events) {
        assert_eq!(event["id"], model.id.as_str());
        let written = event["date"].as_str().unwrap();
        assert_eq!(event["date_open_start"], written.starts_with(".."), "{}", model.id);
        let date = Date::parse(written.trim_start_matches("..")).expect("the date parses");
        assert_eq!(date, model.date, "{}", model.id);
        assert_eq!(event["kind"], model.kind.name());
        assert_eq!(event["date_note"].as_str(), model.date_note.as_deref(), "every date note");
        let end = event["end"].as_str().map(|e| Date::parse(e).unwrap());
        assert_eq!(end, model.end, "{}", model.id);
        let precision = format!("{:?}", model.date.precision()).to_lowercase();
        assert_eq!(event["date_precision"], precision.as_str());
        let certainty = format!("{:?}", model.date.certainty).to_lowercase();
        assert_eq!(event["date_certainty"], certainty.as_str());
        assert_eq!(event["quotes"].as_array().unwrap().len(), model.quotes.len());
        for quote in event["quotes"].as_array().unwrap() {
            let id = quote["source"].as_str().unwrap();
            assert!(source_ids.contains(&id), "{} quotes unknown source {id}", model.id);
        }
        for figure in event["figures"].as_array().unwrap() {
            assert!(source_ids.contains(&figure["source"].as_str().unwrap()));
            assert!(figure["value"].is_number());
        }
    }
    assert!(json["sources"][0].get("text").is_none(), "sources carry no full text");
    assert_eq!(json["themes"].as_array().unwrap().len(), d.themes.len());
}

#[test]
fn json_lists_only_the_sources_of_the_exported_events() {
    let d = bundled();
    let first = d.event_index("aws-revenue-2015").unwrap();
    let json: Value = serde_json::from_str(&export(&d, &[first], Format::Json)).unwrap();
    let ids: Vec<&str> = json["sources"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["fr-2015-aliyun-amazon"]);
    assert_eq!(json["events"].as_array().unwrap().len(), 1);
}

fn read_csv(text: &str) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let rows = reader.records().collect::<Result<Vec<_>, _>>().expect("valid CSV");
    (header, rows)
}

#[test]
fn csv_has_one_row_per_quote_and_a_full_header() {
    let d = bundled();
    let (header, rows) = read_csv(&export(&d, &all(&d), Format::Csv));
    assert_eq!(
        header.iter().collect::<Vec<_>>().join(","),
        "event_id,date,date_precision,date_certainty,end,kind,date_note,title,themes,quote,source_id,\
         source_title,source_publisher,source_language,source_date,source_date_note,date_start,date_end,summary,\
         unsourced,source_title_editorial,source_authors,source_section,source_url,source_accessed,source_archive_url,draft"
    );
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    for row in &rows {
        let event = d.events.iter().find(|e| e.id == row[0]).unwrap();
        assert_eq!(&row[column("date_note")], event.date_note.as_deref().unwrap_or(""), "every date note");
        assert_eq!(&row[column("kind")], event.kind.name());
        let source = d.sources.iter().find(|s| s.id == row[column("source_id")]).unwrap();
        assert_eq!(&row[column("source_date_note")], source.date_note.as_deref().unwrap_or(""));
    }
    let certainties: Vec<&str> = rows.iter().map(|r| &r[column("date_certainty")]).collect();
    assert!(certainties.contains(&"inferred"), "{certainties:?}");
    let expected: usize = d.events.iter().map(|e| e.quotes.len().max(1)).sum();
    assert_eq!(rows.len(), expected);
    for row in &rows {
        assert_eq!(row.len(), header.len(), "{row:?}");
    }
}

#[test]
fn csv_round_trips_commas_quotes_and_newlines() {
    let mut d = tricky();
    d.events[1].quotes.clear(); // an event with no quote still gets a row
    let text = export(&d, &all(&d), Format::Csv);
    assert!(!text.contains('\r'));
    let (header, rows) = read_csv(&text);
    assert_eq!(rows.len(), 2);
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let first = &rows[0];
    // A quote is its source's passage, whose line break reads as a space.
    assert_eq!(&first[column("quote")], "He said, \"yes\" and then left.");
    assert_eq!(&first[column("source_title")], "Source, \"quoted\"\nand broken");
    assert_eq!(&first[column("date")], "~2020-05");
    assert_eq!(&first[column("end")], "2021");
    assert_eq!(&first[column("source_date")], "2020-05?");
    assert_eq!(&first[column("title")], "# *evil* | [x](y)");
    let second = &rows[1];
    assert_eq!(second.len(), header.len());
    assert_eq!(&second[column("event_id")], "later");
    assert_eq!(&second[column("quote")], "");
    assert_eq!(&second[column("source_id")], "");
}

#[test]
fn exports_carry_no_raw_control_characters() {
    let mut d = tricky();
    d.events[0].title = "esc\u{1b}[2J bell\u{7} c1\u{9b} rlo\u{202e} tab\t".into();
    // A quote's words are its source's passage: raw controls there, past the loader's rule.
    let source = d.events[0].quotes[0].source;
    d.sources[source].text = "quote\u{1b}]0;pwned\u{7}".into();
    d.events[0].quotes[0].range = 0..d.sources[source].text.len();
    for format in [Format::Markdown, Format::Csv, Format::Json] {
        let text = export(&d, &all(&d), format);
        let bad: Vec<char> = text.chars().filter(|&c| c != '\n' && annals::text::sanitize::is_unsafe(c)).collect();
        assert!(bad.is_empty(), "{format:?}: {bad:?}");
    }
    let json: Value = serde_json::from_str(&export(&d, &all(&d), Format::Json)).unwrap();
    assert_eq!(json["events"][0]["title"], d.events[0].title.as_str(), "JSON keeps the exact text");
    assert!(export(&d, &all(&d), Format::Markdown).contains("esc␛\\[2J bell␇"));
}

#[test]
fn markdown_text_cannot_make_headings_links_or_tables() {
    let d = tricky();
    let md = export(&d, &all(&d), Format::Markdown);
    assert!(md.starts_with("# \\# \\*evil\\* \\| \\[x](y)\n"), "{md}");
    assert!(md.contains("### \\~2020-05 to 2021 — \\# \\*evil\\* \\| \\[x](y)\n"), "{md}");
    assert!(!md.replace("\\[", "").contains("[x]("), "no link can form");
    assert!(!md.contains("*evil*"), "no emphasis can form");
    assert!(md.lines().all(|l| !l.starts_with('|') && !l.starts_with("```")), "{md}");
    assert!(md.contains("\n\\> not a quote\n1\\. not a list\n\\| a \\| b \\|\n\\|---\\|---\\|\n"), "{md}");
    assert!(md.contains("\\- not a list\n\\`\\`\\`\nnot code\n\\`\\`\\`\n\\<script>x\\</script>\n"), "{md}");
    assert!(
        md.contains(
            "> “He said, \"yes\" and then left.”\n>\n> — Source, \"quoted\" and broken. (ca. 2020, May). Pub.\n"
        ),
        "{md}"
    );
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(
        headings,
        [
            "# \\# \\*evil\\* \\| \\[x](y)",
            "## 2020",
            "### \\~2020-05 to 2021 — \\# \\*evil\\* \\| \\[x](y)",
            "## 2021",
            "### 2021-01-02 — Another year",
            "## Sources",
        ]
    );
}

#[test]
fn markdown_subset_lists_only_the_chosen_events() {
    let d = bundled();
    let of_2020: Vec<usize> = (0..d.events.len()).filter(|&i| d.events[i].date.year == 2020).collect();
    assert_eq!(of_2020.len(), 6);
    let md = export(&d, &of_2020, Format::Markdown);
    let timeline = &md[md.find("## 2020").unwrap_or(0)..md.find("## Compared facts").unwrap_or(md.len())];
    let events: Vec<&str> = timeline.lines().filter(|l| l.starts_with("### ")).collect();
    assert_eq!(events.len(), of_2020.len());
    for (line, &i) in events.iter().zip(&of_2020) {
        assert!(line.contains(&d.events[i].date.to_string()), "{line}");
    }
    let years: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(years, ["## Eras", "## 2020", "## Compared facts", "## Sources"]);
    assert!(!timeline.contains("ByteDance leaves"));
    assert!(md.contains("Cloud revenue up 58.5% to €1.5B between June and September"));
}

#[test]
fn empty_selection_is_still_a_valid_document() {
    let d = bundled();
    let md = export(&d, &[], Format::Markdown);
    assert!(md.starts_with(&format!("# {}\n", d.title)));
    assert!(md.ends_with("*No events.*\n"));
    let json: Value = serde_json::from_str(&export(&d, &[], Format::Json)).unwrap();
    assert_eq!(json["events"].as_array().unwrap().len(), 0);
    assert_eq!(json["sources"].as_array().unwrap().len(), 0);
    assert_eq!(export(&d, &[], Format::Csv).lines().count(), 1);
}

/// The same rows, with formula-like texts where every kind of field can carry them.
fn formulas() -> Dataset {
    let mut d = tricky();
    d.events[0].title = "=HYPERLINK(\"http://evil.example\",\"click\")".into();
    d.events[1].title = "@SUM(A1:A2)".into();
    let source = d.events[0].quotes[0].source;
    d.sources[source].title = "+cmd|' /C calc'!A0".into();
    d.sources[source].publisher = Some("-2+3".into());
    d
}

fn csv_with(d: &Dataset, cells: CsvCells) -> String {
    let mut out = Vec::new();
    let options = Options { csv_cells: cells, ..Options::default() };
    annals::export::write(&mut out, d, &all(d), Format::Csv, &options).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn csv_cells_that_would_run_as_formulas_get_a_quote_first() {
    let d = formulas();
    assert_eq!(export(&d, &all(&d), Format::Csv), csv_with(&d, CsvCells::Neutralised), "the default");
    let (header, rows) = read_csv(&csv_with(&d, CsvCells::Neutralised));
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(&rows[0][column("title")], "'=HYPERLINK(\"http://evil.example\",\"click\")");
    assert_eq!(&rows[1][column("title")], "'@SUM(A1:A2)");
    assert_eq!(&rows[0][column("source_title")], "'+cmd|' /C calc'!A0");
    assert_eq!(&rows[0][column("source_publisher")], "'-2+3");
    for row in &rows {
        assert!(row.iter().all(|cell| !cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\n'])), "{row:?}");
    }
    let (_, raw) = read_csv(&csv_with(&d, CsvCells::Raw));
    assert_eq!(&raw[0][column("title")], d.events[0].title.as_str());
    assert_eq!(&raw[0][column("source_publisher")], "-2+3");
}

/// A writer that accepts `room` bytes, then fails.
struct Full {
    room: usize,
}

impl std::io::Write for Full {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.room == 0 {
            return Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "no space left"));
        }
        let n = buf.len().min(self.room);
        self.room -= n;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_failing_writer_stops_every_format_with_its_error() {
    let d = bundled();
    for format in [Format::Markdown, Format::Json, Format::Csv] {
        for room in [0, 100, 5000] {
            let result = annals::export::write(&mut Full { room }, &d, &all(&d), format, &Options::default());
            let error = result.expect_err("the writer is full");
            assert_eq!(error.kind(), std::io::ErrorKind::StorageFull, "{format:?} after {room} bytes: {error}");
        }
    }
}

/// A writer that keeps only the total and the largest single write.
#[derive(Default)]
struct Sizes {
    total: usize,
    largest: usize,
}

impl std::io::Write for Sizes {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.total += buf.len();
        self.largest = self.largest.max(buf.len());
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn every_format_streams_in_pieces_instead_of_one_whole_text() {
    let d = bundled();
    for format in [Format::Markdown, Format::Json, Format::Csv] {
        let mut sizes = Sizes::default();
        annals::export::write(&mut sizes, &d, &all(&d), format, &Options::default()).unwrap();
        assert_eq!(sizes.total, export(&d, &all(&d), format).len(), "{format:?}");
        assert!(sizes.largest * 8 < sizes.total, "{format:?}: a write of {} of {} bytes", sizes.largest, sizes.total);
    }
}

#[test]
fn markdown_credits_each_quote_with_the_reference_that_y_copies_in_every_style() {
    use annals::cite::{CitationStyle, reference};
    let d = annals::load::bundled().expect("bundled");
    for style in CitationStyle::ALL {
        let options = Options { citation_style: style, ..Options::default() };
        let mut out = Vec::new();
        annals::export::write(&mut out, &d, &all(&d), Format::Markdown, &options).expect("in memory");
        let md = String::from_utf8(out).expect("UTF-8");
        for quote in d.events.iter().flat_map(|e| &e.quotes) {
            let reference = reference(&d.sources[quote.source], style).expect("a reference");
            // As rendered: Markdown escapes the `[` of an editorial or bracketed title.
            let line = format!("> — {}\n", reference.replace('[', "\\["));
            assert!(md.contains(&line), "{}: {line}", style.name());
        }
    }
}

#[test]
fn markdown_sources_list_shows_an_editorial_title_in_brackets_as_its_references_do() {
    let text = "[dataset]\ntitle = \"T\"\ndescription = \"D\"\n[[theme]]\nid = \"t\"\nlabel = \"T\"\n\
                description = \"d\"\n[[source]]\nid = \"leaflet\"\ntitle = \"Leaflet handed out at the meeting\"\n\
                title_editorial = true\nlanguage = \"en\"\ndate_note = \"No date printed.\"\n\
                text = \"Vote no on the dock.\"\n[[event]]\nid = \"e\"\ndate = \"2022\"\ntitle = \"E\"\n\
                summary = \"S\"\nthemes = [\"t\"]\n[[event.quote]]\nsource = \"leaflet\"\ntext = \"Vote no\"\n";
    let d = annals::load::load_str("leaflet.toml", text).unwrap_or_else(|e| panic!("{e}"));
    let md = export(&d, &all(&d), Format::Markdown);
    let sources = &md[md.find("## Sources").expect("a sources list")..];
    assert!(sources.contains("- *\\[Leaflet handed out at the meeting]*, en"), "{sources}");
}
