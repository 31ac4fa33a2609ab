//! One-letter queries, answered from tallies kept with the index.
//!
//! A letter has tens of millions of hits at a million events: counting them takes a pass over
//! all the folded text, string by string. But what the screen shows first — how many hits,
//! in which events and sources — does not depend on the strings. So the index keeps, from the
//! pass that folds the text, how often each ASCII byte occurs in all ([`Letters::totals`]) and
//! which ASCII bytes each event and each source holds (a bit each); a one-letter query is
//! then answered by reading one bit per event. (A query of one byte is always ASCII: a fold is
//! UTF-8, and any other character folds to two bytes or more.)
//!
//! Which strings match, and how often each, is worked out only when something asks for it
//! (`n`, the match list, the concordance): each string's bytes counted, eight at a time in a
//! word, on every core ([`count_per_string`]). The search thread starts on it as soon as it
//! has sent the count, and gives it up when a newer query comes.

use std::sync::Arc;

use super::{Part, SearchIndex, Segment, scan::in_threads};
use crate::search::results::Matches;
use crate::search::{Match, SearchResults};

/// How much folded text the count per string goes through between two looks at whether to
/// go on.
const CHECK_EVERY: usize = 1 << 20;

/// What a string costs to count on its own beyond its bytes, in bytes: the work of a thread
/// is cut by bytes plus this per string (a part of short event strings costs more than a part
/// of the same size holding a few long articles).
const PER_STRING: usize = 24;

/// The ASCII bytes of the folded text: how often each occurs, and which each event and source
/// holds (bit `b` of the mask for byte `b`; a source's title and text together).
#[derive(Clone, Default)]
pub(super) struct Letters {
    totals: Vec<u64>,
    events: Vec<u128>,
    sources: Vec<u128>,
}

/// The tally of one part being folded: every byte counted, and the bytes of each record.
pub(super) struct Tally {
    counts: [u64; 256],
    /// The ASCII counts when the record being folded began.
    before: [u64; 128],
    /// Each record folded, in order, and the ASCII bytes it holds.
    pub records: Vec<(super::Record, u128)>,
}

impl Default for Tally {
    fn default() -> Self {
        Tally { counts: [0; 256], before: [0; 128], records: Vec::new() }
    }
}

impl Tally {
    /// Counts the bytes folded for `record` (`bytes`, separators included: a query never
    /// holds one).
    pub fn add(&mut self, record: super::Record, bytes: &[u8]) {
        for &b in bytes {
            self.counts[usize::from(b)] += 1;
        }
        // The bytes whose count moved are those the record holds.
        let mut held = 0u128;
        for (b, (now, before)) in self.counts[..128].iter().zip(&self.before).enumerate() {
            held |= u128::from(now != before) << b;
        }
        held &= !(1 << super::SEPARATOR);
        self.before.copy_from_slice(&self.counts[..128]);
        self.records.push((record, held));
    }
}

impl Letters {
    /// The tallies of every part, for a dataset of `events` events and `sources` sources.
    pub fn gather(tallies: Vec<Tally>, events: usize, sources: usize) -> Letters {
        let mut letters = Letters { totals: vec![0; 128], events: vec![0; events], sources: vec![0; sources] };
        for tally in tallies {
            for (total, count) in letters.totals.iter_mut().zip(&tally.counts) {
                *total += count;
            }
            for (record, held) in tally.records {
                match record {
                    super::Record::Event(e) => letters.events[e] |= held,
                    super::Record::SourceTitle(s) | super::Record::Source(s) => letters.sources[s] |= held,
                }
            }
        }
        // Separators are not text.
        letters.totals[usize::from(super::SEPARATOR)] = 0;
        letters
    }
}

impl Letters {
    /// How many events and sources the tallies are of.
    pub fn owners(&self) -> (usize, usize) {
        (self.events.len(), self.sources.len())
    }
}

impl SearchIndex {
    /// The results of the folded one-byte query `query`: the count and the events and sources
    /// from the tallies; the strings that match counted when first asked for.
    pub(super) fn letter_results(&self, query: String) -> SearchResults {
        let byte = query.as_bytes()[0];
        let Some(&total) = self.letters.totals.get(usize::from(byte)) else {
            return SearchResults { query, index: self.id, ..SearchResults::default() };
        };
        let bit = 1u128 << byte;
        let holding = |masks: &[u128]| -> Vec<usize> {
            masks.iter().enumerate().filter(|(_, m)| *m & bit != 0).map(|(i, _)| i).collect()
        };
        let (parts, segments) = (Arc::clone(&self.parts), Arc::clone(&self.segments));
        let count = move |go_on: &(dyn Fn() -> bool + Sync)| count_per_string(&parts, &segments, byte, go_on);
        SearchResults {
            query,
            index: self.id,
            matches: Arc::new(Matches::counted_later(Box::new(count))),
            hit_count: total as usize,
            events: Arc::new(holding(&self.letters.events)),
            sources: Arc::new(holding(&self.letters.sources)),
            starts: Arc::default(),
            tallied: true,
        }
    }
}

/// Each string that holds `byte`, and how often: the segments cut into runs of about the same
/// cost, one per core, each counted on a thread. `None` if `go_on` said to stop.
fn count_per_string(
    parts: &[Part],
    segments: &[Segment],
    byte: u8,
    go_on: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Match>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(parts.len().max(1) * 2);
    let cost = |s: &Segment| s.len as usize + PER_STRING;
    let total: usize = segments.iter().map(cost).sum();
    let mut runs = Vec::with_capacity(threads);
    let (mut from, mut sum) = (0, 0);
    for (i, segment) in segments.iter().enumerate() {
        sum += cost(segment);
        if sum >= total * (runs.len() + 1) / threads && runs.len() + 1 < threads {
            runs.push(from..i + 1);
            from = i + 1;
        }
    }
    runs.push(from..segments.len());
    let found = in_threads(&runs, |run| count_run(parts, segments, run.clone(), byte, go_on))?;
    let mut found = found.into_iter();
    let mut matches = found.next().unwrap_or_default();
    for mut more in found {
        matches.append(&mut more);
    }
    Some(matches)
}

/// [`count_per_string`] for the segments of `run`.
fn count_run(
    parts: &[Part],
    segments: &[Segment],
    run: std::ops::Range<usize>,
    byte: u8,
    go_on: &dyn Fn() -> bool,
) -> Option<Vec<Match>> {
    let mut matches = Vec::new();
    let mut part = parts.partition_point(|p| p.first <= run.start).saturating_sub(1);
    let (mut counted, mut ask_at) = (0, CHECK_EVERY);
    for at in run {
        while parts.get(part + 1).is_some_and(|next| next.first <= at) {
            part += 1;
        }
        let segment = &segments[at];
        let bytes = &parts[part].buffer.as_bytes()[segment.start()..segment.end()];
        // A long string (an article) a megabyte at a time, asking whether to go on.
        let mut hits = 0;
        for piece in bytes.chunks(CHECK_EVERY) {
            counted += piece.len();
            if counted >= ask_at {
                if !go_on() {
                    return None;
                }
                ask_at = counted + CHECK_EVERY;
            }
            hits += count_byte(piece, byte);
        }
        if hits > 0 {
            matches.push(Match { segment: at as u32, hits: hits as u32 });
        }
    }
    go_on().then_some(matches)
}

/// Each byte of a word: 0x01 repeated.
const ONES: u64 = u64::from_le_bytes([1; 8]);
/// Each byte's top bit.
const TOPS: u64 = ONES << 7;

/// The top bit of each zero byte of `v`, and no other bit (exact, unlike the usual test that
/// may also flag a 0x01 byte after a zero one).
fn zero_bytes(v: u64) -> u64 {
    !(((v & !TOPS).wrapping_add(!TOPS)) | v) & TOPS
}

/// The sum of the eight bytes of `lanes`.
fn sum_lanes(lanes: u64) -> usize {
    const PAIRS: u64 = 0x00ff_00ff_00ff_00ff;
    let pairs = (lanes & PAIRS) + ((lanes >> 8) & PAIRS);
    (pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48) as usize
}

/// How many times `byte` is in `bytes`: eight bytes at a time, each byte of a word counting
/// its own hits (up to 255 words before they are summed). A string is short (a title: tens
/// of bytes), and `memchr`'s count costs more to set up than to run on one.
fn count_byte(bytes: &[u8], byte: u8) -> usize {
    let pattern = ONES * u64::from(byte);
    let hits = |w: &[u8]| zero_bytes(u64::from_le_bytes(w.try_into().unwrap_or_default()) ^ pattern);
    let mut count = 0;
    let mut blocks = bytes.chunks_exact(8 * 255);
    for block in &mut blocks {
        count += sum_lanes(block.chunks_exact(8).map(|w| hits(w) >> 7).sum());
    }
    let rest = blocks.remainder();
    let mut words = rest.chunks_exact(8);
    count += sum_lanes((&mut words).map(|w| hits(w) >> 7).sum());
    let tail = words.remainder().len();
    if tail == 0 {
        count
    } else if bytes.len() >= 8 {
        // The last eight bytes, of which only those of the tail count.
        count + (hits(&bytes[bytes.len() - 8..]) >> (8 * (8 - tail))).count_ones() as usize
    } else {
        count + bytes.iter().filter(|&&b| b == byte).count()
    }
}

#[cfg(test)]
mod tests {
    use super::super::{SOURCE, SOURCE_TITLE};
    use super::*;
    use crate::model::Dataset;

    /// Whether a segment is a source's title or text (else an event's field).
    fn of_source(segment: &Segment) -> bool {
        segment.field == SOURCE || segment.field == SOURCE_TITLE
    }

    #[test]
    fn a_byte_is_counted_as_a_plain_count_does() {
        let mut text = Vec::new();
        for i in 0..3000u32 {
            text.push(match i % 7 {
                0 | 3 => b'c',
                5 => 0x01,
                6 => 0xe3,
                _ => (i % 251) as u8,
            });
        }
        for byte in [b'c', 0, 0x01, 0xe3, 0xff, b'\n'] {
            for start in [0, 1, 5, 8, 13] {
                for end in [start, start + 1, start + 7, start + 8, start + 9, start + 300, 2047, 2048, 2049, 3000] {
                    let bytes = &text[start..end.max(start)];
                    let plain = bytes.iter().filter(|&&b| b == byte).count();
                    assert_eq!(count_byte(bytes, byte), plain, "{byte:#x} in {start}..{end}");
                }
            }
        }
        assert_eq!(count_byte(&[b'c'; 5000], b'c'), 5000, "past 255 words per lane");
    }

    /// Every letter's results from the tallies are those a count string by string gives.
    #[test]
    fn the_tallies_agree_with_the_strings() {
        let dataset = crate::load::bundled().expect("bundled");
        for threads in [1, 3] {
            let index = SearchIndex::in_parts(&dataset, threads);
            for byte in (b' '..=b'~').chain([b'\n']) {
                let results = index.letter_results(char::from(byte).to_string());
                let (mut hit_count, mut events, mut sources) = (0, Vec::new(), Vec::new());
                for (at, segment) in index.segments.iter().enumerate() {
                    let part = index.part_of(at);
                    let hits = count_byte(&part.buffer.as_bytes()[segment.start()..segment.end()], byte);
                    if hits == 0 {
                        continue;
                    }
                    hit_count += hits;
                    let owners = if of_source(segment) { &mut sources } else { &mut events };
                    owners.push(segment.owner as usize);
                }
                events.dedup();
                sources.sort_unstable();
                sources.dedup();
                assert_eq!(
                    (results.hit_count, results.matching_events(), results.matching_sources()),
                    (hit_count, &events[..], &sources[..]),
                    "{:?} in {threads} parts",
                    char::from(byte)
                );
                let listed: usize = results.matches().iter().map(|m| m.hits as usize).sum();
                assert_eq!(listed, results.hit_count, "{:?}: the strings' counts add up", char::from(byte));
            }
        }
        let none = SearchIndex::new(&Dataset::default()).search("e");
        assert!(none.is_empty() && none.matches().is_empty() && none.matching_events().is_empty());
    }

    #[test]
    fn a_count_per_string_told_to_stop_gives_up() {
        let index = SearchIndex::new(&crate::load::bundled().expect("bundled"));
        let results = index.search("e");
        assert!(!results.matches.place_while(&|| false), "given up");
        assert!(results.matches.placed().is_none(), "nothing kept of it");
        assert!(results.matches.place_while(&|| true));
        assert_eq!(results.matches.placed().map(<[Match]>::len), Some(results.matches().len()));
    }
}
