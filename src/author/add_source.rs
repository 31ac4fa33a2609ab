//! `annals add-source FILE [--into story.toml]`: an article from a saved page (`.html`,
//! `.htm`), a text (`.txt`) or a Markdown file (`.md`) as a `[[source]]` record.
//!
//! With `--into`, the text goes to `articles/<id>.txt` beside the dataset (a new file, never
//! one written over) and the record is appended to the dataset, whose comments and layout
//! stay as they were; the edit is refused if the dataset changed since it was read, and the
//! text file is then removed again. Without it, the record is printed with its text inline
//! and no file is written.

use std::path::{Path, PathBuf};

use toml_edit::DocumentMut;

use super::extract::{self, Page};
use super::record::{self, SourceRecord};
use super::{Error, shown};
use crate::model::Date;
use crate::write::{Replace, edit, write_file};

/// What the command line asks for.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub file: PathBuf,
    pub into: Option<PathBuf>,
    /// The record's id, instead of one made from the title.
    pub id: Option<String>,
    /// The language, when the page does not say (or says it wrongly).
    pub language: Option<String>,
    /// The title, when the file has none.
    pub title: Option<String>,
}

/// What was done.
#[derive(Debug)]
pub struct Added {
    pub record: SourceRecord,
    /// The text file written (with `--into`).
    pub text_path: Option<PathBuf>,
    pub paragraphs: usize,
    /// What the file did not give, and what to fill in by hand.
    pub notes: Vec<String>,
}

/// The kinds of file taken, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Html,
    Text,
    Markdown,
}

fn kind(path: &Path) -> Result<Kind, Error> {
    let extension = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" | "xhtml" => Ok(Kind::Html),
        "txt" => Ok(Kind::Text),
        "md" | "markdown" => Ok(Kind::Markdown),
        _ => Err(Error::input(
            path,
            "not a file add-source takes (expected a saved page .html or .htm, a .txt or a .md)",
        )),
    }
}

/// Reads and extracts the file.
pub fn read(path: &Path) -> Result<Page, Error> {
    let kind = kind(path)?;
    let text = super::read_text(path)?;
    match kind {
        Kind::Html => extract::html(&text).map_err(|message| Error::input(path, message)),
        Kind::Text | Kind::Markdown => {
            if text.trim().is_empty() {
                return Err(Error::input(path, "the file is empty"));
            }
            Ok(extract::plain(&text, kind == Kind::Markdown))
        }
    }
}

/// Runs the command: see the module's documentation.
pub fn run(request: &Request) -> Result<Added, Error> {
    if request.title.as_deref().is_some_and(|title| title.trim().is_empty()) {
        // An empty title does not load: said before anything is read or written.
        return Err(Error::Input(
            "--title: empty (expected the source's title; leave --title out to take the page's); nothing was added"
                .to_string(),
        ));
    }
    let page = read(&request.file)?;
    let (mut source, mut notes) = describe(&page, request);
    let Some(into) = &request.into else {
        source.id = base_id(&source, request, &|_| false)?;
        source.text = Some(page.text());
        return Ok(Added { record: source, text_path: None, paragraphs: page.paragraph_count(), notes });
    };
    // A record without a language would not load: the dataset is left as it is.
    if source.language.is_none() {
        let why = match request.language.as_deref().or(page.language.as_deref()) {
            None => "the file says nothing of its language".to_string(),
            Some(given) => format!("\"{}\" is not a language code", crate::text::sanitize::one_line(given)),
        };
        let message = format!(
            "{why}, and a source needs one to load: run again with --lang CODE (fr, en, zh-Hans…); nothing was added"
        );
        return Err(Error::input(&request.file, message));
    }
    let original = edit::read(into)?;
    let mut doc = parse_dataset(into, original.bytes())?;
    let mut taken = record::source_ids(&doc);
    // Sources in the files the dataset includes count too: a duplicate id there would stop
    // the dataset from loading.
    for file in crate::load::named_files(into, &record::includes(&doc)) {
        let Ok(text) = std::fs::read_to_string(&file) else { continue };
        if let Ok(included) = text.parse::<DocumentMut>() {
            taken.extend(record::source_ids(&included));
        } else {
            // Not TOML now: its ids as its `id = "…"` lines give them.
            taken.extend(text.lines().filter_map(|line| {
                let value = line.trim().strip_prefix("id")?.trim_start().strip_prefix('=')?.trim();
                Some(value.trim_matches(|c| c == '"' || c == '\'').to_string())
            }));
        }
    }
    if let Some((id, what)) = record::same_page(&doc, &source) {
        notes.push(format!(
            "the dataset already has this page as source \"{id}\" (the same {what}): this adds another; remove one if they are the same"
        ));
    }
    let articles = super::folder(into).join("articles");
    ensure_folder(&articles)?;
    let file_taken = |id: &str| std::fs::symlink_metadata(articles.join(format!("{id}.txt"))).is_ok();
    source.id = base_id(&source, request, &|id| taken.iter().any(|t| t == id) || file_taken(id))?;
    let text_path = articles.join(format!("{}.txt", source.id));
    source.text_file = Some(format!("articles/{}.txt", source.id));
    if record::append(&mut doc, &source).is_none() {
        return Err(Error::input(into, "`source` is not a list of [[source]] records; nothing was added"));
    }
    let text = page.text();
    write_file(&text_path, Replace::Never, |out| out.write_all(text.as_bytes()))?;
    let edited = doc.to_string();
    if let Err(error) = edit::save(&original, |out| out.write_all(edited.as_bytes())) {
        // The dataset does not point at the new text: take it back so a retry starts clean.
        let _ = std::fs::remove_file(&text_path);
        return Err(error.into());
    }
    Ok(Added { record: source, text_path: Some(text_path), paragraphs: page.paragraph_count(), notes })
}

/// The dataset's text as a `toml_edit` document, or an error at its line and column.
fn parse_dataset(path: &Path, bytes: &[u8]) -> Result<DocumentMut, Error> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| Error::at(path, super::position(&bytes[..e.valid_up_to()]), "not UTF-8; nothing was added"))?;
    text.parse::<DocumentMut>().map_err(|error| {
        let at = error.span().map_or(0, |s| s.start);
        let position = super::position(&text.as_bytes()[..at.min(text.len())]);
        Error::at(path, position, format!("not valid TOML: {}; nothing was added", error.message().trim()))
    })
}

/// `articles/` beside the dataset: made if missing; refused if it is a link or not a folder.
fn ensure_folder(path: &Path) -> Result<(), Error> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(m) if m.file_type().is_symlink() => {
            Err(Error::input(path, "is a symbolic link; annals does not write through links (make articles/ a folder)"))
        }
        Ok(_) => Err(Error::input(path, "exists and is not a folder")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir(path).map_err(|e| Error::input(path, e))
        }
        Err(e) => Err(Error::input(path, e)),
    }
}

/// The record's id: the one asked for (which must be free), else one made from the language,
/// the year and the title's first words (`fr-2015-cloud-alibaba-passe-a-l`), made unique.
fn base_id(source: &SourceRecord, request: &Request, taken: &dyn Fn(&str) -> bool) -> Result<String, Error> {
    if let Some(id) = &request.id {
        if !record::is_valid_id(id) {
            return Err(Error::Input(format!("--id \"{id}\": not an id (expected letters, digits, '-', '_' and '.')")));
        }
        if taken(id) {
            return Err(Error::Input(format!("--id \"{id}\": a source or an article file of that id already exists")));
        }
        return Ok(id.clone());
    }
    let mut parts = Vec::new();
    if let Some(language) = &source.language {
        parts.push(language.split('-').next().unwrap_or_default().to_string());
    }
    if let Some(date) = &source.date {
        parts.push(date[..4.min(date.len())].to_string());
    }
    let mut words = record::slug(&source.title, 5);
    if words.is_empty() {
        words = record::slug(&stem(&request.file), 5);
    }
    parts.push(words);
    let base = parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-");
    Ok(record::unique(&base, taken))
}

fn stem(path: &Path) -> String {
    path.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned())
}

/// `"Moreno, Alice"` for a name printed as `"Alice Moreno"`: two to four words, none a number,
/// and no comma yet; the family name is the last word, with the particles before it ("de La
/// Fontaine", "van Beethoven"). A guess, which the user checks.
fn family_first(name: &str) -> Option<String> {
    const PARTICLES: [&str; 16] =
        ["de", "del", "della", "der", "den", "des", "di", "da", "do", "dos", "du", "la", "le", "van", "von", "ter"];
    let words: Vec<&str> = name.split_whitespace().collect();
    if name.contains(',') || !(2..=4).contains(&words.len()) || name.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let particle = |w: &&str| PARTICLES.contains(&w.to_lowercase().as_str());
    let family_from = (1..words.len() - 1).find(|&i| particle(&words[i])).unwrap_or(words.len() - 1);
    Some(format!("{}, {}", words[family_from..].join(" "), words[..family_from].join(" ")))
}

/// The record's fields from what the page gave (and what the user named), and notes on what
/// is missing.
fn describe(page: &Page, request: &Request) -> (SourceRecord, Vec<String>) {
    let mut notes = Vec::new();
    let mut source = SourceRecord::default();
    match (&request.title, &page.title) {
        (Some(title), _) | (None, Some(title)) => source.title = title.clone(),
        (None, None) => {
            source.title = stem(&request.file);
            source.title_editorial = true;
            notes.push(format!(
                "no title in the file: the title is its name, \"{}\", marked title_editorial (edit it)",
                source.title
            ));
        }
    }
    source.publisher = page.site_name.clone();
    source.section = page.section.clone();
    source.authors = page.authors.clone();
    // As the page prints them: a person's name in the "Given Family" order reads as an
    // organisation's in a citation, which wants "Family, Given".
    let people: Vec<String> = source.authors.iter().filter_map(|name| family_first(name)).collect();
    if !people.is_empty() {
        notes.push(format!(
            "authors written as the page prints them: a person is cited right as \"Family, Given\" (for example \"{}\"), an organisation as it is; edit the record",
            people.join("\", \"")
        ));
    }
    let language = request.language.as_deref().or(page.language.as_deref());
    source.language = language.and_then(language_code);
    match (language, &source.language) {
        (None, _) => notes.push(
            "no language in the file: add language = \"…\" to the record (required), or run again with --lang".into(),
        ),
        (Some(given), None) => notes.push(format!(
            "language \"{given}\" is not a language code: add language = \"…\" to the record (required), or use --lang"
        )),
        _ => {}
    }
    if let Some(published) = &page.published {
        match date_of(published) {
            Some(date) => {
                source.date = Some(date);
                let tag = page.published_from.unwrap_or("publication");
                source.date_note = Some(format!("From the page's {tag} tag: {published}."));
            }
            None => notes.push(format!("publication time \"{published}\" in the page is not a date; left out")),
        }
    } else if page.site_name.is_some() || page.canonical.is_some() {
        notes.push("no publication date in the page's tags: add date = \"…\" if the page prints one".into());
    } else {
        notes.push(
            "no date in the file: add date = \"…\" and a date_note saying where it comes from, or a date_note saying why there is none (--check warns until then)".into(),
        );
    }
    if let Some(url) = &page.canonical {
        match url::Url::parse(url) {
            Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => source.url = Some(url.clone()),
            _ => notes.push(format!("the page's canonical URL \"{url}\" is not an absolute http(s) URL; left out")),
        }
    }
    (source, notes)
}

/// A language tag as the dataset writes it (`fr`, `fr-FR`, `zh-Hans`): `FR` and `fr_FR` are
/// taken as `fr` and `fr-FR`; anything else is not a code.
pub fn language_code(given: &str) -> Option<String> {
    let given = given.trim().replace('_', "-");
    let mut parts = given.split('-');
    let primary = parts.next()?.to_ascii_lowercase();
    let rest: Vec<&str> = parts.collect();
    let ok = (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && rest.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()));
    ok.then(|| std::iter::once(primary.as_str()).chain(rest.iter().copied()).collect::<Vec<_>>().join("-"))
}

/// The calendar date at the start of a timestamp (`2015-07-29T10:00:00+02:00` →
/// `2015-07-29`, as the page wrote it, with no time zone conversion), or of a bare date.
pub fn date_of(timestamp: &str) -> Option<String> {
    let timestamp = timestamp.trim();
    for len in [10, 7, 4] {
        let Some(head) = timestamp.get(..len) else { continue };
        let rest = &timestamp[len..];
        let ends = rest.is_empty() || rest.starts_with(['T', 't', ' ']);
        if ends && !head.contains(['~', '?', '[']) && Date::parse(head).is_ok() {
            return Some(head.to_string());
        }
    }
    None
}

/// A line for the terminal saying what was done.
pub fn summary(added: &Added, into: Option<&Path>) -> String {
    match (&added.text_path, into) {
        (Some(text), Some(dataset)) => format!(
            "added source \"{}\" to {}; its text ({} paragraph{}) is in {}",
            added.record.id,
            shown(dataset),
            added.paragraphs,
            if added.paragraphs == 1 { "" } else { "s" },
            shown(text)
        ),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_taken_from_timestamps_without_conversion() {
        assert_eq!(date_of("2015-07-29T23:30:00-05:00").as_deref(), Some("2015-07-29"));
        assert_eq!(date_of("2015-07-29").as_deref(), Some("2015-07-29"));
        assert_eq!(date_of("2015-07").as_deref(), Some("2015-07"));
        assert_eq!(date_of("2016-09-31T00:00"), None, "not on the calendar");
        assert_eq!(date_of("July 29, 2015"), None);
        assert_eq!(date_of("20150729"), None);
    }

    #[test]
    fn a_name_printed_given_first_is_offered_family_first() {
        assert_eq!(family_first("Alice Moreno").as_deref(), Some("Moreno, Alice"));
        assert_eq!(family_first("Hélène  Garçon").as_deref(), Some("Garçon, Hélène"));
        assert_eq!(family_first("Jean de La Fontaine").as_deref(), Some("de La Fontaine, Jean"));
        assert_eq!(family_first("Ludwig van Beethoven").as_deref(), Some("van Beethoven, Ludwig"));
        assert_eq!(family_first("Moreno, Alice"), None, "already so");
        assert_eq!(family_first("Reuters"), None, "one word: an organisation");
        assert_eq!(family_first("Agence France Presse Staff Writers"), None, "too long to be a name");
        assert_eq!(family_first("Team 42"), None);
    }

    #[test]
    fn language_codes_are_normalised_or_refused() {
        assert_eq!(language_code("fr").as_deref(), Some("fr"));
        assert_eq!(language_code("fr_FR").as_deref(), Some("fr-FR"));
        assert_eq!(language_code("EN-us").as_deref(), Some("en-us"));
        assert_eq!(language_code("zh-Hans").as_deref(), Some("zh-Hans"));
        assert_eq!(language_code("français"), None);
        assert_eq!(language_code(""), None);
    }
}
