//! The quotes pane: the selected event's quotes, each with its source's title, language and
//! date. Enter opens the source reader at the selected quote.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::quote_items::{items, offset};
use super::{Focus, MainState};
use crate::input::Action;
use crate::layout;
use crate::state::State;
use crate::ui::style;

pub fn draw(frame: &mut Frame, area: Rect, main: &MainState, state: &State) {
    let focused = main.focus == Focus::Quotes;
    let count = state.selected_event().map_or(0, |e| e.quotes.len());
    let hint = if focused {
        format!(" · {} reads it in the article", state.keymap.hint(Action::Open))
    } else {
        String::new()
    };
    let title = match count {
        0 | 1 => format!(" Quotes ({count}){hint} "),
        _ => format!(" Quotes ({} of {count}){hint} ", main.quote.min(count - 1) + 1),
    };
    let block = style::pane(&title, area.width, focused);
    frame.render_widget(block, area);
    let inner = layout::inner(area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let items = items(main, state, usize::from(inner.width));
    let skip = offset(&items, main.quote, usize::from(inner.height));
    let below = below(&items, skip, usize::from(inner.height));
    let above = above(&items, skip);
    let lines: Vec<Line> = items.into_iter().flatten().skip(skip).take(usize::from(inner.height)).collect();
    frame.render_widget(Paragraph::new(lines), inner);
    // What the pane cannot show, and the key that brings it: what is above on the top border,
    // right of the title when there is room, else with the rest on the bottom one.
    let up = format!(" ▲ {above} above ");
    let up_x = area.right().saturating_sub(crate::text::wrap::width(&up) as u16 + 1);
    let up_on_top = above > 0 && up_x > area.x + 1 + crate::text::wrap::width(&title) as u16;
    if up_on_top {
        frame.buffer_mut().set_string(up_x, area.y, up, style::dim());
    }
    let mut parts = Vec::new();
    if above > 0 && !up_on_top {
        parts.push(format!("▲ {above} above"));
    }
    if below > 0 {
        parts.push(format!("▼ {below} below"));
    }
    if !parts.is_empty() {
        parts.push(format!("{} next quote", state.keymap.hint(Action::NextQuote)));
        let more = format!(" {} ", parts.join(" · "));
        let more = crate::ui::status::fit_hints(&more, usize::from(area.width.saturating_sub(2)));
        let x = area.right().saturating_sub(crate::text::wrap::width(&more) as u16 + 1);
        frame.buffer_mut().set_string(x, area.bottom().saturating_sub(1), more, style::dim());
    }
}

/// How many quotes start above a pane that starts at line `skip`: wholly or partly out of view.
pub(super) fn above(items: &[Vec<Line>], skip: usize) -> usize {
    let mut start = 0;
    items
        .iter()
        .filter(|item| {
            let above = start < skip;
            start += item.len();
            above
        })
        .count()
}

/// How many quotes end below a pane of `height` lines that starts at line `skip`.
pub(super) fn below(items: &[Vec<Line>], skip: usize, height: usize) -> usize {
    let mut end = 0;
    items
        .iter()
        .filter(|item| {
            end += item.len();
            // The blank line that ends each item need not show.
            end.saturating_sub(1) > skip + height
        })
        .count()
}
