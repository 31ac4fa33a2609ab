//! The top line: dataset title on the left, what is shown on the right.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::state::State;
use crate::text::wrap::{truncate, width};

pub fn draw(frame: &mut Frame, area: Rect, state: &State, subtitle: &str) {
    let right = format!("{subtitle} ");
    let room = usize::from(area.width).saturating_sub(width(&right) + 1);
    let left = truncate(&format!(" annals · {}", state.dataset.title), room);
    let style = Style::new().add_modifier(Modifier::BOLD);
    frame.render_widget(Paragraph::new(Line::styled(left, style)), area);
    frame.render_widget(Paragraph::new(Line::from(right)).alignment(Alignment::Right), area);
}
