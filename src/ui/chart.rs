//! The figures chart: the investment amounts over time as bars, one chart per currency (the
//! sources give no exchange rates, so currencies are never mixed), with the conversions the
//! articles themselves state as bars of their own. Each bar says which source it comes from.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Paragraph};

use super::style;
use crate::app::App;
use crate::text::wrap::truncate;

/// One bar: its currency, amount, and label.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartBar {
    pub unit: String,
    pub value: f64,
    pub label: String,
    /// A conversion the article itself states, not an amount it reports directly.
    pub converted: bool,
}

/// Whether a unit is a currency code (three capital letters: USD, EUR, CNY).
fn is_currency(unit: &str) -> bool {
    unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase())
}

/// Where a bar comes from, short enough to stay visible: "Techfu, fr, 2021-07-20".
fn origin(source: &crate::model::Source) -> String {
    let date = source.date.map_or_else(|| "undated".to_string(), |d| d.to_string());
    match &source.publisher {
        Some(publisher) => format!("{publisher}, {}, {date}", source.language),
        None => format!("{} article, {date}", source.language),
    }
}

/// The bars of the chart: currency amounts of events with the `investment` theme (of every
/// event when the dataset has no such theme), in date order, with stated conversions.
pub fn bars(app: &App) -> Vec<ChartBar> {
    let d = &app.dataset;
    let investment = d.themes.iter().position(|t| t.id == "investment");
    let mut out = Vec::new();
    for event in &d.events {
        if investment.is_some_and(|t| !event.themes.contains(&t)) {
            continue;
        }
        for figure in event.figures.iter().filter(|f| is_currency(&f.unit)) {
            let origin = origin(&d.sources[figure.quote.source]);
            out.push(ChartBar {
                unit: figure.unit.clone(),
                value: figure.value,
                label: format!("{} · {origin} · {}", event.date, figure.label),
                converted: false,
            });
            if let Some((value, unit)) = figure.converted.as_ref().filter(|(_, u)| is_currency(u)) {
                out.push(ChartBar {
                    unit: unit.clone(),
                    value: *value,
                    label: format!("{} · {origin} · converted by the article · {}", event.date, figure.label),
                    converted: true,
                });
            }
        }
    }
    out
}

pub fn draw(frame: &mut Frame, body: Rect, app: &App) {
    let all = bars(app);
    let mut units: Vec<&str> = Vec::new();
    for bar in &all {
        if !units.contains(&bar.unit.as_str()) {
            units.push(&bar.unit);
        }
    }
    if units.is_empty() {
        let block = Block::new().borders(Borders::ALL).title(" Figures ");
        frame.render_widget(Paragraph::new("No figures to chart in this dataset.").block(block), body);
        return;
    }
    let heights: Vec<Constraint> =
        units.iter().map(|u| Constraint::Min(all.iter().filter(|b| b.unit == *u).count() as u16 * 2 + 1)).collect();
    let areas = Layout::default().direction(Direction::Vertical).constraints(heights).split(body);
    for (unit, area) in units.iter().zip(areas.iter()) {
        let group: Vec<&ChartBar> = all.iter().filter(|b| b.unit == *unit).collect();
        let max = group.iter().map(|b| b.value).fold(0.0, f64::max).max(1.0);
        let label_width = usize::from(area.width.saturating_sub(2) * 3 / 5).max(10);
        let bar_width = u64::from(area.width.saturating_sub(2) * 2 / 5).max(1);
        let chart_bars: Vec<Bar> = group
            .iter()
            .map(|b| {
                let color = if b.converted { Color::DarkGray } else { Color::Cyan };
                Bar::default()
                    .value(((b.value / max) * bar_width as f64).round() as u64)
                    .label(Line::from(truncate(&b.label, label_width)))
                    .text_value(format!("{} {}", style::amount(b.value), b.unit))
                    .style(Style::new().fg(color))
                    .value_style(Style::new().fg(Color::Black).bg(color))
            })
            .collect();
        let title = format!(" {unit} · bars to scale within {unit} only ");
        let chart = BarChart::default()
            .block(Block::new().borders(Borders::ALL).border_style(style::border(false)).title(title))
            .direction(Direction::Horizontal)
            .bar_width(1)
            .bar_gap(1)
            .max(bar_width)
            .data(BarGroup::default().bars(&chart_bars));
        frame.render_widget(chart, *area);
    }
}
