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
    /// The file, and its name as given.
    pub path: PathBuf,
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
        let worker_path = path.clone();
        std::thread::spawn(move || {
            let loaded = crate::load::load_path_with_progress(&worker_path, &worker_progress).map(|dataset| {
                worker_progress.set_stage(Stage::Indexing);
                build(dataset, &worker_progress)
            });
            let _ = sender.send(loaded);
        });
        Loader { path, name, progress, started: Instant::now(), result }
    }
}

impl<T: Send + 'static> Loader<T> {
    /// Sends the load's result, once it comes, on `bus` as `wrap` makes it into a message: so
    /// that the terminal loop waits on one channel for everything.
    pub fn forward<M: Send + 'static>(
        &mut self,
        bus: std::sync::mpsc::Sender<M>,
        wrap: impl FnOnce(Result<T, Diagnostics>) -> M + Send + 'static,
    ) {
        let (_, empty) = channel();
        let result = std::mem::replace(&mut self.result, empty);
        let name = self.name.clone();
        std::thread::spawn(move || {
            let loaded = result.recv().unwrap_or_else(|_| Err(stopped(&name)));
            let _ = bus.send(wrap(loaded));
        });
    }
}

/// A load whose thread ended without a result.
fn stopped(name: &str) -> Diagnostics {
    crate::load::file_error(name, "the load stopped unexpectedly (the worker thread ended without a result)")
}

impl<T> Loader<T> {
    /// Waits up to `timeout` for the load to finish.
    pub fn wait(&self, timeout: Duration) -> Waited<T> {
        match self.result.recv_timeout(timeout) {
            Ok(result) => Waited::Done(result),
            Err(RecvTimeoutError::Timeout) => Waited::Running,
            Err(RecvTimeoutError::Disconnected) => Waited::Done(Err(stopped(&self.name))),
        }
    }
}
