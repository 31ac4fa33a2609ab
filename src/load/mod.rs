//! TOML → validated model, with a diagnostic (file, line, column, what and what was expected)
//! for every problem found, not only the first.
//!
//! The file is parsed once into toml's spanned tree (`DeTable`), then each record is read
//! field by field. Nothing here writes to the file.

mod diagnostic;
mod events;
mod facts;
mod fields;
mod quotes;
mod records;

use std::path::Path;

pub use diagnostic::{Diagnostic, Diagnostics, position};
pub use fields::did_you_mean;

use crate::model::Dataset;
use diagnostic::{Collector, file_error};

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
    let bytes = std::fs::read(path).map_err(|e| file_error(&name, format!("cannot read: {}", io_reason(&e))))?;
    load_bytes(&name, &bytes)
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
        let key = key.trim_matches(|c| c == '"' || c == '\'');
        return format!("TOML syntax error: duplicate key \"{key}\" (expected each key once per table)");
    }
    if what == "string values must be quoted" {
        return "TOML syntax error: string values must be quoted (expected text in double quotes, such as \"text\")"
            .to_string();
    }
    match expected {
        Some(expected) => format!("TOML syntax error: {what} (expected {expected})"),
        None => format!("TOML syntax error: {what}"),
    }
}

/// Validates dataset text; `name` is used in messages.
pub fn load_str(name: &str, text: &str) -> Result<Dataset, Diagnostics> {
    if text.trim().is_empty() {
        return Err(file_error(name, "the file is empty (expected a [dataset] table and [[event]] records)"));
    }
    let mut out = Collector::new(name, text);
    let (root, syntax_errors) = toml::de::DeTable::parse_recoverable(text);
    for error in &syntax_errors {
        let span = error.span().unwrap_or(0..0);
        out.error(span.clone(), syntax_message(text, error.message(), span));
    }
    if !syntax_errors.is_empty() {
        return Err(out.finish());
    }
    let dataset = records::read_dataset(&mut out, root.get_ref());
    if out.is_empty() { Ok(dataset) } else { Err(out.finish()) }
}
