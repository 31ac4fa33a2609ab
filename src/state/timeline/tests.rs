//! The event index's facts and counts, and the rows of the timeline.

use super::*;

#[test]
fn the_masked_theme_filter_agrees_with_the_theme_lists() {
    let dataset = crate::load::bundled().unwrap();
    let facts = EventIndex::new(&dataset);
    let n = dataset.themes.len();
    for chosen in 0..(1usize << n) {
        let themes: Vec<usize> = (0..n).filter(|t| chosen & (1 << t) != 0).collect();
        let filter = Filter { themes: themes.clone(), ..Filter::default() };
        for (e, event) in dataset.events.iter().enumerate() {
            let plain = themes.is_empty() || event.themes.iter().any(|t| themes.contains(t));
            assert_eq!(filter.accepts(&dataset, &facts, e), plain, "event {e}, themes {themes:?}");
        }
    }
    for (e, event) in dataset.events.iter().enumerate() {
        assert_eq!(facts.era(e), dataset.eras.iter().position(|era| era.contains(&event.date)));
    }
}

#[test]
fn the_counts_are_those_of_the_events() {
    let mut dataset = crate::load::bundled().unwrap();
    // The same events twice, so that dates repeat in a row.
    let twice: Vec<_> = dataset.events.iter().flat_map(|e| [e.clone(), e.clone()]).collect();
    dataset.events = twice;
    let index = EventIndex::new(&dataset);
    for (t, &count) in index.theme_counts.iter().enumerate() {
        assert_eq!(count, dataset.events.iter().filter(|e| e.themes.contains(&t)).count(), "theme {t}");
    }
    let mut years: Vec<i32> = dataset.events.iter().map(|e| e.date.year).collect();
    years.dedup();
    assert_eq!(index.year_counts.iter().map(|&(y, _)| y).collect::<Vec<_>>(), years);
    for &(year, count) in &index.year_counts {
        assert_eq!(count, dataset.events.iter().filter(|e| e.date.year == year).count(), "{year}");
    }
    for (e, event) in dataset.events.iter().enumerate() {
        assert_eq!(index.era(e), dataset.eras.iter().position(|era| era.contains(&event.date)), "event {e}");
        assert_eq!(index.year(&dataset, e), event.date.year);
    }
}

#[test]
fn nearest_prefers_the_closest_then_the_earlier() {
    assert_eq!(nearest(&[2, 5, 9], 5), 1);
    assert_eq!(nearest(&[2, 5, 9], 6), 1);
    assert_eq!(nearest(&[2, 5, 9], 8), 2);
    assert_eq!(nearest(&[2, 5, 9], 0), 0);
    assert_eq!(nearest(&[2, 5, 9], 12), 2);
    assert_eq!(nearest(&[], 3), 0);
}
