//! Colours and styles in one place, so every widget draws the same way.

use std::ops::Range;

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use crate::model::Dataset;

/// Colours for themes that do not set one, in order.
const PALETTE: [Color; 8] = [
    Color::Cyan,
    Color::Green,
    Color::Yellow,
    Color::Magenta,
    Color::LightBlue,
    Color::LightRed,
    Color::LightGreen,
    Color::LightMagenta,
];

/// Era bands alternate between these.
const ERA_COLORS: [Color; 3] = [Color::Blue, Color::Magenta, Color::Green];

pub fn theme_color(dataset: &Dataset, theme: usize) -> Color {
    dataset.themes[theme].color.as_deref().and_then(|c| c.parse().ok()).unwrap_or(PALETTE[theme % PALETTE.len()])
}

pub fn era_color(era: usize) -> Color {
    ERA_COLORS[era % ERA_COLORS.len()]
}

/// A bordered pane whose title is cut to fit between its corners.
pub fn pane(title: &str, area_width: u16, focused: bool) -> ratatui::widgets::Block<'static> {
    let room = usize::from(area_width.saturating_sub(2));
    ratatui::widgets::Block::new()
        .borders(ratatui::widgets::Borders::ALL)
        .border_style(border(focused))
        .title(crate::text::wrap::truncate(title, room))
}

/// [`pane`] of a list that does not fit, saying where in it the cursor is: " 3 of 120 " on
/// its bottom border, when `rows` (the lines it shows) are fewer than `total`.
pub fn list_pane(
    title: &str,
    area_width: u16,
    cursor: usize,
    rows: usize,
    total: usize,
) -> ratatui::widgets::Block<'static> {
    let block = pane(title, area_width, true);
    if total <= rows {
        return block;
    }
    let position = format!(" {} of {total} ", cursor + 1);
    block.title_bottom(ratatui::text::Line::from(position).right_aligned())
}

/// Pane borders: the focused pane's is bold (and cyan), so focus shows without colour.
pub fn border(focused: bool) -> Style {
    if focused { Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD) } else { Style::new().fg(Color::DarkGray) }
}

pub fn selected(focused: bool) -> Style {
    if focused {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    } else {
        Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
    }
}

/// The quoted passage: underlined as well as coloured, so it shows without colour.
pub fn quote_highlight() -> Style {
    Style::new().fg(Color::Black).bg(Color::Yellow).add_modifier(Modifier::UNDERLINED)
}

/// A search match: coloured, bold and underlined, so it shows without colour; not reversed,
/// which only the current match is.
pub fn search_highlight() -> Style {
    Style::new().fg(Color::LightMagenta).add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

/// The match `n`/`N` last jumped to: reversed (a block of colour, the other matches being
/// only coloured text), so it is the one that stands out, with colour or without.
pub fn current_match() -> Style {
    Style::new().fg(Color::LightYellow).add_modifier(Modifier::REVERSED | Modifier::BOLD)
}

/// What the reader should know is missing ("unsourced").
pub fn warning() -> Style {
    Style::new().fg(Color::Yellow)
}

pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn label() -> Style {
    Style::new().fg(Color::Gray).add_modifier(Modifier::BOLD)
}

pub fn heading() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

/// The part `line` of `text` as spans, with each mark's style patched over the bytes it
/// covers. Marks are byte ranges of `text` on character boundaries; they may overlap the line
/// partly or not at all.
pub fn marked_line(text: &str, line: Range<usize>, marks: &[(Range<usize>, Style)], base: Style) -> Line<'static> {
    let mut cuts = vec![line.start, line.end];
    for (range, _) in marks {
        for at in [range.start, range.end] {
            if at > line.start && at < line.end && text.is_char_boundary(at) {
                cuts.push(at);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let spans = cuts
        .windows(2)
        .map(|w| {
            let style = marks
                .iter()
                .filter(|(r, _)| r.start <= w[0] && w[1] <= r.end)
                .fold(base, |style, (_, mark)| style.patch(*mark));
            Span::styled(text[w[0]..w[1]].to_string(), style)
        })
        .collect::<Vec<_>>();
    Line::from(spans)
}

/// Wrapped text as lines, with marks.
pub fn marked_paragraph(text: &str, width: usize, marks: &[(Range<usize>, Style)], base: Style) -> Vec<Line<'static>> {
    crate::text::wrap::wrap(text, width).into_iter().map(|line| marked_line(text, line, marks, base)).collect()
}

/// Wrapped text with every line indented by `indent` spaces (the first line's prefix, such
/// as "⚑ ", can be part of the text).
pub fn indented(text: &str, width: usize, indent: usize, base: Style) -> Vec<Line<'static>> {
    marked_paragraph(text, width.saturating_sub(indent).max(1), &[], base)
        .into_iter()
        .map(|line| {
            let mut spans = vec![Span::raw(" ".repeat(indent))];
            spans.extend(line.spans);
            Line::from(spans)
        })
        .collect()
}

/// "fr · 2021-07-20 · Techfu · Title" for a quote's attribution: the short facts first, so a
/// narrow pane cuts the title rather than the date.
pub fn attribution(source: &crate::model::Source) -> String {
    let mut parts = vec![source.language.clone(), source.date.map_or_else(|| "undated".to_string(), |d| d.to_string())];
    if let Some(publisher) = &source.publisher {
        parts.push(publisher.clone());
    }
    parts.push(source.shown_title());
    parts.join(" · ")
}

/// A theme's badge: the start of its id in three cells (three letters, or one wide character
/// and a space), so that badges line up whatever the script.
pub fn badge(id: &str) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in id.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > 3 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push_str(&" ".repeat(3 - used.min(3)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_split_spans_on_their_boundaries() {
        let text = "le géant chinois";
        let start = text.find("géant").unwrap();
        let marks = [(start..start + "géant".len(), quote_highlight())];
        let line = marked_line(text, 0..text.len(), &marks, Style::new());
        let parts: Vec<&str> = line.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(parts, ["le ", "géant", " chinois"]);
        assert_eq!(line.spans[1].style, quote_highlight());
    }
}
