//! The `events` array of the JSON export, nearly all of a large one. A large array is made in
//! batches on two threads, written in order by this one. Both threads take the next batch to
//! make from one counter; this thread also writes, so it makes a batch only while the one it
//! must write next is still being made by the helper, and at most `AHEAD` batches ahead of
//! it. Writing to the file costs about as much as making, so this balances itself whatever
//! the machine: the helper makes more batches when writing is slow. The bytes are the same
//! whichever thread makes them (`fast::event` depends on the event and the dataset only), and
//! the same as one thread makes.

use std::collections::VecDeque;
use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, TryRecvError, sync_channel};

use super::{Document, before_item, fast};
use crate::model::{Dataset, Event};

/// Events in a batch: about 700 KB of JSON.
const BATCH: usize = 512;

/// Below this many events one thread does it all: a helper would not pay for itself.
const ALONE_BELOW: usize = 4 * BATCH;

/// How many events ahead of the one being written their strings are touched (`fast::touch`),
/// so that they are in the cache when their turn comes.
const TOUCH_AHEAD: usize = 4;

/// How far past the batch to write next this thread makes batches of its own; the helper
/// hands over at most as many, so that no more than about `2 * AHEAD + 2` batches are held.
const AHEAD: usize = 4;

/// Batches go to the writer in pieces this large, which a 64 KiB buffered writer passes on
/// without copying them.
const PIECE: usize = 64 * 1024;

/// The batches to make, handed out in order to whichever thread asks.
struct Counter {
    next: AtomicUsize,
}

impl Counter {
    /// The next batch, if it is below `end`.
    fn take_below(&self, end: usize) -> Option<usize> {
        self.next.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| (n < end).then_some(n + 1)).ok()
    }

    /// Whether batch `n` has been taken by a thread.
    fn taken(&self, n: usize) -> bool {
        n < self.next.load(Ordering::Relaxed)
    }
}

impl Document<'_> {
    /// `,\n  "events": [ … ]`, each event at four spaces.
    pub(super) fn events(&mut self, dataset: &Dataset, events: &[&Event]) -> io::Result<()> {
        self.open_array("events");
        if events.len() < ALONE_BELOW {
            for start in (0..events.len()).step_by(BATCH) {
                make(&mut self.buffer, dataset, events, start);
                self.flush()?;
            }
        } else {
            self.flush()?;
            let batches = Batches { dataset, events, count: events.len().div_ceil(BATCH) };
            let counter = Counter { next: AtomicUsize::new(0) };
            // The helper's batches, in the order it made them; their buffers come back to it
            // through `spare` once written.
            let (made, arrive) = sync_channel::<(usize, Vec<u8>)>(AHEAD);
            let (spare, reuse) = sync_channel::<Vec<u8>>(AHEAD);
            std::thread::scope(|scope| {
                let (batches, counter) = (&batches, &counter);
                scope.spawn(move || batches.helper(counter, &made, &reuse));
                // `arrive` is moved in and dropped when this returns, early or not, so that
                // a helper waiting to hand over a batch stops and the scope can end.
                self.write_in_turn(batches, counter, arrive, &spare)
            })?;
        }
        self.close_array(events.is_empty());
        Ok(())
    }

    /// Writes every batch in order: made here if no thread has taken it yet, else received
    /// from the helper, making later batches meanwhile while the helper is not done with it.
    fn write_in_turn(
        &mut self,
        batches: &Batches<'_>,
        counter: &Counter,
        arrive: Receiver<(usize, Vec<u8>)>,
        spare: &SyncSender<Vec<u8>>,
    ) -> io::Result<()> {
        let stopped = || io::Error::other("the JSON export's helper thread stopped");
        // Batches made here, in order, not written yet; and buffers to make them in.
        let mut mine: VecDeque<(usize, Vec<u8>)> = VecDeque::new();
        let mut free: Vec<Vec<u8>> = Vec::new();
        for want in 0..batches.count {
            let (buffer, from_helper) = loop {
                if mine.front().is_some_and(|(n, _)| *n == want) {
                    break (mine.pop_front().map(|(_, buffer)| buffer).unwrap_or_default(), false);
                }
                // Taken and not made here: the helper's next batch.
                if counter.taken(want) {
                    match arrive.try_recv() {
                        Ok((n, buffer)) if n == want => break (buffer, true),
                        Ok(_) | Err(TryRecvError::Disconnected) => return Err(stopped()),
                        Err(TryRecvError::Empty) => {}
                    }
                }
                if let Some(n) = counter.take_below((want + AHEAD).min(batches.count)) {
                    let mut buffer = free.pop().unwrap_or_default();
                    buffer.clear();
                    batches.make(&mut buffer, n);
                    mine.push_back((n, buffer));
                    continue;
                }
                match arrive.recv() {
                    Ok((n, buffer)) if n == want => break (buffer, true),
                    _ => return Err(stopped()),
                }
            };
            for piece in buffer.chunks(PIECE) {
                self.out.write_all(piece)?;
            }
            if from_helper {
                if let Err(std::sync::mpsc::TrySendError::Full(buffer)) = spare.try_send(buffer) {
                    free.push(buffer);
                }
            } else {
                free.push(buffer);
            }
        }
        Ok(())
    }
}

/// The batches of a large events array.
struct Batches<'a> {
    dataset: &'a Dataset,
    events: &'a [&'a Event],
    count: usize,
}

impl Batches<'_> {
    /// Appends batch `n` to `out`.
    fn make(&self, out: &mut Vec<u8>, n: usize) {
        make(out, self.dataset, self.events, n * BATCH);
    }

    /// The helper's part: the next batch no thread has taken, again and again, each handed
    /// over with its number in a buffer of its own.
    fn helper(&self, counter: &Counter, made: &SyncSender<(usize, Vec<u8>)>, reuse: &Receiver<Vec<u8>>) {
        while let Some(n) = counter.take_below(self.count) {
            let mut buffer = reuse.try_recv().unwrap_or_default();
            buffer.clear();
            self.make(&mut buffer, n);
            if made.send((n, buffer)).is_err() {
                return; // the writing side stopped (a write failed)
            }
        }
    }
}

/// Appends the batch of events from `start` on, each after its separator.
fn make(out: &mut Vec<u8>, dataset: &Dataset, events: &[&Event], start: usize) {
    let end = (start + BATCH).min(events.len());
    for i in start..end {
        if let Some(ahead) = events.get(i + TOUCH_AHEAD) {
            std::hint::black_box(fast::touch(dataset, ahead));
        }
        before_item(out, i == 0);
        fast::event(out, 6, dataset, events[i]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The array made by one thread, event after event, as the reference.
    fn one_by_one(dataset: &Dataset, events: &[&Event]) -> Vec<u8> {
        let mut out = b",\n  \"events\": [".to_vec();
        for (i, e) in events.iter().enumerate() {
            out.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
            fast::event(&mut out, 6, dataset, e);
        }
        out.extend_from_slice(if events.is_empty() { b"]" } else { b"\n  ]" });
        out
    }

    fn made(dataset: &Dataset, events: &[&Event], out: &mut dyn io::Write) -> io::Result<()> {
        let mut doc = Document { out, buffer: Vec::new(), alone: Vec::new() };
        doc.events(dataset, events)?;
        doc.flush()
    }

    #[test]
    fn two_threads_write_the_bytes_one_thread_writes() {
        let dataset = crate::load::bundled().unwrap();
        let all: Vec<&Event> = dataset.events.iter().collect();
        // Enough events for the helper (the bundled ones again and again), an odd number of
        // batches and a last one that is not full; and a few sizes around the thresholds.
        let many: Vec<&Event> = all.iter().copied().cycle().take(5 * BATCH + 7).collect();
        for n in [0, 1, BATCH, BATCH + 1, ALONE_BELOW - 1, ALONE_BELOW, ALONE_BELOW + BATCH, many.len()] {
            let events = &many[..n];
            let mut out = Vec::new();
            made(&dataset, events, &mut out).unwrap();
            assert!(out == one_by_one(&dataset, events), "{n} events: the bytes differ");
        }
    }

    /// A writer that takes its time, so that the helper makes most batches.
    struct Slow(Vec<u8>);

    impl io::Write for Slow {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            std::thread::sleep(std::time::Duration::from_millis(1));
            self.0.write(buf)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_slow_writer_gets_the_same_bytes() {
        let dataset = crate::load::bundled().unwrap();
        let many: Vec<&Event> = dataset.events.iter().cycle().take(11 * BATCH + 3).collect();
        let mut slow = Slow(Vec::new());
        made(&dataset, &many, &mut slow).unwrap();
        assert!(slow.0 == one_by_one(&dataset, &many), "the bytes differ");
    }

    /// A writer that fails after `left` bytes.
    struct FailsAfter {
        left: usize,
    }

    impl io::Write for FailsAfter {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.left < buf.len() {
                return Err(io::Error::other("disk full"));
            }
            self.left -= buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failed_write_stops_both_threads_with_its_error() {
        let dataset = crate::load::bundled().unwrap();
        let many: Vec<&Event> = dataset.events.iter().cycle().take(9 * BATCH).collect();
        for left in [0, 10_000, 2_000_000] {
            let error = made(&dataset, &many, &mut FailsAfter { left }).unwrap_err();
            assert_eq!(error.to_string(), "disk full", "failing after {left} bytes");
        }
    }
}
