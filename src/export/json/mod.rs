//! JSON export: the schema of `docs/export-json.md`, from private mirror structs (the model
//! types stay free of serde), pretty-printed with two-space indents and a trailing newline.
//! Keys come in struct order, so the output is stable. The document is written item by item
//! into a buffer that goes to the writer whenever it holds 4 KiB: the events by `fast.rs`
//! (nearly all of a large export; `events.rs` makes a large array on two threads), everything
//! else through serde.

mod escape;
mod events;
mod fast;
#[cfg(test)]
mod reference;

use serde::{Serialize, Serializer};
use serde_json::ser::{Formatter, PrettyFormatter};
use std::borrow::Cow;
use std::io::{self, Write as _};

use super::facts::{self, ClaimView, FactView};
use super::{Selection, certainty_name};
use crate::model::{Dataset, Date, Era, Source, Theme};
use crate::text::sanitize::{is_clean, is_unsafe};

/// Bumped on any change a reader could notice (a field renamed, removed or retyped).
const VERSION: u32 = 3;

/// A JSON array whose items are made one at a time as they are written: `.0` makes the
/// iterator.
pub(super) struct Lazy<F>(pub F);

impl<F, I> Serialize for Lazy<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

#[derive(Serialize)]
struct DatasetInfo<'a> {
    title: &'a str,
    description: &'a str,
}

#[derive(Serialize)]
struct JsonSource<'a> {
    id: &'a str,
    title: &'a str,
    publisher: Option<&'a str>,
    language: &'a str,
    date: Option<String>,
    date_certainty: Option<&'static str>,
    date_note: Option<&'a str>,
    // What traces the source back to its page: left out when the dataset does not say.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    title_editorial: bool,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    authors: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    accessed: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    archive_url: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonTheme<'a> {
    id: &'a str,
    label: &'a str,
    description: &'a str,
    color: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonEra<'a> {
    id: &'a str,
    label: &'a str,
    start: String,
    end: String,
    description: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonFact<'a> {
    id: &'a str,
    label: &'a str,
    kind: &'static str,
    event: Option<&'a str>,
    note: Option<&'a str>,
    agree: bool,
    flag: String,
    differences: Vec<JsonDifference>,
    claims: Vec<JsonClaim<'a>>,
}

#[derive(Serialize)]
struct JsonDifference {
    aspect: &'static str,
    description: String,
}

#[derive(Serialize)]
struct JsonClaim<'a> {
    summary: String,
    value: Option<Number>,
    unit: Option<&'a str>,
    rank: Option<u32>,
    scope: Option<&'a str>,
    as_of: Option<String>,
    source: &'a str,
    quote: Cow<'a, str>,
    departs: bool,
    report_gap: Option<String>,
}

/// A figure amount: written as an integer when it is one (`1820000000`, not `1820000000.0`)
/// and exactly representable, otherwise as a float.
struct Number(f64);

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
        let n = self.0;
        if n.fract() == 0.0 && n.abs() <= EXACT {
            serializer.serialize_i64(n as i64)
        } else {
            serializer.serialize_f64(n)
        }
    }
}

pub(super) fn write(out: &mut dyn io::Write, selection: &Selection<'_>) -> io::Result<()> {
    let dataset = selection.dataset;
    let mut doc = Document { out, buffer: Vec::with_capacity(FLUSH_AT + 16 * 1024), alone: Vec::new() };
    doc.buffer.extend_from_slice(
        format!("{{\n  \"format\": \"annals-export\",\n  \"version\": {VERSION},\n  \"dataset\": ").as_bytes(),
    );
    doc.item(&DatasetInfo { title: &dataset.title, description: &dataset.description }, 2)?;
    doc.events(dataset, &selection.events)?;
    doc.array("sources", selection.sources.iter(), |doc, &i| doc.item(&source(&dataset.sources[i]), 4))?;
    doc.array("themes", dataset.themes.iter(), |doc, t| doc.item(&theme(t), 4))?;
    doc.array("eras", dataset.eras.iter(), |doc, e| doc.item(&era(e), 4))?;
    doc.array("facts", selection.facts.iter(), |doc, &f| doc.item(&fact(dataset, &facts::view(dataset, f)), 4))?;
    doc.buffer.extend_from_slice(b"\n}\n");
    doc.flush()
}

/// The buffer goes to the writer once it holds this much.
const FLUSH_AT: usize = 4 * 1024;

/// The document being written: what is made goes to `buffer`, which goes to `out` in pieces
/// of about `FLUSH_AT` bytes.
struct Document<'w> {
    out: &'w mut dyn io::Write,
    buffer: Vec<u8>,
    /// Where serde writes an item before it is indented into `buffer`, kept from one item to
    /// the next.
    alone: Vec<u8>,
}

impl Document<'_> {
    fn flush_if_full(&mut self) -> io::Result<()> {
        if self.buffer.len() >= FLUSH_AT {
            self.flush()?;
        }
        Ok(())
    }

    /// Everything made so far to the writer, in pieces of at most `FLUSH_AT` bytes.
    fn flush(&mut self) -> io::Result<()> {
        for piece in self.buffer.chunks(FLUSH_AT) {
            self.out.write_all(piece)?;
        }
        self.buffer.clear();
        Ok(())
    }

    /// A value through serde at `indent` spaces: serialised pretty on its own, then every
    /// line after its first indented (JSON strings hold no raw line break, so every `\n` is
    /// between tokens).
    fn item(&mut self, value: &impl Serialize, indent: usize) -> io::Result<()> {
        self.alone.clear();
        let mut serializer =
            serde_json::Serializer::with_formatter(&mut self.alone, SafeFormatter(PrettyFormatter::new()));
        value.serialize(&mut serializer).map_err(io::Error::from)?;
        let pad = &b"                                "[..indent];
        for (i, line) in self.alone.split(|&b| b == b'\n').enumerate() {
            if i > 0 {
                self.buffer.push(b'\n');
                self.buffer.extend_from_slice(pad);
            }
            self.buffer.extend_from_slice(line);
        }
        Ok(())
    }

    /// `,\n  "key": [ … ]` at the top level, its items at four spaces, each written by `item`.
    fn array<T>(
        &mut self,
        key: &str,
        items: impl Iterator<Item = T>,
        mut item: impl FnMut(&mut Self, T) -> io::Result<()>,
    ) -> io::Result<()> {
        self.open_array(key);
        let mut empty = true;
        for value in items {
            before_item(&mut self.buffer, empty);
            empty = false;
            item(self, value)?;
            self.flush_if_full()?;
        }
        self.close_array(empty);
        Ok(())
    }

    /// `,\n  "key": [` at the top level.
    fn open_array(&mut self, key: &str) {
        self.buffer.extend_from_slice(format!(",\n  \"{key}\": [").as_bytes());
    }

    /// The end of a top-level array, on a line of its own unless it is empty.
    fn close_array(&mut self, empty: bool) {
        self.buffer.extend_from_slice(if empty { b"]" } else { b"\n  ]" });
    }
}

/// What comes before an item of a top-level array: its line, after a comma unless it is the
/// first.
fn before_item(buffer: &mut Vec<u8>, first: bool) {
    buffer.extend_from_slice(if first { b"\n    " } else { b",\n    " });
}

/// Writes `value` pretty-printed with the unsafe characters escaped ([`SafeFormatter`]), and a
/// final newline.
pub(super) fn pretty(out: &mut dyn io::Write, value: &impl Serialize) -> io::Result<()> {
    // serde_json writes in small pieces (a quote, a key, an indent): a buffer of a concrete
    // type takes them without a dynamic call each.
    let mut buffer = io::BufWriter::with_capacity(4 * 1024, out);
    let mut serializer = serde_json::Serializer::with_formatter(&mut buffer, SafeFormatter(PrettyFormatter::new()));
    value.serialize(&mut serializer).map_err(io::Error::from)?;
    buffer.write_all(b"\n")?;
    buffer.flush()
}

fn era(era: &Era) -> JsonEra<'_> {
    JsonEra {
        id: &era.id,
        label: &era.label,
        start: era.start.to_string(),
        end: era.end.to_string(),
        description: era.description.as_deref(),
    }
}

fn fact<'a>(dataset: &'a Dataset, view: &FactView<'a>) -> JsonFact<'a> {
    let fact = view.fact;
    JsonFact {
        id: &fact.id,
        label: &fact.label,
        kind: fact.kind.name(),
        event: fact.event.and_then(|e| dataset.events.get(e)).map(|e| e.id.as_str()),
        note: fact.note.as_deref(),
        agree: view.differences.is_empty(),
        flag: facts::flag(&view.differences),
        differences: view
            .differences
            .iter()
            .map(|d| JsonDifference { aspect: facts::aspect(d), description: d.describe() })
            .collect(),
        claims: view.claims.iter().map(|c| claim(dataset, c)).collect(),
    }
}

fn claim<'a>(dataset: &'a Dataset, view: &ClaimView<'a>) -> JsonClaim<'a> {
    let claim = view.claim;
    JsonClaim {
        summary: view.summary.clone(),
        value: claim.value.as_ref().map(|(v, _)| Number(*v)),
        unit: claim.value.as_ref().map(|(_, u)| u.as_str()),
        rank: claim.rank,
        scope: claim.scope.as_deref(),
        as_of: claim.as_of.as_ref().map(Date::to_string),
        source: &dataset.sources[claim.quote.source].id,
        quote: dataset.quote_text(&claim.quote),
        departs: view.departs,
        report_gap: view.report_gap.clone(),
    }
}

fn source(s: &Source) -> JsonSource<'_> {
    JsonSource {
        id: &s.id,
        title: &s.title,
        publisher: s.publisher.as_deref(),
        language: &s.language,
        date: s.date.as_ref().map(Date::to_string),
        date_certainty: s.date.as_ref().map(certainty_name),
        date_note: s.date_note.as_deref(),
        title_editorial: s.title_editorial,
        authors: &s.authors,
        section: s.section.as_deref(),
        url: s.url.as_deref(),
        accessed: s.accessed.as_ref().map(Date::to_string),
        archive_url: s.archive_url.as_deref(),
    }
}

fn theme(t: &Theme) -> JsonTheme<'_> {
    JsonTheme { id: &t.id, label: &t.label, description: &t.description, color: t.color.as_deref() }
}

/// serde_json's pretty printer, except that inside strings every character
/// `crate::text::sanitize::is_unsafe` flags and serde_json leaves raw (DEL, C1 controls, bidi
/// and invisible format characters) is written as a `\uXXXX` escape. Lossless: a JSON parser
/// reads back the same string.
struct SafeFormatter<'a>(PrettyFormatter<'a>);

impl Formatter for SafeFormatter<'_> {
    fn write_string_fragment<W: ?Sized + io::Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        if is_clean(fragment) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut rest = fragment;
        while let Some((at, c)) = rest.char_indices().find(|&(_, c)| is_unsafe(c)) {
            writer.write_all(&rest.as_bytes()[..at])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_escaped_and_round_trip() {
        let mut dataset = Dataset { title: "a\u{1b}b\u{7f}c\u{9b}d\u{202e}e\u{1}".into(), ..Dataset::default() };
        dataset.description = "plain « text » 阿里云".into();
        let mut out = Vec::new();
        write(&mut out, &Selection::new(&dataset, &[])).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.chars().any(|c| is_unsafe(c) && c != '\n'), "{text}");
        assert!(text.contains(r#""title": "a\u001bb\u007fc\u009bd\u202ee\u0001""#), "{text}");
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["dataset"]["title"], dataset.title.as_str());
        assert_eq!(value["dataset"]["description"], dataset.description.as_str());
    }

    #[test]
    fn whole_amounts_are_integers() {
        let json = |n: f64| serde_json::to_string(&Number(n)).unwrap();
        assert_eq!(json(1_820_000_000.0), "1820000000");
        assert_eq!(json(0.9e9), "900000000");
        assert_eq!(json(58.5), "58.5");
        assert_eq!(json(-3.0), "-3");
        assert_eq!(json(1e300), "1e+300");
    }
}
