//! Loading a dataset on a worker thread, with progress the terminal can show: when a load
//! takes longer than a moment, the app is already up with a gauge, and `q` still quits.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use crate::load::Diagnostics;
use crate::model::Dataset;

/// What a load has done so far; written by the worker, read by the screen.
#[derive(Debug, Default)]
pub struct Progress {
    /// Bytes in the file.
    pub total: AtomicU64,
    /// Bytes read from disk so far.
    pub read: AtomicU64,
    /// Bytes parsed and checked so far.
    pub parsed: AtomicU64,
    stage: AtomicU8,
}

/// The steps of a load, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Reading,
    Parsing,
    Indexing,
}

impl Progress {
    pub fn stage(&self) -> Stage {
        match self.stage.load(Ordering::Relaxed) {
            0 => Stage::Reading,
            1 => Stage::Parsing,
            _ => Stage::Indexing,
        }
    }

    pub fn set_stage(&self, stage: Stage) {
        self.stage.store(stage as u8, Ordering::Relaxed);
    }

    /// The share done, 0 to 1: reading counts for a tenth, parsing and checking for eight,
    /// the search index for the last. A large file is read and parsed at once, so both move
    /// together.
    pub fn fraction(&self) -> f64 {
        let total = self.total.load(Ordering::Relaxed).max(1) as f64;
        let read = (self.read.load(Ordering::Relaxed) as f64 / total).min(1.0);
        let parsed = (self.parsed.load(Ordering::Relaxed) as f64 / total).min(1.0);
        match self.stage() {
            Stage::Reading => 0.1 * read,
            Stage::Parsing => 0.1 * read + 0.8 * parsed,
            Stage::Indexing => 0.9,
        }
    }
}

/// A load running on a worker thread, and what it produces: the dataset and whatever the
/// caller builds from it on the same thread (such as the app with its search index).
pub struct Loader<T> {
    pub name: String,
    pub progress: Arc<Progress>,
    pub started: Instant,
    result: Receiver<Result<T, Diagnostics>>,
}

/// What waiting for a load gave.
pub enum Waited<T> {
    Done(Result<T, Diagnostics>),
    Running,
}

impl<T: Send + 'static> Loader<T> {
    /// Starts loading `path` on a thread, then runs `build` on the dataset there.
    pub fn start(path: PathBuf, build: impl FnOnce(Dataset, &Progress) -> T + Send + 'static) -> Loader<T> {
        let progress = Arc::new(Progress::default());
        let (sender, result) = channel();
        let worker_progress = Arc::clone(&progress);
        let name = path.display().to_string();
        std::thread::spawn(move || {
            let loaded = crate::load::load_path_with_progress(&path, &worker_progress).map(|dataset| {
                worker_progress.set_stage(Stage::Indexing);
                build(dataset, &worker_progress)
            });
            let _ = sender.send(loaded);
        });
        Loader { name, progress, started: Instant::now(), result }
    }
}

impl<T> Loader<T> {
    /// Waits up to `timeout` for the load to finish.
    pub fn wait(&self, timeout: Duration) -> Waited<T> {
        match self.result.recv_timeout(timeout) {
            Ok(result) => Waited::Done(result),
            Err(RecvTimeoutError::Timeout) => Waited::Running,
            Err(RecvTimeoutError::Disconnected) => Waited::Done(Err(crate::load::file_error(
                &self.name,
                "the load stopped unexpectedly (the worker thread ended without a result)",
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fraction_moves_through_the_stages() {
        let p = Progress::default();
        p.total.store(100, Ordering::Relaxed);
        p.read.store(50, Ordering::Relaxed);
        assert!((p.fraction() - 0.05).abs() < 1e-9);
        // Read and parsed together, as a large file is: half of each is 45%.
        p.set_stage(Stage::Parsing);
        p.parsed.store(50, Ordering::Relaxed);
        assert!((p.fraction() - 0.45).abs() < 1e-9);
        p.read.store(100, Ordering::Relaxed);
        p.parsed.store(100, Ordering::Relaxed);
        assert!((p.fraction() - 0.9).abs() < 1e-9);
        p.set_stage(Stage::Indexing);
        assert_eq!(p.stage(), Stage::Indexing);
        assert!((p.fraction() - 0.9).abs() < 1e-9);
    }
}
