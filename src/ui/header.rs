//! The top line: dataset title on the left, what is shown on the right.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::state::State;
use crate::text::wrap::{truncate, width};

/// The title on the left: " annals · <dataset title>", without the program's name when the
/// line is short of room for it beside `room` cells (the dataset's title comes first).
pub fn title(state: &State, room: usize) -> String {
    let full = format!(" annals · {}", state.dataset.title);
    if width(&full) <= room { full } else { format!(" {}", state.dataset.title) }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, subtitle: &str) {
    let right = format!("{subtitle} ");
    let room = usize::from(area.width).saturating_sub(width(&right) + 1);
    let left = truncate(&title(state, room), room);
    let style = Style::new().add_modifier(Modifier::BOLD);
    frame.render_widget(Paragraph::new(Line::styled(left, style)), area);
    frame.render_widget(Paragraph::new(Line::from(right)).alignment(Alignment::Right), area);
}
