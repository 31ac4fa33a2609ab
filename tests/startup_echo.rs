//! Values of `--theme`, `--at` and `--search` that come back in messages or on screen are
//! sanitised like data: no escape sequence, bell or bidi control reaches the terminal.

use annals::app::{App, Startup};
use annals::input::keymap::Keymap;
use annals::text::sanitize::is_unsafe;

fn app() -> App {
    let dataset = annals::load::bundled().unwrap_or_else(|d| panic!("{d}"));
    App::new(dataset, Keymap::default_keymap(), (80, 24))
}

const HOSTILE: &str = "\u{1b}]0;pwned\u{7}\u{202e}x\u{9b}2J\ny";

fn assert_safe(message: &str) {
    assert!(!message.chars().any(|c| c.is_control() || is_unsafe(c)), "unsafe: {}", message.escape_debug());
    assert!(message.contains("␛]0;pwned␇\\u{202E}x\\u{9B}2J␤y"), "the value shown, made visible: {message}");
}

#[test]
fn a_hostile_theme_is_echoed_sanitised() {
    let startup = Startup { themes: vec![HOSTILE.to_string()], ..Startup::default() };
    let message = app().start_at(&startup).expect_err("no such theme");
    assert!(message.starts_with("--theme: no theme \""), "{message}");
    assert_safe(&message);
}

#[test]
fn a_hostile_position_is_echoed_sanitised() {
    let startup = Startup { at: Some(HOSTILE.to_string()), ..Startup::default() };
    let message = app().start_at(&startup).expect_err("neither an id nor a date");
    assert!(message.starts_with("--at: \""), "{message}");
    assert_safe(&message);
}

#[test]
fn a_hostile_search_is_kept_sanitised() {
    let mut app = app();
    let startup = Startup { search: Some(HOSTILE.to_string()), ..Startup::default() };
    app.start_at(&startup).expect("a search that finds nothing is no error");
    assert!(!app.search.query.chars().any(|c| c.is_control() || is_unsafe(c)), "{}", app.search.query.escape_debug());
}
