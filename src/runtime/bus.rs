//! The one channel the terminal loop waits on: terminal input, the result of the first load,
//! the search index built after the first frame, search results, file changes, reload results
//! and finished exports all arrive here as messages, each from the thread that produced it.
//! The loop blocks on it: an idle app uses no CPU.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use crossterm::event::Event;

use crate::app::{App, Reloaded};
use crate::load::Diagnostics;
use crate::search::{SearchIndex, SearchResults};

/// Something that happened, for the terminal loop.
pub enum Message {
    /// A key, a mouse event, a resize, a paste.
    Terminal(Event),
    /// The terminal could no longer be read.
    TerminalLost(std::io::Error),
    /// The first load is done: the app, or a usage error in the start-up options, or the
    /// dataset's problems.
    Loaded(Box<Result<Result<App, String>, Diagnostics>>),
    /// The search index of the dataset of this number (`State::dataset_generation`), built
    /// after the first frame.
    Indexed { generation: u64, index: Arc<SearchIndex> },
    /// What the search thread found for the query of this number.
    SearchDone { generation: u64, results: SearchResults },
    /// Something changed in the dataset file's folder (the loop waits for it to settle).
    FileChanged,
    /// A signal came (`signals.rs`).
    Signal(i32),
    /// The export to this path (`E`) is written, or why not.
    Exported { path: String, result: Result<String, crate::write::Error> },
    /// A reload of this number is done.
    Reloaded { generation: u64, result: Box<Result<Reloaded, Vec<String>>> },
}

/// Where the threads send their messages.
pub type Bus = Sender<Message>;

pub fn bus() -> (Bus, Receiver<Message>) {
    channel()
}

/// Reads the terminal on a thread of its own, sending every event on `bus`, until the loop
/// is gone.
pub fn read_terminal(bus: Bus) -> std::io::Result<()> {
    std::thread::Builder::new().name("terminal input".into()).spawn(move || {
        loop {
            let message = match crossterm::event::read() {
                Ok(event) => Message::Terminal(event),
                Err(error) => {
                    let _ = bus.send(Message::TerminalLost(error));
                    return;
                }
            };
            if bus.send(message).is_err() {
                return;
            }
        }
    })?;
    Ok(())
}

/// Builds the search index of `dataset` (number `generation`) on a thread of its own and
/// sends it on `bus`: the app shows its first frame without waiting for it.
pub fn build_search_index(dataset: Arc<crate::model::Dataset>, generation: u64, bus: Bus) -> std::io::Result<()> {
    std::thread::Builder::new().name("search index".into()).spawn(move || {
        let index = Arc::new(SearchIndex::unpaired(&dataset));
        // The dataset is the app's too: only the reference is dropped here (unless a reload
        // replaced it meanwhile: then it is freed here, off the screen thread).
        drop(dataset);
        if bus.send(Message::Indexed { generation, index: Arc::clone(&index) }).is_ok() {
            // The index is in use: its pairs of letters are tallied now, for two-letter
            // queries to be answered at once from then on.
            index.tally_pairs();
        }
    })?;
    Ok(())
}
