//! The quote checks: finding a quote in its source, the batch check against the one-by-one
//! check, and the hints of a quote not found.

use super::batch::{PROBED, first_occurrences, first_occurrences_in_groups, followed};
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
    for text in ["", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\u{a0}b", "« a »", "a\u{202f}:", "l'été  x"] {
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
            // The batch's hint is the longest prefix's (the closer look is taken later, for
            // the problems listed).
            let normalized = Normalized::new(&source);
            let one = find(&source, quote).ok_or_else(|| normalized.prefix_hint(quote, normalized.longest_prefix(quote)));
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
    let mut ids = super::super::ids::Ids::new("source");
    let mut out = super::super::diagnostic::Collector::new("");
    let at = super::super::ids::IdAt { id: "s".into(), offset: 0, line: 1 };
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

/// A long quote not found: its probed start found, the batch follows it on in the source, so
/// the hint says how far it matches (a binary search over every length of a quote of
/// thousands of characters built automata of megabytes, round after round).
#[test]
fn a_long_quote_not_found_is_followed_on_from_its_start() {
    let passage: String = (0..400).map(|i| format!("mot{i} ")).collect();
    let source = format!("Avant. {passage}et la suite.");
    let quote = format!("{}ZZZ", passage.trim_end());
    let mut work = 0;
    let outcomes = check_batch(&source, &[quote.as_str(), "xyz"], &mut work);
    let chars = passage.trim_end().chars().count();
    assert!(chars * 4 > PROBED, "longer than what is probed");
    assert_eq!(
        outcomes[0],
        Err(format!(
            "the first {chars} characters match, then the quote has \"ZZZ\" where the source has \" et la suite.\""
        ))
    );
    assert_eq!(outcomes[1], Err("its first character does not occur in the source".to_string()));
    // A start found whole that stops in the middle of a character stops before it.
    assert_eq!(followed("aé", "ab".as_bytes(), 1, 0), 1);
    assert_eq!(followed("aé", "aé".as_bytes(), 1, 0), 3);
}
