//! `[[event]]` records with their `[[event.quote]]` and `[[event.figure]]` tables.

use toml::Spanned;

use super::diagnostic::Collector;
use super::fields::Fields;
use super::quotes::QuoteChecker;
use super::records::{Ids, records};
use crate::model::{Event, Figure};

const EVENT_FIELDS: &[&str] = &["id", "date", "end", "date_note", "title", "summary", "themes", "quote", "figure"];
const QUOTE_FIELDS: &[&str] = &["source", "text"];
const FIGURE_FIELDS: &[&str] = &["label", "value", "unit", "source", "quote", "converted_value", "converted_unit"];

/// Reads every event, then sorts them by the date sort rule (ties keep file order).
pub(crate) fn read_events(
    out: &mut Collector<'_>,
    top: &Fields<'_, '_>,
    theme_ids: &Ids,
    quotes: &QuoteChecker<'_>,
) -> (Vec<Event>, Ids) {
    let mut event_ids = Ids::new("event");
    let mut events = Vec::new();
    for (n, (table, span)) in records(out, top, "event").into_iter().enumerate() {
        let (context, id) = event_ids.read(out, table, span.clone(), n + 1);
        let line = out.line_of(span.start);
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
        let themes = read_themes(out, &f, theme_ids);
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
        let mut event_quotes = Vec::with_capacity(quote_tables.len());
        for (q, (table, span)) in quote_tables.into_iter().enumerate() {
            let qf = Fields::new(out, table, span, format!("{}: quote {}", f.context, q + 1), QUOTE_FIELDS);
            let (Some(source), Some(text)) = (qf.string(out, "source", true), qf.string(out, "text", true)) else {
                continue;
            };
            event_quotes.extend(quotes.quote(out, &f.context, &source, &text, &format!("quote {}", q + 1)));
        }
        let figures = read_figures(out, &f, quotes);
        if let (Some(id), Some(date), Some(title), Some(summary), Some(themes)) = (id, date, title, summary, themes) {
            events.push(Event {
                id,
                date: date.into_inner(),
                end: end.map(Spanned::into_inner),
                date_note,
                title: title.into_inner(),
                summary: summary.into_inner(),
                themes,
                quotes: event_quotes,
                figures,
                line,
            });
        }
    }
    events.sort_by_key(|e| e.date.sort_key());
    (events, event_ids)
}

fn read_themes(out: &mut Collector<'_>, f: &Fields<'_, '_>, theme_ids: &Ids) -> Option<Vec<usize>> {
    let names = f.string_list(out, "themes", "an array of theme ids such as [\"investment\"]")?;
    if names.is_empty() {
        let span = f.get("themes").map_or_else(|| f.span(), Spanned::span);
        out.error(span, format!("{}: \"themes\" is empty (expected at least one theme id)", f.context));
    }
    let mut themes = Vec::with_capacity(names.len());
    for name in &names {
        if let Some(index) = theme_ids.resolve(out, &f.context, "theme", name)
            && !themes.contains(&index)
        {
            themes.push(index);
        }
    }
    Some(themes)
}

fn read_figures(out: &mut Collector<'_>, f: &Fields<'_, '_>, quotes: &QuoteChecker<'_>) -> Vec<Figure> {
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
        let converted = converted_value.zip(converted_unit.map(Spanned::into_inner));
        let quote = match (&source, &quote_text) {
            (Some(source), Some(text)) => quotes.quote(out, &f.context, source, text, &what),
            _ => None,
        };
        if let (Some(label), Some(value), Some(unit), Some(quote)) = (label, value, unit, quote) {
            figures.push(Figure { label: label.into_inner(), value, unit: unit.into_inner(), quote, converted });
        }
    }
    figures
}
