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
    /// The fact it states (`fact = "id"`): an index into `Dataset::facts`, which links the
    /// figures of one fact given in different currencies.
    pub fact: Option<usize>,
}

/// Whether an event happened or is a plan: what its date means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EventKind {
    /// It happened on its date (the default).
    #[default]
    Happened,
    /// Planned for its date (a launch, a festival, the years an investment is to run): the
    /// sources say it was to happen, not that it did.
    Planned,
    /// A goal set for its date ("by 2019"): the sources do not say it was met.
    Target,
}

impl EventKind {
    pub const NAMES: [&'static str; 3] = ["happened", "planned", "target"];

    pub fn parse(name: &str) -> Option<EventKind> {
        match name {
            "happened" => Some(EventKind::Happened),
            "planned" => Some(EventKind::Planned),
            "target" => Some(EventKind::Target),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            EventKind::Happened => "happened",
            EventKind::Planned => "planned",
            EventKind::Target => "target",
        }
    }

    /// Whether the event is a plan or a target rather than something that happened.
    pub fn is_plan(self) -> bool {
        self != EventKind::Happened
    }
}

/// One dated event of the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub id: String,
    /// When it happened; with `open_start`, the latest it can have happened.
    pub date: Date,
    /// Written `"..2022"`: some time up to `date`, its start unknown (never with `end`).
    pub open_start: bool,
    pub end: Option<Date>,
    pub kind: EventKind,
    pub date_note: Option<String>,
    pub title: String,
    pub summary: String,
    /// Indexes into `Dataset::themes`.
    pub themes: Vec<usize>,
    pub quotes: Vec<Quote>,
    pub figures: Vec<Figure>,
    /// 1-based line of the `[[event]]` header in the file it came from.
    pub line: usize,
    /// Marked `draft = true`: work in progress, which may lack a date, a title, a summary,
    /// themes or quotes (`--check` warns about what is missing).
    pub draft: bool,
    /// A draft with no date yet: `date` then only places it, after every dated event, and
    /// means nothing (it is shown as "undated").
    pub undated: bool,
    /// The file it came from: 0 for the dataset's main file, else 1 + its index in
    /// `Dataset::files`.
    pub file: usize,
}

impl Event {
    /// The date as the dataset writes it: `2016-09-12`, `..~2022-09` for an open start;
    /// "undated" for a draft without a date.
    pub fn date_written(&self) -> String {
        if self.undated {
            return "undated".to_string();
        }
        if self.open_start { format!("..{}", self.date) } else { self.date.to_string() }
    }

    /// Whether it is marked `draft = true`.
    pub fn is_draft(&self) -> bool {
        self.draft
    }

    /// Whether no quote ties it to a source: nothing on screen or in an export may pass it
    /// off as sourced.
    pub fn is_unsourced(&self) -> bool {
        self.quotes.is_empty()
    }

    /// The date in words for one line: `2016-09-12`, `2020? → 2023?`, `up to ~2022-09`.
    pub fn when(&self) -> String {
        if self.undated {
            return "undated".to_string();
        }
        match (&self.end, self.open_start) {
            (_, true) => format!("up to {}", self.date),
            (Some(end), false) => format!("{} → {end}", self.date),
            (None, false) => self.date.to_string(),
        }
    }
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

impl Claim {
    /// The claim on one line, as the compare view and the exports show it: "200 billion CNY ·
    /// rank 3 · China · as of ~2021-07", "scope not stated" where the claim gives none.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if let Some((value, unit)) = &self.value {
            parts.push(format!("{} {unit}", crate::text::number::amount(*value)));
        }
        if let Some(rank) = self.rank {
            parts.push(format!("rank {rank}"));
        }
        parts.push(self.scope.clone().unwrap_or_else(|| "scope not stated".to_string()));
        if let Some(as_of) = self.as_of {
            parts.push(format!("as of {as_of}"));
        }
        parts.join(" · ")
    }
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
