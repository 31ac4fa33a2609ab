//! Keys and the wheel on the chart: scrolling its lines.

use crossterm::event::{MouseEvent, MouseEventKind};

use super::ChartState;
use crate::input::Action;
use crate::layout;
use crate::screen::Nav;
use crate::state::State;

pub fn action(chart: &mut ChartState, state: &mut State, action: Action) -> Nav {
    let height = usize::from(layout::Frame::new(state.area()).body.height.saturating_sub(2));
    let page = height.saturating_sub(1).max(1);
    match action {
        Action::Down => chart.scroll += 1,
        Action::Up => chart.scroll = chart.scroll.saturating_sub(1),
        Action::PageDown => chart.scroll += page,
        Action::PageUp => chart.scroll = chart.scroll.saturating_sub(page),
        Action::Top => chart.scroll = 0,
        Action::Bottom => chart.scroll = usize::MAX,
        Action::Back => return Nav::Back,
        _ => {}
    }
    let total = super::rows::rows(state, usize::from(state.size.0.saturating_sub(2))).len();
    chart.scroll = chart.scroll.min(total.saturating_sub(height));
    Nav::Stay
}

/// The wheel scrolls a line.
pub fn mouse(chart: &mut ChartState, state: &mut State, mouse: MouseEvent) -> Nav {
    match mouse.kind {
        MouseEventKind::ScrollDown => action(chart, state, Action::Down),
        MouseEventKind::ScrollUp => action(chart, state, Action::Up),
        _ => Nav::Stay,
    }
}
