//! Editing a file the user named (a dataset to add a source to, a capture file): read it,
//! build the new version, and replace it only if nobody changed it meanwhile.
//!
//! ```no_run
//! # fn main() -> Result<(), annals::write::Error> {
//! use std::io::Write;
//! let original = annals::write::edit::read(std::path::Path::new("story.toml"))?;
//! annals::write::edit::save(&original, |out| {
//!     out.write_all(original.bytes())?;
//!     out.write_all(b"\n[[source]]\nid = \"new\"\n")
//! })?;
//! # Ok(())
//! # }
//! ```
//!
//! The check is a compare-and-swap on the file's identity (device and inode), size,
//! modification time and bytes, made after the new version is written and synced, just before
//! the rename. What it cannot close is the moment between that last check and the rename
//! itself: POSIX has no rename conditional on the content.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use super::error::Error;
use super::file::{sync_folder, temporary_beside};
use super::target::{self, Stamp};

/// A file as it was read for an edit: its bytes and the state they were read in.
#[derive(Debug)]
pub struct Original {
    path: PathBuf,
    bytes: Vec<u8>,
    stamp: Stamp,
}

impl Original {
    /// The path it was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Its bytes, as read.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

/// Reads a regular file for an edit. Refused: a symbolic link (name the file it leads to), a
/// directory or any other non-regular file, and a file swapped while it was read.
pub fn read(path: &Path) -> Result<Original, Error> {
    let Some(before) = target::inspect(path)? else {
        return Err(Error::io(path, io::Error::from(io::ErrorKind::NotFound)));
    };
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    let opened = Stamp::of(&file.metadata().map_err(|e| Error::io(path, e))?);
    if !opened.same_file(&before) {
        return Err(Error::Changed(path.to_path_buf()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(opened.len).unwrap_or(0));
    file.read_to_end(&mut bytes).map_err(|e| Error::io(path, e))?;
    let after = Stamp::of(&file.metadata().map_err(|e| Error::io(path, e))?);
    if !after.unchanged(&opened) || after.len != bytes.len() as u64 {
        return Err(Error::Changed(path.to_path_buf()));
    }
    Ok(Original { path: path.to_path_buf(), bytes, stamp: after })
}

/// Replaces the file `original` was read from with what `fill` writes, keeping its
/// permission bits (and owner and group where the system allows), unless the file changed
/// since it was read: then `Error::Changed`, and the file is left as it is.
pub fn save(original: &Original, fill: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), Error> {
    let path = original.path.as_path();
    let (temp, _pending) = temporary_beside(path, Some(&original.stamp))?;
    let mut out = io::BufWriter::with_capacity(64 * 1024, temp);
    fill(&mut out).map_err(|e| Error::io(path, e))?;
    let temp = out.into_inner().map_err(|e| Error::io(path, e.into_error()))?;
    temp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    if !unchanged(original)? {
        return Err(Error::Changed(path.to_path_buf()));
    }
    temp.persist(path).map_err(|e| Error::io(path, e.error))?;
    sync_folder(path);
    Ok(())
}

/// Whether the file at the original's path is still the one read, with the same state and
/// the same bytes.
fn unchanged(original: &Original) -> Result<bool, Error> {
    let path = original.path.as_path();
    let Some(now) = target::inspect(path)? else { return Ok(false) };
    if !now.unchanged(&original.stamp) {
        return Ok(false);
    }
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(error) => return Err(Error::io(path, error)),
    };
    same_bytes(&mut file, &original.bytes).map_err(|e| Error::io(path, e))
}

/// Whether `reader` yields exactly `expected`, read in chunks (the file is not loaded again).
fn same_bytes(reader: &mut impl Read, expected: &[u8]) -> io::Result<bool> {
    let mut buf = [0u8; 64 * 1024];
    let mut at = 0;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => return Ok(at == expected.len()),
            Ok(n) => n,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if expected.get(at..at + n) != Some(&buf[..n]) {
            return Ok(false);
        }
        at += n;
    }
}

/// Whether `path` is unchanged since `original` was read, for callers that want to warn
/// before building an edit.
pub fn still_current(original: &Original) -> Result<bool, Error> {
    unchanged(original)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::file::leftovers;
    use std::fs;
    use std::fs::Permissions;
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::time::{Duration, SystemTime};

    fn append(original: &Original, extra: &'static [u8]) -> Result<(), Error> {
        save(original, |out| {
            out.write_all(original.bytes())?;
            out.write_all(extra)
        })
    }

    #[test]
    fn an_unchanged_file_is_edited_and_keeps_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.toml");
        fs::write(&path, "a = 1\n").unwrap();
        fs::set_permissions(&path, Permissions::from_mode(0o600)).unwrap();
        let original = read(&path).unwrap();
        assert_eq!(original.bytes(), b"a = 1\n");
        assert!(still_current(&original).unwrap());
        append(&original, b"b = 2\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "a = 1\nb = 2\n");
        assert_eq!(fs::metadata(&path).unwrap().mode() & 0o7777, 0o600);
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn an_edit_is_refused_when_the_content_changed_with_the_same_size_and_time() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.toml");
        fs::write(&path, "a = 1\n").unwrap();
        let original = read(&path).unwrap();
        let time = fs::metadata(&path).unwrap().modified().unwrap();
        let file = fs::OpenOptions::new().write(true).open(&path).unwrap();
        (&file).write_all(b"a = 9\n").unwrap();
        file.set_modified(time).unwrap();
        drop(file);
        assert!(!still_current(&original).unwrap());
        let error = append(&original, b"b = 2\n").unwrap_err();
        assert!(matches!(error, Error::Changed(_)), "{error:?}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "a = 9\n", "the other change is kept");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn an_edit_is_refused_when_only_the_time_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.toml");
        fs::write(&path, "a = 1\n").unwrap();
        let original = read(&path).unwrap();
        let file = fs::OpenOptions::new().write(true).open(&path).unwrap();
        file.set_modified(SystemTime::now() + Duration::from_secs(3600)).unwrap();
        drop(file);
        assert!(matches!(append(&original, b"b"), Err(Error::Changed(_))));
    }

    #[test]
    fn an_edit_is_refused_when_the_file_was_replaced_or_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.toml");
        fs::write(&path, "a = 1\n").unwrap();
        let original = read(&path).unwrap();
        let other = dir.path().join("other");
        fs::write(&other, "a = 1\n").unwrap();
        fs::rename(&other, &path).unwrap();
        assert!(matches!(append(&original, b"b"), Err(Error::Changed(_))));
        fs::remove_file(&path).unwrap();
        assert!(matches!(append(&original, b"b"), Err(Error::Changed(_))));
        assert!(!path.exists(), "a removed file is not brought back");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn an_edit_refuses_links_and_special_files() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        fs::write(&real, "a = 1\n").unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert!(matches!(read(&link), Err(Error::Symlink { .. })));
        assert!(matches!(read(dir.path()), Err(Error::Special(..))));
        assert!(matches!(read(&dir.path().join("missing")), Err(Error::Io { .. })));
    }

    #[test]
    fn same_bytes_compares_lengths_and_content() {
        assert!(same_bytes(&mut &b"abc"[..], b"abc").unwrap());
        assert!(!same_bytes(&mut &b"abc"[..], b"ab").unwrap());
        assert!(!same_bytes(&mut &b"ab"[..], b"abc").unwrap());
        assert!(!same_bytes(&mut &b"abd"[..], b"abc").unwrap());
        assert!(same_bytes(&mut &b""[..], b"").unwrap());
    }
}
