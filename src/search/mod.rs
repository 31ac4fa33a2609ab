//! Accent- and case-insensitive search over a dataset, folded once at load.
//!
//! [`fold`] says what "the same text" means (case, accents, ligatures, typographic quotes,
//! whitespace). [`SearchIndex::new`] folds every searchable string of a dataset into one
//! buffer; [`SearchIndex::search`] folds the query and scans that buffer once, returning
//! [`SearchResults`]: which strings match, how often, and the matching events and sources (a
//! query of one or two letters is answered from tallies kept with the index, its strings
//! found when asked for).
//! [`SearchIndex::ranges`] then gives the byte ranges of the original strings to highlight,
//! for the strings being shown. Matches are found left to right without overlapping, like
//! `str::match_indices` on the folded text.

mod fold;
mod index;
mod results;
mod trail;

use std::borrow::Cow;
use std::ops::Range;

pub use fold::{fold, fold_with_map, original_range};
pub use index::{KEEP_UNITS_FROM, SearchIndex, Unfinished};
pub use results::{Field, Hit, Location, Match, SearchResults};
pub use trail::Trail;

use crate::model::Dataset;

/// Ranges of `text` (bytes, on character boundaries) where `query` matches, folding both on
/// the fly. For short strings such as a title being drawn; an empty or all-space query
/// matches nothing.
pub fn highlight_ranges(text: &str, query: &str) -> Vec<Range<usize>> {
    folded_ranges(text, &fold(query))
}

/// [`highlight_ranges`] with a query already folded.
fn folded_ranges(text: &str, query: &str) -> Vec<Range<usize>> {
    if query.trim_matches(' ').is_empty() {
        return Vec::new();
    }
    let mut folded = String::with_capacity(text.len());
    let mut units = Vec::new();
    fold::fold_into(text, &mut folded, &mut units);
    memchr::memmem::find_iter(folded.as_bytes(), query.as_bytes())
        .map(|start| fold::map_range(&units, start..start + query.len()))
        .collect()
}

/// The string the index folds at `location`: an event's title, summary, quote text or figure
/// label, or a source's text. Empty if the dataset has no such place.
pub fn text_at(dataset: &Dataset, location: Location) -> Cow<'_, str> {
    match location {
        Location::Event { event, field } => {
            let Some(e) = dataset.events.get(event) else { return Cow::Borrowed("") };
            match field {
                Field::Title => Cow::Borrowed(&e.title),
                Field::Summary => Cow::Borrowed(&e.summary),
                Field::DateNote => Cow::Borrowed(e.date_note.as_deref().unwrap_or("")),
                Field::Quote(i) => e.quotes.get(i).map_or(Cow::Borrowed(""), |q| dataset.quote_text(q)),
                Field::Figure(i) => Cow::Borrowed(e.figures.get(i).map_or("", |f| f.label.as_str())),
            }
        }
        Location::SourceTitle { source } => Cow::Borrowed(dataset.sources.get(source).map_or("", |s| s.title.as_str())),
        Location::Source { source } => Cow::Borrowed(dataset.sources.get(source).map_or("", |s| s.text.as_str())),
    }
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)] // expected lists of one range
mod tests {
    use super::*;

    #[test]
    fn highlight_ranges_fold_both_sides() {
        let text = "Le DÉPLOIEMENT, le de\u{301}ploiement";
        let ranges = highlight_ranges(text, "deploiement");
        let found: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(found, ["DÉPLOIEMENT", "de\u{301}ploiement"]);
        assert_eq!(highlight_ranges("l’offensive", "L'OFFENSIVE"), [0..13]);
        assert_eq!(highlight_ranges("阿里云", "里"), [3..6]);
        assert!(highlight_ranges("abc", " \u{A0}").is_empty());
        assert!(highlight_ranges("abc", "").is_empty());
    }
}
