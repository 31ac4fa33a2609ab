//! The compare view and the figures chart: moving through them and opening claims side by
//! side.

use super::reading::side_size;
use super::{App, Reader, Screen, SideBySide};
use crate::input::action::Action;
use crate::layout;

pub(super) fn chart_action(app: &mut App, action: Action) {
    let height = usize::from(layout::Frame::new(app.area()).body.height.saturating_sub(2));
    let page = height.saturating_sub(1).max(1);
    match action {
        Action::Down => app.chart_scroll += 1,
        Action::Up => app.chart_scroll = app.chart_scroll.saturating_sub(1),
        Action::PageDown => app.chart_scroll += page,
        Action::PageUp => app.chart_scroll = app.chart_scroll.saturating_sub(page),
        Action::Top => app.chart_scroll = 0,
        Action::Bottom => app.chart_scroll = usize::MAX,
        Action::Back => {
            app.screens.pop();
        }
        _ => {}
    }
    let total = crate::ui::chart_lines(app, usize::from(app.size.0.saturating_sub(2)));
    app.chart_scroll = app.chart_scroll.min(total.saturating_sub(height));
}

pub(super) fn compare_action(app: &mut App, action: Action) {
    let claims = app.claims();
    let last = claims.len().saturating_sub(1);
    match action {
        Action::Down => app.claim = (app.claim + 1).min(last),
        Action::Up => app.claim = app.claim.saturating_sub(1),
        Action::PageDown => app.claim = (app.claim + 5).min(last),
        Action::PageUp => app.claim = app.claim.saturating_sub(5),
        Action::Top => app.claim = 0,
        Action::Bottom => app.claim = last,
        Action::Back => {
            app.screens.pop();
        }
        Action::Open | Action::SideBySide => open_claims_side_by_side(app),
        _ => {}
    }
}

/// Side by side on the selected claim and another claim of the same fact (the next one from
/// another source if there is one), each at its quote.
pub(super) fn open_claims_side_by_side(app: &mut App) {
    let Some(&(f, c)) = app.claims().get(app.claim) else {
        app.message = Some("this dataset has no facts to compare".into());
        return;
    };
    let fact = &app.dataset.facts[f];
    let this = &fact.claims[c];
    let n = fact.claims.len();
    let others = (1..n).map(|k| &fact.claims[(c + k) % n]);
    let other =
        others.clone().find(|o| o.quote.source != this.quote.source).or_else(|| others.clone().next()).unwrap_or(this);
    let (w, h) = side_size(app);
    let column = |claim: &crate::model::Claim| {
        Reader::open(&app.dataset, claim.quote.source, Some(claim.quote.range.clone()), w, h)
    };
    app.side = SideBySide { columns: [column(this), column(other)], focus: 0, title: Some(fact.label.clone()) };
    app.screens.push(Screen::SideBySide);
}
