//! Citations of a source in the styles researchers use, rendered by `hayagriva` (the Typst
//! citation engine) with its bundled CSL styles: the one place where a citation's text is
//! made, for the clipboard (`Y`), the Markdown export and the help alike.
//!
//! A source becomes one CSL item: an article whose parent is the outlet (`publisher`), with
//! its authors, publication date, URL and access date as the dataset gives them. Nothing is
//! made up: a missing field is left to the style's own rule ("n.d.", no author…). An
//! editorial title (the page has none) is put in square brackets, as the styles ask for a
//! description that stands in for a title.

use std::sync::OnceLock;

use hayagriva::archive::ArchivedStyle;
use hayagriva::citationberg::{IndependentStyle, Locale, Style};
use hayagriva::{BibliographyDriver, BibliographyRequest, BufWriteFormat, CitationItem, CitationRequest};

use crate::model::{Certainty, Date, Source};

/// A citation style that `citation_style` in the config file can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CitationStyle {
    /// APA 7th edition.
    #[default]
    Apa,
    /// Chicago Manual of Style 17th edition, author-date.
    ChicagoAuthorDate,
    /// Chicago Manual of Style 17th edition, notes and bibliography (the full note).
    ChicagoNotes,
    /// MLA Handbook 9th edition.
    Mla,
    /// Harvard, as Cite Them Right (12th edition) gives it.
    Harvard,
}

impl CitationStyle {
    /// The names the config file accepts, in the order the docs list them.
    pub const NAMES: [&'static str; 5] = ["apa", "chicago-author-date", "chicago-notes", "mla", "harvard"];
    pub const ALL: [CitationStyle; 5] = [
        CitationStyle::Apa,
        CitationStyle::ChicagoAuthorDate,
        CitationStyle::ChicagoNotes,
        CitationStyle::Mla,
        CitationStyle::Harvard,
    ];

    pub fn parse(name: &str) -> Option<CitationStyle> {
        Self::NAMES.iter().position(|n| *n == name).map(|i| Self::ALL[i])
    }

    pub fn name(self) -> &'static str {
        Self::NAMES[Self::ALL.iter().position(|s| *s == self).unwrap_or(0)]
    }

    fn archived(self) -> ArchivedStyle {
        match self {
            CitationStyle::Apa => ArchivedStyle::AmericanPsychologicalAssociation,
            CitationStyle::ChicagoAuthorDate => ArchivedStyle::ChicagoAuthorDate,
            CitationStyle::ChicagoNotes => ArchivedStyle::ChicagoNotes,
            CitationStyle::Mla => ArchivedStyle::ModernLanguageAssociation,
            CitationStyle::Harvard => ArchivedStyle::HarvardCiteThemRight,
        }
    }
}

/// A date as hayagriva takes it (`2015`, `2015-07`, `2015-07-29`); an approximate (`~`) or
/// uncertain (`?`) date is marked approximate, the one doubt CSL knows ("ca." in APA).
fn csl_date(date: &Date) -> String {
    // An inferred date (`[2015-07-29]`) is not in doubt: it is cited as the date it is.
    let mark = if matches!(date.certainty, Certainty::Exact | Certainty::Inferred) { "" } else { "~" };
    match (date.month, date.day) {
        (Some(m), Some(d)) => format!("{mark}{:04}-{m:02}-{d:02}", date.year),
        (Some(m), None) => format!("{mark}{:04}-{m:02}", date.year),
        _ => format!("{mark}{:04}", date.year),
    }
}

/// On one line: runs of ASCII white space (line breaks, tabs) become one space; no-break
/// spaces, as in French typography, stay.
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_ascii_whitespace()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// A title kept as written (no case changes by the style): braces protect it.
fn verbatim(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('{', "\\{").replace('}', "\\}").replace('$', "\\$");
    format!("{{{escaped}}}")
}

/// The source as one hayagriva entry, built as data (JSON, which YAML reads) so that no
/// field of the dataset can change its structure.
fn entry(source: &Source) -> Option<hayagriva::Entry> {
    use serde_json::{Map, Value, json};
    let title = one_line(&source.title);
    let title = if source.title_editorial { format!("[{title}]") } else { title };
    let mut item = Map::new();
    // An article of an outlet; a page with no outlet named is cited as a web page.
    item.insert("type".into(), json!(if source.publisher.is_some() { "article" } else { "web" }));
    item.insert("title".into(), json!(verbatim(&title)));
    if !source.authors.is_empty() {
        item.insert("author".into(), json!(source.authors.iter().map(|a| one_line(a)).collect::<Vec<_>>()));
    }
    if let Some(date) = &source.date {
        item.insert("date".into(), json!(csl_date(date)));
    }
    if let Some(url) = &source.url {
        let mut link = Map::new();
        link.insert("value".into(), json!(url));
        if let Some(accessed) = &source.accessed {
            link.insert("date".into(), json!(csl_date(accessed)));
        }
        item.insert("url".into(), Value::Object(link));
    }
    item.insert("language".into(), json!(source.language));
    // The section and the archived copy have no place in these styles' references: the app
    // shows them.
    if let Some(publisher) = &source.publisher {
        let mut parent = Map::new();
        parent.insert("type".into(), json!("newspaper"));
        parent.insert("title".into(), json!(verbatim(&one_line(publisher))));
        item.insert("parent".into(), Value::Object(parent));
    }
    let mut library = Map::new();
    library.insert("source".into(), Value::Object(item));
    let text = serde_json::to_string(&Value::Object(library)).ok()?;
    hayagriva::io::from_yaml_str(&text).ok()?.iter().next().cloned()
}

/// The reference to `source` in `style`, as plain text on one line; `None` only if the
/// engine cannot render it.
pub fn reference(source: &Source, style: CitationStyle) -> Option<String> {
    // Each style and the locales are read from hayagriva's archive once, when first used.
    static LOCALES: OnceLock<Vec<Locale>> = OnceLock::new();
    static STYLES: [OnceLock<Option<IndependentStyle>>; 5] = [const { OnceLock::new() }; 5];
    let entry = entry(source)?;
    let slot = &STYLES[CitationStyle::ALL.iter().position(|s| *s == style)?];
    let csl = slot
        .get_or_init(|| match style.archived().get() {
            Style::Independent(csl) => Some(csl),
            Style::Dependent(_) => None,
        })
        .as_ref()?;
    render(&entry, csl, LOCALES.get_or_init(hayagriva::archive::locales))
}

fn render(entry: &hayagriva::Entry, style: &IndependentStyle, locales: &[Locale]) -> Option<String> {
    let mut driver = BibliographyDriver::new();
    driver.citation(CitationRequest::from_items(vec![CitationItem::with_entry(entry)], style, locales));
    let rendered = driver.finish(BibliographyRequest { style, locale: None, locale_files: locales });
    let mut out = String::new();
    match rendered.bibliography.and_then(|b| b.items.into_iter().next()) {
        Some(item) => item.content.write_buf(&mut out, BufWriteFormat::Plain).ok()?,
        None => rendered.citations.first()?.citation.write_buf(&mut out, BufWriteFormat::Plain).ok()?,
    }
    let out = tidy(&one_line(&out), entry.url().is_some_and(|url| url.visit_date.is_none()));
    (!out.is_empty()).then_some(out)
}

/// Mends what the engine leaves when a field is missing: a comma before a closing
/// parenthesis ("(2018,)" for a year alone), a full stop after a title that ends in one inside
/// its quotation marks ("“Mononym.”."), "Retrieved" before a URL with no date of access (APA
/// 7 writes only the URL then), and "Circa" capitalised within a reference.
fn tidy(reference: &str, url_without_access: bool) -> String {
    let mut out = reference.replace(",)", ")");
    for mark in ['.', '?', '!'] {
        out = out.replace(&format!("{mark}”."), &format!("{mark}”"));
    }
    if url_without_access {
        out = out.replace("Retrieved http", "http");
    }
    out.replace(", Circa ", ", circa ")
}

/// Reads `style` and the locales from hayagriva's archive now (a tenth of a second), so that
/// the first `Y` does not wait for them: for a thread at start-up.
pub fn warm_up(style: CitationStyle) {
    let source = Source { title: "-".into(), language: "en".into(), ..Source::default() };
    let _ = reference(&source, style);
}

/// A quote with its citation, ready to paste: `“…” — ` and the reference in `style`.
pub fn citation(source: &Source, quote: &str, style: CitationStyle) -> String {
    let quote: String = quote.split_whitespace().collect::<Vec<_>>().join(" ");
    let reference = reference(source, style).unwrap_or_else(|| source.title.clone());
    format!("“{quote}” — {reference}")
}
