//! Two sources next to each other, each scrolled to its quote of the selected event.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::reader;
use crate::app::App;
use crate::layout;

pub fn draw(frame: &mut Frame, body: Rect, app: &App) {
    for (i, area) in layout::columns(body).into_iter().enumerate() {
        reader::draw(frame, area, app, &app.side.columns[i], app.side.focus == i);
    }
}
