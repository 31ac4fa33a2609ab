//! Finding quotes in their source's text, with whitespace normalised: every run of white space
//! (spaces, no-break spaces, tabs, line breaks) counts as one space.
//!
//! Each source is normalised once, with a map back to byte offsets in the original text, so
//! checking a quote costs one substring search over its source: linear, never quadratic.

use std::ops::Range;

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

/// A quote as written: the id of its source and its text, spanned in the whole file.
pub(crate) struct QuoteRef {
    pub source: toml::Spanned<String>,
    pub text: toml::Spanned<String>,
}

/// Resolves `source = "…"` references and finds quotes in their source, each source
/// normalised once, up front (on `threads` threads), so that quotes can be checked on several
/// threads at once.
pub(crate) struct QuoteChecker<'s> {
    by_id: std::collections::HashMap<&'s str, usize>,
    ids: &'s super::records::Ids,
    normalized: Vec<Normalized>,
}

impl<'s> QuoteChecker<'s> {
    pub fn new(sources: &'s [crate::model::Source], ids: &'s super::records::Ids, threads: usize) -> Self {
        let by_id = sources.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
        let parts = super::in_parts(sources.iter().collect(), threads, |part: Vec<&crate::model::Source>| {
            part.into_iter().map(|source| Normalized::new(&source.text)).collect::<Vec<_>>()
        });
        let normalized = parts.into_iter().flatten().collect();
        QuoteChecker { by_id, ids, normalized }
    }

    /// The checked quote; `None` with a diagnostic (in the whole-file collector `out`) when
    /// its source or text is wrong. `what` names the quote in messages ("quote 2", "figure 1").
    pub fn quote(
        &self,
        out: &mut super::diagnostic::Collector<'_>,
        context: &str,
        quote: QuoteRef,
        what: &str,
    ) -> Option<crate::model::Quote> {
        let QuoteRef { source, text } = quote;
        let context = || format!("{context}: {what}");
        let Some(&index) = self.by_id.get(source.get_ref().as_str()) else {
            // Unknown (a diagnostic), or declared but itself invalid: its own diagnostics
            // already say why.
            self.ids.resolve(out, &context(), "source", &source);
            return None;
        };
        let wanted = normalize(text.get_ref());
        if wanted.is_empty() {
            out.error(
                text.span(),
                format!(
                    "{}: the quoted text is empty (expected a passage of source \"{}\")",
                    context(),
                    source.get_ref()
                ),
            );
            return None;
        }
        let normalized = &self.normalized[index];
        match normalized.find(&wanted) {
            Some(range) => Some(crate::model::Quote { source: index, range }),
            None => {
                out.error(
                    text.span(),
                    format!(
                        "{}: the text does not occur in source \"{}\" (compared with white space normalised; {})",
                        context(),
                        source.get_ref(),
                        normalized.mismatch(&wanted)
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
    fn typographic_apostrophes_are_not_plain_ones() {
        let n = Normalized::new("l’infrastructure");
        assert!(n.find("l'infrastructure").is_none());
        assert!(n.find("l’infrastructure").is_some());
    }
}
