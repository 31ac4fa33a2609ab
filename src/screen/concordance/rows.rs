//! The concordance's lines, virtual: a line is found from its number without listing the
//! others, so that a million hits open at once. In the search's own order (that of `n`/`N`) a
//! line number is a hit number; sorted, filtered or grouped, the matching strings are put in
//! order once (not the hits) and a line is found by bisection.

use crate::model::Dataset;
use crate::search::{Field, Location, SearchIndex};
use crate::state::Search;

/// The order of the lines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// As `n`/`N` visit them: events by date, then the articles.
    #[default]
    Position,
    /// By the date of the article, or of the event for a hit in an event's own text.
    Date,
    /// By source, as they are listed in the dataset; hits in events' own text last.
    Source,
}

impl Sort {
    pub fn next(self) -> Sort {
        match self {
            Sort::Position => Sort::Date,
            Sort::Date => Sort::Source,
            Sort::Source => Sort::Position,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Sort::Position => "position",
            Sort::Date => "date",
            Sort::Source => "source",
        }
    }
}

/// Whether a matching string is an event's quote: the words of a source's passage, which the
/// concordance can leave to the article itself.
pub fn is_quote(location: Location) -> bool {
    matches!(location, Location::Event { field: Field::Quote(_), .. })
}

/// What the lines show besides the search: their order, which hits, grouped or not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lens {
    pub sort: Sort,
    pub only: Only,
    /// Under a heading per source (then sorted by source).
    pub grouped: bool,
    /// Without the hits in events' quotes: each passage once, in its article.
    pub quotes_hidden: bool,
}

/// Which hits the lines show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Only {
    #[default]
    All,
    /// Hits in this source's text or in quotes of it.
    Source(usize),
    /// Hits in sources (or quotes of sources) in this language.
    Language(String),
}

/// The source a matching string belongs to: the article itself, or the source an event's
/// quote comes from; `None` for an event's own text (title, summary, figures, notes).
pub fn source_of(dataset: &Dataset, location: Location) -> Option<usize> {
    match location {
        Location::Source { source } | Location::SourceTitle { source } => Some(source),
        Location::Event { event, field: Field::Quote(q) } => dataset.events[event].quotes.get(q).map(|q| q.source),
        Location::Event { .. } => None,
    }
}

/// The sources the lines of `search` can be from ([`source_of`] each string it visits),
/// ascending, without duplicates: those `[` and `]` step through.
pub fn sources_with_hits(search: &Search, index: &SearchIndex, dataset: &Dataset) -> Vec<usize> {
    let matches = search.results.matches();
    let mut sources: Vec<usize> =
        search.strings().iter().filter_map(|&(m, _)| source_of(dataset, index.location(&matches[m]))).collect();
    sources.sort_unstable();
    sources.dedup();
    sources
}

/// The date of a hit's line: its source's (a quote too is the article's words), or the event's
/// for an event's own text.
pub fn date_of(dataset: &Dataset, location: Location) -> Option<crate::model::Date> {
    match (source_of(dataset, location), location) {
        (Some(source), _) => dataset.sources[source].date,
        (None, Location::Event { event, .. }) => Some(dataset.events[event].date),
        (None, _) => None,
    }
}

/// A line: a group's heading, or a hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// The heading of a source's group (`None`: events' own text), its number of hits, and
    /// how many of them are in events' quotes of it.
    Heading { source: Option<usize>, hits: usize, quoted: usize },
    /// A hit: its number among those `n`/`N` visit, and where it is in `Search::strings`.
    Hit { ordinal: usize, string: usize, nth: usize },
}

/// The lines for one search, one order, one filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rows {
    /// The strings shown, as indexes into `Search::strings`, in order; `None`: all of them in
    /// the search's order.
    order: Option<Vec<u32>>,
    /// Hits before each string of `order`.
    before: Vec<usize>,
    /// The group headings: the number of hits before each group, its source, its hits, and
    /// those in quotes.
    groups: Vec<Group>,
    hits: usize,
    /// What the search visited when these lines were made: the strings and their hits.
    made_for: (usize, usize),
}

/// A group's heading: the hits before it, its source, its hits, those in quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Group {
    first: usize,
    source: Option<usize>,
    hits: usize,
    quoted: usize,
}

impl Rows {
    /// Lines for `search` as `lens` shows them: in its order, only the hits it keeps, with
    /// group headings when grouped (then sorted by source).
    pub fn build(search: &Search, index: &SearchIndex, dataset: &Dataset, lens: &Lens) -> Rows {
        let Lens { sort, only, grouped, quotes_hidden } = lens;
        let (grouped, quotes_hidden) = (*grouped, *quotes_hidden);
        let strings = search.strings();
        let sort = if grouped { Sort::Source } else { *sort };
        let made_for = (strings.len(), search.navigable_hits());
        if sort == Sort::Position && *only == Only::All && !grouped && !quotes_hidden {
            return Rows { hits: search.navigable_hits(), made_for, ..Rows::default() };
        }
        let matches = search.results.matches();
        let location = |i: usize| index.location(&matches[strings[i].0]);
        let source_of = |i: usize| source_of(dataset, location(i));
        let keep = |i: usize| {
            let kept = match only {
                Only::All => true,
                Only::Source(s) => source_of(i) == Some(*s),
                Only::Language(lang) => source_of(i).is_some_and(|s| dataset.sources[s].language == *lang),
            };
            kept && !(quotes_hidden && is_quote(location(i)))
        };
        let mut order: Vec<u32> = (0..strings.len()).filter(|&i| keep(i)).map(|i| i as u32).collect();
        match sort {
            Sort::Position => {}
            Sort::Date => order.sort_by_key(|&i| {
                date_of(dataset, index.location(&matches[strings[i as usize].0])).map_or(u32::MAX, |d| d.sort_key())
            }),
            Sort::Source => order.sort_by_key(|&i| source_of(i as usize).unwrap_or(usize::MAX)),
        }
        let hits_of = |i: u32| {
            let at = i as usize;
            let end = strings.get(at + 1).map_or(search.navigable_hits(), |s| s.1);
            end - strings[at].1
        };
        let mut before = Vec::with_capacity(order.len());
        let mut groups: Vec<Group> = Vec::new();
        let mut hits = 0;
        for &i in &order {
            before.push(hits);
            let n = hits_of(i);
            if grouped {
                let source = source_of(i as usize);
                let quoted = if is_quote(location(i as usize)) { n } else { 0 };
                match groups.last_mut() {
                    Some(group) if group.source == source => {
                        group.hits += n;
                        group.quoted += quoted;
                    }
                    _ => groups.push(Group { first: hits, source, hits: n, quoted }),
                }
            }
            hits += n;
        }
        Rows { order: Some(order), before, groups, hits, made_for }
    }

    /// Whether the lines were made for what `search` visits now (the filters can change it
    /// without a new search).
    pub fn fits(&self, search: &Search) -> bool {
        self.made_for == (search.strings().len(), search.navigable_hits())
    }

    /// How many lines there are, headings included.
    pub fn len(&self) -> usize {
        self.hits + self.groups.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Hits shown (headings aside).
    pub fn hits(&self) -> usize {
        self.hits
    }

    /// Line number `row`.
    pub fn line(&self, search: &Search, row: usize) -> Option<Line> {
        if row >= self.len() {
            return None;
        }
        // Headings take a line before their group's first hit: group g's heading is on line
        // (hits before it) + g.
        let mut hit = row;
        if !self.groups.is_empty() {
            let (mut lo, mut hi) = (0, self.groups.len());
            while lo < hi {
                let mid = (lo + hi) / 2;
                if self.groups[mid].first + mid <= row {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            let g = lo.checked_sub(1)?;
            let Group { first, source, hits, quoted } = self.groups[g];
            if row == first + g {
                return Some(Line::Heading { source, hits, quoted });
            }
            hit = row - (g + 1);
        }
        if !self.fits(search) {
            return None;
        }
        let strings = search.strings();
        let (string, nth) = match &self.order {
            None => {
                let at = strings.partition_point(|&(_, before)| before <= hit).checked_sub(1)?;
                (at, hit - strings.get(at)?.1)
            }
            Some(order) => {
                let at = self.before.partition_point(|&before| before <= hit).checked_sub(1)?;
                (*order.get(at)? as usize, hit - self.before[at])
            }
        };
        Some(Line::Hit { ordinal: strings.get(string)?.1 + nth, string, nth })
    }

    /// The line of hit number `ordinal`, if it is shown.
    pub fn row_of(&self, search: &Search, ordinal: usize) -> Option<usize> {
        if !self.fits(search) {
            return None;
        }
        let strings = search.strings();
        let string = strings.partition_point(|&(_, before)| before <= ordinal).checked_sub(1)?;
        let nth = ordinal - strings[string].1;
        let hit = match &self.order {
            None => ordinal,
            Some(order) => {
                let at = order.iter().position(|&i| i as usize == string)?;
                self.before[at] + nth
            }
        };
        let headings = self.groups.partition_point(|group| group.first <= hit);
        Some(hit + headings)
    }
}
