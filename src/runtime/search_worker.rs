//! The search thread: searches a large dataset while the screen stays live. Each request
//! carries the number of its query; a newer request makes the running search give up (it
//! looks every megabyte), and only the newest is searched. Results go to the loop's channel.
//! A query that extends the one searched before (a letter typed at the end) is searched in
//! the strings that one matched only. A one-letter query's count comes at once from the
//! index's tallies; the thread then counts its hits string by string, for `n` and the lists,
//! and gives that up too when a newer query comes.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{RecvTimeoutError, Sender, channel};
use std::time::Duration;

use super::bus::{Bus, Message};
use crate::search::{SearchIndex, SearchResults};

/// How long the thread waits, after sending a letter's count, before it counts the letter's
/// hits string by string on every core: the screen draws the count meanwhile without
/// sharing the cores, and a letter typed on within it is searched instead.
const SETTLE: Duration = Duration::from_millis(40);

struct Request {
    index: Arc<SearchIndex>,
    query: String,
    generation: u64,
}

/// A thread that runs searches and sends back their results.
pub struct SearchThread {
    requests: Sender<Request>,
    /// The newest query's number, which a running search compares its own with.
    latest: Arc<AtomicU64>,
}

impl SearchThread {
    /// Starts the thread; `None` if the system will not start one (the app then searches
    /// within the keystroke).
    pub fn start(bus: Bus) -> Option<SearchThread> {
        let (requests, inbox) = channel::<Request>();
        let latest = Arc::new(AtomicU64::new(0));
        let newest = Arc::clone(&latest);
        std::thread::Builder::new()
            .name("search".into())
            .spawn(move || {
                // The last results found, to search within when the next query extends theirs
                // (a letter typed at the end): only the strings they matched are searched.
                let mut last: Option<SearchResults> = None;
                // A request that came while the thread waited to count a letter's strings.
                let mut next: Option<Request> = None;
                loop {
                    let mut request = match next.take() {
                        Some(request) => request,
                        None => match inbox.recv() {
                            Ok(request) => request,
                            Err(_) => return,
                        },
                    };
                    // Only the newest of the requests waiting is worth searching.
                    while let Ok(newer) = inbox.try_recv() {
                        request = newer;
                    }
                    let current = || newest.load(Ordering::Relaxed) == request.generation;
                    let Some(results) = request.index.search_after(&request.query, last.as_ref(), &current) else {
                        continue;
                    };
                    let kept = results.narrowing();
                    if bus.send(Message::SearchDone { generation: request.generation, results }).is_err() {
                        return;
                    }
                    // A letter's count is shown: its matching strings are counted soon after,
                    // for `n` and the lists, unless a newer query comes first.
                    if !kept.matches_counted() {
                        match inbox.recv_timeout(SETTLE) {
                            Ok(newer) => next = Some(newer),
                            Err(RecvTimeoutError::Timeout) => {
                                kept.count_matches_while(&current);
                            }
                            Err(RecvTimeoutError::Disconnected) => return,
                        }
                    }
                    last = Some(kept);
                }
            })
            .ok()?;
        Some(SearchThread { requests, latest })
    }

    /// Asks for a search of `query` in `index`, the query numbered `generation`; any older
    /// search still running gives up.
    pub fn request(&self, index: &Arc<SearchIndex>, query: String, generation: u64) {
        self.latest.store(generation, Ordering::Relaxed);
        let _ = self.requests.send(Request { index: Arc::clone(index), query, generation });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::Receiver;
    use std::time::Duration;

    /// The bundled data's index, a search thread, and the channel it answers on.
    fn searcher() -> (Arc<SearchIndex>, SearchThread, Receiver<Message>) {
        let dataset = crate::load::bundled().expect("bundled");
        let index = Arc::new(SearchIndex::new(&dataset));
        let (bus, inbox) = crate::runtime::bus::bus();
        (index, SearchThread::start(bus).expect("a thread"), inbox)
    }

    /// The next search results sent, with their query's number.
    fn next_answer(inbox: &Receiver<Message>) -> (u64, SearchResults) {
        loop {
            match inbox.recv_timeout(Duration::from_secs(10)) {
                Ok(Message::SearchDone { generation, results }) => return (generation, results),
                Ok(_) => {}
                Err(_) => panic!("no answer"),
            }
        }
    }

    #[test]
    fn the_newest_request_is_answered() {
        let (index, thread, inbox) = searcher();
        thread.request(&index, "zhangbei".into(), 1);
        thread.request(&index, "amazon".into(), 2);
        let mut answers = Vec::new();
        while !answers.iter().any(|(generation, _)| *generation == 2) {
            answers.push(next_answer(&inbox));
        }
        let (_, amazon) = answers.iter().find(|(generation, _)| *generation == 2).unwrap();
        assert_eq!(amazon, &index.search("amazon"));
        // The older one was either given up or answered before the newer came: never after.
        assert!(answers.iter().all(|(generation, _)| *generation <= 2));
        assert_eq!(answers.last().map(|(generation, _)| *generation), Some(2));
    }

    #[test]
    fn a_letters_strings_are_counted_after_its_count_is_sent() {
        let (index, thread, inbox) = searcher();
        thread.request(&index, "e".into(), 1);
        let (_, results) = next_answer(&inbox);
        assert!(results.hit_count > 0);
        // The screen's copy shares the list the thread counts: it comes without asking.
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while !results.matches_counted() {
            assert!(std::time::Instant::now() < deadline, "the strings were never counted");
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(results.matches(), index.search("e").matches());
    }
}
