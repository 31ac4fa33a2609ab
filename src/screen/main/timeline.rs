//! The timeline pane: year and era headings, then one row per event with its date at its
//! precision, its title and its theme badges. Only the rows in view are built.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Focus, MainState};
use crate::layout;
use crate::search::{Field, Location};
use crate::state::{Row, State};
use crate::text::wrap::{truncate, width};
use crate::ui::style::{self, badge};

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
            let mut lines = vec![Line::from("This dataset has no events yet.")];
            if !state.dataset.sources.is_empty() {
                use crate::input::action::Action;
                lines.push(Line::default());
                lines.push(Line::styled(
                    format!(
                        "{} reads its sources side by side: there {} selects a passage and {} keeps it as a draft event.",
                        k(Action::SideBySide),
                        k(Action::Select),
                        k(Action::Capture)
                    ),
                    style::dim(),
                ));
            }
            lines
        } else if state.search.is_active() {
            let also = if state.filter.is_empty() {
                String::new()
            } else {
                format!(", {} clears the filters", k(crate::input::action::Action::ClearFilters))
            };
            // What did match, and how to get there: the articles.
            let sources = state.search.results.matching_sources().len();
            let first = if sources == 0 {
                String::new()
            } else {
                let articles =
                    if sources == 1 { "1 article does".to_string() } else { format!("{sources} articles do") };
                format!(
                    " {articles}: {} opens the first match, {} lists them.",
                    k(crate::input::action::Action::NextMatch),
                    k(crate::input::action::Action::Matches)
                )
            };
            vec![
                Line::from(if state.filter.is_empty() {
                    format!("No event matches the search.{}", first.replacen(' ', " But ", 1))
                } else {
                    format!("No event matches the search and the filters.{}", first.replacen(' ', " But ", 1))
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
    let room = usize::from(inner.width);
    let wrap_all = layout::timeline::wraps_all(inner.height);
    let mut lines: Vec<Line> = Vec::new();
    // In a short pane a year heading takes no line: the first date of the year is marked.
    let mut new_year = false;
    // The rows drawn whole end before this one.
    let mut whole_to = state.timeline.offset;
    for (i, row) in state.timeline.rows.iter().enumerate().skip(state.timeline.offset) {
        if lines.len() >= usize::from(inner.height) {
            break;
        }
        if let Row::Year(_) | Row::Undated = row
            && layout::timeline::year_heading_lines(wrap_all) == 0
        {
            new_year = true;
            continue;
        }
        let selected = Some(i) == selected_row;
        let look = Look { room, wrapped: wrap_all || selected, selected, focused, new_year };
        let mut row_lines = row_lines(state, *row, look);
        // A row the pane cuts at its foot: its first lines, the last ending in "…", when
        // they are enough to read its title by (see `layout::timeline::MIN_CUT_LINES`);
        // else none of it.
        let left = usize::from(inner.height) - lines.len();
        let cut = row_lines.len() > left;
        if cut {
            if !lines.is_empty() && left < layout::timeline::MIN_CUT_LINES {
                break;
            }
            row_lines.truncate(left);
            if let Some(last) = row_lines.last_mut() {
                end_with_ellipsis(last, room);
            }
        }
        new_year &= !matches!(row, Row::Event(_));
        if !cut {
            whole_to = i + 1;
        }
        lines.extend(row_lines);
    }
    frame.render_widget(Paragraph::new(lines), inner);
    more_marks(frame, area, state, whole_to);
}

/// How many events are above the pane and below it, on its bottom border ("▲ 3 above · ▼ 12
/// below"), as the quotes pane says: counted from the rows of the events (a binary search,
/// whatever their number). `whole_to` is the row after the last one drawn whole (a row cut
/// at the foot, ending in "…", counts as below).
fn more_marks(frame: &mut Frame, area: Rect, state: &State, whole_to: usize) {
    let timeline = &state.timeline;
    let rows = &timeline.event_rows;
    let above = rows.partition_point(|&r| r < timeline.offset);
    let below = rows.len() - rows.partition_point(|&r| r < whole_to);
    let mut parts = Vec::new();
    if above > 0 {
        parts.push(format!("▲ {above} above"));
    }
    if below > 0 {
        parts.push(format!("▼ {below} below"));
    }
    if parts.is_empty() || area.width < 4 {
        return;
    }
    let more = format!(" {} ", parts.join(" · "));
    let more = crate::ui::status::fit_hints(&more, usize::from(area.width.saturating_sub(2)));
    let x = area.right().saturating_sub(width(&more) as u16 + 1);
    frame.buffer_mut().set_string(x, area.bottom().saturating_sub(1), more, style::dim());
}

/// How a row is drawn: `room` cells wide, its title wrapped or not, selected (in a focused
/// pane or not), and whether it is the first event of its year (its date underlined).
#[derive(Clone, Copy)]
struct Look {
    room: usize,
    wrapped: bool,
    selected: bool,
    focused: bool,
    new_year: bool,
}

fn row_lines(state: &State, row: Row, look: Look) -> Vec<Line<'static>> {
    let d = &state.dataset;
    let room = look.room;
    match row {
        Row::Era(era) => {
            let era_data = &d.eras[era];
            let text = format!("▌ {} · {}", era_data.label, era_data.span());
            let color = style::era_color(era);
            vec![Line::styled(
                truncate(&text, room),
                Style::new().fg(color).add_modifier(Modifier::ITALIC | Modifier::BOLD),
            )]
        }
        Row::Year(year) => vec![heading(&year.to_string(), room)],
        Row::Undated => vec![heading("undated drafts", room)],
        Row::Event(index) => event_lines(state, index, look),
    }
}

/// A heading of the timeline (a year, the undated drafts): its text and a rule to the pane's
/// edge, `room` cells.
fn heading(text: &str, room: usize) -> Line<'static> {
    let text = format!("{text} ");
    let rule = "─".repeat(room.saturating_sub(width(&text) + 2));
    Line::from(vec![Span::styled(format!("  {text}"), style::heading()), Span::styled(rule, style::dim())])
}

/// `line`, `room` cells wide, with "…" in its last cell before the badges' place: the row
/// goes on below the pane.
fn end_with_ellipsis(line: &mut Line<'static>, room: usize) {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let kept = truncate(text.trim_end(), room.saturating_sub(1));
    let style = line.spans.last().map_or_else(Style::new, |s| s.style);
    let kept = if kept.ends_with('…') { kept } else { format!("{kept}…") };
    let gutter = line.spans.first().cloned().unwrap_or_default();
    let rest = kept.strip_prefix(gutter.content.as_ref()).unwrap_or(&kept).to_string();
    *line = Line::from(vec![gutter, Span::styled(rest, style)]);
}

/// An event's lines: gutter, date, marks and the first line of its title, then the rest of
/// the title under itself; the theme badges at the end of the last line where they fit.
fn event_lines(state: &State, index: usize, look: Look) -> Vec<Line<'static>> {
    let Look { room, wrapped, selected, focused, new_year } = look;
    let d = &state.dataset;
    let event = &d.events[index];
    let era = state.event_index.era(index);
    let gutter = || match era {
        Some(era) => Span::styled("▌ ", Style::new().fg(style::era_color(era))),
        None => Span::raw("  "),
    };
    let row_style = if selected { style::selected(focused) } else { Style::new() };
    let title_lines = layout::timeline::title_lines(event, room, wrapped);
    let lead = layout::timeline::lead(event);
    let marks = crate::ui::marks::search_marks(state, Location::Event { event: index, field: Field::Title }, 0);
    let badges: Vec<Span> = event
        .themes
        .iter()
        .flat_map(|&t| {
            [Span::raw(" "), Span::styled(badge(&d.themes[t].id), Style::new().fg(style::theme_color(d, t)))]
        })
        .collect();
    let badges_width: usize = badges.iter().map(|s| width(&s.content)).sum();
    let count = title_lines.lines.len();
    let mut out = Vec::with_capacity(count);
    for n in 0..count {
        let mut spans = vec![gutter()];
        let start = if n == 0 {
            let date = event.date_written();
            let pad = " ".repeat(layout::timeline::DATE_WIDTH.saturating_sub(width(&date)) + 1);
            // The first date of a year where no heading says it: underlined.
            let year_mark = if new_year { Modifier::UNDERLINED | Modifier::BOLD } else { Modifier::empty() };
            spans.push(Span::styled(date, row_style.patch(style::label()).add_modifier(year_mark)));
            spans.push(Span::styled(pad, row_style.patch(style::label())));
            for word in layout::timeline::marks(event) {
                // What it is if it did not happen, and an event no quote backs: said in words,
                // before the title.
                let mark = if word == "unsourced" { style::warning() } else { style::dim() };
                spans.push(Span::styled(format!("{word} "), row_style.patch(mark).add_modifier(Modifier::ITALIC)));
            }
            lead
        } else {
            spans.push(Span::styled(" ".repeat(layout::timeline::DATE_WIDTH + 1), row_style));
            layout::timeline::TITLE_COLUMN
        };
        let line_room = room.saturating_sub(start);
        let (part, ellipsis) = layout::timeline::line_part(&event.title, &title_lines, n, line_room);
        let used = width(&event.title[part.clone()]) + usize::from(ellipsis);
        // Highlights are byte ranges of the whole title: draw this line's part of it.
        spans.extend(style::marked_line(&event.title, part, &marks, row_style).spans);
        if ellipsis {
            spans.push(Span::styled("…", row_style));
        }
        let last = n + 1 == count;
        let fits_badges = last && !badges.is_empty() && used + badges_width <= line_room;
        let pad = line_room.saturating_sub(used + if fits_badges { badges_width } else { 0 });
        spans.push(Span::styled(" ".repeat(pad), row_style));
        if fits_badges {
            spans.extend(badges.iter().cloned());
        }
        out.push(Line::from(spans));
    }
    out
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
