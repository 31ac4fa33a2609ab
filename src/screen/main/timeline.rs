//! The timeline pane: year and era headings, then one row per event with its date at its
//! precision, its title and its theme badges. Only the rows in view are built.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Focus, MainState};
use crate::layout;
use crate::model::EventKind;
use crate::search::{Field, Location};
use crate::state::{Row, State};
use crate::text::wrap::{truncate, width};
use crate::ui::style::{self, badge};

/// Date column width: "[2016-09-13]" is 12 cells ("~2016-09-13" and "2020-06-01?" 11). A
/// longer date ("..[2022-09-22]") pushes its title along.
const DATE_WIDTH: usize = 12;

pub fn draw(frame: &mut Frame, area: Rect, main: &MainState, state: &State) {
    let focused = main.focus == Focus::Timeline;
    let title = format!(" Timeline · {} ", state.shown_summary());
    let block = style::pane(&title, area.width, focused);
    frame.render_widget(block, area);
    let inner = layout::inner(area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    if state.timeline.visible.is_empty() {
        let k = |a| state.keymap.hint(a);
        let lines = if state.dataset.events.is_empty() {
            vec![Line::from("This dataset has no events yet.")]
        } else if state.search.is_active() {
            let also = if state.filter.is_empty() {
                String::new()
            } else {
                format!(", {} clears the filters", k(crate::input::action::Action::ClearFilters))
            };
            vec![
                Line::from(if state.filter.is_empty() {
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
                    format!("Press {} to clear them.", state.keymap.hint(crate::input::action::Action::ClearFilters)),
                    style::dim(),
                ),
            ]
        };
        frame.render_widget(Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true }), inner);
        return;
    }
    let selected_row = state.timeline.selected_row();
    let shown = || state.timeline.rows.iter().enumerate().skip(state.timeline.offset).take(usize::from(inner.height));
    let room = usize::from(inner.width);
    // Badges on every row or on none, so that they line up: on none when the widest would
    // leave a title less than 16 cells.
    let widest = shown().filter_map(|(_, row)| match row {
        Row::Event(e) => Some(badges_width(state, *e)),
        _ => None,
    });
    let badges = room.saturating_sub(2 + DATE_WIDTH + 1) >= widest.max().unwrap_or(0) + 16;
    let lines: Vec<Line> =
        shown().map(|(i, row)| row_line(state, *row, room, badges, Some(i) == selected_row, focused)).collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Cells the theme badges of an event take, each after a space.
fn badges_width(state: &State, event: usize) -> usize {
    state.dataset.events[event].themes.iter().map(|&t| 1 + width(&badge(&state.dataset.themes[t].id))).sum()
}

fn row_line(state: &State, row: Row, room: usize, show_badges: bool, selected: bool, focused: bool) -> Line<'static> {
    let d = &state.dataset;
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
            let era = state.event_index.era(index);
            let gutter = match era {
                Some(era) => Span::styled("▌ ", Style::new().fg(style::era_color(era))),
                None => Span::raw("  "),
            };
            let date = format!("{:<DATE_WIDTH$} ", event.date_written());
            let plan = match event.kind {
                EventKind::Happened => None,
                EventKind::Planned => Some("planned "),
                EventKind::Target => Some("target "),
            };
            let badges: Vec<Span> = if show_badges {
                let badge_spans = event.themes.iter().flat_map(|&t| {
                    [Span::raw(" "), Span::styled(badge(&d.themes[t].id), Style::new().fg(style::theme_color(d, t)))]
                });
                badge_spans.collect()
            } else {
                Vec::new()
            };
            let badges_width: usize = badges.iter().map(|s| width(&s.content)).sum();
            let fixed = 2 + width(&date) + plan.map_or(0, width);
            let title_room = room.saturating_sub(fixed + badges_width);
            let title = truncate(&event.title, title_room);
            let pad = " ".repeat(title_room.saturating_sub(width(&title)));
            let row_style = if selected { style::selected(focused) } else { Style::new() };
            let marks = crate::ui::marks::search_marks(state, Location::Event { event: index, field: Field::Title }, 0);
            let mut spans = vec![gutter, Span::styled(date, row_style.patch(style::label()))];
            if let Some(plan) = plan {
                // A plan is not something that happened: said in words, before its title.
                spans.push(Span::styled(plan, row_style.patch(style::dim()).add_modifier(Modifier::ITALIC)));
            }
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
