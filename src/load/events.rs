//! `[[event]]` records with their `[[event.quote]]` and `[[event.figure]]` tables.
//!
//! [`read_event`] reads what an event says about itself; [`resolve_events`] then resolves its
//! theme ids and checks its quotes against the sources, once every chunk has been read.

use std::ops::Range;

use toml::Spanned;
use toml::de::DeTable;

use super::diagnostic::{Collector, Found};
use super::fields::Fields;
use super::quotes::{QuoteChecker, QuoteRef};
use super::records::{IdAt, Ids, rank, read_id};
use crate::model::{Date, Event, Figure};

const EVENT_FIELDS: &[&str] = &["id", "date", "end", "date_note", "title", "summary", "themes", "quote", "figure"];
const QUOTE_FIELDS: &[&str] = &["source", "text"];
const FIGURE_FIELDS: &[&str] = &["label", "value", "unit", "source", "quote", "converted_value", "converted_unit"];

/// An event as read from its table; spans are in the whole file.
pub(crate) struct RawEvent {
    /// `None` when missing, invalid or (once merged) a duplicate.
    pub id: Option<IdAt>,
    pub context: String,
    pub date: Option<Date>,
    pub end: Option<Date>,
    pub date_note: Option<String>,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub themes: Option<Vec<Spanned<String>>>,
    /// Each quote with what names it in messages ("quote 2").
    pub quotes: Vec<(QuoteRef, String)>,
    pub figures: Vec<RawFigure>,
    pub line: usize,
}

pub(crate) struct RawFigure {
    pub what: String,
    pub label: Option<String>,
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub quote: Option<QuoteRef>,
    pub converted: Option<(f64, String)>,
}

/// Reads one event table (`n`: its number among the file's events).
pub(crate) fn read_event(out: &mut Collector<'_>, table: &DeTable<'_>, span: Range<usize>, n: usize) -> RawEvent {
    let line = out.line_of(span.start);
    let (context, id) = read_id(out, "event", table, span.clone(), n);
    let f = Fields::new(out, table, span, context, EVENT_FIELDS);
    let date = f.date(out, "date", true);
    let end = f.date(out, "end", false);
    if let (Some(date), Some(end)) = (&date, &end)
        && end.get_ref().end_key() < date.get_ref().sort_key()
    {
        out.error(
            end.span(),
            format!(
                "{}: end \"{}\" is before date \"{}\" (expected an end on or after the date)",
                f.context,
                end.get_ref(),
                date.get_ref()
            ),
        );
    }
    let date_note = f.optional_text(out, "date_note");
    let title = f.text(out, "title");
    let summary = f.text(out, "summary");
    let themes = read_themes(out, &f);
    let quote_tables = f.tables(out, "quote", "event.quote");
    // `quote = []` is no quote either; a `quote` of the wrong type has its own message.
    let no_quote = match f.get("quote").map(|v| v.get_ref()) {
        None => true,
        Some(toml::de::DeValue::Array(items)) => items.is_empty(),
        Some(_) => false,
    };
    if no_quote {
        out.error(
            f.span(),
            format!("{}: has no quote (expected at least one [[event.quote]] with source and text)", f.context),
        );
    }
    let mut quotes = Vec::with_capacity(quote_tables.len());
    for (q, (table, span)) in quote_tables.into_iter().enumerate() {
        let qf = Fields::new(out, table, span, format!("{}: quote {}", f.context, q + 1), QUOTE_FIELDS);
        let (Some(source), Some(text)) = (qf.string(out, "source", true), qf.string(out, "text", true)) else {
            continue;
        };
        quotes
            .push((QuoteRef { source: out.globalize(source), text: out.globalize(text) }, format!("quote {}", q + 1)));
    }
    let figures = read_figures(out, &f);
    RawEvent {
        id,
        date: date.map(Spanned::into_inner),
        end: end.map(Spanned::into_inner),
        date_note,
        title: title.map(Spanned::into_inner),
        summary: summary.map(Spanned::into_inner),
        themes,
        quotes,
        figures,
        line,
        context: f.context,
    }
}

fn read_themes(out: &mut Collector<'_>, f: &Fields<'_, '_>) -> Option<Vec<Spanned<String>>> {
    let names = f.string_list(out, "themes", "an array of theme ids such as [\"investment\"]")?;
    if names.is_empty() {
        let span = f.get("themes").map_or_else(|| f.span(), Spanned::span);
        out.error(span, format!("{}: \"themes\" is empty (expected at least one theme id)", f.context));
    }
    Some(names.into_iter().map(|name| out.globalize(name)).collect())
}

fn read_figures(out: &mut Collector<'_>, f: &Fields<'_, '_>) -> Vec<RawFigure> {
    let mut figures = Vec::new();
    for (i, (table, span)) in f.tables(out, "figure", "event.figure").into_iter().enumerate() {
        let what = format!("figure {}", i + 1);
        let ff = Fields::new(out, table, span.clone(), format!("{}: {what}", f.context), FIGURE_FIELDS);
        let label = ff.text(out, "label");
        let value = ff.number(out, "value", true);
        let unit = ff.text(out, "unit");
        let source = ff.string(out, "source", true);
        let quote_text = ff.string(out, "quote", true);
        let converted_value = ff.number(out, "converted_value", false);
        let converted_unit = ff.string(out, "converted_unit", false);
        // Checked by presence: one of the wrong type already has its own message.
        if ff.get("converted_value").is_some() != ff.get("converted_unit").is_some() {
            let at = ff.key_span("converted_value").or_else(|| ff.key_span("converted_unit")).unwrap_or(span);
            out.error(
                at,
                format!(
                    "{}: {what}: converted_value and converted_unit go together (expected both or neither)",
                    f.context
                ),
            );
        }
        let quote = match (source, quote_text) {
            (Some(source), Some(text)) => Some(QuoteRef { source: out.globalize(source), text: out.globalize(text) }),
            _ => None,
        };
        figures.push(RawFigure {
            what,
            label: label.map(Spanned::into_inner),
            value,
            unit: unit.map(Spanned::into_inner),
            quote,
            converted: converted_value.zip(converted_unit.map(Spanned::into_inner)),
        });
    }
    figures
}

/// Resolves every event's themes and quotes, keeps the complete ones and sorts them by the
/// date sort rule (ties keep file order). Problems go to `found`.
pub(crate) fn resolve_events(
    raw: Vec<RawEvent>,
    theme_ids: &Ids,
    quotes: &QuoteChecker<'_>,
    threads: usize,
    found: &mut Vec<Found>,
) -> Vec<Event> {
    let parts = super::in_parts(raw, threads, |part| {
        let mut out = Collector::new("");
        out.set_rank(rank("event"));
        let events = resolve_part(&mut out, part, theme_ids, quotes);
        (events, out.into_found())
    });
    let mut events = Vec::with_capacity(parts.iter().map(|(events, _)| events.len()).sum());
    for (part, part_found) in parts {
        events.extend(part);
        found.extend(part_found);
    }
    events.sort_by_key(|e| e.date.sort_key());
    events
}

fn resolve_part(out: &mut Collector<'_>, raw: Vec<RawEvent>, theme_ids: &Ids, quotes: &QuoteChecker<'_>) -> Vec<Event> {
    let mut events = Vec::with_capacity(raw.len());
    for event in raw {
        let themes = event.themes.map(|names| {
            let mut themes = Vec::with_capacity(names.len());
            for name in &names {
                if let Some(index) = theme_ids.resolve(out, &event.context, "theme", name)
                    && !themes.contains(&index)
                {
                    themes.push(index);
                }
            }
            themes
        });
        let mut event_quotes = Vec::with_capacity(event.quotes.len());
        for (quote, what) in event.quotes {
            event_quotes.extend(quotes.quote(out, &event.context, quote, &what));
        }
        let mut figures = Vec::with_capacity(event.figures.len());
        for figure in event.figures {
            let quote = figure.quote.and_then(|quote| quotes.quote(out, &event.context, quote, &figure.what));
            if let (Some(label), Some(value), Some(unit), Some(quote)) =
                (figure.label, figure.value, figure.unit, quote)
            {
                figures.push(Figure { label, value, unit, quote, converted: figure.converted });
            }
        }
        if let (Some(id), Some(date), Some(title), Some(summary), Some(themes)) =
            (event.id, event.date, event.title, event.summary, themes)
        {
            events.push(Event {
                id: id.id,
                date,
                end: event.end,
                date_note: event.date_note,
                title,
                summary,
                themes,
                quotes: event_quotes,
                figures,
                line: event.line,
            });
        }
    }
    events
}
