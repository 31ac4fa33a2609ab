//! Where the sources disagree: for each fact, which aspects of its claims differ, and how far
//! an article's date is from the event it reports. Pure functions over the model.

use crate::model::{Claim, Dataset, Date, Fact};

/// One way the claims of a fact differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// Same unit, different amounts.
    Value,
    /// Amounts in different units or currencies; the sources give no rate to compare them.
    Unit(Vec<String>),
    Rank,
    /// The claims are about different markets or regions, or some do not say which: `unstated`
    /// claims give no scope (their text does not say where), beside others that do.
    Scope {
        unstated: usize,
    },
    /// The claims refer to different dates.
    Date,
}

impl Difference {
    pub fn describe(&self) -> String {
        match self {
            Difference::Value => "value".to_string(),
            Difference::Unit(units) => {
                format!("unit ({}: amounts in different currencies, never converted by annals)", units.join(", "))
            }
            Difference::Rank => "rank".to_string(),
            Difference::Scope { unstated: 0 } => "scope".to_string(),
            Difference::Scope { unstated: 1 } => "scope (one claim does not state one)".to_string(),
            Difference::Scope { unstated } => format!("scope ({unstated} claims do not state one)"),
            Difference::Date => "date".to_string(),
        }
    }
}

fn distinct<T: PartialEq + Clone>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// How the claims of a fact differ; empty when they agree.
pub fn differences(fact: &Fact) -> Vec<Difference> {
    let claims = &fact.claims;
    let mut out = Vec::new();
    let units = distinct(claims.iter().filter_map(|c| c.value.as_ref().map(|(_, u)| u.clone())));
    let value_differs = units.iter().any(|unit| {
        let values = distinct(
            claims.iter().filter_map(|c| c.value.as_ref()).filter(|(_, u)| u == unit).map(|(v, _)| v.to_bits()),
        );
        values.len() > 1
    });
    if value_differs {
        out.push(Difference::Value);
    }
    if units.len() > 1 {
        out.push(Difference::Unit(units));
    }
    if distinct(claims.iter().filter_map(|c| c.rank)).len() > 1 {
        out.push(Difference::Rank);
    }
    if distinct(claims.iter().map(|c| c.scope.clone())).len() > 1 {
        out.push(Difference::Scope { unstated: claims.iter().filter(|c| c.scope.is_none()).count() });
    }
    if distinct(claims.iter().filter_map(|c| c.as_of.map(|d| d.sort_key()))).len() > 1 {
        out.push(Difference::Date);
    }
    out
}

/// Whether a claim contradicts the fact's first claim: another amount in the same unit,
/// another rank, or another stated scope. An amount in another currency is not a
/// contradiction: without a rate the two cannot be compared; nor is a scope beside one that is
/// not stated: the text does not say where the other claim holds.
pub fn departs(fact: &Fact, claim: &Claim) -> bool {
    let Some(first) = fact.claims.first() else { return false };
    let value_differs = match (&claim.value, &first.value) {
        (Some((a, unit_a)), Some((b, unit_b))) => unit_a == unit_b && a.to_bits() != b.to_bits(),
        _ => false,
    };
    let scope_differs = matches!((&claim.scope, &first.scope), (Some(a), Some(b)) if a != b);
    value_differs || (claim.rank.is_some() && claim.rank != first.rank) || scope_differs
}

/// "published 1 year after the event" when an article's date is more than about six months
/// from the event it reports; `None` when either date is unknown or they are close.
pub fn report_gap(event: &Date, article: Option<&Date>) -> Option<String> {
    let article = article?;
    let gap = article.midpoint_year() - event.midpoint_year();
    if gap.abs() < 0.5 {
        return None;
    }
    let years = gap.abs().round() as i64;
    let amount = if years >= 1 {
        format!("about {years} year{}", if years == 1 { "" } else { "s" })
    } else {
        "months".to_string()
    };
    let when = if gap > 0.0 { "after" } else { "before" };
    Some(format!("article dated {article}, {amount} {when} the event ({event})"))
}

/// Every fact with its differences, in dataset order.
pub fn overview(dataset: &Dataset) -> Vec<(usize, Vec<Difference>)> {
    dataset.facts.iter().enumerate().map(|(i, f)| (i, differences(f))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled_fact(id: &str) -> Fact {
        let dataset = crate::load::bundled().expect("bundled dataset");
        dataset.facts.into_iter().find(|f| f.id == id).expect("fact")
    }

    #[test]
    fn the_2020_plan_is_stated_in_different_currencies() {
        let diffs = differences(&bundled_fact("plan-2020-size"));
        assert!(
            diffs.iter().any(|d| matches!(d, Difference::Unit(units) if units.contains(&"CNY".to_string()) && units.contains(&"EUR".to_string()))),
            "{diffs:?}"
        );
    }

    #[test]
    fn the_2015_sum_agrees() {
        assert_eq!(differences(&bundled_fact("investment-2015-size")), Vec::new());
    }

    #[test]
    fn rankings_differ_in_rank_and_scope() {
        let diffs = differences(&bundled_fact("cloud-ranking"));
        assert!(diffs.contains(&Difference::Rank), "{diffs:?}");
        assert!(diffs.contains(&Difference::Scope { unstated: 1 }), "the 2021 article does not say where: {diffs:?}");
        assert_eq!(Difference::Scope { unstated: 1 }.describe(), "scope (one claim does not state one)");
    }

    #[test]
    fn an_unstated_scope_is_not_a_contradiction() {
        let claim = |rank: Option<u32>, scope: Option<&str>| Claim {
            quote: crate::model::Quote { source: 0, range: 0..1, page_lines: false },
            value: None,
            rank,
            scope: scope.map(str::to_string),
            as_of: None,
        };
        let fact = Fact {
            id: "f".into(),
            label: "f".into(),
            kind: crate::model::FactKind::Ranking,
            event: None,
            note: None,
            claims: vec![claim(Some(1), None), claim(Some(1), Some("Asia")), claim(Some(1), Some("Europe"))],
        };
        assert!(!departs(&fact, &fact.claims[1]), "no scope stated vs one stated");
        assert_eq!(differences(&fact), [Difference::Scope { unstated: 1 }]);
        let stated = Fact { claims: fact.claims[1..].to_vec(), ..fact.clone() };
        assert!(departs(&stated, &stated.claims[1]), "two stated scopes that differ");
        assert_eq!(differences(&stated), [Difference::Scope { unstated: 0 }]);
    }

    #[test]
    fn a_year_between_event_and_article_is_reported() {
        let event = Date::parse("~2020").unwrap();
        let article = Date::parse("2021-07-20").unwrap();
        assert_eq!(
            report_gap(&event, Some(&article)).unwrap(),
            "article dated 2021-07-20, about 1 year after the event (~2020)"
        );
        assert_eq!(report_gap(&Date::parse("2015-07-29").unwrap(), Some(&Date::parse("~2015-07-29").unwrap())), None);
        assert_eq!(report_gap(&event, None), None);
    }
}
