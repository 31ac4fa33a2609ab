//! Writing a whole file: into a new temporary file beside the target, renamed into place at
//! the end, so that the target is always either what it was or the whole new file.

use std::fs::{File, Permissions};
use std::io::{self, BufWriter, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use super::error::Error;
use super::pending::Pending;
use super::target::{self, Stamp};

/// Whether a file may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Only create a new file: an existing one is never touched (`Error::Exists`), and one that
    /// appears while the new file is written stays as it is (`Error::Appeared`).
    Never,
    /// Replace a regular file that is there (`--force`), keeping its permission bits (and its
    /// owner and group, where the system allows). A file swapped in meanwhile is not replaced
    /// (`Error::Changed`).
    Existing,
}

/// A file being written: bytes go to a temporary file beside the target; [`NewFile::commit`]
/// puts it in place. Dropped without a commit, it removes the temporary file and the target
/// stays as it was.
pub struct NewFile {
    path: PathBuf,
    temp: BufWriter<NamedTempFile>,
    /// The regular file to replace, as it was when the write began.
    replaces: Option<Stamp>,
    /// The temporary file listed, for a signal to remove it.
    _pending: Pending,
}

impl NewFile {
    /// Checks the target and creates the temporary file. Refused at once: an existing file
    /// with [`Replace::Never`], and whatever is not a regular file (directory, FIFO, device,
    /// socket, symbolic link) in any case.
    pub fn create(path: &Path, replace: Replace) -> Result<NewFile, Error> {
        let replaces = match (target::inspect(path)?, replace) {
            (Some(_), Replace::Never) => return Err(Error::Exists(path.to_path_buf())),
            (found, _) => found,
        };
        let (temp, pending) = temporary_beside(path, replaces.as_ref())?;
        let temp = BufWriter::with_capacity(64 * 1024, temp);
        Ok(NewFile { path: path.to_path_buf(), temp, replaces, _pending: pending })
    }

    /// Refuses to go on when the file this would replace is one of `inputs` (the dataset's
    /// files, each followed through any link): `Error::IsInput`, and nothing is written.
    pub fn refuse_inputs<'p>(&self, inputs: impl IntoIterator<Item = &'p Path>) -> Result<(), Error> {
        let Some(replaced) = &self.replaces else { return Ok(()) };
        for input in inputs {
            if let Ok(meta) = std::fs::metadata(input)
                && (std::os::unix::fs::MetadataExt::dev(&meta), std::os::unix::fs::MetadataExt::ino(&meta))
                    == (replaced.dev, replaced.ino)
            {
                return Err(Error::IsInput(self.path.clone()));
            }
        }
        Ok(())
    }

    /// The target path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes everything out, syncs it, and puts the file in place. With [`Replace::Never`]
    /// (or when there was no file to replace) the final step is a rename that fails if the
    /// target exists; when replacing, the target must still be the file seen at the start.
    pub fn commit(self) -> Result<(), Error> {
        let NewFile { path, temp, replaces, _pending } = self;
        let temp = temp.into_inner().map_err(|e| Error::io(&path, e.into_error()))?;
        temp.as_file().sync_all().map_err(|e| Error::io(&path, e))?;
        match replaces {
            None => persist_new(temp, &path)?,
            Some(before) => match target::inspect(&path)? {
                None => persist_new(temp, &path)?,
                Some(now) if now.same_file(&before) => {
                    temp.persist(&path).map_err(|e| Error::io(&path, e.error))?;
                }
                Some(_) => return Err(Error::Changed(path)),
            },
        }
        sync_folder(&path);
        Ok(())
    }
}

impl Write for NewFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.temp.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.temp.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.temp.flush()
    }
}

/// Writes a file with `fill` through a [`NewFile`]: the target gets the whole output or
/// nothing.
pub fn write_file(
    path: &Path,
    replace: Replace,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Error> {
    let mut file = NewFile::create(path, replace)?;
    fill(&mut file).map_err(|e| Error::io(path, e))?;
    file.commit()
}

/// A new file with a random name beside `path` (`.NAME.annals-RANDOM.tmp`), created
/// exclusively (`O_CREAT | O_EXCL`: it fails on anything already there, a symbolic link
/// included, rather than opening it). A new target gets the usual mode (0666 less the umask);
/// a replacement gets the permission bits of the file it replaces, and its owner and group
/// when the system allows it. It is listed ([`Pending`]) until the second value is dropped.
pub(crate) fn temporary_beside(path: &Path, like: Option<&Stamp>) -> Result<(NamedTempFile, Pending), Error> {
    let name = path.file_name().ok_or_else(|| Error::NoFileName(path.to_path_buf()))?;
    let name = name.to_string_lossy();
    let prefix = format!(".{}.annals-", shorten(&name, 100));
    let mode = like.map_or(0o666, |stamp| stamp.permissions);
    let temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .rand_bytes(12)
        .permissions(Permissions::from_mode(mode))
        .tempfile_in(target::folder(path))
        .map_err(|e| Error::io(path, without_temporary_name(e)))?;
    let pending = Pending::list(temp.path());
    if let Some(stamp) = like {
        let file = temp.as_file();
        let _ = std::os::unix::fs::fchown(file, Some(stamp.uid), Some(stamp.gid));
        // After the owner: a change of owner may clear setuid-like bits, and the umask was
        // applied at creation.
        file.set_permissions(Permissions::from_mode(stamp.permissions)).map_err(|e| Error::io(path, e))?;
    }
    Ok((temp, pending))
}

/// The error of making the temporary file, said of the file the user named: the temporary
/// file's name (which the error carries) means nothing to them.
fn without_temporary_name(error: std::io::Error) -> std::io::Error {
    match (error.kind(), error.raw_os_error()) {
        (std::io::ErrorKind::NotFound, _) => {
            std::io::Error::new(std::io::ErrorKind::NotFound, "its folder does not exist")
        }
        (_, Some(code)) => std::io::Error::from_raw_os_error(code),
        _ => error,
    }
}

/// Renames `temp` to `path` unless something is there by then (`renameat2` with
/// `RENAME_NOREPLACE`, or a hard link then an unlink where that is missing).
pub(crate) fn persist_new(temp: NamedTempFile, path: &Path) -> Result<(), Error> {
    match temp.persist_noclobber(path) {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => Err(Error::Appeared(path.to_path_buf())),
        Err(e) => Err(Error::io(path, e.error)),
    }
}

/// Syncs the folder so the rename itself is on disk; best effort (some file systems refuse).
pub(crate) fn sync_folder(path: &Path) {
    if let Ok(folder) = File::open(target::folder(path)) {
        let _ = folder.sync_all();
    }
}

/// At most `max` bytes of `name`, cut at a character boundary (the temporary name must stay
/// within the file system's limit on names).
fn shorten(name: &str, max: usize) -> &str {
    if name.len() <= max {
        return name;
    }
    let mut end = max;
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    &name[..end]
}

/// The names of the temporary files in `folder` (for tests of leftovers).
#[cfg(test)]
pub(crate) fn leftovers(folder: &Path) -> Vec<String> {
    std::fs::read_dir(folder)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::Special;
    use std::fs;
    use std::os::unix::fs::MetadataExt;

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().mode() & 0o7777
    }

    #[test]
    fn a_new_file_is_written_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.md");
        write_file(&path, Replace::Never, |w| w.write_all(b"hello\n")).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "hello\n");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn an_existing_file_is_kept_without_replace() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.md");
        fs::write(&path, "precious").unwrap();
        let error = write_file(&path, Replace::Never, |w| w.write_all(b"new")).unwrap_err();
        assert!(matches!(error, Error::Exists(_)), "{error:?}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "precious");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_file_appearing_during_the_write_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.md");
        for replace in [Replace::Never, Replace::Existing] {
            let _ = fs::remove_file(&path);
            let error = write_file(&path, replace, |w| {
                fs::write(&path, "appeared")?;
                w.write_all(b"new")
            })
            .unwrap_err();
            assert!(matches!(error, Error::Appeared(_)), "{error:?}");
            assert_eq!(fs::read_to_string(&path).unwrap(), "appeared");
            assert!(leftovers(dir.path()).is_empty());
        }
    }

    #[test]
    fn a_file_swapped_in_during_a_replacement_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.md");
        fs::write(&path, "old").unwrap();
        let error = write_file(&path, Replace::Existing, |w| {
            let other = dir.path().join("other");
            fs::write(&other, "swapped in")?;
            fs::rename(&other, &path)?;
            w.write_all(b"new")
        })
        .unwrap_err();
        assert!(matches!(error, Error::Changed(_)), "{error:?}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "swapped in");
    }

    #[test]
    fn a_replacement_keeps_the_permission_bits() {
        let dir = tempfile::tempdir().unwrap();
        for bits in [0o600, 0o640, 0o444, 0o755] {
            let path = dir.path().join(format!("out-{bits:o}"));
            fs::write(&path, "old").unwrap();
            fs::set_permissions(&path, Permissions::from_mode(bits)).unwrap();
            write_file(&path, Replace::Existing, |w| w.write_all(b"new")).unwrap();
            assert_eq!(fs::read_to_string(&path).unwrap(), "new");
            assert_eq!(mode(&path), bits, "{path:?}");
        }
    }

    #[test]
    fn a_replacement_keeps_the_owner_where_the_system_allows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("theirs");
        fs::write(&path, "old").unwrap();
        // Only a privileged user can give a file away; elsewhere there is nothing to keep.
        if std::os::unix::fs::chown(&path, Some(4321), Some(4321)).is_err() {
            return;
        }
        write_file(&path, Replace::Existing, |w| w.write_all(b"new")).unwrap();
        let metadata = fs::metadata(&path).unwrap();
        assert_eq!((metadata.uid(), metadata.gid()), (4321, 4321));
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn special_targets_and_links_are_refused_even_with_replace() {
        let dir = tempfile::tempdir().unwrap();
        let error = write_file(dir.path(), Replace::Existing, |w| w.write_all(b"x")).unwrap_err();
        assert!(matches!(error, Error::Special(_, Special::Directory)), "{error:?}");
        assert!(error.to_string().ends_with(": is a directory"), "{error}");
        let real = dir.path().join("real");
        fs::write(&real, "mine").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let error = write_file(&link, Replace::Existing, |w| w.write_all(b"x")).unwrap_err();
        assert!(matches!(error, Error::Symlink { .. }), "{error:?}");
        assert!(error.to_string().contains(&fs::canonicalize(&real).unwrap().display().to_string()), "{error}");
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read_to_string(&real).unwrap(), "mine");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_failed_fill_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.md");
        let error = write_file(&path, Replace::Never, |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("the export failed"))
        })
        .unwrap_err();
        assert!(error.to_string().contains("the export failed"), "{error}");
        assert!(!path.exists());
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn temporary_names_are_random_and_long_names_fit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.md");
        let a = NewFile::create(&path, Replace::Never).unwrap();
        let b = NewFile::create(&path, Replace::Never).unwrap();
        let names = leftovers(dir.path());
        assert_eq!(names.len(), 2);
        assert_ne!(names[0], names[1]);
        assert!(names.iter().all(|n| n.starts_with(".out.md.annals-")), "{names:?}");
        drop((a, b));
        assert!(leftovers(dir.path()).is_empty());
        let long = dir.path().join("é".repeat(127));
        write_file(&long, Replace::Never, |w| w.write_all(b"x")).unwrap();
        assert_eq!(fs::read_to_string(&long).unwrap(), "x");
    }
}
