//! `text_file = "articles/fr-2015.txt"`: a source whose text is kept in a file beside the
//! dataset instead of inline. The file is read once every record is, then its text stands for
//! the source's `text` in every check (quotes are found in it byte for byte, as in inline
//! text). Problems with the path are placed on the `text_file` line of the TOML file; problems
//! inside the text (a byte that is not UTF-8) at the text file's own line and column.

use std::path::Path;

use toml::Spanned;

use super::diagnostic::{Collector, Diagnostic, Found};
use super::fields::Fields;
use super::paths::{Kind, Options, first_bad_byte, locate, read_limited, shown};
use super::records::ChunkRead;
use super::split::rank;

/// A source's `text_file`, to be read once every chunk is.
#[derive(Debug)]
pub(crate) struct Pending {
    /// The source's place among its chunk's sources.
    pub index: usize,
    /// The path as written; its span is in the whole (virtual) file.
    pub path: Spanned<String>,
    /// What names the source in messages: `source "id"`.
    pub context: String,
}

/// A source's `text`, or its `text_file` to be read later (then the text is given back empty,
/// spanned where the path is written).
pub(crate) fn read_field(out: &mut Collector<'_>, f: &Fields<'_, '_>) -> (Option<Spanned<String>>, Option<Pending>) {
    if f.get("text_file").is_none() {
        return (f.text(out, "text"), None);
    }
    let Some(path) = f.text(out, "text_file") else { return (None, None) };
    if f.get("text").is_some() {
        out.error(
            path.span(),
            format!(
                "{}: has both text and text_file (expected one of them: the text inline, or the file that holds it)",
                f.context
            ),
        );
        return (None, None);
    }
    let span = path.span();
    let pending = Pending {
        index: 0,
        path: Spanned::new(out.global(span.clone()), path.into_inner()),
        context: f.context.clone(),
    };
    (Some(Spanned::new(span, String::new())), Some(pending))
}

/// The files read and where the text of each chunk's sources comes from.
#[derive(Default)]
pub(crate) struct TextFiles {
    /// Problems with a path, at the `text_file` it is written in.
    pub found: Vec<Found>,
    /// Problems inside a text file, at its own line and column.
    pub inside: Vec<Diagnostic>,
    /// Each text file read (as shown in messages), for the watcher.
    pub read: Vec<std::path::PathBuf>,
}

/// Reads every `text_file` of `reads` (relative to the dataset's folder `dir`) into its
/// source. `where_of` names the TOML file and line a global offset is in, for messages about
/// a text file's content.
pub(crate) fn read_all(
    reads: &mut [ChunkRead],
    dir: Option<&Path>,
    options: &Options,
    where_of: &dyn Fn(usize) -> String,
) -> TextFiles {
    let mut files = TextFiles::default();
    let real_dir = dir.map(super::paths::real_folder);
    for read in reads.iter_mut() {
        for pending in std::mem::take(&mut read.text_files) {
            let index = pending.index;
            if !read_one(read, pending, dir, real_dir.as_deref(), options, where_of, &mut files) {
                // Its own diagnostic says why: quotes of it are not checked against no text.
                if let Some(record) = read.sources.get_mut(index) {
                    record.record = None;
                }
            }
        }
    }
    files
}

/// Reads one source's text file into it; `false` with a diagnostic in `files` when it cannot.
fn read_one(
    read: &mut ChunkRead,
    pending: Pending,
    dir: Option<&Path>,
    real_dir: Option<&Path>,
    options: &Options,
    where_of: &dyn Fn(usize) -> String,
    files: &mut TextFiles,
) -> bool {
    let at = pending.path.span().start;
    let written = pending.path.get_ref();
    let problem = |message: String| Found { offset: at, rank: rank("source"), message };
    let (Some(dir), Some(real_dir)) = (dir, real_dir) else {
        files.found.push(problem(format!(
                    "{}: text_file \"{}\" cannot be read: the dataset was not read from a folder (expected the text inline, in text)",
                    pending.context,
                    super::clip(written)
                )));
        return false;
    };
    let text = locate(dir, real_dir, written, Kind::Text, options).and_then(|file| {
        files.read.push(file.shown.clone());
        read_limited(&file, options.max_text_file_bytes).map(|bytes| (file, bytes))
    });
    let (file, bytes) = match text {
        Ok(found) => found,
        Err(why) => {
            files.found.push(problem(format!("{}: text_file \"{}\" {why}", pending.context, super::clip(written))));
            return false;
        }
    };
    if let Some((line, column, byte)) = first_bad_byte(&bytes) {
        files.inside.push(Diagnostic {
            file: shown(&file.shown),
            line,
            column,
            message: format!(
                "{} (its text_file, named at {}): the text is not valid UTF-8 (byte 0x{byte:02X}; expected UTF-8 text)",
                pending.context,
                where_of(at)
            ),
        });
        return false;
    }
    let text = String::from_utf8(bytes).unwrap_or_default();
    if text.trim().is_empty() {
        files.found.push(problem(format!(
            "{}: text_file \"{}\" is empty (expected the source's text)",
            pending.context,
            super::clip(written)
        )));
        return false;
    }
    let text = crate::text::sanitize::sanitize_owned(text);
    if let Some(Some(source)) = read.sources.get_mut(pending.index).map(|record| record.record.as_mut()) {
        source.text = text;
    }
    true
}
