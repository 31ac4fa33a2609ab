//! The timeline pane: year and era headings, then one row per event with its date at its
//! precision, its title and its theme badges. Only the rows in view are built.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::style;
use crate::app::{App, Focus, Row};
use crate::layout;
use crate::search::{Field, Location};
use crate::text::wrap::{truncate, width};

/// Date column width: "~2016-09-13" and "2020-06-01?" are 11 cells.
const DATE_WIDTH: usize = 11;

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

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let focused = app.focus == Focus::Timeline;
    let title = format!(" Timeline · {} ", app.shown_summary());
    let block = style::pane(&title, area.width, focused);
    frame.render_widget(block, area);
    let inner = layout::inner(area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    if app.timeline.visible.is_empty() {
        let k = |a| app.keymap.hint(a);
        let lines = if app.dataset.events.is_empty() {
            vec![Line::from("This dataset has no events yet.")]
        } else if app.search.is_active() {
            let also = if app.filter.is_empty() {
                String::new()
            } else {
                format!(", {} clears the filters", k(crate::input::action::Action::ClearFilters))
            };
            vec![
                Line::from(if app.filter.is_empty() {
                    "No event matches the search."
                } else {
                    "No event matches the search and the filters."
                }),
                Line::styled(
                    format!("{} clears the search{also}.", k(crate::input::action::Action::Back)),
                    style::dim(),
                ),
            ]
        } else {
            vec![
                Line::from("No event matches the filters."),
                Line::styled(
                    format!("Press {} to clear them.", app.keymap.hint(crate::input::action::Action::ClearFilters)),
                    style::dim(),
                ),
            ]
        };
        frame.render_widget(Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true }), inner);
        return;
    }
    let selected_row = app.timeline.selected_row();
    let shown = || app.timeline.rows.iter().enumerate().skip(app.timeline.offset).take(usize::from(inner.height));
    let room = usize::from(inner.width);
    // Badges on every row or on none, so that they line up: on none when the widest would
    // leave a title less than 16 cells.
    let widest = shown().filter_map(|(_, row)| match row {
        Row::Event(e) => Some(badges_width(app, *e)),
        _ => None,
    });
    let badges = room.saturating_sub(2 + DATE_WIDTH + 1) >= widest.max().unwrap_or(0) + 16;
    let lines: Vec<Line> =
        shown().map(|(i, row)| row_line(app, *row, room, badges, Some(i) == selected_row, focused)).collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Cells the theme badges of an event take, each after a space.
fn badges_width(app: &App, event: usize) -> usize {
    app.dataset.events[event].themes.iter().map(|&t| 1 + width(&badge(&app.dataset.themes[t].id))).sum()
}

fn row_line(app: &App, row: Row, room: usize, show_badges: bool, selected: bool, focused: bool) -> Line<'static> {
    let d = &app.dataset;
    match row {
        Row::Era(era) => {
            let era_data = &d.eras[era];
            let text = format!("▌ {} · {}", era_data.label, era_data.span());
            let color = style::era_color(era);
            Line::styled(truncate(&text, room), Style::new().fg(color).add_modifier(Modifier::ITALIC | Modifier::BOLD))
        }
        Row::Year(year) => {
            let text = format!("{year} ");
            let rule = "─".repeat(room.saturating_sub(width(&text) + 2));
            Line::from(vec![Span::styled(format!("  {text}"), style::heading()), Span::styled(rule, style::dim())])
        }
        Row::Event(index) => {
            let event = &d.events[index];
            let era = app.event_index.era(index);
            let gutter = match era {
                Some(era) => Span::styled("▌ ", Style::new().fg(style::era_color(era))),
                None => Span::raw("  "),
            };
            let date = format!("{:<DATE_WIDTH$} ", event.date.to_string());
            let badges: Vec<Span> = if show_badges {
                let badge_spans = event.themes.iter().flat_map(|&t| {
                    [Span::raw(" "), Span::styled(badge(&d.themes[t].id), Style::new().fg(style::theme_color(d, t)))]
                });
                badge_spans.collect()
            } else {
                Vec::new()
            };
            let badges_width: usize = badges.iter().map(|s| width(&s.content)).sum();
            let fixed = 2 + DATE_WIDTH + 1;
            let title_room = room.saturating_sub(fixed + badges_width);
            let title = truncate(&event.title, title_room);
            let pad = " ".repeat(title_room.saturating_sub(width(&title)));
            let row_style = if selected { style::selected(focused) } else { Style::new() };
            let marks = super::search_marks(app, Location::Event { event: index, field: Field::Title }, 0);
            let mut spans = vec![gutter, Span::styled(date, row_style.patch(style::label()))];
            spans.extend(style::marked_line(&title, 0..title.len(), &marks, row_style).spans);
            spans.push(Span::styled(pad, row_style));
            spans.extend(badges);
            Line::from(spans)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badges_take_three_cells_in_any_script() {
        assert_eq!(badge("investment"), "inv");
        assert_eq!(badge("云计算"), "云 ");
        assert_eq!(badge("ai"), "ai ");
        assert_eq!(badge("é\u{301}tat"), "é\u{301}ta");
        for id in ["investment", "云计算", "ai", "x"] {
            assert_eq!(crate::text::wrap::width(&badge(id)), 3, "{id}");
        }
    }
}
