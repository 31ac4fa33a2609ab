//! Accent- and case-insensitive search over a dataset, folded once at load.
//!
//! [`fold`] says what "the same text" means (case, accents, ligatures, typographic quotes,
//! whitespace). [`SearchIndex::new`] folds every searchable string of a dataset into one
//! buffer; [`SearchIndex::search`] folds the query and scans that buffer once, returning
//! [`SearchResults`] whose hit ranges are byte ranges of the original strings, ready for
//! highlighting. Matches are found left to right without overlapping, like
//! `str::match_indices` on the folded text.

mod fold;
mod index;
mod results;

use std::ops::Range;

pub use fold::{fold, fold_with_map, original_range};
pub use index::SearchIndex;
pub use results::{Field, Hit, Location, SearchResults};

/// Ranges of `text` (bytes, on character boundaries) where `query` matches, folding both on
/// the fly. For short strings such as a title being drawn; an empty or all-space query
/// matches nothing.
pub fn highlight_ranges(text: &str, query: &str) -> Vec<Range<usize>> {
    let query = fold(query);
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
