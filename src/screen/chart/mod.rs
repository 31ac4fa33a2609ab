//! The figures chart: the investment amounts over time as bars, one chart per currency.

pub mod rows;
pub mod update;
pub mod view;

use crate::input::Action;
use crate::model::Dataset;
use crate::state::State;

/// The chart's own state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChartState {
    /// First line shown.
    pub scroll: usize,
    /// The selected bar (its index in `rows::bars`).
    pub selected: usize,
}

/// The theme whose events the chart takes its bars from, if the dataset has it (else every
/// event's): the one with the id `investment`, as its index.
pub fn charted_theme(dataset: &Dataset) -> Option<usize> {
    dataset.themes.iter().position(|t| t.id == "investment")
}

/// The chart's name, from the dataset: the label of the theme its bars come from
/// ([`charted_theme`]), else the dataset's title.
pub fn title(state: &State) -> String {
    let d = &state.dataset;
    match charted_theme(d).map(|t| &d.themes[t]) {
        Some(theme) => format!("{}: the amounts the sources give", theme.label),
        None if !d.title.is_empty() => format!("{}: the amounts the sources give", d.title),
        None => "The amounts the sources give".to_string(),
    }
}

pub(super) fn hints(state: &State) -> String {
    let k = |a: Action| state.keymap.hint(a);
    format!(
        "{}/{} choose a bar · {} read its quote · {} back · grey bars: conversions the articles state",
        k(Action::Down),
        k(Action::Up),
        k(Action::Open),
        k(Action::Back)
    )
}
