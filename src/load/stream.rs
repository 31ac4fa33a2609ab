//! Loading a large file as it is read: a block at a time from disk, cut into chunks of whole
//! records ([`Splitter`]) that worker threads parse and read while the next ones are read. The
//! file is never in memory whole, so the peak is the records, not the records and the file.
//!
//! This is only the fast path for a file without problems. Diagnostics need the whole text
//! (for line and column, and so that they are exactly those of the file read whole): at the
//! first sign of one — a syntax error, a chunk that cannot stand alone, invalid UTF-8, any
//! problem found — the caller loads the file again, whole.

use std::io::Read;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::time::Duration;

use super::parallel::{Shared, Text, Work, read_chunks};
use super::records::ChunkRead;
use super::split::{Chunk, Splitter};
use crate::load::Progress;

/// Reads `path` in blocks of `block` bytes and reads its records in chunks of about `target`
/// bytes on `threads` threads; `None` when the file must be read whole instead (see above).
pub(crate) fn read_records(
    path: &Path,
    target: usize,
    block: usize,
    threads: usize,
    progress: &Progress,
) -> Option<Vec<ChunkRead>> {
    let file = std::fs::File::open(path).ok()?;
    let threads = threads.max(1);
    // A few chunks wait at most: reading stays just ahead of parsing.
    let (sender, receiver) = sync_channel::<Work<'static>>(threads);
    let receiver: Mutex<Receiver<Work<'static>>> = Mutex::new(receiver);
    let next = || receiver.lock().unwrap_or_else(|e| e.into_inner()).recv().ok();
    read_chunks(threads, progress, next, move |shared| produce(file, target, block, &sender, shared, progress))
}

/// The reading side: blocks from `file`, whole chunks to `sender`. `false` when reading
/// failed or the workers gave up (as they do on a chunk that is not UTF-8).
fn produce(
    mut file: std::fs::File,
    target: usize,
    block: usize,
    sender: &SyncSender<Work<'static>>,
    shared: &Shared,
    progress: &Progress,
) -> bool {
    let mut splitter = Splitter::new(target);
    // The file from byte `base` on, up to what has been read. A complete chunk leaves with the
    // buffer itself (what follows it is moved to a new one), not copied; the thread that
    // parses it checks that it is UTF-8.
    let capacity = target + block;
    let mut pending: Vec<u8> = Vec::with_capacity(capacity);
    let mut base = 0;
    let mut numbers = [0; 5];
    let mut index = 0;
    let mut send = |chunk: Chunk, bytes: Vec<u8>| -> bool {
        let work = Work { index, chunk, text: Text::Bytes(bytes), numbers };
        for (n, headers) in numbers.iter_mut().zip(work.chunk.headers) {
            *n += headers;
        }
        index += 1;
        hand_over(sender, work, shared)
    };
    loop {
        if shared.gave_up() {
            return false;
        }
        // Read into the spare room, which need not be zeroed first.
        pending.reserve(block);
        let Ok(read) = (&mut file).take(block as u64).read_to_end(&mut pending) else { return false };
        progress.read.fetch_add(read as u64, Ordering::Relaxed);
        // A file that grew past the limit while it was read: read whole, the limit applies.
        if (base + pending.len()) as u64 > super::MAX_FILE_BYTES {
            return false;
        }
        let last = read == 0;
        for chunk in splitter.feed(&pending, base, last) {
            let len = chunk.end - base;
            let mut rest = Vec::with_capacity(capacity.max(pending.len() - len + block));
            rest.extend_from_slice(&pending[len..]);
            let mut bytes = std::mem::replace(&mut pending, rest);
            bytes.truncate(len);
            base = chunk.end;
            if !send(chunk, bytes) {
                return false;
            }
        }
        if last {
            let chunk = splitter.finish(base + pending.len());
            return send(chunk, pending);
        }
    }
}

/// Hands a chunk to the workers, waiting while they are busy; `false` if they all stopped.
fn hand_over(sender: &SyncSender<Work<'static>>, mut work: Work<'static>, shared: &Shared) -> bool {
    loop {
        match sender.try_send(work) {
            Ok(()) => return true,
            Err(TrySendError::Full(back)) => {
                if shared.gave_up() || shared.alive.load(Ordering::Relaxed) == 0 {
                    return false;
                }
                work = back;
                std::thread::sleep(Duration::from_micros(200));
            }
            Err(TrySendError::Disconnected(_)) => return false,
        }
    }
}
