//! The chart's content, measured: its bars and every row at a width. The drawing, the
//! scrolling and the selection all use it, so they always agree.

use std::ops::Range;

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

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
    /// The fact the figure states (`fact` on the figure), an index into `Dataset::facts`.
    pub fact: Option<usize>,
}

/// A part of the chart: the bars of one currency, or those of one fact given in several
/// currencies, which sit together under the fact's label.
#[derive(Debug, Clone, PartialEq)]
pub enum Section {
    Currency(String),
    Fact(usize),
}

/// Whether a unit is a currency code (three capital letters: USD, EUR, CNY).
fn is_currency(unit: &str) -> bool {
    unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase())
}

/// Where a bar comes from, the same way for every source: the article's language and date
/// (said to be the article's, as it may differ from the event's), then its publisher, or its
/// title when none is named — "fr article of 2021-07-20, Techfu", "en article, undated,
/// “Alibaba’s cloud proves its worth”". A row too narrow for it cuts it; the chosen bar's
/// label shows whole.
fn origin(source: &crate::model::Source) -> String {
    let date = source.date.map_or_else(|| ", undated".to_string(), |d| format!(" of {d}"));
    let who = match &source.publisher {
        Some(publisher) => publisher.clone(),
        None => format!("“{}”", source.shown_title()),
    };
    format!("{} article{date}, {who}", source.language)
}

/// The bars of the chart: currency amounts of events with the `investment` theme (of every
/// event when the dataset has no such theme), in date order, with stated conversions.
pub fn bars(state: &State) -> Vec<ChartBar> {
    let d = &state.dataset;
    let investment = super::charted_theme(d);
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
                fact: figure.fact,
            });
            if let Some((value, unit)) = figure.converted.as_ref().filter(|(_, u)| is_currency(u)) {
                out.push(ChartBar {
                    unit: unit.clone(),
                    value: *value,
                    label: format!("{} · {} (the article’s own conversion) · {origin}", event.date, figure.label),
                    converted: true,
                    source,
                    quote,
                    fact: figure.fact,
                });
            }
        }
    }
    // Sections in the order they first appear, each bar keeping its date order.
    let sections = sections(&out);
    let linked = out_facts(&sections);
    out.sort_by_key(|b| sections.iter().position(|s| *s == section(&linked, b)));
    out
}

/// The facts that have a section of their own.
fn out_facts(sections: &[Section]) -> Vec<usize> {
    sections.iter().filter_map(|s| if let Section::Fact(f) = s { Some(*f) } else { None }).collect()
}

/// The section a bar goes in: its fact's, when that fact has one (`linked`), else its
/// currency's.
fn section(linked: &[usize], bar: &ChartBar) -> Section {
    match bar.fact {
        Some(fact) if linked.contains(&fact) => Section::Fact(fact),
        _ => Section::Currency(bar.unit.clone()),
    }
}

/// The chart's sections in the order their first bar comes: a fact whose bars are in more
/// than one currency has its own, every other bar goes in its currency's.
pub fn sections(bars: &[ChartBar]) -> Vec<Section> {
    let mut linked: Vec<usize> = Vec::new();
    for (i, bar) in bars.iter().enumerate() {
        if let Some(fact) = bar.fact
            && !linked.contains(&fact)
            && bars[..i].iter().chain(&bars[i + 1..]).any(|b| b.fact == Some(fact) && b.unit != bar.unit)
        {
            linked.push(fact);
        }
    }
    let mut out: Vec<Section> = Vec::new();
    for bar in bars {
        let section = section(&linked, bar);
        if !out.contains(&section) {
            out.push(section);
        }
    }
    out
}

/// The scale of each currency, over all its bars wherever they are shown.
fn scales(bars: &[ChartBar]) -> Vec<(String, f64)> {
    let mut out: Vec<(String, f64)> = Vec::new();
    for bar in bars {
        match out.iter_mut().find(|(unit, _)| *unit == bar.unit) {
            Some((_, max)) => *max = max.max(bar.value),
            None => out.push((bar.unit.clone(), bar.value)),
        }
    }
    out.into_iter().map(|(unit, max)| (unit, scale(max))).collect()
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
        /// One of a fact's bars: the bracket that links them runs down its first column.
        linked: bool,
    },
}

/// The bracket down the left of a fact's bars.
pub const LINK: &str = "┃ ";

/// `text` wrapped after `first` on its first line and the bracket on the others.
fn bracketed(text: &str, width: usize, first: &str, base: Style) -> Vec<Line<'static>> {
    style::marked_paragraph(text, width.saturating_sub(2).max(1), &[], base)
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let mut spans = vec![Span::styled(if i == 0 { first } else { LINK }.to_string(), style::heading())];
            spans.extend(line.spans);
            Line::from(spans)
        })
        .collect()
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
    let sections = sections(&all);
    let linked = out_facts(&sections);
    let scales = scales(&all);
    let scale_of = |unit: &str| scales.iter().find(|(u, _)| u == unit).map_or(1.0, |(_, s)| *s);
    let mut i = 0;
    while i < all.len() {
        let here = section(&linked, &all[i]);
        let group: Vec<usize> = (i..all.len()).take_while(|&j| section(&linked, &all[j]) == here).collect();
        let value_width = group.iter().map(|&j| cells(&value_text(&all[j]))).max().unwrap_or(0);
        let room = u16::try_from(width.saturating_sub(2 + value_width)).unwrap_or(u16::MAX);
        out.push(text(Line::default()));
        let underlined = style::heading().add_modifier(Modifier::UNDERLINED);
        match &here {
            Section::Currency(unit) => {
                let heading = format!("{unit} · a full bar is {} {unit}", amount(scale_of(unit)));
                out.push(text(Line::styled(truncate(&heading, width), underlined)));
            }
            Section::Fact(fact) => {
                let mut units: Vec<&str> = Vec::new();
                for &j in &group {
                    if !units.contains(&all[j].unit.as_str()) {
                        units.push(&all[j].unit);
                    }
                }
                let label = state.dataset.facts.get(*fact).map_or("", |f| f.label.as_str());
                let heading = format!("{label} · one fact, in {}", units.join(", "));
                out.extend(bracketed(&heading, width, "┏ ", underlined).into_iter().map(text));
                let each: Vec<String> = units.iter().map(|unit| format!("{} {unit}", amount(scale_of(unit)))).collect();
                let note = format!("each bar on its currency’s scale: a full bar is {}", each.join(", "));
                out.extend(bracketed(&note, width, LINK, style::dim()).into_iter().map(text));
            }
        }
        for &j in &group {
            starts.push(out.len());
            let chosen = j == selected;
            let linked = matches!(here, Section::Fact(_));
            let label = format!("  {}", all[j].label);
            if chosen && linked {
                out.extend(bracketed(&all[j].label, width, LINK, style::selected(true)).into_iter().map(text));
            } else if chosen {
                for line in style::indented(&all[j].label, width, 2, style::selected(true)) {
                    out.push(text(line));
                }
            } else if linked {
                out.extend(
                    bracketed(&truncate(&all[j].label, width.saturating_sub(2)), width, LINK, Style::new())
                        .into_iter()
                        .map(text),
                );
            } else {
                out.push(text(Line::from(truncate(&label, width))));
            }
            out.push(ChartRow::Bar { bar: j, scale: scale_of(&all[j].unit), room, linked });
        }
        i += group.len();
    }
    (out, starts)
}

/// The amount written after a bar: " 25 billion EUR".
pub fn value_text(bar: &ChartBar) -> String {
    format!(" {} {}", amount(bar.value), bar.unit)
}
