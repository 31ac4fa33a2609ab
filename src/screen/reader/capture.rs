//! A selection made into a draft event: the quote is the selected bytes of the source text,
//! white space at either end left out, so that loading the draft finds it where it was.

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
    let range = trimmed(&source.text, selection);
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
