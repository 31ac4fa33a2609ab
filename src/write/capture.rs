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

/// Where a capture went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub drafts: PathBuf,
    /// The drafts file was made by this capture.
    pub created: bool,
    /// `"drafts.toml"` was added to the dataset's `include`.
    pub included: bool,
}

/// Why a capture could not be kept.
#[derive(Debug)]
pub enum CaptureError {
    Write(Error),
    /// The main file is not TOML that `toml_edit` can edit (it then does not load either).
    NotToml(PathBuf, String),
}

impl std::fmt::Display for CaptureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CaptureError::Write(error) => write!(f, "{error}"),
            CaptureError::NotToml(path, why) => write!(f, "{}: cannot add the include: {why}", path.display()),
        }
    }
}

impl From<Error> for CaptureError {
    fn from(error: Error) -> Self {
        CaptureError::Write(error)
    }
}

/// Appends `snippet` to the drafts file beside `main` (the dataset's main file) and makes
/// sure the dataset includes it.
pub fn save(main: &Path, snippet: &str) -> Result<Saved, CaptureError> {
    let folder = match main.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let drafts = folder.join(DRAFTS_FILE);
    let created = match super::edit::read(&drafts) {
        Ok(original) => {
            super::edit::save(&original, |out| {
                out.write_all(original.bytes())?;
                if !original.bytes().is_empty() && !original.bytes().ends_with(b"\n") {
                    out.write_all(b"\n")?;
                }
                out.write_all(snippet.as_bytes())
            })?;
            false
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            super::file::write_file(&drafts, super::file::Replace::Never, |out| {
                out.write_all(
                    b"# Passages captured in the reader, as draft events: fill in date, title, summary and\n\
                      # themes, then take out draft = true (or move the event to another file).\n",
                )?;
                out.write_all(snippet.as_bytes())
            })?;
            true
        }
        Err(error) => return Err(error.into()),
    };
    let included = include(main)?;
    Ok(Saved { drafts, created, included })
}

/// Adds `"drafts.toml"` to the `include` of the main file's `[dataset]`; `false` if it is
/// there already.
pub fn include(main: &Path) -> Result<bool, CaptureError> {
    let original = super::edit::read(main)?;
    let text = std::str::from_utf8(original.bytes())
        .map_err(|_| CaptureError::NotToml(main.to_path_buf(), "it is not UTF-8".into()))?;
    let Some(edited) = with_include(text, DRAFTS_FILE).map_err(|why| CaptureError::NotToml(main.to_path_buf(), why))?
    else {
        return Ok(false);
    };
    super::edit::save(&original, |out| out.write_all(edited.as_bytes()))?;
    Ok(true)
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
