//! Property tests of the whole app against hostile data and input:
//!
//! - random valid datasets (0 to ~200 events, huge titles, long lines without spaces, every
//!   date precision, CJK, combining accents, emoji) at random terminal sizes from 0x0 to
//!   400x120 draw every screen without panicking, keep every pane border in place and put no
//!   unsafe character on screen; so does an event with 10,000 quotes;
//! - random inputs (actions, typed characters, resizes, mouse clicks and wheel at random
//!   places) never panic and keep the timeline selection valid and in view;
//! - the loader never panics on arbitrary bytes nor on mutations of the bundled dataset
//!   (deleted, duplicated and swapped lines, inserted bytes), and its diagnostics are one
//!   line each with no control character: the bounded, in-CI form of `fuzz/`;
//! - the sanitiser's output is always clean and sanitising twice changes nothing.
//!
//! Case counts keep the whole file well under a minute in a debug build.

use std::ops::Range;

use annals::app::{App, Input, update};
use annals::input::action::Action;
use annals::input::keymap::Keymap;
use annals::layout::{self, inner};
use annals::model::{
    Certainty, Claim, Dataset, Date, Era, Event, EventKind, Fact, FactKind, Figure, Quote, Source, Theme,
};
use annals::screen::ScreenKind as Screen;
use annals::text::sanitize::{is_clean, is_unsafe, sanitize, sanitize_owned};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

// ---------------------------------------------------------------------------------------------
// Random datasets, built from a seed so that each case is reproducible from its parameters.

/// xorshift64*: a small deterministic generator for the shape of a dataset.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// Pieces of text that stress width arithmetic and wrapping.
const PIECES: &[&str] = &[
    "Alibaba",
    "cloud",
    "data",
    "center",
    "2016",
    " ",
    " ",
    " ",
    "\u{a0}",
    "\u{202f}",
    "\n",
    "\n\n",
    "阿里云",
    "数据中心",
    "한국어",
    "日本語の",
    "e\u{301}",
    "Cafe\u{301}",
    "résumé",
    "a\u{300}\u{301}\u{302}\u{303}\u{304}",
    "ก\u{e31}",
    "नमस्ते",
    "—",
    "« oui »",
    "“quoted”",
    "l’infrastructure",
    "😀",
    "👨\u{200d}👩\u{200d}👧",
    "\u{1F1EB}\u{1F1F7}",
    "❤\u{fe0f}",
    "ｆｕｌｌ",
    "\t",
    "\u{1b}]0;pwned\u{7}",
    "\u{9b}2J",
    "\u{202e}",
    "\u{200b}",
    "x",
    "-",
    "/",
    "…",
];

fn text(rng: &mut Rng, max_pieces: usize) -> String {
    let n = 1 + rng.below(max_pieces.max(1));
    let mut out = String::new();
    for _ in 0..n {
        out.push_str(rng.pick(PIECES));
    }
    if rng.chance(3) {
        // A long line without spaces.
        out.push_str(&"y".repeat(200 + rng.below(3000)));
    }
    // What the loader guarantees: sanitised, never empty or only spaces.
    let clean = sanitize_owned(out);
    if clean.trim().is_empty() { "t".to_string() } else { clean }
}

fn days_in(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn date(rng: &mut Rng) -> Date {
    let year = if rng.chance(5) { rng.pick(&[0, 1, 9998, 9999]) } else { 1990 + rng.below(40) as i32 };
    let month = if rng.chance(70) { Some(1 + rng.below(12) as u8) } else { None };
    let day = month.filter(|_| rng.chance(60)).map(|m| 1 + rng.below(usize::from(days_in(year, m))) as u8);
    let certainty = rng.pick(&[
        Certainty::Exact,
        Certainty::Exact,
        Certainty::Approximate,
        Certainty::Uncertain,
        Certainty::Inferred,
    ]);
    Date { year, month, day, certainty }
}

/// A non-empty range of `text` on character boundaries.
fn passage(rng: &mut Rng, text: &str) -> Range<usize> {
    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    let start = rng.below(bounds.len() - 1);
    let end = (start + 1 + rng.below(40)).min(bounds.len() - 1);
    bounds[start]..bounds[end]
}

fn quote(rng: &mut Rng, sources: &[Source]) -> Quote {
    let source = rng.below(sources.len());
    let range = passage(rng, &sources[source].text);
    Quote { source, range, page_lines: false }
}

struct Shape {
    events: usize,
    huge_title: bool,
    quotes_on_first: usize,
}

fn dataset(seed: u64, shape: &Shape) -> Dataset {
    let rng = &mut Rng::new(seed);
    let themes: Vec<Theme> = (0..1 + rng.below(8))
        .map(|i| Theme {
            id: if rng.chance(30) { format!("云计算{i}") } else { format!("theme-{i}") },
            label: text(rng, 4),
            description: text(rng, 6),
            color: rng.chance(50).then(|| rng.pick(&["yellow", "#ff8700", "LightBlue", "red"]).to_string()),
        })
        .collect();
    let mut eras: Vec<Era> = (0..rng.below(5))
        .map(|i| {
            let (a, b) = (date(rng), date(rng));
            let (start, end) = if a.sort_key() <= b.sort_key() { (a, b) } else { (b, a) };
            Era {
                id: format!("era-{i}"),
                label: text(rng, 4),
                start,
                end,
                description: rng.chance(50).then(|| text(rng, 8)),
            }
        })
        .collect();
    eras.sort_by_key(|e| e.start);
    let sources: Vec<Source> = (0..1 + rng.below(4))
        .map(|i| Source {
            id: format!("src-{i}"),
            title: text(rng, 6),
            publisher: rng.chance(50).then(|| text(rng, 3)),
            language: rng.pick(&["fr", "en", "zh-Hans"]).to_string(),
            date: rng.chance(60).then(|| date(rng)),
            date_note: rng.chance(30).then(|| text(rng, 10)),
            text: text(rng, 400),
            ..Source::default()
        })
        .collect();
    let mut events: Vec<Event> = (0..shape.events)
        .map(|i| {
            let date = date(rng);
            let end = rng.chance(20).then_some(Date { year: date.year.saturating_add(1).min(9999), ..date });
            let open_start = end.is_none() && rng.chance(10);
            let quotes = if i == 0 && shape.quotes_on_first > 0 { shape.quotes_on_first } else { 1 + rng.below(4) };
            let mut title = text(rng, 8);
            if i == 0 && shape.huge_title {
                title = if rng.chance(50) { "T".repeat(50_000) } else { "huge title ".repeat(5_000) };
            }
            let mut theme_ids: Vec<usize> = (0..1 + rng.below(3)).map(|_| rng.below(themes.len())).collect();
            theme_ids.dedup();
            Event {
                id: format!("event-{i}"),
                date,
                open_start,
                end,
                kind: rng.pick(&[EventKind::Happened, EventKind::Happened, EventKind::Planned, EventKind::Target]),
                date_note: rng.chance(30).then(|| text(rng, 8)),
                title,
                summary: text(rng, 30),
                themes: theme_ids,
                quotes: (0..quotes).map(|_| quote(rng, &sources)).collect(),
                figures: (0..rng.below(3))
                    .map(|_| Figure {
                        label: text(rng, 3),
                        value: rng.pick(&[0.0, 1.5e9, -3.0, 1e300, 200_000_000_000.0, 0.001]),
                        unit: rng.pick(&["USD", "CNY", "EUR", "%"]).to_string(),
                        quote: quote(rng, &sources),
                        converted: rng.chance(30).then(|| (9e8, "EUR".to_string())),
                        fact: None,
                    })
                    .collect(),
                line: 1 + i * 10,
                draft: false,
                undated: false,
                file: 0,
            }
        })
        .collect();
    events.sort_by_key(|e| e.date.sort_key());
    let facts: Vec<Fact> = (0..rng.below(4))
        .map(|i| Fact {
            id: format!("fact-{i}"),
            label: text(rng, 4),
            kind: rng.pick(&[FactKind::Amount, FactKind::Ranking, FactKind::Share]),
            event: (!events.is_empty() && rng.chance(70)).then(|| rng.below(events.len())),
            note: rng.chance(40).then(|| text(rng, 8)),
            claims: (0..2 + rng.below(3))
                .map(|_| Claim {
                    quote: quote(rng, &sources),
                    value: rng.chance(60).then(|| (rng.pick(&[2e11, 1.0, 58.5, 1e300]), "CNY".to_string())),
                    rank: rng.chance(30).then(|| 1 + rng.below(5) as u32),
                    scope: rng.chance(40).then(|| text(rng, 3)),
                    as_of: rng.chance(40).then(|| date(rng)),
                })
                .collect(),
        })
        .collect();
    Dataset {
        title: text(rng, 6),
        description: text(rng, 10),
        themes,
        eras,
        sources,
        events,
        facts,
        ..Dataset::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Drawing checks.

fn draw(app: &App) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("test terminal");
    terminal.draw(|frame| annals::app::view::draw(frame, app)).expect("draw");
    terminal.backend().buffer().clone()
}

/// The left and right borders of `pane` on every inner row.
fn borders_intact(buffer: &Buffer, pane: Rect, what: &str) -> Result<(), String> {
    if pane.width < 2 || pane.height < 3 {
        return Ok(());
    }
    for y in pane.y + 1..pane.bottom() - 1 {
        for x in [pane.x, pane.right() - 1] {
            let symbol = buffer[(x, y)].symbol();
            if symbol != "│" {
                return Err(format!("{what}: border broken at ({x},{y}): {symbol:?}"));
            }
        }
    }
    Ok(())
}

/// Draws the app and checks the screen: no unsafe character in any cell, and, with no overlay
/// open, every pane of the main view, the reader and side by side keeps its borders (no row
/// overflows its pane).
fn check_screen(app: &App) -> Result<(), String> {
    let buffer = draw(app);
    for (i, cell) in buffer.content.iter().enumerate() {
        if cell.symbol().chars().any(is_unsafe) {
            return Err(format!("unsafe cell {i}: {:?}", cell.symbol()));
        }
    }
    let area = app.area();
    if layout::too_small(area) || app.overlay.is_some() || app.search.editing {
        return Ok(());
    }
    match app.screen() {
        Screen::Main => {
            let l = app.main_layout();
            // Narrow, the timeline and the event take turns.
            let on_timeline = app.main().focus == annals::screen::Focus::Timeline;
            if l.shows_timeline(on_timeline) {
                borders_intact(&buffer, l.timeline, "timeline")?;
            }
            if l.shows_event(on_timeline) {
                borders_intact(&buffer, l.detail, "detail")?;
                borders_intact(&buffer, l.quotes, "quotes")?;
            }
            if l.article.width > 0 {
                borders_intact(&buffer, l.article, "article")?;
            }
        }
        Screen::Reader => borders_intact(&buffer, layout::Frame::new(area).body, "reader")?,
        Screen::SideBySide => {
            for column in layout::columns(layout::Frame::new(area).body) {
                borders_intact(&buffer, column, "side by side")?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn act(app: &mut App, actions: &[Action]) {
    for &action in actions {
        update(app, Input::Action(action));
    }
}

/// Visits every screen, checking each.
fn check_every_screen(app: &mut App) -> Result<(), String> {
    use Action::*;
    let tours: [(&[Action], &str); 12] = [
        (&[], "main"),
        (&[Down, Down, Down], "main, fourth event"),
        (&[Bottom], "main, last event"),
        (&[FocusNext, PageDown, PageDown], "main, detail scrolled"),
        (&[Back, Open, Bottom], "main, last quote"),
        (&[Open], "reader"),
        (&[Bottom], "reader, end"),
        (&[Back, Back, SideBySide, NextSource], "side by side"),
        (&[Back, Compare], "compare"),
        (&[Back, Chart], "chart"),
        (&[Back, Help], "help"),
        (&[Help, FilterTheme], "theme picker"),
    ];
    for (actions, place) in tours {
        act(app, actions);
        check_screen(app).map_err(|e| format!("{}x{} {place}: {e}", app.size.0, app.size.1))?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_datasets_draw_at_any_size(
        seed in any::<u64>(),
        events in prop_oneof![Just(0usize), 1usize..20, 20usize..=200],
        huge_title in prop::bool::weighted(0.2),
        w in prop_oneof![0u16..=400, 55u16..=130],
        h in prop_oneof![0u16..=120, 13u16..=45],
    ) {
        let data = dataset(seed, &Shape { events, huge_title, quotes_on_first: 0 });
        let mut app = App::new(data, Keymap::default_keymap(), (w, h));
        if let Err(e) = check_every_screen(&mut app) {
            prop_assert!(false, "{}", e);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn an_event_with_ten_thousand_quotes_draws(seed in any::<u64>(), w in 60u16..=200, h in 15u16..=60) {
        let data = dataset(seed, &Shape { events: 3, huge_title: false, quotes_on_first: 10_000 });
        let first = data.events.iter().position(|e| e.quotes.len() == 10_000).expect("the big event");
        let mut app = App::new(data, Keymap::default_keymap(), (w, h));
        app.timeline.select_event(first);
        app.scroll_timeline();
        use Action::*;
        for (actions, place) in [(&[][..], "main"), (&[Open, Bottom][..], "last quote"), (&[Open][..], "reader")] {
            act(&mut app, actions);
            if let Err(e) = check_screen(&app) {
                prop_assert!(false, "{}x{} {}: {}", w, h, place, e);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Random input sequences.

#[derive(Debug, Clone)]
enum Step {
    Action(usize),
    Char(char),
    Key(KeyCode),
    Resize(u16, u16),
    Mouse(MouseEventKind, u16, u16),
}

fn step() -> impl Strategy<Value = Step> {
    let chars = prop_oneof![
        prop::sample::select(vec!['j', 'k', 'g', 'G', 'q', 'y', 't', 'c', 's', '/', 'n', 'N', '?', ' ', '2', '0', '1']),
        prop::sample::select(vec!['é', '阿', '\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{200b}', '\n', '\t']),
        any::<char>(),
    ];
    let keys = prop::sample::select(vec![
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Backspace,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
    ]);
    let mouse = prop::sample::select(vec![
        MouseEventKind::Down(MouseButton::Left),
        MouseEventKind::ScrollDown,
        MouseEventKind::ScrollUp,
        MouseEventKind::Down(MouseButton::Right),
        MouseEventKind::Drag(MouseButton::Left),
        MouseEventKind::Moved,
    ]);
    prop_oneof![
        6 => (0..Action::ALL.len()).prop_map(Step::Action),
        2 => chars.prop_map(Step::Char),
        1 => keys.prop_map(Step::Key),
        1 => (0u16..=400, 0u16..=120).prop_map(|(w, h)| Step::Resize(w, h)),
        3 => (mouse, 0u16..=410, 0u16..=130).prop_map(|(k, x, y)| Step::Mouse(k, x, y)),
    ]
}

fn input(step: &Step) -> Input {
    match *step {
        Step::Action(i) => Input::Action(Action::ALL[i].0),
        Step::Char(c) => Input::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        Step::Key(code) => Input::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        Step::Resize(w, h) => Input::Resize(w, h),
        Step::Mouse(kind, column, row) => Input::Mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE }),
    }
}

/// The selection is an index of a shown event, and its row is inside the timeline pane.
fn selection_valid(app: &App) -> Result<(), String> {
    let t = &app.timeline;
    if t.visible.is_empty() {
        return Ok(());
    }
    if t.selected >= t.visible.len() {
        return Err(format!("selected {} of {} visible events", t.selected, t.visible.len()));
    }
    let pane = inner(app.main_layout().timeline);
    let height = usize::from(pane.height);
    let row = t.event_rows[t.selected];
    // The lines the rows above it take in the pane (a year heading none in a short pane).
    let wrap_all = annals::layout::timeline::wraps_all(pane.height);
    let above: usize =
        (t.offset.min(row)..row).map(|i| app.timeline_row_lines(i, usize::from(pane.width), wrap_all)).sum();
    if height > 0 && !(t.offset <= row && above < height) {
        return Err(format!("selected row {row} starts at line {above} of a pane of {height} from row {}", t.offset));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_input_never_panics_and_keeps_the_selection_valid(
        seed in any::<u64>(),
        events in prop_oneof![Just(0usize), 1usize..40],
        w in 0u16..=400,
        h in 0u16..=120,
        steps in prop::collection::vec(step(), 1..80),
    ) {
        let data = dataset(seed, &Shape { events, huge_title: false, quotes_on_first: 0 });
        let mut app = App::new(data, Keymap::default_keymap(), (w, h));
        for (i, step) in steps.iter().enumerate() {
            update(&mut app, input(step));
            if let Err(e) = selection_valid(&app) {
                prop_assert!(false, "after step {} ({:?}) at {:?}: {}", i, step, app.size, e);
            }
        }
        if let Err(e) = check_screen(&app) {
            prop_assert!(false, "after {} steps at {:?}: {}", steps.len(), app.size, e);
        }
    }
}

/// The search line shows the query as typed, but a bidi override or zero-width space typed
/// (or pasted, which a terminal without bracketed paste delivers as keys) never enters it.
#[test]
fn a_typed_search_query_is_drawn_safely() {
    let mut app = App::new(annals::load::bundled().expect("bundled"), Keymap::default_keymap(), (100, 30));
    update(&mut app, Input::Action(Action::Search));
    for c in ['a', '\u{202e}', 'b', '\u{200b}', '\u{2066}'] {
        update(&mut app, Input::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
    }
    check_screen(&app).expect("search line while typing");
    update(&mut app, Input::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    check_screen(&app).expect("after enter");
}

// ---------------------------------------------------------------------------------------------
// The loader on arbitrary and mutated input: the bounded form of the fuzz target.

/// Diagnostics are one line each, with no control, bidi or invisible character.
fn diagnostics_safe(result: &Result<Dataset, annals::load::Diagnostics>) -> Result<(), String> {
    let Err(diagnostics) = result else { return Ok(()) };
    if diagnostics.0.is_empty() {
        return Err("refused without a diagnostic".to_string());
    }
    for d in &diagnostics.0 {
        let shown = d.to_string();
        if shown.chars().any(|c| c.is_control() || is_unsafe(c)) {
            return Err(format!("unsafe diagnostic: {}", shown.escape_debug()));
        }
    }
    Ok(())
}

/// A dataset that loads keeps the model's promises and draws.
fn loaded_is_sound(result: &Result<Dataset, annals::load::Diagnostics>) -> Result<(), String> {
    let Ok(dataset) = result else { return Ok(()) };
    for event in &dataset.events {
        for q in event.quotes.iter().chain(event.figures.iter().map(|f| &f.quote)) {
            // A quote found in the page lines (dates, bylines) has its range there.
            let source = dataset.sources.get(q.source).ok_or("quote of a missing source")?;
            if source.part(q.page_lines).get(q.range.clone()).is_none() {
                return Err(format!("quote range {:?} not in its source (page lines: {})", q.range, q.page_lines));
            }
        }
    }
    let app = App::new(dataset.clone(), Keymap::default_keymap(), (100, 30));
    check_screen(&app)
}

/// How to damage the bundled dataset, line by line.
#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize),
    Duplicate(usize),
    Swap(usize, usize),
    InsertBytes(usize, Vec<u8>),
    Truncate(usize),
    ReplaceByte(usize, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let hostile_bytes = prop::collection::vec(
        prop_oneof![any::<u8>(), prop::sample::select(b"[]{}=\"'\\#\n\r\t\x00\x1b\x07,.-_:0123456789xyz".to_vec()),],
        1..12,
    );
    prop_oneof![
        (any::<usize>()).prop_map(Mutation::Delete),
        (any::<usize>()).prop_map(Mutation::Duplicate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        (any::<usize>(), hostile_bytes).prop_map(|(at, bytes)| Mutation::InsertBytes(at, bytes)),
        (any::<usize>()).prop_map(Mutation::Truncate),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::ReplaceByte(at, b)),
    ]
}

/// Applies mutations to `text`, by lines (`Delete`, `Duplicate`, `Swap`) or by bytes.
fn mutate(text: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = text.split_inclusive(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
    let mut bytes_edits = Vec::new();
    for m in mutations {
        let n = lines.len().max(1);
        match m {
            Mutation::Delete(i) if !lines.is_empty() => {
                lines.remove(i % n);
            }
            Mutation::Duplicate(i) if !lines.is_empty() => {
                let line = lines[i % n].clone();
                lines.insert(i % n, line);
            }
            Mutation::Swap(a, b) if !lines.is_empty() => lines.swap(a % n, b % n),
            other => bytes_edits.push(other.clone()),
        }
    }
    let mut bytes = lines.concat();
    for m in bytes_edits {
        let n = bytes.len() + 1;
        match m {
            Mutation::InsertBytes(at, inserted) => {
                let at = at % n;
                bytes.splice(at..at, inserted);
            }
            Mutation::Truncate(at) => bytes.truncate(at % n),
            Mutation::ReplaceByte(at, b) if !bytes.is_empty() => {
                let at = at % bytes.len();
                bytes[at] = b;
            }
            _ => {}
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_loader_survives_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let result = annals::load::load_bytes("fuzz.toml", &bytes);
        if let Err(e) = diagnostics_safe(&result) {
            prop_assert!(false, "{}", e);
        }
    }

    #[test]
    fn the_loader_survives_toml_shaped_noise(
        pieces in prop::collection::vec(prop::sample::select(vec![
            "[dataset]\n", "[[event]]\n", "[[event.quote]]\n", "[[source]]\n", "[[theme]]\n", "[[fact]]\n",
            "[[fact.claim]]\n", "[[era]]\n", "[event.figure]\n", "id = \"a\"\n", "id = \"b\"\n", "title = \"t\"\n",
            "date = \"2015\"\n", "date = 2015-07-29\n", "start = \"~2016\"\n", "end = \"2014?\"\n",
            "text = \"\"\"\nx\n\"\"\"\n", "themes = [\"a\"]\n", "source = \"a\"\n", "value = 1e400\n",
            "rank = 0\n", "kind = \"share\"\n", "x = [[[[1]]]]\n", "y = {a = {b = 1}}\n",
            "quote = \"x\"\n", "label = \"\u{202e}\"\n", "description = \"\"\n", "language = \"fr\"\n", "# c\n", "\n",
            "summary = \"s\"\n", "text = \"x\"\n", "title = 1\n", "\"", "[", "]", "=",
            // Keys, references and dates holding escapes and line breaks, quoted in messages.
            "\"\\u001b]0;x\\u0007\" = 1\n", "\"a\\nb\" = 2\n", "themes = [\"\\u009b2J\"]\n",
            "date = \"\\u001b[2J\"\n", "language = \"e\\nn\"\n", "source = \"\\u202e\"\n",
        ]), 0..60),
    ) {
        let text = pieces.concat();
        let result = annals::load::load_str("fuzz.toml", &text);
        if let Err(e) = diagnostics_safe(&result).and_then(|()| loaded_is_sound(&result)) {
            prop_assert!(false, "{}\n--- input ---\n{}", e, text.escape_debug());
        }
    }
}

/// A swap found by the property below: the first source's page lines and its text change
/// places, so its quotes are found in the page lines, their ranges there.
#[test]
fn quotes_found_in_the_page_lines_are_sound_where_they_are() {
    let n = annals::load::BUNDLED_TEXT.split_inclusive('\n').count();
    let bytes = mutate(
        annals::load::BUNDLED_TEXT.as_bytes(),
        &[Mutation::Swap(12117064300063098309 % n, 14901602289232326512 % n)],
    );
    let result = annals::load::load_bytes("fuzz.toml", &bytes);
    let dataset = result.as_ref().expect("still loads: the quotes are in the page lines");
    assert!(dataset.events.iter().flat_map(|e| &e.quotes).any(|q| q.page_lines), "some quote is in the page lines");
    loaded_is_sound(&result).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_loader_survives_mutations_of_the_bundled_dataset(mutations in prop::collection::vec(mutation(), 1..6)) {
        let bytes = mutate(annals::load::BUNDLED_TEXT.as_bytes(), &mutations);
        let result = annals::load::load_bytes("fuzz.toml", &bytes);
        if let Err(e) = diagnostics_safe(&result).and_then(|()| loaded_is_sound(&result)) {
            prop_assert!(false, "{} after {:?}", e, mutations);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The sanitiser.

fn any_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            any::<char>(),
            prop::sample::select(vec![
                '\r',
                '\n',
                '\t',
                '\u{0}',
                '\u{1b}',
                '\u{7f}',
                '\u{85}',
                '\u{9b}',
                '\u{ad}',
                '\u{200b}',
                '\u{200d}',
                '\u{2028}',
                '\u{2029}',
                '\u{202e}',
                '\u{2066}',
                '\u{feff}',
                '\u{fff9}',
                '\u{1d173}',
                '\u{e0041}',
                '\u{fe0f}',
                'a',
                ' ',
            ]),
        ],
        0..64,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn sanitised_text_is_clean_and_stable(text in any_text()) {
        let once = sanitize(&text);
        prop_assert!(is_clean(&once));
        prop_assert!(!once.chars().any(is_unsafe));
        prop_assert_eq!(sanitize(&once), once.clone());
        // Nothing to change: borrowed as it is.
        prop_assert_eq!(matches!(sanitize(&text), std::borrow::Cow::Borrowed(_)), is_clean(&text));
        // Every safe character survives, in order.
        let kept: String = text.chars().filter(|&c| !is_unsafe(c) && c != '\n').collect();
        let out: String = once.chars().filter(|&c| c != '\n').collect();
        let mut rest = out.as_str();
        for c in kept.chars() {
            let at = rest.find(c);
            prop_assert!(at.is_some(), "{:?} lost from {:?}", c, text);
            rest = &rest[at.unwrap_or(0) + c.len_utf8()..];
        }
    }
}
