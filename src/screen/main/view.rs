//! Draws the main screen's panes from the state; reads, never changes.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::MainState;
use crate::layout::MainLayout;
use crate::state::State;

/// The ruler and the three panes, inside the frame of `area` (the whole terminal).
pub fn draw(frame: &mut Frame, area: Rect, main: &MainState, state: &State) {
    let l = MainLayout::new(area, state.layout);
    super::ruler::draw(frame, l.ruler, state);
    super::timeline::draw(frame, l.timeline, main, state);
    super::detail::draw(frame, l.detail, main, state);
    super::quotes::draw(frame, l.quotes, main, state);
}
