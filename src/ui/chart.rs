//! The figures chart: the investment amounts over time as bars, one chart per currency (the
//! sources give no exchange rates, so currencies are never mixed), with the conversions the
//! articles themselves state as bars of their own. Each bar says which source it comes from.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{layout, style};
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
                    label: format!("{} · {origin} · {} (the article's own conversion)", event.date, figure.label),
                    converted: true,
                });
            }
        }
    }
    out
}

const EIGHTHS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];

/// A bar of `fraction` (0–1) of `width` cells, with eighth-cell precision, in `fill` for
/// whole cells (`█` for reported amounts, `░` for conversions).
fn bar(fraction: f64, width: usize, converted: bool) -> String {
    let eighths = (fraction.clamp(0.0, 1.0) * (width * 8) as f64).round() as usize;
    let eighths = eighths.max(1);
    if converted {
        return "░".repeat(eighths.div_ceil(8));
    }
    let mut out = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        out.push(EIGHTHS[eighths % 8 - 1]);
    }
    out
}

/// Every line of the chart at `width`: a legend, then per currency a heading and, per bar,
/// its label on one line and the bar with its value on the next.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let all = bars(app);
    let mut out = vec![
        Line::styled(
            truncate("█ an amount an article reports   ░ a conversion the article itself states", width),
            style::dim(),
        ),
        Line::styled(
            truncate("No exchange rate is ever applied: each currency is drawn to its own scale.", width),
            style::dim(),
        ),
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
        out.push(Line::default());
        out.push(Line::styled(unit.to_string(), style::heading().add_modifier(Modifier::UNDERLINED)));
        let values: Vec<String> = group.iter().map(|b| format!(" {} {}", style::amount(b.value), b.unit)).collect();
        let room = width.saturating_sub(values.iter().map(|v| v.chars().count()).max().unwrap_or(0) + 2).max(1);
        for (b, value) in group.iter().zip(values) {
            let fraction = if max > 0.0 { b.value / max } else { 0.0 };
            let color = if b.converted { Color::DarkGray } else { Color::Cyan };
            out.push(Line::from(truncate(&format!("  {}", b.label), width)));
            out.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(bar(fraction, room, b.converted), Style::new().fg(color)),
                Span::styled(value, style::heading()),
            ]));
        }
    }
    out
}

pub fn draw(frame: &mut Frame, body: Rect, app: &App) {
    let block = style::pane(" Investment figures ", body.width, true);
    let inner = layout::inner(body);
    frame.render_widget(block, body);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let all = lines(app, usize::from(inner.width));
    if bars(app).is_empty() {
        frame.render_widget(Paragraph::new("No currency amounts to chart in this dataset."), inner);
        return;
    }
    let max = all.len().saturating_sub(usize::from(inner.height));
    let scroll = app.chart_scroll.min(max);
    frame.render_widget(Paragraph::new(all.into_iter().skip(scroll).collect::<Vec<_>>()), inner);
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

    #[test]
    fn bars_are_proportional_with_eighth_cells() {
        assert_eq!(bar(1.0, 4, false), "████");
        assert_eq!(bar(0.5, 4, false), "██");
        assert_eq!(bar(0.0354, 40, false), "█▍");
        assert_eq!(bar(0.001, 40, false), "▏", "a tiny amount still shows");
        assert_eq!(bar(0.5, 4, true), "░░");
    }
}
