//! A source shown in full, scrolled to its highlighted passage: the reader screen, and each
//! column of side by side.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::Reader;
use crate::layout;
use crate::state::State;
use crate::text::wrap::truncate;
use crate::ui::style;

/// The selection: reversed, so that it shows in every palette and without colour.
fn selection_style() -> Style {
    Style::new().add_modifier(ratatui::style::Modifier::REVERSED | ratatui::style::Modifier::UNDERLINED)
}

/// The start of `text` that fits in `room` cells, ending after a whole word (a word longer
/// than the room is cut), without the spaces or punctuation that would dangle before "…".
pub fn whole_words(text: &str, room: usize) -> String {
    let text = text.trim_end();
    if crate::text::wrap::width(text) <= room {
        return text.to_string();
    }
    // The longest start that fits: `truncate` to one cell more, without its "…".
    let cut = truncate(text, room + 1);
    let fits = cut.strip_suffix('…').unwrap_or(&cut);
    // It stops inside a word unless the character after it is a space: back to the last one.
    let next_is_space = text.get(fits.len()..).is_some_and(|rest| rest.starts_with(char::is_whitespace));
    let kept = match fits.rfind(char::is_whitespace) {
        Some(at) if !next_is_space => &fits[..at],
        _ => fits,
    };
    kept.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '·' | '|' | '(' | '“'))
        .to_string()
}

/// The reader pane `area` showing `reader`, its details as tall as those of the one of
/// `sources` that takes the most lines (side by side: both columns' sources).
pub fn draw(frame: &mut Frame, area: Rect, state: &State, reader: &Reader, focused: bool, sources: &[usize]) {
    let source = &state.dataset.sources[reader.source];
    let text_area = super::text_area(state, area, sources);
    let lines = reader.lines(&state.dataset, text_area.width);
    let shown_to = (reader.scroll + usize::from(text_area.height)).min(lines.len());
    let position = if lines.is_empty() {
        String::new()
    } else {
        format!(" lines {}–{} of {} ", reader.scroll + 1, shown_to, lines.len())
    };
    // The title with its search matches (past the leading space), cut to the frame.
    let title_text = truncate(&format!(" {} ", source.shown_title()), usize::from(area.width.saturating_sub(4)));
    let marks =
        crate::ui::marks::search_marks(state, crate::search::Location::SourceTitle { source: reader.source }, 1);
    let title = style::marked_line(&title_text, 0..title_text.len(), &marks, Style::new());
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(style::border(focused))
        .title(title)
        .title_bottom(Line::from(position).right_aligned());
    frame.render_widget(block, area);
    let inner = layout::inner(area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let details_height = text_area.y.saturating_sub(inner.y + 1).max(1);
    let info = Rect { height: inner.height.min(details_height), ..inner };
    let mut detail_lines =
        style::marked_paragraph(&super::details(state, reader.source), usize::from(inner.width), &[], style::dim());
    if detail_lines.len() > usize::from(details_height) {
        detail_lines.truncate(usize::from(details_height));
        if let Some(last) = detail_lines.last_mut() {
            let text: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
            // What is cut can be read whole in a box: say with which key.
            let more = format!(" … ({}: full note)", state.keymap.hint(crate::input::Action::SourceDetails));
            let room = usize::from(inner.width).saturating_sub(crate::text::wrap::width(&more));
            *last = Line::styled(format!("{}{more}", whole_words(&text, room)), style::dim());
        }
    }
    frame.render_widget(Paragraph::new(detail_lines), info);
    if inner.height > details_height {
        let rule = "─".repeat(usize::from(inner.width));
        frame.buffer_mut().set_string(inner.x, inner.y + details_height, rule, style::dim());
    }
    if text_area.height == 0 {
        return;
    }
    let mut marks: Vec<_> = reader.highlight.iter().map(|r| (r.clone(), style::quote_highlight())).collect();
    marks.extend(crate::ui::marks::search_marks(state, crate::search::Location::Source { source: reader.source }, 0));
    // The selection being made to capture, drawn over the rest, across wrapped lines.
    marks.extend(reader.selection.iter().map(|r| (r.clone(), selection_style())));
    let text = &source.text;
    let shown: Vec<Line> = lines
        .iter()
        .skip(reader.scroll)
        .take(usize::from(text_area.height))
        .map(|line| style::marked_line(text, line.clone(), &marks, Style::new()))
        .collect();
    frame.render_widget(Paragraph::new(shown), text_area);
}
