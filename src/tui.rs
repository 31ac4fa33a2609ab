//! The terminal loop: draw, read one event, update. Everything else lives in `app` and `ui`.

use std::io::{self, Write};

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind};
use crossterm::execute;

use crate::app::{App, Input, update};
use crate::keymap::Keymap;
use crate::model::Dataset;

/// Runs the app until the user quits. The caller has loaded the dataset; this sets the
/// terminal up and always restores it, on error too (and `ratatui::init` installs a panic
/// hook that restores it on panic).
pub fn run(dataset: Dataset, keymap: Keymap) -> io::Result<()> {
    let mut terminal = ratatui::init();
    let result = (|| {
        execute!(io::stdout(), EnableMouseCapture)?;
        let size = terminal.size()?;
        let mut app = App::new(dataset, keymap, (size.width, size.height));
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

fn apply_effect(effect: crate::app::Effect) -> io::Result<()> {
    match effect {
        crate::app::Effect::SetMouseCapture(true) => execute!(io::stdout(), EnableMouseCapture),
        crate::app::Effect::SetMouseCapture(false) => execute!(io::stdout(), DisableMouseCapture),
    }
}
