//! The time ruler: the dataset's years on an axis proportional to time, event density per
//! year, era bands, and a marker at the selected event.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

use crate::model::Date;
use crate::state::State;
use crate::ui::style;

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The span of years on the axis: first event year to the end of the last.
/// Eras widen it when they reach beyond the events.
pub fn span(state: &State) -> Option<(i32, i32)> {
    let d = &state.dataset;
    // Undated drafts sort last with a stand-in date: they have no place on the axis.
    let first = d.events.iter().find(|e| !e.undated)?.date.year;
    let last = d.events.iter().rev().find(|e| !e.undated)?.date.year;
    let first = d.eras.iter().map(|e| e.start.year).fold(first, i32::min);
    let last = d.eras.iter().map(|e| e.end.year).fold(last, i32::max);
    Some((first, last + 1))
}

/// The cells the axis uses: a whole number per year when there is room for two or more, so
/// that every year is equally wide; else the whole width, years one or two cells wide (or
/// sharing a cell), still in proportion.
pub fn axis_width((from, to): (i32, i32), width: u16) -> u16 {
    let years = u16::try_from((to - from).max(1)).unwrap_or(u16::MAX);
    if width >= years.saturating_mul(2) { width / years * years } else { width }
}

/// Years between two labels: the smallest of 1, 2, 5, 10, 20, 25, 50, 100, … that leaves room
/// for a label (four digits and a space) at each.
fn label_step(span: (i32, i32), axis: u16) -> i32 {
    let cells_per_year = f64::from(axis) / f64::from((span.1 - span.0).max(1));
    let mut scale = 1;
    loop {
        for step in [1, 2, 5] {
            let step = step * scale;
            if f64::from(step) * cells_per_year >= 5.0 || step >= span.1 - span.0 {
                return step;
            }
        }
        scale *= 10;
    }
}

/// Column of a date on an axis of `width` cells covering `span`.
pub fn column(date: &Date, (from, to): (i32, i32), width: u16) -> u16 {
    let years = f64::from((to - from).max(1));
    let cells = f64::from(axis_width((from, to), width));
    // Multiplied before dividing, and nudged, so that a year boundary falls exactly on its cell
    // (55 / 75 * 150 is 109.999…).
    let x = (date.as_fractional_year() - f64::from(from)) * cells / years;
    (x + 1e-9).floor().clamp(0.0, f64::from(width.saturating_sub(1))) as u16
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let Some(span) = span(state) else { return };
    if area.height == 0 || area.width < 4 {
        return;
    }
    let buf = frame.buffer_mut();
    let x_of = |year: i32| area.x + column(&Date::year(year), span, area.width);

    let axis = axis_width(span, area.width);
    // Line 1: year labels, every `step` years (on round years), where they fit.
    let step = label_step(span, axis);
    let mut free_from = area.x;
    for year in span.0..span.1 {
        let x = x_of(year);
        let label = format!("{year}");
        let round = step == 1 || year.rem_euclid(step) == 0;
        if round && x >= free_from && x + width_of(&label) <= area.right() {
            buf.set_string(x, area.y, &label, style::dim());
            free_from = x + width_of(&label) + 1;
        }
    }
    if area.height < 2 {
        return;
    }

    // Line 2: event density, over the events the filters show: per year, or per cell where
    // several years share one (the busiest of them).
    let cells = density(state, span, axis);
    let max = cells.iter().copied().max().unwrap_or(0).max(1);
    for (x, &count) in (area.x..area.right()).zip(&cells) {
        if count > 0 {
            let bar = BARS[(count * (BARS.len() - 1)).div_ceil(max).min(BARS.len() - 1)];
            buf.set_string(x, area.y + 1, bar.to_string(), Style::new().fg(Color::Cyan));
        }
    }
    if area.height < 3 {
        return;
    }

    // Line 3: era bands with their labels, and the selected event's marker.
    let y = area.y + 2;
    for (i, era) in state.dataset.eras.iter().enumerate() {
        let start = area.x + column(&era.start, span, area.width);
        let end_date = Date { year: era.end.year + 1, month: None, day: None, ..era.end };
        let end = if end_date.year >= span.1 {
            area.x + axis_width(span, area.width)
        } else {
            area.x + column(&end_date, span, area.width)
        }
        .min(area.right());
        let band = Style::new().fg(style::era_color(i));
        for x in start..end.saturating_sub(1).max(start + 1).min(area.right()) {
            buf.set_string(x, y, "─", band);
        }
        let room = usize::from(end.saturating_sub(start + 2));
        if room >= 4 {
            let label = crate::text::wrap::truncate(&era.label, room);
            buf.set_string(start + 1, y, label, band.add_modifier(Modifier::ITALIC));
        }
    }
    if let Some(event) = state.selected_event().filter(|e| !e.undated) {
        let x = area.x + column(&event.date, span, area.width);
        mark(buf, x, area.y + 1);
    }
}

fn width_of(label: &str) -> u16 {
    u16::try_from(label.len()).unwrap_or(u16::MAX)
}

/// Events shown per cell of an axis of `axis` cells: each year's count over its cells, less
/// the last one of a year three or more cells wide (a gap between years), and where years
/// share a cell, the largest of their counts.
fn density(state: &State, span: (i32, i32), axis: u16) -> Vec<usize> {
    let mut cells = vec![0usize; usize::from(axis)];
    let x = |year: i32| usize::from(column(&Date::year(year), span, axis));
    for &(year, count) in state.timeline.year_counts.iter() {
        if year < span.0 || year >= span.1 {
            continue;
        }
        let start = x(year);
        let end = if year + 1 == span.1 { cells.len() } else { x(year + 1) }.max(start + 1);
        let end = if end - start >= 3 { end - 1 } else { end };
        for cell in cells.iter_mut().take(end).skip(start) {
            *cell = (*cell).max(count);
        }
    }
    cells
}

/// The selected event's marker, on the density line so the era labels stay readable.
fn mark(buf: &mut Buffer, x: u16, density_row: u16) {
    let style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD | Modifier::REVERSED);
    buf.set_string(x, density_row, "◆", style);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_is_proportional_to_time() {
        let span = (2015, 2025);
        let x = |y| column(&Date::year(y), span, 105);
        assert_eq!(axis_width(span, 105), 100);
        assert_eq!(x(2015), 0);
        for year in 2015..2024 {
            assert_eq!(x(year + 1) - x(year), 10, "every year is equally wide");
        }
        assert_eq!(x(2020) - x(2016), 4 * (x(2016) - x(2015)));
        let mid = column(&Date::parse("2015-07").unwrap(), span, 105);
        assert!(mid > x(2015) && mid < x(2016));
    }

    #[test]
    fn many_years_use_the_whole_width_with_round_labels() {
        // 75 years at 120 cells: the whole width, years one or two cells wide.
        let span = (1950, 2025);
        assert_eq!(axis_width(span, 120), 120);
        let x = |y| column(&Date::year(y), span, 120);
        for year in 1950..2024 {
            assert!((1..=2).contains(&(x(year + 1) - x(year))), "{year}");
        }
        // Two cells a year at 150: every boundary on its cell, none a cell short.
        assert!((1950..2025).all(|y| column(&Date::year(y), span, 150) == 2 * (y - 1950) as u16));
        assert_eq!(label_step(span, 120), 5);
        assert_eq!(label_step(span, 225), 2);
        assert_eq!(label_step(span, 375), 1);
        assert_eq!(label_step((2015, 2025), 100), 1);
        assert_eq!(label_step((1000, 2000), 80), 100);
        // Two or more cells a year: whole cells, all years alike.
        assert_eq!(axis_width((2015, 2025), 25), 20);
    }
}
