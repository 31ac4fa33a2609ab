//! The events as serde writes them from mirror structs: the reference `fast.rs` is checked
//! against, byte for byte.

use std::borrow::Cow;

use serde::Serialize;

use super::Number;
use crate::export::{certainty_name, dates, precision_name, theme_ids};
use crate::model::{Dataset, Date, Event, Figure, Quote};

#[derive(Serialize)]
pub(super) struct JsonEvent<'a> {
    id: &'a str,
    date: String,
    date_precision: Option<&'static str>,
    date_certainty: Option<&'static str>,
    date_open_start: bool,
    end: Option<String>,
    end_certainty: Option<&'static str>,
    kind: &'static str,
    date_note: Option<&'a str>,
    title: &'a str,
    summary: &'a str,
    themes: Vec<&'a str>,
    quotes: Vec<JsonQuote<'a>>,
    figures: Vec<JsonFigure<'a>>,
    date_start: Option<String>,
    date_end: Option<String>,
    unsourced: bool,
    draft: bool,
}

#[derive(Serialize)]
struct JsonQuote<'a> {
    source: &'a str,
    text: Cow<'a, str>,
}

#[derive(Serialize)]
struct JsonFigure<'a> {
    label: &'a str,
    value: Number,
    unit: &'a str,
    source: &'a str,
    quote: Cow<'a, str>,
    converted_value: Option<Number>,
    converted_unit: Option<&'a str>,
    fact: Option<&'a str>,
}

pub(super) fn event<'a>(dataset: &'a Dataset, e: &'a Event) -> JsonEvent<'a> {
    let quote = |q: &Quote| dataset.sources[q.source].id.as_str();
    JsonEvent {
        id: &e.id,
        date: e.date_written(),
        // A draft with no date yet has neither: its `date` only places it.
        date_precision: (!e.undated).then(|| precision_name(&e.date)),
        date_certainty: (!e.undated).then(|| certainty_name(&e.date)),
        date_open_start: e.open_start,
        end: e.end.as_ref().map(Date::to_string),
        end_certainty: e.end.as_ref().map(certainty_name),
        kind: e.kind.name(),
        date_note: e.date_note.as_deref(),
        title: &e.title,
        summary: &e.summary,
        themes: theme_ids(dataset, e),
        quotes: e.quotes.iter().map(|q| JsonQuote { source: quote(q), text: dataset.quote_text(q) }).collect(),
        figures: e.figures.iter().map(|f| figure(dataset, f, quote(&f.quote))).collect(),
        date_start: dates::event_start(e).map(dates::iso),
        date_end: dates::event_end(e).map(dates::iso),
        unsourced: e.quotes.is_empty(),
        draft: e.draft,
    }
}

fn figure<'a>(dataset: &'a Dataset, f: &'a Figure, source: &'a str) -> JsonFigure<'a> {
    JsonFigure {
        label: &f.label,
        value: Number(f.value),
        unit: &f.unit,
        source,
        quote: dataset.quote_text(&f.quote),
        converted_value: f.converted.as_ref().map(|(v, _)| Number(*v)),
        converted_unit: f.converted.as_ref().map(|(_, u)| u.as_str()),
        fact: f.fact.and_then(|i| dataset.facts.get(i)).map(|fact| fact.id.as_str()),
    }
}
