//! `update`: the one place state changes, from keys, mouse, resizes, actions and what the
//! background threads send back. It does no I/O; what needs the terminal or a thread is
//! returned as an `Effect`. Actions that mean the same on every screen are handled here; the
//! rest go to the box over the screen, if one is open, or to the screen that shows.

use crossterm::event::{KeyCode, KeyModifiers};

use super::App;
use super::effect::{Effect, Input};
use super::overlays::{export_key, help_action, match_list_action, picker_action, picker_key};
use super::search::{goto_match, index_ready, open_match_list, rerun, search_done, search_key};
use crate::input::{Action, Key};
use crate::screen::{ChartState, CompareState, Nav, Screen, ScreenKind};
use crate::state::Overlay;

/// Applies one input to the state.
pub fn update(app: &mut App, input: Input) -> Option<Effect> {
    let effect = apply_input(app, input);
    let App { state, screens, .. } = app;
    for screen in screens.iter_mut() {
        screen.follow(state);
    }
    app.state.section = app.screen().section();
    effect
}

fn apply_input(app: &mut App, input: Input) -> Option<Effect> {
    match input {
        Input::Resize(w, h) => {
            app.state.size = (w, h);
            app.scroll_timeline();
            let App { state, screens, .. } = app;
            for screen in screens.iter_mut() {
                screen.resized(state);
            }
            None
        }
        Input::Key(key) => {
            if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
                app.state.should_quit = true;
                return None;
            }
            if crate::layout::too_small(app.state.area()) {
                // The screen only says to enlarge the terminal or quit: no other key acts
                // unseen (a capture would write files).
                let action = app.state.keymap.action(app.screen().section(), Key::from_event(key));
                return match action {
                    Some(action @ (Action::Quit | Action::Suspend)) => apply(app, action),
                    _ => None,
                };
            }
            if app.holding_keys() {
                app.held.push(key);
                return None;
            }
            app.state.message = None;
            if let Some(Overlay::Picker(_)) = app.state.overlay {
                picker_key(app, key);
                return None;
            }
            if let Some(Overlay::Export(_)) = app.state.overlay {
                return export_key(app, key);
            }
            if app.state.search.editing {
                return search_key(app, key);
            }
            let key = Key::from_event(key);
            match app.state.keymap.action(app.screen().section(), key) {
                Some(action) => apply(app, action),
                None => {
                    unknown_key(app, key);
                    None
                }
            }
        }
        Input::Mouse(mouse) => {
            if app.state.overlay.is_none() && !crate::layout::too_small(app.state.area()) {
                let App { state, screens, .. } = app;
                if let Some(screen) = screens.last_mut() {
                    let nav = screen.mouse(state, mouse);
                    navigate(app, nav);
                }
            }
            None
        }
        Input::Action(action) => apply(app, action),
        Input::Resumed => {
            app.screens.iter_mut().for_each(Screen::end_drags);
            None
        }
        Input::Tick => match app.screens.last().and_then(Screen::held_drag) {
            Some(mouse) if app.state.mouse_capture => apply_input(app, Input::Mouse(mouse)),
            _ => None,
        },
        Input::SearchDone { generation, results } => {
            search_done(app, generation, *results);
            None
        }
        Input::Indexed { generation, index } => index_ready(app, generation, index.0),
        Input::ReloadStarted => {
            app.state.reloading = true;
            None
        }
        Input::ReloadDone(result) => {
            app.state.reloading = false;
            match *result {
                Ok(reloaded) => app.swap_in(reloaded),
                Err(problems) => app.reload_failed(problems),
            }
            None
        }
    }
}

/// Applies an action on whatever screen or overlay is showing.
pub fn apply(app: &mut App, action: Action) -> Option<Effect> {
    match action {
        Action::Quit => app.state.should_quit = true,
        Action::ToggleMouse => {
            app.state.mouse_capture = !app.state.mouse_capture;
            // The button's release would not be seen with capture off.
            app.screens.iter_mut().for_each(Screen::end_drags);
            app.state.message = Some(if app.state.mouse_capture {
                "mouse capture on: wheel and clicks go to annals".to_string()
            } else {
                "mouse capture off: select text with the mouse".to_string()
            });
            return Some(Effect::SetMouseCapture(app.state.mouse_capture));
        }
        Action::Help if matches!(app.state.overlay, Some(Overlay::Help { .. })) => app.state.overlay = None,
        Action::Help => {
            app.state.help_used = true;
            app.state.overlay = Some(Overlay::Help { scroll: 0 });
        }
        _ if matches!(app.state.overlay, Some(Overlay::Help { .. } | Overlay::Problems { .. })) => {
            help_action(app, action)
        }
        _ if matches!(app.state.overlay, Some(Overlay::Picker(_))) => picker_action(app, action),
        _ if matches!(app.state.overlay, Some(Overlay::Matches { .. })) => match_list_action(app, action),
        Action::Matches => open_match_list(app),
        Action::Concordance if app.screen() == ScreenKind::Concordance => app.back(),
        Action::Concordance => match crate::screen::ConcordanceState::open(&app.state) {
            Ok(concordance) => app.screens.push(Screen::Concordance(concordance)),
            Err(message) => app.state.message = Some(message),
        },
        Action::Search => {
            app.state.overlay = None;
            app.state.search.scopes = super::search::scopes(app);
            if !app.state.search.scopes.contains(&app.state.search.scope) {
                app.state.search.scope = crate::state::Scope::All;
            }
            let selected = app.state.timeline.selected_event();
            app.state.search.begin(selected);
            return rerun(app);
        }
        Action::SourceDetails => source_details(app),
        Action::CopyCitation => return copy_citation(app),
        Action::Capture => return capture(app),
        Action::Export => {
            let stem = app.state.source_path.as_deref().and_then(|p| p.file_stem()).map(|s| s.to_string_lossy());
            let prompt = crate::state::ExportPrompt::new(stem.as_deref().unwrap_or(""));
            app.state.overlay = Some(Overlay::Export(prompt));
        }
        Action::OpenUrl => return open_url(app),
        Action::Reload => {
            if app.state.source_path.is_some() {
                return Some(Effect::Reload);
            }
            app.state.message = Some("the bundled dataset is built in: nothing to reload".into());
        }
        Action::Suspend => return Some(Effect::Suspend),
        Action::NextMatch | Action::PrevMatch => goto_match(app, action == Action::NextMatch),
        // Back on the main screen from a hit opened in the concordance: the concordance again,
        // at the same line, while the search is the one it was made for.
        Action::Back
            if app.screen() == ScreenKind::Main
                && app.back_to.as_ref().is_some_and(|(generation, _)| *generation == app.state.search.generation) =>
        {
            if let Some((_, mut screen)) = app.back_to.take() {
                // Its lines follow what changed meanwhile (a filter).
                screen.follow(&app.state);
                app.screens.push(screen);
            }
        }
        Action::Back if app.state.search.is_active() && app.screen() == ScreenKind::Main => {
            app.state.search.clear();
            app.refilter();
            app.state.message = Some("search cleared".into());
        }
        // Esc on the timeline has nothing to close: filters are cleared by their own key.
        Action::Back
            if !app.state.filter.is_empty()
                && matches!(app.screens.last(), Some(Screen::Main(m)) if m.focus == crate::screen::Focus::Timeline) =>
        {
            app.state.message = Some(format!(
                "the filters stay on · {} clears the filters",
                app.state.keymap.hint(Action::ClearFilters)
            ));
        }
        Action::Compare | Action::Chart => {
            let kind = if action == Action::Compare { ScreenKind::Compare } else { ScreenKind::Chart };
            if app.screen() == kind {
                app.back();
            } else {
                app.close_screens();
                app.screens.push(match kind {
                    ScreenKind::Compare => Screen::Compare(CompareState::default()),
                    _ => Screen::Chart(ChartState::default()),
                });
            }
        }
        _ => {
            let App { state, screens, .. } = app;
            if let Some(screen) = screens.last_mut() {
                let nav = screen.update(state, action);
                navigate(app, nav);
            }
        }
    }
    None
}

/// A key that means nothing here says so, and where the keys are listed ("e: no such key ·
/// ? help"), rather than doing nothing silently. Keys that are not typed as such (a modifier
/// alone, media keys) and characters that could not be shown say nothing.
fn unknown_key(app: &mut App, key: Key) {
    let named = match key.code {
        KeyCode::Char(c) => !crate::text::sanitize::is_unsafe(c) && !c.is_control(),
        KeyCode::Enter
        | KeyCode::Esc
        | KeyCode::Tab
        | KeyCode::BackTab
        | KeyCode::Up
        | KeyCode::Down
        | KeyCode::Left
        | KeyCode::Right
        | KeyCode::Home
        | KeyCode::End
        | KeyCode::PageUp
        | KeyCode::PageDown
        | KeyCode::Backspace
        | KeyCode::Delete
        | KeyCode::F(_) => true,
        _ => false,
    };
    if named {
        let where_ = if app.screen() == ScreenKind::Main { String::new() } else { " here".to_string() };
        app.state.message = Some(format!("{key}: no such key{where_} · {} help", app.state.keymap.hint(Action::Help)));
    }
}

/// Opens or closes a screen as the screen's update asked.
fn navigate(app: &mut App, nav: Nav) {
    match nav {
        Nav::Stay => {}
        Nav::Back => app.back(),
        Nav::Push(screen) => app.screens.push(*screen),
        Nav::Hit(hit) => {
            let concordance = app.screens.last().filter(|s| matches!(s, Screen::Concordance(_))).cloned();
            super::search::goto_hit(app, hit);
            if app.screen() == ScreenKind::Main {
                app.back_to = concordance.map(|screen| (app.state.search.generation, screen));
            }
        }
    }
}

/// The details and notes of the source in the reader (or the focused column side by side)
/// in full, in a box: the panes show as many lines of them as they can spare.
fn source_details(app: &mut App) {
    let quoted;
    let reader = match app.screens.last() {
        Some(Screen::Reader(reader)) => reader,
        Some(Screen::SideBySide(side)) => &side.columns[side.focus.min(1)],
        // The main screen: the source of the selected quote (the wide screen's third column).
        Some(Screen::Main(main)) => {
            let Some(quote) = app.state.selected_event().and_then(|e| e.quotes.get(main.quote)) else {
                app.state.message = Some("this event has no quote, so no source".into());
                return;
            };
            quoted = crate::screen::Reader::open(&app.state.dataset, quote.source, None, 80, 24);
            &quoted
        }
        _ => return,
    };
    let source = &app.state.dataset.sources[reader.source];
    let title = format!("{} · esc closes", crate::text::wrap::truncate(&source.shown_title(), 60));
    let text = crate::screen::reader::details(&app.state, reader.source);
    let mut lines = vec![source.shown_title()];
    lines.extend(text.split(" · ").map(str::to_string));
    app.state.show_problems(title, lines);
}

/// The URL of the source in the reader (or in the focused column side by side), as an effect
/// for the runtime to open; the status line says why not when there is none.
fn open_url(app: &mut App) -> Option<Effect> {
    let reader = match app.screens.last()? {
        Screen::Reader(reader) => reader,
        Screen::SideBySide(side) => &side.columns[side.focus.min(1)],
        _ => return None,
    };
    let source = &app.state.dataset.sources[reader.source];
    match &source.url {
        Some(url) => {
            app.state.message = Some(format!("opening {url}"));
            Some(Effect::OpenUrl(url.clone()))
        }
        None => {
            app.state.message = Some("this source has no URL in the dataset".into());
            None
        }
    }
}

/// The selection of the reader in view as a draft event, to keep and copy.
fn capture(app: &mut App) -> Option<Effect> {
    let reader = app.screens.last_mut()?.reader_mut()?;
    match crate::screen::reader::capture::draft(reader, &app.state.dataset) {
        Ok(draft) => {
            reader.selection = None;
            Some(Effect::Capture(draft))
        }
        Err(message) => {
            app.state.message = Some(message);
            None
        }
    }
}

/// The quote in view (the selected quote, the reader's passage, the focused column's, the
/// selected claim's) with its citation, as an effect for the terminal to put on the clipboard.
fn copy_citation(app: &mut App) -> Option<Effect> {
    let screen = app.screens.last()?;
    let (source, text) = match screen.passage(&app.state) {
        Ok(passage) => passage,
        Err(message) => {
            if message.is_some() {
                app.state.message = message;
            }
            return None;
        }
    };
    let citation = crate::cite::citation(&app.state.dataset.sources[source], &text, app.state.citation_style);
    // Which words: the quote selected, or the passage selected in the reader.
    let words = crate::text::wrap::truncate(&crate::text::sanitize::one_line(&text), 32);
    app.state.message =
        Some(format!("copied “{words}” and its citation ({} characters) via OSC 52", citation.chars().count()));
    Some(Effect::CopyToClipboard(citation))
}
