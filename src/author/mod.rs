//! Building a story with annals commands: `annals new` (a story folder), `annals add-source`
//! (an article from a saved page, a text or a Markdown file) and `annals import` (a
//! TimelineJS timeline). Every file is written through `crate::write`: new files are never
//! written over, and a dataset is edited only if nobody changed it since it was read.

pub mod add_source;
pub mod extract;
pub mod import;
pub mod record;
pub mod scaffold;

use std::fmt;
use std::path::Path;

/// Why an authoring command stopped. Nothing half-written is left behind.
#[derive(Debug)]
pub enum Error {
    /// A file could not be written, or was refused (it exists, it is a link…).
    Write(crate::write::Error),
    /// The input is not what the command takes; the message names the file.
    Input(String),
}

impl Error {
    pub(crate) fn input(path: &Path, message: impl fmt::Display) -> Error {
        Error::Input(format!("{}: {message}", shown(path)))
    }

    /// A problem at a line and column of the file (1-based), as `FILE:LINE:COLUMN: message`.
    pub(crate) fn at(path: &Path, (line, column): (usize, usize), message: impl fmt::Display) -> Error {
        Error::Input(format!("{}:{line}:{column}: {message}", shown(path)))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Write(error) => write!(f, "{error}"),
            Error::Input(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}

impl From<crate::write::Error> for Error {
    fn from(error: crate::write::Error) -> Error {
        Error::Write(error)
    }
}

/// A path as one line of plain text, for messages.
pub(crate) fn shown(path: &Path) -> String {
    crate::text::sanitize::one_line(&path.display().to_string()).into_owned()
}

/// The largest file an authoring command reads (a saved page, an article, a timeline).
pub const MAX_INPUT: u64 = 64 * 1024 * 1024;

/// Reads a regular file of at most [`MAX_INPUT`] bytes as UTF-8 (a UTF-8 byte order mark is
/// dropped). A FIFO, a device or a folder is refused before anything is opened.
pub(crate) fn read_text(path: &Path) -> Result<String, Error> {
    use std::io::Read;
    let metadata = std::fs::metadata(path).map_err(|e| Error::input(path, e))?;
    if !metadata.is_file() {
        return Err(Error::input(path, "not a regular file"));
    }
    if metadata.len() > MAX_INPUT {
        return Err(Error::input(path, format!("the file is larger than {} MiB", MAX_INPUT >> 20)));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    let file = std::fs::File::open(path).map_err(|e| Error::input(path, e))?;
    file.take(MAX_INPUT + 1).read_to_end(&mut bytes).map_err(|e| Error::input(path, e))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        // UTF-16 or UTF-32 (a byte order mark, or the NULs of wide text) is named as such.
        Err(_) if let Some(message) = crate::load::wide_text(bytes) => Err(Error::at(path, (1, 1), message)),
        Err(error) if bytes.contains(&0) => Err(Error::at(
            path,
            position(&bytes[..error.valid_up_to()]),
            "not text: it holds NUL bytes, as binary data does (expected a saved web page or a text file)",
        )),
        Err(error) => {
            let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            Err(Error::at(
                path,
                position(&bytes[..error.valid_up_to()]),
                format!(
                    "not UTF-8 (convert it first; for a Western European page, most likely \
                     `iconv -f WINDOWS-1252 -t UTF-8 {name} > utf8-{name}`)"
                ),
            ))
        }
    }
}

/// The 1-based line and column (in characters) just after `before`.
pub(crate) fn position(before: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(before);
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The folder a path's file is in (`.` for a bare name).
pub(crate) fn folder(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}
