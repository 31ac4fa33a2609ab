//! The compare facts of an export, as the compare view shows them: each fact with the ways
//! its claims differ (`crate::model::compare::differences`), and each claim with its summary
//! line ("200 billion CNY · Alibaba Cloud, next three years · as of ~2021-07"), whether it
//! contradicts the first claim (`departs`), its quote and source, and how far the article's
//! date is from the fact's event (`report_gap`).
//!
//! Which facts: those tied to an exported event, and those tied to no event (a fact about
//! the whole story, such as a ranking over the years) that quote a source an exported event
//! quotes too.

use crate::model::compare::{Difference, departs, differences, report_gap};
use crate::model::{Claim, Dataset, Fact};

/// The indexes of the facts to export, in dataset order. `exported[e]` says whether event
/// `e` is in the export; `quoted[s]` whether an exported event quotes source `s`.
pub(super) fn selected(dataset: &Dataset, exported: &[bool], quoted: &[bool]) -> Vec<usize> {
    let is = |flags: &[bool], i: usize| flags.get(i).copied().unwrap_or(false);
    (0..dataset.facts.len())
        .filter(|&f| {
            let fact = &dataset.facts[f];
            match fact.event {
                Some(e) => is(exported, e),
                None => fact.claims.iter().any(|c| is(quoted, c.quote.source)),
            }
        })
        .collect()
}

/// What a difference is about, as one word: `value`, `unit`, `rank`, `scope`, `date`.
pub(super) fn aspect(difference: &Difference) -> &'static str {
    match difference {
        Difference::Value => "value",
        Difference::Unit(_) => "unit",
        Difference::Rank => "rank",
        Difference::Scope { .. } => "scope",
        Difference::Date => "date",
    }
}

/// The flag line of a fact, as the compare view words it: `the claims differ in: value ·
/// unit (…)`, or `the claims agree`.
pub(super) fn flag(differences: &[Difference]) -> String {
    if differences.is_empty() {
        return "the claims agree".to_string();
    }
    let text: Vec<String> = differences.iter().map(Difference::describe).collect();
    format!("the claims differ in: {}", text.join(" · "))
}

/// One fact ready to write.
pub(super) struct FactView<'a> {
    pub fact: &'a Fact,
    pub differences: Vec<Difference>,
    pub claims: Vec<ClaimView<'a>>,
}

/// One claim ready to write.
pub(super) struct ClaimView<'a> {
    pub claim: &'a Claim,
    pub summary: String,
    /// It contradicts the fact's first claim (never the first claim itself).
    pub departs: bool,
    /// "article dated 2021-07-20, about 1 year after the event (~2020)".
    pub report_gap: Option<String>,
}

pub(super) fn view(dataset: &Dataset, index: usize) -> FactView<'_> {
    let fact = &dataset.facts[index];
    let event = fact.event.and_then(|e| dataset.events.get(e));
    let claims = fact
        .claims
        .iter()
        .enumerate()
        .map(|(i, claim)| ClaimView {
            claim,
            summary: claim.summary(),
            departs: i > 0 && departs(fact, claim),
            report_gap: event.and_then(|e| {
                report_gap(&e.date, dataset.sources.get(claim.quote.source).and_then(|s| s.date.as_ref()))
            }),
        })
        .collect();
    FactView { fact, differences: differences(fact), claims }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_follow_their_events_or_their_sources() {
        let d = crate::load::bundled().expect("bundled");
        let (events, sources) = (d.events.len(), d.sources.len());
        assert_eq!(selected(&d, &vec![true; events], &vec![true; sources]).len(), d.facts.len());
        assert!(selected(&d, &vec![false; events], &vec![false; sources]).is_empty());
        let english = d.sources.iter().position(|s| s.id == "en-cloud-proves-its-worth").unwrap();
        let mut quoted = vec![false; sources];
        quoted[english] = true;
        let ids: Vec<&str> =
            selected(&d, &vec![false; events], &quoted).iter().map(|&f| d.facts[f].id.as_str()).collect();
        assert!(ids.contains(&"cloud-ranking"), "tied to no event, quoting the English article: {ids:?}");
        assert!(!ids.contains(&"plan-2020-size"), "tied to an event not exported: {ids:?}");
    }

    #[test]
    fn claims_read_as_in_the_compare_view() {
        let d = crate::load::bundled().expect("bundled");
        let ranking = d.facts.iter().position(|f| f.id == "cloud-ranking").unwrap();
        let view = view(&d, ranking);
        assert_eq!(view.claims[0].summary, "rank 1 · scope not stated · as of 2021-07-20");
        assert!(view.claims[1].departs, "rank 2 against rank 1");
        assert!(!view.claims[0].departs);
        assert!(flag(&view.differences).starts_with("the claims differ in: "), "{}", flag(&view.differences));
        let plan = d.facts.iter().position(|f| f.id == "plan-2020-size").unwrap();
        let view = super::view(&d, plan);
        assert!(view.claims[0].summary.starts_with("200 billion CNY · "), "{}", view.claims[0].summary);
        assert!(view.differences.iter().any(|d| aspect(d) == "unit"));
    }
}
