//! Every loadable file of the hostile corpus (`tests/hostile/ok-*.toml`) in the publishing
//! formats: the HTML page holds only its own markup, script and style (the data's `<script>`,
//! `</style>`, `<img onerror>` and quotes are text), TimelineJS's HTML fields likewise, the
//! JSON formats parse, BibTeX parses with its braces balanced, and none holds a control, bidi
//! or invisible format character.

#[path = "support/hostile.rs"]
mod hostile;

use annals::export::{Format, Options, write};
use annals::text::sanitize::is_unsafe;

fn loadable() -> Vec<(String, annals::model::Dataset)> {
    let files = hostile::ok_files();
    assert!(files.iter().any(|f| f.ends_with("ok-html-injection.toml")), "the markup case is in the corpus");
    files
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let dataset = annals::load::load_path(&path).unwrap_or_else(|d| panic!("{name}: {d}"));
            (name, dataset)
        })
        .collect()
}

fn exported(dataset: &annals::model::Dataset, format: Format) -> String {
    let events: Vec<usize> = (0..dataset.events.len()).collect();
    let mut out = Vec::new();
    write(&mut out, dataset, &events, format, &Options { selection: Some("hostile"), ..Options::default() })
        .expect("writing to memory");
    String::from_utf8(out).expect("UTF-8")
}

/// Tags a dataset's text tried to open: none may appear as markup.
const INJECTED: [&str; 4] = ["<img", "<script>alert", "</style></script>", "<!-- x"];

#[test]
fn the_html_page_holds_only_its_own_markup() {
    let mut problems = Vec::new();
    for (name, dataset) in loadable() {
        let html = exported(&dataset, Format::Html);
        if let Some(c) = html.chars().find(|&c| is_unsafe(c)) {
            problems.push(format!("{name}: holds U+{:04X}", c as u32));
        }
        for (tag, count) in [("<script", 1), ("</script>", 1), ("<style", 1), ("</style>", 1)] {
            if html.matches(tag).count() != count {
                problems.push(format!("{name}: {} × {tag}", html.matches(tag).count()));
            }
        }
        for injected in INJECTED {
            if html.contains(injected) {
                problems.push(format!("{name}: {injected} as markup"));
            }
        }
        if name == "ok-html-injection.toml" && !html.contains("&lt;/style&gt;&lt;/script&gt;&lt;script&gt;alert(1)") {
            problems.push(format!("{name}: the markup is not shown as text"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn timelinejs_and_the_bibliographies_read_back_safely() {
    let mut problems = Vec::new();
    for (name, dataset) in loadable() {
        for format in [Format::TimelineJs, Format::CslJson] {
            let text = exported(&dataset, format);
            match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(value) if format == Format::TimelineJs => {
                    for slide in value["events"].as_array().unwrap() {
                        let html = format!("{}{}{}", slide["text"]["headline"], slide["text"]["text"], slide["group"]);
                        if let Some(injected) = INJECTED.iter().find(|i| html.contains(*i)) {
                            problems.push(format!("{name}: {injected} in a TimelineJS slide"));
                        }
                    }
                }
                Ok(_) => {}
                Err(e) => problems.push(format!("{name} as {}: {e}", format.name())),
            }
            if text.chars().any(|c| c.is_control() && c != '\n') {
                problems.push(format!("{name} as {}: a raw control character", format.name()));
            }
        }
        let bib = exported(&dataset, Format::Bibtex);
        if let Err(e) = biblatex::Bibliography::parse(&bib) {
            problems.push(format!("{name} as BibTeX: {e:?}"));
        }
        if bib.chars().filter(|&c| c == '{').count() != bib.chars().filter(|&c| c == '}').count() {
            problems.push(format!("{name} as BibTeX: unbalanced braces"));
        }
        if let Some(c) = bib.chars().find(|&c| is_unsafe(c)) {
            problems.push(format!("{name} as BibTeX: holds U+{:04X}", c as u32));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
