//! The time ruler: the dataset's years on an axis proportional to time, event density per
//! year, era bands, and a marker at the selected event.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

use super::style;
use crate::app::App;
use crate::model::Date;

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The span of years on the axis: first event year to the end of the last.
/// Eras widen it when they reach beyond the events.
pub fn span(app: &App) -> Option<(i32, i32)> {
    let d = &app.dataset;
    let first = d.events.first()?.date.year;
    let last = d.events.last()?.date.year;
    let first = d.eras.iter().map(|e| e.start.year).fold(first, i32::min);
    let last = d.eras.iter().map(|e| e.end.year).fold(last, i32::max);
    Some((first, last + 1))
}

/// The cells the axis uses: a whole number per year, so every year is equally wide.
pub fn axis_width((from, to): (i32, i32), width: u16) -> u16 {
    let years = u16::try_from((to - from).max(1)).unwrap_or(u16::MAX);
    if width >= years { width / years * years } else { width }
}

/// Column of a date on an axis of `width` cells covering `span`.
pub fn column(date: &Date, (from, to): (i32, i32), width: u16) -> u16 {
    let years = f64::from((to - from).max(1));
    let fraction = (date.as_fractional_year() - f64::from(from)) / years;
    let cells = f64::from(axis_width((from, to), width));
    (fraction * cells).floor().clamp(0.0, f64::from(width.saturating_sub(1))) as u16
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let Some(span) = span(app) else { return };
    if area.height == 0 || area.width < 4 {
        return;
    }
    let buf = frame.buffer_mut();
    let x_of = |year: i32| area.x + column(&Date::year(year), span, area.width);

    // Line 1: year labels where they fit.
    let mut free_from = area.x;
    for year in span.0..span.1 {
        let x = x_of(year);
        let label = format!("{year}");
        if x >= free_from && x + 4 <= area.right() && year < span.1 {
            buf.set_string(x, area.y, &label, style::dim());
            free_from = x + 5;
        }
    }
    if area.height < 2 {
        return;
    }

    // Line 2: event density per year, over the events the filters show.
    let mut counts = vec![0usize; (span.1 - span.0) as usize];
    for &(year, count) in &app.timeline.year_counts {
        if let Some(slot) = usize::try_from(year - span.0).ok().and_then(|i| counts.get_mut(i)) {
            *slot += count;
        }
    }
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    for (i, &count) in counts.iter().enumerate() {
        let year = span.0 + i as i32;
        let (start, end) = (x_of(year), x_of(year + 1).max(x_of(year) + 1).min(area.right()));
        let end = if year + 1 == span.1 { area.x + axis_width(span, area.width) } else { end };
        if count == 0 {
            continue;
        }
        let bar = BARS[(count * (BARS.len() - 1)).div_ceil(max).min(BARS.len() - 1)];
        for x in start..end.saturating_sub(1).max(start + 1).min(area.right()) {
            buf.set_string(x, area.y + 1, bar.to_string(), Style::new().fg(Color::Cyan));
        }
    }
    if area.height < 3 {
        return;
    }

    // Line 3: era bands with their labels, and the selected event's marker.
    let y = area.y + 2;
    for (i, era) in app.dataset.eras.iter().enumerate() {
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
    if let Some(event) = app.selected_event() {
        let x = area.x + column(&event.date, span, area.width);
        mark(buf, x, area.y + 1);
    }
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
}
