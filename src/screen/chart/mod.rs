//! The figures chart: the investment amounts over time as bars, one chart per currency.

pub mod rows;
pub mod update;
pub mod view;

use crate::input::Action;
use crate::state::State;

/// The chart's own state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChartState {
    /// First line shown.
    pub scroll: usize,
    /// The selected bar (its index in `rows::bars`).
    pub selected: usize,
}

/// The chart's name, from the dataset: the label of the theme its bars come from (the
/// dataset's `investment` theme), else the dataset's title.
pub fn title(state: &State) -> String {
    let d = &state.dataset;
    match d.themes.iter().find(|t| t.id == "investment") {
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
