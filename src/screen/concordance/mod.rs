//! The concordance: every hit of the search on a line of its own, in its context, the hits
//! aligned in one column, as a keyword-in-context concordancer shows them. Sorted by position
//! (the order of `n`/`N`, whose numbers the lines carry), by date or by source; grouped by
//! source with counts; filtered to one source or one language. Enter reads a hit in context;
//! Esc comes back to the same line.

pub mod place;
pub mod rows;
pub mod update;
pub mod view;

use rows::{Lens, Only, Rows, Sort};

use crate::input::Action;
use crate::layout;
use crate::state::State;

/// The concordance's own state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConcordanceState {
    pub rows: Rows,
    /// The order, the filter, the grouping, the quotes hidden or not.
    pub lens: Lens,
    /// The selected line, and the first line shown.
    pub cursor: usize,
    pub offset: usize,
    /// The search the lines were made for (`Search::generation`): another search remakes them.
    generation: u64,
    /// Where the selected line's hit is, by ids, to find it again after a reload.
    place: Option<place::Place>,
    /// A reload happened: the next lines made for its search put the cursor back on `place`.
    relocate: bool,
}

impl ConcordanceState {
    /// The concordance of the search on, at its current hit; `Err` with what to tell when
    /// there is nothing to list.
    pub fn open(state: &State) -> Result<ConcordanceState, String> {
        let search = &state.search;
        if search.waits_for_index() {
            return Err("indexing… the concordance opens once the index is built".to_string());
        }
        if !search.is_active() {
            return Err(format!("no search: {} starts one", state.keymap.hint(Action::Search)));
        }
        if search.navigable_hits() == 0 {
            return Err(search.status());
        }
        let mut concordance = ConcordanceState {
            rows: Rows::default(),
            lens: Lens::default(),
            cursor: 0,
            offset: 0,
            generation: search.generation,
            place: None,
            relocate: false,
        };
        concordance.rebuild(state);
        if let Some(row) = search.ordinal().and_then(|o| concordance.rows.row_of(search, o)) {
            concordance.cursor = row;
        }
        concordance.scroll(state);
        Ok(concordance)
    }

    /// Makes the lines again (another order, filter or search), keeping the selected hit when
    /// it is still shown.
    pub fn rebuild(&mut self, state: &State) {
        let search = &state.search;
        let selected = match self.rows.line(search, self.cursor) {
            _ if self.relocate => self.place.as_ref().and_then(|place| place.ordinal(state)),
            Some(rows::Line::Hit { ordinal, .. }) if self.generation == search.generation => Some(ordinal),
            _ => None,
        };
        self.rows = Rows::build(search, &state.search_index, &state.dataset, &self.lens);
        self.generation = search.generation;
        // A search still being worked out in the new data: its lines come later.
        self.relocate &= search.pending;
        // The hit selected before, else the first hit (not a group's heading).
        self.cursor = selected.and_then(|o| self.rows.row_of(search, o)).unwrap_or_else(|| {
            (0..self.rows.len())
                .find(|&row| matches!(self.rows.line(search, row), Some(rows::Line::Hit { .. })))
                .unwrap_or(0)
        });
        self.scroll(state);
    }

    /// Follows a reload: the lines made again, on the same hit if it is still there.
    pub fn reloaded(&mut self, state: &State) {
        self.relocate = true;
        self.rebuild(state);
    }

    /// Remakes the lines if the search changed since (a reload, a new query).
    pub fn follow(&mut self, state: &State) {
        if self.generation != state.search.generation || !self.rows.fits(&state.search) {
            self.rebuild(state);
        }
    }

    /// Lines of hits the screen shows.
    pub fn height(state: &State) -> usize {
        usize::from(layout::inner(layout::Frame::new(state.area()).body).height)
    }

    /// Keeps the cursor in view, and notes where its hit is (unless a reload is still to put
    /// it back there).
    pub fn scroll(&mut self, state: &State) {
        let height = Self::height(state).max(1);
        self.cursor = self.cursor.min(self.rows.len().saturating_sub(1));
        if !self.relocate {
            self.place = place::Place::of(&self.rows, self.cursor, state);
        }
        // No blank rows below the last line when there are lines above to show.
        self.offset = self.offset.min(self.rows.len().saturating_sub(height));
        if self.cursor < self.offset {
            self.offset = self.cursor;
        } else if self.cursor >= self.offset + height {
            self.offset = self.cursor + 1 - height;
        }
    }

    /// "by date · only fr", what the lines show besides the search.
    pub fn describe(&self, state: &State) -> String {
        let mut parts = vec![crate::text::count(self.rows.hits(), "hit")];
        if self.lens.grouped {
            parts.push("grouped by source".into());
        } else if self.lens.sort != Sort::Position {
            parts.push(format!("sorted by {}", self.lens.sort.name()));
        }
        if self.lens.quotes_hidden {
            parts.push("quotes hidden".into());
        }
        match &self.lens.only {
            Only::All => {}
            Only::Source(s) => parts
                .push(format!("only {}", crate::text::wrap::truncate(&state.dataset.sources[*s].shown_title(), 30))),
            Only::Language(lang) => parts.push(format!("only {lang}")),
        }
        parts.join(" · ")
    }
}

pub(super) fn hints(state: &State) -> String {
    let k = |a: Action| state.keymap.hint(a);
    format!(
        "{} read in context · {} sort · {} group · {} quotes · {} {} source · {} language · {} back",
        k(Action::Open),
        k(Action::Sort),
        k(Action::Group),
        k(Action::HideQuotes),
        k(Action::PrevSource),
        k(Action::NextSource),
        k(Action::FilterLanguage),
        k(Action::Back)
    )
}

/// The selected hit's passage, for `Y`.
pub(super) fn passage(concordance: &ConcordanceState, state: &State) -> super::Passage {
    match concordance.rows.line(&state.search, concordance.cursor) {
        Some(rows::Line::Hit { ordinal, .. }) => {
            let hit = state.search.hit_at(&state.search_index, &state.dataset, ordinal).ok_or(None)?;
            let source = rows::source_of(&state.dataset, hit.location)
                .ok_or(Some("this hit is in an event’s own text, not in a source".to_string()))?;
            let text = crate::search::text_at(&state.dataset, hit.location);
            Ok((source, text[hit.range].to_string()))
        }
        _ => Err(None),
    }
}
