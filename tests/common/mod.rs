//! Helpers shared by the integration tests.
#![allow(dead_code)]

use annals::app::{App, Input, update};
use annals::input::action::Action;
use annals::input::keymap::Keymap;
use annals::model::Dataset;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub fn bundled() -> Dataset {
    annals::load::bundled().expect("the bundled dataset loads")
}

pub fn load(path: &str) -> Dataset {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    annals::load::load_path(std::path::Path::new(&full)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn app(width: u16, height: u16) -> App {
    App::new(bundled(), Keymap::default_keymap(), (width, height))
}

pub fn act(app: &mut App, actions: &[Action]) {
    for &action in actions {
        update(app, Input::Action(action));
    }
}

pub fn key(app: &mut App, code: KeyCode) {
    update(app, Input::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

pub fn type_str(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// Draws the app into a test terminal of the app's size.
pub fn render(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("test terminal");
    terminal.draw(|frame| annals::app::view::draw(frame, app)).expect("draw");
    terminal
}

/// The screen as text, one line per row.
pub fn screen(app: &App) -> String {
    let terminal = render(app);
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

pub fn selected_id(app: &App) -> String {
    app.selected_event().map(|e| e.id.clone()).unwrap_or_default()
}
