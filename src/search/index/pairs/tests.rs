//! The pair tallies checked against whole passes over drawn datasets, and which queries are pairs.

use super::*;
use crate::model::{Dataset, Source};

/// A dataset of `n` events and `n / 10` sources whose texts are drawn from a few letters
/// (pairs held by most events), with rarer ones (pairs held by few), runs of one letter,
/// spaces and accents.
fn drawn(n: usize) -> Dataset {
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move |below: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % below
    };
    let common = ["ab", "ba", "aaa", "c", " ", "é", "aaaa"];
    let rare = ["xq", "zz", "qz", "Q"];
    let mut text = |words: u64| {
        let mut text = String::new();
        for _ in 0..words {
            text.push_str(if next(20) == 0 { rare[next(4) as usize] } else { common[next(7) as usize] });
        }
        text
    };
    let mut passages = String::new();
    let events = (0..n).map(|_| super::super::tests::event(&text(6), &text(12), &[], &[], &mut passages)).collect();
    let sources = (0..n / 10)
        .map(|i| Source { id: format!("s{i}"), title: text(3), text: text(40), ..Source::default() })
        .collect();
    Dataset { events, sources, ..Dataset::default() }
}

#[test]
fn the_tallies_agree_with_a_whole_pass() {
    let dataset = drawn(400);
    let letters = [b'a', b'b', b'c', b' ', b'x', b'q', b'z', b'e'];
    for threads in [1, 3] {
        let index = SearchIndex::in_parts(&dataset, threads);
        let (mut few, mut many) = (0, 0);
        for a in letters {
            for b in letters {
                let query = String::from_utf8(vec![a, b]).unwrap();
                let Some(pair) = pair_query(&query) else {
                    assert_eq!(query, "  ", "only a query of spaces is left to a pass");
                    continue;
                };
                match index.pairs.get().expect("tallied").held[pair] {
                    Held::Few(_) => few += 1,
                    Held::Many(_) => many += 1,
                    Held::None => {}
                }
                let tallied = index.pair_results(query.clone(), pair);
                let passed = index.search_whole(&query, &|| true).expect("searched");
                assert_eq!(
                    (tallied.hit_count, tallied.matching_events(), tallied.matching_sources()),
                    (passed.hit_count, passed.matching_events(), passed.matching_sources()),
                    "{query:?} in {threads} parts"
                );
                assert_eq!(tallied.matches(), passed.matches(), "{query:?}: the strings found when asked");
            }
        }
        assert!(few > 0 && many > 0, "both ways of keeping owners tried: {few} few, {many} many");
    }
}

#[test]
fn completing_a_pair_places_every_hit_and_gives_the_strings_to_every_copy() {
    let index = SearchIndex::new(&drawn(400));
    let results = index.search("AB");
    let screen = results.clone();
    assert_eq!(index.unfinished(&results), Some(Unfinished::Places));
    assert!(!screen.matches_counted());
    let whole = index.complete(&results, &|| true).expect("completed");
    assert_eq!(whole, index.search_whole("ab", &|| true).unwrap());
    assert_eq!(whole.places_kept(), whole.hit_count);
    assert!(screen.matches_counted(), "the screen's copy has the strings");
    assert_eq!(screen.matches(), whole.matches());
    assert_eq!(index.unfinished(&whole), None);
    // A letter's strings are counted; results of another index are left alone.
    let letter = index.search("a");
    assert_eq!(index.unfinished(&letter), Some(Unfinished::Strings));
    index.complete(&letter, &|| true);
    assert!(letter.matches_counted() && index.unfinished(&letter).is_none());
    let other = SearchIndex::new(&drawn(10));
    assert_eq!(other.unfinished(&index.search("ab")), None);
}

#[test]
fn a_doubled_byte_is_counted_without_overlapping() {
    let mut tally = PairTally::new(1);
    for string in [&b"aaaa"[..], b"aaa b", b"ab"] {
        tally.add(0, string);
    }
    assert_eq!(tally.counts[pair_of(b'a', b'a').unwrap()], 3);
    assert_eq!(tally.counts[pair_of(b'a', b'b').unwrap()], 1);
    assert_eq!(tally.counts[pair_of(b'a', b' ').unwrap()], 1);
    assert!(pair_of(b'a', SEPARATOR).is_none() && pair_of(b'a', 0xc3).is_none());
}

#[test]
fn only_two_ascii_bytes_that_are_not_all_space_are_pairs() {
    assert!(pair_query("cl").is_some() && pair_query(" c").is_some() && pair_query("c ").is_some());
    for query in ["", "c", "  ", "clo", "é", "\n\n"] {
        assert!(pair_query(query).is_none(), "{query:?}");
    }
}
