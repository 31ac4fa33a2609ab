//! Keys and the wheel on the compare screen: moving through the claims, and opening one side
//! by side with another claim of its fact.

use crossterm::event::{MouseEvent, MouseEventKind};

use super::CompareState;
use crate::input::Action;
use crate::model::Claim;
use crate::screen::side_by_side::text_size;
use crate::screen::{Nav, Reader, Screen, SideBySide};
use crate::state::State;

pub fn action(compare: &mut CompareState, state: &mut State, action: Action) -> Nav {
    let last = state.claims().len().saturating_sub(1);
    match action {
        Action::Down => compare.claim = (compare.claim + 1).min(last),
        Action::Up => compare.claim = compare.claim.saturating_sub(1),
        Action::PageDown => compare.claim = (compare.claim + 5).min(last),
        Action::PageUp => compare.claim = compare.claim.saturating_sub(5),
        Action::Top => compare.claim = 0,
        Action::Bottom => compare.claim = last,
        Action::Back => return Nav::Back,
        Action::Open | Action::SideBySide => return open_claims_side_by_side(compare, state),
        _ => {}
    }
    Nav::Stay
}

/// The wheel moves the selection.
pub fn mouse(compare: &mut CompareState, state: &mut State, mouse: MouseEvent) -> Nav {
    match mouse.kind {
        MouseEventKind::ScrollDown => action(compare, state, Action::Down),
        MouseEventKind::ScrollUp => action(compare, state, Action::Up),
        _ => Nav::Stay,
    }
}

/// Side by side on the selected claim and another claim of the same fact (the next one from
/// another source if there is one), each at its quote.
fn open_claims_side_by_side(compare: &CompareState, state: &mut State) -> Nav {
    let Some(&(f, c)) = state.claims().get(compare.claim) else {
        state.message = Some("this dataset has no facts to compare".into());
        return Nav::Stay;
    };
    let fact = &state.dataset.facts[f];
    let this = &fact.claims[c];
    let n = fact.claims.len();
    let others = (1..n).map(|k| &fact.claims[(c + k) % n]);
    let other =
        others.clone().find(|o| o.quote.source != this.quote.source).or_else(|| others.clone().next()).unwrap_or(this);
    let (w, h) = text_size(state, [this.quote.source, other.quote.source]);
    let column = |claim: &Claim| Reader::open(&state.dataset, claim.quote.source, claim.quote.body_range(), w, h);
    let side = SideBySide { columns: [column(this), column(other)], focus: 0, title: Some(fact.label.clone()) };
    Nav::push(Screen::SideBySide(side))
}
