//! The quotes pane's content, measured: each quote's lines at a width, which line the pane
//! starts at, and which quote a line shows (for clicks). The drawing and the mouse both use
//! it, so they always agree.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use super::{Focus, MainState};
use crate::state::State;
use crate::text::wrap::truncate;
use crate::ui::style;

/// Lines of quote text shown for a quote that is not selected; the selected one is whole.
const MAX_QUOTE_LINES: usize = 3;

/// The lines of each quote item at `width`: quote text, attribution, blank separator; the
/// selected quote's text and attribution whole, the others' shortened.
pub(super) fn items(main: &MainState, state: &State, width: usize) -> Vec<Vec<Line<'static>>> {
    let Some(event) = state.selected_event() else { return Vec::new() };
    event
        .quotes
        .iter()
        .enumerate()
        .map(|(i, quote)| {
            let selected = i == main.quote;
            let base = if selected { style::selected(main.focus == Focus::Quotes) } else { Style::new() };
            let text = quoted(&state.dataset.quote_text(quote));
            let event_index = state.timeline.selected_event().unwrap_or_default();
            let location = crate::search::Location::Event { event: event_index, field: crate::search::Field::Quote(i) };
            let marks = crate::ui::marks::search_marks(state, location, "“".len());
            let mut lines = style::marked_paragraph(&text, width.saturating_sub(2).max(1), &marks, base);
            if !selected && lines.len() > MAX_QUOTE_LINES {
                // Wrapped two cells narrower, so that the " …" that says it goes on fits.
                lines = style::marked_paragraph(&text, width.saturating_sub(4).max(1), &marks, base);
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
            // The selected quote's source whole, wrapped; the others' on one line.
            let source = &state.dataset.sources[quote.source];
            let credit = format!("— {}", crate::ui::style::attribution(source));
            if selected {
                out.extend(style::indented(&credit, width, 2, style::dim()));
            } else {
                out.push(Line::styled(truncate(&format!("  {credit}"), width), style::dim()));
            }
            out.push(Line::default());
            out
        })
        .collect()
}

/// A quote in quotation marks: single ones (‘…’) around a passage that starts or ends with
/// its own double ones, which would otherwise double up (““…””). Both kinds are 3 bytes, so
/// search highlights keep their offsets.
fn quoted(text: &str) -> String {
    if text.starts_with('“') || text.ends_with('”') { format!("‘{text}’") } else { format!("“{text}”") }
}

/// First line drawn so that the selected quote is in view (a pure function of the state):
/// the start of the earliest quote from which the selected one still fits, so that no quote
/// is shown cut at its top (its attribution alone, say); the selected one's start if it is
/// taller than the pane.
pub(super) fn offset(items: &[Vec<Line>], selected: usize, height: usize) -> usize {
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
pub fn quote_at(main: &MainState, state: &State, inner: Rect, line: usize) -> Option<usize> {
    let items = items(main, state, usize::from(inner.width));
    let mut at = offset(&items, main.quote, usize::from(inner.height)) + line;
    for (i, item) in items.iter().enumerate() {
        if at < item.len() {
            return Some(i);
        }
        at -= item.len();
    }
    None
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
