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
    /// Keys, mouse events, resizes, pastes: all those one read of the terminal gave, in
    /// order (the letters of a paste come together, and are searched for once).
    Terminal(Vec<Event>),
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

/// Reads the terminal on a thread of its own, sending its events on `bus`, until the loop
/// is gone: each message holds an event and those already read behind it.
pub fn read_terminal(bus: Bus) -> std::io::Result<()> {
    std::thread::Builder::new().name("terminal input".into()).spawn(move || {
        loop {
            // Events already read and parsed come at once; with none, a moment's wait for the
            // rest of a write (crossterm's reader does not look at its parsed events when asked
            // with no time at all).
            let ready = || crossterm::event::poll(std::time::Duration::from_micros(100));
            let message = match read_together(crossterm::event::read, ready) {
                Ok(events) => Message::Terminal(events),
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

/// The next event, waiting for it (`read`), and every event there to be read without waiting
/// (`ready`; a paste's letters arrive in one read of the terminal): the loop takes them in
/// one go, so that a search starts once for them all, before a frame is drawn.
fn read_together(
    mut read: impl FnMut() -> std::io::Result<Event>,
    mut ready: impl FnMut() -> std::io::Result<bool>,
) -> std::io::Result<Vec<Event>> {
    let mut events = vec![read()?];
    while events.len() < TOGETHER && ready()? {
        events.push(read()?);
    }
    Ok(events)
}

/// The most events one message holds: the loop starts on a long paste before all of it is
/// read.
const TOGETHER: usize = 256;

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

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::collections::VecDeque;
    use std::io;

    use crossterm::event::{Event, KeyCode, KeyEvent};

    use super::{TOGETHER, read_together};

    /// `read_together` over a queue of events, all of them there to be read.
    fn reads(queue: &RefCell<VecDeque<Event>>) -> io::Result<Vec<Event>> {
        let read = || queue.borrow_mut().pop_front().ok_or_else(|| io::Error::other("read past the end"));
        read_together(read, || Ok(!queue.borrow().is_empty()))
    }

    fn letters(text: &str) -> VecDeque<Event> {
        text.chars().map(|c| Event::Key(KeyEvent::from(KeyCode::Char(c)))).collect()
    }

    #[test]
    fn the_events_read_together_come_in_one_message_in_order() {
        let queue = RefCell::new(letters("cloud"));
        assert_eq!(reads(&queue).unwrap(), Vec::from(letters("cloud")));
        assert!(queue.borrow().is_empty());
    }

    #[test]
    fn only_the_first_event_is_waited_for() {
        let mut queue = letters("ab");
        let read = || queue.pop_front().ok_or_else(|| io::Error::other("read past the end"));
        assert_eq!(read_together(read, || Ok(false)).unwrap(), Vec::from(letters("a")));
    }

    #[test]
    fn a_long_paste_comes_in_pieces_of_at_most_together() {
        let text: String = (0..TOGETHER + 44).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
        let queue = RefCell::new(letters(&text));
        let first = reads(&queue).unwrap();
        assert_eq!(first.len(), TOGETHER);
        assert_eq!(first, Vec::from(letters(&text[..TOGETHER])));
        assert_eq!(reads(&queue).unwrap(), Vec::from(letters(&text[TOGETHER..])));
    }

    #[test]
    fn an_error_of_the_terminal_is_passed_on() {
        let failing = || Err(io::Error::other("gone"));
        assert_eq!(read_together(failing, || Ok(true)).unwrap_err().to_string(), "gone");
        let mut calls = 0;
        let once = || {
            calls += 1;
            if calls == 1 { Ok(Event::FocusGained) } else { Err(io::Error::other("gone")) }
        };
        assert_eq!(read_together(once, || Ok(true)).unwrap_err().to_string(), "gone");
    }
}
