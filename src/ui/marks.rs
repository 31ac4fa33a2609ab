//! Search matches to highlight in a text the screens draw.

use std::ops::Range;

use ratatui::style::Style;

use super::style;
use crate::search::Location;
use crate::state::State;

/// Search matches to highlight at one place, shifted by `offset` bytes (for text drawn after a
/// prefix such as an opening quote mark); the hit last jumped to stands out.
pub fn search_marks(state: &State, location: Location, offset: usize) -> Vec<(Range<usize>, Style)> {
    if !state.search.is_active() || !state.search.results.may_match(location) {
        return Vec::new();
    }
    let current = state.search.current.as_ref().map(|c| &c.hit).filter(|hit| hit.location == location);
    let text = crate::search::text_at(&state.dataset, location);
    let ranges = state.search_index.ranges(&state.search.results.query, location, &text);
    ranges
        .into_iter()
        .map(|r| {
            let is_current = current.is_some_and(|h| h.range == r);
            let style = if is_current { style::current_match() } else { style::search_highlight() };
            (r.start + offset..r.end + offset, style)
        })
        .collect()
}
