//! Two-letter queries, answered from tallies kept with the index.
//!
//! Two letters still have a million hits at a million events ("cl"), and finding them takes a
//! whole pass over the folded text. What the screen shows first — how many hits, in which
//! events and sources — is kept instead, for every pair of ASCII bytes: how often it occurs
//! (counted as a search counts, without overlapping: "aaa" holds "aa" once) and which events
//! and sources hold it, as a sorted list when they are few, as a bit per event and source when
//! they are many. The tallies take a pass over the folded text of their own, on one thread
//! ([`SearchIndex::tally_pairs`]): at a million events, seconds, which the app spends once
//! the index is in use (two letters are searched by a whole pass meanwhile).
//!
//! The strings that match and where each hit is — for `n`, the lists, and a letter typed on,
//! which is searched within those places — come from a whole pass all the same, made after
//! the count is shown ([`SearchIndex::complete`]), or when first asked for.

use std::sync::Arc;

use memchr::memmem;

use super::scan::whole_pass;
use super::{OF_SOURCE, Part, SEPARATOR, SearchIndex};
use crate::search::results::Matches;
use crate::search::{Match, SearchResults};

/// A pair of ASCII bytes `a`, `b` is tallied at `a << 7 | b`.
const PAIRS: usize = 1 << 14;

/// An owner listed costs four bytes, a bit costs an eighth of one: a pair held by more than
/// one owner in `DENSE` is kept as bits.
const DENSE: usize = 32;

/// Where the pair `a`, `b` is tallied: both ASCII, neither a separator (a query holds none).
fn pair_of(a: u8, b: u8) -> Option<usize> {
    ((a | b) < 0x80 && a != SEPARATOR && b != SEPARATOR).then(|| usize::from(a) << 7 | usize::from(b))
}

/// The pair a folded query of two bytes is, if the tallies can answer it.
pub(super) fn pair_query(query: &str) -> Option<usize> {
    match query.as_bytes() {
        &[a, b] if query != "  " => pair_of(a, b),
        _ => None,
    }
}

/// Which events and sources hold a pair: owner `o` is event `o`, or source `o - events`.
#[derive(Clone, Default)]
enum Held {
    #[default]
    None,
    Few(Box<[u32]>),
    Many(Box<[u64]>),
}

/// The pairs of ASCII bytes of the folded text: how often each occurs, and who holds it.
#[derive(Clone, Default)]
pub(super) struct Pairs {
    totals: Vec<u64>,
    held: Vec<Held>,
    events: usize,
}

/// The owners of a pair: listed, until they are many, then bits.
#[derive(Default)]
struct Owners {
    list: Vec<u32>,
    bits: Vec<u64>,
}

impl Owners {
    fn add(&mut self, owner: u32, owners: usize) {
        if !self.bits.is_empty() {
            self.bits[owner as usize / 64] |= 1 << (owner % 64);
            return;
        }
        self.list.push(owner);
        if self.list.len() * DENSE > owners {
            self.bits = vec![0; owners.div_ceil(64)];
            for owner in std::mem::take(&mut self.list) {
                self.bits[owner as usize / 64] |= 1 << (owner % 64);
            }
        }
    }
}

/// The pair tally of the folded text, built a part after another.
struct PairTally {
    counts: Vec<u64>,
    /// The number of the last run of strings of one owner each pair was found in (numbered
    /// from 1).
    stamps: Vec<u32>,
    sets: Vec<Owners>,
    run: u32,
    /// The owner of the strings being tallied.
    owner: u32,
    owners: usize,
}

impl PairTally {
    fn new(owners: usize) -> PairTally {
        PairTally {
            counts: vec![0; PAIRS],
            stamps: vec![0; PAIRS],
            sets: std::iter::repeat_with(Owners::default).take(PAIRS).collect(),
            run: 0,
            owner: u32::MAX,
            owners,
        }
    }

    /// Counts the pairs of one folded string of `owner` (an event `e`, or a source `s` as
    /// events + `s`).
    fn add(&mut self, owner: u32, bytes: &[u8]) {
        if owner != self.owner {
            (self.owner, self.run) = (owner, self.run + 1);
        }
        // Whether the pair ending at the byte before was counted as a doubled byte ("aa"):
        // the next "aa" overlaps it and is not counted.
        let (mut before, mut doubled) = (SEPARATOR, false);
        for &byte in bytes {
            if let Some(pair) = pair_of(before, byte) {
                let counted = before != byte || !doubled;
                doubled = before == byte && counted;
                if counted {
                    self.counts[pair] += 1;
                    if self.stamps[pair] != self.run {
                        self.stamps[pair] = self.run;
                        self.sets[pair].add(owner, self.owners);
                    }
                }
            } else {
                doubled = false;
            }
            before = byte;
        }
    }
}

impl Pairs {
    /// The tally of the whole folded text, whose owners below `events` are events.
    fn gather(tally: PairTally, events: usize) -> Pairs {
        let held = tally
            .sets
            .into_iter()
            .map(|owners| {
                if !owners.bits.is_empty() {
                    Held::Many(owners.bits.into())
                } else if owners.list.is_empty() {
                    Held::None
                } else {
                    // A source's title and text are two runs, far apart: sorted here.
                    let mut list = owners.list;
                    list.sort_unstable();
                    list.dedup();
                    Held::Few(list.into())
                }
            })
            .collect();
        Pairs { totals: tally.counts, held, events }
    }

    /// The events and sources holding `pair`, ascending.
    fn owners(&self, pair: usize) -> (Vec<usize>, Vec<usize>) {
        let (mut events, mut sources) = (Vec::new(), Vec::new());
        let mut take = |owner: usize| {
            if owner < self.events { events.push(owner) } else { sources.push(owner - self.events) }
        };
        match self.held.get(pair) {
            None | Some(Held::None) => {}
            Some(Held::Few(list)) => list.iter().for_each(|&owner| take(owner as usize)),
            Some(Held::Many(bits)) => {
                for (at, &word) in bits.iter().enumerate() {
                    let mut word = word;
                    while word != 0 {
                        take(at * 64 + word.trailing_zeros() as usize);
                        word &= word - 1;
                    }
                }
            }
        }
        (events, sources)
    }
}

impl SearchIndex {
    /// Tallies the pairs of the folded text, unless they are tallied: from then on a
    /// two-letter query is answered from them. On the calling thread alone: the app calls it
    /// once the index is in use, and leaves the other core to the screen and to searches.
    pub fn tally_pairs(&self) {
        if self.pairs.get().is_some() {
            return;
        }
        let (events, sources) = self.letters.owners();
        let mut tally = PairTally::new(events + sources);
        for part in 0..self.parts.len() {
            self.tally_part(part, events, &mut tally);
        }
        let _ = self.pairs.set(Pairs::gather(tally, events));
    }

    /// Adds the pairs of the strings of part number `part` to `tally` (whose first `events`
    /// owners are events, the sources after them).
    fn tally_part(&self, part: usize, events: usize, tally: &mut PairTally) {
        let Part { buffer, first, .. } = &self.parts[part];
        let end = self.parts.get(part + 1).map_or(self.segments.len(), |next| next.first);
        for (segment, span) in self.segments[*first..end].iter().zip(&self.spans[*first..end]) {
            let owner = match span.owner & OF_SOURCE {
                0 => span.owner,
                _ => (span.owner & !OF_SOURCE) + events as u32,
            };
            tally.add(owner, &buffer.as_bytes()[segment.start()..segment.end()]);
        }
    }

    /// This index without its pairs tallied (sharing its folded text): for a bench of
    /// [`SearchIndex::tally_pairs`].
    #[doc(hidden)]
    pub fn without_pairs(&self) -> SearchIndex {
        SearchIndex { pairs: std::sync::OnceLock::new(), ..self.clone() }
    }

    /// Whether two-letter queries are answered from the tallies yet.
    pub fn pairs_tallied(&self) -> bool {
        self.pairs.get().is_some()
    }

    /// The results of the folded two-byte query `query` (a pair, [`pair_query`]): the count
    /// and the events and sources from the tallies; the strings that match found by a whole
    /// pass when first asked for.
    pub(super) fn pair_results(&self, query: String, pair: usize) -> SearchResults {
        let Some((pairs, &total)) = self.pairs.get().and_then(|pairs| Some((pairs, pairs.totals.get(pair)?))) else {
            return SearchResults { query, index: self.id, ..SearchResults::default() };
        };
        let (events, sources) = pairs.owners(pair);
        let (parts, spans) = (Arc::clone(&self.parts), Arc::clone(&self.spans));
        let needle = query.clone().into_bytes();
        let find = move |go_on: &(dyn Fn() -> bool + Sync)| {
            let partials = whole_pass(&parts, &spans, &memmem::Finder::new(&needle), go_on)?;
            Some(partials.into_iter().flat_map(|p| p.matches).collect::<Vec<Match>>())
        };
        SearchResults {
            query,
            index: self.id,
            matches: Arc::new(Matches::counted_later(Box::new(find))),
            hit_count: total as usize,
            events: Arc::new(events),
            sources: Arc::new(sources),
            starts: Arc::default(),
            tallied: true,
        }
    }

    /// What results of this index answered from its tallies still lack: a letter's strings,
    /// or a pair's strings and the places of its hits. `None` once they are there.
    pub fn unfinished(&self, results: &SearchResults) -> Option<Unfinished> {
        if results.index != self.id || !results.tallied {
            None
        } else if pair_query(&results.query).is_some() {
            Some(Unfinished::Places)
        } else {
            (!results.matches_counted()).then_some(Unfinished::Strings)
        }
    }

    /// Completes results answered from the tallies, unless `go_on` says to stop first
    /// (`None`): a letter's strings are counted; a pair is searched by a whole pass, whose
    /// results, with the places of every hit, are returned to be kept for a letter typed on.
    /// Either way the strings come to every copy of `results` (the screen's among them).
    pub fn complete(&self, results: &SearchResults, go_on: &(dyn Fn() -> bool + Sync)) -> Option<SearchResults> {
        match self.unfinished(results) {
            None => Some(results.clone()),
            Some(Unfinished::Strings) => results.count_matches_while(go_on).then(|| results.clone()),
            Some(Unfinished::Places) => {
                let mut whole = self.search_folded(results.query.clone(), None, go_on)?;
                if let Some(list) = Arc::get_mut(&mut whole.matches).and_then(Matches::take) {
                    results.matches.fill(list);
                }
                whole.matches = Arc::clone(&results.matches);
                Some(whole)
            }
        }
    }
}

/// What is left to find of results answered from the tallies ([`SearchIndex::unfinished`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unfinished {
    /// Which strings hold a letter, and how often.
    Strings,
    /// Which strings hold a pair, and where each hit is.
    Places,
}

#[cfg(test)]
mod tests;
