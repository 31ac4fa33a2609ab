//! File-level cases of the loader, through `load_path` and `load_bytes`: files that are not
//! there, not files, empty, not UTF-8 or too large. These problems concern the whole file, so
//! their diagnostics have line 0 and column 0, except invalid UTF-8, which names the first bad
//! byte's line and column.

use std::fs::File;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use annals::load::{self, Diagnostic, Diagnostics, MAX_FILE_BYTES};

/// A fresh directory under the system temp dir, removed (with its content) when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(label: &str) -> TempDir {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let path = std::env::temp_dir().join(format!("annals-test-{label}-{}-{n}-{nanos}", std::process::id()));
        std::fs::create_dir(&path).unwrap_or_else(|e| panic!("cannot create {}: {e}", path.display()));
        TempDir(path)
    }

    fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The single diagnostic of a failed load.
fn only(result: Result<annals::model::Dataset, Diagnostics>, what: &str) -> Diagnostic {
    let diagnostics = match result {
        Ok(dataset) => panic!("{what}: loaded ({}), expected one diagnostic", dataset.summary_line()),
        Err(d) => d.0,
    };
    assert_eq!(diagnostics.len(), 1, "{what}: expected one diagnostic, got {diagnostics:#?}");
    diagnostics.into_iter().next().unwrap_or_else(|| unreachable!())
}

fn whole_file(file: &str, message: &str) -> Diagnostic {
    Diagnostic { file: file.to_string(), line: 0, column: 0, message: message.to_string() }
}

const VALID: &str = "[dataset]\ntitle = \"A title\"\ndescription = \"A description.\"\n";

#[test]
fn a_missing_file_is_reported_without_a_position() {
    let dir = TempDir::new("missing");
    let path = dir.join("no-such-file.toml");
    let name = path.display().to_string();
    let d = only(load::load_path(&path), "missing file");
    assert_eq!(d, whole_file(&name, "cannot open: no such file (expected a path to a TOML dataset file)"));
    assert_eq!(d.to_string(), format!("{name}: cannot open: no such file (expected a path to a TOML dataset file)"));
}

#[test]
fn a_directory_is_not_a_dataset() {
    let dir = TempDir::new("directory");
    let name = dir.0.display().to_string();
    let d = only(load::load_path(&dir.0), "directory");
    assert_eq!(d, whole_file(&name, "is a directory (expected a TOML dataset file)"));
}

#[test]
fn an_empty_or_blank_file_is_reported_as_empty() {
    let empty = "the file is empty (expected a [dataset] table and [[event]] records)";
    let dir = TempDir::new("empty");
    let path = dir.join("empty.toml");
    File::create(&path).unwrap_or_else(|e| panic!("{e}"));
    let name = path.display().to_string();
    assert_eq!(only(load::load_path(&path), "empty file"), whole_file(&name, empty));

    assert_eq!(only(load::load_bytes("empty.toml", b""), "empty bytes"), whole_file("empty.toml", empty));
    for blank in [" ", "\n", "\n\n\t  \r\n", "\u{a0}\u{202f}\n"] {
        let d = only(load::load_bytes("blank.toml", blank.as_bytes()), &format!("blank {blank:?}"));
        assert_eq!(d, whole_file("blank.toml", empty), "blank file {blank:?}");
    }
}

#[test]
fn a_file_of_comments_only_lacks_the_dataset_table() {
    let d = only(load::load_bytes("comments.toml", b"# nothing here\n\n# still nothing\n"), "comments only");
    assert_eq!((d.line, d.column), (1, 1));
    assert_eq!(d.message, "the file: missing the [dataset] table (expected [dataset] with title and description)");
}

/// A file large enough to be read as it streams in, in chunks checked on the parsing threads:
/// a bad byte deep in it, or a character cut by the file's end, is reported as for a small
/// file (the file is then read whole to place it); characters cut by block ends are not.
#[test]
fn a_large_file_with_a_bad_byte_deep_inside_names_its_line_and_column() {
    let dir = TempDir::new("large-utf8");
    let mut text = String::from(
        "[dataset]\ntitle = \"t\"\ndescription = \"d\"\n\n[[theme]]\nid = \"t\"\nlabel = \"T\"\ndescription = \"d\"\n",
    );
    for i in 0..6000 {
        text.push_str(&format!(
            "\n[[event]]\nid = \"e{i}\"\ndate = \"2020\"\ntitle = \"café été 阿里云 {i}\"\nsummary = \"s\"\nthemes = [\"t\"]\n"
        ));
    }
    assert!(text.len() > load::CHUNKED_FROM_BYTES, "{} bytes", text.len());
    // Chunks of 16 KiB read in blocks of as much: many characters are cut by a block's end.
    let streamed = load::Chunking::Chunks { bytes: 16 << 10, threads: 2 };
    let good = dir.join("good.toml");
    std::fs::write(&good, &text).unwrap();
    for chunking in [load::Chunking::Auto, streamed] {
        let dataset = load::load_path_with(&good, chunking).expect("valid UTF-8 with accents and CJK");
        assert_eq!(dataset.events.len(), 6000);
        assert_eq!(dataset.events[5999].title, "café été 阿里云 5999");
    }

    let at = text.find("id = \"e4321\"").unwrap();
    let mut bytes = text.clone().into_bytes();
    bytes[at + 6] = 0xE9; // the "e" of the id, as Latin-1 "é"
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, &bytes).unwrap();
    let line = text[..at].lines().count() + 1;
    for chunking in [load::Chunking::Auto, streamed] {
        let d = only(load::load_path_with(&bad, chunking), "a bad byte deep inside");
        assert_eq!((d.line, d.column), (line, 7), "{}", d.message);
        assert!(d.message.starts_with("the file is not valid UTF-8 (byte 0xE9"), "{}", d.message);
    }

    // The last character cut in two.
    let mut cut = text.into_bytes();
    cut.extend_from_slice("# 阿".as_bytes().split_last().unwrap().1);
    std::fs::write(&bad, &cut).unwrap();
    for chunking in [load::Chunking::Auto, streamed] {
        let d = only(load::load_path_with(&bad, chunking), "a character cut at the end");
        assert!(d.message.starts_with("the file is not valid UTF-8"), "{}", d.message);
    }
}

#[test]
fn invalid_utf8_names_the_line_and_column_of_the_first_bad_byte() {
    // A Latin-1 "é" (0xE9) on line 3, after 18 characters.
    let bytes = b"[dataset]\ntitle = \"ok\"\ndescription = \"caf\xE9\"\n\n# \xFF later bad bytes are not reported\n";
    let d = only(load::load_bytes("latin1.toml", bytes), "latin-1");
    let offset = "[dataset]\ntitle = \"ok\"\ndescription = \"caf".len();
    assert_eq!((d.file.as_str(), d.line, d.column), ("latin1.toml", 3, 19));
    assert_eq!(d.message, format!("the file is not valid UTF-8 (byte 0xE9 at offset {offset}; expected UTF-8 text)"));
    assert_eq!(d.to_string(), format!("latin1.toml:3:19: {}", d.message));

    // Columns count characters, not bytes: three 3-byte characters before the bad byte.
    let d = only(
        load::load_bytes(
            "cjk.toml",
            "[dataset]\ntitle = \"阿里云".as_bytes().iter().chain(b"\x80\"").copied().collect::<Vec<u8>>().as_slice(),
        ),
        "cjk",
    );
    assert_eq!((d.line, d.column), (2, 13));
    assert!(d.message.contains("byte 0x80"), "{}", d.message);

    // A multi-byte sequence cut short at the end of the file: the position of its first byte.
    let mut bytes = "[dataset]\ntitle = \"".as_bytes().to_vec();
    bytes.extend_from_slice(&"云".as_bytes()[..2]);
    let d = only(load::load_bytes("cut.toml", &bytes), "truncated");
    assert_eq!((d.line, d.column), (2, 10));
    assert!(d.message.contains("byte 0xE4"), "{}", d.message);

    // The first byte of the file.
    let d = only(load::load_bytes("first.toml", b"\xFE\xFF[dataset]"), "first byte");
    assert_eq!((d.line, d.column), (1, 1));
    assert!(d.message.contains("byte 0xFE at offset 0"), "{}", d.message);
}

#[test]
fn invalid_utf8_on_disk_gives_the_same_diagnostic_as_bytes() {
    let dir = TempDir::new("utf8");
    let path = dir.join("latin1.toml");
    let bytes = b"[dataset]\ntitle = \"ok\"\ndescription = \"caf\xE9\"\n";
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
    let name = path.display().to_string();
    assert_eq!(load::load_path(&path), load::load_bytes(&name, bytes));
}

#[test]
fn a_file_larger_than_the_limit_is_refused_before_it_is_read() {
    let dir = TempDir::new("large");
    let path = dir.join("huge.toml");
    // Sparse: takes no disk space, and is never read.
    let file = File::create(&path).unwrap_or_else(|e| panic!("{e}"));
    file.set_len(MAX_FILE_BYTES + 1).unwrap_or_else(|e| panic!("cannot make a sparse file: {e}"));
    drop(file);
    let name = path.display().to_string();
    let started = std::time::Instant::now();
    let d = only(load::load_path(&path), "huge file");
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "the large file seems to have been read");
    assert_eq!(
        d,
        whole_file(
            &name,
            &format!("is too large: {} bytes (expected at most {MAX_FILE_BYTES} bytes, 2 GiB)", MAX_FILE_BYTES + 1)
        )
    );
    drop(dir);
    assert!(!path.exists(), "the temporary file was not removed");
}

#[test]
fn a_small_valid_file_loads_from_disk_and_from_bytes_alike() {
    let dir = TempDir::new("valid");
    let path = dir.join("ok.toml");
    std::fs::write(&path, VALID).unwrap_or_else(|e| panic!("{e}"));
    let from_path = load::load_path(&path).unwrap_or_else(|d| panic!("{d}"));
    let from_bytes = load::load_bytes("ok.toml", VALID.as_bytes()).unwrap_or_else(|d| panic!("{d}"));
    let from_str = load::load_str("ok.toml", VALID).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(from_path, from_bytes);
    assert_eq!(from_bytes, from_str);
    assert_eq!(from_path.title, "A title");
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let text = format!("\u{feff}{VALID}");
    let dataset = load::load_str("bom.toml", &text).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(dataset.title, "A title");
}

#[test]
fn crlf_line_endings_keep_lines_and_columns_right() {
    let text = "[dataset]\r\ntitle = \"A\"\r\ndescription = 7\r\n";
    let d = only(load::load_str("crlf.toml", text), "crlf");
    assert_eq!((d.line, d.column), (3, 15));
    assert_eq!(d.message, "[dataset]: field \"description\" is an integer (expected a string)");

    // And multi-line strings come out with plain line breaks.
    let text = "[dataset]\r\ntitle = \"A\"\r\ndescription = \"\"\"\r\none\r\ntwo\r\n\"\"\"\r\n";
    let dataset = load::load_str("crlf.toml", text).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(dataset.description, "one\ntwo\n");
}

#[test]
fn diagnostics_display_one_per_line_in_file_order() {
    let text = "[dataset]\ntitle = 1\ndescription = 2\n";
    let diagnostics = load::load_str("two.toml", text).expect_err("two problems");
    assert_eq!(
        diagnostics.to_string(),
        "two.toml:2:9: [dataset]: field \"title\" is an integer (expected a string)\n\
         two.toml:3:15: [dataset]: field \"description\" is an integer (expected a string)"
    );
}

#[test]
fn a_string_over_the_limit_is_refused_with_its_size() {
    let big = "x".repeat(annals::load::MAX_STRING_BYTES + 1);
    let text = format!("[dataset]\ntitle = \"t\"\ndescription = \"{big}\"\n");
    let diagnostics = annals::load::load_str("big.toml", &text).unwrap_err();
    let shown = diagnostics.to_string();
    assert!(shown.starts_with("big.toml:3:15: [dataset]: field \"description\" is 16777217 bytes long (expected at most 16777216 bytes, 16 MiB)"), "{}", &shown[..200.min(shown.len())]);
}

/// Runs `f` on a thread and waits at most `limit` for it: a test that would block for good
/// (a named pipe opened with no writer) fails instead.
fn bounded<T: Send + 'static>(limit: std::time::Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(f());
    });
    receiver.recv_timeout(limit).unwrap_or_else(|_| panic!("still blocked after {limit:?}"))
}

fn mkfifo(path: &std::path::Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().unwrap_or_else(|e| panic!("mkfifo: {e}"));
    assert!(status.success(), "mkfifo {} failed", path.display());
}

/// `/dev/zero` never ends, and its metadata says 0 bytes: reading stops at the limit, with a
/// message naming the file and the limit (the limit is lowered here; it is 2 GiB).
#[test]
fn a_device_that_never_ends_is_read_up_to_the_limit_only() {
    let path = std::path::Path::new("/dev/zero");
    let progress = annals::load::Progress::default();
    let d = only(load::load_path_limited(path, 8 << 20, &progress), "/dev/zero");
    assert_eq!(
        d,
        whole_file(
            "/dev/zero",
            "is too large: reading stopped after 8388608 bytes, and it goes on \
             (expected a TOML dataset file of at most 8388608 bytes)"
        )
    );
}

/// `/dev/urandom` never ends either, but its first bytes are not UTF-8: reading stops there.
#[test]
fn random_bytes_from_a_device_are_refused_at_the_first_bad_byte() {
    let d = bounded(std::time::Duration::from_secs(60), || {
        only(load::load_path(std::path::Path::new("/dev/urandom")), "urandom")
    });
    assert_eq!(d.file, "/dev/urandom");
    // One chance in 65,536 or so that the random bytes start with a byte order mark.
    assert!(
        d.message.starts_with("the file is not valid UTF-8 (byte 0x") || d.message.contains("(with a byte order mark)"),
        "{d}"
    );
}

/// A named pipe that no program opens for writing is given up after a bounded wait, with a
/// message that says so; one that a program writes to is read like a file.
#[test]
fn a_named_pipe_without_a_writer_is_given_up_and_one_with_a_writer_is_read() {
    let dir = TempDir::new("fifo");
    let path = dir.join("data.toml");
    mkfifo(&path);
    let name = path.display().to_string();
    let waiting = path.clone();
    let d = bounded(load::FIFO_WAIT * 6, move || only(load::load_path(&waiting), "fifo without a writer"));
    assert_eq!(
        d,
        whole_file(
            &name,
            "cannot read: it is a named pipe (FIFO) and no program opened it for writing within 5 s \
             (expected a file, or a pipe that a program writes to)"
        )
    );
    // With a writer, on a pipe of its own: the first load's released helper may still hold the
    // first pipe open for an instant, and what a writer puts in it then would go to that helper.
    let path = dir.join("written.toml");
    mkfifo(&path);
    let writing = path.clone();
    let writer = std::thread::spawn(move || std::fs::write(&writing, VALID));
    let reading = path.clone();
    let dataset = bounded(load::FIFO_WAIT * 6, move || load::load_path(&reading)).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(dataset.title, "A title");
    writer.join().expect("writer").expect("write to the pipe");
}

#[test]
fn only_a_regular_file_passes_the_check_for_reloading() {
    let dir = TempDir::new("regular");
    let file = dir.join("ok.toml");
    std::fs::write(&file, VALID).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(load::check_regular_file(&file), Ok(()));
    let fifo = dir.join("pipe.toml");
    mkfifo(&fifo);
    let refused = |path: &std::path::Path, what: &str| Diagnostic {
        file: path.display().to_string(),
        line: 0,
        column: 0,
        message: format!(
            "is {what}, not a regular file (expected a regular file: only those are watched and reloaded)"
        ),
    };
    assert_eq!(load::check_regular_file(&fifo), Err(refused(&fifo, "a named pipe (FIFO)")));
    let null = std::path::Path::new("/dev/null");
    assert_eq!(load::check_regular_file(null), Err(refused(null, "a character device")));
    assert_eq!(load::check_regular_file(&dir.0), Err(refused(&dir.0, "a directory")));
    let gone = dir.join("gone.toml");
    let d = load::check_regular_file(&gone).expect_err("missing");
    assert_eq!(d.message, "cannot open: no such file (expected a path to a TOML dataset file)");
    // A symlink to a regular file is one.
    #[cfg(unix)]
    {
        let link = dir.join("link.toml");
        std::os::unix::fs::symlink(&file, &link).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(load::check_regular_file(&link), Ok(()));
    }
}
