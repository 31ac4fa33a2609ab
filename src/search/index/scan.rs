//! Searching the index: the query is folded, then each part is scanned (on a thread each),
//! or, when the query extends one whose results are at hand (a letter typed at the end), only
//! the strings those results matched are. A one-letter query is answered from the index's
//! tallies instead ([`super::letters`]), and so is a two-letter query ([`super::pairs`]).
//!
//! Hits are counted per string, left to right and without overlapping, like
//! `str::match_indices` on the folded text, in one of two ways with the same counts:
//! - a whole search: one `memmem` pass over the whole part, each hit placed in its string by a
//!   gallop from the string of the hit before, over the dense list of where strings start;
//! - within earlier results: the places of their hits checked against the query (a word
//!   compare for a query of up to eight bytes), or, when those were not kept, a `memmem` pass
//!   over each string they matched, and no other.
//!
//! Each thread's finds are joined by [`super::partial`].

use memchr::memmem;

use super::pairs::pair_query;
use super::partial::Partial;
use super::{Part, SearchIndex, Span};
use crate::search::fold::fold;
use crate::search::results::Place;
use crate::search::{Match, SearchResults};

/// How much folded text a search scans between two looks at whether to go on.
const CHECK_EVERY: usize = 1 << 20;

/// Below this much folded text, earlier results are always searched within (either way
/// takes microseconds).
const SMALL: usize = 1 << 20;

/// The most hit places a thread keeps (12 bytes each: a start and the eight bytes there) for
/// a letter typed on to check.
const KEEP_STARTS: usize = 8 << 20;

/// What a string costs to search on its own beyond its bytes, in bytes of a whole pass.
const PER_STRING: usize = 64;

/// The string of `spans` (one part's) holding buffer offset `pos`: the last one starting at
/// or before it, searching from `hint` on (hits come in order, usually in the same or a
/// nearby string): a gallop forward, then a binary search within the last step, so a hit
/// costs O(log distance) rather than O(log segments). `spans[hint]` starts at most at `pos`.
pub(super) fn segment_at(spans: &[Span], pos: usize, hint: usize) -> usize {
    let pos = pos as u64;
    let (mut low, mut step) = (hint, 1);
    loop {
        let probe = low + step;
        if probe >= spans.len() || u64::from(spans[probe].start) > pos {
            let high = probe.min(spans.len());
            return low + spans[low..high].partition_point(|s| u64::from(s.start) <= pos) - 1;
        }
        low = probe;
        step *= 2;
    }
}

/// A needle of at most 8 bytes as a word to compare the first bytes of a [`Place`] with, and
/// the mask of its bytes.
pub(super) fn needle_word(needle: &[u8]) -> Option<(u64, u64)> {
    let len = needle.len();
    if len == 0 || len > 8 {
        return None;
    }
    let mut bytes = [0; 8];
    bytes[..len].copy_from_slice(needle);
    let mask = if len == 8 { u64::MAX } else { (1 << (8 * len)) - 1 };
    Some((u64::from_le_bytes(bytes), mask))
}

/// Whether the places of `earlier`'s hits are every place its query is found: kept for
/// every hit, and no two finds of the query can overlap (so none was skipped).
pub(super) fn usable_starts(earlier: &SearchResults) -> bool {
    earlier.hit_count > 0 && earlier.places_kept() == earlier.hit_count && !overlaps_itself(earlier.query.as_bytes())
}

/// Whether two finds of `query` can overlap: some start of it is also an end of it ("aa",
/// "abab").
fn overlaps_itself(query: &[u8]) -> bool {
    (1..query.len()).any(|k| query[..k] == query[query.len() - k..])
}

/// Runs `scan` on each of `work` at once, a thread each (here, for one); `None` if any gave up.
pub(super) fn in_threads<T: Sync, R: Send>(work: &[T], scan: impl Fn(&T) -> Option<R> + Sync) -> Option<Vec<R>> {
    if work.len() <= 1 {
        return work.iter().map(&scan).collect();
    }
    std::thread::scope(|scope| {
        let scan = &scan;
        let handles: Vec<_> = work.iter().map(|item| scope.spawn(move || scan(item))).collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))).collect()
    })
}

/// Every hit of `finder`'s needle in `parts`, whose strings start at `spans`: a whole pass,
/// a thread a part; `None` if `go_on` said to stop.
pub(super) fn whole_pass(
    parts: &[Part],
    spans: &[Span],
    finder: &memmem::Finder<'_>,
    go_on: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Partial>> {
    let numbers: Vec<usize> = (0..parts.len()).collect();
    in_threads(&numbers, |&part| scan_part(parts, spans, finder, part, go_on))
}

/// The hits in part number `part` of `parts`, whose strings start at `spans` (every
/// part's); `None` if `go_on` said to stop.
fn scan_part(
    parts: &[Part],
    spans: &[Span],
    finder: &memmem::Finder<'_>,
    part: usize,
    go_on: &dyn Fn() -> bool,
) -> Option<Partial> {
    let mut partial = Partial::default();
    let Part { buffer, first, blocks } = &parts[part];
    let first = *first;
    let end = parts.get(part + 1).map_or(spans.len(), |next| next.first);
    let haystack = buffer.as_bytes();
    let mut ask_at = CHECK_EVERY;
    // A hit is looked up in the dense list of starts; it ends where the next string
    // starts (a hit never covers a separator).
    let spans = &spans[first..end];
    let end_of = |segment: usize| spans.get(segment + 1).map_or(usize::MAX, |s| s.start as usize);
    let (mut segment, mut hits) = (0, 0);
    let mut segment_end = end_of(0);
    for pos in finder.find_iter(haystack) {
        if pos >= ask_at {
            if !go_on() {
                return None;
            }
            ask_at = pos + CHECK_EVERY;
        }
        if pos >= segment_end {
            if hits > 0 {
                partial.push(first + segment, hits);
                partial.owned_by(spans[segment].owner);
            }
            // From the string of the hit's block, unless the hit before is further on.
            let from = segment.max(blocks[pos / super::BLOCK] as usize);
            segment = segment_at(spans, pos, from);
            segment_end = end_of(segment);
            hits = 0;
        }
        hits += 1;
        if !partial.dropped {
            partial.starts.push(Place::at(haystack, pos));
            if partial.starts.len() > KEEP_STARTS {
                partial.starts = Vec::new();
                partial.dropped = true;
            }
        }
    }
    if hits > 0 {
        partial.push(first + segment, hits);
        partial.owned_by(spans[segment].owner);
    }
    go_on().then_some(partial)
}

impl SearchIndex {
    /// Every hit of `query` (folded here), counted per string. An empty or all-space query
    /// finds nothing.
    pub fn search(&self, query: &str) -> SearchResults {
        self.search_after(query, None, &|| true).unwrap_or_default()
    }

    /// [`SearchIndex::search`] that gives up, returning `None`, soon after `go_on` says no
    /// (it is asked about every megabyte of folded text): for a search on a worker thread
    /// that a newer keystroke makes stale.
    pub fn search_while(&self, query: &str, go_on: &(dyn Fn() -> bool + Sync)) -> Option<SearchResults> {
        self.search_after(query, None, go_on)
    }

    /// [`SearchIndex::search_while`], given the results of an earlier query: if they are this
    /// index's and the query extends theirs (its fold starts with theirs), only the strings
    /// they matched are searched — every hit of the longer query starts with a hit of the
    /// shorter one. The results are the same as a whole search's.
    pub fn search_after(
        &self,
        query: &str,
        previous: Option<&SearchResults>,
        go_on: &(dyn Fn() -> bool + Sync),
    ) -> Option<SearchResults> {
        let query = fold(query);
        if query.len() == 1 && query != " " {
            // A letter: answered from the tallies, its hits counted per string when asked.
            return Some(self.letter_results(query));
        }
        if let Some(pair) = pair_query(&query).filter(|_| self.pairs_tallied() && !self.segments.is_empty()) {
            // Two letters: answered from the tallies too, the strings found when asked.
            return Some(self.pair_results(query, pair));
        }
        self.search_folded(query, previous, go_on)
    }

    /// A whole search of `query` (folded here), whatever its length: what a pair's tallies
    /// stand for (for tests and benches that compare the two).
    #[doc(hidden)]
    pub fn search_whole(&self, query: &str, go_on: &(dyn Fn() -> bool + Sync)) -> Option<SearchResults> {
        self.search_folded(fold(query), None, go_on)
    }

    /// [`SearchIndex::search_after`] past the tallies: a scan.
    pub(super) fn search_folded(
        &self,
        query: String,
        previous: Option<&SearchResults>,
        go_on: &(dyn Fn() -> bool + Sync),
    ) -> Option<SearchResults> {
        let mut results = SearchResults { index: self.id, ..SearchResults::default() };
        if !query.trim_matches(' ').is_empty() && !self.segments.is_empty() {
            let finder = memmem::Finder::new(query.as_bytes());
            // Earlier results to search within: their hits' places when kept (checking each
            // costs less than any pass), else their strings when those are few enough.
            let within = previous.filter(|p| {
                p.index == self.id
                    && !p.query.trim_matches(' ').is_empty()
                    && query.starts_with(p.query.as_str())
                    && (self.folded_len() < SMALL
                        || usable_starts(p)
                        || p.matches.placed().is_some_and(|m| self.cheaper_within(m)))
            });
            let partials = match within {
                Some(previous) => {
                    let chunks = self.chunks_within(previous);
                    in_threads(&chunks, |&(chunk, starts)| self.scan_within(&finder, chunk, starts, go_on))?
                }
                None => whole_pass(&self.parts, &self.spans, &finder, go_on)?,
            };
            results.join(partials);
        }
        results.query = query;
        Some(results)
    }

    /// The earlier results to search within, in runs of matches a thread each, with the
    /// places of their hits when those are enough: the pieces they were found in (the
    /// threads of a search get about the same share), or, without places, or with a single
    /// piece, an even share of the matches each.
    fn chunks_within<'a>(&self, previous: &'a SearchResults) -> Vec<(&'a [Match], &'a [Place])> {
        let earlier = previous.matches();
        let mut chunks = Vec::new();
        // The places of the earlier hits are enough when no two of them can overlap (so that
        // every place the earlier query is found is among them).
        if usable_starts(previous) && previous.starts.len() > 1 {
            let mut from = 0;
            for piece in previous.starts.iter() {
                chunks.push((&earlier[from..from + piece.matches], &piece.places[..]));
                from += piece.matches;
            }
            return chunks;
        }
        let starts = match &previous.starts[..] {
            [piece] if usable_starts(previous) => &piece.places[..],
            _ => &[][..],
        };
        let per_thread = earlier.len().div_ceil(self.parts.len().max(1)).max(1);
        let mut from = 0;
        for chunk in earlier.chunks(per_thread) {
            let hits = if starts.is_empty() { 0 } else { chunk.iter().map(|m| m.hits as usize).sum() };
            chunks.push((chunk, &starts[from..from + hits]));
            from += hits;
        }
        chunks
    }

    /// Whether searching the strings of `matches` costs less than a whole pass: their bytes,
    /// and a cost per string, come to less than half the folded text.
    fn cheaper_within(&self, matches: &[Match]) -> bool {
        let budget = self.folded_len() / 2;
        if matches.len().saturating_mul(PER_STRING) >= budget {
            return false;
        }
        let mut cost = matches.len() * PER_STRING;
        for m in matches {
            cost += self.segments[m.segment as usize].len as usize;
            if cost >= budget {
                return false;
            }
        }
        true
    }

    /// The events and sources of a partial's matches.
    fn owners(&self, partial: &mut Partial) {
        for i in 0..partial.matches.len() {
            partial.owned_by(self.spans[partial.matches[i].segment as usize].owner);
        }
    }

    /// The hits in the strings of `matches` (earlier results, whose hits start at `starts`
    /// when kept, else empty); `None` if `go_on` said to stop. With `starts`, only those
    /// places are looked at; else each string is searched.
    fn scan_within(
        &self,
        finder: &memmem::Finder<'_>,
        matches: &[Match],
        starts: &[Place],
        go_on: &dyn Fn() -> bool,
    ) -> Option<Partial> {
        let mut partial = Partial::default();
        let needle = finder.needle();
        let word = needle_word(needle);
        let (mut scanned, mut ask_at) = (0, CHECK_EVERY);
        let mut next_start = 0;
        // A place's bytes never match into the next string (a query holds no separator), nor
        // past the end of the buffer, where they are zeros, unless the query holds a zero:
        // only then is a place checked against the end of its string (a lookup that misses
        // the cache, at a million places).
        let bounded = needle.contains(&0);
        for m in matches {
            let at = m.segment as usize;
            let before = partial.starts.len();
            if starts.is_empty() {
                let segment = &self.segments[at];
                let buffer = self.part_of(at).buffer.as_bytes();
                let bytes = &buffer[segment.start()..segment.end()];
                partial.starts.extend(finder.find_iter(bytes).map(|pos| Place::at(buffer, segment.start() + pos)));
                scanned += bytes.len();
            } else {
                let end_of_string = if bounded { self.segments[at].end() } else { usize::MAX };
                // Left to right, without overlapping, as `find_iter` does (places ascend, and
                // those of the string before end before this one's start).
                let mut free_from = 0;
                for place in &starts[next_start..next_start + m.hits as usize] {
                    let start = place.start as usize;
                    let end = start + needle.len();
                    if start < free_from || end > end_of_string {
                        continue;
                    }
                    let found = match word {
                        Some((word, mask)) => u64::from_le_bytes(place.next) & mask == word,
                        None => self.part_of(at).buffer.as_bytes().get(start..end) == Some(needle),
                    };
                    if found {
                        partial.starts.push(*place);
                        free_from = end;
                    }
                }
                next_start += m.hits as usize;
                scanned += m.hits as usize * needle.len();
            }
            if partial.starts.len() > before {
                partial.push(at, partial.starts.len() - before);
            }
            if scanned >= ask_at {
                if !go_on() {
                    return None;
                }
                ask_at = scanned + CHECK_EVERY;
            }
        }
        if !go_on() {
            return None;
        }
        self.owners(&mut partial);
        Some(partial)
    }

    /// Hits of the bytes `needle` in the folded text, counted by a plain `memmem` pass over
    /// each part (a thread each, as a search): what a search's scan is measured against.
    #[doc(hidden)]
    pub fn memmem_pass(&self, needle: &[u8]) -> usize {
        let finder = memmem::Finder::new(needle);
        let parts: Vec<usize> = (0..self.parts.len()).collect();
        let counts = in_threads(&parts, |&part| {
            Some(Partial { hits: finder.find_iter(self.parts[part].buffer.as_bytes()).count(), ..Partial::default() })
        });
        counts.unwrap_or_default().iter().map(|p| p.hits).sum()
    }
}
