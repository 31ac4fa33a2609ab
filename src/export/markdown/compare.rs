//! The eras and the compare facts in Markdown.
//!
//! `## Eras`: one item per era, `**label** (2015–2016): description`.
//!
//! `## Compared facts`: per fact `### {label} · {kind}` (` · event {date} {title}` when it is
//! tied to one), its flag (`**⚑ The claims differ in:** value · unit (…)`, or `✓ The claims
//! agree.`), one list item per claim (`**{summary}**`, ` · ≠ first claim` when it contradicts
//! the first claim, the quote, `— ` its source's reference, and the gap between the article
//! and the event when there is one), then the fact's note.

use std::fmt::Write as _;
use std::io;

use super::escape::one_line;
use super::{Doc, References};
use crate::export::Selection;
use crate::export::facts::view;
use crate::model::Dataset;

pub(super) fn eras(doc: &mut Doc<'_>, dataset: &Dataset) -> io::Result<()> {
    if dataset.eras.is_empty() {
        return Ok(());
    }
    doc.block("## Eras\n")?;
    let items = dataset.eras.iter().map(|era| {
        let mut item = format!("- **{}** ({})", one_line(&era.label), one_line(&era.span()));
        if let Some(description) = &era.description {
            let _ = write!(item, ": {}", one_line(description));
        }
        item
    });
    doc.list(items)
}

pub(super) fn facts(doc: &mut Doc<'_>, chosen: &Selection<'_>, references: &mut References) -> io::Result<()> {
    if chosen.facts.is_empty() {
        return Ok(());
    }
    let dataset = chosen.dataset;
    doc.block("## Compared facts\n")?;
    for &index in &chosen.facts {
        let fact = view(dataset, index);
        let mut heading = format!("### {} · {}", one_line(&fact.fact.label), fact.fact.kind.name());
        if let Some(event) = fact.fact.event.and_then(|e| dataset.events.get(e)) {
            let _ = write!(heading, " · event {} {}", one_line(&event.date_written()), one_line(&event.title));
        }
        heading.push('\n');
        doc.block(&heading)?;
        let flag = if fact.differences.is_empty() {
            "✓ The claims agree.\n".to_string()
        } else {
            let text: Vec<String> = fact.differences.iter().map(|d| one_line(&d.describe())).collect();
            format!("**⚑ The claims differ in:** {}\n", text.join(" · "))
        };
        doc.block(&flag)?;
        let items: Vec<String> = fact
            .claims
            .iter()
            .map(|claim| {
                let mut item = format!("- **{}**", one_line(&claim.summary));
                if claim.departs {
                    item.push_str(" · ≠ first claim");
                }
                let quote = dataset.quote_text(&claim.claim.quote);
                let _ = write!(item, ": “{}” — {}", one_line(&quote), references.of(dataset, claim.claim.quote.source));
                if let Some(gap) = &claim.report_gap {
                    let _ = write!(item, " · {}", one_line(gap));
                }
                item
            })
            .collect();
        doc.list(items.into_iter())?;
        if let Some(note) = &fact.fact.note {
            doc.block(&format!("*Note:* {}\n", one_line(note)))?;
        }
    }
    Ok(())
}
