//! The chart's content, measured: its bars and every row at a width. The drawing and the
//! scrolling both use it, so they always agree.

use ratatui::style::Modifier;
use ratatui::text::Line;

use crate::state::State;
use crate::text::wrap::truncate;
use crate::ui::style;

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

/// Where a bar comes from, the same way for every source and short enough to stay visible:
/// language, date, then the publisher, or the start of the title when none is named —
/// "fr 2021-07-20 Techfu", "en undated “Alibaba’s cloud proves…”".
fn origin(source: &crate::model::Source) -> String {
    let date = source.date.map_or_else(|| "undated".to_string(), |d| d.to_string());
    let who = match &source.publisher {
        Some(publisher) => publisher.clone(),
        None => format!("“{}”", truncate(&source.title, 24)),
    };
    format!("{} {date} {who}", source.language)
}

/// The bars of the chart: currency amounts of events with the `investment` theme (of every
/// event when the dataset has no such theme), in date order, with stated conversions.
pub fn bars(state: &State) -> Vec<ChartBar> {
    let d = &state.dataset;
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
                    label: format!("{} · {origin} · {} (the article's own conversion)", event.date, figure.label),
                    converted: true,
                });
            }
        }
    }
    out
}

/// One row of the chart.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartRow {
    Text(Line<'static>),
    /// A bar: drawn by ratatui's `BarChart`, to the scale of its currency's largest amount.
    Bar {
        bar: ChartBar,
        max: f64,
    },
}

/// Every row of the chart at `width`: a legend, then per currency a heading and, per bar, its
/// label on one row and the bar with its value on the next.
pub fn rows(state: &State, width: usize) -> Vec<ChartRow> {
    let all = bars(state);
    let text = |line: Line<'static>| ChartRow::Text(line);
    let mut out = vec![
        text(Line::styled(
            truncate("█ an amount an article reports   ░ a conversion the article itself states", width),
            style::dim(),
        )),
        text(Line::styled(
            truncate("No exchange rate is ever applied: each currency is drawn to its own scale.", width),
            style::dim(),
        )),
    ];
    let mut units: Vec<&str> = Vec::new();
    for b in &all {
        if !units.contains(&b.unit.as_str()) {
            units.push(&b.unit);
        }
    }
    for unit in units {
        let group: Vec<&ChartBar> = all.iter().filter(|b| b.unit == unit).collect();
        let max = group.iter().map(|b| b.value).fold(0.0, f64::max);
        out.push(text(Line::default()));
        out.push(text(Line::styled(unit.to_string(), style::heading().add_modifier(Modifier::UNDERLINED))));
        for b in group {
            out.push(text(Line::from(truncate(&format!("  {}", b.label), width))));
            out.push(ChartRow::Bar { bar: b.clone(), max });
        }
    }
    out
}
