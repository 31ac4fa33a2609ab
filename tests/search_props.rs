//! The one-buffer search agrees with a naive search that folds every field on every query.

use annals::model::{Dataset, Date, Event, Figure, Quote, Source};
use annals::search::{Field, Hit, Location, SearchIndex, fold, fold_with_map, highlight_ranges, original_range};
use proptest::prelude::*;
use std::borrow::Cow;

/// Pieces that fold in interesting ways: precomposed and decomposed accents, ligatures,
/// sharp s, typographic and plain apostrophes, CJK, spaces, a stray combining mark.
const ALPHABET: &[&str] = &[
    "é", "e\u{301}", "É", "E\u{301}", "e", "E", "œ", "Œ", "oe", "o", "ß", "ss", "s", "’", "'", "阿", " ", "\u{A0}",
    "\n", "\u{301}", "a",
];

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..max).prop_map(|pieces| pieces.concat())
}

/// A quote stands for a passage of a source: quotes are drawn as texts, written into one more
/// source at the end (`dataset`), and given that passage's range there.
fn quote(text: String, passages: &mut String) -> Quote {
    passages.push_str(" | ");
    let start = passages.len();
    passages.push_str(&text);
    Quote { source: usize::MAX, range: start..passages.len(), page_lines: false }
}

/// An event with the texts of its quotes and the labels of its figures, not yet tied to a source.
type Drawn = (Event, Vec<String>, Vec<String>);

fn event() -> impl Strategy<Value = Drawn> {
    (
        text(8),
        text(12),
        prop::option::of(text(8)),
        prop::collection::vec(text(8), 0..3),
        prop::collection::vec(text(6), 0..3),
    )
        .prop_map(|(title, summary, date_note, quotes, labels)| {
            let event = Event {
                id: "e".into(),
                date: Date::year(2020),
                open_start: false,
                end: None,
                kind: Default::default(),
                date_note,
                title,
                summary,
                themes: vec![],
                quotes: vec![],
                figures: vec![],
                line: 1,
                draft: false,
                undated: false,
                file: 0,
            };
            (event, quotes, labels)
        })
}

/// Writes the drawn quotes into `passages` and ties them to it.
fn place(drawn: Vec<Drawn>, passages: &mut String) -> Vec<Event> {
    drawn
        .into_iter()
        .map(|(mut event, quotes, labels)| {
            event.quotes = quotes.into_iter().map(|q| quote(q, passages)).collect();
            event.figures = labels
                .into_iter()
                .map(|label| Figure {
                    label,
                    value: 1.0,
                    unit: "t".into(),
                    quote: quote("x".into(), passages),
                    converted: None,
                    fact: None,
                })
                .collect();
            event
        })
        .collect()
}

fn source() -> impl Strategy<Value = Source> {
    (text(6), text(20)).prop_map(|(title, text)| Source {
        id: "s".into(),
        title,
        publisher: None,
        language: "fr".into(),
        date: None,
        date_note: None,
        text,
        ..Source::default()
    })
}

fn dataset() -> impl Strategy<Value = Dataset> {
    (prop::collection::vec(event(), 0..5), prop::collection::vec(source(), 0..3)).prop_map(|(drawn, mut sources)| {
        let mut passages = String::new();
        let mut events = place(drawn, &mut passages);
        let at = sources.len();
        for q in events.iter_mut().flat_map(|e| e.quotes.iter_mut().chain(e.figures.iter_mut().map(|f| &mut f.quote))) {
            q.source = at;
        }
        sources.push(Source { text: passages, ..sources.first().cloned().unwrap_or_else(empty_source) });
        Dataset { events, sources, ..Dataset::default() }
    })
}

fn empty_source() -> Source {
    Source {
        id: "q".into(),
        title: "t".into(),
        publisher: None,
        language: "fr".into(),
        date: None,
        date_note: None,
        text: String::new(),
        ..Source::default()
    }
}

/// Every searchable string with its location, in index order.
fn fields(data: &Dataset) -> Vec<(Location, Cow<'_, str>)> {
    let mut out = Vec::new();
    for (event, e) in data.events.iter().enumerate() {
        let at = |field| Location::Event { event, field };
        out.push((at(Field::Title), e.title.as_str().into()));
        out.push((at(Field::Summary), e.summary.as_str().into()));
        if let Some(note) = &e.date_note {
            out.push((at(Field::DateNote), note.as_str().into()));
        }
        out.extend(e.quotes.iter().enumerate().map(|(i, q)| (at(Field::Quote(i)), data.quote_text(q))));
        out.extend(e.figures.iter().enumerate().map(|(i, f)| (at(Field::Figure(i)), f.label.as_str().into())));
    }
    for (source, s) in data.sources.iter().enumerate() {
        out.push((Location::SourceTitle { source }, s.title.as_str().into()));
    }
    for (source, s) in data.sources.iter().enumerate() {
        out.push((Location::Source { source }, s.text.as_str().into()));
    }
    out
}

/// Folds each field on every query and scans it with `str::match_indices`.
fn naive_search(data: &Dataset, query: &str) -> Vec<Hit> {
    let query = fold(query);
    if query.trim().is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for (location, text) in fields(data) {
        let (folded, map) = fold_with_map(&text);
        for (start, _) in folded.match_indices(&query) {
            hits.push(Hit { location, range: original_range(&map, start..start + query.len()) });
        }
    }
    hits
}

fn text_at(data: &Dataset, location: Location) -> Cow<'_, str> {
    fields(data).into_iter().find(|(at, _)| *at == location).map(|(_, text)| text).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn index_search_equals_naive_search(data in dataset(), query in text(4)) {
        let index = SearchIndex::new(&data);
        let results = index.search(&query);
        let expected = naive_search(&data, &query);
        prop_assert_eq!(results.is_empty(), expected.is_empty());
        prop_assert_eq!(results.hit_count, expected.len());
        prop_assert_eq!(&results.query, &fold(&query));

        // The matching strings, in order, with their hit counts.
        let mut counts: Vec<(Location, u32)> = Vec::new();
        for hit in &expected {
            match counts.last_mut() {
                Some((location, n)) if *location == hit.location => *n += 1,
                _ => counts.push((hit.location, 1)),
            }
        }
        let found: Vec<(Location, u32)> = results.matches().iter().map(|m| (index.location(m), m.hits)).collect();
        prop_assert_eq!(&found, &counts);

        let mut events: Vec<usize> = expected
            .iter()
            .filter_map(|h| match h.location { Location::Event { event, .. } => Some(event), _ => None })
            .collect();
        events.dedup();
        prop_assert_eq!(results.matching_events(), &events[..]);
        for event in 0..data.events.len() {
            prop_assert_eq!(results.event_matches(event), events.contains(&event));
        }
        for (location, text) in fields(&data) {
            let expected_ranges: Vec<_> =
                expected.iter().filter(|h| h.location == location).map(|h| h.range.clone()).collect();
            prop_assert_eq!(&index.ranges(&results.query, location, &text), &expected_ranges);
            prop_assert_eq!(&highlight_ranges(&text, &query), &expected_ranges);
            prop_assert_eq!(results.may_match(location) || expected_ranges.is_empty(), true);
        }
        for hit in &expected {
            let text = text_at(&data, hit.location);
            let found = text.get(hit.range.clone());
            prop_assert!(found.is_some(), "{:?} splits a character of {:?}", hit.range, text);
            // The original text folds back to something containing the query, and a hit
            // never stops between a character and its combining mark.
            prop_assert!(fold(found.unwrap()).contains(fold(&query).trim_matches(' ')));
            prop_assert!(!text[hit.range.end..].starts_with('\u{301}'), "{:?} in {:?}", hit.range, text);
        }
    }

    #[test]
    fn an_index_in_parts_finds_what_one_part_finds(data in dataset(), query in text(3), threads in 2usize..5) {
        let whole = SearchIndex::in_parts(&data, 1);
        let parts = SearchIndex::in_parts(&data, threads);
        let (a, b) = (whole.search(&query), parts.search(&query));
        prop_assert_eq!(&a, &b);
        for m in a.matches() {
            let location = whole.location(m);
            prop_assert_eq!(location, parts.location(m));
            let text = text_at(&data, location);
            prop_assert_eq!(whole.ranges(&a.query, location, &text), parts.ranges(&b.query, location, &text));
        }
    }

    #[test]
    fn fold_is_idempotent_and_maps_to_char_boundaries(text in "\\PC{0,24}", plain in text(16)) {
        for text in [text, plain] {
            let (folded, map) = fold_with_map(&text);
            prop_assert_eq!(fold(&folded), folded.clone());
            prop_assert_eq!(&folded, &fold(&text));
            prop_assert!(!folded.contains('\n') && !folded.contains("  "));
            prop_assert_eq!(map.len(), folded.len() + 1);
            prop_assert!(map.windows(2).all(|w| w[0] <= w[1]));
            for (start, c) in folded.char_indices() {
                let range = original_range(&map, start..start + c.len_utf8());
                prop_assert!(text.get(range.clone()).is_some(), "{:?} in {:?}", range, text);
                prop_assert!(!range.is_empty());
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A query typed on (searched within the strings the earlier query matched) finds what a
    /// whole search finds, and what the naive search finds; earlier results of another index,
    /// or of a query it does not extend, are not searched within.
    #[test]
    fn a_search_within_earlier_results_equals_a_whole_search(
        data in dataset(),
        first in text(3),
        more in text(3),
        other in text(3),
        threads in 1usize..4,
    ) {
        let index = SearchIndex::in_parts(&data, threads);
        let query = format!("{first}{more}");
        let whole = index.search(&query);
        prop_assert_eq!(whole.hit_count, naive_search(&data, &query).len());
        for earlier in [index.search(&first), index.search(&other), index.search(&first).narrowing()] {
            let within = index.search_after(&query, Some(&earlier), &|| true).unwrap();
            prop_assert_eq!(&within, &whole);
        }
        let elsewhere = SearchIndex::in_parts(&data, threads);
        let earlier = elsewhere.search(&first);
        prop_assert_eq!(&index.search_after(&query, Some(&earlier), &|| true).unwrap(), &whole);
    }

    /// One letter, counted string by string without visiting each hit, gives the naive counts.
    #[test]
    fn one_letter_counts_equal_the_naive_counts(
        data in dataset(),
        letter in prop::sample::select(&["e", "E", "é", "a", "o", "s", "œ"][..]),
        threads in 1usize..4,
    ) {
        let index = SearchIndex::in_parts(&data, threads);
        let results = index.search(letter);
        let expected = naive_search(&data, letter);
        prop_assert_eq!(results.hit_count, expected.len());
        let mut counts: Vec<(Location, u32)> = Vec::new();
        for hit in &expected {
            match counts.last_mut() {
                Some((location, n)) if *location == hit.location => *n += 1,
                _ => counts.push((hit.location, 1)),
            }
        }
        let found: Vec<(Location, u32)> = results.matches().iter().map(|m| (index.location(m), m.hits)).collect();
        prop_assert_eq!(&found, &counts);
    }
}
