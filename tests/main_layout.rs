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

/// The event rows in view in the timeline pane, each as its text from the date on, its
/// continuation lines joined and runs of spaces made one: a row starts on a line whose date
/// column holds a date (not a year heading, whose rule follows its year; not an era heading,
/// which starts with its label), and goes on over the lines whose date column is blank.
fn event_rows(app: &App) -> Vec<String> {
    let terminal = render(app);
    let buffer = terminal.backend().buffer();
    let inner = annals::layout::inner(app.main_layout().timeline);
    let mut rows: Vec<String> = Vec::new();
    for y in inner.y..inner.bottom() {
        let cell = |x: u16| buffer[(inner.x + x, y)].symbol().to_string();
        let line: String = (2..inner.width).map(cell).collect();
        let first = line.chars().next().unwrap_or(' ');
        let dated = (first.is_ascii_digit() || "[~.".contains(first)) && cell(7) != "─";
        if dated {
            rows.push(line);
        } else if first == ' '
            && !line.trim().is_empty()
            && cell(0) == "▌"
            && let Some(row) = rows.last_mut()
        {
            row.push(' ');
            row.push_str(&line);
        }
    }
    rows.into_iter().map(|row| row.split_whitespace().collect::<Vec<_>>().join(" ")).collect()
}

/// Events whose date starts a line of the pane.
fn events_in_view(app: &App) -> usize {
    event_rows(app).len()
}

#[test]
fn at_200x60_the_list_shows_every_title_whole() {
    let app = app(200, 60);
    let text = timeline_text(&app);
    for event in &app.dataset.events {
        assert!(text.contains(&start(&event.title, usize::MAX)), "{:?} not whole in:\n{text}", event.title);
    }
    assert_eq!(events_in_view(&app), app.dataset.events.len(), "every event in view:\n{text}");
}

/// Walks the selection through every event at `w`x`h`: at each step every event row in view
/// shows at least the first 45 characters of its title, and at least `at_least` rows are in
/// view. Returns the fewest seen.
fn walk(w: u16, h: u16, at_least: usize) -> usize {
    let mut app = app(w, h);
    let titles: Vec<String> = app.dataset.events.iter().map(|e| start(&e.title, 45)).collect();
    let mut fewest = usize::MAX;
    for step in 0..app.dataset.events.len() {
        assert_eq!(app.timeline.selected, step);
        let rows = event_rows(&app);
        for row in &rows {
            assert!(
                titles.iter().any(|t| row.contains(t.as_str())),
                "{w}x{h}, step {step}: {row:?} shows less than 45 characters of its title:\n{}",
                timeline_text(&app)
            );
        }
        let selected = &titles[app.timeline.selected_event().unwrap()];
        assert!(
            rows.iter().any(|row| row.contains(selected.as_str())),
            "{w}x{h}, step {step}: the selected event in view"
        );
        assert!(
            rows.len() >= at_least,
            "{w}x{h}, step {step}: {} events in view:\n{}",
            rows.len(),
            common::screen(&app)
        );
        fewest = fewest.min(rows.len());
        act(&mut app, &[Down]);
    }
    fewest
}

#[test]
fn at_120x40_and_80x24_the_list_shows_45_characters_of_every_title_in_view() {
    // At 120x40 every title wraps whole, and a dozen events still stay in view.
    walk(120, 40, 12);
    walk(80, 24, 12);
}

#[test]
fn at_80x24_a_dozen_events_stay_in_view_at_every_step() {
    // The year headings give their lines to events in a short pane: 16 or more stay in view.
    assert!(walk(80, 24, 12) >= 16);
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

/// The number written before `word` after `mark` ("▼ 5 below"), if the screen says it.
fn count_before(screen: &str, mark: &str, word: &str) -> Option<usize> {
    let at = screen.find(mark)? + mark.len();
    let rest = screen[at..].trim_start();
    let (number, after) = rest.split_once(' ')?;
    after.starts_with(word).then(|| number.parse().ok())?
}

#[test]
fn the_quotes_pane_says_how_many_quotes_are_above_and_below_and_the_key_to_the_next() {
    let plan = common::bundled().event_index("plan-2020").unwrap();
    for (w, h) in [(80, 24), (60, 20)] {
        let mut app = app(w, h);
        app.select_event(plan);
        let n = app.dataset.events[plan].quotes.len();
        act(&mut app, &[Open]);
        let screen = common::screen(&app);
        let below = count_before(&screen, "▼", "below · ] next quote");
        assert!(below.is_some_and(|b| (1..n).contains(&b)), "{w}x{h}:\n{screen}");
        assert!(!screen.contains("above"), "{w}x{h}: nothing above the first:\n{screen}");
        for _ in 1..n {
            act(&mut app, &[NextQuote]);
        }
        // The last quote: every other one is above (at 60x20 on the bottom border, as the
        // title leaves no room on the top one).
        let screen = common::screen(&app);
        let above = count_before(&screen, "▲", "above");
        assert!(above.is_some_and(|a| (1..n).contains(&a)), "{w}x{h}:\n{screen}");
        assert!(!screen.contains("below"), "{w}x{h}:\n{screen}");
        // The first again: nothing above.
        act(&mut app, &[NextQuote]);
        assert!(!common::screen(&app).contains("above"), "{w}x{h}");
    }
}

#[test]
fn at_200x60_and_120x40_every_title_in_view_keeps_its_theme_badges() {
    for (w, h) in [(200, 60), (120, 40)] {
        let app = app(w, h);
        let rows = event_rows(&app);
        let d = &app.dataset;
        for event in &d.events {
            let Some(row) = rows.iter().find(|r| r.contains(&start(&event.title, 45))) else { continue };
            let badges: Vec<String> =
                event.themes.iter().map(|&t| annals::ui::style::badge(&d.themes[t].id).trim().to_string()).collect();
            assert!(row.ends_with(&badges.join(" ")), "{w}x{h}: {row:?} without its badges {badges:?}");
        }
    }
}

#[test]
fn a_cut_quote_says_so_and_a_quote_of_a_quote_is_not_marked_twice() {
    let mut app = app(200, 60);
    let plan = app.dataset.event_index("plan-2020").unwrap();
    app.select_event(plan);
    let screen = common::screen(&app);
    assert!(!screen.contains("““") && !screen.contains("””"), "{screen}");
    assert!(screen.contains("‘“La pandémie"), "{screen}");
    // Every quote but the selected one shows three lines at most, the third ending in "…".
    let quotes = annals::layout::inner(app.main_layout().quotes);
    let terminal = render(&app);
    let buffer = terminal.backend().buffer();
    let lines: Vec<String> = (quotes.y..quotes.bottom())
        .map(|y| (quotes.x..quotes.right()).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect();
    let cut = lines.iter().filter(|l| l.trim_end().ends_with('…') && !l.trim_start().starts_with('—')).count();
    assert!(cut >= 2, "the cut quotes end in …:\n{}", lines.join("\n"));
}

#[test]
fn the_detail_pane_says_how_to_scroll_its_hidden_lines() {
    let mut app = app(120, 40);
    let screen = common::screen(&app);
    assert!(screen.contains("of 28 · tab to scroll"), "{screen}");
    act(&mut app, &[FocusNext]);
    let screen = common::screen(&app);
    assert!(screen.contains("of 28 · j/k scroll") && screen.contains("detail · j/k scroll"), "{screen}");
}

#[test]
fn the_selected_quote_names_its_source_whole() {
    let mut app = app(80, 24);
    let plan = app.dataset.event_index("plan-2020").unwrap();
    app.select_event(plan);
    act(&mut app, &[Open]);
    let source = &app.dataset.sources[app.dataset.events[plan].quotes[0].source];
    let text = common::screen(&app).split_whitespace().collect::<Vec<_>>().join(" ").replace('│', "");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains(&source.title), "{:?} whole in:\n{text}", source.title);
}

/// The text of the timeline pane's bottom border.
fn timeline_foot(app: &App) -> String {
    let terminal = render(app);
    let buffer = terminal.backend().buffer();
    let pane = app.main_layout().timeline;
    (pane.x..pane.right()).map(|x| buffer[(x, pane.bottom() - 1)].symbol()).collect()
}

#[test]
fn the_timeline_says_how_many_events_are_above_and_below_the_pane() {
    let mut app = app(80, 24);
    let total = app.timeline.visible.len();
    let shown = events_in_view(&app);
    assert!(shown < total, "not every event fits at 80x24");
    let foot = timeline_foot(&app);
    // Events drawn whole, and the one the foot cuts (counted below, as the quotes pane does).
    let below: usize = foot.split("▼ ").nth(1).and_then(|s| s.split(' ').next()).unwrap().parse().unwrap();
    assert!(below == total - shown || below == total - shown + 1, "{foot}: {shown} of {total} in view");
    assert!(!foot.contains('▲'), "nothing above at the top: {foot}");
    act(&mut app, &[Bottom]);
    let foot = timeline_foot(&app);
    assert!(!foot.contains('▼'), "nothing below at the end: {foot}");
    let above: usize = foot.split("▲ ").nth(1).and_then(|s| s.split(' ').next()).unwrap().parse().unwrap();
    assert_eq!(above + events_in_view(&app), total, "{foot}");
    // Everything in view: no marks.
    let app = common::app(200, 80);
    assert_eq!(events_in_view(&app), total);
    assert!(!timeline_foot(&app).contains('▼') && !timeline_foot(&app).contains('▲'));
}
