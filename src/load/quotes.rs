//! Finding quotes in their source's text, with whitespace normalised: every run of white space
//! (spaces, no-break spaces, tabs, line breaks) counts as one space.
//!
//! [`find`] looks for the quote's first word in the source as it is, and checks the words
//! after it with any run of white space between them: no copy of the source is made. Should
//! the source make that slow (the first word everywhere, the rest rarely), it switches to
//! [`Normalized`]: the source normalised once, with a map back to byte offsets, and one
//! substring search. Either way a quote costs time linear in its source.
//!
//! A source quoted many times would still cost quotes × its length that way (200 quotes of a
//! 15 MB source: 3 GB of text looked at). Such a source is checked in one go instead
//! ([`check_batch`]): normalised once, every distinct quote of it found in one multi-pattern
//! pass (Aho-Corasick), and the quotes that are not found measured against it (how much of each
//! matches) in a few more passes, all together. The results are exactly those of [`find`] and
//! [`Normalized::mismatch`] one quote at a time.

use std::ops::Range;

use super::names::{NameAt, Names};

/// A source text with white space runs collapsed, and where each byte came from.
pub(crate) struct Normalized {
    text: String,
    /// `(normalized offset, original offset)` at every point where the distance between the
    /// two changes (after a run of several white space bytes); between two such points, bytes
    /// map one to one. Few entries, where a byte-for-byte map would be 4 times the text.
    shifts: Vec<(u32, u32)>,
}

/// [`normalize`], borrowing a text that is normalised already (most quotes): no copy.
pub(crate) fn normalized(text: &str) -> std::borrow::Cow<'_, str> {
    let mut space_before = true;
    for c in text.chars() {
        match c {
            ' ' if space_before => return normalize(text).into(),
            ' ' => space_before = true,
            c if c.is_whitespace() => return normalize(text).into(),
            _ => space_before = false,
        }
    }
    match space_before && !text.is_empty() {
        // A space at the end.
        true => normalize(text).into(),
        false => text.into(),
    }
}

/// Collapses white space runs to one space and trims both ends.
pub(crate) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

impl Normalized {
    pub fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut shifts: Vec<(u32, u32)> = Vec::new();
        let mut delta = None;
        let mut pending_space: Option<usize> = None;
        for (at, c) in original.char_indices() {
            if c.is_whitespace() {
                if !text.is_empty() && pending_space.is_none() {
                    pending_space = Some(at);
                }
                continue;
            }
            if let Some(space_at) = pending_space.take() {
                mark(&mut shifts, &mut delta, text.len(), space_at);
                text.push(' ');
            }
            mark(&mut shifts, &mut delta, text.len(), at);
            text.push(c);
        }
        Normalized { text, shifts }
    }

    /// The original offset of normalised byte `pos`.
    fn origin(&self, pos: usize) -> usize {
        let i = self.shifts.partition_point(|&(from, _)| from as usize <= pos) - 1;
        let (from, to) = self.shifts[i];
        to as usize + (pos - from as usize)
    }

    /// Where a (normalised, non-empty) quote stands in the original text.
    pub fn find(&self, quote: &str) -> Option<Range<usize>> {
        if quote.is_empty() {
            return None;
        }
        let start = memchr::memmem::find(self.text.as_bytes(), quote.as_bytes())?;
        Some(self.range(start, quote.len()))
    }

    /// The original range of `len` (> 0) normalised bytes from `start`.
    fn range(&self, start: usize, len: usize) -> Range<usize> {
        self.origin(start)..self.origin(start + len - 1) + 1
    }

    /// For a quote that is not found: the longest prefix that is, and what follows in each.
    pub fn mismatch(&self, quote: &str) -> String {
        let boundaries: Vec<usize> = quote.char_indices().map(|(i, _)| i).skip(1).chain([quote.len()]).collect();
        let found = |n: usize| memchr::memmem::find(self.text.as_bytes(), &quote.as_bytes()[..n]);
        let matched = boundaries.partition_point(|&end| found(end).is_some());
        if matched == 0 {
            return self.mismatch_at(quote, None);
        }
        let prefix_end = boundaries[matched - 1];
        self.mismatch_at(quote, Some((prefix_end, found(prefix_end).unwrap_or(0))))
    }

    /// The message of [`Normalized::mismatch`] once the longest prefix of `quote` found in the
    /// source is known: where it ends in the quote and where it first starts in the source.
    fn mismatch_at(&self, quote: &str, prefix: Option<(usize, usize)>) -> String {
        let Some((prefix_end, start)) = prefix else {
            return "no part of it occurs in the source".to_string();
        };
        let at = start + prefix_end;
        let quote_rest: String = quote[prefix_end..].chars().take(24).collect();
        let source_rest: String = self.text[at..].chars().take(24).collect();
        format!(
            "the first {} characters match, then the quote has \"{quote_rest}\" where the source has \"{source_rest}\"",
            quote[..prefix_end].chars().count()
        )
    }
}

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

fn first_occurrences_in_groups(
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
        let built = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::Standard)
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
    // is, by a binary search on its length, all quotes one step at a time.
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
            let boundaries: Vec<usize> = quote.char_indices().map(|(i, _)| i).skip(1).chain([quote.len()]).collect();
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
        let prefix = (search.low > 0).then(|| (search.boundaries[search.low - 1], search.at));
        outcomes[search.index] = Err(normalized.mismatch_at(search.quote, prefix));
    }
    outcomes
}

/// Notes that normalised byte `here` comes from original byte `at`, when the distance between
/// the two is not the one before.
fn mark(shifts: &mut Vec<(u32, u32)>, delta: &mut Option<usize>, here: usize, at: usize) {
    if *delta != Some(at - here) {
        shifts.push((here as u32, at as u32));
        *delta = Some(at - here);
    }
}

/// Where `quote` (normalised by [`normalize`]: words between single spaces, not empty) stands
/// in `source`, white space normalised: the first such place.
pub(crate) fn find(source: &str, quote: &str) -> Option<Range<usize>> {
    let first = quote.split(' ').next().filter(|w| !w.is_empty())?;
    let rest = &quote[first.len()..];
    let finder = memchr::memmem::Finder::new(first);
    let bytes = source.as_bytes();
    // Past this much checking, normalising the source once is cheaper.
    let mut budget = 4 * source.len() + 4096;
    let mut from = 0;
    while let Some(found) = finder.find(&bytes[from..]) {
        let start = from + found;
        if let Some(end) = words_follow(source, start + first.len(), rest, &mut budget) {
            return Some(start..end);
        }
        if budget == 0 {
            return Normalized::new(source).find(quote);
        }
        // The next candidate may overlap this one: go on from the next character.
        from = start + source[start..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Whether the words of `rest` (each after one space) follow `at` in `source`, each after a
/// run of white space: where they end. Spends `budget` on the bytes it looks at.
fn words_follow(source: &str, mut at: usize, rest: &str, budget: &mut usize) -> Option<usize> {
    for word in rest.split(' ').skip(1) {
        let after = &source[at..];
        let space = after.len() - after.trim_start().len();
        *budget = budget.saturating_sub(space + word.len() + 1);
        if space == 0 || !after[space..].starts_with(word) {
            return None;
        }
        at += space + word.len();
    }
    Some(at)
}

/// What names a quote in messages: "quote 2", "figure 1", "claim 3" (numbered from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum What {
    Quote(u32),
    Figure(u32),
    Claim(u32),
}

impl What {
    fn parts(self) -> (&'static str, u32) {
        match self {
            What::Quote(n) => ("quote", n),
            What::Figure(n) => ("figure", n),
            What::Claim(n) => ("claim", n),
        }
    }

    /// `parent: quote 2`, the name of a table within a record, put together without the
    /// formatting machinery: every quote and figure read is named so.
    pub fn within(self, parent: &str) -> String {
        let (word, n) = self.parts();
        let mut buffer = itoa::Buffer::new();
        let digits = buffer.format(n);
        let mut name = String::with_capacity(parent.len() + word.len() + digits.len() + 3);
        for piece in [parent, ": ", word, " ", digits] {
            name.push_str(piece);
        }
        name
    }
}

impl std::fmt::Display for What {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (word, n) = self.parts();
        write!(f, "{word} {n}")
    }
}

/// A quote as written: its source (a name of its chunk), its text (kept by its chunk's
/// [`Names`]), and where the text is written in the whole file.
pub(crate) struct QuoteRef {
    pub source: NameAt,
    pub text_at: u32,
    pub what: What,
    pub text: Range<u32>,
}

/// Resolves `source = "…"` references and finds quotes in their source; shared by the
/// threads that check quotes.
pub(crate) struct QuoteChecker<'s> {
    by_id: super::Map<&'s str, usize>,
    ids: &'s super::records::Ids,
    sources: &'s [crate::model::Source],
    /// For the sources checked in one go ([`QuoteChecker::prepare`]): the outcome of each of
    /// their distinct quotes (normalised).
    batched: std::collections::HashMap<usize, std::collections::HashMap<String, Outcome>>,
    /// Bytes of source text scanned so far, to check that the work stays linear (counted in
    /// tests only: the threads checking quotes would all write to it).
    #[cfg(test)]
    work: std::sync::atomic::AtomicU64,
}

/// A source is checked in one go ([`check_batch`]) when its quotes, checked one by one, could
/// cost more than this many bytes of scanning.
const BATCH_FROM_BYTES: usize = 4 << 20;

impl<'s> QuoteChecker<'s> {
    pub fn new(sources: &'s [crate::model::Source], ids: &'s super::records::Ids) -> Self {
        let by_id = sources.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
        QuoteChecker {
            by_id,
            ids,
            sources,
            batched: Default::default(),
            #[cfg(test)]
            work: Default::default(),
        }
    }

    /// Checks at once, before the records are resolved, the quotes of every source quoted so
    /// often that checking them one by one would cost quotes × the source's length. The
    /// quotes of the file come in `groups` groups (the chunks of the file, then the facts),
    /// `quotes_of(g)` giving those of group `g`, each with the names of its chunk; they are
    /// counted on `threads` threads.
    pub fn prepare<'q, I>(&mut self, groups: usize, quotes_of: impl Fn(usize) -> I + Sync, threads: usize)
    where
        I: Iterator<Item = (&'q Names, &'q QuoteRef)>,
    {
        use std::collections::{HashMap, HashSet};
        let (by_id, sources) = (&self.by_id, self.sources.len());
        let parts = super::in_parts((0..groups).collect(), threads, |part: Vec<usize>| {
            let mut counts = vec![0u32; sources];
            for (names, quote) in part.into_iter().flat_map(&quotes_of) {
                if let Some(&index) = by_id.get(names.get(quote.source.name)) {
                    counts[index] = counts[index].saturating_add(1);
                }
            }
            counts
        });
        let mut counts = vec![0usize; sources];
        for part in parts {
            for (count, more) in counts.iter_mut().zip(part) {
                *count += more as usize;
            }
        }
        let batch: Vec<bool> = counts
            .iter()
            .zip(self.sources)
            .map(|(&count, source)| count > 1 && count.saturating_mul(source.text.len()) >= BATCH_FROM_BYTES)
            .collect();
        if !batch.contains(&true) {
            return;
        }
        let mut wanted: super::Map<usize, HashSet<String>> = super::Map::default();
        for (names, quote) in (0..groups).flat_map(&quotes_of) {
            if let Some(&index) = self.by_id.get(names.get(quote.source.name))
                && batch[index]
            {
                let text = normalize(names.text(&quote.text));
                if !text.is_empty() {
                    wanted.entry(index).or_default().insert(text);
                }
            }
        }
        let sources = self.sources;
        let work: Vec<(usize, Vec<String>)> =
            wanted.into_iter().map(|(index, quotes)| (index, quotes.into_iter().collect())).collect();
        let done = super::in_parts(work, threads, |part| {
            let mut scanned = 0;
            let outcomes: Vec<(usize, HashMap<String, Outcome>)> = part
                .into_iter()
                .map(|(index, quotes)| {
                    let refs: Vec<&str> = quotes.iter().map(String::as_str).collect();
                    let outcomes = check_batch(&sources[index].text, &refs, &mut scanned);
                    (index, quotes.into_iter().zip(outcomes).collect())
                })
                .collect();
            (outcomes, scanned)
        });
        for (outcomes, scanned) in done {
            self.batched.extend(outcomes);
            self.scanned(scanned);
        }
    }

    /// Counts `bytes` of source text scanned (in tests).
    fn scanned(&self, _bytes: u64) {
        #[cfg(test)]
        self.work.fetch_add(_bytes, std::sync::atomic::Ordering::Relaxed);
    }

    /// Bytes of source text scanned so far.
    #[cfg(test)]
    pub fn work(&self) -> u64 {
        self.work.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The checked quote; `None` with a diagnostic (in the whole-file collector `out`) when
    /// its source or text is wrong. `names` are those of the quote's chunk.
    pub fn quote(
        &self,
        out: &mut super::diagnostic::Collector<'_>,
        names: &Names,
        context: &dyn Fn() -> String,
        quote: QuoteRef,
    ) -> Option<crate::model::Quote> {
        let QuoteRef { source, text_at, what, text } = quote;
        let context = || format!("{}: {what}", context());
        let source_id = names.get(source.name);
        let Some(&index) = self.by_id.get(source_id) else {
            // Unknown (a diagnostic), or declared but itself invalid: its own diagnostics
            // already say why.
            self.ids.resolve(out, &context(), "source", source_id, source.at as usize);
            return None;
        };
        let at = text_at as usize..text_at as usize;
        let wanted = normalized(names.text(&text));
        if wanted.is_empty() {
            out.error(
                at,
                format!("{}: the quoted text is empty (expected a passage of source \"{source_id}\")", context()),
            );
            return None;
        }
        let source = &self.sources[index];
        let passage = &source.text;
        let batched = if self.batched.is_empty() { None } else { self.batched.get(&index) };
        let outcome = match batched.and_then(|quotes| quotes.get(&*wanted)) {
            Some(outcome) => outcome.clone(),
            None => {
                self.scanned(passage.len() as u64);
                match find(passage, &wanted) {
                    Some(range) => Ok(range),
                    None if out.is_full() => Err(String::new()),
                    None => {
                        self.scanned(passage.len() as u64);
                        Err(Normalized::new(passage).mismatch(&wanted))
                    }
                }
            }
        };
        // Not in the body: in the page lines (dates, bylines), if the source keeps any.
        let outcome = match outcome {
            Ok(range) => Ok((range, false)),
            Err(mismatch) => match source.page_lines.as_deref().and_then(|lines| find(lines, &wanted)) {
                Some(range) => Ok((range, true)),
                None => Err(mismatch),
            },
        };
        match outcome {
            Ok((range, page_lines)) => Some(crate::model::Quote { source: index, range, page_lines }),
            Err(mismatch) => {
                out.error(
                    at,
                    format!(
                        "{}: the text does not occur in source \"{source_id}\" (compared with white space normalised; {mismatch})",
                        context(),
                    ),
                );
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_within_a_record_is_named_as_display_names_it() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, u32::MAX] {
            for what in [What::Quote(n), What::Figure(n), What::Claim(n)] {
                assert_eq!(what.within("event \"e\""), format!("event \"e\": {what}"));
            }
        }
    }

    #[test]
    fn a_quote_normalised_already_is_borrowed_and_the_same() {
        for text in ["", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\u{a0}b", "« a »", "a\u{202f}:", "l'été  x"]
        {
            let got = normalized(text);
            assert_eq!(got, normalize(text), "{text:?}");
            let unchanged = normalize(text) == text;
            assert_eq!(matches!(got, std::borrow::Cow::Borrowed(_)), unchanged, "{text:?}");
        }
    }

    #[test]
    fn whitespace_of_any_kind_counts_as_one_space() {
        let source = "Le chinois\u{a0}: Alibaba\n  a   annoncé\u{202f}!";
        let n = Normalized::new(source);
        let range = n.find("chinois : Alibaba a annoncé !").unwrap();
        assert_eq!(find(source, "chinois : Alibaba a annoncé !"), Some(range.clone()));
        assert_eq!(&source[range], "chinois\u{a0}: Alibaba\n  a   annoncé\u{202f}!");
    }

    #[test]
    fn range_points_at_the_exact_original_bytes() {
        let source = "« Les deux centres de Zhangbei » suite";
        let range = Normalized::new(source).find("deux centres").unwrap();
        assert_eq!(&source[range], "deux centres");
    }

    #[test]
    fn mismatch_names_where_the_quote_departs() {
        let n = Normalized::new("investir un milliard de dollars dans Aliyun");
        let hint = n.mismatch("un milliard d'euros");
        assert!(hint.contains("first 13 characters match"), "{hint}");
        assert!(hint.contains("\"'euros\""), "{hint}");
        assert!(n.find("un milliard d'euros").is_none());
    }

    #[test]
    fn find_agrees_with_the_normalised_source() {
        let sources = [
            "Le chinois\u{a0}: Alibaba\n  a   annoncé\u{202f}!",
            "aaa aaa  aaab aa\taab",
            "ab ab\n\nabc ab abd",
            "  lead and trail  ",
            "a b",
            "",
        ];
        let quotes = ["a", "aa ab", "aaa aab", "ab abc", "ab abd", "b", "lead and", "trail", "a b", "annoncé !", "x"];
        for source in sources {
            let normalized = Normalized::new(source);
            for quote in quotes {
                assert_eq!(find(source, quote), normalized.find(quote), "{quote:?} in {source:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn find_equals_a_search_in_the_normalised_source(
            source in "[ab \u{a0}\n]{0,40}",
            quote in "[ab \n]{1,8}",
        ) {
            let quote = normalize(&quote);
            proptest::prop_assume!(!quote.is_empty());
            proptest::prop_assert_eq!(find(&source, &quote), Normalized::new(&source).find(&quote));
        }

        /// Quotes of several words whose longest is anywhere, in sources where they overlap.
        #[test]
        fn find_equals_a_search_in_the_normalised_source_for_quotes_of_words(
            source in "[ab \u{a0}\n]{0,60}",
            quote in "[ab]{1,3}( [ab]{1,3}){0,4}",
        ) {
            proptest::prop_assert_eq!(find(&source, &quote), Normalized::new(&source).find(&quote));
        }
    }

    #[test]
    fn a_source_that_makes_checking_slow_is_normalised_once() {
        // The first word everywhere, and a quote that almost matches at each place.
        let source = "a ".repeat(50_000) + "a b";
        let quote = format!("{}b", "a ".repeat(40));
        assert_eq!(find(&source, &quote), Normalized::new(&source).find(&quote));
        assert!(find(&source, &quote).is_some());
    }

    #[test]
    fn typographic_apostrophes_are_not_plain_ones() {
        let n = Normalized::new("l’infrastructure");
        assert!(n.find("l'infrastructure").is_none());
        assert!(n.find("l’infrastructure").is_some());
    }
    proptest::proptest! {
        #[test]
        fn checking_quotes_in_one_go_gives_what_checking_each_gives(
            source in "[ab \u{a0}\n\u{e9}]{0,60}",
            quotes in proptest::collection::vec("[ab \n\u{e9}]{1,10}", 1..12),
        ) {
            let quotes: Vec<String> = quotes.iter().map(|q| normalize(q)).filter(|q| !q.is_empty()).collect();
            let mut distinct = quotes.clone();
            distinct.sort();
            distinct.dedup();
            let refs: Vec<&str> = distinct.iter().map(String::as_str).collect();
            let mut work = 0;
            let outcomes = check_batch(&source, &refs, &mut work);
            for (quote, outcome) in refs.iter().zip(outcomes) {
                let one = find(&source, quote).ok_or_else(|| Normalized::new(&source).mismatch(quote));
                proptest::prop_assert_eq!(outcome, one, "{:?} in {:?}", quote, source);
            }
        }
    }

    #[test]
    fn first_occurrences_survive_patterns_that_match_everywhere() {
        // "a" and "aa" match at every byte: the automaton is rebuilt without them, and the
        // rare patterns are still found at their first place.
        let hay = format!("{}b{}ab{}c", "a".repeat(200_000), "a".repeat(100_000), "a".repeat(100_000));
        let patterns = ["a", "aa", "ab", "ba", "aab", "c", "ac", "x", "ca"];
        let mut work = 0;
        let found = first_occurrences(hay.as_bytes(), &patterns, &mut work);
        let one_by_one: Vec<Option<usize>> = patterns.iter().map(|p| hay.find(p)).collect();
        assert_eq!(found, one_by_one);
        // A few patterns per automaton: the same.
        let mut grouped_work = 0;
        assert_eq!(first_occurrences_in_groups(hay.as_bytes(), &patterns, 3, &mut grouped_work), one_by_one);
        assert!(work <= 4 * hay.len() as u64, "{work} bytes scanned for a haystack of {}", hay.len());
    }

    /// A source quoted 300 times, half of the quotes not in it: checked one by one, that is
    /// 300 searches of the source and 150 normalised copies of it with a binary search each.
    /// In one go, a few passes.
    #[test]
    fn a_source_quoted_hundreds_of_times_is_scanned_a_few_times_not_once_per_quote() {
        let mut text = String::new();
        let mut n = 0;
        while text.len() < 1 << 20 {
            text.push_str(&format!("Paragraph {n}: the cloud\u{a0}region opened  in year {} with\n", 2000 + n % 25));
            n += 1;
        }
        let source = crate::model::Source {
            id: "s".into(),
            title: "t".into(),
            publisher: None,
            language: "en".into(),
            date: None,
            date_note: None,
            text: text.clone(),
            ..crate::model::Source::default()
        };
        let sources = [source];
        let mut ids = super::super::records::Ids::new("source");
        let mut out = super::super::diagnostic::Collector::new("");
        let at = super::super::records::IdAt { id: "s".into(), offset: 0, line: 1 };
        assert!(ids.insert(&mut out, at));
        let mut names = Names::default();
        let name = names.intern("s");
        let mut refs = Vec::new();
        for q in 0..300 {
            let p = n - 1 - q * 7;
            let quote = if q % 2 == 0 {
                format!("Paragraph {p}: the cloud region opened in year")
            } else {
                format!("Paragraph {p}: the cloud region closed in year")
            };
            let text = names.keep_text(&quote);
            refs.push(QuoteRef { source: NameAt { name, at: 0 }, text_at: 0, what: What::Quote(1), text });
        }
        let mut checker = QuoteChecker::new(&sources, &ids);
        // A group per quote, counted on two threads: the counts add up.
        checker.prepare(refs.len(), |g| refs.get(g).into_iter().map(|quote| (&names, quote)), 2);
        let mut out = super::super::diagnostic::Collector::new("");
        let context = || "event \"e\"".to_string();
        let mut found = 0;
        for quote in refs {
            let wanted = normalize(names.text(&quote.text));
            let checked = checker.quote(&mut out, &names, &context, quote);
            let one = find(&text, &wanted);
            assert_eq!(checked.as_ref().map(|q| q.range.clone()), one, "{wanted}");
            found += usize::from(checked.is_some());
        }
        assert_eq!(found, 150);
        let problems = out.into_found();
        assert_eq!(problems.len(), 150);
        // The message says what checking the quote alone says.
        let first = format!("Paragraph {}: the cloud region closed in year", n - 1 - 7);
        let alone = Normalized::new(&text).mismatch(&first);
        assert!(alone.contains("then the quote has \"closed in year\""), "{alone}");
        assert!(problems[0].message.ends_with(&format!("normalised; {alone})")), "{}", problems[0].message);
        let work = checker.work();
        assert!(work <= 20 * text.len() as u64, "{work} bytes scanned for a source of {}", text.len());
    }
}
