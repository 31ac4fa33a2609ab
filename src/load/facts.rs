//! `[[fact]]` records: facts that several sources state, each `[[fact.claim]]` with its quote.

use std::collections::HashMap;

use toml::Spanned;

use super::diagnostic::Collector;
use super::fields::Fields;
use super::quotes::QuoteChecker;
use super::records::{Ids, records};
use crate::model::{Claim, Event, Fact, FactKind};

const FACT_FIELDS: &[&str] = &["id", "label", "kind", "event", "note", "claim"];
const CLAIM_FIELDS: &[&str] = &["source", "quote", "value", "unit", "rank", "scope", "as_of"];

pub(crate) fn read_facts(
    out: &mut Collector<'_>,
    top: &Fields<'_, '_>,
    event_ids: &Ids,
    events: &[Event],
    quotes: &QuoteChecker<'_>,
) -> Vec<Fact> {
    let event_index: HashMap<&str, usize> = events.iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect();
    let mut fact_ids = Ids::new("fact");
    let mut facts = Vec::new();
    for (n, (table, span)) in records(out, top, "fact").into_iter().enumerate() {
        let (context, id) = fact_ids.read(out, table, span.clone(), n + 1);
        let f = Fields::new(out, table, span, context, FACT_FIELDS);
        let label = f.text(out, "label");
        let kind = f.string(out, "kind", true).and_then(|kind| {
            let parsed = FactKind::parse(kind.get_ref());
            if parsed.is_none() {
                out.error(
                    kind.span(),
                    format!(
                        "{}: kind \"{}\" is not known (expected one of: {})",
                        f.context,
                        kind.get_ref(),
                        FactKind::NAMES.join(", ")
                    ),
                );
            }
            parsed
        });
        let event = f.string(out, "event", false).and_then(|reference| {
            event_ids.resolve(out, &f.context, "event", &reference)?;
            event_index.get(reference.get_ref().as_str()).copied()
        });
        let note = f.optional_text(out, "note");
        let claim_tables = f.tables(out, "claim", "fact.claim");
        if claim_tables.len() < 2 {
            let has = if claim_tables.is_empty() { "no claim" } else { "only one claim" };
            out.error(
                f.span(),
                format!("{}: has {has} (expected at least two [[fact.claim]], one per source statement)", f.context),
            );
        }
        let mut claims = Vec::with_capacity(claim_tables.len());
        for (c, (table, span)) in claim_tables.into_iter().enumerate() {
            let what = format!("claim {}", c + 1);
            let cf = Fields::new(out, table, span.clone(), format!("{}: {what}", f.context), CLAIM_FIELDS);
            let source = cf.string(out, "source", true);
            let text = cf.string(out, "quote", true);
            let value = cf.number(out, "value", false);
            let unit = cf.string(out, "unit", false);
            // By presence: a value of the wrong type already has its own message.
            if cf.get("value").is_some() != cf.get("unit").is_some() {
                let at = cf.key_span("value").or_else(|| cf.key_span("unit")).unwrap_or(span);
                out.error(at, format!("{}: {what}: value and unit go together (expected both or neither)", f.context));
            }
            let rank = cf.positive_integer(out, "rank");
            let scope = cf.optional_text(out, "scope");
            let as_of = cf.date(out, "as_of", false).map(Spanned::into_inner);
            let quote = match (&source, &text) {
                (Some(source), Some(text)) => quotes.quote(out, &f.context, source, text, &what),
                _ => None,
            };
            if let Some(quote) = quote {
                let value = value.zip(unit.map(Spanned::into_inner));
                claims.push(Claim { quote, value, rank, scope, as_of });
            }
        }
        if let (Some(id), Some(label), Some(kind)) = (id, label, kind) {
            facts.push(Fact { id, label: label.into_inner(), kind, event, note, claims });
        }
    }
    facts
}
