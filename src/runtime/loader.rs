//! Loading a dataset on a worker thread, with progress the terminal can show: when a load
//! takes longer than a moment, the app is already up with a gauge, and `q` still quits.

use std::path::PathBuf;
use std::sync::Arc;

use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use crate::load::{Diagnostics, Progress, Stage};
use crate::model::Dataset;

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
