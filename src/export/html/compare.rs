//! The compared facts: per fact an `<article>` with its heading, the event it belongs to, its
//! flag (the ways the claims differ, as the compare view words them) and a table of its
//! claims — value, rank, scope ("scope not stated"), as-of date, the quote in its language,
//! the source, and the claim's own flags (`≠ first claim`, the gap between the article and
//! the event) — then its note. `data-event` lets the filters hide a fact with its event.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::escape::{Esc, Line, anchor};
use super::events::{lang_attr, time};
use crate::export::Selection;
use crate::export::facts::view;
use crate::text::number::amount;

pub(super) fn write(out: &mut dyn Write, chosen: &Selection<'_>) -> io::Result<()> {
    if chosen.facts.is_empty() {
        return Ok(());
    }
    let dataset = chosen.dataset;
    writeln!(out, "<section id=\"compare\" aria-labelledby=\"compare-title\">")?;
    writeln!(out, "<h2 id=\"compare-title\">Compared facts</h2>")?;
    writeln!(out, "<p class=\"intro\">Facts more than one source states, claim by claim, with where they differ.</p>")?;
    let mut html = String::new();
    for &index in &chosen.facts {
        html.clear();
        let fact = view(dataset, index);
        let event = fact.fact.event.and_then(|e| dataset.events.get(e));
        let event_attr = event.map(|e| format!(" data-event=\"{}\"", anchor("event-", &e.id))).unwrap_or_default();
        let _ = writeln!(html, "<article class=\"fact\" id=\"{}\"{event_attr}>", anchor("fact-", &fact.fact.id));
        let _ = writeln!(
            html,
            "<h3>{} <span class=\"kind\">· {}</span></h3>",
            Line(&fact.fact.label),
            fact.fact.kind.name()
        );
        if let Some(event) = event {
            let _ = writeln!(
                html,
                "<p class=\"fact-event\">Event: <a href=\"#{}\">{} {}</a></p>",
                anchor("event-", &event.id),
                Esc(&event.date_written()),
                Line(&event.title)
            );
        }
        if fact.differences.is_empty() {
            html.push_str("<p class=\"flag agree\">✓ The claims agree.</p>\n");
        } else {
            let text: Vec<String> = fact.differences.iter().map(|d| Line(&d.describe()).to_string()).collect();
            let _ = writeln!(
                html,
                "<p class=\"flag differ\"><strong>⚑ The claims differ in:</strong> {}</p>",
                text.join(" · ")
            );
        }
        let _ = writeln!(
            html,
            "<div class=\"table\"><table>\n<caption>Claims: {}</caption>\n<thead><tr><th scope=\"col\">Value</th>\
             <th scope=\"col\">Rank</th><th scope=\"col\">Scope</th><th scope=\"col\">As of</th><th scope=\"col\">Quote</th>\
             <th scope=\"col\">Source</th><th scope=\"col\">Flags</th></tr></thead>\n<tbody>",
            Line(&fact.fact.label)
        );
        for claim in &fact.claims {
            let c = claim.claim;
            let source = &dataset.sources[c.quote.source];
            let value = c.value.as_ref().map(|(v, u)| format!("{} {}", amount(*v), Line(u))).unwrap_or_default();
            let rank = c.rank.map(|r| format!("rank {r}")).unwrap_or_default();
            let scope = c.scope.as_deref().map_or("scope not stated".to_string(), |s| Line(s).to_string());
            let as_of = c.as_of.as_ref().map(time).unwrap_or_default();
            let mut flags = Vec::new();
            if claim.departs {
                flags.push("<strong class=\"departs\">≠ first claim</strong>".to_string());
            }
            if let Some(gap) = &claim.report_gap {
                flags.push(Line(gap).to_string());
            }
            let _ = writeln!(
                html,
                "<tr{}><td>{value}</td><td>{rank}</td><td>{scope}</td><td>{as_of}</td><td><blockquote{}><p>“{}”</p></blockquote></td>\
                 <td><a href=\"#{}\">{}</a></td><td>{}</td></tr>",
                if claim.departs { " class=\"departs\"" } else { "" },
                lang_attr(&source.language),
                Line(&dataset.quote_text(&c.quote)),
                anchor("source-", &source.id),
                Line(&attribution(source)),
                flags.join("; "),
            );
        }
        html.push_str("</tbody>\n</table></div>\n");
        if let Some(note) = &fact.fact.note {
            let _ = writeln!(html, "<p class=\"note\"><strong>Note:</strong> {}</p>", Line(note));
        }
        html.push_str("</article>\n");
        out.write_all(html.as_bytes())?;
    }
    writeln!(out, "</section>")
}

/// `fr · 2021-07-20 · Publisher · Title`, as the compare view credits a claim.
fn attribution(source: &crate::model::Source) -> String {
    let mut parts = vec![source.language.clone(), source.date.map_or_else(|| "undated".to_string(), |d| d.to_string())];
    if let Some(publisher) = &source.publisher {
        parts.push(publisher.clone());
    }
    parts.push(source.shown_title());
    parts.join(" · ")
}
