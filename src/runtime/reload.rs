//! Reloads off the screen thread: the file is read, checked and indexed on a thread of its
//! own, and the search that is on is run on the new data there, so that the screen thread
//! only swaps the result in. Each reload has a number; a newer save makes an older reload's
//! result be dropped, and reloads still waiting are skipped for the newest.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Sender, channel};

use super::bus::{Bus, Message};
use crate::app::Reloaded;

struct Request {
    path: PathBuf,
    query: Option<String>,
    generation: u64,
}

/// The reload thread.
pub struct Reloader {
    requests: Sender<Request>,
    latest: Arc<AtomicU64>,
}

impl Reloader {
    pub fn start(bus: Bus) -> std::io::Result<Reloader> {
        let (requests, inbox) = channel::<Request>();
        let latest = Arc::new(AtomicU64::new(0));
        let newest = Arc::clone(&latest);
        std::thread::Builder::new().name("reload".into()).spawn(move || {
            while let Ok(mut request) = inbox.recv() {
                while let Ok(newer) = inbox.try_recv() {
                    request = newer;
                }
                let result = Box::new(reload(&request.path, request.query));
                // A newer save came meanwhile: this result is already out of date.
                if newest.load(Ordering::Relaxed) != request.generation {
                    continue;
                }
                let index = result.as_ref().as_ref().ok().map(|reloaded| Arc::clone(&reloaded.search_index));
                if bus.send(Message::Reloaded { generation: request.generation, result }).is_err() {
                    return;
                }
                // The new data is on screen: its pairs of letters are tallied now.
                if let Some(index) = index {
                    index.tally_pairs();
                }
            }
        })?;
        Ok(Reloader { requests, latest })
    }

    /// Asks for a reload of `path`, searching the new data for `query`; its number.
    pub fn request(&self, path: &Path, query: Option<String>) -> u64 {
        let generation = self.latest.fetch_add(1, Ordering::Relaxed) + 1;
        let _ = self.requests.send(Request { path: path.to_path_buf(), query, generation });
        generation
    }

    /// Whether reload `generation` is the newest asked for.
    pub fn is_current(&self, generation: u64) -> bool {
        self.latest.load(Ordering::Relaxed) == generation
    }
}

/// Reads, checks and indexes the file; its problems as lines to show if it has any.
pub fn reload(path: &Path, query: Option<String>) -> Result<Reloaded, Vec<String>> {
    let name = crate::text::sanitize::one_line(&path.display().to_string()).into_owned();
    // Only regular files are reloaded: a FIFO would block the reload for good, a device
    // never ends.
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            return Err(vec![format!(
                "{name}: not a regular file (a pipe, a device or a folder): live reload reads only regular \
                 files; the data on screen stays as it was"
            )]);
        }
        _ => {}
    }
    match crate::load::load_path(path) {
        Ok(dataset) => Ok(Reloaded::build(dataset, query)),
        Err(diagnostics) => Err(diagnostics.0.iter().map(ToString::to_string).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_are_reloaded() {
        let dir = std::env::temp_dir().join(format!("annals-reload-fifo-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let fifo = dir.join("story.toml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
        assert!(made.success());
        // Nobody writes to it: reading it would wait for ever.
        for path in [fifo.as_path(), Path::new("/dev/zero"), dir.as_path()] {
            let problems = reload(path, None).expect_err("refused");
            assert!(problems[0].contains("not a regular file"), "{problems:?}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_reload_searches_the_new_data_for_the_query_on() {
        let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data/examples/minimal.toml"));
        let reloaded = reload(path, Some("library".into())).expect("valid");
        let (query, results) = reloaded.search.expect("searched");
        assert_eq!(query, "library");
        assert_eq!(results, reloaded.search_index.search("library"));
        assert!(!results.is_empty());
    }
}
