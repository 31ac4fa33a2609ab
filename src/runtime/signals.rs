//! Signals, as messages on the loop's channel: a request to end (SIGTERM, SIGINT, SIGHUP,
//! SIGQUIT) restores the terminal before the app ends the way the signal asked; SIGTSTP
//! suspends the app as vim and less do (the terminal restored, then stopped), and SIGCONT
//! takes the terminal back and redraws everything.

use signal_hook::consts::signal::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::{Handle, Signals};

use super::bus::{Bus, Message};

/// The signals the app answers.
pub const HANDLED: [i32; 6] = [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGTSTP, SIGCONT];

/// What a signal asks of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked {
    /// End, the way this signal ends a program.
    End(i32),
    Suspend,
    Resume,
}

pub fn asked(signal: i32) -> Asked {
    match signal {
        SIGTSTP => Asked::Suspend,
        SIGCONT => Asked::Resume,
        other => Asked::End(other),
    }
}

/// Sends every handled signal on `bus` until the handle is closed.
pub fn watch(bus: Bus) -> std::io::Result<Handle> {
    let mut signals = Signals::new(HANDLED)?;
    let handle = signals.handle();
    std::thread::Builder::new().name("signals".into()).spawn(move || {
        for signal in signals.forever() {
            if bus.send(Message::Signal(signal)).is_err() {
                return;
            }
        }
    })?;
    Ok(handle)
}

/// For the commands that run without the screen (exports, `--check`, authoring): a signal
/// that asks to end (SIGINT, SIGTERM, SIGHUP, SIGQUIT) removes the temporary files being
/// written, then ends the process as it asked. Not with the screen: the app's own watcher
/// ([`watch`]) restores the terminal first.
pub fn end_cleanly() {
    let Ok(mut signals) = Signals::new([SIGTERM, SIGINT, SIGHUP, SIGQUIT]) else { return };
    let _ = std::thread::Builder::new().name("signals".into()).spawn(move || {
        if let Some(signal) = signals.forever().next() {
            end_as(signal);
        }
    });
}

/// Stops the process as SIGTSTP does by default; returns once it is continued.
pub fn stop() {
    let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
}

/// Ends the process as `signal` does by default (its status says so to the shell); if that
/// cannot be done, exits with the conventional status 128 + the signal's number. The
/// temporary files being written are removed first (a destructor would not run).
pub fn end_as(signal: i32) -> ! {
    crate::write::pending::remove_all();
    let _ = signal_hook::low_level::emulate_default_handler(signal);
    std::process::exit(128 + signal)
}
