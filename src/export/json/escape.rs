//! JSON strings as serde_json's escaper and `SafeFormatter` write them, in one pass: JSON's
//! escapes and the characters `is_unsafe` flags together, the runs between them copied whole.

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
pub(super) fn one_line(out: &mut Vec<u8>, passage: &str) {
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

#[cfg(test)]
mod tests {
    use serde::Serialize;
    use serde_json::ser::PrettyFormatter;

    use super::super::SafeFormatter;
    use super::*;

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
        let pieces: Vec<char> = concat!(
            "\"\\/\u{0}\u{1}\u{8}\t\n\u{b}\u{c}\r\u{1b}\u{1f}\u{7f}",
            "\u{80}\u{85}\u{9f}\u{a0}\u{ab}\u{ad}é\u{61c}\u{180e}",
            "\u{200b}\u{200d}’—\u{2027}\u{2028}\u{2029}\u{202e}\u{2066}\u{206f}\u{2070}中",
            "\u{feff}\u{fffb}\u{fffd}😀\u{1bca3}\u{1d173}\u{e0001}\u{e007f}\u{e0100}",
        )
        .chars()
        .collect();
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
                text.push(pieces[next(pieces.len())]);
            }
            text.push_str(&plain[..next(3)]);
            let mut fast = Vec::new();
            string(&mut fast, &text);
            assert_eq!(String::from_utf8(fast).unwrap(), serde_string(&text), "{text:?}");
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
