//! Watching the dataset's files for changes: the main file, and once it is loaded every file
//! it names (included TOML files, sources' text files). Folders are watched, not files, so
//! editors that save by writing a new file and renaming it over the old one (vim, VS Code),
//! and files that vanish and come back, are all seen. A file opened through a symbolic link is
//! watched where the link points too. Changes go to the loop's channel; the loop waits for the
//! files to settle (`Settle`) before it reloads.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use super::bus::{Bus, Message};

/// How long the file must stay quiet before it is read: editors write in several steps.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// How often the file's metadata is looked at when no watcher could be made.
pub const POLL: Duration = Duration::from_secs(1);

/// Set in tests to make the watcher fail, as it does when the system has no inotify
/// instances left.
pub const FAIL_FOR_TESTS: &str = "ANNALS_TEST_NO_WATCHER";

/// The file's size, modification and change times and inode: a save changes one of them, and
/// so does fixing its permissions (a reload that failed on them is then tried again).
pub type Stamp = Option<(u64, Option<std::time::SystemTime>, i64, u64)>;

pub fn stamp(path: &Path) -> Stamp {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path)
        .ok()
        .map(|m| (m.len(), m.modified().ok(), m.ctime() * 1_000_000_000 + m.ctime_nsec(), m.ino()))
}

/// Watches the folders of the dataset's files (and of the files they link to) and sends
/// [`Message::FileChanged`] for every change of one of them there.
pub struct FileWatcher {
    watcher: notify::RecommendedWatcher,
    /// The names of the files watched, as the callback matches them.
    names: std::sync::Arc<std::sync::Mutex<Vec<Option<OsString>>>>,
    folders: Vec<PathBuf>,
}

impl FileWatcher {
    pub fn new(path: &Path, bus: Bus) -> notify::Result<FileWatcher> {
        if std::env::var_os(FAIL_FOR_TESTS).is_some() {
            return Err(notify::Error::generic("no inotify instance left (test switch)"));
        }
        let names = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let seen = std::sync::Arc::clone(&names);
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let Ok(event) = event else { return };
            // Reading the file (ours included) is an access event: only changes count, or
            // every reload would trigger the next one.
            if event.kind.is_access() || event.kind.is_other() {
                return;
            }
            let names = seen.lock().unwrap_or_else(|e| e.into_inner());
            if event.paths.iter().any(|p| names.contains(&p.file_name().map(ToOwned::to_owned))) {
                let _ = bus.send(Message::FileChanged);
            }
        })?;
        let mut watcher = FileWatcher { watcher, names, folders: Vec::new() };
        watcher.watch(path)?;
        Ok(watcher)
    }

    /// Watches these files too (those the loaded dataset names).
    pub fn watch_also(&mut self, paths: &[PathBuf]) -> notify::Result<()> {
        paths.iter().try_for_each(|path| self.watch(path))
    }

    fn watch(&mut self, path: &Path) -> notify::Result<()> {
        let mut places: Vec<(PathBuf, Option<OsString>)> = vec![place(path)];
        if let Ok(real) = std::fs::canonicalize(path)
            && real != path
        {
            places.push(place(&real));
        }
        for (folder, name) in places {
            {
                let mut names = self.names.lock().unwrap_or_else(|e| e.into_inner());
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            if !self.folders.contains(&folder) {
                self.watcher.watch(&folder, RecursiveMode::NonRecursive)?;
                self.folders.push(folder);
            }
        }
        Ok(())
    }
}

/// A file's folder and name.
fn place(path: &Path) -> (PathBuf, Option<OsString>) {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    (folder, path.file_name().map(ToOwned::to_owned))
}

/// Waiting for the files to settle after changes, and telling whether one really changed.
#[derive(Debug)]
pub struct Settle {
    /// The main file, then every file it names.
    paths: Vec<PathBuf>,
    /// When the last change was seen, while waiting for the file to settle.
    pending: Option<Instant>,
    /// The file's stamp when it was last found changed (or when the watch began): changes
    /// that leave it as it is (a late event of a save already reloaded, a touch of the
    /// folder) reload nothing. One per path.
    stamp: Vec<Stamp>,
    /// No watcher: look at the file every `POLL`, next at this time.
    polling: bool,
    next_poll: Instant,
}

impl Settle {
    pub fn new(path: &Path, polling: bool) -> Settle {
        Settle {
            paths: vec![path.to_path_buf()],
            pending: None,
            stamp: vec![stamp(path)],
            polling,
            next_poll: Instant::now() + POLL,
        }
    }

    /// The files the dataset names besides the main file, as last loaded: from now on a
    /// change of any of them counts.
    pub fn set_files(&mut self, files: &[PathBuf]) {
        let main = self.paths.swap_remove(0);
        self.paths = std::iter::once(main).chain(files.iter().cloned()).collect();
        self.stamp = self.paths.iter().map(|path| stamp(path)).collect();
    }

    /// The files besides the main one whose changes count.
    pub fn files(&self) -> &[PathBuf] {
        &self.paths[1..]
    }

    /// A change was seen now.
    pub fn changed(&mut self, now: Instant) {
        self.pending = Some(now);
    }

    /// When the loop must wake up next, if at all: the end of the quiet time, or the next
    /// look at the file when polling.
    pub fn deadline(&self) -> Option<Instant> {
        match (self.pending, self.looking()) {
            (Some(at), _) => Some(at + DEBOUNCE),
            (None, true) => Some(self.next_poll),
            (None, false) => None,
        }
    }

    /// Whether the file is looked at every `POLL`: with no watcher, and while the main file
    /// is gone (its folder renamed away and back sends no event from within it).
    fn looking(&self) -> bool {
        self.polling || self.stamp[0].is_none()
    }

    /// Whether the file changed (or vanished) and has been quiet long enough: time to reload.
    pub fn due(&mut self, now: Instant) -> bool {
        let seen = self.pending.is_some();
        match self.pending {
            Some(at) if now < at + DEBOUNCE => false,
            None if !self.looking() || now < self.next_poll => false,
            _ => {
                self.pending = None;
                self.next_poll = now + POLL;
                let now: Vec<Stamp> = self.paths.iter().map(|path| stamp(path)).collect();
                // A change seen while the file is gone reloads too, to say so.
                let changed = now != self.stamp || (now[0].is_none() && seen && !self.polling);
                self.stamp = now;
                changed
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn file(name: &str) -> PathBuf {
        let path = std::env::temp_dir().join(format!("annals-settle-{name}-{}", std::process::id()));
        std::fs::write(&path, "x").unwrap();
        path
    }

    /// Past the quiet time of a change seen at `at`.
    fn after(at: Instant) -> Instant {
        at + DEBOUNCE + Duration::from_millis(1)
    }

    #[test]
    fn a_change_reloads_once_quiet_and_a_touch_of_nothing_does_not() {
        let path = file("touch");
        let mut settle = Settle::new(&path, false);
        let at = Instant::now();
        settle.changed(at);
        assert!(!settle.due(at), "not before the quiet time");
        assert!(!settle.due(after(at)), "nothing about the file changed");
        std::fs::write(&path, "xy").unwrap();
        settle.changed(at);
        assert!(settle.due(after(at)));
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn fixing_the_permissions_of_a_file_counts_as_a_change() {
        let path = file("mode");
        let mut settle = Settle::new(&path, false);
        std::thread::sleep(Duration::from_millis(20));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        let at = Instant::now();
        settle.changed(at);
        assert!(settle.due(after(at)), "same size and modification time, but its mode changed");
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn polling_looks_at_the_file_every_second_without_events() {
        let path = file("poll");
        let mut settle = Settle::new(&path, true);
        let now = Instant::now();
        let next = settle.deadline().expect("polling always has a deadline");
        assert!(next > now && next <= now + POLL + Duration::from_millis(50));
        std::fs::write(&path, "changed").unwrap();
        assert!(!settle.due(now), "not before its time");
        assert!(settle.due(now + POLL + Duration::from_millis(60)), "seen at the next look");
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn a_main_file_gone_is_looked_for_every_second_until_it_is_back() {
        let path = file("gone");
        let mut settle = Settle::new(&path, false);
        assert_eq!(settle.deadline(), None, "watched: no looking while the file is there");
        std::fs::remove_file(&path).unwrap();
        let at = Instant::now();
        settle.changed(at);
        assert!(settle.due(after(at)), "gone: reloaded once, to say so");
        let next = settle.deadline().expect("looked for while gone");
        assert!(!settle.due(next), "still gone: nothing to reload");
        std::fs::write(&path, "back").unwrap();
        let next = settle.deadline().expect("looked for while gone");
        assert!(settle.due(next + Duration::from_millis(1)), "back, with no event: seen at the next look");
        assert_eq!(settle.deadline(), None, "there again: events only");
        let _ = std::fs::remove_file(&path);
    }

    /// A dataset folder with a main file, an included file and a text file in subfolders.
    fn story(name: &str) -> (PathBuf, PathBuf, Vec<PathBuf>) {
        let dir = std::env::temp_dir().join(format!("annals-watch-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("events")).unwrap();
        std::fs::create_dir_all(dir.join("articles")).unwrap();
        let main = dir.join("story.toml");
        std::fs::write(&main, "x").unwrap();
        let named = vec![dir.join("events/a.toml"), dir.join("articles/a.txt")];
        for file in &named {
            std::fs::write(file, "x").unwrap();
        }
        (dir, main, named)
    }

    #[test]
    fn a_change_of_an_included_file_or_a_text_file_counts_once_they_are_named() {
        let (dir, main, named) = story("settle");
        for file in &named {
            let mut settle = Settle::new(&main, false);
            std::fs::write(file, "changed before it was named").unwrap();
            let at = Instant::now();
            settle.changed(at);
            assert!(!settle.due(after(at)), "not named yet: {}", file.display());
            settle.set_files(&named);
            assert_eq!(settle.files(), named.as_slice());
            std::fs::write(file, "changed once named").unwrap();
            settle.changed(at);
            assert!(settle.due(after(at)), "{}", file.display());
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_watcher_reports_saves_of_every_named_file_in_other_folders() {
        let (dir, main, named) = story("notify");
        let (bus, inbox) = crate::runtime::bus::bus();
        let mut watcher = FileWatcher::new(&main, bus).expect("a watcher");
        watcher.watch_also(&named).expect("watched");
        for file in &named {
            while inbox.try_recv().is_ok() {}
            std::fs::write(file, format!("saved {}", file.display())).unwrap();
            let message = inbox.recv_timeout(Duration::from_secs(10));
            assert!(matches!(message, Ok(Message::FileChanged)), "no change seen for {}", file.display());
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
