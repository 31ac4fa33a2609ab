//! Citations per style: the bundled sources and a fixture source with every field.

use annals::cite::{CitationStyle, citation, reference};
use annals::model::Source;

fn fixture() -> annals::model::Dataset {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/traceable-source.toml");
    annals::load::load_path(&path).expect("fixture loads")
}

fn bundled() -> annals::model::Dataset {
    annals::load::bundled().expect("the bundled dataset loads")
}

fn source<'d>(dataset: &'d annals::model::Dataset, id: &str) -> &'d Source {
    dataset.sources.iter().find(|s| s.id == id).expect("source")
}

#[test]
fn style_names_round_trip_and_apa_is_the_default() {
    for style in CitationStyle::ALL {
        assert_eq!(CitationStyle::parse(style.name()), Some(style));
    }
    assert_eq!(CitationStyle::default(), CitationStyle::Apa);
    assert_eq!(CitationStyle::parse("APA"), None);
}

#[test]
fn a_source_with_every_field_is_cited_with_its_authors_outlet_and_url_in_every_style() {
    let dataset = fixture();
    let traced = source(&dataset, "fr-2015");
    let expected = [
        (
            CitationStyle::Apa,
            "Dupont, M., & Li, W. (2015, July 29). Cloud : Alibaba passe à l'offensive contre Amazon. \
             Le Monde informatique. https://www.example.com/cloud/alibaba-offensive.html",
        ),
        (
            CitationStyle::ChicagoAuthorDate,
            "Dupont, Marie, and Wei Li. 2015. “Cloud : Alibaba passe à l'offensive contre Amazon.” \
             Le Monde informatique, July 29. https://www.example.com/cloud/alibaba-offensive.html.",
        ),
        (
            CitationStyle::ChicagoNotes,
            "Dupont, Marie, and Wei Li. “Cloud : Alibaba passe à l'offensive contre Amazon.” \
             Le Monde informatique, July 29, 2015. https://www.example.com/cloud/alibaba-offensive.html.",
        ),
        (
            CitationStyle::Mla,
            "Dupont, Marie, and Wei Li. “Cloud : Alibaba passe à l'offensive contre Amazon.” \
             Le Monde informatique, 29 July 2015, https://www.example.com/cloud/alibaba-offensive.html.",
        ),
        (
            CitationStyle::Harvard,
            "Dupont, M. and Li, W. (2015) “Cloud : Alibaba passe à l'offensive contre Amazon,” \
             Le Monde informatique, 29 July. Available at: \
             https://www.example.com/cloud/alibaba-offensive.html (Accessed: March 1, 2024).",
        ),
    ];
    for (style, want) in expected {
        let got = reference(traced, style).expect("rendered");
        assert_eq!(got, want, "{}", style.name());
        assert!(got.contains("Dupont") && got.contains("Li") && got.contains("Le Monde informatique"));
        assert!(got.contains("https://www.example.com/cloud/alibaba-offensive.html"));
    }
}

#[test]
fn an_editorial_title_is_bracketed_and_a_missing_date_follows_the_style() {
    let dataset = fixture();
    let untitled = source(&dataset, "untitled");
    assert_eq!(reference(untitled, CitationStyle::Apa).unwrap(), "[Alibaba Cloud announcement]. (n.d.).");
    assert_eq!(reference(untitled, CitationStyle::Harvard).unwrap(), "[Alibaba Cloud announcement] (no date).");
    for style in CitationStyle::ALL {
        assert!(reference(untitled, style).unwrap().contains("[Alibaba Cloud announcement]"), "{}", style.name());
    }
}

#[test]
fn the_bundled_sources_are_cited_in_every_style_with_nothing_made_up() {
    let dataset = bundled();
    for style in CitationStyle::ALL {
        for s in &dataset.sources {
            let got = reference(s, style).unwrap_or_else(|| panic!("{} cannot cite {}", style.name(), s.id));
            let title_start: String = s.title.chars().take(12).collect();
            assert!(got.contains(&title_start), "{}: {got}", style.name());
            assert!(!got.contains("http"), "the bundled sources have no URL: {got}");
            assert!(!got.contains("undated") && !got.contains("Preprint"), "{got}");
            if let Some(publisher) = &s.publisher {
                assert!(got.contains(publisher.as_str()), "{}: {got}", style.name());
            }
        }
    }
    let undated = dataset.sources.iter().find(|s| s.date.is_none()).expect("an undated source");
    assert!(reference(undated, CitationStyle::Apa).unwrap().ends_with("(n.d.)."));
    assert!(reference(undated, CitationStyle::ChicagoAuthorDate).unwrap().ends_with("n.d."));
    assert!(reference(undated, CitationStyle::Harvard).unwrap().ends_with("(no date)."));
    // "Techfu" is recorded as the page shows it, as its author line: the citation names it so.
    let techfu = dataset.sources.iter().find(|s| s.authors.iter().any(|a| a == "Techfu")).expect("Techfu");
    let apa = reference(techfu, CitationStyle::Apa).unwrap();
    assert!(apa.starts_with("Techfu. (2021, July 20)."), "{apa}");
    // An editorial title is bracketed wherever a citation prints it.
    let untitled = dataset.sources.iter().find(|s| s.title_editorial).expect("the 2016 article has no headline");
    let apa = reference(untitled, CitationStyle::Apa).unwrap();
    assert!(apa.starts_with(&format!("[{}]", untitled.title)), "{apa}");
}

#[test]
fn the_citation_is_the_quote_then_the_reference() {
    let dataset = fixture();
    let traced = source(&dataset, "fr-2015");
    let got = citation(traced, "investir  un\nmilliard", CitationStyle::Apa);
    assert_eq!(got, format!("“investir un milliard” — {}", reference(traced, CitationStyle::Apa).unwrap()));
}

#[test]
fn braces_and_markup_in_a_title_are_kept_as_written() {
    let mut s = Source { title: "A {b} \\c $d$ _e_".into(), language: "en".into(), ..Source::default() };
    assert_eq!(reference(&s, CitationStyle::Apa).unwrap(), "A {b} \\c $d$ _e_. (n.d.).");
    s.title = "A \"quoted\" title: yes".into();
    assert!(reference(&s, CitationStyle::Mla).unwrap().contains("A \"quoted\" title: yes"));
}

#[test]
fn missing_fields_leave_no_stray_punctuation_nor_retrieved_without_a_date() {
    use annals::model::Date;
    let plato = Source {
        title: "Mononym".into(),
        authors: vec!["Plato".into()],
        language: "en".into(),
        date: Some(Date::parse("2018").unwrap()),
        ..Source::default()
    };
    assert_eq!(reference(&plato, CitationStyle::Apa).unwrap(), "Plato. (2018). Mononym.");
    assert_eq!(reference(&plato, CitationStyle::ChicagoAuthorDate).unwrap(), "Plato. 2018. “Mononym.”");
    let guess = Source { date: Some(Date::parse("2019?").unwrap()), authors: vec![], ..plato.clone() };
    assert_eq!(reference(&guess, CitationStyle::Apa).unwrap(), "Mononym. (ca. 2019).");
    let page = Source {
        title: "No date web page".into(),
        language: "en".into(),
        url: Some("https://example.org/nodate".into()),
        ..Source::default()
    };
    assert_eq!(reference(&page, CitationStyle::Apa).unwrap(), "No date web page. (n.d.). https://example.org/nodate");
    let approx = Source {
        title: "Approx date".into(),
        publisher: Some("Daily".into()),
        language: "en".into(),
        date: Some(Date::parse("~2020-05").unwrap()),
        ..Source::default()
    };
    assert!(reference(&approx, CitationStyle::Mla).unwrap().contains("Daily, circa May 2020"));
}
