//! Markdown escaping: dataset text that cannot make structure (see the parent module).

use std::io;

use crate::export::clean;

/// Writes a block, every `$` escaped if there are two or more (a pair could make a formula).
pub(super) fn write_guarded(out: &mut dyn io::Write, text: &str) -> io::Result<()> {
    if text.bytes().filter(|&b| b == b'$').count() < 2 {
        return out.write_all(text.as_bytes());
    }
    out.write_all(text.replace('$', "\\$").as_bytes())
}

/// Sanitised, on one line (line breaks become spaces), trimmed.
pub(super) fn flatten(text: &str) -> String {
    clean(text).split('\n').map(str::trim).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Text for a place that is already inside a line (after `### `, `*Themes:* `, `, `):
/// flattened, inline markers escaped.
pub(super) fn one_line(text: &str) -> String {
    let mut out = String::new();
    escape_inline(&flatten(text), &mut out);
    out
}

/// `text` as paragraphs of lines, each line trimmed and escaped as a line start (empty
/// lines separate paragraphs and are dropped).
pub(super) fn paragraphs(text: &str) -> Vec<Vec<String>> {
    let text = clean(text);
    let mut paragraphs: Vec<Vec<String>> = Vec::new();
    let mut current = Vec::new();
    for raw in text.split('\n') {
        let trimmed = raw.trim();
        if !trimmed.is_empty() {
            current.push(line(trimmed));
        } else if !current.is_empty() {
            paragraphs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
}

/// One trimmed line at the start of a Markdown line: a block marker it starts with is escaped
/// (`> `, `- `, `+`, `=`, `2020. `, `1) `), then the inline markers.
pub(super) fn line(text: &str) -> String {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let after = text[digits..].chars().next();
    let ordered = (1..=9).contains(&digits)
        && matches!(after, Some('.' | ')'))
        && text[digits + 1..].chars().next().is_none_or(char::is_whitespace);
    let at = if matches!(text.chars().next(), Some('>' | '+' | '-' | '=')) {
        Some(0)
    } else if ordered {
        Some(digits)
    } else {
        None
    };
    let mut out = String::with_capacity(text.len() + 4);
    match at {
        Some(at) => {
            escape_inline(&text[..at], &mut out);
            out.push('\\');
            escape_inline(&text[at..], &mut out);
        }
        None => escape_inline(text, &mut out),
    }
    out
}

/// Backslash-escapes the characters that could start inline Markdown (or, at a line start,
/// a heading, list, fence, table or HTML block) or a mention; leaves ordinary prose alone.
fn escape_inline(text: &str, out: &mut String) {
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let rest = &text[i + c.len_utf8()..];
        let next = rest.chars().next();
        let escape = match c {
            // `[` alone: with every `[` escaped, no `]` can close a link or image.
            '\\' | '`' | '*' | '[' | '<' | '|' | '~' => true,
            '_' => !(prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric)),
            '#' => prev.is_none_or(char::is_whitespace),
            '&' => starts_entity(rest),
            // A mention (`@name`), not an address (`someone@example.com`).
            '@' => prev.is_none_or(|p| !p.is_alphanumeric()) && next.is_some_and(char::is_alphanumeric),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        prev = Some(c);
    }
}

/// Whether the text after a `&` makes it an HTML entity (`&amp;`, `&#38;`, `&#x26;`).
fn starts_entity(rest: &str) -> bool {
    let body = rest.strip_prefix('#').unwrap_or(rest);
    let name = body.bytes().take_while(u8::is_ascii_alphanumeric).count();
    name > 0 && body[name..].starts_with(';')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(text: &str) -> String {
        let mut out = String::new();
        escape_inline(text, &mut out);
        out
    }

    #[test]
    fn ordinary_prose_is_left_alone() {
        let prose = "Alibaba’s cloud: 58.5% to €1.5B (C# and snake_case), « cité » - fin. R&D > 3";
        assert_eq!(esc(prose), prose);
        assert_eq!(line("2020 was the year. 3) not a list"), "2020 was the year. 3) not a list");
    }

    #[test]
    fn inline_markers_are_escaped() {
        assert_eq!(esc("# *evil* | [x](y)"), r"\# \*evil\* \| \[x](y)");
        assert_eq!(
            esc("`code` ~~gone~~ <b> _em_ &amp; &#38; a\\b"),
            r"\`code\` \~\~gone\~\~ \<b> \_em\_ \&amp; \&#38; a\\b"
        );
    }

    #[test]
    fn block_markers_are_escaped_at_line_start_only() {
        assert_eq!(line("> quoted"), r"\> quoted");
        assert_eq!(line("- item"), r"\- item");
        assert_eq!(line("+ item"), r"\+ item");
        assert_eq!(line("==="), r"\===");
        assert_eq!(line("2020. A list?"), r"2020\. A list?");
        assert_eq!(line("1)"), r"1\)");
        assert_eq!(line("a > b - c"), "a > b - c");
    }

    #[test]
    fn paragraphs_keep_breaks_and_drop_indentation() {
        assert_eq!(paragraphs("one\n    two\n\n\n- three\u{1b}"), [vec!["one", "two"], vec!["\\- three␛"]]);
        assert_eq!(paragraphs("a\n\nb\n\n"), [["a"], ["b"]]);
        assert!(paragraphs("\n  \n").is_empty());
    }

    #[test]
    fn mentions_are_escaped_but_addresses_and_urls_are_not() {
        assert_eq!(esc("@alice and (@bob) cc:@carol_1"), r"\@alice and (\@bob) cc:\@carol_1");
        assert_eq!(esc("someone@example.com, @ alone, @"), "someone@example.com, @ alone, @");
        let url = "https://example.com/a-b?c=d and www.example.org";
        assert_eq!(esc(url), url);
    }

    fn guarded(text: &str) -> String {
        let mut out = Vec::new();
        write_guarded(&mut out, text).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn dollars_are_escaped_only_where_two_could_make_a_formula() {
        assert_eq!(guarded("up to $1.82 billion\n"), "up to $1.82 billion\n");
        assert_eq!(guarded("from $1B to $2B\n"), "from \\$1B to \\$2B\n");
        assert_eq!(guarded("$$x$$\n"), "\\$\\$x\\$\\$\n");
        assert_eq!(guarded("a $x\nb$ c\n"), "a \\$x\nb\\$ c\n", "across the lines of one paragraph");
    }

    #[test]
    fn one_line_texts_lose_their_line_breaks() {
        assert_eq!(one_line("Title\n# not a heading\r\nend"), r"Title \# not a heading end");
    }
}
