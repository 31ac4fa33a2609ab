//! Draws the main screen's panes from the state; reads, never changes.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{Focus, MainState};
use crate::layout::MainLayout;
use crate::state::State;

/// The ruler and the panes the width allows, inside the frame of `area` (the whole terminal).
pub fn draw(frame: &mut Frame, area: Rect, main: &MainState, state: &State) {
    let l = MainLayout::new(area, state.layout);
    let on_timeline = main.focus == Focus::Timeline;
    if l.ruler.height > 0 {
        super::ruler::draw(frame, l.ruler, state);
    }
    if l.shows_timeline(on_timeline) {
        super::timeline::draw(frame, l.timeline, main, state);
    }
    if l.shows_event(on_timeline) {
        super::detail::draw(frame, l.detail, main, state);
        super::quotes::draw(frame, l.quotes, main, state);
    }
    if l.article.width > 0 {
        article(frame, l.article, main, state);
    }
}

/// The selected quote in its article (wide terminals): the reader, read-only, at the quote.
fn article(frame: &mut Frame, area: Rect, main: &MainState, state: &State) {
    let quote = state.selected_event().and_then(|e| e.quotes.get(main.quote));
    let Some(quote) = quote else {
        let block = crate::ui::style::pane(" Article ", area.width, false);
        let inner = crate::layout::inner(area);
        frame.render_widget(block, area);
        let text = if state.selected_event().is_some() { "No quote: this event is unsourced." } else { "" };
        frame.render_widget(ratatui::widgets::Paragraph::new(text).style(crate::ui::style::dim()), inner);
        return;
    };
    let text = crate::screen::reader::text_area(state, area, &[quote.source]);
    let reader = crate::screen::Reader::open(&state.dataset, quote.source, quote.body_range(), text.width, text.height);
    crate::screen::reader::view::draw(frame, area, state, &reader, false, &[quote.source]);
}
