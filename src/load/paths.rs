//! The files a dataset names besides itself (`text_file`, `include`): where a path written in
//! the dataset leads, and whether annals may read it there.
//!
//! A path is relative to the dataset's folder (the folder of its main file). It is refused,
//! with a sentence that says why, when it leads nowhere, to a folder, to something that is not
//! a regular file (a pipe would block the load), round a loop of symbolic links, outside the
//! dataset's folder (unless the config allows it: `[files] allow_outside_dataset = true`), or
//! to a file of the wrong kind (by its extension).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use super::read::kind_of;

/// What the loader may read besides the main file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Paths that lead outside the dataset's folder are read too (config
    /// `[files] allow_outside_dataset`).
    pub allow_outside_dataset: bool,
    /// The largest text file a source may name: as long as a source's inline `text` may be.
    pub max_text_file_bytes: u64,
    /// The largest the main file and its included files may be together.
    pub max_file_bytes: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            allow_outside_dataset: ALLOW_OUTSIDE.load(Ordering::Relaxed),
            max_text_file_bytes: super::MAX_STRING_BYTES as u64,
            max_file_bytes: super::MAX_FILE_BYTES,
        }
    }
}

static ALLOW_OUTSIDE: AtomicBool = AtomicBool::new(false);

/// Sets what [`Options::default`] allows for the rest of the process: the config's
/// `[files] allow_outside_dataset`, read once at start.
pub fn set_allow_outside_dataset(allow: bool) {
    ALLOW_OUTSIDE.store(allow, Ordering::Relaxed);
}

/// The kind of file a path must lead to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A source's text: `.txt` or `.md`.
    Text,
    /// Records: `.toml`.
    Records,
}

impl Kind {
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Kind::Text => &["txt", "md"],
            Kind::Records => &["toml"],
        }
    }

    pub fn expected(self) -> &'static str {
        match self {
            Kind::Text => "a .txt or .md file of UTF-8 text inside the dataset's folder",
            Kind::Records => "a .toml file of records inside the dataset's folder",
        }
    }
}

/// A file found where a path written in the dataset leads.
#[derive(Debug, Clone)]
pub(crate) struct Located {
    /// The path as annals names it in messages: the dataset's folder joined with what is
    /// written.
    pub shown: PathBuf,
    /// The file itself, every link followed.
    pub real: PathBuf,
    pub len: u64,
}

/// The dataset's folder, every link followed (for the inside-the-folder check).
pub(crate) fn real_folder(dir: &Path) -> PathBuf {
    std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())
}

/// Where `written` (relative to the dataset's folder `dir`, whose real path is `real_dir`)
/// leads, or why it cannot be read: the reason, to follow `field "path"` in a message.
pub(crate) fn locate(
    dir: &Path,
    real_dir: &Path,
    written: &str,
    kind: Kind,
    options: &Options,
) -> Result<Located, String> {
    let shown = dir.join(written);
    let real = match std::fs::canonicalize(&shown) {
        Ok(real) => real,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(format!("does not exist (expected {})", kind.expected()));
        }
        Err(e) if is_loop(&e) => {
            return Err(format!("is a loop of symbolic links that leads to no file (expected {})", kind.expected()));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
            return Err(format!("goes through a file as if it were a folder (expected {})", kind.expected()));
        }
        Err(e) => return Err(format!("cannot be opened: {e} (expected {})", kind.expected())),
    };
    if !options.allow_outside_dataset && !real.starts_with(real_dir) {
        return Err("is outside the dataset's folder (expected a path inside it; to read files elsewhere, set \
             allow_outside_dataset = true under [files] in the config)"
            .to_string());
    }
    let meta = std::fs::metadata(&real).map_err(|e| format!("cannot be opened: {e} (expected {})", kind.expected()))?;
    if !meta.is_file() {
        return Err(format!("is {} (expected {})", kind_of(&meta), kind.expected()));
    }
    let extension = Path::new(written).extension().and_then(|e| e.to_str()).unwrap_or("");
    if !kind.extensions().contains(&extension) {
        let has =
            if extension.is_empty() { "has no extension".to_string() } else { format!("ends in \".{extension}\"") };
        return Err(format!("{has} (expected {})", kind.expected()));
    }
    Ok(Located { shown, real, len: meta.len() })
}

fn is_loop(error: &std::io::Error) -> bool {
    // ELOOP: 40 on Linux, 62 on the BSDs and macOS.
    let eloop = if cfg!(target_os = "linux") { 40 } else { 62 };
    error.raw_os_error() == Some(eloop)
}

/// Reads a located file whole, but never more than `limit` bytes.
pub(crate) fn read_limited(file: &Located, limit: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    if file.len > limit {
        return Err(format!("is {} bytes long (expected at most {limit} bytes)", file.len));
    }
    let handle = std::fs::File::open(&file.real).map_err(|e| format!("cannot be read: {e}"))?;
    let mut bytes = Vec::new();
    handle.take(limit + 1).read_to_end(&mut bytes).map_err(|e| format!("cannot be read: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(format!("grew past {limit} bytes while it was read (expected at most {limit} bytes)"));
    }
    Ok(bytes)
}

/// Where the first byte that is not UTF-8 stands: (line, column, the byte), or `None` for UTF-8.
pub(crate) fn first_bad_byte(bytes: &[u8]) -> Option<(usize, usize, u8)> {
    let error = std::str::from_utf8(bytes).err()?;
    let valid = std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default();
    let (line, column) = super::position(valid, valid.len());
    Some((line, column, bytes[error.valid_up_to()]))
}

/// `path` as messages show it.
pub(crate) fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// The folder a dataset file is in ("." for a bare file name).
pub(crate) fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
