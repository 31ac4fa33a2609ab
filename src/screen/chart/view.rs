//! The figures chart: the investment amounts over time as bars, one chart per currency (the
//! sources give no exchange rates, so currencies are never mixed), with the conversions the
//! articles themselves state as bars of their own. Each bar says which source it comes from.

use ratatui::Frame;
use ratatui::layout::{Direction, Rect};
use ratatui::style::{Color, Style};
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph};

use super::ChartState;
use super::rows::{ChartBar, ChartRow, bars, rows, value_text};
use crate::layout;
use crate::state::State;
use crate::ui::style;

/// Draws one bar in a one-row `area`: a horizontal `BarChart` of one bar whose full `room`
/// cells stand for `scale` (the same for every bar of a currency), solid for a reported
/// amount, shaded for a conversion, with the amount written after it; `chosen` marks the
/// selected bar.
fn draw_bar(frame: &mut Frame, area: Rect, bar: &ChartBar, scale: f64, room: u16, chosen: bool) {
    // Amounts as integers for the widget: thousandths of the scale keep the proportion.
    let thousandths = |v: f64| if scale > 0.0 { (v / scale * 1000.0).round().max(1.0) as u64 } else { 1 };
    let value = value_text(bar);
    let (color, set) = if bar.converted {
        (Color::DarkGray, ratatui::symbols::bar::Set { full: "░", ..ratatui::symbols::bar::NINE_LEVELS })
    } else {
        (Color::Cyan, ratatui::symbols::bar::NINE_LEVELS)
    };
    let full = set.full;
    let room = room.min(area.width.saturating_sub(2));
    let bars = [Bar::default().value(thousandths(bar.value)).text_value(String::new())];
    let chart = BarChart::default()
        .direction(Direction::Horizontal)
        .bar_width(1)
        .bar_gap(0)
        .bar_set(set)
        .max(1000)
        .bar_style(Style::new().fg(color))
        .data(BarGroup::default().bars(&bars));
    frame.render_widget(chart, Rect { x: area.x + 2, width: room, ..area });
    // Where the widget's bar ends (whole cells), for the amount to follow it; a tiny amount
    // still gets one cell.
    let cells = (thousandths(bar.value) * u64::from(room) / 1000).max(1);
    let end = area.x + 2 + u16::try_from(cells).unwrap_or(room).min(room);
    if thousandths(bar.value) * u64::from(room) < 1000 {
        frame.buffer_mut().set_string(area.x + 2, area.y, full, Style::new().fg(color));
    }
    if chosen {
        frame.buffer_mut().set_string(area.x, area.y, "▶", style::heading());
    }
    frame.buffer_mut().set_string(end, area.y, value, style::heading());
}

pub fn draw(frame: &mut Frame, body: Rect, chart: &ChartState, state: &State) {
    let title = format!(" {} ", super::title(state));
    let block = style::pane(&crate::text::wrap::truncate(&title, usize::from(body.width)), body.width, true);
    let inner = layout::inner(body);
    frame.render_widget(block, body);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let all_bars = bars(state);
    if all_bars.is_empty() {
        frame.render_widget(Paragraph::new("No currency amounts to chart in this dataset."), inner);
        return;
    }
    let (all, _) = rows(state, usize::from(inner.width), chart.selected);
    let max = all.len().saturating_sub(usize::from(inner.height));
    let scroll = chart.scroll.min(max);
    for (y, row) in (inner.y..inner.bottom()).zip(all.iter().skip(scroll)) {
        let area = Rect { y, height: 1, ..inner };
        match row {
            ChartRow::Text(line) => frame.render_widget(Paragraph::new(line.clone()), area),
            ChartRow::Bar { bar, scale, room, linked } => {
                let chosen = *bar == chart.selected;
                if *linked && !chosen {
                    frame.buffer_mut().set_string(area.x, area.y, super::rows::LINK, style::heading());
                }
                draw_bar(frame, area, &all_bars[*bar], *scale, *room, chosen)
            }
        }
    }
    if max > 0 {
        let more = format!(
            " lines {}–{} of {} ",
            scroll + 1,
            scroll + usize::from(inner.height),
            max + usize::from(inner.height)
        );
        let x = body.right().saturating_sub(more.chars().count() as u16 + 1);
        frame.buffer_mut().set_string(x, body.bottom().saturating_sub(1), more, style::dim());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn drawn(value: f64, scale: f64, converted: bool) -> String {
        let bar =
            ChartBar { unit: "USD".into(), value, label: String::new(), converted, source: 0, quote: None, fact: None };
        let mut terminal = Terminal::new(TestBackend::new(40, 1)).unwrap();
        // 40 cells, less 2 of indent and 8 for the widest amount, " 100 USD".
        terminal.draw(|frame| draw_bar(frame, frame.area(), &bar, scale, 30, false)).unwrap();
        terminal.backend().buffer().content.iter().map(|c| c.symbol()).collect::<String>().trim_end().to_string()
    }

    #[test]
    fn bars_are_proportional_and_followed_by_their_amount() {
        // 30 cells stand for the scale, the same for every bar of the currency.
        assert_eq!(drawn(100.0, 100.0, false), format!("  {} 100 USD", "█".repeat(30)));
        assert_eq!(drawn(50.0, 100.0, false), format!("  {} 50 USD", "█".repeat(15)));
        assert_eq!(drawn(50.0, 100.0, true), format!("  {} 50 USD", "░".repeat(15)), "a conversion is shaded");
        assert_eq!(drawn(0.2, 100.0, false), "  █ 0.2 USD", "a tiny amount still shows");
    }
}
