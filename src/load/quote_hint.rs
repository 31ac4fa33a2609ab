//! Why a quote is not found in its source, said so that the user finds the passage:
//!
//! - a quote that differs only in letter case, apostrophes (’ '), quotation marks (“ ") or
//!   dashes (– -) is found by a loose comparison, and the message says so and shows the first
//!   place they differ;
//! - else the longest start of the quote found in the source, or its longest end when that is
//!   longer (a quote whose first word was changed is placed by the rest of it), and what
//!   follows (or comes before) in each.
//!
//! Each costs a few passes over the source: the loader asks for it for the problems it lists,
//! within a budget of source bytes per load.

use super::quotes::Normalized;

/// How many characters of each side a message shows.
const SHOWN: usize = 24;

/// Characters compared loosely: curly and straight apostrophes and quotation marks, dashes and
/// hyphens, and a letter's case (one character for one, so positions carry over).
fn loose(c: char) -> char {
    match c {
        '’' | '‘' | 'ʼ' | '′' | '`' | '´' => '\'',
        '“' | '”' | '„' | '″' => '"',
        '–' | '—' | '‐' | '‑' | '−' => '-',
        c => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
    }
}

/// What a loose difference between two characters is.
fn kind(quote: char, source: char) -> &'static str {
    match loose(quote) {
        '\'' => "apostrophes",
        '"' => "quotation marks",
        '-' => "dashes",
        _ if quote.is_alphabetic() || source.is_alphabetic() => "letter case",
        _ => "characters",
    }
}

/// "the first 13 characters match", "the last character matches": `n` characters at the
/// `end` of the quote ("first", "last") and the verb that goes with them.
pub(super) fn so_many(end: &str, n: usize) -> String {
    match n {
        1 => format!("the {end} character matches"),
        n => format!("the {end} {n} characters match"),
    }
}

/// A combining accent (U+0300–U+036F): a letter written "decomposed" is the letter, then
/// this mark; most texts write it as one character, some (copied from a PDF) do not.
fn combining(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// The hint for `quote`, not found in `source` (both normalised).
pub(super) fn hint(source: &Normalized, quote: &str) -> String {
    if let Some(loosely) = loose_match(source.text(), quote) {
        return loosely;
    }
    // Accents written in two different ways look the same on screen: say so first.
    let decomposed = match (quote.chars().any(combining), source.text().chars().any(combining)) {
        (true, false) => {
            "the quote writes accents decomposed (a letter, then a combining mark) where the source does not; "
        }
        (false, true) => {
            "the source writes accents decomposed (a letter, then a combining mark) where the quote does not; "
        }
        _ => "",
    };
    format!("{decomposed}{}", where_it_departs(source, quote))
}

/// The longest start or end of `quote` found in `source`, and what follows or comes before.
fn where_it_departs(source: &Normalized, quote: &str) -> String {
    let prefix = source.longest_prefix(quote);
    let suffix = longest_suffix(source.text(), quote);
    match (prefix, suffix) {
        (_, Some((from, at)))
            if quote[from..].chars().count() > prefix.map_or(0, |(end, _)| quote[..end].chars().count()) =>
        {
            let before_quote = last_chars(&quote[..from]);
            let before_source = last_chars(&source.text()[..at]);
            format!(
                "{}, and before that the quote has \"{before_quote}\" where the source has \"{before_source}\"",
                so_many("last", quote[from..].chars().count())
            )
        }
        (None, None) => "neither its first nor its last character occurs in the source".to_string(),
        _ => source.prefix_hint(quote, prefix),
    }
}

/// The last [`SHOWN`] characters of `text`.
fn last_chars(text: &str) -> &str {
    match text.char_indices().rev().nth(SHOWN - 1) {
        Some((at, _)) => &text[at..],
        None => text,
    }
}

/// The longest end of `quote` found in `source`: where it starts in the quote, and where it
/// first occurs in the source. The ends that occur are all those from some length down.
fn longest_suffix(source: &str, quote: &str) -> Option<(usize, usize)> {
    let starts: Vec<usize> = quote.char_indices().map(|(i, _)| i).collect();
    let found = |from: usize| memchr::memmem::find(source.as_bytes(), &quote.as_bytes()[from..]);
    // The first start (longest end) whose end occurs.
    let first = starts.partition_point(|&from| found(from).is_none());
    let from = *starts.get(first)?;
    found(from).map(|at| (from, at))
}

/// The message for a quote that `source` has when letters, apostrophes, quotation marks and
/// dashes are compared loosely, if it does.
fn loose_match(source: &str, quote: &str) -> Option<String> {
    let folded: String = quote.chars().map(loose).collect();
    let text: String = source.chars().map(loose).collect();
    let found = memchr::memmem::find(text.as_bytes(), folded.as_bytes())?;
    drop(text);
    // Where the find starts in the source: its characters walked again, folded, up to it (no
    // table of offsets, which would take several times the source's size).
    let mut folded_at = 0;
    let (start, _) = source.char_indices().find(|&(_, c)| {
        let here = folded_at == found;
        folded_at += loose(c).len_utf8();
        here
    })?;
    let count = quote.chars().count();
    let end = source[start..].char_indices().nth(count).map_or(source.len(), |(at, _)| start + at);
    let passage = &source[start..end];
    let mut kinds: Vec<&str> = Vec::new();
    let mut differs_at = None;
    for ((i, q), s) in quote.char_indices().zip(passage.chars()) {
        if q != s {
            differs_at.get_or_insert(i);
            let what = kind(q, s);
            if !kinds.contains(&what) {
                kinds.push(what);
            }
        }
    }
    let in_quote = differs_at?;
    let in_passage = passage.char_indices().nth(quote[..in_quote].chars().count()).map_or(0, |(at, _)| at);
    let shown = |text: &str| text.chars().take(SHOWN).collect::<String>();
    Some(format!(
        "it differs from the source only in {}: the quote has \"{}\" where the source has \"{}\"",
        kinds.join(" and "),
        shown(&quote[in_quote..]),
        shown(&passage[in_passage..])
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint_for(source: &str, quote: &str) -> String {
        hint(&Normalized::new(source), quote)
    }

    #[test]
    fn a_difference_of_case_or_punctuation_alone_is_named_where_it_is() {
        let case = hint_for("Hello world. The quick brown fox jumps.", "hello world.");
        assert_eq!(
            case,
            "it differs from the source only in letter case: the quote has \"hello world.\" where the source has \"Hello world.\""
        );
        let marks = hint_for("Il a dit qu'il comptait investir — un milliard.", "qu’il comptait investir - un");
        assert_eq!(
            marks,
            "it differs from the source only in apostrophes and dashes: the quote has \"’il comptait investir - \" where the source has \"'il comptait investir — \""
        );
        let accent = hint_for("Été chargé", "été chargé");
        assert!(accent.starts_with("it differs from the source only in letter case"), "{accent}");
    }

    #[test]
    fn accents_written_decomposed_on_one_side_are_named() {
        let nfd = "cafe\u{301} de la gare a ferme\u{301}";
        let hint = hint_for("Le café de la gare a fermé.", nfd);
        assert!(
            hint.starts_with(
                "the quote writes accents decomposed (a letter, then a combining mark) where the source does not; "
            ),
            "{hint}"
        );
        let hint = hint_for(nfd, "café de la gare");
        assert!(hint.starts_with("the source writes accents decomposed"), "{hint}");
    }

    #[test]
    fn a_changed_first_word_is_placed_by_the_rest_of_the_quote() {
        let source = "The final bill, the papers say, is high. The terminal eventually opened on Thursday 12 January.";
        let changed = hint_for(source, "finally opened on Thursday 12 January.");
        // "…ally opened on…" is in the source: what comes before it differs.
        assert_eq!(
            changed,
            "the last 35 characters match, and before that the quote has \"fin\" where the source has \"igh. The terminal eventu\""
        );
    }

    #[test]
    fn a_changed_last_word_is_placed_by_the_start_as_before() {
        let n = Normalized::new("investir un milliard de dollars dans Aliyun");
        let hint = hint(&n, "un milliard d'euros");
        assert!(hint.contains("the first 13 characters match"), "{hint}");
        assert!(hint.contains("\"'euros\""), "{hint}");
    }

    proptest::proptest! {
        /// Whatever the texts (letters of both cases, accents that change their length in
        /// UTF-8, apostrophes and dashes of several kinds), the hint is made without a panic,
        /// and a loose match shows the source's own characters.
        #[test]
        fn every_hint_is_made_and_shows_the_sources_own_text(
            source in "[aAéÉİ'’\u{2014}\u{2013} -]{0,30}",
            quote in "[aAéÉİ'’\u{2014}\u{2013} -]{1,8}",
        ) {
            let quote = crate::load::quotes::normalize(&quote);
            proptest::prop_assume!(!quote.is_empty());
            let n = Normalized::new(&source);
            proptest::prop_assume!(n.find(&quote).is_none());
            let hint = hint(&n, &quote);
            if let Some(rest) = hint.split("where the source has \"").nth(1) {
                let shown = rest.trim_end_matches('"');
                proptest::prop_assert!(n.text().contains(shown), "{hint:?} for {quote:?} in {source:?}");
            }
        }
    }

    #[test]
    fn a_quote_with_nothing_in_the_source_says_so_and_one_character_is_singular() {
        assert_eq!(hint_for("abc", "xyz"), "neither its first nor its last character occurs in the source");
        assert_eq!(hint_for("", "xyz"), "neither its first nor its last character occurs in the source");
        assert_eq!(
            hint_for("abc", "xa"),
            "the last character matches, and before that the quote has \"x\" where the source has \"\""
        );
        assert_eq!(
            hint_for("abc", "ax"),
            "the first character matches, then the quote has \"x\" where the source has \"bc\""
        );
        // Past the closer look's budget, the batch's hint is the prefix's alone: it says no
        // more than it knows.
        let n = Normalized::new("le cloud");
        assert_eq!(
            n.prefix_hint("LE CLOUD", n.longest_prefix("LE CLOUD")),
            "its first character does not occur in the source"
        );
    }
}
