//! The `events` array of the JSON export, nearly all of a large one. A large array is made in
//! batches on two threads: this one makes the even batches and writes every batch in order,
//! a helper makes the odd ones meanwhile. The bytes are the same whichever thread makes them
//! (`fast::event` depends on the event and the dataset only), and the same as one thread
//! makes.

use std::io;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use super::{Document, before_item, fast};
use crate::model::{Dataset, Event};

/// Events in a batch: about 700 KB of JSON.
const BATCH: usize = 512;

/// Below this many events one thread does it all: a helper would not pay for itself.
const ALONE_BELOW: usize = 4 * BATCH;

/// How many events ahead of the one being written their strings are touched (`fast::touch`),
/// so that they are in the cache when their turn comes.
const TOUCH_AHEAD: usize = 4;

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
            let batches = events.len().div_ceil(BATCH);
            // Made batches wait here for their turn (two at most); their buffers come back
            // to the helper through `spare` once written.
            let (made, arrive) = sync_channel::<Vec<u8>>(2);
            let (spare, reuse) = sync_channel::<Vec<u8>>(3);
            std::thread::scope(|scope| {
                scope.spawn(move || helper(dataset, events, batches, &made, &reuse));
                // `arrive` is moved in and dropped when this returns, early or not, so that
                // a helper waiting to hand over a batch stops and the scope can end.
                self.write_in_turn(dataset, events, batches, arrive, &spare)
            })?;
        }
        self.close_array(events.is_empty());
        Ok(())
    }

    /// Makes the even batches and writes every batch in order, the odd ones as they arrive.
    fn write_in_turn(
        &mut self,
        dataset: &Dataset,
        events: &[&Event],
        batches: usize,
        arrive: Receiver<Vec<u8>>,
        spare: &SyncSender<Vec<u8>>,
    ) -> io::Result<()> {
        for batch in 0..batches {
            if batch % 2 == 0 {
                make(&mut self.buffer, dataset, events, batch * BATCH);
            } else {
                // The buffer is empty here: every batch before was flushed.
                let made = arrive.recv().map_err(|_| io::Error::other("the JSON export's helper thread stopped"))?;
                let written = std::mem::replace(&mut self.buffer, made);
                let _ = spare.try_send(written);
            }
            self.flush()?;
        }
        Ok(())
    }
}

/// The helper's part: the odd batches, in order, each in a buffer of its own.
fn helper(dataset: &Dataset, events: &[&Event], batches: usize, made: &SyncSender<Vec<u8>>, reuse: &Receiver<Vec<u8>>) {
    for batch in (1..batches).step_by(2) {
        let mut buffer = reuse.try_recv().unwrap_or_default();
        buffer.clear();
        make(&mut buffer, dataset, events, batch * BATCH);
        if made.send(buffer).is_err() {
            return; // the writing side stopped (a write failed)
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
