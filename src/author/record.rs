//! The `[[source]]` record that `add-source` writes, and the ids it gets: made from a title,
//! folded to plain ASCII, unique against the ids and files already there.

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

/// A source as found in a file: only the fields the file gave (or the user named).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceRecord {
    pub id: String,
    pub title: String,
    /// The title is the dataset's own description (no title in the file).
    pub title_editorial: bool,
    pub publisher: Option<String>,
    pub section: Option<String>,
    pub authors: Vec<String>,
    pub language: Option<String>,
    pub date: Option<String>,
    pub date_note: Option<String>,
    pub url: Option<String>,
    /// Where the text is, relative to the dataset (`articles/<id>.txt`)…
    pub text_file: Option<String>,
    /// …or the text itself, for a record printed on its own.
    pub text: Option<String>,
}

impl SourceRecord {
    /// The record as a TOML table, fields in the order of the format's documentation.
    pub fn table(&self) -> Table {
        let mut table = Table::new();
        table.insert("id", value(plain(&self.id)));
        table.insert("title", value(plain(&self.title)));
        if self.title_editorial {
            table.insert("title_editorial", value(true));
        }
        let optional = [("publisher", &self.publisher), ("section", &self.section)];
        for (key, field) in optional {
            if let Some(text) = field {
                table.insert(key, value(plain(text)));
            }
        }
        if !self.authors.is_empty() {
            let authors: Array = self.authors.iter().map(|a| plain(a)).collect();
            table.insert("authors", value(authors));
        }
        let optional = [
            ("language", &self.language),
            ("date", &self.date),
            ("date_note", &self.date_note),
            ("url", &self.url),
            ("text_file", &self.text_file),
        ];
        for (key, field) in optional {
            if let Some(text) = field {
                table.insert(key, value(plain(text)));
            }
        }
        if let Some(text) = &self.text {
            table.insert("text", value(multiline(text)));
        }
        table
    }

    /// The record on its own, as a `[[source]]` table to paste into a dataset.
    pub fn to_toml(&self) -> String {
        let mut doc = DocumentMut::new();
        let mut array = ArrayOfTables::new();
        array.push(self.table());
        doc.insert("source", Item::ArrayOfTables(array));
        doc.to_string()
    }
}

/// A long text as a TOML multi-line string (`"""…"""`), escaped as needed.
pub(crate) fn multiline(text: &str) -> toml_edit::Value {
    let repr = format!("\"\"\"\n{}\"\"\"", escaped(text, true));
    match repr.parse::<toml_edit::Value>() {
        Ok(parsed) => parsed,
        // Unreachable for text escaped as above; a plain string is still a correct value.
        Err(_) => toml_edit::Value::from(text),
    }
}

/// A text as a TOML string on one line. Like `toml_edit`'s own, but a bidi control or an
/// invisible format character (which would reorder or hide what a terminal shows of the
/// record) is written as a `\uXXXX` escape too: the text reads back the same.
pub(crate) fn plain(text: &str) -> toml_edit::Value {
    if !text.chars().any(crate::text::sanitize::is_unsafe) {
        return toml_edit::Value::from(text);
    }
    format!("\"{}\"", escaped(text, false)).parse::<toml_edit::Value>().unwrap_or_else(|_| toml_edit::Value::from(text))
}

/// `text` escaped for a basic string (`multi_line`: one between `"""`, where line breaks
/// and tabs stay as they are).
fn escaped(text: &str, multi_line: bool) -> String {
    let mut body = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => body.push_str("\\\\"),
            '"' => body.push_str("\\\""),
            '\t' => body.push(c),
            '\n' if multi_line => body.push(c),
            c if c.is_control() || crate::text::sanitize::is_unsafe(c) => {
                body.push_str(&format!("\\u{:04X}", u32::from(c)))
            }
            c => body.push(c),
        }
    }
    body
}

/// The `[[source]]` ids a dataset already has.
pub fn source_ids(doc: &DocumentMut) -> Vec<String> {
    let Some(sources) = doc.get("source").and_then(Item::as_array_of_tables) else { return Vec::new() };
    sources.iter().filter_map(|t| t.get("id").and_then(Item::as_str).map(str::to_string)).collect()
}

/// The `include` list of the `[dataset]` table of `doc` (empty when it has none).
pub fn includes(doc: &DocumentMut) -> Vec<String> {
    let list = doc.get("dataset").and_then(|d| d.get("include")).and_then(Item::as_array);
    list.map(|l| l.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()).unwrap_or_default()
}

/// The id of a `[[source]]` record of `doc` for the same page as `record`, and what is the
/// same: `"URL"`, or, when either has none, `"title"`.
pub fn same_page(doc: &DocumentMut, record: &SourceRecord) -> Option<(String, &'static str)> {
    let sources = doc.get("source").and_then(Item::as_array_of_tables)?;
    let field = |t: &toml_edit::Table, key: &str| t.get(key).and_then(Item::as_str).map(str::to_string);
    sources.iter().find_map(|t| {
        let same = match (field(t, "url"), &record.url) {
            (Some(url), Some(new)) => (url == *new).then_some("URL"),
            _ => field(t, "title").is_some_and(|title| title == record.title).then_some("title"),
        };
        Some((field(t, "id")?, same?))
    })
}

/// Appends `record` to the dataset's `[[source]]` records, after the last one (at the very
/// end of the file, after its closing comments, when it has none). Everything else of the file, its comments included, stays as
/// it was. `None` when the file's `source` key is not an array of tables.
pub fn append(doc: &mut DocumentMut, record: &SourceRecord) -> Option<()> {
    let mut table = record.table();
    let first = doc.get("source").is_none();
    if first {
        // Last in the file: after the comments that end it, which stay where they are.
        let trailing = doc.trailing().as_str().unwrap_or_default().to_string();
        let prefix = if trailing.is_empty() || trailing.ends_with("\n\n") { trailing } else { format!("{trailing}\n") };
        table.decor_mut().set_prefix(prefix);
        doc.set_trailing("");
        table.set_position(Some(isize::MAX));
    } else {
        // A new table sorts after the last existing one; keep one blank line before it.
        table.decor_mut().set_prefix("\n");
    }
    let item = doc.entry("source").or_insert(Item::ArrayOfTables(ArrayOfTables::new()));
    item.as_array_of_tables_mut()?.push(table);
    Some(())
}

/// An id made of `text`: lowercase ASCII letters and digits joined by `-`, accents removed
/// (`Économie française` → `economie-francaise`), at most `max_words` words and 60 bytes.
pub fn slug(text: &str, max_words: usize) -> String {
    use unicode_normalization::char::{decompose_canonical, is_combining_mark};
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                folded.push(d);
            }
        });
    }
    let mut out = String::new();
    let words = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .take(max_words);
    for word in words {
        if !out.is_empty() && out.len() + 1 + word.len() > 60 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word[..word.len().min(60)]);
    }
    out
}

/// `base`, or `base-2`, `base-3`… : the first that `taken` refuses.
pub fn unique(base: &str, taken: impl Fn(&str) -> bool) -> String {
    let base = if base.is_empty() { "source" } else { base };
    if !taken(base) {
        return base.to_string();
    }
    (2u32..).map(|n| format!("{base}-{n}")).find(|id| !taken(id)).unwrap_or_else(|| base.to_string())
}

/// Whether an id is one the loader accepts: letters, digits, `-`, `_` and `.`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_accents_and_stop_at_the_word_limit() {
        assert_eq!(slug("Cloud : Alibaba passe à l'offensive contre Amazon", 6), "cloud-alibaba-passe-a-l-offensive");
        assert_eq!(slug("Économie — ÇA VA?", 6), "economie-ca-va");
        assert_eq!(slug("云计算", 6), "");
        assert!(slug(&"word ".repeat(40), 40).len() <= 60);
    }

    #[test]
    fn unique_ids_count_up_past_the_taken_ones() {
        let taken = ["a", "a-2"];
        assert_eq!(unique("a", |id| taken.contains(&id)), "a-3");
        assert_eq!(unique("b", |id| taken.contains(&id)), "b");
        assert_eq!(unique("", |_| false), "source");
    }

    #[test]
    fn a_record_keeps_only_the_fields_found_and_escapes_its_text() {
        let record = SourceRecord {
            id: "s".into(),
            title: "Say \"hi\"".into(),
            language: Some("en".into()),
            text: Some("One \\ two\n\nThree \"\"\" four\n".into()),
            ..SourceRecord::default()
        };
        let text = record.to_toml();
        assert!(!text.contains("publisher") && !text.contains("authors") && !text.contains("date"), "{text}");
        let parsed: toml::Table = toml::from_str(&text).expect(&text);
        let source = &parsed["source"].as_array().unwrap()[0];
        assert_eq!(source["title"].as_str(), Some("Say \"hi\""));
        assert_eq!(source["text"].as_str(), Some("One \\ two\n\nThree \"\"\" four\n"));
    }

    #[test]
    fn appending_keeps_comments_and_lands_after_the_last_source() {
        let before = "# My story\n[dataset]\ntitle = \"t\" # the title\n\n[[source]]\nid = \"a\"\n\n# Events below\n[[event]]\nid = \"e\"\n";
        let mut doc: DocumentMut = before.parse().unwrap();
        assert_eq!(source_ids(&doc), ["a"]);
        let record = SourceRecord { id: "b".into(), title: "B".into(), ..SourceRecord::default() };
        append(&mut doc, &record).unwrap();
        let after = doc.to_string();
        assert!(after.contains("# My story") && after.contains("# the title") && after.contains("# Events below"));
        let (b, event) = (after.find("id = \"b\"").unwrap(), after.find("[[event]]").unwrap());
        assert!(b < event, "{after}");
        assert_eq!(source_ids(&after.parse().unwrap()), ["a", "b"]);
    }

    #[test]
    fn a_first_source_goes_after_everything_the_file_had() {
        let before = "[dataset]\ntitle = \"t\"\n\n[[event]]\nid = \"e\"\n\n# [[source]]\n# id = \"example\"\n";
        let mut doc: DocumentMut = before.parse().unwrap();
        let record = SourceRecord { id: "b".into(), title: "B".into(), ..SourceRecord::default() };
        append(&mut doc, &record).unwrap();
        let after = doc.to_string();
        assert!(after.starts_with(before), "{after}");
        assert_eq!(&after[before.len()..], "\n[[source]]\nid = \"b\"\ntitle = \"B\"\n");
    }
}
