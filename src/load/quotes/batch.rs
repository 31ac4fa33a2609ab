//! Checking many quotes of one source at once: the source normalised once, every distinct
//! quote found in one multi-pattern pass (Aho-Corasick), and those not found measured against
//! it together (see the module above).

use std::ops::Range;

use super::Normalized;

/// The first place (start offset) where each of `patterns` occurs in `hay`, in one
/// Aho-Corasick pass; `None` for those that do not occur or are empty. `work` counts the bytes
/// scanned.
///
/// Each pattern's first match is all that counts, but an overlapping search reports every
/// match of every pattern: when matches of patterns already found pile up (a quote of one
/// word everywhere in the source), the automaton is built again without them and the search
/// goes on from where it was. Rebuilding costs the patterns' length, and only happens once as
/// many matches as that were ignored, so the whole costs a few times the haystack and the
/// patterns.
///
/// Patterns are taken a few megabytes at a time, so that no automaton grows past a bounded
/// size (each is several times its patterns' length).
pub(crate) fn first_occurrences(hay: &[u8], patterns: &[&str], work: &mut u64) -> Vec<Option<usize>> {
    first_occurrences_in_groups(hay, patterns, 4 << 20, work)
}

pub(super) fn first_occurrences_in_groups(
    hay: &[u8],
    patterns: &[&str],
    group_bytes: usize,
    work: &mut u64,
) -> Vec<Option<usize>> {
    let mut first = Vec::with_capacity(patterns.len());
    let mut start = 0;
    while start < patterns.len() {
        let (mut end, mut bytes) = (start, 0);
        while end < patterns.len() && (end == start || bytes + patterns[end].len() <= group_bytes) {
            bytes += patterns[end].len();
            end += 1;
        }
        first.extend(first_occurrences_of_group(hay, &patterns[start..end], work));
        start = end;
    }
    first
}

fn first_occurrences_of_group(hay: &[u8], patterns: &[&str], work: &mut u64) -> Vec<Option<usize>> {
    let mut first: Vec<Option<usize>> = vec![None; patterns.len()];
    let mut remaining: Vec<usize> = (0..patterns.len()).filter(|&i| !patterns[i].is_empty()).collect();
    // Every match ending at or before this offset has been seen (`None`: nothing searched yet).
    let mut seen_end: Option<usize> = None;
    while !remaining.is_empty() {
        // A few long patterns (whole quotes of thousands of characters) would make the
        // builder choose a DFA of hundreds of megabytes: past 64 KB of patterns, an NFA.
        let bytes: usize = remaining.iter().map(|&i| patterns[i].len()).sum();
        let kind = (bytes > 1 << 16).then_some(aho_corasick::AhoCorasickKind::ContiguousNFA);
        let built = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::Standard)
            .kind(kind)
            .build(remaining.iter().map(|&i| patterns[i]));
        let Ok(automaton) = built else {
            // Too many or too long patterns for an automaton: one search each.
            for &i in &remaining {
                *work += hay.len() as u64;
                first[i] = memchr::memmem::find(hay, patterns[i].as_bytes());
            }
            return first;
        };
        let longest = remaining.iter().map(|&i| patterns[i].len()).max().unwrap_or(1);
        let pattern_bytes: usize = remaining.iter().map(|&i| patterns[i].len()).sum();
        let from = seen_end.map_or(0, |end| (end + 1).saturating_sub(longest));
        let mut ignored = 0;
        let mut left = remaining.len();
        let mut stopped_at = None;
        let mut scanned_to = from;
        for found in automaton.find_overlapping_iter(&hay[from..]) {
            let (start, end) = (from + found.start(), from + found.end());
            scanned_to = end;
            if seen_end.is_some_and(|seen| end <= seen) {
                continue;
            }
            let slot = &mut first[remaining[found.pattern().as_usize()]];
            if slot.is_none() {
                *slot = Some(start);
                left -= 1;
                if left == 0 {
                    break;
                }
            } else {
                ignored += 1;
                if ignored > pattern_bytes.max(1 << 16) {
                    stopped_at = Some(end);
                    break;
                }
            }
        }
        match stopped_at {
            None => {
                *work += (if left == 0 { scanned_to } else { hay.len() } - from) as u64;
                break;
            }
            Some(end) => {
                *work += (end - from) as u64;
                // Matches ending at `end` itself may not all have been reported.
                seen_end = Some(end - 1);
                remaining.retain(|&i| first[i].is_none());
            }
        }
    }
    first
}

/// What checking one quote against its source gave: where it stands in the source, or the
/// part of the message that says how it departs from it.
pub(crate) type Outcome = Result<Range<usize>, String>;

/// Checks every distinct (normalised, non-empty) quote of one source at once: the same
/// outcome as [`find`] and [`Normalized::mismatch`] for each, in a few passes over the source
/// whatever the number of quotes. `work` counts the bytes scanned.
pub(crate) fn check_batch(source: &str, quotes: &[&str], work: &mut u64) -> Vec<Outcome> {
    let normalized = Normalized::new(source);
    *work += source.len() as u64;
    let hay = normalized.text.as_bytes();
    let found = first_occurrences(hay, quotes, work);
    let mut outcomes: Vec<Outcome> = found
        .iter()
        .zip(quotes)
        .map(|(at, quote)| at.map(|at| normalized.range(at, quote.len())).ok_or_else(String::new))
        .collect();
    // The quotes not found: the longest prefix (ending on a character boundary) of each that
    // is, by a binary search on its length, all quotes one step at a time. Only the first
    // `PROBED` bytes are searched so (every round builds an automaton of the prefixes: of
    // long quotes, megabytes); a start found whole is followed on where it was found.
    struct Search<'q> {
        index: usize,
        quote: &'q str,
        boundaries: Vec<usize>,
        low: usize,
        high: usize,
        /// Where the longest prefix found so far first starts.
        at: usize,
    }
    let mut searches: Vec<Search<'_>> = outcomes
        .iter()
        .enumerate()
        .filter(|(_, outcome)| outcome.is_err())
        .map(|(index, _)| {
            let quote = quotes[index];
            let boundaries: Vec<usize> = quote
                .char_indices()
                .map(|(i, _)| i)
                .skip(1)
                .chain([quote.len()])
                .take_while(|&end| end <= PROBED)
                .collect();
            let high = boundaries.len();
            Search { index, quote, boundaries, low: 0, high, at: 0 }
        })
        .collect();
    loop {
        let probing: Vec<usize> = (0..searches.len()).filter(|&s| searches[s].low < searches[s].high).collect();
        if probing.is_empty() {
            break;
        }
        let mut distinct: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let mut prefixes: Vec<&str> = Vec::new();
        let slots: Vec<usize> = probing
            .iter()
            .map(|&s| {
                let search = &searches[s];
                let mid = search.low + (search.high - search.low) / 2;
                let prefix = &search.quote[..search.boundaries[mid]];
                *distinct.entry(prefix).or_insert_with(|| {
                    prefixes.push(prefix);
                    prefixes.len() - 1
                })
            })
            .collect();
        let found = first_occurrences(hay, &prefixes, work);
        for (&s, slot) in probing.iter().zip(slots) {
            let search = &mut searches[s];
            let mid = search.low + (search.high - search.low) / 2;
            match found[slot] {
                Some(at) => {
                    search.low = mid + 1;
                    search.at = at;
                }
                None => search.high = mid,
            }
        }
    }
    for search in searches {
        let prefix = (search.low > 0).then(|| {
            let end = search.boundaries[search.low - 1];
            match search.low == search.boundaries.len() {
                // Every probed start was found: the quote goes on as the source does there.
                true => (followed(search.quote, hay, end, search.at), search.at),
                false => (end, search.at),
            }
        });
        outcomes[search.index] = Err(normalized.prefix_hint(search.quote, prefix));
    }
    outcomes
}

/// Bytes of a quote's start that [`check_batch`] searches for (a longer start found is
/// followed on in the source).
pub(super) const PROBED: usize = 256;

/// How far `quote`, whose first `end` bytes are at `at` in `hay`, goes on as `hay` does there:
/// the end of the longest such start, on a character boundary.
pub(super) fn followed(quote: &str, hay: &[u8], end: usize, at: usize) -> usize {
    let rest = hay.get(at + end..).unwrap_or_default();
    let mut end = end + quote.as_bytes()[end..].iter().zip(rest).take_while(|(a, b)| a == b).count();
    while !quote.is_char_boundary(end) {
        end -= 1;
    }
    end
}
