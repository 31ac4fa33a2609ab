//! Watching the dataset file for changes. The folder is watched, not the file, so editors
//! that save by writing a new file and renaming it over the old one (vim, VS Code), and files
//! that vanish and come back, are all seen.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

/// How long the file must stay quiet before it is read: editors write in several steps.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

pub struct FileWatcher {
    _watcher: notify::RecommendedWatcher,
    events: Receiver<()>,
    /// When the last change was seen, while waiting for the file to settle.
    pending: Option<Instant>,
    path: PathBuf,
    /// The file's size and modification time when it was last found changed (or when the
    /// watch began): events that leave them as they are (a late event of a save already
    /// reloaded, a touch of the folder) reload nothing.
    stamp: Option<Stamp>,
}

type Stamp = (u64, Option<std::time::SystemTime>);

fn stamp(path: &Path) -> Option<Stamp> {
    std::fs::metadata(path).ok().map(|m| (m.len(), m.modified().ok()))
}

impl FileWatcher {
    pub fn new(path: &Path) -> notify::Result<FileWatcher> {
        let name: Option<OsString> = path.file_name().map(ToOwned::to_owned);
        let folder: PathBuf = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let (sender, events) = channel();
        let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let Ok(event) = event else { return };
            // Reading the file (ours included) is an access event: only changes count, or
            // every reload would trigger the next one.
            if event.kind.is_access() || event.kind.is_other() {
                return;
            }
            if event.paths.iter().any(|p| p.file_name() == name.as_deref()) {
                let _ = sender.send(());
            }
        })?;
        watcher.watch(&folder, RecursiveMode::NonRecursive)?;
        Ok(FileWatcher { _watcher: watcher, events, pending: None, path: path.to_path_buf(), stamp: stamp(path) })
    }

    /// Whether the file changed (or vanished) and has been quiet for `DEBOUNCE`: time to reload.
    pub fn settled(&mut self) -> bool {
        while self.events.try_recv().is_ok() {
            self.pending = Some(Instant::now());
        }
        match self.pending {
            Some(at) if at.elapsed() >= DEBOUNCE => {
                self.pending = None;
                let now = stamp(&self.path);
                let changed = now != self.stamp || now.is_none();
                self.stamp = now;
                changed
            }
            _ => false,
        }
    }
}
