//! The search index's own tests: what a search finds, where, and with which counts.

#![allow(clippy::single_range_in_vec_init)] // expected lists of one range

use super::scan::{needle_word, segment_at};
use super::*;
use crate::model::{Date, Event, Figure, Quote, Source};
use crate::search::results::Place;
use crate::search::text_at;

/// Quotes stand for passages of a source: the test's quotes are written into this one,
/// the third, whose own hits `found` leaves out.
const QUOTES: usize = 2;

fn quote(text: &str, passages: &mut String) -> Quote {
    passages.push_str(" | ");
    let start = passages.len();
    passages.push_str(text);
    Quote { source: QUOTES, range: start..passages.len(), page_lines: false }
}

pub(super) fn event(title: &str, summary: &str, quotes: &[&str], figures: &[&str], passages: &mut String) -> Event {
    Event {
        id: title.into(),
        date: Date::year(2020),
        open_start: false,
        end: None,
        kind: Default::default(),
        date_note: None,
        title: title.into(),
        summary: summary.into(),
        themes: vec![],
        quotes: quotes.iter().map(|q| quote(q, passages)).collect(),
        figures: figures
            .iter()
            .map(|label| Figure {
                label: (*label).into(),
                value: 1.0,
                unit: "MW".into(),
                quote: quote("hidden figure quote", passages),
                converted: None,
                fact: None,
            })
            .collect(),
        line: 1,
        draft: false,
        undated: false,
        file: 0,
    }
}

fn source(text: &str) -> Source {
    Source {
        id: "s".into(),
        title: "t".into(),
        publisher: None,
        language: "fr".into(),
        date: None,
        date_note: None,
        text: text.into(),
        ..Source::default()
    }
}

fn dataset() -> Dataset {
    let mut passages = String::new();
    let events = vec![
        event("Déploiement à Zhangbei", "", &["l’offensive d’Alibaba"], &["Coût ÉTÉ"], &mut passages),
        event("Œuvre", "Straße «Cloud»", &[], &[], &mut passages),
        event("阿里云 opens", "De\u{301}ploiement des données", &["\u{301}"], &["capacité"], &mut passages),
    ];
    Dataset {
        events,
        sources: vec![source("Le de\u{301}ploiement\u{A0}à ZHANGBEI, “données”"), source(""), source(&passages)],
        ..Dataset::default()
    }
}

/// Every hit of `query`, in order, as (location, range).
fn hits(index: &SearchIndex, data: &Dataset, query: &str) -> Vec<(Location, Range<usize>)> {
    let results = index.search(query);
    let mut out = Vec::new();
    for m in results.matches() {
        let location = index.location(m);
        let ranges = index.ranges(&results.query, location, &text_at(data, location));
        assert_eq!(ranges.len(), m.hits as usize, "{query:?} at {location:?}");
        out.extend(ranges.into_iter().map(|r| (location, r)));
    }
    assert_eq!(out.len(), results.hit_count);
    out
}

fn found(query: &str) -> Vec<String> {
    let data = dataset();
    let index = SearchIndex::new(&data);
    hits(&index, &data, query)
        .into_iter()
        .filter(|(location, _)| *location != Location::Source { source: QUOTES })
        .map(|(location, range)| text_at(&data, location)[range].to_string())
        .collect()
}

#[test]
fn finds_across_accents_case_and_forms() {
    assert_eq!(found("deploiement"), ["Déploiement", "De\u{301}ploiement", "de\u{301}ploiement"]);
    assert_eq!(found("DÉPLOIEMENT"), found("deploiement"));
    assert_eq!(found("De\u{301}ploiement"), found("deploiement"));
    assert_eq!(found("ZHANGBEI"), ["Zhangbei", "ZHANGBEI"]);
    assert_eq!(found("donnees"), ["données", "données"]);
    assert_eq!(found("l'offensive"), ["l’offensive"]);
    assert_eq!(found("oeuvre"), ["Œuvre"]);
    assert_eq!(found("STRASSE"), ["Straße"]);
    assert_eq!(found("\"cloud\""), ["«Cloud»"]);
    assert_eq!(found("\u{201C}donnees\u{201D}"), ["“données”"]);
    assert_eq!(found("阿里云"), ["阿里云"]);
    assert_eq!(found("deploiement a zhangbei"), ["Déploiement à Zhangbei", "de\u{301}ploiement\u{A0}à ZHANGBEI"]);
    assert_eq!(found("cout ete"), ["Coût ÉTÉ"]);
}

#[test]
fn no_match_spans_two_strings() {
    assert!(SearchIndex::new(&dataset()).search("zhangbei l").is_empty());
    assert!(SearchIndex::new(&dataset()).search("alibaba cout").is_empty());
}

#[test]
fn empty_and_blank_queries_find_nothing() {
    let index = SearchIndex::new(&dataset());
    for query in ["", " ", "\u{A0}\n ", "\u{301}"] {
        let results = index.search(query);
        assert!(results.is_empty() && results.matching_events().is_empty(), "{query:?}");
        assert!(index.ranges(&results.query, Location::Source { source: 0 }, "x  x").is_empty());
    }
    assert!(SearchIndex::new(&Dataset::default()).search("e").is_empty());
}

#[test]
fn reports_locations_matching_events_and_sources() {
    let data = dataset();
    let index = SearchIndex::new(&data);
    let results = index.search("e");
    assert_eq!(results.matching_events(), [0, 1, 2]);
    assert_eq!(results.matching_sources(), [0, QUOTES]);
    let all = hits(&index, &data, "e");
    assert!(all.windows(2).all(|w| (w[0].0, w[0].1.start) < (w[1].0, w[1].1.start)), "in index order");
    let results = index.search("capacite");
    assert_eq!(results.matching_events(), [2]);
    assert!(results.event_matches(2) && !results.event_matches(0));
    assert_eq!(hits(&index, &data, "capacite"), [(Location::Event { event: 2, field: Field::Figure(0) }, 0..9)]);
    let deploiement = hits(&index, &data, "deploiement");
    assert!(deploiement.contains(&(Location::Event { event: 2, field: Field::Summary }, 0..13)));
    assert!(deploiement.contains(&(Location::Source { source: 0 }, 3..16)));
    let hidden = index.search("hidden");
    assert_eq!((hidden.matching_events(), hidden.matching_sources()), (&[][..], &[QUOTES][..]), "figure quotes");
}

#[test]
fn a_search_told_to_stop_gives_up() {
    let index = SearchIndex::new(&dataset());
    assert_eq!(index.search_while("dep", &|| false), None);
    assert_eq!(index.search_while("dep", &|| true), Some(index.search("dep")));
    // Two letters are answered from the tallies, which take no pass; their strings are not.
    assert_eq!(index.search_while("de", &|| false), Some(index.search("de")));
    assert_eq!(index.complete(&index.search("de"), &|| false), None);
    // Asked again past every megabyte: a long source is given up part way.
    let mut data = dataset();
    data.sources.push(source(&"ee ".repeat(3 << 20)));
    let index = SearchIndex::new(&data);
    let asked = std::sync::atomic::AtomicUsize::new(0);
    let go_on = || asked.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < 2;
    assert_eq!(index.search_while("ee ", &go_on), None);
    assert!(asked.into_inner() >= 3);
}

#[test]
fn hits_are_placed_in_their_strings_across_blocks() {
    // Thousands of strings of all lengths over many blocks of the buffer, and long texts
    // spanning several; each string's count is checked against its own text.
    let mut data = dataset();
    let words = ["de", "cloud", "Alibaba", "données", "à la", "Zhangbei", "x"];
    for i in 0..2000 {
        let title: Vec<&str> = (0..i % 9).map(|k| words[(i + k) % words.len()]).collect();
        let summary = words[i % words.len()].repeat(i % 40);
        data.events.push(event(&title.join(" "), &summary, &[], &[], &mut String::new()));
    }
    data.sources.push(source(&"Le cloud de Alibaba à la données ".repeat(300)));
    for threads in [1, 2] {
        let index = SearchIndex::in_parts(&data, threads);
        assert!(index.parts.iter().all(|p| p.blocks.len() == p.buffer.len().div_ceil(BLOCK)));
        for query in ["de", "cloud", "alibaba", "données", "a l", "zhangbei"] {
            assert!(!hits(&index, &data, query).is_empty(), "{query}");
        }
    }
}

#[test]
fn counts_every_hit_of_a_one_letter_query() {
    let title = "e".repeat(100_000);
    let data = Dataset { events: vec![event(&title, "", &[], &[], &mut String::new()); 3], ..Dataset::default() };
    let index = SearchIndex::new(&data);
    let results = index.search("E");
    assert_eq!(results.hit_count, 300_000);
    assert_eq!(results.matches().len(), 3, "one entry per string, however many hits");
    assert_eq!(results.matching_events(), [0, 1, 2]);
    let location = Location::Event { event: 2, field: Field::Title };
    assert_eq!(index.ranges("e", location, &title).len(), title.len());
}

#[test]
fn long_strings_map_hits_with_their_kept_units_and_parts_meet_at_strings() {
    // A source long enough to keep its units, and a buffer searched in parts.
    let word = "Donne\u{301}es à Zhangbei, ";
    let long = word.repeat(2 * PARALLEL_FROM / word.len());
    let mut data = dataset();
    data.sources.push(source(&long));
    data.sources.push(source("données"));
    let index = SearchIndex::new(&data);
    assert_eq!(index.long.len(), 1);
    assert!(index.parts.len() > 1 || std::thread::available_parallelism().map_or(1, |n| n.get()) == 1);
    let results = index.search("donnees");
    let at = Location::Source { source: 3 };
    let ranges = index.ranges(&results.query, at, &data.sources[3].text);
    assert_eq!(ranges, super::super::highlight_ranges(&long, "donnees"));
    assert_eq!(ranges.len(), long.len() / word.len());
    assert_eq!(&long[ranges[1].clone()], "Donne\u{301}es");
    assert_eq!(results.matching_sources(), [0, 3, 4]);
    assert_eq!(results.hit_count, 2 + ranges.len() + 1);
}

#[test]
fn a_letter_typed_on_finds_what_a_whole_search_finds() {
    let mut data = dataset();
    data.sources.push(source("aaaa aab abab ababa aaab cloud clou clo"));
    let index = SearchIndex::new(&data);
    // Earlier queries whose finds can overlap ("aa", "aba") are searched string by string;
    // others by the places of their hits; a letter counted per string has no places. The
    // last string ends the buffer with "clo": past it a place's bytes are zeros.
    for (earlier, query) in [
        ("aa", "aab"),
        ("ab", "aba"),
        ("aba", "abab"),
        ("clo", "clou"),
        ("c", "cl"),
        ("a", "aa"),
        ("clo", "clo\0"),
        ("cl", "clo"),
    ] {
        // As the search thread leaves them: a letter's strings counted, a pair's placed.
        let before = index.complete(&index.search(earlier), &|| true).unwrap();
        let within = index.search_after(query, Some(&before), &|| true).unwrap();
        assert_eq!(within, index.search(query), "{earlier} then {query}");
        // What the search thread keeps of the earlier results is enough to check places.
        let kept = before.narrowing();
        assert_eq!(super::scan::usable_starts(&kept), super::scan::usable_starts(&before), "{earlier}");
        assert_eq!(index.search_after(query, Some(&kept), &|| true).unwrap(), within);
        if within.tallied {
            assert_eq!(within.places_kept(), 0, "{query}: a pair's places are found later");
        } else {
            assert_eq!(within.places_kept(), within.hit_count, "{query}: places kept for every hit");
        }
    }
    assert_eq!(index.search("a").places_kept(), 0, "a letter's hits are counted, not placed");
}

#[test]
fn a_letter_typed_on_searches_the_places_of_each_part_apart() {
    // Events, then source titles and texts, cut into parts: the places of a search's hits stay
    // in a piece per part that found some, and a letter typed on is searched a piece a thread.
    let mut data = dataset();
    for i in 0..3000 {
        let title = if i % 7 == 0 { format!("cloud {i} clou") } else { format!("clocher {i}") };
        data.events.push(event(&title, &"le clo ".repeat(i % 5), &[], &[], &mut String::new()));
    }
    for i in 0..60 {
        let mut s = source(if i % 3 == 0 { "un cloud, un clou" } else { "le nuage" });
        s.title = if i % 2 == 0 { "Clore".into() } else { "titre".into() };
        data.sources.push(s);
    }
    for threads in [1, 2, 3] {
        let index = SearchIndex::in_parts(&data, threads);
        let mut earlier = index.complete(&index.search("cl"), &|| true).unwrap();
        assert_eq!(earlier.starts.len(), index.parts.len(), "a piece a part");
        assert_eq!(earlier.places_kept(), earlier.hit_count);
        for query in ["clo", "clou", "cloud"] {
            let within = index.search_after(query, Some(&earlier.narrowing()), &|| true).unwrap();
            let whole = index.search(query);
            assert_eq!(within, whole, "{query} in {threads} parts");
            assert_eq!(within.places_kept(), within.hit_count, "{query}");
            earlier = within;
        }
        let sources = index.search("clo").matching_sources().to_vec();
        // Titles "Clore" of every second source, texts of every third.
        let expected: Vec<usize> = (0..60).filter(|i| i % 2 == 0 || i % 3 == 0).map(|i| 3 + i).collect();
        assert_eq!(sources, expected, "titles and texts, each source once");
    }
}

#[test]
fn a_hit_is_placed_in_the_last_string_starting_at_or_before_it() {
    // Runs of close starts and long gaps: a hit within the next few strings, further on
    // than those, and near the end of the list.
    let mut starts = vec![0, 10, 11, 30, 31, 32, 100, 1000];
    starts.extend((0..30).map(|k| 1001 + k * k));
    let spans: Vec<Span> = starts.iter().map(|&start| Span { start, owner: 0 }).collect();
    for pos in 0..2000 {
        let expected = starts.iter().rposition(|&s| s as usize <= pos).unwrap();
        for hint in 0..=expected {
            assert_eq!(segment_at(&spans, pos, hint), expected, "{pos} from {hint}");
        }
    }
}

#[test]
fn a_short_needle_compares_as_a_word() {
    let place = Place::at(b"cloud computing", 0);
    for (needle, found) in [(&b"c"[..], true), (b"clo", true), (b"cloud co", true), (b"clod", false), (b"d", false)] {
        let (word, mask) = needle_word(needle).unwrap();
        assert_eq!(u64::from_le_bytes(place.next) & mask == word, found, "{needle:?}");
    }
    assert!(needle_word(b"").is_none() && needle_word(b"cloud com").is_none());
    assert_eq!(Place::at(b"ab", 1).next, [b'b', 0, 0, 0, 0, 0, 0, 0], "zeros past the end");
}
