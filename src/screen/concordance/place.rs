//! The selected line of the concordance by what a reload keeps: the id of the event or source
//! its hit is in, the field, and which hit of that text it is. Found again in the new data,
//! the cursor stays on the same hit rather than going back to the first line.

use super::rows::{Line, Rows};
use crate::search::{Field, Location};
use crate::state::State;

/// Where a hit is, by ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    owner: Owner,
    /// Which hit of its text (0: the first).
    nth: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Owner {
    Event { id: String, field: Field },
    SourceTitle { id: String },
    Source { id: String },
}

impl Place {
    /// The place of the hit on line `row` of `rows`, if that line is a hit.
    pub fn of(rows: &Rows, row: usize, state: &State) -> Option<Place> {
        let Some(Line::Hit { string, nth, .. }) = rows.line(&state.search, row) else { return None };
        // Where its string is, without finding the hit in the text.
        let &(matched, _) = state.search.strings().get(string)?;
        let location = state.search_index.location(state.search.results.matches().get(matched)?);
        let d = &state.dataset;
        let owner = match location {
            Location::Event { event, field } => Owner::Event { id: d.events.get(event)?.id.clone(), field },
            Location::SourceTitle { source } => Owner::SourceTitle { id: d.sources.get(source)?.id.clone() },
            Location::Source { source } => Owner::Source { id: d.sources.get(source)?.id.clone() },
        };
        Some(Place { owner, nth })
    }

    /// The number among the hits `n`/`N` visit of this place's hit in the data and search of
    /// `state`: the same hit of the same text, or its last when it has fewer now; `None` when
    /// the text holds no hit any more, or its event or source is gone.
    pub fn ordinal(&self, state: &State) -> Option<usize> {
        let d = &state.dataset;
        let source = |id: &str| d.sources.iter().position(|s| s.id == id);
        let location = match &self.owner {
            Owner::Event { id, field } => Location::Event { event: d.event_index(id)?, field: *field },
            Owner::SourceTitle { id } => Location::SourceTitle { source: source(id)? },
            Owner::Source { id } => Location::Source { source: source(id)? },
        };
        let search = &state.search;
        let (matches, strings) = (search.results.matches(), search.strings());
        let at = strings.iter().position(|&(m, _)| state.search_index.location(&matches[m]) == location)?;
        let before = strings[at].1;
        let hits = strings.get(at + 1).map_or(search.navigable_hits(), |next| next.1) - before;
        Some(before + self.nth.min(hits.checked_sub(1)?))
    }
}
