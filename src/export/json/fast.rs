//! The events of the JSON export, written straight into a byte buffer rather than through
//! serde: they are nearly all of a large export, and this writes each string in one pass
//! (JSON's escapes and the unsafe characters together) with no allocation per event. The
//! bytes are exactly those serde_json's pretty printer and `SafeFormatter` write for
//! `JsonEvent` (a test compares them on every event of the bundled dataset and of the hostile
//! corpus).

use std::io::Write as _;

use chrono::NaiveDate;

use super::Number;
use crate::export::{certainty_name, dates, precision_name};
use crate::model::{Dataset, Date, Event};
use crate::text::sanitize::unsafe_beyond_ascii;

/// Whether a byte needs a look: 1 for a JSON escape (`"`, `\`, C0 controls) or DEL, and for
/// the lead byte of a character `is_unsafe` may flag (C1 controls, U+00AD, U+061C, U+180E,
/// U+200B…, U+FEFF, U+1BCA0…, U+E0000…); 0 for every other byte, which is copied as it is.
static LOOK: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = 1;
        b += 1;
    }
    table[b'"' as usize] = 1;
    table[b'\\' as usize] = 1;
    table[0x7F] = 1;
    let leads = [0xC2, 0xD8, 0xE1, 0xE2, 0xEF, 0xF0, 0xF3];
    let mut i = 0;
    while i < leads.len() {
        table[leads[i]] = 1;
        i += 1;
    }
    table
};

const HEX: &[u8; 16] = b"0123456789abcdef";

fn unicode_escape(out: &mut Vec<u8>, unit: u16) {
    out.extend_from_slice(b"\\u");
    for shift in [12, 8, 4, 0] {
        out.push(HEX[usize::from((unit >> shift) & 0xF)]);
    }
}

/// Where the next byte at or after `i` that needs a look is (`bytes.len()` if none).
fn next_look(bytes: &[u8], mut i: usize) -> usize {
    // Eight bytes at a time: their table entries or-ed together take one branch instead of
    // eight, and most text (accented letters included) needs no look for dozens of bytes.
    while let Some(eight) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        if eight.iter().fold(0, |any, &b| any | LOOK[usize::from(b)]) != 0 {
            break;
        }
        i += 8;
    }
    while i < bytes.len() && LOOK[usize::from(bytes[i])] == 0 {
        i += 1;
    }
    i
}

/// `text` as a JSON string: quoted, escaped as serde_json escapes it, and every character
/// `is_unsafe` flags written as `\uXXXX`.
pub(super) fn string(out: &mut Vec<u8>, text: &str) {
    escaped(out, text, b"\\n");
}

/// A quote's passage as the JSON string of `Dataset::quote_text`: its line breaks written as
/// spaces, without a copy of the passage made first.
fn one_line(out: &mut Vec<u8>, passage: &str) {
    escaped(out, passage, b" ");
}

/// `text` quoted and escaped, each `\n` written as `newline`. The runs between escapes are
/// copied whole.
#[inline]
fn escaped(out: &mut Vec<u8>, text: &str, newline: &[u8]) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    // Bytes from `start` on are still to be copied; the scan goes on from `from`.
    let (mut start, mut from) = (0, 0);
    loop {
        let i = next_look(bytes, from);
        let Some(&b) = bytes.get(i) else { break };
        from = i + 1;
        // Most characters a lead byte starts are kept: copied later with the run they are in.
        if b >= 0x80 && !unsafe_beyond_ascii(bytes, i) {
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0C => out.extend_from_slice(b"\\f"),
            b'\n' => out.extend_from_slice(newline),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x00..=0x7F => unicode_escape(out, u16::from(b)),
            _ => {
                let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    unicode_escape(out, *unit);
                }
                from = i + c.len_utf8();
            }
        }
        start = from;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

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
    o.str("date_precision", precision_name(&e.date));
    o.str("date_certainty", certainty_name(&e.date));
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

    /// `text` as serde_json and `SafeFormatter` write it.
    fn serde_string(text: &str) -> String {
        let mut serde = Vec::new();
        let mut serializer = serde_json::Serializer::with_formatter(&mut serde, SafeFormatter(PrettyFormatter::new()));
        text.serialize(&mut serializer).unwrap();
        String::from_utf8(serde).unwrap()
    }

    #[test]
    fn escapes_anywhere_in_a_string_are_written_as_serde_writes_them() {
        // Whatever needs escaping or a look (JSON's escapes, controls, DEL, the unsafe
        // characters of every lead byte and kept characters that share their lead bytes),
        // between plain runs of every length up to two eight-byte steps, at the start, in the
        // middle and at the end of strings.
        let pieces = [
            "\"",
            "\\",
            "/",
            "\u{0}",
            "\u{1}",
            "\u{8}",
            "\t",
            "\n",
            "\u{b}",
            "\u{c}",
            "\r",
            "\u{1b}",
            "\u{1f}",
            "\u{7f}",
            "\u{80}",
            "\u{85}",
            "\u{9f}",
            "\u{a0}",
            "\u{ab}",
            "\u{ad}",
            "é",
            "\u{61c}",
            "\u{180e}",
            "\u{200b}",
            "\u{200d}",
            "’",
            "—",
            "\u{2027}",
            "\u{2028}",
            "\u{2029}",
            "\u{202e}",
            "\u{2066}",
            "\u{206f}",
            "\u{2070}",
            "中",
            "\u{feff}",
            "\u{fffb}",
            "\u{fffd}",
            "😀",
            "\u{1bca3}",
            "\u{1d173}",
            "\u{e0001}",
            "\u{e007f}",
            "\u{e0100}",
        ];
        let plain = "abcdefghijklmnopqrstuvwxyz";
        let mut seed = 1u32;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (seed >> 8) as usize % n
        };
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..next(6) {
                text.push_str(&plain[..next(18)]);
                text.push_str(pieces[next(pieces.len())]);
            }
            text.push_str(&plain[..next(3)]);
            let mut fast = Vec::new();
            string(&mut fast, &text);
            assert_eq!(String::from_utf8(fast).unwrap(), serde_string(&text), "{text:?}");
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

    #[test]
    fn every_character_is_escaped_as_serde_and_the_safe_formatter_escape_it() {
        let mut text: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        text.extend([
            '\u{FEFF}',
            '\u{FFF9}',
            '\u{FFFB}',
            '\u{1BCA0}',
            '\u{1D173}',
            '\u{E0001}',
            '\u{E007F}',
            '😀',
            '\u{10FFFD}',
        ]);
        let mut fast = Vec::new();
        string(&mut fast, &text);
        assert_eq!(String::from_utf8(fast).unwrap(), serde_string(&text));
    }
}
