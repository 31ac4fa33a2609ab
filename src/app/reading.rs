//! The source reader and side by side: opening them, scrolling them, swapping sources, and
//! copying the passage in view with its citation.

use super::update::Effect;
use super::update::page;
use super::{App, Reader, Screen, SideBySide};
use crate::input::action::Action;
use crate::layout;

pub(super) fn reader_size(app: &App) -> (u16, u16) {
    let text = layout::reader_text(layout::Frame::new(app.area()).body);
    (text.width, text.height)
}

pub(super) fn side_size(app: &App) -> (u16, u16) {
    let text = layout::reader_text(layout::columns(layout::Frame::new(app.area()).body)[0]);
    (text.width, text.height)
}

pub(super) fn open_reader(app: &mut App) {
    let Some(quote) = app.selected_event().and_then(|e| e.quotes.get(app.quote)).cloned() else {
        app.message = Some("no quote selected".into());
        return;
    };
    let (w, h) = reader_size(app);
    app.reader = Reader::open(&app.dataset, quote.source, Some(quote.range), w, h);
    app.screens.push(Screen::Reader);
}

pub(super) fn open_side_by_side(app: &mut App) {
    if app.dataset.sources.is_empty() {
        app.message = Some("this dataset has no sources".into());
        return;
    }
    let event = app.selected_event();
    let (a, b) = super::reader::default_pair(&app.dataset, app.timeline.selected_event());
    let (w, h) = side_size(app);
    let ra = super::reader::quote_range(event, a);
    let rb = super::reader::quote_range(event, b);
    if event.is_some() && rb.is_none() {
        app.message =
            Some(format!("one source is quoted here · {} shows another", app.keymap.hint(Action::NextSource)));
    }
    let columns = [Reader::open(&app.dataset, a, ra, w, h), Reader::open(&app.dataset, b, rb, w, h)];
    app.side = SideBySide { columns, focus: 0, title: None };
    if app.screen() != Screen::SideBySide {
        app.screens.push(Screen::SideBySide);
    }
}

/// Scroll steps shared by the reader and each side-by-side column.
pub(super) fn scroll_reader(app: &App, reader: &mut Reader, action: Action, (w, h): (u16, u16)) -> bool {
    let d = &app.dataset;
    match action {
        Action::Down => reader.scroll_by(d, 1, w, h),
        Action::Up => reader.scroll_by(d, -1, w, h),
        Action::PageDown => reader.scroll_by(d, page(h), w, h),
        Action::PageUp => reader.scroll_by(d, -page(h), w, h),
        Action::Top => reader.scroll = 0,
        Action::Bottom => reader.scroll_to_end(d, w, h),
        _ => return false,
    }
    true
}

pub(super) fn reader_action(app: &mut App, action: Action) {
    let mut reader = app.reader.clone();
    if scroll_reader(app, &mut reader, action, reader_size(app)) {
        app.reader = reader;
        return;
    }
    match action {
        Action::Back => {
            app.screens.pop();
        }
        Action::SideBySide => open_side_by_side(app),
        _ => {}
    }
}

pub(super) fn side_action(app: &mut App, action: Action) {
    let focus = app.side.focus;
    let mut column = app.side.columns[focus].clone();
    let size = side_size(app);
    if scroll_reader(app, &mut column, action, size) {
        app.side.columns[focus] = column;
        return;
    }
    match action {
        Action::FocusNext | Action::FocusPrev => app.side.focus = 1 - focus,
        Action::FocusLeft => app.side.focus = 0,
        Action::FocusRight => app.side.focus = 1,
        Action::PrevSource | Action::NextSource => {
            let n = app.dataset.sources.len();
            let other = app.side.columns[1 - focus].source;
            let step = |s: usize| if action == Action::NextSource { (s + 1) % n } else { (s + n - 1) % n };
            let mut source = step(column.source);
            // The other column's source is skipped: the same article twice compares nothing.
            if source == other && n > 2 {
                source = step(source);
            }
            let highlight = super::reader::quote_range(app.selected_event(), source);
            let side = if focus == 0 { "left" } else { "right" };
            let title = &app.dataset.sources[source].title;
            app.message = Some(match highlight {
                Some(_) => format!("{side} column: {title}, at its quote"),
                None => format!("{side} column: {title} (no quote of this event: from the top)"),
            });
            app.side.columns[focus] = Reader::open(&app.dataset, source, highlight, size.0, size.1);
        }
        Action::Open => {
            let (w, h) = reader_size(app);
            app.reader = Reader::open(&app.dataset, column.source, column.highlight.clone(), w, h);
            app.screens.push(Screen::Reader);
        }
        Action::Back => {
            app.screens.pop();
        }
        _ => {}
    }
}

/// The quote in view (the selected quote, the reader's passage, the focused column's) with
/// its citation, as an effect for the terminal to put on the clipboard.
pub(super) fn copy_citation(app: &mut App) -> Option<Effect> {
    let d = &app.dataset;
    let (source, text) = match app.screen() {
        Screen::Main => match app.selected_event().and_then(|e| e.quotes.get(app.quote)) {
            Some(q) => (q.source, d.quote_text(q).into_owned()),
            None => {
                app.message = Some("this event has no quote to copy".into());
                return None;
            }
        },
        Screen::Reader | Screen::SideBySide => {
            let reader = if app.screen() == Screen::Reader { &app.reader } else { &app.side.columns[app.side.focus] };
            match &reader.highlight {
                Some(range) => (reader.source, d.sources[reader.source].text[range.clone()].to_string()),
                None => {
                    app.message = Some("no quoted passage here to copy".into());
                    return None;
                }
            }
        }
        Screen::Compare => match app.claims().get(app.claim) {
            Some(&(f, c)) => {
                let quote = &d.facts[f].claims[c].quote;
                (quote.source, d.quote_text(quote).into_owned())
            }
            None => return None,
        },
        Screen::Chart => return None,
    };
    let citation = crate::model::compare::citation(&d.sources[source], &text);
    app.message =
        Some(format!("copied the quote and its citation ({} characters) via OSC 52", citation.chars().count()));
    Some(Effect::CopyToClipboard(citation))
}

/// Re-wraps the reader and both side-by-side columns for the current terminal size.
pub(super) fn rewrap_readers(app: &mut App) {
    let (reader_width, _) = reader_size(app);
    let (side_width, _) = side_size(app);
    app.reader.rewrap(&app.dataset, reader_width);
    for column in &mut app.side.columns {
        column.rewrap(&app.dataset, side_width);
    }
}
