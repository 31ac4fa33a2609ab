//! What reaches `update` (keys, the mouse, resizes, what the background threads send back)
//! and what it asks of the terminal and the threads in return.

use crossterm::event::{KeyEvent, MouseEvent};

use crate::input::Action;

/// What reaches `update`.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    Action(Action),
    /// What the search thread found for the query of this number (see [`Effect::Search`]).
    SearchDone {
        generation: u64,
        results: Box<crate::search::SearchResults>,
    },
    /// The search index, built on a thread after the first frame for the dataset of this
    /// number (`State::dataset_generation`): dropped if another dataset was swapped in since.
    Indexed {
        generation: u64,
        index: Indexed,
    },
    /// A reload of the dataset file started in the background.
    ReloadStarted,
    /// The terminal is the app's again after a suspend: a mouse button held before it may have
    /// been let go meanwhile, unseen.
    Resumed,
    /// Time has passed ([`crate::app::App::ticking`] says how often the loop sends this): a
    /// drag held past the edge of a text is made again, scrolling it a line.
    Tick,
    /// What a background reload gave: the new data with its indexes, or its problems.
    ReloadDone(Box<Result<super::Reloaded, Vec<String>>>),
}

/// A search index built off the screen thread; two are equal only if they are the same one.
#[derive(Debug, Clone)]
pub struct Indexed(pub std::sync::Arc<crate::search::SearchIndex>);

impl PartialEq for Indexed {
    fn eq(&self, other: &Indexed) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

/// What the caller must do in the terminal, or on a thread, after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    SetMouseCapture(bool),
    /// Put this text on the system clipboard (OSC 52).
    CopyToClipboard(String),
    /// Keep this draft event in `drafts.toml` beside the dataset, and put its TOML on the
    /// clipboard (OSC 52).
    Capture(crate::write::capture::Draft),
    /// Export the events the timeline shows to this file (`E`), replacing one that is there
    /// only with `replace` (the user said so after being told it exists).
    Export {
        path: String,
        format: crate::export::Format,
        replace: bool,
    },
    /// Open this URL (a source's, checked when loaded) with the system's opener.
    OpenUrl(String),
    /// Read the dataset file again.
    Reload,
    /// Give the terminal back to the shell and stop, as ctrl-z does in a shell.
    Suspend,
    /// Run this search on the search thread, and send back its results with this number.
    Search {
        query: String,
        generation: u64,
    },
}
