//! The top line: dataset title on the left, what is shown on the right.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::state::State;
use crate::text::wrap::{truncate, width};

/// The forms of the title on the left, the longest first: " annals · <dataset title>", then
/// without the program's name (the dataset's title comes first).
pub fn titles(state: &State) -> [String; 2] {
    [format!(" annals · {}", state.dataset.title), format!(" {}", state.dataset.title)]
}

/// The longest of [`titles`] that fits in `room` cells (the shortest if none does).
fn title(state: &State, room: usize) -> String {
    let [full, short] = titles(state);
    if width(&full) <= room { full } else { short }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, subtitle: &str) {
    let right = format!("{subtitle} ");
    let room = usize::from(area.width).saturating_sub(width(&right) + 1);
    let left = truncate(&title(state, room), room);
    let style = Style::new().add_modifier(Modifier::BOLD);
    frame.render_widget(Paragraph::new(Line::styled(left, style)), area);
    frame.render_widget(Paragraph::new(Line::from(right)).alignment(Alignment::Right), area);
}
