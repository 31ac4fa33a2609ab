//! `update`: the one place state changes, from keys, mouse, resizes and actions.
//! It does no I/O; what needs the terminal is returned as an `Effect`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::{App, Focus, Overlay, Picker, PickerKind, Reader, Screen, SideBySide};
use crate::action::Action;
use crate::keymap::Key;
use crate::ui::layout::{self, inner};

/// What reaches `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    Action(Action),
}

/// What the caller must do in the terminal after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    SetMouseCapture(bool),
    /// Put this text on the system clipboard (OSC 52).
    CopyToClipboard(String),
    /// Read the dataset file again.
    Reload,
}

/// Applies one input to the state.
pub fn update(app: &mut App, input: Input) -> Option<Effect> {
    match input {
        Input::Resize(w, h) => {
            app.size = (w, h);
            app.scroll_timeline();
            None
        }
        Input::Key(key) => {
            if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
                app.should_quit = true;
                return None;
            }
            app.message = None;
            if let Some(Overlay::Picker(_)) = app.overlay {
                picker_key(app, key);
                return None;
            }
            if app.search.editing {
                search_key(app, key);
                return None;
            }
            match app.keymap.action(Key::from_event(key)) {
                Some(action) => apply(app, action),
                None => None,
            }
        }
        Input::Mouse(mouse) => {
            mouse_event(app, mouse);
            None
        }
        Input::Action(action) => apply(app, action),
    }
}

/// Applies an action on whatever screen or overlay is showing.
pub fn apply(app: &mut App, action: Action) -> Option<Effect> {
    match action {
        Action::Quit => app.should_quit = true,
        Action::ToggleMouse => {
            app.mouse_capture = !app.mouse_capture;
            app.message = Some(if app.mouse_capture {
                "mouse capture on: wheel and clicks go to annals".to_string()
            } else {
                "mouse capture off: select text with the mouse".to_string()
            });
            return Some(Effect::SetMouseCapture(app.mouse_capture));
        }
        Action::Help if matches!(app.overlay, Some(Overlay::Help { .. })) => app.overlay = None,
        Action::Help => app.overlay = Some(Overlay::Help { scroll: 0 }),
        _ if matches!(app.overlay, Some(Overlay::Help { .. } | Overlay::Problems { .. })) => help_action(app, action),
        _ if matches!(app.overlay, Some(Overlay::Picker(_))) => picker_action(app, action),
        Action::Search => {
            app.search.editing = true;
            app.overlay = None;
        }
        Action::CopyCitation => return copy_citation(app),
        Action::Reload => {
            if app.source_path.is_some() {
                return Some(Effect::Reload);
            }
            app.message = Some("the bundled dataset is built in: nothing to reload".into());
        }
        Action::NextMatch | Action::PrevMatch => goto_match(app, action == Action::NextMatch),
        Action::Back if app.search.is_active() && app.screen() == Screen::Main => {
            app.search = super::Search::default();
            app.refilter();
            app.message = Some("search cleared".into());
        }
        Action::Compare | Action::Chart => {
            let screen = if action == Action::Compare { Screen::Compare } else { Screen::Chart };
            if app.screen() == screen {
                app.screens.pop();
            } else {
                app.screens.truncate(1);
                app.screens.push(screen);
            }
        }
        _ => match app.screen() {
            Screen::Main => main_action(app, action),
            Screen::Reader => reader_action(app, action),
            Screen::SideBySide => side_action(app, action),
            Screen::Compare => compare_action(app, action),
            Screen::Chart => chart_action(app, action),
        },
    }
    None
}

/// Scrolling and closing the help or the problems list.
fn help_action(app: &mut App, action: Action) {
    let max = crate::ui::help::max_scroll(app);
    let (Some(Overlay::Help { scroll }) | Some(Overlay::Problems { scroll, .. })) = &mut app.overlay else { return };
    match action {
        Action::Down => *scroll = scroll.saturating_add(1),
        Action::Up => *scroll = scroll.saturating_sub(1),
        Action::Top => *scroll = 0,
        Action::Bottom => *scroll = usize::MAX / 2,
        Action::PageDown => *scroll += 10,
        Action::PageUp => *scroll = scroll.saturating_sub(10),
        Action::Back | Action::Open => app.overlay = None,
        _ => {}
    }
    if let Some(Overlay::Help { scroll } | Overlay::Problems { scroll, .. }) = &mut app.overlay {
        *scroll = (*scroll).min(max);
    }
}

fn page(height: u16) -> isize {
    isize::from(height.saturating_sub(1).max(1) as i16)
}

fn main_action(app: &mut App, action: Action) {
    let layout = app.main_layout();
    match action {
        Action::Down | Action::Up | Action::Top | Action::Bottom | Action::PageDown | Action::PageUp => {
            let pane = match app.focus {
                Focus::Timeline => layout.timeline,
                Focus::Detail => layout.detail,
                Focus::Quotes => layout.quotes,
            };
            let step = match action {
                Action::Down => 1,
                Action::Up => -1,
                Action::PageDown => page(inner(pane).height),
                Action::PageUp => -page(inner(pane).height),
                Action::Top => isize::MIN / 2,
                _ => isize::MAX / 2,
            };
            move_in_focus(app, step);
        }
        Action::FocusNext | Action::FocusPrev => {
            let i = Focus::ORDER.iter().position(|f| *f == app.focus).unwrap_or(0);
            let n = Focus::ORDER.len();
            let next = if action == Action::FocusNext { (i + 1) % n } else { (i + n - 1) % n };
            app.focus = Focus::ORDER[next];
        }
        Action::FocusLeft => app.focus = Focus::Timeline,
        Action::FocusRight if app.focus == Focus::Timeline => app.focus = Focus::Detail,
        Action::Open => match app.focus {
            Focus::Timeline | Focus::Detail if app.selected_event().is_some_and(|e| !e.quotes.is_empty()) => {
                app.focus = Focus::Quotes;
            }
            Focus::Quotes => open_reader(app),
            _ => {}
        },
        Action::Back => app.focus = Focus::Timeline,
        Action::FilterYear => app.overlay = Some(Overlay::Picker(Picker::years(&app.dataset, app.filter.year))),
        Action::FilterTheme => app.overlay = Some(Overlay::Picker(Picker::themes(&app.dataset, &app.filter.themes))),
        Action::ClearFilters => {
            if app.filter.is_empty() {
                app.message = Some("no filter to clear".into());
            } else {
                app.filter = super::Filter::default();
                app.refilter();
                app.message = Some("filters cleared".into());
            }
        }
        Action::SideBySide => open_side_by_side(app),
        _ => {}
    }
}

/// Moves within the focused pane of the main screen (huge steps jump to an end).
fn move_in_focus(app: &mut App, step: isize) {
    match app.focus {
        Focus::Timeline => {
            let before = app.timeline.selected;
            app.timeline.move_by(step);
            if app.timeline.selected != before {
                app.selection_changed();
            }
            app.scroll_timeline();
        }
        Focus::Detail => app.detail_scroll = app.detail_scroll.saturating_add_signed(step).min(10_000),
        Focus::Quotes => {
            let n = app.selected_event().map_or(0, |e| e.quotes.len());
            app.quote = app.quote.saturating_add_signed(step).min(n.saturating_sub(1));
        }
    }
}

fn reader_size(app: &App) -> (u16, u16) {
    let text = layout::reader_text(layout::Frame::new(app.area()).body);
    (text.width, text.height)
}

fn side_size(app: &App) -> (u16, u16) {
    let text = layout::reader_text(layout::columns(layout::Frame::new(app.area()).body)[0]);
    (text.width, text.height)
}

fn open_reader(app: &mut App) {
    let Some(quote) = app.selected_event().and_then(|e| e.quotes.get(app.quote)).cloned() else {
        app.message = Some("no quote selected".into());
        return;
    };
    let (w, h) = reader_size(app);
    app.reader = Reader::open(&app.dataset, quote.source, Some(quote.range), w, h);
    app.screens.push(Screen::Reader);
}

fn open_side_by_side(app: &mut App) {
    if app.dataset.sources.is_empty() {
        app.message = Some("this dataset has no sources".into());
        return;
    }
    let event = app.selected_event();
    let (a, b) = super::reader::default_pair(&app.dataset, event);
    let (w, h) = side_size(app);
    let ra = super::reader::quote_range(event, a);
    let rb = super::reader::quote_range(event, b);
    if event.is_some() && rb.is_none() {
        app.message =
            Some(format!("this event quotes one source; {} picks another", app.keymap.hint(Action::NextSource)));
    }
    let columns = [Reader::open(&app.dataset, a, ra, w, h), Reader::open(&app.dataset, b, rb, w, h)];
    app.side = SideBySide { columns, focus: 0, title: None };
    if app.screen() != Screen::SideBySide {
        app.screens.push(Screen::SideBySide);
    }
}

/// Scroll steps shared by the reader and each side-by-side column.
fn scroll_reader(app: &App, reader: &mut Reader, action: Action, (w, h): (u16, u16)) -> bool {
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

fn reader_action(app: &mut App, action: Action) {
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

fn side_action(app: &mut App, action: Action) {
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

/// Keys in a picker: digits, space and backspace edit it; the rest goes through the keymap.
fn chart_action(app: &mut App, action: Action) {
    match action {
        Action::Down => app.chart_scroll += 1,
        Action::Up => app.chart_scroll = app.chart_scroll.saturating_sub(1),
        Action::PageDown => app.chart_scroll += 10,
        Action::PageUp => app.chart_scroll = app.chart_scroll.saturating_sub(10),
        Action::Top => app.chart_scroll = 0,
        Action::Back => {
            app.screens.pop();
        }
        _ => {}
    }
    let height = usize::from(layout::Frame::new(app.area()).body.height.saturating_sub(2));
    let total = crate::ui::chart_lines(app, usize::from(app.size.0.saturating_sub(2)));
    app.chart_scroll = app.chart_scroll.min(total.saturating_sub(height));
}

fn compare_action(app: &mut App, action: Action) {
    let claims = app.claims();
    let last = claims.len().saturating_sub(1);
    match action {
        Action::Down => app.claim = (app.claim + 1).min(last),
        Action::Up => app.claim = app.claim.saturating_sub(1),
        Action::PageDown => app.claim = (app.claim + 5).min(last),
        Action::PageUp => app.claim = app.claim.saturating_sub(5),
        Action::Top => app.claim = 0,
        Action::Bottom => app.claim = last,
        Action::Back => {
            app.screens.pop();
        }
        Action::Open | Action::SideBySide => open_claims_side_by_side(app),
        _ => {}
    }
}

/// Side by side on the selected claim and another claim of the same fact (the next one from
/// another source if there is one), each at its quote.
fn open_claims_side_by_side(app: &mut App) {
    let Some(&(f, c)) = app.claims().get(app.claim) else {
        app.message = Some("this dataset has no facts to compare".into());
        return;
    };
    let fact = &app.dataset.facts[f];
    let this = &fact.claims[c];
    let n = fact.claims.len();
    let others = (1..n).map(|k| &fact.claims[(c + k) % n]);
    let other =
        others.clone().find(|o| o.quote.source != this.quote.source).or_else(|| others.clone().next()).unwrap_or(this);
    let (w, h) = side_size(app);
    let column = |claim: &crate::model::Claim| {
        Reader::open(&app.dataset, claim.quote.source, Some(claim.quote.range.clone()), w, h)
    };
    app.side = SideBySide { columns: [column(this), column(other)], focus: 0, title: Some(fact.label.clone()) };
    app.screens.push(Screen::SideBySide);
}

fn picker_key(app: &mut App, key: KeyEvent) {
    let Some(Overlay::Picker(picker)) = &mut app.overlay else { return };
    match key.code {
        KeyCode::Char(' ') => picker.toggle(),
        KeyCode::Backspace => picker.backspace(),
        KeyCode::Char(c) if c.is_ascii_digit() => picker.type_char(c),
        KeyCode::Enter => picker_action(app, Action::Open),
        KeyCode::Esc => picker_action(app, Action::Back),
        _ => {
            if let Some(action) = app.keymap.action(Key::from_event(key)) {
                picker_action(app, action);
            }
        }
    }
}

fn picker_action(app: &mut App, action: Action) {
    let Some(Overlay::Picker(picker)) = &mut app.overlay else { return };
    match action {
        Action::Down => picker.move_by(1),
        Action::Up => picker.move_by(-1),
        Action::PageDown => picker.move_by(10),
        Action::PageUp => picker.move_by(-10),
        Action::Top => picker.jump(false),
        Action::Bottom => picker.jump(true),
        Action::Back | Action::Quit => app.overlay = None,
        Action::Open => {
            match picker.kind {
                PickerKind::Year => match picker.chosen_year() {
                    Ok(year) => app.filter.year = year,
                    Err(message) => {
                        app.message = Some(message);
                        return;
                    }
                },
                PickerKind::Themes => app.filter.themes = picker.chosen_themes(),
            }
            app.overlay = None;
            app.refilter();
        }
        _ => {}
    }
}

/// The quote in view (the selected quote, the reader's passage, the focused column's) with
/// its citation, as an effect for the terminal to put on the clipboard.
fn copy_citation(app: &mut App) -> Option<Effect> {
    let d = &app.dataset;
    let (source, text) = match app.screen() {
        Screen::Main => match app.selected_event().and_then(|e| e.quotes.get(app.quote)) {
            Some(q) => (q.source, q.text.clone()),
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
                (quote.source, quote.text.clone())
            }
            None => return None,
        },
        Screen::Chart => return None,
    };
    let citation = crate::compare::citation(&d.sources[source], &text);
    app.message =
        Some(format!("copied the quote and its citation ({} characters) via OSC 52", citation.chars().count()));
    Some(Effect::CopyToClipboard(citation))
}

/// Keys while the search line is open: they edit the query, and results follow every key.
fn search_key(app: &mut App, key: KeyEvent) {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Enter => {
            app.search.editing = false;
            if app.search.is_active() && app.search.current.is_none() {
                goto_match(app, true);
            }
            return;
        }
        KeyCode::Esc => {
            app.search = super::Search::default();
        }
        KeyCode::Backspace => {
            app.search.query.pop();
            app.search.run(&app.search_index);
        }
        KeyCode::Char('u') if ctrl => {
            app.search.query.clear();
            app.search.run(&app.search_index);
        }
        KeyCode::Char(c) if !ctrl => {
            app.search.query.push(c);
            app.search.run(&app.search_index);
        }
        _ => return,
    }
    app.refilter();
}

/// Jumps to the next or previous search match: an event field selects the event (and the
/// quote), a source text opens the reader there.
fn goto_match(app: &mut App, forward: bool) {
    if !app.search.is_active() {
        app.message = Some(format!("no search: {} starts one", app.keymap.hint(Action::Search)));
        return;
    }
    let before = app.search.current;
    let Some(hit) = app.search.step(forward).map(|i| app.search.results.hits[i].clone()) else {
        app.message = Some(app.search.status());
        return;
    };
    let last = app.search.navigable.len().saturating_sub(1);
    match (before, app.search.current) {
        (Some(b), Some(0)) if forward && b == last && last > 0 => {
            app.message = Some(format!("search wrapped to the first match · {}", app.search.status()));
        }
        (Some(0), Some(c)) if !forward && c == last && last > 0 => {
            app.message = Some(format!("search wrapped to the last match · {}", app.search.status()));
        }
        _ => {}
    }
    match hit.location {
        crate::search::Location::Event { event, field } => {
            app.screens.truncate(1);
            let before = app.timeline.selected_event();
            app.timeline.select_event(event);
            if app.timeline.selected_event() != before {
                app.selection_changed();
            }
            app.scroll_timeline();
            app.focus = match field {
                crate::search::Field::Title => Focus::Timeline,
                crate::search::Field::Quote(q) => {
                    app.quote = q;
                    Focus::Quotes
                }
                _ => Focus::Detail,
            };
        }
        crate::search::Location::Source { source } => {
            let (w, h) = reader_size(app);
            let quote = super::reader::quote_range(app.selected_event(), source);
            app.reader = Reader::open_at(&app.dataset, source, quote, hit.range, w, h);
            if app.screen() != Screen::Reader {
                app.screens.truncate(1);
                app.screens.push(Screen::Reader);
            }
        }
    }
}

fn contains(rect: Rect, column: u16, row: u16) -> bool {
    rect.contains(Position { x: column, y: row })
}

fn mouse_event(app: &mut App, mouse: MouseEvent) {
    if app.overlay.is_some() {
        return;
    }
    let (x, y) = (mouse.column, mouse.row);
    let wheel = match mouse.kind {
        MouseEventKind::ScrollDown => Some(Action::Down),
        MouseEventKind::ScrollUp => Some(Action::Up),
        _ => None,
    };
    let click = matches!(mouse.kind, MouseEventKind::Down(MouseButton::Left));
    match app.screen() {
        Screen::Main => {
            let layout = app.main_layout();
            let pane =
                [(layout.timeline, Focus::Timeline), (layout.detail, Focus::Detail), (layout.quotes, Focus::Quotes)]
                    .into_iter()
                    .find(|(rect, _)| contains(*rect, x, y));
            let Some((rect, focus)) = pane else { return };
            if let Some(action) = wheel {
                let saved = app.focus;
                app.focus = focus;
                for _ in 0..if focus == Focus::Quotes { 1 } else { 3 } {
                    main_action(app, action);
                }
                app.focus = saved;
            } else if click {
                app.focus = focus;
                let inside = inner(rect);
                if !contains(inside, x, y) {
                    return;
                }
                let line = usize::from(y - inside.y);
                match focus {
                    Focus::Timeline => {
                        if let Some(super::Row::Event(event)) = app.timeline.rows.get(app.timeline.offset + line) {
                            let before = app.timeline.selected_event();
                            app.timeline.select_event(*event);
                            if app.timeline.selected_event() != before {
                                app.selection_changed();
                            }
                            app.scroll_timeline();
                        }
                    }
                    Focus::Quotes => {
                        if let Some(q) = crate::ui::quotes::quote_at(app, inside, line) {
                            app.quote = q;
                        }
                    }
                    Focus::Detail => {}
                }
            }
        }
        Screen::Reader => {
            if let Some(action) = wheel {
                for _ in 0..3 {
                    reader_action(app, action);
                }
            }
        }
        Screen::Compare => {
            if let Some(action) = wheel {
                compare_action(app, action);
            }
        }
        Screen::Chart => {
            if let Some(action) = wheel {
                chart_action(app, action);
            }
        }
        Screen::SideBySide => {
            let columns = layout::columns(layout::Frame::new(app.area()).body);
            let Some(col) = columns.iter().position(|r| contains(*r, x, y)) else { return };
            if click {
                app.side.focus = col;
            }
            if let Some(action) = wheel {
                let saved = app.side.focus;
                app.side.focus = col;
                for _ in 0..3 {
                    side_action(app, action);
                }
                app.side.focus = saved;
            }
        }
    }
}
