//! A passage captured in the reader, kept as a draft event: the TOML of the draft, and its
//! writing to `drafts.toml` beside the dataset, which the dataset then includes.
//!
//! - `drafts.toml` is created if missing (never over anything that appeared meanwhile), else
//!   edited: read, the draft appended, replaced only if nobody changed it since ([`super::edit`]).
//! - The dataset's main file gets `"drafts.toml"` in the `include` of its `[dataset]` table if
//!   it is not there, edited with `toml_edit` so that its comments and layout stay as they
//!   were, under the same compare-and-swap rule.

use std::path::{Path, PathBuf};

use super::error::Error;

/// The name of the file captures go to, beside the dataset's main file.
pub const DRAFTS_FILE: &str = "drafts.toml";

/// The TOML of a draft event quoting `passage` of source `source`: date, title and summary are
/// left for the user to fill in. `passage` comes back byte for byte when the TOML is read.
pub fn snippet(id: &str, source: &str, passage: &str) -> String {
    let text = toml_edit::Value::from(passage).decorated("", "").to_string();
    let id = toml_edit::Value::from(id).decorated("", "").to_string();
    let source = toml_edit::Value::from(source).decorated("", "").to_string();
    format!(
        "\n[[event]]\nid = {id}\ndraft = true\n# date = \"YYYY-MM-DD\"\ntitle = \"\"\nsummary = \"\"\nthemes = []\n\n\
         [[event.quote]]\nsource = {source}\ntext = {text}\n"
    )
}

/// A passage to keep as a draft event: its source, its text, and the id it is given unless
/// the drafts file holds that id already (another capture since the dataset was read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub id: String,
    pub source: String,
    pub passage: String,
}

impl Draft {
    /// Its TOML ([`snippet`]).
    pub fn snippet(&self) -> String {
        snippet(&self.id, &self.source, &self.passage)
    }
}

/// Where a capture went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub drafts: PathBuf,
    /// The drafts file was made by this capture.
    pub created: bool,
    /// `"drafts.toml"` was added to the dataset's `include`.
    pub included: bool,
    /// The draft as kept (its id may have moved on past ids the drafts file holds).
    pub draft: Draft,
}

/// Why a capture could not be kept: nothing was written, but for `NotIncluded`.
#[derive(Debug)]
pub enum CaptureError {
    Write(Error),
    /// The main file is not TOML that `toml_edit` can edit (it then does not load either).
    NotToml(PathBuf, String),
    /// The drafts file does not parse: at this line and column, for this reason.
    DraftsInvalid {
        path: PathBuf,
        line: usize,
        column: usize,
        why: String,
    },
    /// A file the capture has to edit is read-only.
    ReadOnly(PathBuf),
    /// The draft was kept in the drafts file, but the main file changed while it was written
    /// and was left as it is, without the include.
    NotIncluded {
        drafts: PathBuf,
        error: Error,
    },
}

impl std::fmt::Display for CaptureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CaptureError::Write(error) => write!(f, "{error}"),
            CaptureError::NotToml(path, why) => write!(f, "{}: cannot add the include: {why}", path.display()),
            CaptureError::DraftsInvalid { path, line, column, why } => write!(
                f,
                "{}:{line}:{column}: {why} (a capture appends to this file: mend it, then capture again)",
                path.display()
            ),
            CaptureError::NotIncluded { drafts, error } => write!(
                f,
                "the draft is in {} but the dataset does not include it: {error} (add \"{DRAFTS_FILE}\" to [dataset] include)",
                drafts.display()
            ),
            CaptureError::ReadOnly(path) => {
                write!(f, "{} is read-only: annals does not edit it (make it writable to capture)", path.display())
            }
        }
    }
}

impl From<Error> for CaptureError {
    fn from(error: Error) -> Self {
        CaptureError::Write(error)
    }
}

/// Appends `draft` to the drafts file beside `main` (the dataset's main file) and makes sure
/// the dataset includes it. Both files are read and checked before either is written: a
/// link, a read-only file, a drafts file that does not parse or a main file `toml_edit`
/// cannot edit refuses the capture with nothing written.
pub fn save(main: &Path, draft: &Draft) -> Result<Saved, CaptureError> {
    let folder = match main.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let drafts = folder.join(DRAFTS_FILE);
    // The main file first: whether it needs the include, and whether it can take it.
    let main_original = super::edit::read(main)?;
    let main_text = std::str::from_utf8(main_original.bytes())
        .map_err(|_| CaptureError::NotToml(main.to_path_buf(), "it is not UTF-8".into()))?;
    let edited_main =
        with_include(main_text, DRAFTS_FILE).map_err(|why| CaptureError::NotToml(main.to_path_buf(), why))?;
    if edited_main.is_some() {
        writable(&main_original)?;
    }
    let original = match super::edit::read(&drafts) {
        Ok(original) => Some(original),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => return Err(error.into()),
    };
    let mut draft = draft.clone();
    if let Some(original) = &original {
        writable(original)?;
        let ids = draft_ids(original)?;
        draft.id = free_id(&draft.id, &ids);
    }
    let snippet = draft.snippet();
    let created = match &original {
        Some(original) => {
            super::edit::save(original, |out| {
                out.write_all(original.bytes())?;
                if !original.bytes().is_empty() && !original.bytes().ends_with(b"\n") {
                    out.write_all(b"\n")?;
                }
                out.write_all(snippet.as_bytes())
            })?;
            false
        }
        None => {
            super::file::write_file(&drafts, super::file::Replace::Never, |out| {
                out.write_all(
                    b"# Passages captured in the reader, as draft events: fill in date, title, summary and\n\
                      # themes, then take out draft = true (or move the event to another file).\n",
                )?;
                out.write_all(snippet.as_bytes())
            })?;
            true
        }
    };
    let included = match edited_main {
        Some(edited) => {
            super::edit::save(&main_original, |out| out.write_all(edited.as_bytes()))
                .map_err(|error| CaptureError::NotIncluded { drafts: drafts.clone(), error })?;
            true
        }
        None => false,
    };
    Ok(Saved { drafts, created, included, draft })
}

/// Refuses a read-only file: replacing it would go round its mode.
fn writable(original: &super::edit::Original) -> Result<(), CaptureError> {
    match std::fs::metadata(original.path()) {
        Ok(meta) if meta.permissions().readonly() => Err(CaptureError::ReadOnly(original.path().to_path_buf())),
        _ => Ok(()),
    }
}

/// The ids of the events in a drafts file, which must parse.
fn draft_ids(original: &super::edit::Original) -> Result<Vec<String>, CaptureError> {
    let invalid = |line, column, why: String| CaptureError::DraftsInvalid {
        path: original.path().to_path_buf(),
        line,
        column,
        why,
    };
    let text = std::str::from_utf8(original.bytes()).map_err(|e| {
        let valid = std::str::from_utf8(&original.bytes()[..e.valid_up_to()]).unwrap_or_default();
        let (line, column) = line_and_column(valid, valid.len());
        invalid(line, column, "not UTF-8".to_string())
    })?;
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |span| line_and_column(text, span.start));
        invalid(line, column, e.message().trim_end().to_string())
    })?;
    let events = table.get("event").and_then(|e| e.as_array()).map(Vec::as_slice).unwrap_or_default();
    Ok(events.iter().filter_map(|e| e.get("id")?.as_str().map(str::to_string)).collect())
}

/// The line and column (from 1, in characters) of byte `offset` of `text`.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    (before.matches('\n').count() + 1, before[line_start..].chars().count() + 1)
}

/// `id` (`draft-<source>-<n>`), or the first `draft-<source>-<m>`, m > n, that `taken` does
/// not hold.
fn free_id(id: &str, taken: &[String]) -> String {
    if !taken.iter().any(|t| t == id) {
        return id.to_string();
    }
    let (stem, n) = match id.rsplit_once('-').and_then(|(stem, n)| Some((stem, n.parse::<u64>().ok()?))) {
        Some(split) => split,
        None => (id, 1),
    };
    (n + 1..).map(|m| format!("{stem}-{m}")).find(|candidate| !taken.contains(candidate)).unwrap_or_default()
}

/// `text` (a dataset's main file) with `name` added to `[dataset] include`, comments and
/// layout kept; `None` when it is listed already.
pub fn with_include(text: &str, name: &str) -> Result<Option<String>, String> {
    let mut document: toml_edit::DocumentMut =
        text.parse().map_err(|e: toml_edit::TomlError| e.message().to_string())?;
    let dataset = document
        .get_mut("dataset")
        .and_then(|item| item.as_table_like_mut())
        .ok_or_else(|| "it has no [dataset] table".to_string())?;
    match dataset.get_mut("include") {
        None => {
            let mut list = toml_edit::Array::new();
            list.push(name);
            dataset.insert("include", toml_edit::value(list));
        }
        Some(item) => {
            let list = item.as_array_mut().ok_or_else(|| "its include is not an array".to_string())?;
            if list.iter().any(|value| value.as_str() == Some(name)) {
                return Ok(None);
            }
            list.push(name);
        }
    }
    Ok(Some(document.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippet_is_a_draft_whose_quote_reads_back_byte_for_byte() {
        let passage = "« l’offensive » d’Alibaba\n\"cloud\" \\ 阿里云 C:\\path\ttab";
        let toml = snippet("draft-fr-1", "fr-2015", passage);
        assert!(
            toml.starts_with("\n[[event]]\nid = \"draft-fr-1\"\ndraft = true\n# date = \"YYYY-MM-DD\"\n"),
            "{toml}"
        );
        let parsed: toml::Table = toml::from_str(&toml).expect("TOML");
        let quote = &parsed["event"][0]["quote"][0];
        assert_eq!(quote["text"].as_str(), Some(passage));
        assert_eq!(quote["source"].as_str(), Some("fr-2015"));
        assert_eq!(parsed["event"][0]["draft"].as_bool(), Some(true));
    }

    #[test]
    fn the_include_is_added_once_and_comments_and_layout_stay() {
        let text = "# My story.\n[dataset]\ntitle = \"T\"  # the title\ndescription = \"D\"\n\n# Themes.\n[[theme]]\nid = \"a\"\n";
        let edited = with_include(text, DRAFTS_FILE).expect("edits").expect("added");
        assert_eq!(
            edited,
            "# My story.\n[dataset]\ntitle = \"T\"  # the title\ndescription = \"D\"\ninclude = [\"drafts.toml\"]\n\n# Themes.\n[[theme]]\nid = \"a\"\n"
        );
        assert_eq!(with_include(&edited, DRAFTS_FILE), Ok(None), "listed already");
        let listed =
            text.replace("description = \"D\"\n", "description = \"D\"\ninclude = [\"events/*.toml\"] # events\n");
        let edited = with_include(&listed, DRAFTS_FILE).expect("edits").expect("added");
        assert!(edited.contains("include = [\"events/*.toml\", \"drafts.toml\"] # events\n"), "{edited}");
        assert!(with_include("[[event]]\nid = \"x\"\n", DRAFTS_FILE).is_err(), "no [dataset]");
    }
}
