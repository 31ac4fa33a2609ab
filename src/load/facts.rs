//! `[[fact]]` records: facts that several sources state, each `[[fact.claim]]` with its quote.
//!
//! [`read_fact`] reads a fact table; [`resolve_facts`] resolves its event and checks its
//! claims' quotes once every chunk has been read.

use std::ops::Range;

use toml::Spanned;
use toml::de::DeTable;

use super::diagnostic::Collector;
use super::events::quote_ref;
use super::fields::Fields;
use super::ids::{IdAt, Ids, read_id};
use super::names::{Names, offset};
use super::quotes::{QuoteChecker, QuoteRef, What};
use crate::model::{Claim, Date, Event, Fact, FactKind};

const FACT_FIELDS: &[&str] = &["id", "label", "kind", "event", "note", "claim"];
const CLAIM_FIELDS: &[&str] = &["source", "quote", "value", "unit", "rank", "scope", "as_of"];

/// A fact as read from its table; spans are in the whole file.
pub(crate) struct RawFact {
    pub id: Option<IdAt>,
    pub context: String,
    pub label: Option<String>,
    pub kind: Option<FactKind>,
    pub event: Option<Spanned<String>>,
    pub note: Option<String>,
    pub claims: Vec<RawClaim>,
}

pub(crate) struct RawClaim {
    pub quote: Option<QuoteRef>,
    value: Option<(f64, String)>,
    rank: Option<u32>,
    scope: Option<String>,
    as_of: Option<Date>,
}

/// Reads one fact table (`n`: its number among the file's facts); the sources it quotes go to
/// its chunk's `names`.
pub(crate) fn read_fact(
    out: &mut Collector<'_>,
    names: &mut Names,
    table: &DeTable<'_>,
    span: Range<usize>,
    n: usize,
) -> RawFact {
    let (context, id) = read_id(out, "fact", table, span.clone(), n);
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
                    super::clip(kind.get_ref()),
                    FactKind::NAMES.join(", ")
                ),
            );
        }
        parsed
    });
    let event = f.string(out, "event", false).map(|reference| out.globalize(reference));
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
        let what = What::Claim(offset(c + 1));
        let cf = Fields::new(out, table, span.clone(), what.within(&f.context), CLAIM_FIELDS);
        let source = cf.borrowed(out, "source", true);
        let text = cf.borrowed(out, "quote", true);
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
        let quote = match (source, text) {
            (Some(source), Some(text)) => Some(quote_ref(out, names, source, text, what)),
            _ => None,
        };
        claims.push(RawClaim { quote, value: value.zip(unit.map(Spanned::into_inner)), rank, scope, as_of });
    }
    RawFact { id, label: label.map(Spanned::into_inner), kind, event, note, claims, context: f.context }
}

/// Resolves every fact's event (an index into the sorted `events`) and checks its claims'
/// quotes; keeps the complete facts. `raw` are the facts with the chunk each comes from (whose
/// `names` they refer to); `out` is a whole-file collector.
pub(crate) fn resolve_facts(
    out: &mut Collector<'_>,
    raw: Vec<(usize, RawFact)>,
    names: &[Names],
    event_ids: &Ids,
    events: &[Event],
    quotes: &QuoteChecker<'_>,
) -> Vec<Fact> {
    // Only the events that facts name are looked for: a map of every event would cost more
    // than the few facts.
    let mut event_index: super::Map<&str, usize> = super::Map::default();
    let mut wanted: super::Set<&str> =
        raw.iter().filter_map(|(_, fact)| fact.event.as_ref()).map(|reference| reference.get_ref().as_str()).collect();
    for (i, event) in events.iter().enumerate() {
        if wanted.is_empty() {
            break;
        }
        if wanted.remove(event.id.as_str()) {
            event_index.insert(event.id.as_str(), i);
        }
    }
    let mut facts = Vec::with_capacity(raw.len());
    for (chunk, fact) in raw {
        let context = || fact.context.clone();
        let event = fact.event.and_then(|reference| {
            event_ids.resolve(out, &fact.context, "event", reference.get_ref(), reference.span().start)?;
            event_index.get(reference.get_ref().as_str()).copied()
        });
        let mut claims = Vec::with_capacity(fact.claims.len());
        for claim in fact.claims {
            let quote = claim.quote.and_then(|quote| quotes.quote(out, &names[chunk], &context, quote));
            if let Some(quote) = quote {
                claims.push(Claim {
                    quote,
                    value: claim.value,
                    rank: claim.rank,
                    scope: claim.scope,
                    as_of: claim.as_of,
                });
            }
        }
        if let (Some(id), Some(label), Some(kind)) = (fact.id, fact.label, fact.kind) {
            facts.push(Fact { id: id.id, label, kind, event, note: fact.note, claims });
        }
    }
    facts
}
