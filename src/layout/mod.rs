//! Where each pane goes, as a pure function of the terminal size. Used by the drawing code and
//! by `update` (page sizes, mouse hit-testing), so both always agree.

mod main;
pub mod timeline;

pub use main::{MainLayout, Proportions, Shape};

use ratatui::layout::{Constraint, Layout, Rect};

/// Below this size the app shows a short message instead of its panes.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// The inside of a bordered pane.
pub fn inner(rect: Rect) -> Rect {
    Rect {
        x: rect.x.saturating_add(1),
        y: rect.y.saturating_add(1),
        width: rect.width.saturating_sub(2),
        height: rect.height.saturating_sub(2),
    }
}

/// Header line, body, status line: the frame shared by every screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    pub header: Rect,
    pub body: Rect,
    pub status: Rect,
}

impl Frame {
    pub fn new(area: Rect) -> Frame {
        let [header, body, status] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(1)]).areas(area);
        Frame { header, body, status }
    }
}

/// Two equal columns for side by side.
pub fn columns(body: Rect) -> [Rect; 2] {
    Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body)
}

/// A centred box of at most `width` x `height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height }
}

/// Lines of source details (publisher, language, date and where it comes from, wrapped) at the
/// top of a reader pane of `area`, for details that take `wanted` lines wrapped: as many, up to
/// four in a tall pane (so that a long date note can be read whole), two in a short one, and
/// at least one.
pub fn reader_details(area: Rect, wanted: usize) -> u16 {
    let most = match inner(area).height {
        30.. => 4,
        20.. => 3,
        _ => 2,
    };
    u16::try_from(wanted).unwrap_or(u16::MAX).clamp(1, most)
}

/// The text area of a reader pane: inside the border, below the source details (`wanted`
/// lines wrapped, as [`reader_details`] takes them) and a rule.
pub fn reader_text(area: Rect, wanted: usize) -> Rect {
    let i = inner(area);
    let top = reader_details(area, wanted) + 1;
    Rect { y: i.y.saturating_add(top), height: i.height.saturating_sub(top), ..i }
}

/// Whether the cell at (`column`, `row`) is inside `rect` (mouse hit tests).
pub fn contains(rect: Rect, column: u16, row: u16) -> bool {
    rect.contains(ratatui::layout::Position { x: column, y: row })
}

/// How far a page key moves in a pane whose inside is `height` lines: a line of the last
/// page stays in view.
pub fn page(height: u16) -> isize {
    isize::from(height.saturating_sub(1).max(1) as i16)
}
