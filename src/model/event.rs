//! Events and what ties them to the sources: quotes, figures, and facts with claims.

use std::ops::Range;

use super::Date;

/// A passage of a source: `range` is where it stands in the source's text (byte offsets),
/// found at load time so the reader can highlight it in context. Its words are that passage,
/// stored once, in the source ([`crate::model::Dataset::quote_text`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub source: usize,
    pub range: Range<usize>,
    /// The range is in the source's page lines (a byline, a date line), not in its body.
    pub page_lines: bool,
}

impl Quote {
    /// Where the quote stands in its source's body, for the reader to highlight; `None` for a
    /// quote of the page lines.
    pub fn body_range(&self) -> Option<Range<usize>> {
        (!self.page_lines).then(|| self.range.clone())
    }
}

/// An amount as one source states it, with the conversion the article itself gives, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub label: String,
    pub value: f64,
    pub unit: String,
    pub quote: Quote,
    pub converted: Option<(f64, String)>,
}

/// One dated event of the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub id: String,
    pub date: Date,
    pub end: Option<Date>,
    pub date_note: Option<String>,
    pub title: String,
    pub summary: String,
    /// Indexes into `Dataset::themes`.
    pub themes: Vec<usize>,
    pub quotes: Vec<Quote>,
    pub figures: Vec<Figure>,
    /// 1-based line of the `[[event]]` header in the file it came from.
    pub line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactKind {
    Amount,
    Ranking,
    Share,
}

impl FactKind {
    pub const NAMES: [&'static str; 3] = ["amount", "ranking", "share"];

    pub fn parse(name: &str) -> Option<FactKind> {
        match name {
            "amount" => Some(FactKind::Amount),
            "ranking" => Some(FactKind::Ranking),
            "share" => Some(FactKind::Share),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            FactKind::Amount => "amount",
            FactKind::Ranking => "ranking",
            FactKind::Share => "share",
        }
    }
}

/// What one source says about a fact.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub quote: Quote,
    pub value: Option<(f64, String)>,
    pub rank: Option<u32>,
    pub scope: Option<String>,
    pub as_of: Option<Date>,
}

/// A fact that more than one source states, possibly differently.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub id: String,
    pub label: String,
    pub kind: FactKind,
    /// Index into `Dataset::events`.
    pub event: Option<usize>,
    pub note: Option<String>,
    pub claims: Vec<Claim>,
}
