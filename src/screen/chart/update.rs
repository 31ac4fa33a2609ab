//! Keys and the wheel on the chart: choosing a bar, reading its quote.

use crossterm::event::{MouseEvent, MouseEventKind};

use super::ChartState;
use crate::input::Action;
use crate::layout;
use crate::screen::Nav;
use crate::state::State;

pub fn action(chart: &mut ChartState, state: &mut State, action: Action) -> Nav {
    let height = usize::from(layout::Frame::new(state.area()).body.height.saturating_sub(2));
    let count = super::rows::bars(state).len();
    let last = count.saturating_sub(1);
    let page = (height / 3).max(1);
    chart.selected = match action {
        Action::Down => (chart.selected + 1).min(last),
        Action::Up => chart.selected.saturating_sub(1),
        Action::PageDown => (chart.selected + page).min(last),
        Action::PageUp => chart.selected.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => last,
        Action::Back => return Nav::Back,
        Action::Open => return open_quote(chart, state),
        _ => chart.selected,
    };
    scroll_into_view(chart, state);
    Nav::Stay
}

/// Scrolls so that the selected bar's label and bar are in view (the legend and the first
/// heading too while the first bar is chosen).
pub fn scroll_into_view(chart: &mut ChartState, state: &State) {
    let height = usize::from(layout::Frame::new(state.area()).body.height.saturating_sub(2));
    let width = usize::from(state.size.0.saturating_sub(2));
    let (rows, starts) = super::rows::rows(state, width, chart.selected);
    let Some(&start) = starts.get(chart.selected) else { return };
    // The bar's rows run to the next bar's start, or the end, less the heading before it.
    let end = rows
        .iter()
        .skip(start)
        .position(|r| matches!(r, super::rows::ChartRow::Bar { .. }))
        .map_or(start, |p| start + p);
    let start = if chart.selected == 0 { 0 } else { start.saturating_sub(2) };
    if start < chart.scroll {
        chart.scroll = start;
    }
    if end >= chart.scroll + height {
        chart.scroll = end + 1 - height.min(end + 1);
    }
    chart.scroll = chart.scroll.min(rows.len().saturating_sub(height));
}

/// The reader at the quote that states the selected bar.
fn open_quote(chart: &ChartState, state: &mut State) -> Nav {
    let Some(bar) = super::rows::bars(state).into_iter().nth(chart.selected) else {
        return Nav::Stay;
    };
    let (w, h) = crate::screen::reader::text_size(state, bar.source);
    Nav::push(crate::screen::Screen::Reader(crate::screen::Reader::open(&state.dataset, bar.source, bar.quote, w, h)))
}

/// The wheel scrolls a line.
pub fn mouse(chart: &mut ChartState, state: &mut State, mouse: MouseEvent) -> Nav {
    match mouse.kind {
        MouseEventKind::ScrollDown => action(chart, state, Action::Down),
        MouseEventKind::ScrollUp => action(chart, state, Action::Up),
        _ => Nav::Stay,
    }
}
