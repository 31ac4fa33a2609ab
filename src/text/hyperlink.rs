//! Terminal hyperlinks (OSC 8): the one place that writes them. A link opens with
//! `ESC ] 8 ; ; URL ESC \`, covers the text printed after it, and ends with
//! `ESC ] 8 ; ; ESC \`.
//!
//! The URL comes from a dataset, so it is audited here: it must parse as an absolute `http`
//! or `https` URL (the `url` crate), and its serialisation (percent-encoded, ASCII) must be
//! printable ASCII only — no ESC, BEL, C0 or C1 control, DEL or space — must not hold `]8;`
//! (nothing that could pass for another hyperlink), and must fit in 2,048 bytes, the length
//! terminals accept. A URL that fails is not linked: the text is shown plain.

/// What ends a link.
pub const END: &str = "\u{1b}]8;;\u{1b}\\";

/// The longest URL linked.
pub const MAX_URL_BYTES: usize = 2048;

/// The URL as it goes inside the sequence, or `None` if it cannot go there safely.
pub fn audited(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") || !parsed.has_host() {
        return None;
    }
    let out = parsed.as_str();
    let printable = out.bytes().all(|b| (0x21..=0x7E).contains(&b));
    (printable && !out.contains("]8;") && out.len() <= MAX_URL_BYTES).then(|| out.to_string())
}

/// The sequence that starts a link to `url`, or `None` when the URL fails the audit.
pub fn start(url: &str) -> Option<String> {
    audited(url).map(|url| format!("\u{1b}]8;;{url}\u{1b}\\"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_url_is_linked() {
        assert_eq!(
            start("https://example.com/a?b=c#d").as_deref(),
            Some("\u{1b}]8;;https://example.com/a?b=c#d\u{1b}\\")
        );
    }

    #[test]
    fn control_characters_never_reach_the_sequence() {
        for url in [
            "https://example.com/\u{1b}]0;pwned\u{7}",
            "https://example.com/a\u{9b}2J",
            "https://example.com/\u{7}bell",
            "https://example.com/tab\tnew\nline\r",
            "https://example.com/\u{7f}del",
            "https://exa\u{1b}mple.com/",
        ] {
            if let Some(sequence) = start(url) {
                let inside = &sequence["\u{1b}]8;;".len()..sequence.len() - 2];
                assert!(inside.bytes().all(|b| (0x21..=0x7E).contains(&b)), "{url:?} gave {sequence:?}");
            }
        }
        // Controls in the path are percent-encoded by the URL's serialisation.
        let escaped = audited("https://example.com/\u{1b}x\u{7}y").expect("encoded");
        assert_eq!(escaped, "https://example.com/%1Bx%07y");
    }

    #[test]
    fn a_url_holding_another_link_sequence_is_not_linked() {
        assert_eq!(start("https://example.com/\u{1b}]8;;https://evil.example/\u{1b}\\"), None);
        assert_eq!(start("https://example.com/]8;;https://evil.example/"), None);
    }

    #[test]
    fn what_is_not_a_web_address_is_not_linked() {
        for url in ["javascript:alert(1)", "file:///etc/passwd", "example.com", "", "https://"] {
            assert_eq!(start(url), None, "{url}");
        }
        assert_eq!(start(&format!("https://example.com/{}", "a".repeat(MAX_URL_BYTES))), None);
    }
}
