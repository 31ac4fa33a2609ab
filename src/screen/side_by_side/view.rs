//! Two sources next to each other, each scrolled to its quote of the selected event.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::SideBySide;
use crate::layout;
use crate::screen::reader::view::draw as draw_reader;
use crate::state::State;

pub fn draw(frame: &mut Frame, body: Rect, side: &SideBySide, state: &State) {
    let sources = side.sources();
    for (i, area) in layout::columns(body).into_iter().enumerate() {
        draw_reader(frame, area, state, &side.columns[i], side.focus == i, &sources);
    }
}
