//! The help overlay, generated from the keymap table that drives the app.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{layout, style};
use crate::app::App;

/// Every row of the help: keys, then what they do.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let rows = app.keymap.help_rows();
    let key_width = rows.iter().map(|(k, _)| crate::text::wrap::width(k)).max().unwrap_or(0).max(8);
    let mut out: Vec<Line> = rows
        .into_iter()
        .map(|(keys, what)| {
            let pad = " ".repeat(key_width - crate::text::wrap::width(&keys));
            Line::from(vec![Span::styled(format!(" {keys}{pad}  "), style::label()), Span::raw(what)])
        })
        .collect();
    out.push(Line::default());
    out.push(Line::styled(" ctrl-c always quits · mouse: wheel scrolls, click selects", style::dim()));
    out.push(Line::styled(" Year picker: type digits · theme picker: space toggles · enter applies", style::dim()));
    out
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, scroll: usize) {
    let all = lines(app);
    let box_area = layout::centered(area, 84, all.len() as u16 + 2);
    frame.render_widget(Clear, box_area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(style::border(true))
        .title(" Keys · ? or esc closes ")
        .style(Style::new());
    let inner = layout::inner(box_area);
    frame.render_widget(block, box_area);
    let max = all.len().saturating_sub(usize::from(inner.height));
    let shown: Vec<Line> = all.into_iter().skip(scroll.min(max)).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// The problems overlay: config warnings, or why a reload failed.
pub fn draw_problems(frame: &mut Frame, area: Rect, title: &str, problems: &[String], scroll: usize) {
    let width = area.width.saturating_sub(4).min(110);
    let mut lines: Vec<Line> = Vec::new();
    for problem in problems {
        lines.extend(style::indented(problem, usize::from(width.saturating_sub(2)), 1, Style::new()));
    }
    lines.push(Line::default());
    lines.push(Line::styled(" esc or enter closes this list", style::dim()));
    let box_area = layout::centered(area, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, box_area);
    let block = Block::new().borders(Borders::ALL).border_style(style::border(true)).title(format!(" {title} "));
    let inner = layout::inner(box_area);
    frame.render_widget(block, box_area);
    let max = lines.len().saturating_sub(usize::from(inner.height));
    frame.render_widget(Paragraph::new(lines.into_iter().skip(scroll.min(max)).collect::<Vec<_>>()), inner);
}
