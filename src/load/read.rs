//! Reading a dataset (or config) file from disk, whatever the path turns out to be.
//!
//! - A regular file is read as it is; its size is checked on its metadata first.
//! - Anything else that can be read — a pipe (`--check <(gen)`, `/dev/stdin`), a character
//!   device — is read too, but never past the size limit, whatever the metadata says: reading
//!   stops there with a message naming the file and the limit (`/dev/zero` is refused after
//!   2 GiB instead of filling the memory). Reading also stops at the first byte that cannot be
//!   UTF-8 (`/dev/urandom`): the diagnostic only names that byte.
//! - A named pipe (FIFO) that no program has opened for writing would block the open for good.
//!   It is opened on a helper thread, and given up after [`FIFO_WAIT`] with a message saying
//!   that nothing writes to it; the helper is then released (the pipe is opened for reading
//!   and writing for an instant, so its blocked open returns) rather than left blocked.
//! - [`check_regular_file`] refuses everything but a regular file, for the paths that only
//!   make sense on one (watching a file and reloading it).

use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::Path;
use std::sync::atomic::Ordering::Relaxed;
use std::time::Duration;

use super::diagnostic::Diagnostic;
use crate::load::Progress;

/// How long opening a named pipe waits for a program to open it for writing.
pub const FIFO_WAIT: Duration = Duration::from_secs(5);

/// What a path is, for messages: "a directory", "a named pipe (FIFO)", …
pub(crate) fn kind_of(meta: &Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_dir() {
        return "a directory";
    }
    if kind.is_file() {
        return "a regular file";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

fn is_fifo(meta: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        meta.file_type().is_fifo()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}

/// Refuses a path that is not a regular file (after following symlinks), with a message: a
/// FIFO, a device, a socket or a directory can be read once (see [`super::load_path`]), but
/// not watched and reloaded. For the reload path to call before it reads.
pub fn check_regular_file(path: &Path) -> Result<(), Diagnostic> {
    let name = path.display().to_string();
    let whole = |message: String| Diagnostic { file: name.clone(), line: 0, column: 0, message };
    let meta = std::fs::metadata(path).map_err(|e| {
        whole(format!("cannot open: {} (expected a path to a TOML dataset file)", super::io_reason(&e)))
    })?;
    if meta.is_file() {
        return Ok(());
    }
    Err(whole(format!(
        "is {}, not a regular file (expected a regular file: only those are watched and reloaded)",
        kind_of(&meta)
    )))
}

/// Opens `path` for reading; a named pipe with no writer is given up after `wait`.
pub(crate) fn open(path: &Path, meta: &Metadata, wait: Duration) -> io::Result<File> {
    if !is_fifo(meta) {
        return File::open(path);
    }
    let (sender, receiver) = std::sync::mpsc::channel();
    let owned = path.to_path_buf();
    std::thread::Builder::new().name("open-fifo".into()).spawn(move || {
        let _ = sender.send(File::open(owned));
    })?;
    match receiver.recv_timeout(wait) {
        Ok(opened) => opened,
        Err(_) => {
            // Be the writer for an instant, so that the helper's open returns and it ends.
            drop(std::fs::OpenOptions::new().read(true).write(true).open(path));
            Err(io::Error::new(
                io::ErrorKind::TimedOut,
                format!(
                    "it is a named pipe (FIFO) and no program opened it for writing within {} s \
                     (expected a file, or a pipe that a program writes to)",
                    wait.as_secs()
                ),
            ))
        }
    }
}

/// Why reading stopped short of the end of a file.
pub(crate) enum Stopped {
    /// More than `limit` bytes: the file is too large, or never ends.
    TooLarge {
        limit: u64,
    },
    Failed(io::Error),
}

/// Reads `file` (of `size` bytes by its metadata, 0 if unknown) whole, but never more than
/// `limit` bytes, in blocks, counting them in `progress`. Stops early at the first byte that
/// cannot be part of UTF-8 text: what was read then holds that byte, which is all a diagnostic
/// about it needs.
pub(crate) fn read_capped(mut file: File, size: u64, limit: u64, progress: &Progress) -> Result<Vec<u8>, Stopped> {
    let mut bytes: Vec<u8> = Vec::new();
    if bytes.try_reserve_exact(usize::try_from(size.min(limit)).unwrap_or(0)).is_err() {
        return Err(Stopped::Failed(out_of_memory(0)));
    }
    let mut block = vec![0; 4 << 20];
    // Bytes known to be UTF-8, from the start.
    let mut valid = 0;
    loop {
        let n = match file.read(&mut block) {
            Ok(0) => return Ok(bytes),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Stopped::Failed(e)),
        };
        if bytes.len() as u64 + n as u64 > limit {
            return Err(Stopped::TooLarge { limit });
        }
        if bytes.try_reserve(n).is_err() {
            return Err(Stopped::Failed(out_of_memory(bytes.len())));
        }
        bytes.extend_from_slice(&block[..n]);
        progress.read.fetch_add(n as u64, Relaxed);
        match simdutf8::compat::from_utf8(&bytes[valid..]) {
            Ok(_) => valid = bytes.len(),
            // A character cut by the end of the block: it may go on in the next one.
            Err(e) if e.error_len().is_none() => valid += e.valid_up_to(),
            // Read on a little, so that the start of the file can tell its encoding.
            Err(_) if bytes.len() >= 4096 => return Ok(bytes),
            Err(_) => {}
        }
    }
}

fn out_of_memory(read: usize) -> io::Error {
    io::Error::new(io::ErrorKind::OutOfMemory, format!("not enough memory to hold the file ({read} bytes read)"))
}

/// The text of a small file such as the config: opened as [`open`] does, at most `limit`
/// bytes, UTF-8. Errors say what went wrong in words.
pub fn read_text(path: &Path, limit: u64) -> io::Result<String> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(io::Error::new(io::ErrorKind::IsADirectory, "it is a directory"));
    }
    if meta.is_file() && meta.len() > limit {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!("it is {} bytes long (expected at most {limit} bytes)", meta.len()),
        ));
    }
    let file = open(path, &meta, FIFO_WAIT)?;
    match read_capped(file, meta.len(), limit, &Progress::default()) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|e| {
            io::Error::new(io::ErrorKind::InvalidData, format!("it is not UTF-8 text ({})", e.utf8_error()))
        }),
        Err(Stopped::TooLarge { limit }) => Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!("it goes on past {limit} bytes, where reading stopped (expected at most {limit} bytes)"),
        )),
        Err(Stopped::Failed(e)) => Err(e),
    }
}
