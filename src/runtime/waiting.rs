//! The loading screen, shown while the first load of a large file runs: its gauge redrawn,
//! keys typed meanwhile kept for the app, q or ctrl-c to stop, a save of the file noted.

use std::io;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Instant;

use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};

use super::bus::Message;
use super::loader::Loader;
use super::signals::{self, Asked};
use super::terminal::{resume, suspend};
use super::watcher::Settle;
use super::{GAUGE, Outcome};
use crate::app::App;
use crate::load::Diagnostics;

/// How waiting for the first load ended.
pub(super) enum Waited {
    Loaded(Box<Result<Result<App, String>, Diagnostics>>),
    /// The user quit, or a signal ended the app, first.
    Ended(Outcome),
}

/// Shows the loading screen until the load is done. Other keys typed meanwhile go to
/// `typed_ahead`, to be played to the app; a save of the file meanwhile goes to `settle`, to
/// be reloaded once the app is up.
pub(super) fn wait_for(
    terminal: &mut ratatui::DefaultTerminal,
    loader: &Loader<Result<App, String>>,
    inbox: &Receiver<Message>,
    typed_ahead: &mut Vec<crossterm::event::KeyEvent>,
    settle: &mut Option<Settle>,
) -> io::Result<Waited> {
    loop {
        let elapsed = loader.started.elapsed().as_secs_f64();
        terminal.draw(|frame| crate::ui::loading::draw(frame, &loader.name, &loader.progress, elapsed))?;
        let message = match inbox.recv_timeout(GAUGE) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => return Ok(Waited::Ended(Outcome::Quit)),
        };
        match message {
            Message::Loaded(result) => return Ok(Waited::Loaded(result)),
            Message::FileChanged => {
                if let Some(settle) = settle {
                    settle.changed(Instant::now());
                }
            }
            Message::Signal(signal) => match signals::asked(signal) {
                Asked::End(signal) => return Ok(Waited::Ended(Outcome::Signal(signal))),
                Asked::Suspend => suspend(terminal, false)?,
                Asked::Resume => resume(terminal, false)?,
            },
            Message::TerminalLost(error) => return Err(error),
            Message::Terminal(events) => {
                for event in events {
                    let Event::Key(key) = event else { continue };
                    let ctrl_c = key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c');
                    // q and Esc quit unless keys were typed ahead (a search being typed, say).
                    let quit = matches!(key.code, KeyCode::Char('q') | KeyCode::Esc);
                    if ctrl_c || (quit && typed_ahead.is_empty()) {
                        return Ok(Waited::Ended(Outcome::Quit));
                    }
                    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('z') {
                        suspend(terminal, false)?;
                        continue;
                    }
                    if key.kind != KeyEventKind::Release {
                        typed_ahead.push(key);
                    }
                }
            }
            _ => {}
        }
    }
}
