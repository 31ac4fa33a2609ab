//! The compare screen: every fact more than one source states, each claim next to its
//! verbatim quote and source, with a flag where the claims differ.

pub mod update;
pub mod view;

use crate::input::Action;
use crate::state::State;

/// The compare screen's own state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompareState {
    /// Selected claim: index into `State::claims()`.
    pub claim: usize,
}

pub(super) fn hints(state: &State) -> String {
    let k = |a: Action| state.keymap.hint(a);
    format!(
        "{}/{} claim · {} side by side at the quotes · {} back",
        k(Action::Down),
        k(Action::Up),
        k(Action::Open),
        k(Action::Back)
    )
}

/// The selected claim's quote.
pub(super) fn passage(compare: &CompareState, state: &State) -> super::Passage {
    let d = &state.dataset;
    match state.claims().get(compare.claim) {
        Some(&(f, c)) => {
            let quote = &d.facts[f].claims[c].quote;
            Ok((quote.source, d.quote_text(quote).into_owned()))
        }
        None => Err(None),
    }
}
