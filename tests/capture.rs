//! Capturing passages in the reader: a selection made with the keys, across wrapped lines and
//! accented text, kept as a draft event in drafts.toml beside the dataset (which then includes
//! it, comments kept), and loading the dataset again finds each captured quote in its source,
//! byte for byte.

mod common;

use std::path::Path;

use annals::app::{App, Effect, Input, update};
use annals::input::action::Action::{self, *};
use annals::input::keymap::Keymap;
use annals::screen::Screen;
use annals::write::capture::Draft;

/// A copy of the fixture set `valid` in a fresh folder, removed when the test ends (passed or
/// not).
fn story(name: &str) -> tempfile::TempDir {
    let dir = tempfile::Builder::new().prefix(&format!("annals-capture-{name}-")).tempdir().unwrap();
    copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sets/valid"), dir.path());
    dir
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() { copy(&path, &target) } else { std::fs::copy(&path, &target).map(drop).unwrap() }
    }
}

/// The app on the dataset at `main`, in a narrow terminal (the article wraps), with the
/// reader open on the quote of event `event`.
fn reader_on(main: &Path, event: &str) -> App {
    let dataset = annals::load::load_path(main).expect("loads");
    let mut app = App::new(dataset, Keymap::default_keymap(), (60, 30));
    app.state.source_path = Some(main.to_path_buf());
    let index = app.state.dataset.event_index(event).expect("event");
    app.state.timeline.select_event(index);
    common::act(&mut app, &[Open, Open]);
    assert!(matches!(app.screens.last(), Some(Screen::Reader(_))), "the reader is open");
    app
}

/// The reader's text area on screen, below the details of its source.
fn text_area(app: &App) -> ratatui::layout::Rect {
    let Some(Screen::Reader(reader)) = app.screens.last() else { panic!("the reader is not open") };
    let body = annals::layout::Frame::new(app.state.area()).body;
    annals::screen::reader::text_area(&app.state, body, &[reader.source])
}

fn selection(app: &App) -> Option<std::ops::Range<usize>> {
    match app.screens.last() {
        Some(Screen::Reader(reader)) => reader.selection.clone(),
        _ => None,
    }
}

/// A mouse event of `kind` at (`column`, `row`), as the terminal reports it.
fn mouse(app: &mut App, kind: crossterm::event::MouseEventKind, column: u16, row: u16) {
    let modifiers = crossterm::event::KeyModifiers::NONE;
    update(app, Input::Mouse(crossterm::event::MouseEvent { kind, column, row, modifiers }));
}

/// The first wrapped line the reader shows.
fn scroll(app: &App) -> usize {
    match app.screens.last() {
        Some(Screen::Reader(reader)) => reader.scroll,
        _ => panic!("the reader is not open"),
    }
}

fn captured(app: &mut App, actions: &[Action]) -> Draft {
    common::act(app, actions);
    match update(app, Input::Action(Capture)) {
        Some(Effect::Capture(draft)) => draft,
        other => panic!("no capture: {other:?} ({:?})", app.state.message),
    }
}

#[test]
fn a_selection_across_wrapped_lines_is_captured_byte_for_byte_and_loads_as_a_draft() {
    let dir = story("wrapped");
    let main = dir.path().join("story.toml");
    let mut app = reader_on(&main, "zhangbei");
    let text = app.state.dataset.sources[0].text.clone();
    common::act(&mut app, &[Select]);
    let start = selection(&app).expect("selecting");
    assert_eq!(&text[start.clone()], "Le", "the word at the quote");
    // To the end of the line, then of the sentence, which goes on over the next lines.
    common::act(&mut app, &[ExtendLine]);
    let line = selection(&app).expect("still selecting");
    common::act(&mut app, &[ExtendSentence]);
    let selected = selection(&app).expect("still selecting");
    let passage = &text[selected.clone()];
    assert_eq!(passage, "Le déploiement à Zhangbei commence l'été prochain, selon l'entreprise.");
    let Some(Screen::Reader(reader)) = app.screens.last() else { unreachable!() };
    let (width, _) = annals::screen::reader::text_size(&app.state, reader.source);
    let lines = reader.lines(&app.state.dataset, width);
    let spanned = lines.iter().filter(|l| l.start < selected.end && l.end > selected.start).count();
    assert!(spanned >= 2, "the sentence spans {spanned} wrapped lines: {lines:?}");
    assert!(lines.iter().any(|l| l.end == line.end), "a line step ends at a wrapped line's end");
    let draft = captured(&mut app, &[]);
    let snippet = draft.snippet();
    assert_eq!(selection(&app), None, "a capture ends the selection");
    assert!(snippet.contains("draft = true") && snippet.contains("source = \"fr-2015\""), "{snippet}");

    // What the runtime does with it, then a second capture of accented words in the source.
    let saved = annals::write::capture::save(&main, &draft).expect("saved");
    assert!(saved.created && saved.included, "{saved:?}");
    let main_text = std::fs::read_to_string(&main).unwrap();
    assert!(main_text.starts_with("# A dataset whose sources keep their text in files"), "comments kept");
    assert!(
        main_text.contains("include = [\"events/*.toml\", \"more/sources.toml\", \"drafts.toml\"]\n"),
        "{main_text}"
    );
    let mut app = reader_on(&main, "main-event");
    common::act(&mut app, &[Select, ExtendWord, ExtendWord]);
    let second = captured(&mut app, &[]);
    let saved = annals::write::capture::save(&main, &second).expect("saved");
    assert!(!saved.created && !saved.included, "{saved:?}");

    let dataset = annals::load::load_path(&main).unwrap_or_else(|e| panic!("{e}"));
    let drafts: Vec<_> = dataset.events.iter().filter(|e| e.is_draft()).collect();
    assert_eq!(drafts.len(), 2);
    let quoted: Vec<&str> = drafts
        .iter()
        .map(|e| {
            let q = &e.quotes[0];
            &dataset.sources[q.source].text[q.range.clone()]
        })
        .collect();
    assert_eq!(quoted, [passage, "un milliard de"]);
    assert!(drafts.iter().all(|e| e.undated && e.id.starts_with("draft-fr-2015-")));
    assert_ne!(drafts[0].id, drafts[1].id);
}

#[test]
fn capture_asks_for_a_selection_first_and_back_drops_one() {
    let dir = story("nothing");
    let mut app = reader_on(&dir.path().join("story.toml"), "dubai");
    assert_eq!(update(&mut app, Input::Action(Capture)), None);
    assert!(app.state.message.as_deref().is_some_and(|m| m.starts_with("nothing selected")));
    common::act(&mut app, &[ExtendWord]);
    assert_eq!(selection(&app), None);
    common::act(&mut app, &[Select, Back]);
    assert_eq!(selection(&app), None);
    assert!(matches!(app.screens.last(), Some(Screen::Reader(_))), "back dropped the selection only");
}

#[test]
fn the_selection_is_drawn_reversed_on_every_wrapped_line_it_covers() {
    let dir = story("drawn");
    let mut app = reader_on(&dir.path().join("story.toml"), "zhangbei");
    common::act(&mut app, &[Select, ExtendSentence]);
    let terminal = common::render(&app);
    let buffer = terminal.backend().buffer();
    let reversed_rows: Vec<String> = (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .filter(|&x| buffer[(x, y)].modifier.contains(ratatui::style::Modifier::REVERSED))
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .filter(|row| !row.trim().is_empty())
        .collect();
    assert!(reversed_rows.len() >= 2, "{reversed_rows:?} {:?}\n{}", selection(&app), common::screen(&app));
    let joined = reversed_rows.join(" ");
    let joined = joined.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(joined, "Le déploiement à Zhangbei commence l'été prochain, selon l'entreprise.");
}

#[test]
fn the_hints_say_how_to_extend_and_keep_the_selection_for_as_long_as_it_is_on() {
    let dir = story("hints");
    let main = dir.path().join("story.toml");
    let mut app = reader_on(&main, "zhangbei");
    update(&mut app, Input::Resize(120, 30));
    let status = |app: &App| common::screen(app).lines().last().unwrap_or_default().to_string();
    assert!(status(&app).contains("v select"), "{}", status(&app));
    common::key(&mut app, crossterm::event::KeyCode::Char('v'));
    // One word: the line keys move it.
    assert!(status(&app).contains("selecting · j/k move · w word"), "{}", status(&app));
    assert!(status(&app).contains("esc drop · b start later"), "{}", status(&app));
    // Each key clears the message of the one before: the hints stay.
    for c in ['w', 'w', ')', 'e'] {
        common::key(&mut app, crossterm::event::KeyCode::Char(c));
        assert!(status(&app).contains("selecting · w word"), "after {c}: {}", status(&app));
    }
    common::key(&mut app, crossterm::event::KeyCode::Esc);
    assert!(selection(&app).is_none() && status(&app).contains("v select"), "{}", status(&app));
}

#[test]
fn copying_the_citation_with_a_selection_on_copies_the_selection_and_says_which_words() {
    let dir = story("copy");
    let main = dir.path().join("story.toml");
    let mut app = reader_on(&main, "zhangbei");
    // The sentence the quote is in: more than the quote.
    common::act(&mut app, &[Select, ExtendSentence]);
    let selected = selection(&app).expect("a selection");
    let source = match app.screens.last() {
        Some(Screen::Reader(reader)) => reader.source,
        _ => unreachable!(),
    };
    let words = app.dataset.sources[source].text[selected].trim().to_string();
    let quote = match app.screens.last() {
        Some(Screen::Reader(reader)) => app.dataset.sources[source].text[reader.highlight.clone().unwrap()].to_string(),
        _ => unreachable!(),
    };
    assert!(words.len() > quote.len() + 10 && words.contains(&quote), "the selection holds more: {words:?}");
    let Some(Effect::CopyToClipboard(text)) = update(&mut app, Input::Action(CopyCitation)) else {
        panic!("a copy: {:?}", app.state.message)
    };
    assert!(text.contains(&words), "the selected words {words:?}, not the quote alone: {text:?}");
    let message = app.state.message.clone().unwrap_or_default();
    let start: String = words.chars().take(10).collect();
    assert!(message.starts_with(&format!("copied “{start}")), "{message}");
}

#[test]
fn the_start_walks_on_a_word_at_a_time_so_a_selection_can_begin_on_any_word() {
    let dir = story("later");
    let mut app = reader_on(&dir.path().join("story.toml"), "zhangbei");
    let text = app.state.dataset.sources[0].text.clone();
    let shown = |app: &App| text[selection(app).expect("selecting")].to_string();
    common::act(&mut app, &[Select]);
    assert_eq!(shown(&app), "Le");
    // One word moves along; a longer selection loses its first word.
    common::act(&mut app, &[StartLater]);
    assert_eq!(shown(&app), "déploiement");
    common::act(&mut app, &[ExtendWord, ExtendWord, StartLater]);
    assert_eq!(shown(&app), "à Zhangbei");
    let draft = captured(&mut app, &[]);
    assert_eq!(draft.passage, "à Zhangbei");
}

#[test]
fn a_press_on_a_word_selects_it_and_a_drag_takes_whole_words_either_way() {
    use crossterm::event::{MouseButton, MouseEventKind};
    let dir = story("mouse");
    let mut app = reader_on(&dir.path().join("story.toml"), "zhangbei");
    let text = app.state.dataset.sources[0].text.clone();
    let area = text_area(&app);
    // The screen cell a byte of the text is drawn in, from the reader's wrapped lines.
    let cell = |app: &App, at: usize| {
        let Some(Screen::Reader(reader)) = app.screens.last() else { unreachable!() };
        let lines = reader.lines(&app.state.dataset, area.width);
        let line = lines.iter().position(|l| l.start <= at && at < l.end).expect("on a line");
        let column = annals::text::wrap::width(&text[lines[line].start..at]);
        (area.x + column as u16, area.y + (line - reader.scroll) as u16)
    };
    let mouse = |app: &mut App, kind, (column, row): (u16, u16)| mouse(app, kind, column, row);
    let zhangbei = text.find("Zhangbei").unwrap();
    let commence = text.find("commence").unwrap();
    let at = cell(&app, zhangbei + 3);
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), at);
    assert_eq!(&text[selection(&app).expect("a press selects")], "Zhangbei", "the whole word under the pointer");
    let at = cell(&app, commence + 2);
    mouse(&mut app, MouseEventKind::Drag(MouseButton::Left), at);
    assert_eq!(&text[selection(&app).unwrap()], "Zhangbei commence");
    // Back past where the press was: from the word there to the pressed one.
    let deploiement = text.find("déploiement").unwrap();
    let at = cell(&app, deploiement + 4);
    mouse(&mut app, MouseEventKind::Drag(MouseButton::Left), at);
    assert_eq!(&text[selection(&app).unwrap()], "déploiement à Zhangbei");
    let at = cell(&app, deploiement + 4);
    mouse(&mut app, MouseEventKind::Up(MouseButton::Left), at);
    // A drag after the button went up changes nothing; the keys extend what the mouse chose.
    let at = cell(&app, commence);
    mouse(&mut app, MouseEventKind::Drag(MouseButton::Left), at);
    assert_eq!(&text[selection(&app).unwrap()], "déploiement à Zhangbei");
    common::act(&mut app, &[ExtendWord]);
    assert_eq!(&text[selection(&app).unwrap()], "déploiement à Zhangbei commence");
    let draft = captured(&mut app, &[]);
    assert_eq!(draft.passage, "déploiement à Zhangbei commence");
}

#[test]
fn a_drag_past_the_bottom_or_top_of_the_text_scrolls_and_selects_to_the_edge_line() {
    use crossterm::event::{MouseButton, MouseEventKind};
    // The bundled dataset, whose articles are many screens long (it is only read).
    let main = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/alibaba-cloud.toml");
    let mut app = reader_on(&main, "zhangbei-engineer-2016");
    let area = text_area(&app);
    // The line of the text on screen row `row` of the area, as wrapped now.
    let line_on = |app: &App, row: u16| {
        let Some(Screen::Reader(reader)) = app.screens.last() else { unreachable!() };
        reader.lines(&app.state.dataset, area.width)[reader.scroll + usize::from(row - area.y)].clone()
    };
    let top = scroll(&app);
    let first = line_on(&app, area.y);
    // A press on the first word of the top line, then a drag two rows below the text, twice.
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), area.x, area.y);
    let start = selection(&app).expect("a press selects").start;
    assert!(first.contains(&start), "{first:?} {start}");
    let mut end = selection(&app).unwrap().end;
    let pressed = end;
    for moves in 1..=3 {
        mouse(&mut app, MouseEventKind::Drag(MouseButton::Left), area.x + 3, area.bottom() + 1);
        assert_eq!(scroll(&app), top + moves, "one line a move");
        let chosen = selection(&app).unwrap();
        assert_eq!(chosen.start, start, "the start stays where the press was");
        assert!(chosen.end >= end, "the selection never shrinks as the text scrolls down: {chosen:?}");
        end = chosen.end;
        // It ends on the bottom line, where the pointer is (on a blank line, at the last word
        // before it), never further on.
        let bottom = line_on(&app, area.bottom() - 1);
        assert!(end <= bottom.end, "past the pointer's line: {bottom:?} {chosen:?}");
        assert!(bottom.is_empty() || bottom.start < end, "short of the bottom line: {bottom:?} {chosen:?}");
    }
    assert!(end > pressed, "three lines further down, the selection has grown");
    // Past the right side, on a row of the text: to the end of that line's last word.
    mouse(&mut app, MouseEventKind::Drag(MouseButton::Left), area.right() + 5, area.y + 2);
    let third = line_on(&app, area.y + 2);
    let chosen = selection(&app).unwrap();
    assert_eq!(scroll(&app), top + 3, "no scroll beside the text");
    assert!(chosen.end <= third.end && (third.is_empty() || third.start < chosen.end), "{third:?} {chosen:?}");
    // Above the text: it scrolls back, a line a move.
    mouse(&mut app, MouseEventKind::Drag(MouseButton::Left), area.x, area.y - 1);
    assert_eq!(scroll(&app), top + 2);
    // Once the button is up, a move past the edge scrolls nothing.
    mouse(&mut app, MouseEventKind::Up(MouseButton::Left), area.x, area.y);
    mouse(&mut app, MouseEventKind::Drag(MouseButton::Left), area.x, area.bottom() + 1);
    assert_eq!(scroll(&app), top + 2);
}

#[test]
fn a_drag_held_still_past_the_edge_goes_on_scrolling_a_line_a_tick_until_the_button_is_up() {
    use crossterm::event::{MouseButton, MouseEventKind};
    let main = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/alibaba-cloud.toml");
    let mut app = reader_on(&main, "zhangbei-engineer-2016");
    let area = text_area(&app);
    let top = scroll(&app);
    // No drag, no ticks: the loop waits for input alone.
    assert_eq!(app.ticking(), None);
    update(&mut app, Input::Tick);
    assert_eq!(scroll(&app), top);
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), area.x, area.y);
    mouse(&mut app, MouseEventKind::Drag(MouseButton::Left), area.x, area.y + 1);
    assert_eq!(app.ticking(), None, "a drag within the text does not tick");
    mouse(&mut app, MouseEventKind::Drag(MouseButton::Left), area.x + 3, area.bottom() + 1);
    assert_eq!(scroll(&app), top + 1);
    assert!(app.ticking().is_some(), "held below the text, the loop ticks");
    let held = selection(&app).unwrap().end;
    let mut end = held;
    for ticks in 1..=4 {
        update(&mut app, Input::Tick);
        assert_eq!(scroll(&app), top + 1 + ticks, "a line a tick");
        let chosen = selection(&app).unwrap();
        assert!(chosen.end >= end, "the selection runs on with the text: {chosen:?}");
        end = chosen.end;
    }
    assert!(end > held, "four lines further down, the selection has grown");
    // Back within the text: no more ticks.
    mouse(&mut app, MouseEventKind::Drag(MouseButton::Left), area.x + 3, area.y + 2);
    assert_eq!(app.ticking(), None);
    update(&mut app, Input::Tick);
    assert_eq!(scroll(&app), top + 5);
    // Above it, held, then let go: the ticks stop with the button.
    mouse(&mut app, MouseEventKind::Drag(MouseButton::Left), area.x, area.y - 1);
    update(&mut app, Input::Tick);
    assert_eq!(scroll(&app), top + 3, "up a line for the move and one for the tick");
    mouse(&mut app, MouseEventKind::Up(MouseButton::Left), area.x, area.y - 1);
    assert_eq!(app.ticking(), None);
    update(&mut app, Input::Tick);
    assert_eq!(scroll(&app), top + 3);
}

#[test]
fn a_drag_whose_release_cannot_be_seen_ends_with_capture_off_a_suspend_or_esc() {
    use crossterm::event::{MouseButton, MouseEventKind};
    let main = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/alibaba-cloud.toml");
    let hold = |app: &mut App| {
        let area = text_area(app);
        mouse(app, MouseEventKind::Down(MouseButton::Left), area.x, area.y);
        mouse(app, MouseEventKind::Drag(MouseButton::Left), area.x + 3, area.bottom() + 1);
        assert!(app.ticking().is_some(), "held below the text");
    };
    // Mouse capture off, then on again: the drag does not come back to life.
    let mut app = reader_on(&main, "zhangbei-engineer-2016");
    hold(&mut app);
    common::act(&mut app, &[ToggleMouse, ToggleMouse]);
    let at = scroll(&app);
    assert_eq!(app.ticking(), None);
    update(&mut app, Input::Tick);
    assert_eq!(scroll(&app), at, "no scroll without a button held");
    assert!(selection(&app).is_some(), "the selection made so far stays");
    common::act(&mut app, &[Back]);
    assert_eq!(selection(&app), None, "Esc drops it");
    // Back from a suspend.
    let mut app = reader_on(&main, "zhangbei-engineer-2016");
    hold(&mut app);
    update(&mut app, Input::Resumed);
    assert_eq!(app.ticking(), None);
    // Esc during the drag drops the selection and ends the drag: no tick makes it again.
    let mut app = reader_on(&main, "zhangbei-engineer-2016");
    hold(&mut app);
    common::act(&mut app, &[Back]);
    assert_eq!((selection(&app), app.ticking()), (None, None));
    update(&mut app, Input::Tick);
    assert_eq!(selection(&app), None);
}

/// The files of a folder and their bytes, to see that nothing was written.
fn contents(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    files.sort();
    files
}

fn a_draft() -> Draft {
    Draft { id: "draft-fr-2015-1".into(), source: "fr-2015".into(), passage: "Le déploiement".into() }
}

#[test]
fn a_drafts_file_that_does_not_parse_refuses_the_capture_with_its_position_and_writes_nothing() {
    let dir = story("bad-drafts");
    let main = dir.path().join("story.toml");
    std::fs::write(dir.path().join("drafts.toml"), "# notes\nthis is = not [valid\n").unwrap();
    let before = contents(dir.path());
    let error = annals::write::capture::save(&main, &a_draft()).expect_err("refused").to_string();
    assert!(error.contains("drafts.toml:2:"), "{error}");
    assert!(error.contains("mend it, then capture again"), "{error}");
    assert_eq!(contents(dir.path()), before, "neither file changed");
}

#[test]
fn a_main_file_that_is_a_link_or_read_only_refuses_the_capture_before_the_drafts_file_is_made() {
    let dir = story("link-main");
    let main = dir.path().join("story.toml");
    let link = dir.path().join("linked.toml");
    std::os::unix::fs::symlink(&main, &link).unwrap();
    let error = annals::write::capture::save(&link, &a_draft()).expect_err("refused").to_string();
    assert!(error.contains("symbolic link"), "{error}");
    assert!(!dir.path().join("drafts.toml").exists(), "no drafts file left behind");

    let mut permissions = std::fs::metadata(&main).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&main, permissions).unwrap();
    let before = contents(dir.path());
    let error = annals::write::capture::save(&main, &a_draft()).expect_err("refused").to_string();
    assert!(error.contains("story.toml is read-only"), "{error}");
    assert_eq!(contents(dir.path()), before, "nothing written");
}

#[test]
fn a_capture_takes_the_next_id_when_the_drafts_file_holds_it_already() {
    let dir = story("taken-id");
    let main = dir.path().join("story.toml");
    // Another instance captured twice since this one read the dataset.
    let first = annals::write::capture::save(&main, &a_draft()).expect("saved");
    assert_eq!(first.draft.id, "draft-fr-2015-1");
    let second = annals::write::capture::save(&main, &a_draft()).expect("saved");
    assert_eq!(second.draft.id, "draft-fr-2015-2");
    let third = annals::write::capture::save(&main, &a_draft()).expect("saved");
    assert_eq!(third.draft.id, "draft-fr-2015-3");
    let dataset = annals::load::load_path(&main).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(dataset.events.iter().filter(|e| e.is_draft()).count(), 3, "three drafts, ids unique");
}

#[test]
fn a_selection_just_begun_moves_a_line_with_j_and_k_and_a_longer_one_stays() {
    let dir = story("lines");
    let mut app = reader_on(&dir.path().join("story.toml"), "zhangbei");
    let text = app.state.dataset.sources[0].text.clone();
    let lines = |app: &App| {
        let Some(Screen::Reader(reader)) = app.screens.last() else { unreachable!() };
        let (width, _) = annals::screen::reader::text_size(&app.state, reader.source);
        reader.lines(&app.state.dataset, width)
    };
    common::act(&mut app, &[Select]);
    let first = selection(&app).expect("selecting");
    let wrapped = lines(&app);
    let on = |at: usize| wrapped.iter().position(|l| l.start <= at && at < l.end).expect("on a line");
    let line = on(first.start);
    assert!(common::screen(&app).contains("selecting · j/k move"), "the hints say so");
    common::act(&mut app, &[Down]);
    let moved = selection(&app).expect("still selecting");
    assert!(on(moved.start) > line, "{first:?} → {moved:?}");
    let next_words = &text[wrapped[on(moved.start)].clone()];
    assert!(next_words.trim_start().starts_with(&text[moved.clone()]), "the line's first word: {next_words:?}");
    common::act(&mut app, &[Up]);
    assert_eq!(on(selection(&app).unwrap().start), line, "and back up");
    // Two words: the line keys scroll again, the selection stays.
    common::act(&mut app, &[ExtendWord]);
    let two = selection(&app).unwrap();
    common::act(&mut app, &[Down]);
    assert_eq!(selection(&app), Some(two));
    assert!(!common::screen(&app).contains("selecting · j/k move"));
}
