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
            format!("is {} bytes, larger than the limit of {MAX_FILE_BYTES} bytes (2 GiB)", meta.len()),
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

/// Validates dataset text; `name` is used in messages.
pub fn load_str(name: &str, text: &str) -> Result<Dataset, Diagnostics> {
    if text.trim().is_empty() {
        return Err(file_error(name, "the file is empty (expected a [dataset] table and [[event]] records)"));
    }
    let mut out = Collector::new(name, text);
    let (root, syntax_errors) = toml::de::DeTable::parse_recoverable(text);
    for error in &syntax_errors {
        let message = error.message().trim().replace('\n', "; ");
        out.error(error.span().unwrap_or(0..0), format!("TOML syntax error: {message}"));
    }
    if !syntax_errors.is_empty() {
        return Err(out.finish());
    }
    let dataset = records::read_dataset(&mut out, root.get_ref());
    if out.is_empty() { Ok(dataset) } else { Err(out.finish()) }
}
