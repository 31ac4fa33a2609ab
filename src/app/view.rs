//! Drawing the whole screen from the app: the header, the screen that shows, the status line,
//! the box over them if one is open, then the palette. Reads the state, never changes it.

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::App;
use crate::layout;
use crate::state::Overlay;
use crate::ui::{header, help, matches, picker, status};

/// Draws the whole screen for the current state.
/// The URLs of the sources that the screen on top may show (the reader's source, both
/// columns side by side, the selected event's quoted sources), for the terminal to link.
pub fn shown_urls(app: &App) -> Vec<String> {
    use crate::screen::Screen;
    let d = &app.state.dataset;
    let sources: Vec<usize> = match app.screens.last() {
        Some(Screen::Reader(reader)) => vec![reader.source],
        Some(Screen::SideBySide(side)) => side.columns.iter().map(|c| c.source).collect(),
        Some(Screen::Main(_)) => {
            app.state.selected_event().map(|e| e.quotes.iter().map(|q| q.source).collect()).unwrap_or_default()
        }
        _ => Vec::new(),
    };
    let mut urls: Vec<String> = Vec::new();
    for s in sources {
        for url in [&d.sources[s].url, &d.sources[s].archive_url].into_iter().flatten() {
            if !urls.contains(url) {
                urls.push(url.clone());
            }
        }
    }
    urls
}

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
    let state = &app.state;
    let f = layout::Frame::new(area);
    if let Some(screen) = app.screens.last() {
        header::draw(frame, f.header, state, &screen.subtitle(state));
        screen.draw(frame, state);
        status::draw(frame, f.status, state, &screen.hints(state));
    }
    // Boxes over the screen leave its header and status lines in view.
    let over = f.body;
    match &state.overlay {
        Some(Overlay::Help { scroll }) => help::draw(frame, over, state, *scroll),
        Some(Overlay::Picker(p)) => picker::draw(frame, over, p),
        Some(Overlay::Matches { cursor, groups }) => matches::draw(frame, over, state, groups, *cursor),
        Some(Overlay::Problems { title, lines, scroll }) => help::draw_problems(frame, over, title, lines, *scroll),
        Some(Overlay::Export(prompt)) => crate::ui::export_box::draw(frame, over, state, prompt),
        None => {}
    }
    state.palette.apply(frame.buffer_mut());
}
