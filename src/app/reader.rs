//! The source reader and side by side: a source's text, scrolled to a highlighted passage.

use std::ops::Range;
use std::sync::Arc;

use crate::model::{Dataset, Event};
use crate::text::wrap::wrap;

/// One source shown in full, scrolled to a passage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reader {
    pub source: usize,
    /// The quoted passage (byte range in the source text), if any.
    pub highlight: Option<Range<usize>>,
    /// First wrapped line shown.
    pub scroll: usize,
    /// The source text wrapped at one width, kept so that frames and keys do not re-wrap a
    /// whole article; `update` refreshes it when the reader opens or the terminal resizes.
    wrapped: Wrapped,
}

/// Wrapped lines of one source at one width.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Wrapped {
    source: usize,
    width: u16,
    lines: Arc<[Range<usize>]>,
}

impl Reader {
    /// A reader on `source`, scrolled so the highlight sits a third of the way down a text
    /// area of `width` x `height`.
    pub fn open(dataset: &Dataset, source: usize, highlight: Option<Range<usize>>, width: u16, height: u16) -> Reader {
        match highlight.clone() {
            Some(target) => Reader::open_at(dataset, source, highlight, target, width, height),
            None => {
                let mut reader = Reader { source, highlight, ..Reader::default() };
                reader.rewrap(dataset, width);
                reader
            }
        }
    }

    /// A reader highlighting `highlight`, scrolled so that `target` sits a third of the way
    /// down.
    pub fn open_at(
        dataset: &Dataset,
        source: usize,
        highlight: Option<Range<usize>>,
        target: Range<usize>,
        width: u16,
        height: u16,
    ) -> Reader {
        let mut reader = Reader { source, highlight, ..Reader::default() };
        reader.rewrap(dataset, width);
        let line = reader.wrapped.lines.iter().position(|l| l.end >= target.start).unwrap_or(0);
        reader.scroll = line.saturating_sub(usize::from(height) / 3);
        reader.clamp(dataset, width, height);
        reader
    }

    /// Wrapped lines of the source text at `width` cells: the kept ones when they fit, else
    /// wrapped now.
    pub fn lines(&self, dataset: &Dataset, width: u16) -> Arc<[Range<usize>]> {
        let w = &self.wrapped;
        if w.source == self.source && w.width == width && !w.lines.is_empty() {
            return Arc::clone(&w.lines);
        }
        match dataset.sources.get(self.source) {
            Some(source) => wrap(&source.text, usize::from(width)).into(),
            None => Arc::from([]),
        }
    }

    /// Wraps the text again if the source or the width changed (or `forget_wrap` was called).
    pub fn rewrap(&mut self, dataset: &Dataset, width: u16) {
        let w = &self.wrapped;
        if w.source != self.source || w.width != width || w.lines.is_empty() {
            // A source gone in a reload: nothing to wrap (its screen has been closed).
            let Some(source) = dataset.sources.get(self.source) else {
                self.wrapped = Wrapped::default();
                return;
            };
            let lines = wrap(&source.text, usize::from(width)).into();
            self.wrapped = Wrapped { source: self.source, width, lines };
        }
    }

    /// Drops the kept lines (the source text changed on reload).
    pub fn forget_wrap(&mut self) {
        self.wrapped = Wrapped::default();
    }

    pub fn scroll_by(&mut self, dataset: &Dataset, delta: isize, width: u16, height: u16) {
        self.scroll = self.scroll.saturating_add_signed(delta);
        self.clamp(dataset, width, height);
    }

    pub fn scroll_to_end(&mut self, dataset: &Dataset, width: u16, height: u16) {
        self.scroll = usize::MAX;
        self.clamp(dataset, width, height);
    }

    fn clamp(&mut self, dataset: &Dataset, width: u16, height: u16) {
        self.rewrap(dataset, width);
        let total = self.wrapped.lines.len();
        self.scroll = self.scroll.min(total.saturating_sub(usize::from(height)));
    }
}

/// Two readers next to each other; `focus` is the column that takes the keys.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SideBySide {
    pub columns: [Reader; 2],
    pub focus: usize,
    /// What is being compared, for the header (the selected event when `None`).
    pub title: Option<String>,
}

/// The first quote of `event` from `source`, if it quotes that source.
pub fn quote_range(event: Option<&Event>, source: usize) -> Option<Range<usize>> {
    event?.quotes.iter().find(|q| q.source == source).map(|q| q.range.clone())
}

/// The two sources to compare for event number `index`: the first two distinct sources it
/// quotes; for an event quoting one, that one and another source stating a fact about the
/// event (a claim of the compare view), else the next source of the dataset.
pub fn default_pair(dataset: &Dataset, index: Option<usize>) -> (usize, usize) {
    let event = index.and_then(|i| dataset.events.get(i));
    let mut quoted: Vec<usize> = Vec::new();
    for q in event.map(|e| e.quotes.as_slice()).unwrap_or_default() {
        if !quoted.contains(&q.source) {
            quoted.push(q.source);
        }
    }
    let n = dataset.sources.len().max(1);
    match quoted.as_slice() {
        [a, b, ..] => (*a, *b),
        [a] => {
            let about = dataset.facts.iter().filter(|f| f.event.is_some() && f.event == index);
            let claimed = about.flat_map(|f| f.claims.iter().map(|c| c.quote.source)).find(|s| s != a);
            (*a, claimed.unwrap_or((a + 1) % n))
        }
        [] => (0, 1 % n),
    }
}
