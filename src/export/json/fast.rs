//! The events of the JSON export, written straight into a byte buffer rather than through
//! serde: they are nearly all of a large export, and this writes each string in one pass
//! (`escape.rs`: JSON's escapes and the unsafe characters together) with no allocation per
//! event. The bytes are exactly those serde_json's pretty printer and `SafeFormatter` write
//! for `JsonEvent` (a test compares them on every event of the bundled dataset and of the
//! hostile corpus).

use std::io::Write as _;

use chrono::NaiveDate;

use super::Number;
use super::escape::{one_line, string};
use crate::export::{certainty_name, dates, precision_name};
use crate::model::{Dataset, Date, Event};

/// An object being written: keys at `indent` spaces.
struct Object<'o> {
    out: &'o mut Vec<u8>,
    indent: usize,
    first: bool,
}

const SPACES: &[u8; 64] = &[b' '; 64];

fn spaces(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&SPACES[..n.min(SPACES.len())]);
}

impl<'o> Object<'o> {
    fn open(out: &'o mut Vec<u8>, indent: usize) -> Object<'o> {
        out.push(b'{');
        Object { out, indent, first: true }
    }

    fn key(&mut self, key: &str) -> &mut Vec<u8> {
        self.out.extend_from_slice(if self.first { b"\n" } else { b",\n" });
        self.first = false;
        spaces(self.out, self.indent);
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\": ");
        self.out
    }

    fn str(&mut self, key: &str, value: &str) {
        string(self.key(key), value);
    }

    fn opt(&mut self, key: &str, value: Option<&str>) {
        match value {
            Some(value) => self.str(key, value),
            None => self.key(key).extend_from_slice(b"null"),
        }
    }

    /// A date as its `Display` writes it, after `before`. Its characters (digits, `-`, `~`,
    /// `?`, `[`, `]`) need no escape, so it is written straight into the buffer.
    fn date(&mut self, key: &str, before: &str, date: &Date) {
        let out = self.key(key);
        out.push(b'"');
        out.extend_from_slice(before.as_bytes());
        let _ = write!(out, "{date}");
        out.push(b'"');
    }

    /// A day as `dates::iso` writes it (which needs no escape), or `null`.
    fn day(&mut self, key: &str, day: Option<NaiveDate>) {
        let out = self.key(key);
        match day {
            Some(day) => {
                out.push(b'"');
                dates::push_iso(out, day);
                out.push(b'"');
            }
            None => out.extend_from_slice(b"null"),
        }
    }

    fn bool(&mut self, key: &str, value: bool) {
        self.key(key).extend_from_slice(if value { b"true" } else { b"false" });
    }

    fn number(&mut self, key: &str, value: Option<f64>) {
        let out = self.key(key);
        match value {
            Some(value) => {
                let _ = serde_json::to_writer(&mut *out, &Number(value));
            }
            None => out.extend_from_slice(b"null"),
        }
    }

    fn close(self) {
        if !self.first {
            self.out.push(b'\n');
            spaces(self.out, self.indent - 2);
        }
        self.out.push(b'}');
    }
}

/// An array under `key` whose items (each written by `item` at `indent + 2`) are `items`.
fn array<T>(object: &mut Object<'_>, key: &str, items: &[T], mut item: impl FnMut(&mut Vec<u8>, usize, &T)) {
    let indent = object.indent;
    let out = object.key(key);
    out.push(b'[');
    for (i, value) in items.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        spaces(out, indent + 2);
        item(out, indent + 4, value);
    }
    if !items.is_empty() {
        out.push(b'\n');
        spaces(out, indent);
    }
    out.push(b']');
}

/// Reads the first byte of every string `event` writes from the dataset, and returns them
/// xor-ed (for `black_box`, so that the reads are made). The events are written in date order
/// while their strings lie in the order they were read, all over memory: most strings are a
/// cache miss, and the writer waits for each in turn. Read a few events ahead, the misses of
/// one event are waited for together, while the writer works on earlier ones.
pub(super) fn touch(dataset: &Dataset, event: &Event) -> u8 {
    let first = |text: &str| text.as_bytes().first().copied().unwrap_or(0);
    let mut any = first(&event.id) ^ first(&event.title) ^ first(&event.summary);
    for &theme in &event.themes {
        any ^= dataset.themes.get(theme).map_or(0, |t| first(&t.id));
    }
    for quote in event.quotes.iter().chain(event.figures.iter().map(|f| &f.quote)) {
        any ^= dataset.sources.get(quote.source).map_or(0, |s| first(&s.id)) ^ first(dataset.passage(quote));
    }
    any
}

/// One event as an object whose `{` is already placed, its keys at `indent` spaces.
pub(super) fn event(out: &mut Vec<u8>, indent: usize, dataset: &Dataset, e: &Event) {
    let source = |s: usize| dataset.sources[s].id.as_str();
    let mut o = Object::open(out, indent);
    o.str("id", &e.id);
    // As `Event::date_written` writes it.
    match (e.undated, e.open_start) {
        (true, _) => o.str("date", "undated"),
        (false, open_start) => o.date("date", if open_start { ".." } else { "" }, &e.date),
    }
    // A draft with no date yet has neither: its `date` only places it.
    o.opt("date_precision", (!e.undated).then(|| precision_name(&e.date)));
    o.opt("date_certainty", (!e.undated).then(|| certainty_name(&e.date)));
    o.bool("date_open_start", e.open_start);
    match &e.end {
        Some(end) => o.date("end", "", end),
        None => o.opt("end", None),
    }
    o.opt("end_certainty", e.end.as_ref().map(certainty_name));
    o.str("kind", e.kind.name());
    o.opt("date_note", e.date_note.as_deref());
    o.str("title", &e.title);
    o.str("summary", &e.summary);
    array(&mut o, "themes", &e.themes, |out, _, &t| string(out, &dataset.themes[t].id));
    array(&mut o, "quotes", &e.quotes, |out, indent, quote| {
        let mut q = Object::open(out, indent);
        q.str("source", source(quote.source));
        one_line(q.key("text"), dataset.passage(quote));
        q.close();
    });
    array(&mut o, "figures", &e.figures, |out, indent, figure| {
        let mut f = Object::open(out, indent);
        f.str("label", &figure.label);
        f.number("value", Some(figure.value));
        f.str("unit", &figure.unit);
        f.str("source", source(figure.quote.source));
        one_line(f.key("quote"), dataset.passage(&figure.quote));
        f.number("converted_value", figure.converted.as_ref().map(|(v, _)| *v));
        f.opt("converted_unit", figure.converted.as_ref().map(|(_, u)| u.as_str()));
        f.opt("fact", figure.fact.and_then(|i| dataset.facts.get(i)).map(|fact| fact.id.as_str()));
        f.close();
    });
    o.day("date_start", dates::event_start(e));
    o.day("date_end", dates::event_end(e));
    o.bool("unsourced", e.quotes.is_empty());
    o.bool("draft", e.draft);
    o.close();
}

#[cfg(test)]
mod tests {
    use serde::Serialize;
    use serde_json::ser::PrettyFormatter;

    use super::super::SafeFormatter;
    use super::super::reference;
    use super::*;

    /// The event as serde writes it, indented as the fast writer places it.
    fn by_serde(dataset: &Dataset, event: &Event) -> Vec<u8> {
        let mut alone = Vec::new();
        let mut serializer = serde_json::Serializer::with_formatter(&mut alone, SafeFormatter(PrettyFormatter::new()));
        reference::event(dataset, event).serialize(&mut serializer).unwrap();
        let text = String::from_utf8(alone).unwrap();
        text.replace('\n', "\n    ").into_bytes()
    }

    fn same(dataset: &Dataset, what: &str) {
        for event in &dataset.events {
            let mut fast = Vec::new();
            super::event(&mut fast, 6, dataset, event);
            assert_eq!(
                String::from_utf8_lossy(&fast),
                String::from_utf8_lossy(&by_serde(dataset, event)),
                "{what}: {}",
                event.id
            );
        }
    }

    #[test]
    fn events_are_written_as_serde_writes_them() {
        same(&crate::load::bundled().unwrap(), "bundled");
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with("ok-")) {
                same(&crate::load::load_path(&path).unwrap(), &path.display().to_string());
            }
        }
    }
}
