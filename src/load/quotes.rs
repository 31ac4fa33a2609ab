//! Finding quotes in their source's text, with whitespace normalised: every run of white space
//! (spaces, no-break spaces, tabs, line breaks) counts as one space.
//!
//! [`find`] looks for the quote's first word in the source as it is, and checks the words
//! after it with any run of white space between them: no copy of the source is made. Should
//! the source make that slow (the first word everywhere, the rest rarely), it switches to
//! [`Normalized`]: the source normalised once, with a map back to byte offsets, and one
//! substring search. Either way a quote costs time linear in its source, never quadratic.

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
        let end = start + quote.len();
        Some(self.origin(start)..self.origin(end - 1) + 1)
    }

    /// For a quote that is not found: the longest prefix that is, and what follows in each.
    pub fn mismatch(&self, quote: &str) -> String {
        let boundaries: Vec<usize> = quote.char_indices().map(|(i, _)| i).skip(1).chain([quote.len()]).collect();
        let found = |n: usize| memchr::memmem::find(self.text.as_bytes(), &quote.as_bytes()[..n]);
        let matched = boundaries.partition_point(|&end| found(end).is_some());
        if matched == 0 {
            return "no part of it occurs in the source".to_string();
        }
        let prefix_end = boundaries[matched - 1];
        let at = found(prefix_end).unwrap_or(0) + prefix_end;
        let quote_rest: String = quote[prefix_end..].chars().take(24).collect();
        let source_rest: String = self.text[at..].chars().take(24).collect();
        format!(
            "the first {} characters match, then the quote has \"{quote_rest}\" where the source has \"{source_rest}\"",
            quote[..prefix_end].chars().count()
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

impl std::fmt::Display for What {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            What::Quote(n) => write!(f, "quote {n}"),
            What::Figure(n) => write!(f, "figure {n}"),
            What::Claim(n) => write!(f, "claim {n}"),
        }
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
    by_id: std::collections::HashMap<&'s str, usize>,
    ids: &'s super::records::Ids,
    sources: &'s [crate::model::Source],
}

impl<'s> QuoteChecker<'s> {
    pub fn new(sources: &'s [crate::model::Source], ids: &'s super::records::Ids) -> Self {
        let by_id = sources.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
        QuoteChecker { by_id, ids, sources }
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
        let wanted = normalize(names.text(&text));
        if wanted.is_empty() {
            out.error(
                at,
                format!("{}: the quoted text is empty (expected a passage of source \"{source_id}\")", context()),
            );
            return None;
        }
        let source = &self.sources[index];
        let passage = &source.text;
        let found = match find(passage, &wanted) {
            Some(range) => Some((range, false)),
            None => source.page_lines.as_deref().and_then(|lines| find(lines, &wanted)).map(|range| (range, true)),
        };
        match found {
            Some((range, page_lines)) => Some(crate::model::Quote { source: index, range, page_lines }),
            None => {
                out.error(
                    at,
                    format!(
                        "{}: the text does not occur in source \"{source_id}\" (compared with white space normalised; {})",
                        context(),
                        Normalized::new(passage).mismatch(&wanted)
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
}
