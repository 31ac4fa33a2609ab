//! The chart's content, measured: its bars and every row at a width. The drawing, the
//! scrolling and the selection all use it, so they always agree.

use std::ops::Range;

use ratatui::style::Modifier;
use ratatui::text::Line;

use crate::state::State;
use crate::text::number::amount;
use crate::text::wrap::{truncate, width as cells};
use crate::ui::style;

/// One bar: its currency, amount, label and the quote that states it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartBar {
    pub unit: String,
    pub value: f64,
    pub label: String,
    /// A conversion the article itself states, not an amount it reports directly.
    pub converted: bool,
    /// The source that states it, and the quoted words in its text.
    pub source: usize,
    pub quote: Option<Range<usize>>,
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
            let (source, quote) = (figure.quote.source, figure.quote.body_range());
            out.push(ChartBar {
                unit: figure.unit.clone(),
                value: figure.value,
                label: format!("{} · {} · {origin}", event.date, figure.label),
                converted: false,
                source,
                quote: quote.clone(),
            });
            if let Some((value, unit)) = figure.converted.as_ref().filter(|(_, u)| is_currency(u)) {
                out.push(ChartBar {
                    unit: unit.clone(),
                    value: *value,
                    label: format!("{} · {} (the article's own conversion) · {origin}", event.date, figure.label),
                    converted: true,
                    source,
                    quote,
                });
            }
        }
    }
    // Currencies in the order they first appear, each bar keeping its date order.
    let mut units: Vec<String> = Vec::new();
    for b in &out {
        if !units.contains(&b.unit) {
            units.push(b.unit.clone());
        }
    }
    out.sort_by_key(|b| units.iter().position(|u| *u == b.unit));
    out
}

/// The scale of a currency: the round amount a full bar stands for, just above its largest
/// bar (1, 2, 3 or 5 times a power of ten), so that no bar fills the width by default.
pub fn scale(max: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let target = max * 1.05;
    let mut power = 10f64.powi(target.log10().floor() as i32);
    loop {
        for step in [1.0, 2.0, 3.0, 5.0] {
            if step * power >= target {
                return step * power;
            }
        }
        power *= 10.0;
    }
}

/// One row of the chart.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartRow {
    Text(Line<'static>),
    /// Bar number `bar`, drawn to `scale` in `room` cells (the same for its whole currency).
    Bar {
        bar: usize,
        scale: f64,
        room: u16,
    },
}

/// Every row of the chart at `width` with bar `selected` chosen: a legend, then per currency a
/// heading with its scale and, per bar, its label (the chosen one whole, wrapped) and the bar
/// with its amount; and the first row of each bar.
pub fn rows(state: &State, width: usize, selected: usize) -> (Vec<ChartRow>, Vec<usize>) {
    let all = bars(state);
    let text = |line: Line<'static>| ChartRow::Text(line);
    // The legend wraps: a narrow terminal reads it whole.
    let mut out: Vec<ChartRow> = [
        "█ an amount an article reports   ░ a conversion the article itself states",
        "No exchange rate is ever applied: each currency has its own scale.",
    ]
    .iter()
    .flat_map(|legend| style::marked_paragraph(legend, width.max(1), &[], style::dim()))
    .map(text)
    .collect();
    let mut starts = Vec::with_capacity(all.len());
    let mut i = 0;
    while i < all.len() {
        let unit = all[i].unit.clone();
        let group: Vec<usize> = (i..all.len()).take_while(|&j| all[j].unit == unit).collect();
        let max = group.iter().map(|&j| all[j].value).fold(0.0, f64::max);
        let scale = scale(max);
        let value_width = group.iter().map(|&j| cells(&value_text(&all[j]))).max().unwrap_or(0);
        let room = u16::try_from(width.saturating_sub(2 + value_width)).unwrap_or(u16::MAX);
        out.push(text(Line::default()));
        let heading = format!("{unit} · a full bar is {} {unit}", amount(scale));
        out.push(text(Line::styled(truncate(&heading, width), style::heading().add_modifier(Modifier::UNDERLINED))));
        for &j in &group {
            starts.push(out.len());
            let chosen = j == selected;
            let label = format!("  {}", all[j].label);
            if chosen {
                for line in style::indented(&all[j].label, width, 2, style::selected(true)) {
                    out.push(text(line));
                }
            } else {
                out.push(text(Line::from(truncate(&label, width))));
            }
            out.push(ChartRow::Bar { bar: j, scale, room });
        }
        i += group.len();
    }
    (out, starts)
}

/// The amount written after a bar: " 25 billion EUR".
pub fn value_text(bar: &ChartBar) -> String {
    format!(" {} {}", amount(bar.value), bar.unit)
}
