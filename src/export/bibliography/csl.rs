//! CSL-JSON: one item per source, an array pretty-printed as the JSON export is.
//!
//! `id` (the source id), `type` (`article-newspaper` with a publisher, `webpage` with a URL, else `document`), `title`, `author`
//! (`{family, given}` or `{literal}`), `container-title` (the publisher), `issued` and
//! `accessed` (`{"date-parts": [[2015, 7, 29]]}` at the date's precision, `"circa": true`
//! for an approximate or uncertain date), `URL`, `language`, `section`. A field the source
//! lacks is absent.

use std::io;

use serde::Serialize;

use super::{Name, name, one_line, title};
use crate::export::Selection;
use crate::export::json::{Lazy, pretty};
use crate::model::{Certainty, Date, Source};

#[derive(Serialize)]
struct Item {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    title: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<CslName>,
    #[serde(rename = "container-title", skip_serializing_if = "Option::is_none")]
    container_title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<CslDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    accessed: Option<CslDate>,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    language: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<String>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum CslName {
    Person { family: String, given: String },
    Literal { literal: String },
}

#[derive(Serialize)]
struct CslDate {
    #[serde(rename = "date-parts")]
    date_parts: [Vec<i32>; 1],
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    circa: bool,
}

pub(in crate::export) fn write(out: &mut dyn io::Write, chosen: &Selection<'_>) -> io::Result<()> {
    let sources = &chosen.dataset.sources;
    pretty(out, &Lazy(|| chosen.sources.iter().map(|&s| item(&sources[s]))))
}

fn date(date: &Date) -> CslDate {
    let mut parts = vec![date.year];
    parts.extend(date.month.map(i32::from));
    parts.extend(date.day.map(i32::from));
    CslDate { date_parts: [parts], circa: matches!(date.certainty, Certainty::Approximate | Certainty::Uncertain) }
}

fn item(source: &Source) -> Item {
    Item {
        id: source.id.clone(),
        // A text with no outlet is a web page only if it has an address; else a document.
        kind: match (&source.publisher, &source.url) {
            (Some(_), _) => "article-newspaper",
            (None, Some(_)) => "webpage",
            (None, None) => "document",
        },
        title: title(source),
        author: source
            .authors
            .iter()
            .map(|a| match name(&one_line(a)) {
                Name::Person { family, given } => CslName::Person { family: family.into(), given: given.into() },
                Name::Literal(literal) => CslName::Literal { literal: literal.into() },
            })
            .collect(),
        container_title: source.publisher.as_deref().map(one_line),
        issued: source.date.as_ref().map(date),
        accessed: source.accessed.as_ref().map(date),
        url: source.url.as_deref().map(|u| u.trim().to_string()),
        language: one_line(&source.language),
        section: source.section.as_deref().map(one_line),
    }
}
