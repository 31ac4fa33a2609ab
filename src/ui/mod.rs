//! Drawing: one widget per file, each drawing from the state only.

mod chart;
mod compare;
mod detail;
mod header;
pub mod help;
pub mod loading;
mod matches;
mod picker;
pub mod quotes;
mod reader;
pub mod ruler;
mod side_by_side;
mod status;
pub mod style;
mod timeline;

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{App, Overlay, Screen};
use crate::layout;

pub use timeline::badge;

/// How many lines the chart takes at `width` (for scrolling).
pub fn chart_lines(app: &App, width: usize) -> usize {
    chart::rows(app, width).len()
}

/// Search matches to highlight at one place, shifted by `offset` bytes (for text drawn
/// after a prefix such as an opening quote mark); the hit last jumped to stands out.
pub(crate) fn search_marks(
    app: &App,
    location: crate::search::Location,
    offset: usize,
) -> Vec<(std::ops::Range<usize>, ratatui::style::Style)> {
    if !app.search.is_active() || !app.search.results.may_match(location) {
        return Vec::new();
    }
    let current = app.search.current.as_ref().map(|c| &c.hit).filter(|hit| hit.location == location);
    let text = crate::search::text_at(&app.dataset, location);
    let ranges = app.search_index.ranges(&app.search.results.query, location, &text);
    ranges
        .into_iter()
        .map(|r| {
            let is_current = current.is_some_and(|h| h.range == r);
            let style = if is_current { style::current_match() } else { style::search_highlight() };
            (r.start + offset..r.end + offset, style)
        })
        .collect()
}

/// Draws the whole screen for the current state.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if layout::too_small(area) {
        let text = format!(
            "annals needs at least {}x{}; this terminal is {}x{}. Enlarge it, or press q to quit.",
            layout::MIN_WIDTH,
            layout::MIN_HEIGHT,
            area.width,
            area.height
        );
        frame.render_widget(Paragraph::new(Line::from(text)).wrap(Wrap { trim: true }), area);
        return;
    }
    match app.screen() {
        Screen::Main => {
            let l = layout::MainLayout::new(area, app.layout);
            header::draw(frame, l.frame.header, app, "");
            ruler::draw(frame, l.ruler, app);
            timeline::draw(frame, l.timeline, app);
            detail::draw(frame, l.detail, app);
            quotes::draw(frame, l.quotes, app);
            status::draw(frame, l.frame.status, app);
        }
        Screen::Reader => {
            let f = layout::Frame::new(area);
            header::draw(frame, f.header, app, "source reader");
            reader::draw(frame, f.body, app, &app.reader, true);
            status::draw(frame, f.status, app);
        }
        Screen::SideBySide => {
            let f = layout::Frame::new(area);
            let subtitle = match (&app.side.title, app.selected_event()) {
                (Some(title), _) => format!("side by side · {title}"),
                (None, Some(event)) => format!("side by side · {} {}", event.date, event.title),
                (None, None) => "side by side".to_string(),
            };
            header::draw(frame, f.header, app, &crate::text::wrap::truncate(&subtitle, usize::from(area.width / 2)));
            side_by_side::draw(frame, f.body, app);
            status::draw(frame, f.status, app);
        }
        Screen::Compare | Screen::Chart => {}
    }
    if matches!(app.screen(), Screen::Compare | Screen::Chart) {
        let f = layout::Frame::new(area);
        let subtitle =
            if app.screen() == Screen::Compare { "where the sources disagree" } else { "investment figures" };
        header::draw(frame, f.header, app, subtitle);
        if app.screen() == Screen::Compare {
            compare::draw(frame, f.body, app);
        } else {
            chart::draw(frame, f.body, app);
        }
        status::draw(frame, f.status, app);
    }
    // Boxes over the screen leave its header and status lines in view.
    let over = layout::Frame::new(area).body;
    match &app.overlay {
        Some(Overlay::Help { scroll }) => help::draw(frame, over, app, *scroll),
        Some(Overlay::Picker(picker)) => picker::draw(frame, over, picker),
        Some(Overlay::Matches { cursor, groups }) => matches::draw(frame, over, app, groups, *cursor),
        Some(Overlay::Problems { title, lines, scroll }) => help::draw_problems(frame, over, title, lines, *scroll),
        None => {}
    }
    app.palette.apply(frame.buffer_mut());
}
