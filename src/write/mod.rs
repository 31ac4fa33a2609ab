//! Every file annals writes, and its standard output and error, go through this module.
//!
//! The rules (the README's "How annals writes files" states them for users):
//! - Output streams through `impl Write`: nothing builds a whole export in memory.
//! - A new file is written to a temporary file beside the target, with a random name
//!   (`.NAME.annals-RANDOM.tmp`), created exclusively so that nothing already there (a
//!   symbolic link planted at that name included) is opened. When the output is complete and
//!   synced, it is renamed into place with a rename that fails if the target exists by then:
//!   a file that appeared during the write is never replaced ([`file::NewFile`]).
//! - Replacing a file (`--force`) is for regular files only. Refused, with or without it: a
//!   directory, a FIFO, a device, a socket, and a symbolic link (the message names the file
//!   it leads to, which can then be named directly). The replacement keeps the permission bits
//!   of the file it replaces (0600 stays 0600), and its owner and group where the system
//!   allows; a file swapped in meanwhile is not replaced.
//! - Editing a file (a dataset, a capture file) reads it, then replaces it only if it is
//!   still the same file with the same size, modification time and bytes
//!   ([`edit::read`], [`edit::save`]).
//! - Failures leave the target as it was and remove the temporary file; so does a signal that
//!   ends the process ([`pending`]: the temporary files being written are listed for it).
//! - stdout and stderr are written without panicking ([`stdio`]).

mod error;
mod target;

pub mod capture;
pub mod edit;
pub mod file;
pub mod pending;
pub mod stdio;

pub use error::{Error, Special};
pub use file::{NewFile, Replace, write_file};
