//! The figures chart: the investment amounts over time as bars, one chart per currency (the
//! sources give no exchange rates, so currencies are never mixed), with the conversions the
//! articles themselves state as bars of their own. Each bar says which source it comes from.

use ratatui::Frame;
use ratatui::layout::{Direction, Rect};
use ratatui::style::{Color, Style};
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph};

use super::ChartState;
use super::rows::{ChartBar, ChartRow, bars, rows};
use crate::layout;
use crate::state::State;
use crate::ui::style;

/// Draws one bar in a one-row `area`: a horizontal `BarChart` of one bar, full width (less
/// room for the amount) for the currency's largest amount, solid for a reported amount,
/// shaded for a conversion, with the amount written after it.
fn draw_bar(frame: &mut Frame, area: Rect, bar: &ChartBar, max: f64) {
    // Amounts as integers for the widget: thousandths of the largest keep the proportion.
    let scale = |v: f64| if max > 0.0 { (v / max * 1000.0).round().max(1.0) as u64 } else { 1 };
    let value = format!(" {} {}", crate::text::number::amount(bar.value), bar.unit);
    let (color, set) = if bar.converted {
        (Color::DarkGray, ratatui::symbols::bar::Set { full: "░", ..ratatui::symbols::bar::NINE_LEVELS })
    } else {
        (Color::Cyan, ratatui::symbols::bar::NINE_LEVELS)
    };
    let full = set.full;
    let room = area.width.saturating_sub(2 + u16::try_from(value.chars().count()).unwrap_or(u16::MAX));
    let bars = [Bar::default().value(scale(bar.value)).text_value(String::new())];
    let chart = BarChart::default()
        .direction(Direction::Horizontal)
        .bar_width(1)
        .bar_gap(0)
        .bar_set(set)
        .max(scale(max))
        .bar_style(Style::new().fg(color))
        .data(BarGroup::default().bars(&bars));
    frame.render_widget(chart, Rect { x: area.x + 2, width: room, ..area });
    // Where the widget's bar ends (whole cells), for the amount to follow it; a tiny amount
    // still gets one cell.
    let cells = (scale(bar.value) * u64::from(room) / scale(max).max(1)).max(1);
    let end = area.x + 2 + u16::try_from(cells).unwrap_or(room).min(room);
    if scale(bar.value) * u64::from(room) < scale(max).max(1) {
        frame.buffer_mut().set_string(area.x + 2, area.y, full, Style::new().fg(color));
    }
    frame.buffer_mut().set_string(end, area.y, value, style::heading());
}

pub fn draw(frame: &mut Frame, body: Rect, chart: &ChartState, state: &State) {
    let block = style::pane(" Investment figures ", body.width, true);
    let inner = layout::inner(body);
    frame.render_widget(block, body);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    if bars(state).is_empty() {
        frame.render_widget(Paragraph::new("No currency amounts to chart in this dataset."), inner);
        return;
    }
    let all = rows(state, usize::from(inner.width));
    let max = all.len().saturating_sub(usize::from(inner.height));
    let scroll = chart.scroll.min(max);
    for (y, row) in (inner.y..inner.bottom()).zip(all.iter().skip(scroll)) {
        let area = Rect { y, height: 1, ..inner };
        match row {
            ChartRow::Text(line) => frame.render_widget(Paragraph::new(line.clone()), area),
            ChartRow::Bar { bar, max } => draw_bar(frame, area, bar, *max),
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

    fn drawn(value: f64, max: f64, converted: bool) -> String {
        let bar = ChartBar { unit: "USD".into(), value, label: String::new(), converted };
        let mut terminal = Terminal::new(TestBackend::new(40, 1)).unwrap();
        terminal.draw(|frame| draw_bar(frame, frame.area(), &bar, max)).unwrap();
        terminal.backend().buffer().content.iter().map(|c| c.symbol()).collect::<String>().trim_end().to_string()
    }

    #[test]
    fn bars_are_proportional_and_followed_by_their_amount() {
        // 40 cells, less 2 of indent and 8 for " 100 USD": 30 for the largest.
        assert_eq!(drawn(100.0, 100.0, false), format!("  {} 100 USD", "█".repeat(30)));
        // Less 7 for " 50 USD": half of 31.
        assert_eq!(drawn(50.0, 100.0, false), format!("  {} 50 USD", "█".repeat(15)));
        assert_eq!(drawn(50.0, 100.0, true), format!("  {} 50 USD", "░".repeat(15)), "a conversion is shaded");
        assert_eq!(drawn(0.2, 100.0, false), "  █ 0.2 USD", "a tiny amount still shows");
    }
}
