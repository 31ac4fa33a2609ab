//! The terminal given back to the shell and taken again (ctrl-z, a `SIGCONT`), a frame that
//! redraws every cell, and the OSC 52 sequence that puts text on the clipboard.

use std::io::{self, Write};

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};

use super::signals;

/// Gives the terminal back to the shell (mouse reporting off, the main screen, the cursor,
/// cooked mode), stops the process as ctrl-z does, and once continued takes the terminal back
/// and redraws everything.
pub(super) fn suspend(terminal: &mut ratatui::DefaultTerminal, mouse: bool) -> io::Result<()> {
    let mut out = io::stdout();
    let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, crossterm::cursor::Show);
    let _ = crossterm::terminal::disable_raw_mode();
    let _ = out.flush();
    signals::stop();
    resume(terminal, mouse)
}

/// Takes the terminal back (raw mode, the alternate screen, the mouse if it was on) and
/// clears it, so that the next frame draws every cell: whatever the shell drew meanwhile goes.
pub(super) fn resume(terminal: &mut ratatui::DefaultTerminal, mouse: bool) -> io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, crossterm::cursor::Hide)?;
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    redraw_all(terminal)
}

/// Makes the next frame draw every cell on a cleared screen. Not `Terminal::clear`: it asks
/// the terminal where the cursor is, and the answer would go to the input thread. The screen
/// is cleared here, and ratatui is told that it shows nothing (its last frame reset).
pub(super) fn redraw_all(terminal: &mut ratatui::DefaultTerminal) -> io::Result<()> {
    execute!(io::stdout(), crossterm::terminal::Clear(crossterm::terminal::ClearType::All))?;
    terminal.swap_buffers();
    Ok(())
}

/// The OSC 52 sequence that asks the terminal to put `text` on the clipboard. The only escape
/// sequence annals writes on purpose; the text travels base64-encoded, so no byte of it can
/// act as a control.
pub fn osc52(text: &str) -> String {
    use base64::Engine;
    let clean = crate::text::sanitize::sanitize(text);
    format!("\x1b]52;c;{}\x07", base64::engine::general_purpose::STANDARD.encode(clean.as_bytes()))
}
