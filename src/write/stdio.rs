//! Standard output and standard error, written without panicking.
//!
//! `println!` and `eprintln!` panic when the write fails (a closed pipe, a full disk, a closed
//! descriptor), which ends the program with exit code 101 and a Rust panic message. Here:
//! - stdout is written through a buffer and flushed; the caller gets the error and decides
//!   ([`is_broken_pipe`] tells the closed pipe of `| head` apart, which ends quietly);
//! - stderr errors cannot be reported anywhere, so they are recorded: [`stderr_lost`] says
//!   whether a message was lost (other than to a closed pipe), and the program then exits with
//!   the failure code instead of success.

use std::fmt;
use std::io::{self, BufWriter, Write};
use std::sync::atomic::{AtomicBool, Ordering};

static STDERR_LOST: AtomicBool = AtomicBool::new(false);

/// Writes to stdout with `fill`, buffered, then flushes. Errors come back to the caller.
pub fn stdout(fill: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    fill(&mut out)?;
    out.flush()
}

/// Writes to stderr with `fill`, buffered. A failure is recorded for [`stderr_lost`] (unless
/// the pipe was closed) and otherwise ignored: there is nowhere left to report it.
pub fn stderr(fill: impl FnOnce(&mut dyn Write) -> io::Result<()>) {
    let mut out = BufWriter::with_capacity(8 * 1024, io::stderr().lock());
    let result = fill(&mut out).and_then(|()| out.flush());
    if result.is_err_and(|error| !is_broken_pipe(&error)) {
        STDERR_LOST.store(true, Ordering::Relaxed);
    }
}

/// One line (a newline is added) on stderr, as [`stderr`] writes it.
pub fn error_line(args: fmt::Arguments<'_>) {
    stderr(|out| {
        out.write_fmt(args)?;
        out.write_all(b"\n")
    });
}

/// Whether a message to stderr could not be written (a full disk, a closed descriptor).
pub fn stderr_lost() -> bool {
    STDERR_LOST.load(Ordering::Relaxed)
}

/// Whether an error is the reader of a pipe having gone away (`| head`, `| true`).
pub fn is_broken_pipe(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::BrokenPipe
}
