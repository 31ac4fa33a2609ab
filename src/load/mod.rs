//! TOML → validated model, with a diagnostic (file, line, column, what and what was expected)
//! for every problem found, not only the first.
//!
//! The file is parsed into toml's spanned tree (`DeTable`), in chunks of whole records when it
//! is large (see [`load_str`]), then each record is read field by field; references and quotes
//! are resolved once every record is read. Nothing here writes to the file.

mod dense;
mod diagnostic;
mod encoding;
mod events;
mod facts;
mod fields;
mod ids;
mod include;
mod memory;
mod names;
mod parallel;
mod paths;
mod plain_tree;
mod progress;
mod quote_hint;
mod quotes;
mod read;
mod records;
mod split;
mod stream;
mod text_file;
mod warnings;

use std::path::Path;

pub use diagnostic::{Diagnostic, Diagnostics, LineIndex, MAX_LISTED, MAX_QUOTED_CHARS, clip, position};
pub use fields::{MAX_STRING_BYTES, did_you_mean};
pub use paths::{Options, set_allow_outside_dataset};
pub use progress::{Progress, Stage};
pub use warnings::{warnings, warnings_placed};

use crate::model::Dataset;
use diagnostic::Collector;
pub use diagnostic::file_error;
pub use read::{FIFO_WAIT, check_regular_file, read_text};

/// The hash maps of a load keyed by ids and names from the file: hashed with foldhash rather
/// than SipHash (a million ids and three million references are hashed at a million events).
type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
/// A set with the same hasher as [`Map`].
type Set<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

pub(crate) use encoding::wide_text;
pub(crate) use include::named_files;
pub(crate) use parallel::in_parts;

/// The largest dataset file annals opens: 2 GiB.
pub const MAX_FILE_BYTES: u64 = 2 << 30;

/// The bundled Alibaba Cloud dataset, embedded in the binary.
pub const BUNDLED_TEXT: &str = include_str!("../../data/alibaba-cloud.toml");
/// The name the bundled dataset goes by in messages.
pub const BUNDLED_NAME: &str = "data/alibaba-cloud.toml";

/// Loads the bundled dataset. It is checked by the test suite, so this cannot fail in a
/// released build; if it somehow did, the diagnostics are returned like any other.
pub fn bundled() -> Result<Dataset, Diagnostics> {
    load_str(BUNDLED_NAME, BUNDLED_TEXT)
}

/// Reads and validates a dataset file.
pub fn load_path(path: &Path) -> Result<Dataset, Diagnostics> {
    load_path_with_progress(path, &Progress::default())
}

/// [`load_path`], reporting bytes read and parsed to `progress` (for a progress screen).
pub fn load_path_with_progress(path: &Path, progress: &Progress) -> Result<Dataset, Diagnostics> {
    load_path_limited(path, MAX_FILE_BYTES, progress)
}

/// [`load_path_with_progress`], reading at most `limit` bytes of a file that is not a regular
/// one (a pipe, a device): for tests, which cannot read 2 GiB of `/dev/zero` to see it refused.
#[doc(hidden)]
pub fn load_path_limited(path: &Path, limit: u64, progress: &Progress) -> Result<Dataset, Diagnostics> {
    load_path_in(path, limit, progress, &Options::default())
}

/// [`load_path`] with what it may read besides the file said by `options`.
pub fn load_path_with_options(path: &Path, options: &Options) -> Result<Dataset, Diagnostics> {
    load_path_in(path, options.max_file_bytes, &Progress::default(), options)
}

fn load_path_in(path: &Path, limit: u64, progress: &Progress, options: &Options) -> Result<Dataset, Diagnostics> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| {
        file_error(&name, format!("cannot open: {} (expected a path to a TOML dataset file)", io_reason(&e)))
    })?;
    if meta.is_dir() {
        return Err(file_error(&name, "is a directory (expected a TOML dataset file)"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(file_error(
            &name,
            format!("is too large: {} bytes (expected at most {MAX_FILE_BYTES} bytes, 2 GiB)", meta.len()),
        ));
    }
    if meta.is_file()
        && let Some(dataset) = load_streaming(path, meta.len(), Chunking::Auto, progress)
    {
        return Ok(dataset);
    }
    // Small, or with problems to report: read whole, so that every diagnostic has its place.
    progress.read.store(0, std::sync::atomic::Ordering::Relaxed);
    progress.parsed.store(0, std::sync::atomic::Ordering::Relaxed);
    progress.set_stage(crate::load::Stage::Reading);
    progress.total.store(meta.len(), std::sync::atomic::Ordering::Relaxed);
    let cannot_read = |e: &std::io::Error| file_error(&name, format!("cannot read: {}", io_reason(e)));
    let file = read::open(path, &meta, FIFO_WAIT).map_err(|e| cannot_read(&e))?;
    let bytes = match read::read_capped(file, meta.len(), limit, progress) {
        Ok(bytes) => bytes,
        Err(read::Stopped::Failed(e)) => return Err(cannot_read(&e)),
        Err(read::Stopped::TooLarge { limit }) => {
            let gib = if limit == MAX_FILE_BYTES { ", 2 GiB" } else { "" };
            return Err(file_error(
                &name,
                format!(
                    "is too large: reading stopped after {limit} bytes, and it goes on \
                     (expected a TOML dataset file of at most {limit} bytes{gib})"
                ),
            ));
        }
    };
    progress.set_stage(crate::load::Stage::Parsing);
    let place = Place { dir: paths::folder_of(path), main: std::fs::canonicalize(path).ok(), options: options.clone() };
    match simdutf8::basic::from_utf8(&bytes) {
        Ok(text) => load_with_progress(&name, text, Chunking::Auto, progress, Some(&place)),
        Err(_) => load_bytes(&name, &bytes),
    }
}

/// A large file (of `size` bytes) loaded as it is read, if it has no problem at all; `None`
/// when it is small, or must be read whole (see [`stream`]).
fn load_streaming(path: &Path, size: u64, chunking: Chunking, progress: &Progress) -> Option<Dataset> {
    let size = usize::try_from(size).ok()?;
    let (bytes, threads) = chunk_size(size, chunking)?;
    progress.total.store(size as u64, std::sync::atomic::Ordering::Relaxed);
    progress.set_stage(crate::load::Stage::Parsing);
    let block = bytes.clamp(64, 1 << 20);
    let reads = stream::read_records(path, bytes, block, threads, progress)?;
    // Records in other files are read with the file whole, where their problems can be placed.
    if reads.iter().any(|read| read.include.is_some() || !read.text_files.is_empty()) {
        return None;
    }
    resolve(reads, threads).ok()
}

/// [`load_path`] with the file cut as `chunking` says and read as it streams in, for tests
/// that compare it with loading the file whole.
#[doc(hidden)]
pub fn load_path_with(path: &Path, chunking: Chunking) -> Result<Dataset, Diagnostics> {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    match load_streaming(path, size, chunking, &Progress::default()) {
        Some(dataset) => Ok(dataset),
        None => load_path(path),
    }
}

/// Chunk size and threads for a file of `len` bytes; `None` to parse it whole.
fn chunk_size(len: usize, chunking: Chunking) -> Option<(usize, usize)> {
    match chunking {
        Chunking::Whole => None,
        Chunking::Auto if len < CHUNKED_FROM_BYTES => None,
        // A few chunks per thread, so that threads finish together; small enough that the
        // trees being parsed at once stay small.
        Chunking::Auto => {
            let threads = threads(len);
            Some(((len / (threads * 8)).clamp(64 << 10, 1 << 20), threads))
        }
        Chunking::Chunks { bytes, threads } => Some((bytes, threads.max(1))),
    }
}

fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => error.to_string(),
    }
}

/// Validates dataset bytes; `name` is used in messages.
pub fn load_bytes(name: &str, bytes: &[u8]) -> Result<Dataset, Diagnostics> {
    match std::str::from_utf8(bytes) {
        Ok(text) => load_str(name, text),
        Err(_) if let Some(message) = encoding::wide_text(bytes) => Err(file_error(name, message)),
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let (line, column) = position(valid, valid.len());
            Err(Diagnostics(vec![Diagnostic {
                file: name.to_string(),
                line,
                column,
                message: format!(
                    "the file is not valid UTF-8 (byte 0x{:02X} at offset {}; expected UTF-8 text)",
                    bytes[e.valid_up_to()],
                    e.valid_up_to()
                ),
            }]))
        }
    }
}

/// A TOML parser message in the loader's form: "TOML syntax error: what (expected …)", naming
/// the key of a duplicate key.
fn syntax_message(text: &str, message: &str, span: std::ops::Range<usize>) -> String {
    let message = message.trim().replace('\n', "; ");
    let (what, expected) = match message.split_once(", expected ") {
        Some((what, expected)) => (what.to_string(), Some(expected.to_string())),
        None => (message, None),
    };
    if what == "duplicate key" {
        let key = text.get(span).unwrap_or_default().trim();
        let key = clip(key.trim_matches(|c| c == '"' || c == '\''));
        return format!("TOML syntax error: duplicate key \"{key}\" (expected each key once per table)");
    }
    if what == "string values must be quoted" {
        let value = text.get(span.start..).unwrap_or_default();
        if value.starts_with(['“', '”', '„', '‘', '’', '«', '»']) {
            return "TOML syntax error: string values must be quoted, and typographic quotes (“ ” « ») do not \
                    quote them (expected straight double quotes, such as \"text\"; typographic ones may go inside)"
                .to_string();
        }
        return "TOML syntax error: string values must be quoted (expected text in double quotes, such as \"text\")"
            .to_string();
    }
    match expected {
        Some(expected) => format!("TOML syntax error: {what} (expected {expected})"),
        None => format!("TOML syntax error: {what}"),
    }
}

/// Validates dataset text; `name` is used in messages.
///
/// A large file is cut into chunks of whole records ([`split`]), parsed and read on a few
/// threads, a few chunks at a time: the parser's tree of a whole file is several times its
/// size, and most of the time goes into parsing. Only when chunks cannot stand for the file
/// (a syntax error, or a table that several chunks define) is the file parsed whole, so the
/// diagnostics are always those of the whole file, positions included.
pub fn load_str(name: &str, text: &str) -> Result<Dataset, Diagnostics> {
    load_with(name, text, Chunking::Auto)
}

/// How [`load_with`] cuts the file: for tests that compare chunked and whole-file loading.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chunking {
    /// Whole below [`CHUNKED_FROM_BYTES`], chunks of a size set by the file size above.
    Auto,
    /// The file parsed whole, as one chunk.
    Whole,
    /// Chunks of at least this many bytes, on this many threads.
    Chunks { bytes: usize, threads: usize },
}

/// Files smaller than this are parsed whole: chunks would gain nothing measurable.
pub const CHUNKED_FROM_BYTES: usize = 256 << 10;

#[doc(hidden)]
pub fn load_with(name: &str, text: &str, chunking: Chunking) -> Result<Dataset, Diagnostics> {
    load_with_progress(name, text, chunking, &Progress::default(), None)
}

/// Where a dataset read from a file is, for the files it names.
struct Place {
    /// The folder of the main file, as named.
    dir: std::path::PathBuf,
    /// The main file, every link followed.
    main: Option<std::path::PathBuf>,
    options: Options,
}

fn load_with_progress(
    name: &str,
    text: &str,
    chunking: Chunking,
    progress: &Progress,
    place: Option<&Place>,
) -> Result<Dataset, Diagnostics> {
    if let Some(message) = encoding::wide_text(text.as_bytes()) {
        return Err(file_error(name, message));
    }
    if let Some(at) = memchr::memchr(0, text.as_bytes()) {
        // Binary data: TOML allows a NUL nowhere, and parsing megabytes of them only to say so
        // takes seconds.
        let message = "a NUL byte (0x00), which TOML allows nowhere (expected text: inside a string, write it \
                       \\u0000; a file of binary data is not a dataset)";
        return Err(diagnostic::finish(
            name,
            text,
            vec![diagnostic::Found { offset: at, rank: 0, message: message.into() }],
        ));
    }
    if text.trim().is_empty() {
        // White space only, as `str::trim` sees it; but a form feed, a vertical tab or a NEL
        // is a control character, which TOML allows nowhere outside a string.
        let found: Vec<diagnostic::Found> = text
            .char_indices()
            .filter(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            .take(diagnostic::MAX_LISTED + 1)
            .map(|(offset, c)| diagnostic::Found { offset, rank: 0, message: encoding::stray_control(c) })
            .collect();
        if !found.is_empty() {
            return Err(diagnostic::finish(name, text, found));
        }
        return Err(file_error(name, "the file is empty (expected a [dataset] table and [[event]] records)"));
    }
    // Read whole, the references are still resolved on several threads.
    let (reads, threads) = match chunk_size(text.len(), chunking) {
        Some((bytes, threads)) => (parallel::read_text_chunks(text, bytes, threads, progress), threads),
        None => (None, self::threads(text.len())),
    };
    let reads = match reads {
        Some(reads) => reads,
        None => {
            let whole = split::Chunk { start: 0, end: text.len(), line: 1, headers: [0; 5] };
            if let Some(message) = dense::too_dense(text) {
                return Err(file_error(name, message));
            }
            let (root, syntax_errors) = toml::de::DeTable::parse_recoverable(text);
            if !syntax_errors.is_empty() {
                let found = syntax_errors
                    .iter()
                    .take(4 * diagnostic::MAX_LISTED + 1)
                    .map(|error| {
                        let span = error.span().unwrap_or(0..0);
                        let message = syntax_message(text, error.message(), span.clone());
                        diagnostic::Found { offset: span.start, rank: 0, message }
                    })
                    .collect();
                return Err(diagnostic::finish(name, text, found));
            }
            vec![records::read_chunk(text, &whole, root.get_ref(), [0; 5])]
        }
    };
    if reads.iter().all(|read| read.include.is_none() && read.text_files.is_empty()) {
        return resolve(reads, threads).map_err(|found| diagnostic::finish(name, text, found));
    }
    resolve_with_files(name, text, reads, threads, place)
}

/// [`resolve`] for a dataset that names other files: its included files' records are read
/// after its own, and each source's `text_file` into the source.
fn resolve_with_files(
    name: &str,
    text: &str,
    mut reads: Vec<records::ChunkRead>,
    threads: usize,
    place: Option<&Place>,
) -> Result<Dataset, Diagnostics> {
    let default = Options::default();
    let options = place.map_or(&default, |place| &place.options);
    let patterns = reads.iter_mut().find_map(|read| read.include.take());
    let (mut files, included) = match (patterns, place) {
        (Some(patterns), Some(place)) => {
            include::Files::read(&patterns, &place.dir, place.main.as_deref(), text.len(), options)
        }
        (Some(patterns), None) => {
            let mut files = include::Files::default();
            if let Some(first) = patterns.first() {
                files.found.push(diagnostic::Found {
                    offset: first.span().start,
                    rank: 0,
                    message: "[dataset]: include cannot be read: the dataset was not read from a folder (expected \
                              the records in this file)"
                        .to_string(),
                });
            }
            (files, Vec::new())
        }
        (None, _) => Default::default(),
    };
    reads.extend(included);
    let mut found = std::mem::take(&mut files.found);
    let where_of = |offset: usize| files.where_of(name, text, offset);
    let texts = text_file::read_all(&mut reads, place.map(|place| place.dir.as_path()), options, &where_of);
    found.extend(texts.found);
    let resolved = resolve(reads, threads);
    let mut problems = match resolved {
        Ok(mut dataset) if found.is_empty() && files.direct.is_empty() && texts.inside.is_empty() => {
            dataset.files = files.paths.clone();
            dataset.files.extend(texts.read);
            dataset.load_warnings = files
                .placed_warnings(name, text)
                .into_iter()
                .map(|d| crate::model::LoadWarning { file: d.file, line: d.line, column: d.column, message: d.message })
                .collect();
            return Ok(dataset);
        }
        Ok(_) => files.finish(name, text, found),
        Err(more) => {
            found.extend(more);
            files.finish(name, text, found)
        }
    };
    problems.0.extend(texts.inside);
    Err(problems)
}

/// Checks ids across the chunks, resolves references and quotes (on `threads` threads), and
/// builds the dataset, or returns every problem found. Needs no text: problems are found at
/// offsets of the file, which the caller turns into lines and columns.
fn resolve(reads: Vec<records::ChunkRead>, threads: usize) -> Result<Dataset, Vec<diagnostic::Found>> {
    let mut out = Collector::new("");
    let mut merged = records::Merged::new();
    // Room for every record and id up front: growing would copy them (rehash the ids), and
    // touch twice the memory.
    merged.events.reserve_exact(reads.len());
    merged.sources.reserve_exact(reads.iter().map(|read| read.sources.len()).sum());
    merged.source_ids.reserve(reads.iter().map(|read| read.sources.len()).sum());
    merged.event_ids.reserve(reads.iter().map(|read| read.events.len()).sum());
    for read in reads {
        merged.add(&mut out, read);
    }
    let mut dataset = Dataset::default();
    match merged.dataset {
        Some((title, description)) => {
            dataset.title = title.unwrap_or_default();
            dataset.description = description.unwrap_or_default();
        }
        None => {
            out.set_rank(0);
            out.error(0..0, "the file: missing the [dataset] table (expected [dataset] with title and description)");
        }
    }
    dataset.themes = merged.themes;
    dataset.eras = merged.eras;
    dataset.eras.sort_by_key(|era| era.start);
    dataset.sources = merged.sources;
    let mut quotes = quotes::QuoteChecker::new(&dataset.sources, &merged.source_ids);
    let names = &merged.names;
    // The quotes of each chunk's events (group `g` < chunks), then those of the facts.
    let (events, facts) = (&merged.events, &merged.facts);
    let quotes_of = |g: usize| {
        let event_quotes = events.get(g).into_iter().flatten().flat_map(move |event| {
            let figures = event.figures.iter().filter_map(|figure| figure.quote.as_ref());
            event.quotes.iter().chain(figures).map(move |quote| (&names[g], quote))
        });
        let facts_here = if g == events.len() { &facts[..] } else { &[] };
        let claim_quotes = facts_here.iter().flat_map(|(chunk, fact)| {
            fact.claims.iter().filter_map(|claim| claim.quote.as_ref()).map(move |quote| (&names[*chunk], quote))
        });
        event_quotes.chain(claim_quotes)
    };
    quotes.prepare(events.len() + 1, quotes_of, threads);
    let mut found = merged.found;
    found.extend(out.into_found());
    let events = events::resolve_events(
        merged.events,
        &merged.names,
        events::IdsOf { themes: &merged.theme_ids, facts: &merged.fact_ids },
        &quotes,
        threads,
        &mut found,
    );
    let mut out = Collector::new("");
    out.set_rank(split::rank("fact"));
    let facts = facts::resolve_facts(&mut out, merged.facts, &merged.names, &merged.event_ids, &events, &quotes);
    drop(quotes);
    // In a large file, the names and ids of every record (millions of small strings) are
    // freed by another thread while this one goes on, and what the load freed (about as much
    // as it kept) then goes back to the system.
    if events.len() >= memory::FREE_ELSEWHERE_FROM {
        memory::free_in_background((merged.names, merged.event_ids, merged.source_ids, merged.theme_ids));
    }
    dataset.events = events;
    dataset.facts = facts;
    found.extend(out.into_found());
    if found.is_empty() {
        dataset.themes.shrink_to_fit();
        dataset.eras.shrink_to_fit();
        dataset.sources.shrink_to_fit();
        Ok(dataset)
    } else {
        Err(found)
    }
}

/// Threads to load a file of `len` bytes on: one for small files, else one per core (up to 4).
fn threads(len: usize) -> usize {
    if len < CHUNKED_FROM_BYTES {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, |n| n.get()).min(4)
}

#[cfg(test)]
mod tests;
