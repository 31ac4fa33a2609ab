//! The detail pane: the selected event's title, date with its precision and provenance, era,
//! themes, summary, and figures as the sources state them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Focus, MainState};
use crate::input::Action;
use crate::layout;
use crate::model::{Event, EventKind};
use crate::search::{Field, Location};
use crate::state::State;
use crate::ui::style;

/// The lines of the pane, wrapped to `width`.
pub fn lines(state: &State, event: &Event, width: usize) -> Vec<Line<'static>> {
    let d = &state.dataset;
    let mut out = Vec::new();
    let wrap = |text: &str, style: Style, out: &mut Vec<Line<'static>>| {
        out.extend(style::marked_paragraph(text, width, &[], style));
    };
    let index = state.timeline.selected_event().unwrap_or_default();
    let marks = |field| crate::ui::marks::search_marks(state, Location::Event { event: index, field }, 0);
    let heading = style::heading().add_modifier(Modifier::UNDERLINED);
    out.extend(style::marked_paragraph(&event.title, width, &marks(Field::Title), heading));
    out.push(Line::default());
    let quality = if event.undated { "a draft: give it a date".to_string() } else { event.date.quality() };
    let mut when = format!("{} ({quality}", event.when());
    if let Some(end) = &event.end
        && end.certainty != event.date.certainty
    {
        when.push_str(&format!("; ends {}", end.quality()));
    }
    when.push(')');
    labelled(&mut out, "Date", &when, width);
    match event.kind {
        EventKind::Happened => {}
        EventKind::Planned => {
            labelled(&mut out, "Kind", "planned: the sources say it was to happen, not that it did", width)
        }
        EventKind::Target => labelled(&mut out, "Kind", "a target: the sources do not say it was met", width),
    }
    if event.quotes.is_empty() {
        out.extend(style::marked_paragraph(
            "unsourced: no quote backs this event",
            width,
            &[],
            style::warning().add_modifier(Modifier::ITALIC),
        ));
    }
    // The summary before the rest, which a short pane may leave below.
    out.push(Line::default());
    out.extend(style::marked_paragraph(&event.summary, width, &marks(Field::Summary), Style::new()));
    out.push(Line::default());
    // A draft without a date is in no era (its date only places it last).
    if let Some(era) = d.era_of(&event.date).filter(|_| !event.undated) {
        labelled(&mut out, "Era", &format!("{} ({})", era.label, era.span()), width);
    }
    themes_lines(state, event, width, &mut out);
    if let Some(note) = &event.date_note {
        out.push(Line::default());
        out.push(Line::styled("About the date", style::label()));
        out.extend(style::marked_paragraph(note, width, &marks(Field::DateNote), style::dim()));
    }
    out.push(Line::default());
    labelled(&mut out, "Id", &event.id, width);
    if !event.figures.is_empty() {
        out.push(Line::default());
        out.push(Line::styled("Figures, as the sources state them", style::label()));
        for (i, figure) in event.figures.iter().enumerate() {
            let label_marks = crate::ui::marks::search_marks(
                state,
                Location::Event { event: index, field: Field::Figure(i) },
                "• ".len(),
            );
            let mut text = format!("• {}: {} {}", figure.label, crate::text::number::amount(figure.value), figure.unit);
            if let Some((value, unit)) = &figure.converted {
                text.push_str(&format!(" (the article converts: {} {unit})", crate::text::number::amount(*value)));
            }
            out.extend(style::marked_paragraph(&text, width, &label_marks, Style::new()));
            let source = &d.sources[figure.quote.source];
            wrap(&format!("  “{}” — {}", d.quote_text(&figure.quote), source.shown_title()), style::dim(), &mut out);
        }
    }
    sources_lines(state, event, width, &mut out);
    out
}

/// The quoted sources that the dataset traces back to their page (authors, URL…), each with
/// those fields; nothing for sources that give none.
fn sources_lines(state: &State, event: &Event, width: usize, out: &mut Vec<Line<'static>>) {
    let d = &state.dataset;
    let mut seen: Vec<usize> = Vec::new();
    for quote in &event.quotes {
        if seen.contains(&quote.source) {
            continue;
        }
        seen.push(quote.source);
        let source = &d.sources[quote.source];
        let trace = source.trace();
        if trace.is_empty() {
            continue;
        }
        out.push(Line::default());
        out.extend(style::marked_paragraph(&format!("Source: {}", source.shown_title()), width, &[], style::label()));
        for (label, value) in trace {
            labelled(out, label, &value, width);
        }
    }
}

/// "Themes  Investment, Competition", each in its colour, wrapped between labels.
fn themes_lines(state: &State, event: &Event, width: usize, out: &mut Vec<Line<'static>>) {
    let d = &state.dataset;
    let mut line = vec![Span::styled("Themes  ", style::label())];
    let mut used = 8;
    for (i, &t) in event.themes.iter().enumerate() {
        let label = d.themes[t].label.clone();
        let sep = if i + 1 < event.themes.len() { ", " } else { "" };
        let w = crate::text::wrap::width(&label) + sep.len();
        if used + w > width && used > 8 {
            out.push(Line::from(std::mem::take(&mut line)));
            line.push(Span::raw(" ".repeat(8)));
            used = 8;
        }
        line.push(Span::styled(label, Style::new().fg(style::theme_color(d, t))));
        line.push(Span::raw(sep));
        used += w;
    }
    out.push(Line::from(line));
}

fn labelled(out: &mut Vec<Line<'static>>, label: &str, value: &str, width: usize) {
    let head = format!("{label:<8}");
    let body = style::marked_paragraph(value, width.saturating_sub(8).max(1), &[], Style::new());
    for (i, line) in body.into_iter().enumerate() {
        let prefix = if i == 0 { Span::styled(head.clone(), style::label()) } else { Span::raw(" ".repeat(8)) };
        let mut spans = vec![prefix];
        spans.extend(line.spans);
        out.push(Line::from(spans));
    }
}

/// How far the detail pane scrolls: its lines for the selected event, less those that show.
pub fn max_scroll(state: &State) -> usize {
    let inner = layout::inner(state.main_layout().detail);
    match state.selected_event() {
        Some(event) if inner.width > 0 => {
            lines(state, event, usize::from(inner.width)).len().saturating_sub(usize::from(inner.height))
        }
        _ => 0,
    }
}

pub fn draw(frame: &mut Frame, area: Rect, main: &MainState, state: &State) {
    let focused = main.focus == Focus::Detail;
    let block = style::pane(" Detail ", area.width, focused);
    frame.render_widget(block, area);
    let inner = layout::inner(area);
    let Some(event) = state.selected_event() else { return };
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let all = lines(state, event, usize::from(inner.width));
    let max_scroll = all.len().saturating_sub(usize::from(inner.height));
    let scroll = main.detail_scroll.min(max_scroll);
    let shown: Vec<Line> = all.into_iter().skip(scroll).take(usize::from(inner.height)).collect();
    frame.render_widget(Paragraph::new(shown), inner);
    if max_scroll > 0 {
        let total = max_scroll + usize::from(inner.height);
        // How to read the rest: the keys that scroll, or the one that focuses the pane.
        let how = match main.focus {
            Focus::Detail => format!("{}/{} scroll", state.keymap.hint(Action::Down), state.keymap.hint(Action::Up)),
            Focus::Timeline => format!("{} to scroll", state.keymap.hint(Action::FocusNext)),
            Focus::Quotes => format!("{} to scroll", state.keymap.hint(Action::FocusPrev)),
        };
        let lines = format!("lines {}–{} of {total}", scroll + 1, scroll + usize::from(inner.height));
        let more =
            crate::ui::status::fit_hints(&format!(" {lines} · {how} "), usize::from(area.width.saturating_sub(2)));
        let x = area.right().saturating_sub(crate::text::wrap::width(&more) as u16 + 1);
        frame.buffer_mut().set_string(x, area.bottom().saturating_sub(1), more, style::dim());
    }
}
