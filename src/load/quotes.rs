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

mod batch;

pub(crate) use batch::{Outcome, check_batch};

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

    /// The normalised text.
    pub(super) fn text(&self) -> &str {
        &self.text
    }

    /// For a quote that is not found: what it differs in, or where it departs from the source
    /// ([`super::quote_hint`]).
    pub fn mismatch(&self, quote: &str) -> String {
        super::quote_hint::hint(self, quote)
    }

    /// The longest prefix of `quote` found in the source, if any: where it ends in the quote
    /// and where it first starts in the source.
    pub(super) fn longest_prefix(&self, quote: &str) -> Option<(usize, usize)> {
        let boundaries: Vec<usize> = quote.char_indices().map(|(i, _)| i).skip(1).chain([quote.len()]).collect();
        let found = |n: usize| memchr::memmem::find(self.text.as_bytes(), &quote.as_bytes()[..n]);
        let matched = boundaries.partition_point(|&end| found(end).is_some());
        let prefix_end = *boundaries.get(matched.checked_sub(1)?)?;
        Some((prefix_end, found(prefix_end).unwrap_or(0)))
    }

    /// The message for a quote not found once the longest prefix of it found in the source is
    /// known ([`Normalized::longest_prefix`]): what follows it in each.
    pub(super) fn prefix_hint(&self, quote: &str, prefix: Option<(usize, usize)>) -> String {
        let Some((prefix_end, start)) = prefix else {
            return "its first character does not occur in the source".to_string();
        };
        let at = start + prefix_end;
        let quote_rest: String = quote[prefix_end..].chars().take(24).collect();
        let source_rest: String = self.text[at..].chars().take(24).collect();
        format!(
            "{}, then the quote has \"{quote_rest}\" where the source has \"{source_rest}\"",
            super::quote_hint::so_many("first", quote[..prefix_end].chars().count())
        )
    }
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
    ids: &'s super::ids::Ids,
    sources: &'s [crate::model::Source],
    /// For the sources checked in one go ([`QuoteChecker::prepare`]): the outcome of each of
    /// their distinct quotes (normalised).
    batched: std::collections::HashMap<usize, std::collections::HashMap<String, Outcome>>,
    /// Bytes of source text scanned so far, to check that the work stays linear (counted in
    /// tests only: the threads checking quotes would all write to it).
    #[cfg(test)]
    work: std::sync::atomic::AtomicU64,
    /// Bytes of source text looked at closely for the hints of quotes not found.
    looked: std::sync::atomic::AtomicU64,
}

/// How many bytes of source text a load looks at closely for the hints of the quotes it does
/// not find (each look is a few passes over the source): the first problems listed get the
/// closer look, and a file with thousands of them in long sources still checks in seconds.
const LOOK_BUDGET: u64 = 16 << 20;

/// A source is checked in one go ([`check_batch`]) when its quotes, checked one by one, could
/// cost more than this many bytes of scanning.
const BATCH_FROM_BYTES: usize = 4 << 20;

impl<'s> QuoteChecker<'s> {
    pub fn new(sources: &'s [crate::model::Source], ids: &'s super::ids::Ids) -> Self {
        let by_id = sources.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
        QuoteChecker {
            by_id,
            ids,
            sources,
            batched: Default::default(),
            #[cfg(test)]
            work: Default::default(),
            looked: Default::default(),
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

    /// Why `quote` is not in `passage`: a closer look ([`Normalized::mismatch`], a few passes
    /// over the passage) while this load's budget of [`LOOK_BUDGET`] bytes lasts; past it,
    /// `prefix_hint` if the batch made one, else the longest prefix's hint.
    fn hint(&self, passage: &str, quote: &str, prefix_hint: Option<String>) -> String {
        let looked = self.looked.fetch_add(passage.len() as u64, std::sync::atomic::Ordering::Relaxed);
        if looked + passage.len() as u64 <= LOOK_BUDGET {
            return Normalized::new(passage).mismatch(quote);
        }
        prefix_hint.unwrap_or_else(|| {
            self.scanned(passage.len() as u64);
            let normalized = Normalized::new(passage);
            normalized.prefix_hint(quote, normalized.longest_prefix(quote))
        })
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
            // The batch's hint is the longest prefix's: a closer look is taken if it is listed.
            Some(outcome) => outcome.clone().map_err(Some),
            None => {
                self.scanned(passage.len() as u64);
                match find(passage, &wanted) {
                    Some(range) => Ok(range),
                    None if out.is_full() => Err(Some(String::new())),
                    None => Err(None),
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
            Err(mismatch) if out.is_full() => {
                // Not listed: no message to work out.
                out.error(at, mismatch.unwrap_or_default());
                None
            }
            Err(mismatch) => {
                let mismatch = self.hint(passage, &wanted, mismatch);
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
mod tests;
