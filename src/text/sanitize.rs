//! Makes dataset text safe to draw: nothing from a dataset reaches the terminal as a control
//! sequence, and no invisible character hides, reorders or smuggles text.
//!
//! The rule, applied once at load to every string:
//! - `\r\n` and lone `\r` become `\n`; `\n` is kept (paragraphs); the other line breaks, U+0085
//!   (NEL), U+2028 (line separator) and U+2029 (paragraph separator), become `\n` too;
//! - a tab becomes four spaces;
//! - every other C0 control and DEL becomes its Unicode control picture (`␛` for ESC, `␇` for
//!   BEL, `␀` for NUL, `␡` for DEL);
//! - every other C1 control (U+0080–U+009F), the bidi controls (U+061C, U+200E, U+200F,
//!   U+202A–U+202E, U+2066–U+2069) and the invisible format characters (U+00AD, U+180E, U+200B,
//!   U+2060–U+2065, U+206A–U+206F, U+FEFF, U+FFF9–U+FFFB, U+1BCA0–U+1BCA3, U+1D173–U+1D17A and
//!   the tag characters U+E0000–U+E007F) become visible text naming them: `\u{9B}`, `\u{202E}`.
//!
//! Kept as they are: zero-width joiners (U+200C, U+200D) and variation selectors (U+FE00–U+FE0F,
//! U+E0100–U+E01EF, U+180B–U+180D), which shape emoji and scripts and can neither move the
//! cursor nor reorder text; combining marks; everything else.
//!
//! `is_unsafe` says which characters the rule changes (all but `\n`), and `is_clean` checks a
//! whole string for them, byte by byte, without decoding: the fast path of `sanitize`. The
//! output of `sanitize` is always clean, and sanitising it again changes nothing.

use std::borrow::Cow;

/// Whether a character must not reach the terminal as itself: `sanitize` replaces it. `\n` is
/// the one control character kept.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() && c != '\n' || is_line_separator(c) || is_invisible_format(c)
}

/// U+2028 and U+2029: line breaks that terminals do not break on.
fn is_line_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

/// Bidi controls and invisible format characters (general category Cf, except the visible
/// prepended concatenation marks such as U+0600, and ZWNJ/ZWJ).
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// Whether `text` holds no character `is_unsafe` flags, so `sanitize` would return it as it
/// is. Looks at bytes: most text is checked without decoding a character.
pub fn is_clean(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Eight bytes of printable ASCII at a time (most text); else straight to the first
        // byte that is not.
        if let Some(word) = b.get(i..i + 8) {
            let odd = not_plain_ascii(u64::from_le_bytes(word.try_into().unwrap_or_default()));
            if odd == 0 {
                i += 8;
                continue;
            }
            i += odd.trailing_zeros() as usize / 8;
        }
        // `i` is at the start of a character: a flagged one is told by its first bytes, and
        // the others are stepped over whole.
        let flagged = match b[i] {
            b'\n' => false,
            0x00..=0x1F | 0x7F => true,
            0x80.. => unsafe_beyond_ascii(b, i),
            _ => false,
        };
        let width = match b[i] {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xFF => 4,
            _ => 1,
        };
        if flagged {
            return false;
        }
        i += width;
    }
    true
}

/// Whether the character whose first byte is `b[i]` (0x80 or more) is one `is_unsafe` flags,
/// told from its bytes without decoding it. A byte past the end counts as 0.
#[inline]
pub(crate) fn unsafe_beyond_ascii(b: &[u8], i: usize) -> bool {
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    match b[i] {
        // U+0080–U+009F (C1 controls) and U+00AD.
        0xC2 => matches!(at(i + 1), 0x80..=0x9F | 0xAD),
        // U+061C.
        0xD8 => at(i + 1) == 0x9C,
        // U+180E.
        0xE1 => at(i + 1) == 0xA0 && at(i + 2) == 0x8E,
        // U+200B, U+200E, U+200F, U+2028–U+202E; U+2060–U+206F.
        0xE2 => match at(i + 1) {
            0x80 => matches!(at(i + 2), 0x8B | 0x8E | 0x8F | 0xA8..=0xAE),
            0x81 => matches!(at(i + 2), 0xA0..=0xAF),
            _ => false,
        },
        // U+FEFF; U+FFF9–U+FFFB.
        0xEF => matches!((at(i + 1), at(i + 2)), (0xBB, 0xBF) | (0xBF, 0xB9..=0xBB)),
        // U+1BCA0–U+1BCA3; U+1D173–U+1D17A.
        0xF0 => matches!((at(i + 1), at(i + 2), at(i + 3)), (0x9B, 0xB2, 0xA0..=0xA3) | (0x9D, 0x85, 0xB3..=0xBA)),
        // U+E0000–U+E007F.
        0xF3 => at(i + 1) == 0xA0 && matches!(at(i + 2), 0x80 | 0x81),
        _ => false,
    }
}

/// The bytes of `word` that are not printable ASCII (0x20–0x7E): below 0x20, with the high
/// bit set, or 0x7F. Zero when there is none; else the lowest set bit is in the first such
/// byte (bytes after it may be marked wrongly, by a borrow).
fn not_plain_ascii(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte below 0x20 borrows when 0x20 is taken from it; one of 0x7F carries into the
    // high bit when 1 is added; a byte of 0x80 or more has it already.
    let below_space = word.wrapping_sub(0x20 * ONES) & !word & HIGH;
    let del_or_high = (word.wrapping_add(ONES) | word) & HIGH;
    below_space | del_or_high
}

/// Returns the text with the rule above applied; borrows when there is nothing to change.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if is_clean(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\t' => out.push_str("    "),
            '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\u{7F}' => out.push('\u{2421}'),
            c if (c as u32) < 0x20 => {
                out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'));
            }
            c if is_unsafe(c) => {
                out.push_str(&format!("\\u{{{:X}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The length in bytes of `sanitize(text)`, worked out without building it: a limit on the
/// length of a string is checked on this, since a tab takes four bytes once expanded and a
/// control character three (a 16 MiB string of tabs would be 64 MiB).
pub fn sanitized_len(text: &str) -> usize {
    if is_clean(text) {
        return text.len();
    }
    let mut len = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        len += match c {
            '\r' if chars.peek() == Some(&'\n') => 0,
            '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => 1,
            '\t' => 4,
            '\u{7F}' => 3,
            c if (c as u32) < 0x20 => 3,
            // `\u{…}`: four bytes and the hexadecimal digits.
            c if is_unsafe(c) => 4 + format!("{:X}", c as u32).len(),
            c => c.len_utf8(),
        };
    }
    len
}

/// `sanitize` for an owned string, reusing it when it is already safe.
pub fn sanitize_owned(text: String) -> String {
    match sanitize(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(clean) => clean,
    }
}

/// `sanitize`, then every `\n` as `␤` (U+2424): for text quoted inside a one-line message,
/// such as a diagnostic, where a line break would start what looks like another message.
pub fn one_line(text: &str) -> Cow<'_, str> {
    match sanitize(text) {
        Cow::Borrowed(t) if !t.contains('\n') => Cow::Borrowed(t),
        clean => Cow::Owned(clean.replace('\n', "\u{2424}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_bytes_at_a_time_agree_with_one_at_a_time() {
        // Every byte value at every place among printable neighbours (and beside 0xFF, whose
        // carry must not hide a neighbour).
        for fill in [b'a', b'~', b' ', 0xFF] {
            for place in 0..8 {
                for byte in 0..=255u8 {
                    let mut word = [fill; 8];
                    word[place] = byte;
                    let first = word.iter().position(|b| !(0x20..=0x7E).contains(b));
                    let odd = not_plain_ascii(u64::from_le_bytes(word));
                    let found = (odd != 0).then(|| odd.trailing_zeros() as usize / 8);
                    assert_eq!(found, first, "{word:?}");
                }
            }
        }
        let long = "plain text, long enough to be read eight bytes at a time, and then some";
        assert!(is_clean(long));
        assert!(!is_clean(&format!("{long}\u{7f}")));
        assert!(!is_clean(&format!("{long}{}", '\u{202E}')));
        assert!(is_clean(&format!("{long}\n{long}")));
        // Characters of every width before a flagged one, in a word and past the last one.
        for before in ["é", "’", "中", "😀", "é’中😀"] {
            assert!(is_clean(&format!("ab{before}cdefghijk{before}")));
            assert!(!is_clean(&format!("ab{before}\u{202E}cdefghijk")));
            assert!(!is_clean(&format!("abcdefghijk{before}\u{ad}")));
        }
    }

    #[test]
    fn safe_text_is_borrowed_unchanged() {
        let text = "Alibaba « cloud » 阿里云 e\u{301}\nnext";
        assert!(matches!(sanitize(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn controls_become_visible_placeholders() {
        assert_eq!(sanitize("a\u{1b}[2Jb\u{7}"), "a␛[2Jb␇");
        assert_eq!(sanitize("\u{1b}]0;pwned\u{7}"), "␛]0;pwned␇");
        assert_eq!(sanitize("x\u{9b}y\u{7f}\0"), "x\\u{9B}y␡␀");
        assert_eq!(sanitize("\u{202E}evil\u{2066}"), "\\u{202E}evil\\u{2066}");
        assert_eq!(sanitize("zero\u{200B}width"), "zero\\u{200B}width");
    }

    #[test]
    fn tabs_and_line_breaks_are_handled_deliberately() {
        assert_eq!(sanitize("a\tb"), "a    b");
        assert_eq!(sanitize("one\r\ntwo\rthree"), "one\ntwo\nthree");
        assert_eq!(sanitize("one\u{85}two\u{2028}three\u{2029}four"), "one\ntwo\nthree\nfour");
        assert_eq!(sanitize("\r\r\n\n"), "\n\n\n");
    }

    #[test]
    fn other_invisible_format_characters_become_visible() {
        assert_eq!(sanitize("a\u{FFF9}b\u{FFFA}c\u{FFFB}"), "a\\u{FFF9}b\\u{FFFA}c\\u{FFFB}");
        assert_eq!(sanitize("\u{1D173}\u{1D17A}"), "\\u{1D173}\\u{1D17A}");
        assert_eq!(sanitize("hi\u{E0001}\u{E0041}\u{E007F}"), "hi\\u{E0001}\\u{E0041}\\u{E007F}");
        assert_eq!(sanitize("\u{206A}\u{2065}\u{1BCA0}"), "\\u{206A}\\u{2065}\\u{1BCA0}");
        assert_eq!(sanitize("soft\u{AD}hyphen"), "soft\\u{AD}hyphen");
    }

    #[test]
    fn joiners_variation_selectors_and_marks_are_kept() {
        for text in [
            "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}",
            "\u{2764}\u{FE0F}",
            "\u{845B}\u{E0100}",
            "zw\u{200C}nj",
            "e\u{301}\u{302}",
            "\u{1820}\u{180B}",
            "\u{0600}\u{0661}",
        ] {
            assert!(matches!(sanitize(text), Cow::Borrowed(_)), "{}", text.escape_unicode());
        }
    }

    #[test]
    fn is_clean_agrees_with_is_unsafe_on_every_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(is_clean(&text), !is_unsafe(c), "U+{:04X}", c as u32);
            // At the very end too, where the byte checks look past the text.
            assert_eq!(is_clean(&text[..text.len() - 1]), !is_unsafe(c), "U+{:04X} at the end", c as u32);
        }
    }

    #[test]
    fn output_is_always_clean_and_sanitising_twice_changes_nothing() {
        let samples: Vec<String> = vec![
            (0u32..0x300).filter_map(char::from_u32).collect(),
            (0x2000u32..0x2100).filter_map(char::from_u32).collect(),
            (0xFE00u32..=0xFFFF).filter_map(char::from_u32).collect(),
            (0xE0000u32..0xE0200).filter_map(char::from_u32).collect(),
            "\r\n\r\r\t\u{85}\u{2028}".to_string(),
        ];
        for text in &samples {
            let once = sanitize(text);
            assert!(is_clean(&once), "{}", once.escape_debug());
            assert!(!once.chars().any(is_unsafe));
            assert_eq!(sanitize(&once), once);
        }
    }

    #[test]
    fn sanitized_len_is_the_length_of_the_sanitized_text() {
        let samples = [
            String::new(),
            "plain".to_string(),
            "a\tb\r\nc\rd\u{85}e\u{2028}".to_string(),
            "\t".repeat(1000),
            (0u32..0x300).filter_map(char::from_u32).collect(),
            (0x2000u32..0x2100).filter_map(char::from_u32).collect(),
            (0xE0000u32..0xE0200).filter_map(char::from_u32).collect(),
            "\r\r\n\n\u{1b}\u{7f}\u{9b}\u{feff}\u{1D173}".to_string(),
        ];
        for text in &samples {
            assert_eq!(sanitized_len(text), sanitize(text).len(), "{}", text.escape_debug());
        }
    }

    #[test]
    fn one_line_has_no_line_break() {
        assert_eq!(one_line("a\nb\r\nc\u{1b}"), "a␤b␤c␛");
        assert!(matches!(one_line("plain"), Cow::Borrowed("plain")));
        assert!(!one_line("x\u{2028}y\u{85}").chars().any(char::is_control));
    }
}
