//! A selection made into a draft event: the quote is the selected bytes of the source text,
//! white space at either end left out, so that loading the draft finds it where it was; and
//! a quotation mark the selection leaves open or closed alone is taken in with its pair just
//! outside it ("The numbers…," Reyes said.), so that the quote reads balanced.

use std::ops::Range;

use super::Reader;
use super::select::trimmed;
use crate::model::Dataset;
use crate::write::capture::Draft;

/// A draft event quoting the reader's selection, or what to tell instead.
pub fn draft(reader: &Reader, dataset: &Dataset) -> Result<Draft, String> {
    let Some(selection) = reader.selection.clone() else {
        return Err("nothing selected to capture (select with v first)".to_string());
    };
    let source = dataset.sources.get(reader.source).ok_or("this source is gone")?;
    let range = balanced(&source.text, trimmed(&source.text, selection));
    let passage = source.text.get(range).filter(|p| !p.is_empty()).ok_or("the selection holds no text")?;
    Ok(Draft { id: draft_id(dataset, &source.id), source: source.id.clone(), passage: passage.to_string() })
}

/// `draft-<source>-<n>`, the first such id no event has.
pub fn draft_id(dataset: &Dataset, source: &str) -> String {
    (1..)
        .map(|n| format!("draft-{source}-{n}"))
        .find(|id| dataset.events.iter().all(|event| &event.id != id))
        .unwrap_or_default()
}

/// Quotation marks that open and close, and the straight one that does both.
const PAIRS: [(char, char); 2] = [('“', '”'), ('«', '»')];
const STRAIGHT: char = '"';

/// `range` of `text`, widened over a quotation mark just before or after it (white space
/// between allowed, as in "« texte »") when the range holds the other mark of its pair
/// alone.
pub fn balanced(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(passage) = text.get(range.clone()) else { return range };
    let count = |c: char| passage.chars().filter(|&x| x == c).count();
    let mut range = range;
    for (open, close) in PAIRS {
        let (opens, closes) = (count(open), count(close));
        if closes > opens {
            range.start = mark_before(text, range.start, open).unwrap_or(range.start);
        } else if opens > closes {
            range.end = mark_after(text, range.end, close).unwrap_or(range.end);
        }
    }
    if count(STRAIGHT) % 2 == 1 {
        // Whichever side has the mark next to it (before first: a quote closed in the range).
        match mark_before(text, range.start, STRAIGHT) {
            Some(start) => range.start = start,
            None => range.end = mark_after(text, range.end, STRAIGHT).unwrap_or(range.end),
        }
    }
    range
}

/// Where `mark` starts when it is the last character before `at` but for white space.
fn mark_before(text: &str, at: usize, mark: char) -> Option<usize> {
    let before = text.get(..at)?.trim_end();
    before.strip_suffix(mark).map(str::len)
}

/// Where `mark` ends when it is the first character from `at` on but for white space.
fn mark_after(text: &str, at: usize, mark: char) -> Option<usize> {
    let after = text.get(at..)?;
    let rest = after.trim_start().strip_prefix(mark)?;
    Some(text.len() - rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widened(text: &str, selected: &str) -> String {
        let start = text.find(selected).expect("selected text");
        text[balanced(text, start..start + selected.len())].to_string()
    }

    #[test]
    fn a_quotation_mark_left_alone_takes_its_pair_in() {
        let text = "He said: \"The numbers never added up. We told them,\" Reyes said. Then « Été chargé » fin.";
        assert_eq!(
            widened(text, "The numbers never added up. We told them,\" Reyes said."),
            "\"The numbers never added up. We told them,\" Reyes said."
        );
        assert_eq!(widened(text, "\"The numbers never"), "\"The numbers never", "no pair next to it: as selected");
        assert_eq!(widened(text, "Été chargé »"), "« Été chargé »");
        assert_eq!(widened(text, "« Été chargé"), "« Été chargé »");
        assert_eq!(widened(text, "Été chargé"), "Été chargé", "balanced already (none)");
        assert_eq!(widened(text, "Reyes said."), "Reyes said.");
        let curly = "Il dit “oui” puis “non”.";
        assert_eq!(widened(curly, "oui” puis “non"), "oui” puis “non", "one of each: left alone");
        assert_eq!(widened(curly, "non”."), "“non”.");
    }
}
