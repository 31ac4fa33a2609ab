//! Why a write was refused or failed, worded for the user.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// What is at a path that annals refuses to write over: anything but a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Special {
    Directory,
    Fifo,
    CharDevice,
    BlockDevice,
    Socket,
    /// A type the platform reports that none of the above names.
    Other,
}

impl Special {
    fn describe(self) -> &'static str {
        match self {
            Special::Directory => "is a directory",
            Special::Fifo => "is a FIFO (named pipe), not a regular file",
            Special::CharDevice => "is a character device, not a regular file",
            Special::BlockDevice => "is a block device, not a regular file",
            Special::Socket => "is a socket, not a regular file",
            Special::Other => "is not a regular file",
        }
    }
}

/// A refused or failed write. Nothing was replaced in any case: the target is as it was, and
/// the temporary file is gone.
#[derive(Debug)]
pub enum Error {
    /// The target exists and the caller did not ask to replace it.
    Exists(PathBuf),
    /// The target did not exist when the write began and did when it ended.
    Appeared(PathBuf),
    /// The target is not a regular file (a directory, a FIFO, a device, a socket).
    Special(PathBuf, Special),
    /// The target is a symbolic link; `to` is where it points (made absolute when it can be).
    Symlink { path: PathBuf, to: PathBuf },
    /// The file changed since it was read (edits) or was replaced by another file while the
    /// new one was written (replacements).
    Changed(PathBuf),
    /// The path names no file (`/`, `..`, an empty path).
    NoFileName(PathBuf),
    /// The target is a file the output is made from (the dataset, a file it includes, a
    /// source's text): an export never replaces its input.
    IsInput(PathBuf),
    /// The system refused an operation.
    Io { path: PathBuf, error: io::Error },
}

impl Error {
    pub(crate) fn io(path: &Path, error: io::Error) -> Error {
        Error::Io { path: path.to_path_buf(), error }
    }

    /// The path the error is about.
    pub fn path(&self) -> &Path {
        match self {
            Error::Exists(path)
            | Error::Appeared(path)
            | Error::Special(path, _)
            | Error::Changed(path)
            | Error::NoFileName(path)
            | Error::IsInput(path)
            | Error::Symlink { path, .. }
            | Error::Io { path, .. } => path,
        }
    }

    /// The closest `io::ErrorKind`, for callers that sort errors by kind.
    pub fn kind(&self) -> io::ErrorKind {
        match self {
            Error::Exists(_) | Error::Appeared(_) => io::ErrorKind::AlreadyExists,
            Error::Special(_, Special::Directory) => io::ErrorKind::IsADirectory,
            Error::Special(..) | Error::Symlink { .. } | Error::NoFileName(_) | Error::IsInput(_) => {
                io::ErrorKind::InvalidInput
            }
            Error::Changed(_) => io::ErrorKind::Other,
            Error::Io { error, .. } => error.kind(),
        }
    }
}

/// A path as one line of plain text: no control character of a file name reaches the terminal.
pub(crate) fn shown(path: &Path) -> String {
    crate::text::sanitize::one_line(&path.display().to_string()).into_owned()
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = shown(self.path());
        match self {
            Error::Exists(_) => write!(f, "{path}: the file exists"),
            Error::Appeared(_) => {
                write!(f, "{path}: a file appeared at this path while annals was writing; it was left as it is")
            }
            Error::Special(_, kind) => write!(f, "{path}: {}", kind.describe()),
            Error::Symlink { to, .. } => write!(
                f,
                "{path} is a symbolic link, and annals does not write through links: name the file it points to instead, {}",
                shown(to)
            ),
            Error::Changed(_) => {
                write!(f, "{path}: the file changed while annals was working on it; it was left as it is")
            }
            Error::NoFileName(_) => write!(f, "{path}: not a file name"),
            Error::IsInput(_) => write!(
                f,
                "{path} is a file of the dataset being exported (the dataset, a file it includes or a source's \
                 text): an export never replaces it (name another file)"
            ),
            Error::Io { error, .. } => write!(f, "{path}: {error}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { error, .. } => Some(error),
            _ => None,
        }
    }
}

impl From<Error> for io::Error {
    fn from(error: Error) -> io::Error {
        io::Error::new(error.kind(), error.to_string())
    }
}
