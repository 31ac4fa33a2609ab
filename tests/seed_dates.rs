//! The dated expressions of the source articles, against the bundled dataset.
//!
//! `tests/seeds/` holds verbatim excerpts of the five articles (see its README). This test
//! finds every candidate dated expression in them by pattern (years, day and month names in
//! French and English, `dd/mm` dates, weekdays, "en mai 2021", "d'ici 2019", "by 2021", and
//! relative times such as "la semaine dernière" or "over the next three years") and checks that
//! each is covered by the dataset (it occurs in a quote, a claim, or a date note or fact note)
//! or is listed in [`NOT_EVENTS`] with the reason it is not an event.

use std::path::Path;

use annals::model::Dataset;

/// Each excerpt file and the dataset source it is the article of.
const SEEDS: [(&str, &str); 5] = [
    ("000_f8fb13b19482aa37.txt", "fr-2021-plan-200-milliards"),
    ("001_f7e5bbc7f5bddd36.txt", "fr-2022-partenaires-phuket"),
    ("002_57ef878c985e1416.txt", "fr-2015-aliyun-amazon"),
    ("003_13046ecc9fe8d186.txt", "en-cloud-proves-its-worth"),
    ("004_59d6068bb476c50a.txt", "fr-2016-zhangbei"),
];

/// Lines of the pages that are not in the stored article text: page furniture, and why it is
/// left out of the text.
const PAGE_LINES: [(&str, &str); 8] = [
    ("20 juillet 2021", "the page date, above the article; quoted in the source's date note"),
    ("Techfu", "the name under the page date"),
    ("Tech", "a section label"),
    ("Alibaba Cloud", "a tag above the article"),
    ("à écrit le 31/07/2015 à 0:54", "a reader comment's date line; quoted in the source's date note"),
    ("à écrit le 29/07/2015 à 18:32", "a reader comment's date line; quoted in the source's date note"),
    ("Dernière mise à jour à 13h34 le 13/09", "the update line; quoted in the source's date note"),
    ("Sector breakdown by market in Asia Pacific. Source: Synergie Research Group.", "a chart caption"),
];

/// Dated expressions of the articles that the dataset rightly does not cover, with the reason.
/// (seed file, expression as found, reason)
const NOT_EVENTS: [(&str, &str, &str); 1] = [(
    "003_13046ecc9fe8d186.txt",
    "since the Covid-19 pandemic began",
    "the start of the pandemic, which the article gives no date for; quoted in plan-2020 for the teleworking it explains",
)];

const WEEKDAYS: [&str; 14] = [
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

const MONTHS: [&str; 24] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Words that, before a year, belong to the expression ("en 2018", "d'ici 2019", "by 2021").
const YEAR_PREFIXES: [&str; 6] = ["en", "d'ici", "d’ici", "by", "in", "since"];

/// Relative times, matched as phrases (lower case).
const RELATIVE: [&str; 12] = [
    "la semaine dernière",
    "dans quatre ans",
    "trois prochaines années",
    "aujourd’hui",
    "dans l'avenir",
    "à l’avenir",
    "next three years",
    "within a year",
    "in recent years",
    "three to five years",
    "once in a generation",
    "since the covid-19 pandemic began",
];

fn seed(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/seeds").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// White space runs as one space, lower case.
fn norm(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A word of the text with the punctuation around it trimmed (apostrophes, slashes and
/// colons inside are kept).
fn trim_word(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .trim_end_matches(['\'', '’'])
        .trim_start_matches(['\'', '’'])
}

fn is_year(word: &str) -> bool {
    word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) && (word.starts_with("19") || word.starts_with("20"))
}

fn is_day(word: &str) -> bool {
    (1..=2).contains(&word.len()) && word.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
}

/// `13/09`, `29/07/2015`.
fn is_slash_date(word: &str) -> bool {
    let parts: Vec<&str> = word.split('/').collect();
    (parts.len() == 2 || parts.len() == 3 && is_year(parts[2]))
        && parts[..2].iter().all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// The candidate dated expressions of a text, each as its words appear (lower case).
fn candidates(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let lower = norm(text);
    for phrase in RELATIVE {
        if lower.contains(phrase) {
            found.push(phrase.to_string());
        }
    }
    let words: Vec<&str> = lower.split(' ').map(trim_word).collect();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let dated = WEEKDAYS.contains(&w) || MONTHS.contains(&w) || is_year(w) || is_slash_date(w);
        // "may" is a month only next to a day or a year.
        let may_verb =
            w == "may" && !(i > 0 && is_day(words[i - 1]) || words.get(i + 1).is_some_and(|n| is_day(n) || is_year(n)));
        if !dated || may_verb {
            i += 1;
            continue;
        }
        let mut start = i;
        if start > 0 && is_day(words[start - 1]) {
            start -= 1;
        }
        if start > 0 && WEEKDAYS.contains(&words[start - 1]) {
            start -= 1;
        }
        if start > 0 && YEAR_PREFIXES.contains(&words[start - 1]) {
            start -= 1;
        }
        let mut end = i + 1;
        while end < words.len()
            && (is_day(words[end]) || MONTHS.contains(&words[end]) || is_year(words[end]))
            && !(MONTHS.contains(&w) && MONTHS.contains(&words[end]))
        {
            end += 1;
        }
        found.push(words[start..end].join(" "));
        i = end;
    }
    found
}

/// Everything of the dataset that can cover a dated expression: quotes, claims, notes.
fn covering_texts(d: &Dataset) -> Vec<String> {
    let mut texts = Vec::new();
    for event in &d.events {
        texts.extend(
            event.quotes.iter().chain(event.figures.iter().map(|f| &f.quote)).map(|q| d.quote_text(q).into_owned()),
        );
        texts.extend(event.date_note.clone());
    }
    for fact in &d.facts {
        texts.extend(fact.claims.iter().map(|c| d.quote_text(&c.quote).into_owned()));
        texts.extend(fact.note.clone());
    }
    texts.extend(d.sources.iter().filter_map(|s| s.date_note.clone()));
    texts.iter().map(|t| norm(t)).collect()
}

#[test]
fn the_excerpts_are_the_articles_the_dataset_stores_and_their_page_lines() {
    let d = annals::load::bundled().expect("the bundled dataset loads");
    for (file, id) in SEEDS {
        let source = d.sources.iter().find(|s| s.id == id).unwrap_or_else(|| panic!("no source {id}"));
        let stored = norm(&source.text);
        for line in seed(file).lines().filter(|l| !l.trim().is_empty()) {
            let known = stored.contains(&norm(line))
                || norm(line) == norm(&source.title)
                || PAGE_LINES.iter().any(|(page, _)| *page == line);
            assert!(known, "{file}: {line:?} is neither in source {id} nor a listed page line");
        }
    }
}

#[test]
fn every_dated_expression_of_the_articles_is_covered_or_listed() {
    let d = annals::load::bundled().expect("the bundled dataset loads");
    let covering = covering_texts(&d);
    let mut uncovered = Vec::new();
    let mut listed_and_found = Vec::new();
    let mut total = 0;
    for (file, _) in SEEDS {
        for candidate in candidates(&seed(file)) {
            total += 1;
            if let Some(listed) = NOT_EVENTS.iter().find(|(f, c, _)| *f == file && norm(c) == candidate) {
                listed_and_found.push(listed.1);
                continue;
            }
            if !covering.iter().any(|t| t.contains(&candidate)) {
                uncovered.push(format!("{file}: {candidate:?}"));
            }
        }
    }
    assert!(total >= 30, "only {total} dated expressions found: the patterns miss some");
    assert!(
        uncovered.is_empty(),
        "dated expressions that no quote, claim or note of the dataset covers, and that NOT_EVENTS does not list:\n  {}",
        uncovered.join("\n  ")
    );
    for (_, expression, reason) in NOT_EVENTS {
        assert!(listed_and_found.contains(&expression), "NOT_EVENTS lists {expression:?}, which no excerpt has");
        assert!(!reason.is_empty());
    }
}

#[test]
fn the_patterns_find_the_forms_the_articles_use() {
    let found = candidates(
        "Le chinois a annoncé mercredi 29 juillet, en mai 2021 et d'ici 2019, le 11 septembre 2016. \
         à écrit le 29/07/2015 à 18:32. Dernière mise à jour le 13/09. On Wednesday, between June and \
         September, by 2021. It may grow. La semaine dernière.",
    );
    assert_eq!(
        found,
        [
            "la semaine dernière",
            "mercredi 29 juillet",
            "en mai 2021",
            "d'ici 2019",
            "11 septembre 2016",
            "29/07/2015",
            "13/09",
            "wednesday",
            "june",
            "september",
            "by 2021",
        ]
    );
}
