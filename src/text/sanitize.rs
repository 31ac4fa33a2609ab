//! Makes dataset text safe to draw: nothing from a dataset reaches the terminal as a control
//! sequence.
//!
//! The rule, applied once at load to every string:
//! - `\r\n` and lone `\r` become `\n`; `\n` is kept (paragraphs);
//! - a tab becomes four spaces;
//! - every other C0 control, DEL and every C1 control (U+0080–U+009F) becomes a visible
//!   placeholder: the Unicode control picture (`␛` for ESC, `␇` for BEL, `␡` for DEL) or
//!   `\u{85}` for C1;
//! - bidi controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and invisible format
//!   characters (U+200B, U+2060–U+2064, U+FEFF, U+00AD, U+180E) become `\u{202E}`-style text.
//!
//! Zero-width joiners (U+200C, U+200D) are kept: they shape emoji and scripts and cannot move
//! the cursor or reorder text.

use std::borrow::Cow;

/// Whether a character must not reach the terminal as itself.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() && c != '\n' || is_invisible_format(c)
}

fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{00AD}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Returns the text with the rule above applied; borrows when there is nothing to change.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
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
            '\n' => out.push('\n'),
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

/// `sanitize` for an owned string, reusing it when it is already safe.
pub fn sanitize_owned(text: String) -> String {
    match sanitize(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(clean) => clean,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_text_is_borrowed_unchanged() {
        let text = "Alibaba « cloud » 阿里云 e\u{301}\nnext";
        assert!(matches!(sanitize(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn controls_become_visible_placeholders() {
        assert_eq!(sanitize("a\u{1b}[2Jb\u{7}"), "a␛[2Jb␇");
        assert_eq!(sanitize("x\u{9b}y\u{7f}"), "x\\u{9B}y␡");
        assert_eq!(sanitize("\u{202E}evil\u{2066}"), "\\u{202E}evil\\u{2066}");
        assert_eq!(sanitize("zero\u{200B}width"), "zero\\u{200B}width");
    }

    #[test]
    fn tabs_and_carriage_returns_are_handled_deliberately() {
        assert_eq!(sanitize("a\tb"), "a    b");
        assert_eq!(sanitize("one\r\ntwo\rthree"), "one\ntwo\nthree");
    }

    #[test]
    fn output_is_always_safe() {
        let nasty: String = (0u32..0x300).filter_map(char::from_u32).collect();
        assert!(!sanitize(&nasty).chars().any(is_unsafe));
    }
}
