//! Keys and the wheel in the concordance: moving through the lines, sorting, grouping,
//! filtering, and reading a hit in context.

use crossterm::event::{MouseEvent, MouseEventKind};

use super::ConcordanceState;
use super::rows::{Line, Only, source_of};
use crate::input::Action;
use crate::layout::page;
use crate::screen::{Nav, Reader, Screen};
use crate::search::{Field, Location};
use crate::state::State;

pub fn action(concordance: &mut ConcordanceState, state: &mut State, action: Action) -> Nav {
    concordance.follow(state);
    let last = concordance.rows.len().saturating_sub(1);
    let height = ConcordanceState::height(state) as u16;
    let c = &mut concordance.cursor;
    match action {
        Action::Down => *c = (*c + 1).min(last),
        Action::Up => *c = c.saturating_sub(1),
        Action::PageDown => *c = c.saturating_add_signed(page(height)).min(last),
        Action::PageUp => *c = c.saturating_add_signed(-page(height)),
        Action::Top => *c = 0,
        Action::Bottom => *c = last,
        Action::Back => return Nav::Back,
        Action::Open => return open(concordance, state),
        Action::Sort => {
            concordance.lens.grouped = false;
            concordance.lens.sort = concordance.lens.sort.next();
            concordance.rebuild(state);
        }
        Action::Group => {
            concordance.lens.grouped = !concordance.lens.grouped;
            concordance.rebuild(state);
        }
        Action::HideQuotes => {
            concordance.lens.quotes_hidden = !concordance.lens.quotes_hidden;
            concordance.rebuild(state);
            if concordance.rows.is_empty() {
                let key = state.keymap.hint(Action::HideQuotes);
                state.message = Some(format!("every hit is in a quote: {key} shows them again"));
            }
        }
        Action::PrevSource | Action::NextSource => {
            // Only the sources with lines to show, then every line again.
            let sources = super::rows::sources_with_hits(&state.search, &state.search_index, &state.dataset);
            let next = match (&concordance.lens.only, action == Action::NextSource) {
                (Only::Source(s), true) => sources.get(sources.partition_point(|x| x <= s)),
                (Only::Source(s), false) => sources.partition_point(|x| x < s).checked_sub(1).map(|at| &sources[at]),
                (_, true) => sources.first(),
                (_, false) => sources.last(),
            };
            concordance.lens.only = next.map_or(Only::All, |&s| Only::Source(s));
            concordance.rebuild(state);
        }
        Action::FilterLanguage => {
            let mut languages: Vec<&str> = state.dataset.sources.iter().map(|s| s.language.as_str()).collect();
            languages.sort_unstable();
            languages.dedup();
            let at = match &concordance.lens.only {
                Only::Language(lang) => languages.iter().position(|l| l == lang).map_or(0, |i| i + 1),
                _ => 0,
            };
            concordance.lens.only = languages.get(at).map_or(Only::All, |l| Only::Language(l.to_string()));
            concordance.rebuild(state);
        }
        _ => {}
    }
    concordance.scroll(state);
    Nav::Stay
}

/// Reads the selected hit in context: an article's hit, or a quote's, in the reader at that
/// place (Esc comes back here); a hit in an event's own text on the main screen, at the event.
fn open(concordance: &ConcordanceState, state: &mut State) -> Nav {
    let Some(Line::Hit { ordinal, .. }) = concordance.rows.line(&state.search, concordance.cursor) else {
        return Nav::Stay;
    };
    let Some(hit) = state.search.select(&state.search_index, &state.dataset, ordinal) else { return Nav::Stay };
    let size = |source| crate::screen::reader::text_size(state, source);
    let d = &state.dataset;
    match hit.location {
        Location::Source { source } => {
            let (w, h) = size(source);
            Nav::push(Screen::Reader(Reader::open_at(d, source, None, hit.range, w, h)))
        }
        Location::SourceTitle { source } => {
            let (w, h) = size(source);
            Nav::push(Screen::Reader(Reader::open_at(d, source, None, 0..0, w, h)))
        }
        Location::Event { event, field: Field::Quote(q) } => {
            let quote = &d.events[event].quotes[q];
            let source = source_of(d, hit.location).unwrap_or(quote.source);
            // The quote's words are the source's passage: the hit lies as far into it.
            let at = quote.range.start + hit.range.start;
            let target = at.min(quote.range.end)..(at + hit.range.len()).min(quote.range.end);
            let (w, h) = size(source);
            Nav::push(Screen::Reader(Reader::open_at(d, source, Some(quote.range.clone()), target, w, h)))
        }
        Location::Event { .. } => Nav::Hit(hit),
    }
}

/// The wheel moves three lines.
pub fn mouse(concordance: &mut ConcordanceState, state: &mut State, mouse: MouseEvent) -> Nav {
    let step = match mouse.kind {
        MouseEventKind::ScrollDown => Action::Down,
        MouseEventKind::ScrollUp => Action::Up,
        _ => return Nav::Stay,
    };
    for _ in 0..3 {
        action(concordance, state, step);
    }
    Nav::Stay
}
