//! Reading chunks of a file on several threads, and splitting other work into parts.
//!
//! [`read_chunks`] parses and reads chunks as a producer hands them out: all of them from a
//! file already in memory, or one at a time as a file is read ([`super::stream`]). It gives up
//! — and the caller parses the file whole — when the chunks cannot stand for the file.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::plain_tree;
use super::records::{self, ChunkRead};
use super::split::{self, Chunk};
use crate::load::Progress;

/// One chunk to parse and read: its place in the file, its text, and how many tables of each
/// kind come before it.
pub(crate) struct Work<'t> {
    pub index: usize,
    pub chunk: Chunk,
    pub text: Text<'t>,
    pub numbers: [usize; 5],
}

/// A chunk's text: part of a text in memory, or bytes read from the file, checked to be UTF-8
/// by the thread that parses them (with `simdutf8`, several times faster than `std` on text
/// with accents).
pub(crate) enum Text<'t> {
    Str(&'t str),
    Bytes(Vec<u8>),
}

/// What the threads of [`read_chunks`] share.
pub(crate) struct Shared {
    /// Set when the chunks cannot stand for the file; everyone stops soon after.
    pub give_up: AtomicBool,
    /// Worker threads still running.
    pub alive: AtomicUsize,
}

impl Shared {
    pub fn gave_up(&self) -> bool {
        self.give_up.load(Ordering::Relaxed)
    }
}

/// Parses and reads the chunks that `next` hands out, on `threads` threads, while `produce`
/// runs on the calling thread (it feeds `next`, or does nothing when every chunk is ready, and
/// returns `false` if it failed). Returns the reads in file order, or `None` when the chunks
/// cannot stand for the whole file: a syntax error (whose messages must be the whole file's),
/// a chunk whose record count is not the one the split counted, a top-level key that several
/// chunks define other than as arrays of `[[kind]]` tables (TOML may then mean something else,
/// or nothing, when the file is read whole), or a failed producer.
pub(crate) fn read_chunks<'t>(
    threads: usize,
    progress: &Progress,
    next: impl Fn() -> Option<Work<'t>> + Sync,
    produce: impl FnOnce(&Shared) -> bool,
) -> Option<Vec<ChunkRead>> {
    let shared = Shared { give_up: AtomicBool::new(false), alive: AtomicUsize::new(threads.max(1)) };
    let reads: Mutex<Vec<(usize, ChunkRead)>> = Mutex::new(Vec::new());
    let work = || {
        /// Counts the worker out however it ends.
        struct Alive<'a>(&'a AtomicUsize);
        impl Drop for Alive<'_> {
            fn drop(&mut self) {
                self.0.fetch_sub(1, Ordering::Relaxed);
            }
        }
        let _alive = Alive(&shared.alive);
        while !shared.gave_up() {
            let Some(Work { index, chunk, text, numbers }) = next() else { break };
            let text = match &text {
                Text::Str(text) => *text,
                // A text in memory was looked at for NUL bytes already (`load_with_progress`);
                // one read as it streams in is looked at here, chunk by chunk.
                Text::Bytes(bytes) => match simdutf8::basic::from_utf8(bytes) {
                    Ok(text) if memchr::memchr(0, bytes).is_none() => text,
                    _ => {
                        // Not UTF-8, or binary data: the file read whole says where.
                        shared.give_up.store(true, Ordering::Relaxed);
                        break;
                    }
                },
            };
            // Plain records get their tree built as they are parsed; the rest go to toml.
            let root = match plain_tree::parse(text) {
                Some(root) => root,
                None => {
                    if super::dense::too_dense(text).is_some() {
                        // The whole file, read again, says so.
                        shared.give_up.store(true, Ordering::Relaxed);
                        break;
                    }
                    let (root, syntax_errors) = toml::de::DeTable::parse_recoverable(text);
                    if !syntax_errors.is_empty() {
                        shared.give_up.store(true, Ordering::Relaxed);
                        break;
                    }
                    root.into_inner()
                }
            };
            let read = records::read_chunk(text, &chunk, &root, numbers);
            drop(root);
            if read.tables != chunk.headers {
                shared.give_up.store(true, Ordering::Relaxed);
                break;
            }
            reads.lock().unwrap_or_else(|e| e.into_inner()).push((index, read));
            progress.parsed.fetch_add((chunk.end - chunk.start) as u64, Ordering::Relaxed);
        }
    };
    let produced = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.max(1))
            .map(|_| std::thread::Builder::new().stack_size(16 << 20).spawn_scoped(scope, work))
            .collect();
        let started = workers.iter().filter(|w| w.is_ok()).count();
        shared.alive.fetch_sub(threads.max(1) - started, Ordering::Relaxed);
        let produced = produce(&shared);
        // Should no thread start, read here.
        if started == 0 {
            shared.alive.fetch_add(1, Ordering::Relaxed);
            work();
        }
        for worker in workers.into_iter().flatten() {
            if worker.join().is_err() {
                shared.give_up.store(true, Ordering::Relaxed);
            }
        }
        produced
    });
    if !produced || shared.gave_up() {
        return None;
    }
    let mut reads = reads.into_inner().ok()?;
    reads.sort_unstable_by_key(|(index, _)| *index);
    if reads.iter().enumerate().any(|(i, (index, _))| i != *index) {
        return None;
    }
    let reads: Vec<ChunkRead> = reads.into_iter().map(|(_, read)| read).collect();
    // Keys that several chunks define: only `[[kind]]` arrays of tables may be shared.
    let mut keys: std::collections::HashMap<&str, (usize, bool)> = std::collections::HashMap::new();
    for read in &reads {
        for (key, header_array) in &read.keys {
            let entry = keys.entry(key.as_str()).or_insert((0, true));
            entry.0 += 1;
            entry.1 &= *header_array && split::KINDS.contains(&key.as_str());
        }
    }
    if keys.values().any(|&(count, shareable)| count > 1 && !shareable) {
        return None;
    }
    Some(reads)
}

/// [`read_chunks`] over a text in memory, cut into chunks of about `target` bytes by the calling
/// thread while the workers parse the chunks already cut (cutting a large text takes as long
/// as parsing a few chunks).
pub(crate) fn read_text_chunks(
    text: &str,
    target: usize,
    threads: usize,
    progress: &Progress,
) -> Option<Vec<ChunkRead>> {
    // Chunks are slices of the text: none is copied, so any number may wait.
    let (sender, receiver) = std::sync::mpsc::channel::<Work<'_>>();
    let receiver = Mutex::new(receiver);
    let next = || receiver.lock().unwrap_or_else(|e| e.into_inner()).recv().ok();
    read_chunks(threads, progress, next, move |shared| {
        let bytes = text.as_bytes();
        let mut splitter = split::Splitter::new(target);
        let (mut index, mut numbers, mut base, mut fed) = (0, [0; 5], 0, 0);
        let mut send = |chunk: Chunk| {
            let work = Work { index, text: Text::Str(&text[chunk.start..chunk.end]), numbers, chunk };
            for (n, headers) in numbers.iter_mut().zip(work.chunk.headers) {
                *n += headers;
            }
            index += 1;
            sender.send(work).is_ok()
        };
        loop {
            if shared.gave_up() {
                return false;
            }
            fed = (fed + CUT_BLOCK).min(bytes.len());
            let last = fed == bytes.len();
            for chunk in splitter.feed(&bytes[base..fed], base, last) {
                base = chunk.end;
                if !send(chunk) {
                    return false;
                }
            }
            if last {
                return send(splitter.finish(bytes.len()));
            }
        }
    })
}

/// How much of a text in memory is cut into chunks at a time.
const CUT_BLOCK: usize = 256 << 10;

/// `f` applied to `threads` consecutive parts of `items`, on that many threads; the results
/// in order. One thread (or one item) runs on the calling thread.
pub(crate) fn in_parts<T: Send, R: Send>(mut items: Vec<T>, threads: usize, f: impl Fn(Vec<T>) -> R + Sync) -> Vec<R> {
    if threads <= 1 || items.len() < 2 {
        return vec![f(items)];
    }
    let size = items.len().div_ceil(threads);
    let mut parts = Vec::with_capacity(threads);
    while items.len() > size {
        let rest = items.split_off(size);
        parts.push(std::mem::replace(&mut items, rest));
    }
    parts.push(items);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| std::thread::Builder::new().stack_size(16 << 20).spawn_scoped(scope, move || f(part)))
            .collect();
        handles
            .into_iter()
            .map(|handle| match handle {
                Ok(handle) => handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                Err(error) => panic!("cannot start a loading thread: {error}"),
            })
            .collect()
    })
}

/// `f(index, item)` for each of `items`, handed out one at a time to `threads` threads, so
/// that they finish together however much each item costs; the results in the order of the
/// items. The calling thread only waits (unless no thread starts): what it allocated would go
/// to the main heap, which gave its memory back less readily (at a million events the peak of
/// a load was 60 MB higher).
pub(crate) fn in_turn<T: Send, R: Send>(items: Vec<T>, threads: usize, f: impl Fn(usize, T) -> R + Sync) -> Vec<R> {
    if threads <= 1 || items.len() < 2 {
        return items.into_iter().enumerate().map(|(i, item)| f(i, item)).collect();
    }
    let count = items.len();
    let items: Vec<Mutex<Option<T>>> = items.into_iter().map(|item| Mutex::new(Some(item))).collect();
    let results: Vec<Mutex<Option<R>>> = (0..count).map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let work = || {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            let item = item.lock().unwrap_or_else(|e| e.into_inner()).take().expect("each item is taken once");
            let result = f(i, item);
            *results[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
        }
    };
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (0..threads.min(count))
            .filter_map(|_| std::thread::Builder::new().stack_size(16 << 20).spawn_scoped(scope, work).ok())
            .collect();
        if helpers.is_empty() {
            work();
        }
        for helper in helpers {
            if let Err(panic) = helper.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
    results
        .into_iter()
        .map(|result| result.into_inner().unwrap_or_else(|e| e.into_inner()).expect("every item is done"))
        .collect()
}

/// `f` applied to `threads` consecutive parts of `items` in place, on that many threads (the
/// calling thread is one of them).
pub(crate) fn in_place_parts<T: Send>(items: &mut [T], threads: usize, f: impl Fn(&mut [T]) + Sync) {
    if threads <= 1 || items.len() < 2 {
        return f(items);
    }
    let size = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let mut parts = items.chunks_mut(size);
        let first = parts.next();
        let helpers: Vec<_> = parts
            .map(|part| std::thread::Builder::new().stack_size(16 << 20).spawn_scoped(scope, move || f(part)))
            .collect();
        first.map(f);
        for helper in helpers {
            match helper {
                Ok(helper) => helper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                Err(error) => panic!("cannot start a loading thread: {error}"),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_handed_out_in_turn_are_each_done_once_and_come_back_in_order() {
        for threads in [0, 1, 2, 3, 8] {
            for count in [0, 1, 2, 7, 100] {
                let done = AtomicUsize::new(0);
                let results = in_turn((0..count).collect(), threads, |i, item: usize| {
                    assert_eq!(i, item);
                    done.fetch_add(1, Ordering::Relaxed);
                    // Items of unequal cost, so that threads take them out of step.
                    std::thread::sleep(std::time::Duration::from_micros((item % 5) as u64 * 50));
                    item * 10
                });
                assert_eq!(results, (0..count).map(|i| i * 10).collect::<Vec<_>>(), "{threads} threads, {count} items");
                assert_eq!(done.load(Ordering::Relaxed), count);
            }
        }
    }

    #[test]
    fn parts_in_place_cover_every_item_once_in_consecutive_runs() {
        for threads in [0, 1, 2, 3, 8] {
            for count in [0, 1, 2, 7, 100] {
                let mut items: Vec<(usize, usize)> = (0..count).map(|i| (i, 0)).collect();
                in_place_parts(&mut items, threads, |part| {
                    let first = part.first().map_or(0, |&(i, _)| i);
                    for (k, item) in part.iter_mut().enumerate() {
                        assert_eq!(item.0, first + k, "a part is consecutive");
                        item.1 += 1;
                    }
                });
                assert!(items.iter().all(|&(_, visits)| visits == 1), "{threads} threads, {count} items");
            }
        }
    }
}
