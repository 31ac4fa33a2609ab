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
