//! The quotes pane: the selected event's quotes, each with its source's title, language and
//! date. Enter opens the source reader at the selected quote.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::style;
use crate::app::{App, Focus};
use crate::layout;
use crate::model::Source;
use crate::text::wrap::truncate;

/// Lines of quote text shown for a quote that is not selected; the selected one is whole.
const MAX_QUOTE_LINES: usize = 3;

/// "fr · 2021-07-20 · Techfu · Title" for a quote's attribution: the short facts first, so a
/// narrow pane cuts the title rather than the date.
pub fn attribution(source: &Source) -> String {
    let mut parts = vec![source.language.clone(), source.date.map_or_else(|| "undated".to_string(), |d| d.to_string())];
    if let Some(publisher) = &source.publisher {
        parts.push(publisher.clone());
    }
    parts.push(source.title.clone());
    parts.join(" · ")
}

/// The lines of each quote item at `width`: quote text, attribution, blank separator.
fn items(app: &App, width: usize) -> Vec<Vec<Line<'static>>> {
    let Some(event) = app.selected_event() else { return Vec::new() };
    event
        .quotes
        .iter()
        .enumerate()
        .map(|(i, quote)| {
            let selected = i == app.quote;
            let base = if selected { style::selected(app.focus == Focus::Quotes) } else { Style::new() };
            let text = format!("“{}”", app.dataset.quote_text(quote));
            let event_index = app.timeline.selected_event().unwrap_or_default();
            let location = crate::search::Location::Event { event: event_index, field: crate::search::Field::Quote(i) };
            let marks = super::search_marks(app, location, "“".len());
            let mut lines = style::marked_paragraph(&text, width.saturating_sub(2).max(1), &marks, base);
            if !selected && lines.len() > MAX_QUOTE_LINES {
                lines.truncate(MAX_QUOTE_LINES);
                if let Some(last) = lines.last_mut() {
                    last.spans.push(ratatui::text::Span::styled(" …", base));
                }
            }
            let mut out: Vec<Line<'static>> = lines
                .into_iter()
                .enumerate()
                .map(|(n, l)| {
                    let marker = if selected && n == 0 { "▶ " } else { "  " };
                    let mut spans = vec![ratatui::text::Span::raw(marker)];
                    spans.extend(l.spans);
                    Line::from(spans)
                })
                .collect();
            let source = &app.dataset.sources[quote.source];
            out.push(Line::styled(truncate(&format!("  — {}", attribution(source)), width), style::dim()));
            out.push(Line::default());
            out
        })
        .collect()
}

/// First line drawn so that the selected quote is in view (a pure function of the state):
/// the start of the earliest quote from which the selected one still fits, so that no quote
/// is shown cut at its top (its attribution alone, say); the selected one's start if it is
/// taller than the pane.
fn offset(items: &[Vec<Line>], selected: usize, height: usize) -> usize {
    let selected = selected.min(items.len().saturating_sub(1));
    let mut first = selected;
    let mut used = items.get(selected).map_or(0, Vec::len);
    while first > 0 && used + items[first - 1].len() <= height {
        first -= 1;
        used += items[first].len();
    }
    items.iter().take(first).map(Vec::len).sum()
}

/// The quote drawn at `line` (0-based, inside the pane) of a pane whose inside is `inner`.
pub fn quote_at(app: &App, inner: Rect, line: usize) -> Option<usize> {
    let items = items(app, usize::from(inner.width));
    let mut at = offset(&items, app.quote, usize::from(inner.height)) + line;
    for (i, item) in items.iter().enumerate() {
        if at < item.len() {
            return Some(i);
        }
        at -= item.len();
    }
    None
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let focused = app.focus == Focus::Quotes;
    let count = app.selected_event().map_or(0, |e| e.quotes.len());
    let hint = if focused {
        format!(" · {} reads it", app.keymap.hint(crate::input::action::Action::Open))
    } else {
        String::new()
    };
    let title = match count {
        0 | 1 => format!(" Quotes ({count}){hint} "),
        _ => format!(" Quotes ({} of {count}){hint} ", app.quote.min(count - 1) + 1),
    };
    let block = style::pane(&title, area.width, focused);
    frame.render_widget(block, area);
    let inner = layout::inner(area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let items = items(app, usize::from(inner.width));
    let skip = offset(&items, app.quote, usize::from(inner.height));
    let lines: Vec<Line> = items.into_iter().flatten().skip(skip).take(usize::from(inner.height)).collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(lens: &[usize]) -> Vec<Vec<Line<'static>>> {
        lens.iter().map(|&n| vec![Line::default(); n]).collect()
    }

    #[test]
    fn the_view_starts_at_a_quote_never_inside_one() {
        let three = items(&[3, 3, 3]);
        assert_eq!(offset(&three, 0, 7), 0);
        assert_eq!(offset(&three, 1, 7), 0);
        // Quote 3 and the one before fit in 7 lines; the first would show only in part.
        assert_eq!(offset(&three, 2, 7), 3);
        // Taller than the pane: its own start.
        assert_eq!(offset(&items(&[2, 9]), 1, 5), 2);
        assert_eq!(offset(&[], 0, 5), 0);
    }
}
