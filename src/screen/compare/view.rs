//! The compare view: every fact more than one source states, each claim next to its verbatim
//! quote and source, with a flag where the claims differ.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::CompareState;
use crate::layout;
use crate::model::compare::{departs, differences, report_gap};
use crate::state::State;
use crate::text::wrap::truncate;
use crate::ui::style::{self, attribution};

/// All lines, and for each claim (in `App::claims` order) the line its fact starts on and the
/// range of lines the claim takes.
fn lines(compare: &CompareState, state: &State, width: usize) -> (Vec<Line<'static>>, Vec<(usize, usize, usize)>) {
    let d = &state.dataset;
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut spans = Vec::new();
    let mut n = 0;
    for fact in &d.facts {
        let event = fact.event.map(|e| &d.events[e]);
        let head = match event {
            Some(e) => format!("◆ {} · {} · event {} {}", fact.label, fact.kind.name(), e.date_written(), e.title),
            None => format!("◆ {} · {}", fact.label, fact.kind.name()),
        };
        let fact_start = out.len();
        out.push(Line::styled(truncate(&head, width), style::heading()));
        let diffs = differences(fact);
        if diffs.is_empty() {
            out.push(Line::styled("  ✓ the claims agree", Style::new().fg(Color::Green)));
        } else {
            let text: Vec<String> = diffs.iter().map(|d| d.describe()).collect();
            let flag = format!("⚑ the claims differ in: {}", text.join(" · "));
            out.extend(style::indented(&flag, width, 2, Style::new().fg(Color::LightRed).add_modifier(Modifier::BOLD)));
        }
        for (c, claim) in fact.claims.iter().enumerate() {
            let start = out.len();
            let selected = n == compare.claim;
            let base = if selected { style::selected(true) } else { Style::new() };
            let marker = if selected { "▶ " } else { "  " };
            let mut differs = if c > 0 && departs(fact, claim) { " · ≠ unlike the first claim" } else { "" };
            // One line, cut with "…": the note that it differs goes first when room is short
            // (the flag above says what differs).
            let mut room = width.saturating_sub(4 + crate::text::wrap::width(differs));
            if room < 12 {
                (differs, room) = ("", width.saturating_sub(4));
            }
            out.push(Line::from(vec![
                Span::raw(format!("  {marker}")),
                Span::styled(truncate(&claim.summary(), room), base.add_modifier(Modifier::BOLD)),
                Span::styled(differs.to_string(), Style::new().fg(Color::LightRed)),
            ]));
            let quote = format!("“{}”", d.quote_text(&claim.quote));
            out.extend(style::indented(&quote, width, 6, Style::new()));
            let source = &d.sources[claim.quote.source];
            let mut credit = format!("— {}", attribution(source));
            if let Some(gap) = event.and_then(|e| report_gap(&e.date, source.date.as_ref())) {
                credit.push_str(&format!(" · {gap}"));
            }
            out.extend(style::indented(&credit, width, 6, style::dim()));
            spans.push((fact_start, start, out.len()));
            n += 1;
        }
        if let Some(note) = &fact.note {
            out.extend(style::indented(&format!("Note: {note}"), width, 2, style::dim()));
        }
        out.push(Line::default());
    }
    (out, spans)
}

pub fn draw(frame: &mut Frame, body: Rect, compare: &CompareState, state: &State) {
    let hint = format!(
        " Compare · {} · {} opens side by side ",
        crate::text::count(state.dataset.facts.len(), "fact"),
        state.keymap.hint(crate::input::action::Action::Open)
    );
    frame.render_widget(style::pane(&hint, body.width, true), body);
    let inner = layout::inner(body);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    if state.dataset.facts.is_empty() {
        let text = "This dataset has no [[fact]] records: nothing to compare. See docs/dataset-format.md.";
        frame.render_widget(
            Paragraph::new(style::marked_paragraph(text, usize::from(inner.width), &[], Style::new())),
            inner,
        );
        return;
    }
    let (all, spans) = lines(compare, state, usize::from(inner.width));
    let (fact_start, start, end) = spans.get(compare.claim).copied().unwrap_or((0, 0, 0));
    let height = usize::from(inner.height);
    // The claim in view, with its fact's heading and flag above it when they fit too.
    let top = if end - fact_start <= height { fact_start } else { start };
    let offset = end.saturating_sub(height).min(top);
    let total = all.len();
    let shown: Vec<Line> = all.into_iter().skip(offset).take(height).collect();
    frame.render_widget(Paragraph::new(shown), inner);
    if total > height {
        let position = format!(" claim {} of {} ", compare.claim + 1, spans.len());
        let x = body.right().saturating_sub(crate::text::wrap::width(&position) as u16 + 1);
        frame.buffer_mut().set_string(x, body.bottom().saturating_sub(1), position, style::dim());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_fits_the_pane_and_a_claim_too_long_is_cut_with_an_ellipsis() {
        let app = crate::app::App::new(
            crate::load::bundled().expect("bundled"),
            crate::input::Keymap::default_keymap(),
            (60, 15),
        );
        for width in [24, 30, 44, 58] {
            let (all, spans) = lines(&CompareState::default(), &app.state, width);
            for line in &all {
                assert!(line.width() <= width, "{width}: {line:?}");
            }
            let claims: Vec<String> = spans
                .iter()
                .map(|&(_, start, _)| all[start].spans.iter().map(|s| s.content.as_ref()).collect())
                .collect();
            assert!(claims.iter().any(|c| c.contains('…')), "{width}: some claim is cut: {claims:?}");
        }
    }
}
