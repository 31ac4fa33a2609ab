//! The publishing formats read back by real parsers: TimelineJS's JSON (events, dates and eras
//! as the format defines them), CSL-JSON (typed CSL items), BibTeX (a BibLaTeX parser), and
//! the HTML page's self-containment and escaping as text.

mod common;

use annals::export::{Format, Options, export, write};
use annals::model::{Certainty, Dataset, Date};
use serde_json::Value;

fn all(dataset: &Dataset) -> Vec<usize> {
    (0..dataset.events.len()).collect()
}

/// The bundled dataset with a few sources given what a bibliography needs, with text that
/// needs escaping.
fn traced() -> Dataset {
    let mut d = common::bundled();
    let s = &mut d.sources[0];
    s.publisher = Some("Le Monde & Co {#1} 50% _x_".into());
    s.authors = vec!["Dupont, Jean-Édouard".into(), "Agence France-Presse".into()];
    s.url = Some("https://example.com/a?b=1&c=%20d#frag".into());
    s.accessed = Some(Date::parse("2023-01-05").unwrap());
    s.section = Some("Économie".into());
    s.title = "Cloud : l’offensive {à} 100 % \\ ^ ~ $".into();
    d
}

#[test]
fn timelinejs_has_a_slide_per_event_with_its_date_parts_and_the_eras() {
    let d = common::bundled();
    let json: Value = serde_json::from_str(&export(&d, &all(&d), Format::TimelineJs)).expect("JSON");
    assert_eq!(json["title"]["text"]["headline"], d.title.as_str());
    let slides = json["events"].as_array().unwrap();
    assert_eq!(slides.len(), d.events.len());
    for (slide, event) in slides.iter().zip(&d.events) {
        assert_eq!(slide["unique_id"], event.id.as_str());
        let start = &slide["start_date"];
        assert_eq!(start["year"], event.date.year);
        assert_eq!(start["month"].as_u64(), event.date.month.map(u64::from), "{}", event.id);
        assert_eq!(start["day"].as_u64(), event.date.day.map(u64::from), "{}", event.id);
        assert_eq!(start["display_date"], event.date_written().as_str(), "the date exactly as written");
        match &event.end {
            Some(end) => {
                assert_eq!(slide["end_date"]["year"], end.year);
                assert_eq!(slide["end_date"]["display_date"], end.to_string().as_str());
            }
            None => assert!(slide.get("end_date").is_none()),
        }
        let headline = slide["text"]["headline"].as_str().unwrap();
        assert!(headline.ends_with(&event.title.replace('&', "&amp;").replace('\'', "&#39;")), "{headline}");
        let text = slide["text"]["text"].as_str().unwrap();
        assert_eq!(text.matches("<blockquote").count(), event.quotes.len(), "every quote in the slide");
        let group = d.themes[event.themes[0]].label.replace('\'', "&#39;");
        assert_eq!(slide["group"], group.as_str());
    }
    let eras = json["eras"].as_array().unwrap();
    assert_eq!(eras.len(), d.eras.len());
    for (era, model) in eras.iter().zip(&d.eras) {
        assert_eq!(era["start_date"]["year"], model.start.year);
        assert_eq!(era["end_date"]["year"], model.end.year);
        assert_eq!(era["text"]["headline"].as_str().unwrap().replace("&#39;", "'"), model.label);
    }
    let open = slides.iter().find(|s| s["start_date"]["display_date"].as_str().unwrap().starts_with("..")).unwrap();
    assert!(open["display_date"].as_str().unwrap().starts_with("up to "), "{open}");
}

#[test]
fn timelinejs_text_is_escaped_html() {
    let mut d = common::bundled();
    d.events[0].title = "<img src=x onerror=alert(1)>".into();
    d.events[0].summary = "</p><script>alert(1)</script>".into();
    d.themes[d.events[0].themes[0]].label = "<b>theme</b>".into();
    let text = export(&d, &[0], Format::TimelineJs);
    let json: Value = serde_json::from_str(&text).unwrap();
    let slide = &json["events"][0];
    assert_eq!(slide["text"]["headline"], "&lt;img src=x onerror=alert(1)&gt;");
    assert!(slide["text"]["text"].as_str().unwrap().contains("&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_eq!(slide["group"], "&lt;b&gt;theme&lt;/b&gt;");
}

#[test]
fn csl_json_reads_back_as_csl_items_with_only_what_the_sources_say() {
    let d = traced();
    let text = export(&d, &all(&d), Format::CslJson);
    let items: Vec<citationberg::json::Item> = serde_json::from_str(&text).expect("CSL-JSON items");
    let used: Vec<&str> = {
        let json: Value = serde_json::from_str(&export(&d, &all(&d), Format::Json)).unwrap();
        let ids = json["sources"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_string());
        ids.collect::<Vec<_>>().leak().iter().map(String::as_str).collect()
    };
    let ids: Vec<String> = items.iter().map(|i| i.id().unwrap().into_owned()).collect();
    assert_eq!(ids, used, "one item per exported source, in order");
    let raw: Value = serde_json::from_str(&text).unwrap();
    let first = &raw[0];
    assert_eq!(first["type"], "article-newspaper");
    assert_eq!(first["container-title"], "Le Monde & Co {#1} 50% _x_");
    assert_eq!(first["author"][0]["family"], "Dupont");
    assert_eq!(first["author"][0]["given"], "Jean-Édouard");
    assert_eq!(first["author"][1]["literal"], "Agence France-Presse");
    assert_eq!(first["issued"]["date-parts"][0], serde_json::json!([2015, 7, 29]));
    assert_eq!(first["accessed"]["date-parts"][0], serde_json::json!([2023, 1, 5]));
    assert_eq!(first["URL"], "https://example.com/a?b=1&c=%20d#frag");
    assert_eq!(first["section"], "Économie");
    for (item, id) in raw.as_array().unwrap().iter().zip(&ids) {
        let source = d.sources.iter().find(|s| &s.id == id).unwrap();
        assert_eq!(item.get("URL").is_some(), source.url.is_some(), "{id}");
        assert_eq!(item.get("author").is_some(), !source.authors.is_empty(), "{id}");
        assert_eq!(item.get("issued").is_some(), source.date.is_some(), "{id}");
        let circa = source.date.is_some_and(|d| matches!(d.certainty, Certainty::Approximate | Certainty::Uncertain));
        assert_eq!(item["issued"]["circa"] == true, circa, "{id}");
        assert!(item.get("note").is_none() && item.get("archive").is_none(), "nothing invented");
    }
}

#[test]
fn bibtex_reads_back_with_a_biblatex_parser() {
    use biblatex::{Bibliography, ChunksExt, PermissiveType};
    let d = traced();
    let text = export(&d, &all(&d), Format::Bibtex);
    let bibliography = Bibliography::parse(&text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    let json: Value = serde_json::from_str(&export(&d, &all(&d), Format::Json)).unwrap();
    let sources = json["sources"].as_array().unwrap();
    assert_eq!(bibliography.len(), sources.len());
    for source in sources {
        let id = source["id"].as_str().unwrap();
        let model = d.sources.iter().find(|s| s.id == id).unwrap();
        let entry = bibliography.get(id).unwrap_or_else(|| panic!("an entry for {id}"));
        // biblatex's @online requires a url: a text with neither publisher nor url is @misc.
        let kind = match (&model.publisher, &model.url) {
            (Some(_), _) => "article",
            (None, Some(_)) => "online",
            (None, None) => "misc",
        };
        assert_eq!(entry.entry_type.to_string(), kind, "{id}");
        let title = entry.title().unwrap().format_verbatim();
        let expected = if model.title_editorial { format!("[{}]", model.title) } else { model.title.clone() };
        if id != d.sources[0].id {
            assert_eq!(title, expected, "{id}");
        }
        match (entry.date(), &model.date) {
            (Ok(PermissiveType::Typed(date)), Some(written)) => {
                assert_eq!(date.approximate, written.certainty == Certainty::Approximate, "{id}");
                assert_eq!(date.uncertain, written.certainty == Certainty::Uncertain, "{id}");
            }
            (Err(_), None) => {}
            (other, written) => panic!("{id}: date {other:?} for {written:?}"),
        }
    }
    let first = bibliography.get(&d.sources[0].id).unwrap();
    assert_eq!(first.entry_type.to_string(), "article");
    let authors = first.author().unwrap();
    assert_eq!((authors[0].name.as_str(), authors[0].given_name.as_str()), ("Dupont", "Jean-Édouard"));
    assert_eq!(authors[1].name, "Agence France-Presse", "an organisation stays whole");
    assert_eq!(first.url().unwrap(), "https://example.com/a?b=1&c=%20d#frag");
    assert!(text.contains(r"journal = {Le Monde \& Co \textbraceleft{}\#1\textbraceright{} 50\% \_x\_},"), "{text}");
    assert!(
        text.contains(r"title = {{Cloud : l’offensive \textbraceleft{}à\textbraceright{} 100 \% \textbackslash{} \textasciicircum{} \textasciitilde{} \$}},"),
        "{text}"
    );
}

#[test]
fn the_html_page_is_self_contained_and_escapes_the_data() {
    let mut d = common::bundled();
    d.title = "</title><script>alert('t')</script>".into();
    d.events[0].title = "</style><script>alert(1)</script>".into();
    d.events[0].summary = "<img src=x onerror=alert(2)> \"quoted\" & 'single'".into();
    d.sources[0].url = Some("javascript:alert(3)".into());
    d.sources[0].language = "fr\" onmouseover=\"alert(4)".into();
    d.sources[1].url = Some("https://example.com/?q=<b>&x=\"y\"".into());
    let html = export(&d, &all(&d), Format::Html);
    assert_eq!(html.matches("<script").count(), 1, "only the page's own script");
    assert_eq!(html.matches("<style").count(), 1, "only the page's own style sheet");
    assert_eq!(html.matches("</style>").count(), 1);
    assert!(html.contains("&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(2)&gt; &quot;quoted&quot; &amp; &#39;single&#39;"));
    assert!(!html.contains("href=\"javascript:"), "no javascript: link");
    assert!(!html.contains("\" onmouseover=\""), "no attribute from the data");
    assert!(html.contains("fr&quot; onmouseover=&quot;alert(4)"), "the odd language shown as text");
    assert!(html.contains("href=\"https://example.com/?q=%3Cb%3E&amp;x=%22y%22\""), "a web link, encoded");
    for forbidden in ["src=\"http", "href=\"http://fonts", "@import", "url(http", "<link "] {
        assert!(!html.contains(forbidden), "no outside resource: {forbidden}");
    }
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
}

#[test]
fn the_html_page_shows_every_event_quote_fact_and_source() {
    let d = common::bundled();
    let html = export(&d, &all(&d), Format::Html);
    assert_eq!(html.matches("<li class=\"event").count(), d.events.len());
    let quotes: usize = d.events.iter().map(|e| e.quotes.len()).sum();
    assert_eq!(html.matches("<figure class=\"quote\">").count(), quotes);
    assert_eq!(html.matches("<article class=\"fact\"").count(), d.facts.len());
    assert_eq!(html.matches("<section class=\"year\"").count(), d.years().len());
    for source in &d.sources {
        let lang = format!("<blockquote lang=\"{}\"", source.language);
        assert!(html.contains(&lang), "{lang}");
    }
    for era in &d.eras {
        assert!(html.contains(&format!("<strong>{}</strong>", era.label.replace('\'', "&#39;"))), "{}", era.label);
    }
    assert!(html.contains("⚑ The claims differ in:"));
    assert!(html.contains("@media print"));
    assert!(html.contains("<html lang=\"en\">"));
}

#[test]
fn every_format_writes_its_whole_output_in_pieces() {
    let d = common::bundled();
    for format in Format::ALL {
        let whole = export(&d, &all(&d), format);
        let mut pieces = Vec::new();
        let mut out = std::io::BufWriter::with_capacity(1024, &mut pieces);
        write(&mut out, &d, &all(&d), format, &Options::default()).unwrap();
        drop(out);
        assert_eq!(String::from_utf8(pieces).unwrap(), whole, "{format:?}");
        assert_eq!(Format::parse(format.name()), Some(format));
    }
}

#[test]
fn snapshots_of_the_publishing_formats() {
    let d = common::bundled();
    for format in [Format::Html, Format::TimelineJs, Format::CslJson, Format::Bibtex] {
        insta::assert_snapshot!(format!("{}_bundled", format.name()), export(&d, &all(&d), format));
    }
}
