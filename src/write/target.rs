//! What is at a path annals is about to write: nothing, a regular file (and which one), or
//! something it refuses to write over. Looked at with `lstat`, never following a link.

use std::fs::{self, Metadata};
use std::io;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::error::{Error, Special};

/// Which regular file is at a path, and the state it was seen in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stamp {
    pub dev: u64,
    pub ino: u64,
    pub len: u64,
    pub modified: Option<SystemTime>,
    /// Permission bits (`0o777`), without the file type, setuid, setgid and sticky bits.
    pub permissions: u32,
    pub uid: u32,
    pub gid: u32,
}

impl Stamp {
    pub fn of(metadata: &Metadata) -> Stamp {
        Stamp {
            dev: metadata.dev(),
            ino: metadata.ino(),
            len: metadata.len(),
            modified: metadata.modified().ok(),
            permissions: metadata.mode() & 0o777,
            uid: metadata.uid(),
            gid: metadata.gid(),
        }
    }

    /// The same file (device and inode), whatever its content.
    pub fn same_file(&self, other: &Stamp) -> bool {
        (self.dev, self.ino) == (other.dev, other.ino)
    }

    /// The same file, with the same size and modification time.
    pub fn unchanged(&self, other: &Stamp) -> bool {
        self.same_file(other) && (self.len, self.modified) == (other.len, other.modified)
    }
}

/// The regular file at `path` (`None` if there is nothing there), or why annals will not
/// write there: a symbolic link (even one pointing at a regular file), a directory, or any
/// other kind of file.
pub(crate) fn inspect(path: &Path) -> Result<Option<Stamp>, Error> {
    let metadata = match fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(Error::io(path, error)),
    };
    let kind = metadata.file_type();
    if kind.is_file() {
        return Ok(Some(Stamp::of(&metadata)));
    }
    if kind.is_symlink() {
        return Err(Error::Symlink { path: path.to_path_buf(), to: link_target(path) });
    }
    let special = if kind.is_dir() {
        Special::Directory
    } else if kind.is_fifo() {
        Special::Fifo
    } else if kind.is_char_device() {
        Special::CharDevice
    } else if kind.is_block_device() {
        Special::BlockDevice
    } else if kind.is_socket() {
        Special::Socket
    } else {
        Special::Other
    };
    Err(Error::Special(path.to_path_buf(), special))
}

/// Where the link at `path` leads: the fully resolved file when it exists, else its target
/// read as a path from the link's folder.
fn link_target(path: &Path) -> PathBuf {
    if let Ok(resolved) = fs::canonicalize(path) {
        return resolved;
    }
    match fs::read_link(path) {
        Ok(to) if to.is_relative() => folder(path).join(to),
        Ok(to) => to,
        Err(_) => path.to_path_buf(),
    }
}

/// The folder a path's file is in (`.` for a bare name).
pub(crate) fn folder(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_regular_and_refused_targets() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("file");
        assert_eq!(inspect(&file).unwrap(), None);
        fs::write(&file, "x").unwrap();
        let stamp = inspect(&file).unwrap().expect("a regular file");
        assert_eq!(stamp.len, 1);
        assert!(matches!(inspect(dir.path()), Err(Error::Special(_, Special::Directory))));
        assert!(matches!(inspect(Path::new("/dev/null")), Err(Error::Special(_, Special::CharDevice))));
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        match inspect(&link) {
            Err(Error::Symlink { to, .. }) => assert_eq!(to, fs::canonicalize(&file).unwrap()),
            other => panic!("{other:?}"),
        }
        let dangling = dir.path().join("dangling");
        std::os::unix::fs::symlink("nowhere", &dangling).unwrap();
        match inspect(&dangling) {
            Err(Error::Symlink { to, .. }) => assert_eq!(to, dir.path().join("nowhere")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn stamps_tell_files_and_changes_apart() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        fs::write(&a, "one").unwrap();
        fs::write(&b, "one").unwrap();
        let (sa, sb) = (inspect(&a).unwrap().unwrap(), inspect(&b).unwrap().unwrap());
        assert!(sa.same_file(&sa) && !sa.same_file(&sb));
        fs::write(&a, "longer").unwrap();
        let again = inspect(&a).unwrap().unwrap();
        assert!(again.same_file(&sa) && !again.unchanged(&sa));
    }
}
