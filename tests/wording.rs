//! What the status line, the help, the concordance, the reader's header and the export box
//! say, at the sizes where a newcomer misread them.

mod common;

use annals::input::action::Action::*;
use annals::screen::ScreenKind as Screen;
use common::{act, app, key, screen, type_str};
use crossterm::event::KeyCode;

/// The last line of the screen: the status line.
fn status(app: &annals::app::App) -> String {
    screen(app).lines().last().unwrap_or_default().to_string()
}

#[test]
fn the_query_being_typed_stays_in_view_at_60_columns() {
    let mut app = app(60, 20);
    act(&mut app, &[Search]);
    type_str(&mut app, "cloud");
    let line = status(&app);
    assert!(line.starts_with(" /cloud▏"), "the query, whole: {line}");
    assert!(line.contains("99 matches"), "the count while it fits: {line}");
    // A long query that leaves no room: its end shows, the count and the right side give way.
    type_str(&mut app, " computing infrastructure for the whole north of china");
    let line = status(&app);
    assert!(line.contains("of china▏"), "the end of the query, where the cursor is: {line}");
    assert!(line.starts_with(" /…"), "{line}");
    assert!(!line.contains("help"), "the right side went first: {line}");
}

/// "zhangbei" typed in the search line, on the 200-billion plan, whose articles do not say it.
fn zhangbei_typed_on_the_plan() -> annals::app::App {
    let mut app = app(200, 60);
    let plan = app.dataset.events.iter().position(|e| e.title.starts_with("200 billion")).expect("the plan");
    app.select_event(plan);
    act(&mut app, &[Search]);
    type_str(&mut app, "zhangbei");
    app
}

#[test]
fn tab_in_the_search_line_names_both_places_and_blames_no_filter() {
    let mut app = zhangbei_typed_on_the_plan();
    let line = status(&app);
    assert!(line.contains("in the whole dataset · tab: search only the event’s 2 articles"), "{line}");
    key(&mut app, KeyCode::Tab);
    let line = status(&app);
    assert!(!line.contains("filters"), "no filter is on: {line}");
    assert!(line.contains("no match in the 2 articles of “200 billion"), "{line}");
    assert!(line.contains("tab: search everything"), "{line}");
    key(&mut app, KeyCode::Tab);
    assert!(status(&app).contains("13 matches"), "{}", status(&app));
}

#[test]
fn short_of_room_the_search_line_keeps_what_tab_offers_over_where_it_looks() {
    let mut app = zhangbei_typed_on_the_plan();
    let full = status(&app);
    let offer = " · tab: search only the event’s 2 articles";
    assert!(full.contains(&format!("in the whole dataset{offer}")), "{full}");
    // Narrower than the search's part of the line, wide enough for it without where it looks.
    let end = full.find(offer).unwrap() + offer.len();
    let without = full[..end].replace(" · in the whole dataset", "");
    let columns = u16::try_from(annals::text::wrap::width(&without)).unwrap() + 1;
    annals::app::update(&mut app, annals::app::Input::Resize(columns, 60));
    let line = status(&app);
    assert!(line.contains(offer) && !line.contains("in the whole dataset"), "at {columns}: {line}");
}

#[test]
fn n_says_on_which_screen_the_match_is_when_it_changes() {
    let mut app = app(200, 60);
    act(&mut app, &[Search]);
    type_str(&mut app, "zhangbei");
    key(&mut app, KeyCode::Enter);
    // Keys, as typed: each clears the message of the one before.
    while app.screen() == Screen::Main {
        key(&mut app, KeyCode::Char('n'));
    }
    let message = app.message.clone().unwrap_or_default();
    assert!(message.starts_with("match 10 of 13 · in the reader · “"), "{message}");
    // From article to article the reader stays: the search line says the rest.
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(app.message, None);
    assert!(status(&app).contains("match 11 of 13"), "{}", status(&app));
    // Wrapping back to the main screen says both.
    for _ in 0..3 {
        key(&mut app, KeyCode::Char('n'));
    }
    let message = app.message.clone().unwrap_or_default();
    assert_eq!(message, "search wrapped to the first match · match 1 of 13 · in the timeline");
}

#[test]
fn enter_says_it_started_from_the_selected_event() {
    let mut app = app(200, 60);
    let plan = app.dataset.events.iter().position(|e| e.title.starts_with("200 billion")).expect("the plan");
    app.select_event(plan);
    act(&mut app, &[Search]);
    type_str(&mut app, "zhangbei");
    key(&mut app, KeyCode::Enter);
    let message = app.message.clone().unwrap_or_default();
    assert!(message.starts_with("match 8 of 13 · from the selected event on (g then n: from match 1)"), "{message}");
    // And g then n does start from match 1.
    act(&mut app, &[Top, NextMatch]);
    assert_eq!(app.search.ordinal(), Some(0));
    // From the first event, match 1 needs no explanation.
    let mut app = common::app(200, 60);
    act(&mut app, &[Search]);
    type_str(&mut app, "cloud");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.search.ordinal(), Some(0));
    assert!(!app.message.clone().unwrap_or_default().contains("selected event"));
}

#[test]
fn the_current_match_is_reversed_and_the_others_are_not() {
    use ratatui::style::Modifier;
    let mut app = app(120, 40);
    act(&mut app, &[Search]);
    type_str(&mut app, "zhangbei");
    key(&mut app, KeyCode::Enter);
    let terminal = common::render(&app);
    let buffer = terminal.backend().buffer();
    let (mut current, mut others) = (0, 0);
    for cell in buffer.content.iter() {
        let reversed = cell.modifier.contains(Modifier::REVERSED);
        if cell.fg == ratatui::style::Color::LightYellow && reversed {
            current += 1;
        }
        if cell.fg == ratatui::style::Color::LightMagenta && cell.modifier.contains(Modifier::UNDERLINED) {
            assert!(!reversed, "another match is not reversed");
            others += 1;
        }
    }
    // The current match is the selected title, shown in the timeline and over the detail.
    assert!(current > 0 && current % "zhangbei".len() == 0, "only the current match is reversed: {current}");
    assert!(others > 0, "the other matches are marked too");
}

#[test]
fn an_unknown_key_says_so() {
    let mut app = app(120, 40);
    key(&mut app, KeyCode::Char('x'));
    assert_eq!(app.message.as_deref(), Some("x: no such key · ? help"));
    act(&mut app, &[Compare]);
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(app.message.as_deref(), Some("y: no such key here · ? help"));
    // A bound key says nothing of the kind.
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.message, None);
}

#[test]
fn while_a_filter_is_on_the_hints_say_how_to_clear_it_at_every_size() {
    for (w, h) in [(60, 20), (80, 24), (120, 40), (200, 60)] {
        let mut app = app(w, h);
        assert!(!status(&app).contains("clears the filters"), "{w}x{h}: no filter, no hint");
        act(&mut app, &[FilterYear]);
        type_str(&mut app, "2020");
        key(&mut app, KeyCode::Enter);
        assert!(status(&app).contains("c clears the filters"), "{w}x{h}: {}", status(&app));
        // Esc has nothing to close there: it says what does.
        key(&mut app, KeyCode::Esc);
        assert!(status(&app).contains("the filters stay on · c clears the filters"), "{w}x{h}: {}", status(&app));
    }
    // Export comes after the views by priority: there is room for it from about 130 columns.
    let app = app(200, 60);
    assert!(status(&app).contains("E export"), "{}", status(&app));
}

#[test]
fn compare_and_chart_keep_esc_back_at_every_size() {
    for (w, h) in [(60, 20), (80, 24), (120, 40), (200, 60)] {
        for view in [Compare, Chart] {
            let mut app = app(w, h);
            act(&mut app, &[view]);
            assert!(status(&app).contains("esc back"), "{w}x{h} {view:?}: {}", status(&app));
        }
        let mut app = app(w, h);
        key(&mut app, KeyCode::Char('s'));
        key(&mut app, KeyCode::Char('j'));
        let line = status(&app);
        assert!(line.contains("esc back") && !line.contains("[/]"), "{w}x{h}: {line}");
    }
    let mut app = app(80, 24);
    assert!(status(&app).starts_with(" tab: the event · "), "{}", status(&app));
    key(&mut app, KeyCode::Char('s'));
    key(&mut app, KeyCode::Char('j'));
    assert!(status(&app).contains("tab: other column · [ ] swap source · esc back"), "{}", status(&app));
}

#[test]
fn the_mouse_label_says_what_m_does() {
    let mut app = app(200, 60);
    assert!(status(&app).contains("m: mouse on (select text: m off) · ? help"), "{}", status(&app));
    act(&mut app, &[ToggleMouse]);
    key(&mut app, KeyCode::Char('j'));
    assert!(status(&app).contains("m: mouse off (wheel and clicks: m on)"), "{}", status(&app));
}

#[test]
fn the_concordance_shows_whole_dates_and_its_own_keys() {
    for (w, h) in [(60, 20), (80, 24), (120, 40), (200, 60)] {
        let mut app = app(w, h);
        act(&mut app, &[Search]);
        type_str(&mut app, "cloud");
        key(&mut app, KeyCode::Enter);
        key(&mut app, KeyCode::Char('C'));
        assert_eq!(app.screen(), Screen::Concordance);
        let text = screen(&app);
        assert!(text.contains("[2015-07-29] "), "{w}x{h}: the date whole\n{text}");
        assert!(!text.contains("[2015-07-2…"), "{w}x{h}\n{text}");
        let line = status(&app);
        assert!(line.contains("esc back") && !line.contains("n/N"), "{w}x{h}: {line}");
        // The selected line's place, whole, on the frame below.
        let bottom = text.lines().rev().nth(1).unwrap_or_default();
        assert!(bottom.starts_with("└ 1 · "), "{w}x{h}: {bottom}");
    }
    let mut app = app(200, 60);
    act(&mut app, &[Search]);
    type_str(&mut app, "cloud");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('C'));
    assert!(screen(&app).contains("event · The world cloud market put at $20 billion "), "labels use the room");
}

#[test]
fn the_reader_header_ends_after_a_word_and_names_the_key() {
    let mut app = app(120, 40);
    let source = app.dataset.sources.iter().position(|s| s.page_lines.is_some()).expect("a source with page lines");
    let reader = annals::screen::Reader::open(&app.dataset, source, None, 118, 30);
    app.screens.push(annals::screen::Screen::Reader(reader));
    let text = screen(&app);
    let line = text.lines().find(|l| l.contains("(i: full note)")).expect("the cut header says how to read it");
    let before = line.split(" … (i: full note)").next().unwrap_or_default();
    let last_word = before.rsplit(' ').next().unwrap_or_default();
    let details = annals::screen::reader::details(&app, source);
    assert!(
        details.split_whitespace().any(|w| w == last_word || w.trim_end_matches([',', ';', ':']) == last_word),
        "“{last_word}” is a whole word of the details"
    );
    // The box i opens is no list.
    act(&mut app, &[SourceDetails]);
    let text = screen(&app);
    assert!(text.contains("esc or enter closes") && !text.contains("closes this list"), "{text}");
    assert!(text.contains("page: “à écrit le 31/07/2015 à 0:54”"), "page lines quoted as printed\n{text}");
}

#[test]
fn help_explains_the_marks_of_the_dates() {
    let app = app(120, 40);
    let lines: Vec<String> = annals::ui::help::lines(&app, 88)
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    let text = lines.join("\n");
    for mark in ["[2015-07]", "~2022-09", "2020?", "..~2022-09", "planned", "target", "unsourced"] {
        assert!(lines.iter().any(|l| l.trim_start().starts_with(mark)), "{mark} explained\n{text}");
    }
    assert!(text.contains("inferred") && text.contains("approximate") && text.contains("uncertain"));
    assert!(text.contains("tab changes where it looks"), "{text}");
}

#[test]
fn the_export_box_says_what_it_exports_and_marks_the_format() {
    let mut app = app(200, 60);
    act(&mut app, &[Compare, Export]);
    let text = screen(&app);
    assert!(text.contains("Export the timeline"), "{text}");
    assert!(text.contains("the whole timeline: 22 events"), "{text}");
    assert!(text.contains("[md]"), "the format is marked without colour\n{text}");
    key(&mut app, KeyCode::Tab);
    assert!(screen(&app).contains("[json]"));
    key(&mut app, KeyCode::Esc);
    act(&mut app, &[Back, FilterYear]);
    type_str(&mut app, "2020");
    key(&mut app, KeyCode::Enter);
    act(&mut app, &[Export]);
    assert!(screen(&app).contains("the timeline as filtered: 6 of 22 events · 2020"), "{}", screen(&app));
}

#[test]
fn the_views_are_named_in_the_header_at_every_size() {
    for (w, h) in [(60, 20), (80, 24), (120, 40), (200, 60)] {
        let app = app(w, h);
        let screen = common::screen(&app);
        let header = screen.lines().next().unwrap();
        assert!(header.contains("d compare · f chart"), "{w}x{h}: {header}");
        assert!(header.contains("Alibaba Cloud (Aliyun), 2015–2022"), "{w}x{h}: the title stays whole: {header}");
    }
}
