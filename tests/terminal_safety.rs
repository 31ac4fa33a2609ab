//! What reaches a real terminal: datasets full of escape sequences, C1 controls, bidi and
//! zero-width characters are drawn through the crossterm backend into a byte buffer, and the
//! bytes are checked.
//!
//! crossterm itself writes CSI sequences (`ESC [ … final byte`: cursor moves, colours, cursor
//! visibility). Everything else must be plain text: no other ESC, no BEL, no C1 control (as
//! UTF-8, 0xC2 0x80–0x9F), no OSC (`ESC ]`), no bidi or zero-width format character, and
//! none of the injected payloads (`]0;pwned`, `[2J`, …) right after an ESC or a C1 control.
//! The same holds for `annals --check` on hostile files, for the OSC 52 clipboard write, and
//! for the terminal hyperlinks (OSC 8) over source URLs, which only `annals::text::hyperlink`
//! writes: those sequences are allowed by name, their URL checked to be printable ASCII.

mod common;

use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::rc::Rc;

use annals::app::App;
use annals::input::action::Action::{self, *};
use annals::input::keymap::Keymap;
use annals::model::Dataset;
use annals::text::sanitize::is_unsafe;
use common::act;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// What the hostile files inject, from the byte after the ESC (or C1 control) on.
const PAYLOADS: &[&str] = &[
    "]0;pwned",
    "]2;pwned",
    "]52;c;",
    "]8;;http",
    "[2J",
    "[3J",
    "[31;1mRED",
    "[8mhidden",
    "[10A",
    "[999C",
    "[6n",
    "P+q",
    "_apc",
    "^pm",
    "2J",
    "0;pwned",
];

/// Corpus files whose `--check` output still quotes raw text (see tests/hostile.rs).
const KNOWN_UNSAFE_DIAGNOSTICS: &[&str] = &[
    "err-date-escape.toml",
    "err-duplicate-key-raw-bidi.toml",
    "err-duplicate-key-raw-c1.toml",
    "err-language-color-kind-escape.toml",
    "err-theme-ref-escape.toml",
    "err-unknown-field-escape.toml",
    "err-unknown-field-newline.toml",
    "err-unknown-table-escape.toml",
];

/// A writer the test keeps a handle on while the terminal owns it.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The bytes crossterm writes to draw the app once on a fresh 120x40 terminal.
fn terminal_bytes(app: &App) -> Vec<u8> {
    let out = Shared::default();
    let backend = CrosstermBackend::new(out.clone());
    let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, app.size.0, app.size.1)) };
    let mut terminal = Terminal::with_options(backend, options).expect("terminal");
    terminal.draw(|frame| annals::app::view::draw(frame, app)).expect("draw");
    drop(terminal);
    out.0.take()
}

/// The bytes with crossterm's CSI sequences (`ESC [`, parameters, intermediates, one final
/// byte) removed, and the list of those sequences.
fn strip_csi(bytes: &[u8]) -> (Vec<u8>, Vec<Vec<u8>>) {
    let mut text = Vec::with_capacity(bytes.len());
    let mut sequences = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0x1B && bytes.get(i + 1) == Some(&b'[') {
            let mut j = i + 2;
            while j < bytes.len() && (0x20..=0x3F).contains(&bytes[j]) {
                j += 1;
            }
            if j < bytes.len() && (0x40..=0x7E).contains(&bytes[j]) {
                sequences.push(bytes[i..=j].to_vec());
                i = j + 1;
                continue;
            }
        }
        text.push(bytes[i]);
        i += 1;
    }
    (text, sequences)
}

/// What is wrong with bytes sent to a terminal, if anything. `csi_allowed` says whether CSI
/// sequences of the kinds crossterm writes may appear (cursor moves, colours, cursor
/// visibility).
fn terminal_problems(what: &str, bytes: &[u8], csi_allowed: bool) -> Vec<String> {
    let mut problems = Vec::new();
    let (text, sequences) = if csi_allowed { strip_csi(bytes) } else { (bytes.to_vec(), Vec::new()) };
    for seq in &sequences {
        let body = &seq[2..seq.len() - 1];
        let ok = match seq[seq.len() - 1] {
            b'H' | b'm' => body.iter().all(|b| b.is_ascii_digit() || matches!(b, b';' | b':')),
            b'l' | b'h' => body == b"?25",
            _ => false,
        };
        if !ok {
            problems.push(format!("{what}: unexpected CSI sequence {:?}", String::from_utf8_lossy(seq)));
        }
    }
    // Injected payloads must not follow an ESC or a C1 control, even one crossterm emitted
    // right before text: `ESC [ 0 m` followed by `]0;pwned` is harmless, `ESC ]0;pwned` is not.
    for payload in PAYLOADS {
        for (at, _) in windows_at(bytes, payload.as_bytes()) {
            let before = &bytes[..at];
            if before.ends_with(&[0x1B])
                || (before.len() >= 2
                    && before[before.len() - 2] == 0xC2
                    && (0x80..=0x9F).contains(&before[before.len() - 1]))
            {
                problems.push(format!("{what}: payload {payload:?} follows a control at byte {at}"));
            }
        }
    }
    for (i, &b) in text.iter().enumerate() {
        let bad = match b {
            0x1B => Some("ESC"),
            0x07 => Some("BEL"),
            0x00..=0x1F if b != b'\n' && b != b'\r' => Some("a C0 control"),
            0x7F => Some("DEL"),
            0xC2 if matches!(text.get(i + 1), Some(0x80..=0x9F)) => Some("a C1 control"),
            _ => None,
        };
        if let Some(name) = bad {
            let from = i.saturating_sub(12);
            let context = String::from_utf8_lossy(&text[from..(i + 12).min(text.len())]);
            problems.push(format!("{what}: {name} at byte {i}, in {context:?}"));
            if problems.len() > 20 {
                break;
            }
        }
    }
    match std::str::from_utf8(&text) {
        Ok(text) => {
            if let Some(c) = text.chars().find(|&c| is_unsafe(c) && c != '\r' && c != '\n') {
                problems.push(format!("{what}: U+{:04X} reaches the terminal", c as u32));
            }
        }
        Err(e) => problems.push(format!("{what}: not UTF-8: {e}")),
    }
    problems
}

/// Every offset where `needle` occurs in `haystack`.
fn windows_at<'a>(haystack: &'a [u8], needle: &'a [u8]) -> impl Iterator<Item = (usize, &'a [u8])> + 'a {
    haystack.windows(needle.len()).enumerate().filter(move |(_, w)| *w == needle)
}

fn assert_none(problems: Vec<String>) {
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

fn hostile_files(prefix: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/hostile")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(prefix)))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "too few {prefix}* files in tests/hostile");
    files
}

fn name_of(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The main view, the reader, side by side and the help, each drawn on a fresh terminal.
fn screens(dataset: &Dataset) -> Vec<(&'static str, Vec<u8>)> {
    let mut app = App::new(dataset.clone(), Keymap::default_keymap(), (120, 40));
    let steps: [(&[Action], &'static str); 6] = [
        (&[], "main view"),
        (&[Open], "main view, quotes focused"),
        (&[Open], "reader"),
        (&[Back, Back, SideBySide], "side by side"),
        (&[Back, Help], "help"),
        (&[Help, FilterTheme], "theme picker"),
    ];
    steps
        .into_iter()
        .map(|(actions, place)| {
            act(&mut app, actions);
            (place, terminal_bytes(&app))
        })
        .collect()
}

#[test]
fn hostile_datasets_reach_the_terminal_as_plain_text() {
    let mut problems = Vec::new();
    for path in hostile_files("ok-") {
        let name = name_of(&path);
        let dataset = annals::load::load_path(&path).unwrap_or_else(|e| panic!("{name} does not load: {e}"));
        for (place, bytes) in screens(&dataset) {
            assert!(bytes.len() > 1000, "{name} {place}: only {} bytes drawn", bytes.len());
            problems.extend(terminal_problems(&format!("{name} {place}"), &bytes, true));
        }
    }
    assert_none(problems);
}

/// The checks themselves catch what they must: a raw payload written next to the drawing.
#[test]
fn the_checks_catch_raw_escapes() {
    let app = App::new(annals::load::bundled().expect("bundled"), Keymap::default_keymap(), (120, 40));
    let clean = terminal_bytes(&app);
    assert_none(terminal_problems("bundled", &clean, true));
    for injected in [
        &b"\x1b]0;pwned\x07"[..],
        b"\x1b[2J",
        b"\x1b[31;1mRED",
        b"\xc2\x9b2J",
        b"\xc2\x9d0;pwned\xc2\x9c",
        b"a\x07b",
        "\u{202e}".as_bytes(),
        b"\x1bP+q544e\x1b\\",
    ] {
        let mut bytes = clean.clone();
        let at = bytes.len() / 2;
        bytes.splice(at..at, injected.iter().copied());
        assert!(
            !terminal_problems("injected", &bytes, true).is_empty(),
            "{:?} injected but not caught",
            String::from_utf8_lossy(injected)
        );
    }
}

/// Runs `annals --check FILE`: its exit code and everything it printed.
fn check(path: &Path) -> (Option<i32>, Vec<u8>, Vec<u8>) {
    let output = Command::new(env!("CARGO_BIN_EXE_annals"))
        .arg("--check")
        .arg(path)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run annals");
    (output.status.code(), output.stdout, output.stderr)
}

#[test]
fn check_prints_hostile_files_as_plain_text() {
    let mut problems = Vec::new();
    for path in hostile_files("") {
        let name = name_of(&path);
        if KNOWN_UNSAFE_DIAGNOSTICS.contains(&name.as_str()) {
            continue;
        }
        let (code, stdout, stderr) = check(&path);
        let expected = if name.starts_with("ok-") { 0 } else { 1 };
        if code != Some(expected) {
            problems.push(format!("{name}: exit code {code:?}, expected {expected}"));
        }
        problems.extend(terminal_problems(&format!("{name} stdout"), &stdout, false));
        problems.extend(terminal_problems(&format!("{name} stderr"), &stderr, false));
        if expected == 1 && stderr.is_empty() {
            problems.push(format!("{name}: refused with nothing on stderr"));
        }
    }
    assert_none(problems);
}

#[test]
fn check_prints_known_unsafe_diagnostics_as_plain_text() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let mut problems = Vec::new();
    for name in KNOWN_UNSAFE_DIAGNOSTICS {
        let (_, stdout, stderr) = check(&dir.join(name));
        problems.extend(terminal_problems(&format!("{name} stdout"), &stdout, false));
        problems.extend(terminal_problems(&format!("{name} stderr"), &stderr, false));
    }
    assert_none(problems);
}

/// A file whose *name* holds an escape sequence: `annals --check *.toml` in a folder of
/// downloaded files must not run it.
#[test]
fn check_prints_a_hostile_file_name_as_plain_text() {
    let dir = std::env::temp_dir().join(format!("annals-hostile-name-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut problems = Vec::new();
    for (name, content) in [
        ("\u{1b}]0;pwned\u{7}\u{1b}[2J.toml", "[dataset]\n"),
        ("ok-\u{1b}]0;pwned\u{7}.toml", "[dataset]\ntitle = \"t\"\ndescription = \"d\"\n"),
        ("\u{202e}lmot.exe.toml", "x"),
        ("line\nbreak.toml", "x"),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, content).expect("write");
        let (_, stdout, stderr) = check(&path);
        let shown = name.escape_debug().to_string();
        problems.extend(terminal_problems(&format!("{shown} stdout"), &stdout, false));
        problems.extend(terminal_problems(&format!("{shown} stderr"), &stderr, false));
        if let Some((_, after)) = name.split_once('\n')
            && String::from_utf8_lossy(&stderr).lines().any(|line| line.starts_with(after))
        {
            problems.push(format!("{shown}: the name breaks a message over lines"));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert_none(problems);
}

/// The one escape sequence annals writes on purpose: the text travels base64-encoded between
/// `ESC ] 52 ; c ;` and BEL, and decodes to sanitised text.
#[test]
fn the_clipboard_write_carries_no_raw_control() {
    use base64::Engine;
    let hostile = "“cloud”\u{1b}]0;pwned\u{7}\u{9b}2J\u{202e}\u{200b}\t\r\n— Source \u{1b}[2J";
    let sequence = annals::runtime::osc52(hostile);
    let body = sequence
        .strip_prefix("\u{1b}]52;c;")
        .and_then(|s| s.strip_suffix('\u{7}'))
        .unwrap_or_else(|| panic!("not an OSC 52 sequence: {:?}", sequence));
    assert!(body.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=')), "{body}");
    let decoded = base64::engine::general_purpose::STANDARD.decode(body).expect("base64");
    let decoded = String::from_utf8(decoded).expect("UTF-8");
    assert!(!decoded.chars().any(is_unsafe), "{}", decoded.escape_debug());
    assert!(decoded.contains("]0;pwned"), "the text is kept, made visible: {decoded}");
}

/// The bytes without the terminal hyperlinks that `annals::text::hyperlink` writes (the one
/// OSC 8 writer, allowed by name): each `ESC ] 8 ; ; URL ESC \` whose URL is printable ASCII
/// holding no `]8;`, and each `ESC ] 8 ; ; ESC \` that ends one. Returns the bytes left and
/// the URLs linked.
fn strip_hyperlinks(bytes: &[u8]) -> (Vec<u8>, Vec<String>) {
    const OPEN: &[u8] = b"\x1b]8;;";
    let mut rest = Vec::with_capacity(bytes.len());
    let mut urls = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(OPEN) {
            let body = &bytes[i + OPEN.len()..];
            if let Some(end) = body.windows(2).position(|w| w == b"\x1b\\") {
                let url = &body[..end];
                let audited = url.iter().all(|b| (0x21..=0x7E).contains(b)) && !url.windows(3).any(|w| w == b"]8;");
                if audited {
                    if !url.is_empty() {
                        urls.push(String::from_utf8_lossy(url).into_owned());
                    }
                    i += OPEN.len() + end + 2;
                    continue;
                }
            }
        }
        rest.push(bytes[i]);
        i += 1;
    }
    (rest, urls)
}

/// The reader of the traced fixture source, its URL set to `url` (past the loader's checks),
/// drawn on a fresh terminal, then its links written as the terminal loop writes them.
fn reader_with_links(url: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/traceable-source.toml");
    let mut dataset = annals::load::load_path(&path).expect("fixture");
    dataset.sources[0].url = Some(url.to_string());
    let mut app = App::new(dataset, Keymap::default_keymap(), (160, 40));
    let event = app.dataset.event_index("investment-2015").expect("event");
    app.timeline.select_event(event);
    act(&mut app, &[Open, Open]);
    assert!(app.reader().is_some(), "the reader is open");
    let out = Shared::default();
    let backend = CrosstermBackend::new(out.clone());
    let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, app.size.0, app.size.1)) };
    let mut terminal = Terminal::with_options(backend, options).expect("terminal");
    let frame = terminal.draw(|frame| annals::app::view::draw(frame, &app)).expect("draw");
    let links = annals::runtime::links::find(frame.buffer, &annals::app::view::shown_urls(&app));
    annals::runtime::links::write(terminal.backend_mut(), &links).expect("links");
    drop(terminal);
    out.0.take()
}

#[test]
fn a_source_url_is_a_hyperlink_written_only_by_the_audited_writer() {
    let url = "https://www.example.com/cloud/alibaba-offensive.html";
    let bytes = reader_with_links(url);
    let (rest, urls) = strip_hyperlinks(&bytes);
    assert!(urls.contains(&url.to_string()), "{urls:?}");
    assert!(urls.iter().any(|u| u.starts_with("https://web.archive.org/")), "the archived copy too: {urls:?}");
    let opened = bytes.windows(6).filter(|w| w == b"\x1b]8;;h").count();
    let closed = bytes.windows(7).filter(|w| w == b"\x1b]8;;\x1b\\").count();
    assert_eq!(opened, closed, "every link is closed");
    assert!(String::from_utf8_lossy(&rest).contains(url), "the URL is shown as text too");
    assert_none(terminal_problems("reader with a URL", &rest, true));
}

#[test]
fn a_url_with_controls_or_a_link_sequence_inside_reaches_the_terminal_as_plain_text() {
    for url in [
        "https://example.com/a\u{1b}]0;pwned\u{7}b",
        "https://example.com/\u{1b}]8;;https://evil.example/\u{1b}\\",
        "https://example.com/]8;;https://evil.example/",
        "https://example.com/\u{9b}2J\u{7f}\tx",
    ] {
        let bytes = reader_with_links(url);
        let (rest, urls) = strip_hyperlinks(&bytes);
        assert!(urls.iter().all(|u| !u.contains("evil")), "{url:?}: {urls:?}");
        assert_none(terminal_problems(&format!("reader with {url:?}"), &rest, true));
    }
}
