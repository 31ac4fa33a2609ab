//! The reference of each source in the export's citation style (`crate::cite`, the text `Y`
//! copies), made once per source however many of its quotes are exported.

use std::collections::HashMap;

use crate::cite::CitationStyle;
use crate::model::Dataset;

pub(super) struct References {
    style: CitationStyle,
    by_source: HashMap<usize, String>,
}

impl References {
    pub fn new(style: CitationStyle) -> References {
        References { style, by_source: HashMap::new() }
    }

    /// The reference of source `s` as plain text, unescaped (its shown title if the citation
    /// engine cannot render it).
    pub fn of(&mut self, dataset: &Dataset, s: usize) -> &str {
        let style = self.style;
        self.by_source.entry(s).or_insert_with(|| {
            let source = &dataset.sources[s];
            crate::cite::reference(source, style).unwrap_or_else(|| source.shown_title())
        })
    }
}
