//! Dataset text made safe for HTML: every string is sanitised (`crate::text::sanitize`: no
//! control, bidi or invisible format character) and its `&`, `<`, `>`, `"` and `'` written as
//! character references, the same in text and in (always double-quoted) attribute values, so
//! no text can open a tag, end an attribute or a `<style>`/`<script>` block. Links are made
//! only to `http:` and `https:` URLs; language attributes only from well-formed tags.

use std::fmt;

use crate::export::clean;

/// Dataset text, escaped as it is written (`write!(out, "{}", Esc(text))`).
pub(crate) struct Esc<'a>(pub &'a str);

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = clean(self.0);
        let mut rest: &str = &text;
        while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
            f.write_str(&rest[..at])?;
            f.write_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            rest = &rest[at + 1..];
        }
        f.write_str(rest)
    }
}

/// Escaped, on one line: line breaks and runs of white space become one space.
pub(crate) struct Line<'a>(pub &'a str);

impl fmt::Display for Line<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, word) in self.0.split([' ', '\n', '\r', '\t']).filter(|w| !w.is_empty()).enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{}", Esc(word))?;
        }
        Ok(())
    }
}

/// Escaped paragraphs: a blank line separates `<p>`s, a single line break is a `<br>`.
pub(crate) struct Paragraphs<'a>(pub &'a str);

impl fmt::Display for Paragraphs<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0.replace("\r\n", "\n");
        for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            f.write_str("<p>")?;
            for (i, line) in paragraph.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
                if i > 0 {
                    f.write_str("<br>")?;
                }
                write!(f, "{}", Esc(line))?;
            }
            f.write_str("</p>")?;
        }
        Ok(())
    }
}

/// The URL as an `href`, when it parses as an absolute `http:` or `https:` URL: written as
/// the parser serialises it (percent-encoded), escaped for the attribute. Any other scheme
/// (`javascript:`, `data:`, `file:`) gets no link.
pub(crate) fn web_link(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    matches!(parsed.scheme(), "http" | "https").then(|| Esc(parsed.as_str()).to_string())
}

/// A `lang` value for a language code that is a well-formed tag (`fr`, `en`, `zh-Hant`):
/// letters, digits and hyphens, starting with two or three letters; else none.
pub(crate) fn lang_tag(code: &str) -> Option<&str> {
    let primary = code.split('-').next().unwrap_or("");
    let well_formed = (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && code.len() <= 35
        && code.split('-').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric()));
    well_formed.then_some(code)
}

/// An id usable in an `id` attribute and a URL fragment: the dataset id with anything but
/// ASCII letters, digits and `-` written as `_`, its code point in hex and `_` (ids that
/// differ stay different).
pub(crate) fn anchor(prefix: &str, id: &str) -> String {
    let mut out = String::with_capacity(prefix.len() + id.len());
    out.push_str(prefix);
    for c in id.chars() {
        if c.is_ascii_alphanumeric() || c == '-' {
            out.push(c);
        } else {
            out.push_str(&format!("_{:x}_", c as u32));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_cannot_form() {
        let text = Esc("</style><script>alert('x')</script> & \"q\"").to_string();
        assert_eq!(text, "&lt;/style&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
        assert_eq!(Esc("« cité » 阿里云").to_string(), "« cité » 阿里云");
        assert_eq!(Esc("esc\u{1b}[2J rlo\u{202e}").to_string(), "esc␛[2J rlo\\u{202E}");
    }

    #[test]
    fn lines_and_paragraphs() {
        assert_eq!(Line("a\n  b\r\n<c>").to_string(), "a b &lt;c&gt;");
        assert_eq!(Paragraphs("one\ntwo\n\n\nthree <b>").to_string(), "<p>one<br>two</p><p>three &lt;b&gt;</p>");
        assert_eq!(Paragraphs("").to_string(), "");
    }

    #[test]
    fn only_web_links_are_made() {
        assert_eq!(
            web_link("https://example.com/a?b=1&c=\"2\"").as_deref(),
            Some("https://example.com/a?b=1&amp;c=%222%22")
        );
        assert_eq!(web_link("http://x.example/<script>").as_deref(), Some("http://x.example/%3Cscript%3E"));
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            " javascript:x",
            "data:text/html,<b>",
            "file:///etc/passwd",
            "/relative",
            "vbscript:x",
        ] {
            assert_eq!(web_link(bad), None, "{bad}");
        }
    }

    #[test]
    fn language_tags_and_anchors() {
        assert_eq!(lang_tag("fr"), Some("fr"));
        assert_eq!(lang_tag("zh-Hant"), Some("zh-Hant"));
        assert_eq!(lang_tag("en\" onmouseover=\"x"), None);
        assert_eq!(lang_tag("f"), None);
        assert_eq!(anchor("event-", "plan-2020"), "event-plan-2020");
        assert_eq!(anchor("event-", "a\"b c"), "event-a_22_b_20_c");
        assert_ne!(anchor("e-", "a_b"), anchor("e-", "a-b"));
    }
}
