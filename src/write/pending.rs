//! The temporary files being written, so that a signal that ends the process removes them: a
//! temporary file is removed when its write fails or is dropped, but a process killed by
//! SIGINT, SIGTERM or SIGHUP runs no destructor, and left `.NAME.annals-RANDOM.tmp` files
//! behind, hidden and as large as the export.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The temporary files being written now, by the threads of this process.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A temporary file listed as being written, for as long as this lives: dropped once the file
/// is renamed into place or removed.
#[derive(Debug)]
pub struct Pending {
    path: PathBuf,
}

impl Pending {
    pub fn list(path: &Path) -> Pending {
        if let Ok(mut pending) = PENDING.lock() {
            pending.push(path.to_path_buf());
        }
        Pending { path: path.to_path_buf() }
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Ok(mut pending) = PENDING.lock()
            && let Some(at) = pending.iter().rposition(|p| *p == self.path)
        {
            pending.swap_remove(at);
        }
    }
}

/// Removes every temporary file being written (the process is about to end by a signal);
/// how many were removed. A write that goes on meanwhile has no file to rename any more, and
/// fails.
pub fn remove_all() -> usize {
    let Ok(mut pending) = PENDING.lock() else { return 0 };
    pending.drain(..).filter(|path| std::fs::remove_file(path).is_ok()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (`remove_all` itself is tested on the binary, killed during an export: here it would
    /// remove the files of the other tests writing at the same time.)
    #[test]
    fn a_file_is_listed_while_it_is_written() {
        let path = std::env::temp_dir().join("annals-pending-test-never-created.tmp");
        let listed = || PENDING.lock().unwrap().contains(&path);
        let writing = Pending::list(&path);
        assert!(listed());
        drop(writing);
        assert!(!listed());
    }
}
