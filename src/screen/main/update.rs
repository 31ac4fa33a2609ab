//! Keys and the mouse on the main screen: moving in the focused pane, focus, filters, and
//! opening the reader or side by side.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::{Focus, MainState};
use crate::input::Action;
use crate::layout::{contains, inner, page};
use crate::screen::{Nav, Screen};
use crate::state::{Filter, Overlay, Picker, Row, State};

pub fn action(main: &mut MainState, state: &mut State, action: Action) -> Nav {
    let layout = state.main_layout();
    match action {
        Action::Down | Action::Up | Action::Top | Action::Bottom | Action::PageDown | Action::PageUp => {
            let pane = match main.focus {
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
            move_in_focus(main, state, step);
        }
        Action::FocusNext | Action::FocusPrev => {
            let i = Focus::ORDER.iter().position(|f| *f == main.focus).unwrap_or(0);
            let n = Focus::ORDER.len();
            let next = if action == Action::FocusNext { (i + 1) % n } else { (i + n - 1) % n };
            main.focus = Focus::ORDER[next];
        }
        Action::FocusLeft => main.focus = Focus::Timeline,
        Action::FocusRight => {
            main.focus = if main.focus == Focus::Timeline { Focus::Detail } else { Focus::Quotes };
        }
        Action::Open => match main.focus {
            Focus::Timeline | Focus::Detail if state.selected_event().is_some_and(|e| !e.quotes.is_empty()) => {
                main.focus = Focus::Quotes;
            }
            Focus::Quotes => return open_reader(main, state),
            _ => {}
        },
        Action::Back => main.focus = Focus::Timeline,
        Action::FilterYear | Action::FilterTheme | Action::FilterSource | Action::FilterLanguage => {
            // Counts of what each choice would show, with the other filters and the search.
            let mut others = state.filter.clone();
            match action {
                Action::FilterYear => others.year = None,
                Action::FilterTheme => others.themes.clear(),
                Action::FilterSource => others.sources.clear(),
                _ => others.language = None,
            }
            let (d, search) = (&state.dataset, &state.search);
            let shown = |e| {
                others.accepts(d, &state.event_index, e) && (!search.is_active() || search.results.event_matches(e))
            };
            // Nothing else narrows the timeline: the counts kept with the dataset are the answer.
            let everything = others.is_empty() && !search.is_active();
            let kept = &state.event_index;
            let picker = match action {
                Action::FilterYear if everything => Picker::years_counted(&kept.year_counts, state.filter.year),
                Action::FilterTheme if everything => {
                    Picker::themes_counted(d, &kept.theme_counts, &state.filter.themes)
                }
                Action::FilterYear => Picker::years(d, state.filter.year, shown),
                Action::FilterTheme => Picker::themes(d, &state.filter.themes, shown),
                Action::FilterSource => Picker::sources(d, &state.filter.sources, shown),
                _ => Picker::languages(d, state.filter.language.as_deref(), shown).0,
            };
            state.overlay = Some(Overlay::Picker(picker));
        }
        Action::ClearFilters => {
            if state.filter.is_empty() {
                state.message = Some("no filter to clear".into());
            } else {
                state.filter = Filter::default();
                if state.refilter() {
                    main.selection_changed();
                }
                state.message = Some("filters cleared".into());
                main.focus = Focus::Timeline;
            }
        }
        Action::NextQuote => {
            let n = state.selected_event().map_or(0, |e| e.quotes.len());
            if n == 0 {
                state.message = Some("this event is unsourced: no quote backs it".into());
            } else {
                main.quote = (main.quote + 1) % n;
                main.focus = Focus::Quotes;
            }
        }
        Action::SideBySide => return crate::screen::side_by_side::open_for_event(state),
        _ => {}
    }
    Nav::Stay
}

/// The reader at the selected quote.
fn open_reader(main: &MainState, state: &mut State) -> Nav {
    let Some(quote) = state.selected_event().and_then(|e| e.quotes.get(main.quote)).cloned() else {
        state.message = Some("no quote selected".into());
        return Nav::Stay;
    };
    let (w, h) = crate::screen::reader::text_size(state, quote.source);
    Nav::push(Screen::Reader(crate::screen::Reader::open(&state.dataset, quote.source, quote.body_range(), w, h)))
}

/// Moves within the focused pane (huge steps jump to an end).
fn move_in_focus(main: &mut MainState, state: &mut State, step: isize) {
    match main.focus {
        Focus::Timeline => {
            let before = state.timeline.selected;
            state.timeline.move_by(step);
            if state.timeline.selected != before {
                main.selection_changed();
            }
            state.scroll_timeline();
        }
        Focus::Detail => {
            main.detail_scroll = main.detail_scroll.saturating_add_signed(step).min(super::detail::max_scroll(state));
        }
        Focus::Quotes => {
            let n = state.selected_event().map_or(0, |e| e.quotes.len());
            main.quote = main.quote.saturating_add_signed(step).min(n.saturating_sub(1));
        }
    }
}

/// The wheel scrolls the pane under the pointer; a click focuses it and selects the event or
/// quote under the pointer.
pub fn mouse(main: &mut MainState, state: &mut State, mouse: MouseEvent) -> Nav {
    let (x, y) = (mouse.column, mouse.row);
    let layout = state.main_layout();
    // Only the panes drawn: in the narrow shape, the timeline or the event.
    let on_timeline = main.focus == Focus::Timeline;
    let pane = [(layout.timeline, Focus::Timeline), (layout.detail, Focus::Detail), (layout.quotes, Focus::Quotes)]
        .into_iter()
        .filter(|(_, f)| {
            if *f == Focus::Timeline { layout.shows_timeline(on_timeline) } else { layout.shows_event(on_timeline) }
        })
        .find(|(rect, _)| contains(*rect, x, y));
    let Some((rect, focus)) = pane else { return Nav::Stay };
    let wheel = match mouse.kind {
        MouseEventKind::ScrollDown => Some(Action::Down),
        MouseEventKind::ScrollUp => Some(Action::Up),
        _ => None,
    };
    if let Some(wheel) = wheel {
        let saved = main.focus;
        main.focus = focus;
        for _ in 0..if focus == Focus::Quotes { 1 } else { 3 } {
            action(main, state, wheel);
        }
        main.focus = saved;
    } else if matches!(mouse.kind, MouseEventKind::Down(MouseButton::Left)) {
        main.focus = focus;
        let inside = inner(rect);
        if !contains(inside, x, y) {
            return Nav::Stay;
        }
        let line = usize::from(y - inside.y);
        match focus {
            Focus::Timeline => {
                let wrap_all = crate::layout::timeline::wraps_all(inside.height);
                let width = usize::from(inside.width);
                let row = state.timeline.row_at_line(line, |i| state.timeline_row_lines(i, width, wrap_all));
                if let Some(Row::Event(event)) = row.and_then(|r| state.timeline.rows.get(r).cloned())
                    && state.select_event(event)
                {
                    main.selection_changed();
                }
            }
            Focus::Quotes => {
                if let Some(q) = super::quote_at(main, state, inside, line) {
                    main.quote = q;
                }
            }
            Focus::Detail => {}
        }
    }
    Nav::Stay
}
