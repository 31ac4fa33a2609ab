//! The boxes over the screen: the help and the problems list (scrolled), the year and theme
//! pickers, and the list of search matches. While one is open it takes the keys.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::App;
use crate::input::{Action, Key};
use crate::state::{Overlay, PickerKind};

/// Scrolling and closing the help or the problems list.
pub(super) fn help_action(app: &mut App, action: Action) {
    let max = crate::ui::help::max_scroll(&app.state);
    let (Some(Overlay::Help { scroll }) | Some(Overlay::Problems { scroll, .. })) = &mut app.state.overlay else {
        return;
    };
    match action {
        Action::Down => *scroll = scroll.saturating_add(1),
        Action::Up => *scroll = scroll.saturating_sub(1),
        Action::Top => *scroll = 0,
        Action::Bottom => *scroll = usize::MAX / 2,
        Action::PageDown => *scroll += 10,
        Action::PageUp => *scroll = scroll.saturating_sub(10),
        Action::Back | Action::Open | Action::Help => app.state.overlay = None,
        _ => {}
    }
    if let Some(Overlay::Help { scroll } | Overlay::Problems { scroll, .. }) = &mut app.state.overlay {
        *scroll = (*scroll).min(max);
    }
}

/// Keys in a picker: digits, space and backspace edit it; the rest goes through the keymap.
pub(super) fn picker_key(app: &mut App, key: KeyEvent) {
    let Some(Overlay::Picker(picker)) = &mut app.state.overlay else { return };
    match key.code {
        KeyCode::Char(' ') => picker.toggle(),
        KeyCode::Backspace => picker.backspace(),
        KeyCode::Char(c) if c.is_ascii_digit() => picker.type_char(c),
        KeyCode::Enter => picker_action(app, Action::Open),
        KeyCode::Esc => picker_action(app, Action::Back),
        _ => {
            if let Some(action) = app.state.keymap.action(app.screen().section(), Key::from_event(key)) {
                picker_action(app, action);
            }
        }
    }
}

pub(super) fn picker_action(app: &mut App, action: Action) {
    let Some(Overlay::Picker(picker)) = &mut app.state.overlay else { return };
    match action {
        Action::Down => picker.move_by(1),
        Action::Up => picker.move_by(-1),
        Action::PageDown => picker.move_by(10),
        Action::PageUp => picker.move_by(-10),
        Action::Top => picker.jump(false),
        Action::Bottom => picker.jump(true),
        Action::Back | Action::Quit => app.state.overlay = None,
        Action::Open => {
            match picker.kind {
                PickerKind::Year => match picker.chosen_year() {
                    Ok(year) => app.state.filter.year = year,
                    Err(message) => {
                        app.state.message = Some(message);
                        return;
                    }
                },
                PickerKind::Themes => app.state.filter.themes = picker.chosen_themes(),
                PickerKind::Sources => app.state.filter.sources = picker.chosen_themes(),
                PickerKind::Language => {
                    let index = picker.chosen_value();
                    app.state.filter.language =
                        index.and_then(|i| picker.items.get(i + 1)).map(|item| item.label.clone());
                }
            }
            app.state.overlay = None;
            app.refilter();
            // What the filter left is on the timeline: the focus goes there (docs/focus.md).
            app.main_mut().focus = crate::screen::Focus::Timeline;
        }
        _ => {}
    }
}

/// Keys in the match list: move, and open the chosen source or event at its first match.
pub(super) fn match_list_action(app: &mut App, action: Action) {
    let Some(Overlay::Matches { cursor, groups }) = &mut app.state.overlay else { return };
    let last = groups.len().saturating_sub(1);
    match action {
        Action::Down => *cursor = (*cursor + 1).min(last),
        Action::Up => *cursor = cursor.saturating_sub(1),
        Action::PageDown => *cursor = (*cursor + 10).min(last),
        Action::PageUp => *cursor = cursor.saturating_sub(10),
        Action::Top => *cursor = 0,
        Action::Bottom => *cursor = last,
        Action::Back | Action::Quit | Action::Matches => app.state.overlay = None,
        Action::Open => {
            let Some(first) = groups.get(*cursor).map(|group| group.first) else { return };
            app.state.overlay = None;
            let state = &mut app.state;
            if let Some(hit) = state.search.select(&state.search_index, &state.dataset, first) {
                super::search::goto_hit(app, hit);
            }
        }
        _ => {}
    }
}

/// Keys in the export box: text edits the file name, Tab and shift-Tab change the format,
/// Enter exports, Esc closes it.
pub(super) fn export_key(app: &mut App, key: KeyEvent) -> Option<crate::app::Effect> {
    let Some(Overlay::Export(prompt)) = &mut app.state.overlay else { return None };
    match key.code {
        KeyCode::Esc => app.state.overlay = None,
        KeyCode::Tab => prompt.cycle(false),
        KeyCode::BackTab => prompt.cycle(true),
        KeyCode::Backspace => prompt.backspace(),
        // As in the search line: ctrl-u erases the name, ctrl-w its last word; no other
        // control key types its letter.
        KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => prompt.clear(),
        KeyCode::Char('w') if key.modifiers.contains(KeyModifiers::CONTROL) => prompt.erase_word(),
        KeyCode::Char(_) if key.modifiers.contains(KeyModifiers::CONTROL) => {}
        KeyCode::Char(c) => prompt.type_char(c),
        // One export at a time: the one under way says when it is done.
        KeyCode::Enter if prompt.exporting => {}
        KeyCode::Enter => match prompt.target() {
            Ok(path) => {
                let effect = crate::app::Effect::Export {
                    path: path.to_string(),
                    format: prompt.format,
                    replace: prompt.replace,
                };
                return Some(effect);
            }
            Err(message) => app.state.message = Some(message),
        },
        _ => {}
    }
    None
}
