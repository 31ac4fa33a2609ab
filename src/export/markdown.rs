//! Markdown export: a document that reads well on its own and renders the same in any
//! CommonMark / GitHub renderer.
//!
//! Layout: `# {dataset title}`, the description, then per year `## {year}` and per event
//! `### {date} — {title}`, a themes line, a date line (precision, certainty, note), the
//! summary, each quote as a `> “…”` blockquote ending `— *Source title*, publisher, language,
//! date`, and the figures as a list. A `## Sources` list ends the document.
//!
//! Dataset text cannot break that structure: it is sanitised (`crate::text::sanitize`), line
//! breaks become spaces in one-line places (headings, list items), and Markdown-significant
//! characters are backslash-escaped, minimally — inline markers (`\` `` ` `` `*` `[` `<` `|`
//! `~`, `_` outside words, `#` starting a word, `&` starting an entity) everywhere, block
//! markers (`>` `+` `-` `=`, `1.` `1)`) only at the start of a line, and leading spaces are
//! dropped so nothing becomes a code block.

use std::fmt::Write;

use super::{clean, referenced_sources};
use crate::model::{Dataset, Event, Source};
use crate::text::number::amount;

pub(super) fn write(dataset: &Dataset, events: &[&Event], selection: Option<&str>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", one_line(&dataset.title));
    push_paragraphs(&mut out, &dataset.description, "");
    if let Some(selection) = selection {
        let _ = writeln!(out, "*Shown: {}.*\n", line(&flatten(selection)));
    }
    if events.is_empty() {
        out.push_str("*No events.*\n\n");
    }
    let mut year = None;
    for event in events {
        if year != Some(event.date.year) {
            year = Some(event.date.year);
            let _ = writeln!(out, "## {}\n", event.date.year);
        }
        push_event(&mut out, dataset, event);
    }
    let sources = referenced_sources(dataset, events);
    if !sources.is_empty() {
        out.push_str("## Sources\n\n");
        for &i in &sources {
            let source = &dataset.sources[i];
            let _ = write!(out, "- {}", attribution(source));
            if let Some(note) = &source.date_note {
                let _ = write!(out, ". {}", one_line(note));
            }
            out.push('\n');
        }
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn push_event(out: &mut String, dataset: &Dataset, event: &Event) {
    let when = match &event.end {
        Some(end) => format!("{} to {}", event.date, end),
        None => event.date.to_string(),
    };
    let _ = writeln!(out, "### {when} — {}\n", one_line(&event.title));
    let themes: Vec<String> = event.themes.iter().map(|&t| one_line(&dataset.themes[t].label)).collect();
    if !themes.is_empty() {
        let _ = writeln!(out, "*Themes:* {}\n", themes.join(", "));
    }
    let _ = write!(out, "*Date:* {}", event.date.quality());
    if let Some(note) = &event.date_note {
        let _ = write!(out, ". {}", one_line(note));
    }
    out.push_str("\n\n");
    push_paragraphs(out, &event.summary, "");
    for quote in &event.quotes {
        let source = &dataset.sources[quote.source];
        push_paragraphs(out, &format!("“{}”", dataset.quote_text(quote)), "> ");
        let _ = writeln!(out, ">\n> — {}\n", attribution(source));
    }
    if !event.figures.is_empty() {
        out.push_str("Figures, as the sources state them:\n\n");
        for figure in &event.figures {
            let _ =
                write!(out, "- {}: {} {}", line(&flatten(&figure.label)), amount(figure.value), one_line(&figure.unit));
            if let Some((value, unit)) = &figure.converted {
                let _ = write!(out, " (the article converts: {} {})", amount(*value), one_line(unit));
            }
            let source = &dataset.sources[figure.quote.source];
            let _ =
                writeln!(out, " — “{}”, *{}*", one_line(&dataset.quote_text(&figure.quote)), one_line(&source.title));
        }
        out.push('\n');
    }
}

/// `*Title*, publisher, language, date` (publisher and date when known).
fn attribution(source: &Source) -> String {
    let mut text = format!("*{}*", one_line(&source.title));
    if let Some(publisher) = &source.publisher {
        let _ = write!(text, ", {}", one_line(publisher));
    }
    let _ = write!(text, ", {}", one_line(&source.language));
    if let Some(date) = &source.date {
        let _ = write!(text, ", {date}");
    }
    text
}

/// Sanitised, on one line (line breaks become spaces), trimmed.
fn flatten(text: &str) -> String {
    clean(text).split('\n').map(str::trim).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Text for a place that is already inside a line (after `### `, `*Themes:* `, `, `):
/// flattened, inline markers escaped.
fn one_line(text: &str) -> String {
    let mut out = String::new();
    escape_inline(&flatten(text), &mut out);
    out
}

/// Appends `text` as paragraphs (blank lines separate them, single line breaks are kept),
/// every line starting with `prefix` (`"> "` in a blockquote) and escaped as a line start.
fn push_paragraphs(out: &mut String, text: &str, prefix: &str) {
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
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if i > 0 {
            let _ = writeln!(out, "{}", prefix.trim_end());
        }
        for line in paragraph {
            let _ = writeln!(out, "{prefix}{line}");
        }
    }
    if prefix.is_empty() && !paragraphs.is_empty() {
        out.push('\n');
    }
}

/// One trimmed line at the start of a Markdown line: a block marker it starts with is escaped
/// (`> `, `- `, `+`, `=`, `2020. `, `1) `), then the inline markers.
fn line(text: &str) -> String {
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
/// a heading, list, fence, table or HTML block); leaves ordinary prose alone.
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
        let mut out = String::new();
        push_paragraphs(&mut out, "one\n    two\n\n\n- three\u{1b}", "> ");
        assert_eq!(out, "> one\n> two\n>\n> \\- three␛\n");
        let mut out = String::new();
        push_paragraphs(&mut out, "a\n\nb\n\n", "");
        assert_eq!(out, "a\n\nb\n\n");
    }

    #[test]
    fn one_line_texts_lose_their_line_breaks() {
        assert_eq!(one_line("Title\n# not a heading\r\nend"), r"Title \# not a heading end");
    }
}
