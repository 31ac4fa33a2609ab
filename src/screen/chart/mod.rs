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
}

/// The chart's name, from the dataset: the theme its bars come from, or plain figures.
pub fn title(state: &State) -> String {
    let d = &state.dataset;
    match d.themes.iter().find(|t| t.id == "investment") {
        Some(theme) => format!("{} figures", theme.label.to_lowercase()),
        None => "figures".to_string(),
    }
}

pub(super) fn hints(state: &State) -> String {
    let k = |a: Action| state.keymap.hint(a);
    format!("grey bars: conversions the articles state · {} compare · {} back", k(Action::Compare), k(Action::Back))
}
