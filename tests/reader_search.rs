//! Searching from the reader: Enter, `n` and `N` go from the page shown, as in a pager, and
//! stay in the article while it has hits there.

mod common;

use annals::input::action::Action::*;
use annals::screen::ScreenKind as Screen;
use annals::search::Location;
use common::{act, app, key, type_str};
use crossterm::event::KeyCode;

/// The app with the reader open on the source whose text has the most hits of `query` (ASCII,
/// so found in the text lowercased, byte for byte), and those hits' ranges.
fn reader_on(query: &str) -> (annals::app::App, usize, Vec<std::ops::Range<usize>>) {
    let mut app = app(100, 30);
    let (source, hits) = (0..app.dataset.sources.len())
        .map(|s| {
            let text = app.dataset.sources[s].text.to_ascii_lowercase();
            (s, text.match_indices(query).map(|(at, _)| at..at + query.len()).collect::<Vec<_>>())
        })
        .max_by_key(|(_, hits)| hits.len())
        .expect("sources");
    assert!(hits.len() >= 4, "a source with hits to walk: {}", hits.len());
    let (w, h) = annals::screen::reader::text_size(&app.state, source);
    app.screens.push(annals::screen::Screen::Reader(annals::screen::Reader::open(&app.dataset, source, None, w, h)));
    (app, source, hits)
}

/// The byte range of the article the reader shows.
fn view(app: &annals::app::App) -> std::ops::Range<usize> {
    let Some(annals::screen::Screen::Reader(reader)) = app.screens.last() else { panic!("not in the reader") };
    let (w, h) = annals::screen::reader::text_size(&app.state, reader.source);
    reader.view(&app.dataset, w, h)
}

/// Where the current match is: its source and range.
fn current(app: &annals::app::App) -> (Location, std::ops::Range<usize>) {
    let hit = &app.search.current.as_ref().expect("a current match").hit;
    (hit.location, hit.range.clone())
}

/// Scrolls down until the top of the page is past `offset`.
fn scroll_past(app: &mut annals::app::App, offset: usize) {
    while view(app).start <= offset {
        let before = view(app).start;
        act(app, &[Down]);
        assert!(view(app).start > before, "the article scrolls on");
    }
}

#[test]
fn enter_in_the_reader_goes_to_the_first_hit_on_the_page_or_after_it() {
    let (mut app, source, hits) = reader_on("cloud");
    // Past the first two hits.
    scroll_past(&mut app, hits[1].start);
    let top = view(&app).start;
    act(&mut app, &[Search]);
    type_str(&mut app, "cloud");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Reader, "the reader stays: the article has hits further on");
    let expected = hits.iter().find(|r| r.start >= top).expect("a hit below").clone();
    assert_eq!(current(&app), (Location::Source { source }, expected));
    let message = app.message.clone().unwrap_or_default();
    assert!(message.contains("from this page on"), "{message}");
    assert!(!message.contains("match 1 of"), "{message}");
}

#[test]
fn n_and_shift_n_in_the_reader_go_from_the_page_once_it_has_moved_off_the_match() {
    let (mut app, source, hits) = reader_on("cloud");
    act(&mut app, &[Search]);
    type_str(&mut app, "cloud");
    key(&mut app, KeyCode::Enter);
    assert_eq!(current(&app), (Location::Source { source }, hits[0].clone()), "from the top of the article");
    // n with the match on screen: the next hit.
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(current(&app).1, hits[1]);
    // Scrolled away below it: n goes from the page, not from the match.
    scroll_past(&mut app, hits[2].start);
    let top = view(&app).start;
    assert!(!view(&app).contains(&hits[1].start));
    key(&mut app, KeyCode::Char('n'));
    let expected = hits.iter().find(|r| r.start >= top).expect("a hit below").clone();
    assert_eq!(current(&app), (Location::Source { source }, expected));
    // Scrolled back up above the match: N gives the last hit above the page.
    act(&mut app, &[Top]);
    while view(&app).contains(&current(&app).1.start) || view(&app).start <= hits[0].start {
        act(&mut app, &[Down]);
    }
    let top = view(&app).start;
    key(&mut app, KeyCode::Char('N'));
    let expected = hits.iter().rev().find(|r| r.start < top).expect("a hit above").clone();
    assert_eq!(current(&app), (Location::Source { source }, expected));
}

#[test]
fn n_after_a_quote_hit_opened_from_the_concordance_goes_on_to_the_next_hit() {
    use annals::screen::concordance::rows::Line;
    let mut app = app(120, 40);
    act(&mut app, &[Search]);
    type_str(&mut app, "amazon");
    key(&mut app, KeyCode::Enter);
    act(&mut app, &[Concordance]);
    // Down to the first line whose hit is in an event's quote.
    let ordinal = loop {
        let Some(annals::screen::Screen::Concordance(c)) = app.screens.last() else { panic!("the concordance") };
        if let Some(Line::Hit { ordinal, .. }) = c.rows.line(&app.search, c.cursor) {
            let hit = app.search.hit_at(&app.search_index, &app.dataset, ordinal).expect("a hit");
            if matches!(hit.location, Location::Event { field: annals::search::Field::Quote(_), .. }) {
                break ordinal;
            }
        }
        assert!(c.cursor + 1 < c.rows.len(), "a hit in a quote");
        act(&mut app, &[Down]);
    };
    act(&mut app, &[Open]);
    assert_eq!(app.screen(), Screen::Reader, "the quote's article");
    assert_eq!(app.search.ordinal(), Some(ordinal));
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(app.search.ordinal(), Some((ordinal + 1) % app.search.navigable_hits()), "the next hit, not one above");
}
