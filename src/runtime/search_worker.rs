//! The search thread: searches a large dataset while the screen stays live. Each request
//! carries the number of its query; a newer request makes the running search give up (it
//! looks every megabyte), and only the newest is searched. Results go to the loop's channel.
//! The loop asks once per batch of keys ([`SearchThread::flush`]): a pasted word is searched
//! as a word, not letter after letter. The thread keeps the results of the queries on the way
//! to the current one (a [`Trail`]): a query that extends one of them (a letter typed at the
//! end) is searched in the strings that one matched only, and one of them typed again (a
//! backspace) is answered at once. The count of a query of one or two letters comes at once
//! from the index's tallies; the thread then finds its strings, for `n` and the lists: a
//! letter's counted string by string, a pair's by a whole search that also keeps where each
//! hit is, for the letter typed next to be searched within. It gives a letter's count up when
//! a newer query comes, and a pair's search only when the newer query does not extend it.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::bus::{Bus, Message};
use crate::search::{SearchIndex, Trail, Unfinished, fold};

/// How long the thread waits, after sending a count from the tallies, before it finds the
/// strings on every core: the screen draws the count meanwhile without sharing the cores,
/// and a letter typed on within it is searched instead.
const SETTLE: Duration = Duration::from_millis(40);

struct Request {
    index: Arc<SearchIndex>,
    query: String,
    generation: u64,
}

/// A thread that runs searches and sends back their results.
pub struct SearchThread {
    requests: Sender<Request>,
    /// The newest request of the keys being handled, sent by [`SearchThread::flush`].
    wanted: Option<Request>,
    /// The newest query's number, which a running search compares its own with.
    latest: Arc<AtomicU64>,
    /// The newest query, folded: a pair's strings are still found while it extends the pair.
    latest_query: Arc<Mutex<String>>,
}

impl SearchThread {
    /// Starts the thread; `None` if the system will not start one (the app then searches
    /// within the keystroke).
    pub fn start(bus: Bus) -> Option<SearchThread> {
        let (requests, inbox) = channel::<Request>();
        let latest = Arc::new(AtomicU64::new(0));
        let newest = Arc::clone(&latest);
        let latest_query = Arc::new(Mutex::new(String::new()));
        let newest_query = Arc::clone(&latest_query);
        std::thread::Builder::new()
            .name("search".into())
            .spawn(move || {
                // The results of the queries on the way to this one, to search within (a
                // letter typed at the end) or to answer from (a backspace).
                let mut trail = Trail::default();
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
                    let Some(results) = trail.search(&request.index, &request.query, &current) else {
                        continue;
                    };
                    let unfinished = request.index.unfinished(&results);
                    let query = results.query.clone();
                    if bus.send(Message::SearchDone { generation: request.generation, results }).is_err() {
                        return;
                    }
                    // A count from the tallies is shown: the matching strings are found soon
                    // after, for `n` and the lists, unless a newer query comes first. A pair's
                    // search goes on while the newest query extends it: the letter typed on is
                    // then searched within its hits, which takes less than a search afresh.
                    let Some(unfinished) = unfinished else { continue };
                    match inbox.recv_timeout(SETTLE) {
                        Ok(newer) => next = Some(newer),
                        Err(RecvTimeoutError::Timeout) => {
                            let extends = || {
                                current() || newest_query.lock().is_ok_and(|newest| newest.starts_with(query.as_str()))
                            };
                            match unfinished {
                                Unfinished::Strings => trail.complete(&request.index, &current),
                                Unfinished::Places => trail.complete(&request.index, &extends),
                            };
                        }
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
            })
            .ok()?;
        Some(SearchThread { requests, wanted: None, latest, latest_query })
    }

    /// Asks for a search of `query` in `index`, the query numbered `generation`: any older
    /// search still running gives up now, and this one starts at the next
    /// [`SearchThread::flush`] unless a newer request replaces it first.
    pub fn request(&mut self, index: &Arc<SearchIndex>, query: String, generation: u64) {
        self.latest.store(generation, Ordering::Relaxed);
        if let Ok(mut latest) = self.latest_query.lock() {
            *latest = fold(&query);
        }
        self.wanted = Some(Request { index: Arc::clone(index), query, generation });
    }

    /// Starts the search last asked for, if any: the loop calls this once it has handled the
    /// keys that came together (the letters of a paste), before it draws.
    pub fn flush(&mut self) {
        if let Some(request) = self.wanted.take() {
            let _ = self.requests.send(request);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::SearchResults;
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
        let (index, mut thread, inbox) = searcher();
        thread.request(&index, "zhangbei".into(), 1);
        thread.flush();
        thread.request(&index, "amazon".into(), 2);
        thread.flush();
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
    fn requests_made_before_a_flush_are_searched_once_as_the_last() {
        let (index, mut thread, inbox) = searcher();
        for (generation, query) in ["c", "cl", "clo", "clou", "cloud"].into_iter().enumerate() {
            thread.request(&index, query.into(), generation as u64 + 1);
        }
        assert!(inbox.recv_timeout(Duration::from_millis(200)).is_err(), "searched before the flush");
        thread.flush();
        let (generation, results) = next_answer(&inbox);
        assert_eq!((generation, &results), (5, &index.search("cloud")));
        assert!(inbox.recv_timeout(Duration::from_millis(200)).is_err(), "searched more than once");
    }

    #[test]
    fn a_backspace_is_answered_with_the_results_of_the_shorter_query() {
        let (index, mut thread, inbox) = searcher();
        for (generation, query) in ["clo", "clou", "clo"].into_iter().enumerate() {
            thread.request(&index, query.into(), generation as u64 + 1);
            thread.flush();
            let (answered, results) = next_answer(&inbox);
            assert_eq!((answered, results), (generation as u64 + 1, index.search(query)), "{query}");
        }
    }

    #[test]
    fn the_strings_of_a_count_from_the_tallies_come_after_it() {
        // A letter's strings are counted one by one, a pair's found by a whole search; the
        // screen's copy of the results shares the list: it comes without asking.
        let (index, mut thread, inbox) = searcher();
        for (generation, query) in [(1, "e"), (2, "cl")] {
            thread.request(&index, query.into(), generation);
            thread.flush();
            let (answered, results) = next_answer(&inbox);
            assert!(answered == generation && results.tallied && results.hit_count > 0, "{query}");
            let deadline = std::time::Instant::now() + Duration::from_secs(10);
            while !results.matches_counted() {
                assert!(std::time::Instant::now() < deadline, "{query}: the strings never came");
                std::thread::sleep(Duration::from_millis(5));
            }
            assert_eq!(results.matches(), index.search_whole(query, &|| true).unwrap().matches(), "{query}");
        }
    }
}
