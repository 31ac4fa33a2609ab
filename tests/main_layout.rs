//! The main screen at the sizes people use: what the timeline list itself shows of every
//! title, how many events stay in view, and status hints that are never cut.

mod common;

use annals::app::App;
use annals::input::action::Action::*;
use common::{act, app, render};

/// The text inside the timeline pane, its lines joined, borders, gutters and runs of spaces
/// taken out: the titles read on, across their wrapped lines.
fn timeline_text(app: &App) -> String {
    let terminal = render(app);
    let buffer = terminal.backend().buffer();
    let inner = annals::layout::inner(app.main_layout().timeline);
    let mut text = String::new();
    for y in inner.y..inner.bottom() {
        for x in inner.x..inner.right() {
            text.push_str(buffer[(x, y)].symbol());
        }
        text.push(' ');
    }
    text.replace('▌', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn start(title: &str, chars: usize) -> String {
    title.chars().take(chars).collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Events whose date starts a line of the pane.
fn events_in_view(app: &App) -> usize {
    let l = app.main_layout();
    let height = usize::from(annals::layout::inner(l.timeline).height);
    let terminal = render(app);
    let buffer = terminal.backend().buffer();
    let inner = annals::layout::inner(l.timeline);
    (0..height)
        .filter(|&y| {
            let cell = |x: u16| buffer[(inner.x + x, inner.y + y as u16)].symbol().to_string();
            let date: String = (2..6).map(cell).collect();
            // A year heading is followed by its rule.
            date.trim_start_matches(['[', '~', '.']).starts_with("20") && cell(7) != "─"
        })
        .count()
}

#[test]
fn at_200x60_the_list_shows_every_title_whole() {
    let app = app(200, 60);
    let text = timeline_text(&app);
    for event in &app.dataset.events {
        assert!(text.contains(&start(&event.title, usize::MAX)), "{:?} not whole in:\n{text}", event.title);
    }
}

#[test]
fn at_120x40_and_80x24_the_list_shows_45_characters_of_every_title() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut app = app(w, h);
        for _ in 0..app.dataset.events.len() {
            let event = app.selected_event().unwrap().clone();
            let text = timeline_text(&app);
            assert!(text.contains(&start(&event.title, 45)), "{w}x{h}: {:?} in:\n{text}", event.title);
            act(&mut app, &[Down]);
        }
        // Not only the selected one: every title in view at the top.
        act(&mut app, &[Top]);
        let text = timeline_text(&app);
        let shown = app.dataset.events.iter().filter(|e| text.contains(&start(&e.title, 45))).count();
        assert_eq!(shown, events_in_view(&app), "{w}x{h}:\n{text}");
    }
}

#[test]
fn at_80x24_a_dozen_events_stay_in_view() {
    let mut app = app(80, 24);
    assert!(events_in_view(&app) >= 12, "{}", events_in_view(&app));
    for _ in 0..app.dataset.events.len() {
        act(&mut app, &[Down]);
        assert!(events_in_view(&app) >= 11, "at event {}: {}", app.timeline.selected, events_in_view(&app));
    }
}

/// The hints of the status line at width `w`: each shown hint is one of the screen's, whole.
fn assert_hints_whole(app: &App, full: &str) {
    let terminal = render(app);
    let buffer = terminal.backend().buffer();
    let y = app.size.1 - 1;
    let line: String = (0..app.size.0).map(|x| buffer[(x, y)].symbol().to_string()).collect();
    // Without the right-hand side, in whichever of its forms the width allowed.
    let rights = ["m: mouse on (select text: m off) · ? help", "mouse on (m) · ? help", "? help"];
    let left = rights.iter().find_map(|r| line.trim_end().strip_suffix(r)).unwrap_or(&line).trim();
    let hints: Vec<&str> = full.split(" · ").map(str::trim).collect();
    for shown in left.split(" · ") {
        assert!(hints.contains(&shown.trim()), "{}x{}: {shown:?} is cut in {line:?}", app.size.0, app.size.1);
    }
}

#[test]
fn no_status_hint_is_ever_cut_at_any_width() {
    for w in 60..=200 {
        let mut app = app(w, 24);
        for actions in
            [&[][..], &[Open], &[Back, Open, Open], &[Back, Back, SideBySide], &[Back, Chart], &[Back, Compare]]
        {
            act(&mut app, actions);
            let full = match &app.message {
                Some(message) => format!("{message} · {}", app.screens.last().unwrap().hints(&app)),
                None => app.screens.last().unwrap().hints(&app),
            };
            assert_hints_whole(&app, &full);
        }
    }
}

#[test]
fn a_cut_source_note_says_how_to_read_it_and_the_box_shows_it_whole() {
    let mut app = app(80, 24);
    let plan = app.dataset.event_index("plan-2020").unwrap();
    app.select_event(plan);
    act(&mut app, &[SideBySide]);
    let text = common::screen(&app);
    assert!(text.contains("… (i: full note)"), "{text}");
    act(&mut app, &[FocusNext, SourceDetails]);
    let source = app.side().unwrap().columns[1].source;
    let note = app.dataset.sources[source].date_note.clone().expect("the English article's note");
    let Some(annals::state::Overlay::Problems { lines, .. }) = app.overlay.clone() else { panic!("a box opens") };
    assert!(lines.contains(&note), "the note whole: {lines:?}");
    act(&mut app, &[Back]);
    assert!(app.overlay.is_none());
    assert_eq!(app.screen(), annals::screen::ScreenKind::SideBySide, "esc closes the box only");
}

#[test]
fn side_by_side_on_a_dataset_of_one_source_opens_the_reader() {
    let mut dataset = common::bundled();
    dataset.sources.truncate(1);
    for event in &mut dataset.events {
        event.quotes.retain(|q| q.source == 0);
        event.figures.clear();
    }
    dataset.facts.clear();
    let mut app = App::new(dataset, annals::input::keymap::Keymap::default_keymap(), (120, 40));
    act(&mut app, &[SideBySide]);
    assert_eq!(app.screen(), annals::screen::ScreenKind::Reader, "not the same article twice");
    assert!(app.message.as_deref().unwrap_or_default().contains("one source"), "{:?}", app.message);
}
