//! The terminal loop: draw, read one event, update. Everything else lives in `app` and `ui`.

use std::io::{self, Write};

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind};
use crossterm::execute;

use crate::app::{App, Input, update};

/// Runs the app until the user quits. The caller has prepared the app (dataset, config,
/// start-up options: usage errors are found before the terminal changes mode); this sets the
/// terminal up and always restores it, on error too (and `ratatui::init` installs a panic
/// hook that restores it on panic).
pub fn run(mut app: App) -> Result<(), Error> {
    let mut terminal = ratatui::init();
    let result = (|| {
        execute!(io::stdout(), EnableMouseCapture)?;
        let size = terminal.size()?;
        update(&mut app, Input::Resize(size.width, size.height));
        while !app.should_quit {
            terminal.draw(|frame| crate::ui::draw(frame, &app))?;
            let input = match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => Input::Key(key),
                Event::Mouse(mouse) if app.mouse_capture => Input::Mouse(mouse),
                Event::Resize(w, h) => Input::Resize(w, h),
                _ => continue,
            };
            if let Some(effect) = update(&mut app, input) {
                apply_effect(effect)?;
            }
        }
        Ok(())
    })();
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    let _ = io::stdout().flush();
    result
}

/// Why the app stopped with an error: the terminal failed.
pub type Error = io::Error;

fn apply_effect(effect: crate::app::Effect) -> io::Result<()> {
    match effect {
        crate::app::Effect::SetMouseCapture(true) => execute!(io::stdout(), EnableMouseCapture),
        crate::app::Effect::SetMouseCapture(false) => execute!(io::stdout(), DisableMouseCapture),
        crate::app::Effect::CopyToClipboard(text) => {
            let mut out = io::stdout();
            out.write_all(osc52(&text).as_bytes())?;
            out.flush()
        }
    }
}

/// The OSC 52 sequence that asks the terminal to put `text` on the clipboard. The only escape
/// sequence annals writes on purpose; the text travels base64-encoded, so no byte of it can
/// act as a control.
pub fn osc52(text: &str) -> String {
    use base64::Engine;
    let clean = crate::text::sanitize::sanitize(text);
    format!("\x1b]52;c;{}\x07", base64::engine::general_purpose::STANDARD.encode(clean.as_bytes()))
}
