//! Markdown export: a document that reads well on its own and renders the same in any
//! CommonMark / GitHub renderer.
//!
//! Layout: `# {dataset title}`, the description, then per year `## {year}` and per event
//! `### {date} — {title}` (the title after `Planned:` or `Target:` for a plan), a themes line,
//! a date line (precision, certainty, kind, note), the summary, each quote as a `> “…”`
//! blockquote ending `— ` and its source's reference in the configured citation style
//! (`crate::cite`, the same text `Y` copies), and the figures as a list. A `## Sources` list
//! ends the document.
//!
//! Dataset text cannot break that structure: it is sanitised (`crate::text::sanitize`), line
//! breaks become spaces in one-line places (headings, list items), and Markdown-significant
//! characters are backslash-escaped, minimally — inline markers (`\` `` ` `` `*` `[` `<` `|`
//! `~`, `_` outside words, `#` starting a word, `&` starting an entity) everywhere, block
//! markers (`>` `+` `-` `=`, `1.` `1)`) only at the start of a line, and leading spaces are
//! dropped so nothing becomes a code block.
//!
//! Beyond CommonMark, what common renderers (GitHub, GitLab, Pandoc, editors' previews) add:
//! - `@name` would ping a person when the export is pasted into an issue or a chat: an `@`
//!   that starts a word and is followed by a letter or digit is escaped (`\@name`, shown as
//!   `@name`); an `@` inside a word (`someone@example.com`) is left alone.
//! - `$…$` and `$$…$$` would be typeset as mathematics, swallowing the text between two
//!   amounts: in a block (heading, paragraph, blockquote, list item) with two or more `$`,
//!   every `$` is escaped (`\$`, shown as `$`). A lone `$`, as in "$1.82 billion", cannot open
//!   a formula and is left alone.
//! - Bare URLs (`https://…`, `www.…`) and e-mail addresses are left as they are: renderers
//!   that link them show the same text and link to what the text says, so nothing changes
//!   meaning. (`<` is escaped, so no `<…>` autolink or HTML can form.)
//!
//! The document is written block by block: no more than one block is in memory at a time.

use std::fmt::Write as _;
use std::io;

use super::{clean, referenced_sources};
use crate::cite::CitationStyle;
use crate::model::{Dataset, Event, EventKind, Source};
use crate::text::number::amount;

pub(super) fn write(
    out: &mut dyn io::Write,
    dataset: &Dataset,
    events: &[&Event],
    selection: Option<&str>,
    style: CitationStyle,
) -> io::Result<()> {
    let mut doc = Doc { out, started: false };
    doc.block(&format!("# {}\n", one_line(&dataset.title)))?;
    doc.paragraphs(&dataset.description)?;
    if let Some(selection) = selection {
        doc.block(&format!("*Shown: {}.*\n", line(&flatten(selection))))?;
    }
    if events.is_empty() {
        doc.block("*No events.*\n")?;
    }
    let mut year = None;
    // One reference per source, however many of its quotes are exported.
    let mut references = References { style, by_source: std::collections::HashMap::new() };
    for event in events {
        if year != Some(event.date.year) {
            year = Some(event.date.year);
            doc.block(&format!("## {}\n", event.date.year))?;
        }
        write_event(&mut doc, dataset, event, &mut references)?;
    }
    let sources = referenced_sources(dataset, events);
    if !sources.is_empty() {
        doc.block("## Sources\n")?;
        let items = sources.iter().map(|&i| {
            let source = &dataset.sources[i];
            let mut item = format!("- {}", attribution(source));
            if let Some(note) = &source.date_note {
                let _ = write!(item, ". {}", one_line(note));
            }
            item
        });
        doc.list(items)?;
    }
    Ok(())
}

/// The output as a sequence of blocks separated by blank lines, each written as soon as it is
/// complete, with the `$` rule applied.
struct Doc<'w> {
    out: &'w mut dyn io::Write,
    started: bool,
}

impl Doc<'_> {
    /// A block: lines ending with `\n`.
    fn block(&mut self, text: &str) -> io::Result<()> {
        self.separate()?;
        write_guarded(self.out, text)
    }

    /// A list, one item per line; each item is its own block for the `$` rule.
    fn list(&mut self, items: impl Iterator<Item = String>) -> io::Result<()> {
        self.separate()?;
        for mut item in items {
            item.push('\n');
            write_guarded(self.out, &item)?;
        }
        Ok(())
    }

    /// Text as paragraphs (blank lines separate them, single line breaks are kept), each a
    /// block.
    fn paragraphs(&mut self, text: &str) -> io::Result<()> {
        for paragraph in paragraphs(text) {
            self.block(&paragraph.iter().map(|l| format!("{l}\n")).collect::<String>())?;
        }
        Ok(())
    }

    fn separate(&mut self) -> io::Result<()> {
        if self.started {
            self.out.write_all(b"\n")?;
        }
        self.started = true;
        Ok(())
    }
}

/// Writes a block, every `$` escaped if there are two or more (a pair could make a formula).
fn write_guarded(out: &mut dyn io::Write, text: &str) -> io::Result<()> {
    if text.bytes().filter(|&b| b == b'$').count() < 2 {
        return out.write_all(text.as_bytes());
    }
    out.write_all(text.replace('$', "\\$").as_bytes())
}

/// The references of the sources quoted so far, in the export's citation style.
struct References {
    style: CitationStyle,
    by_source: std::collections::HashMap<usize, String>,
}

impl References {
    fn of(&mut self, dataset: &Dataset, source: usize) -> &str {
        let style = self.style;
        self.by_source.entry(source).or_insert_with(|| {
            let source = &dataset.sources[source];
            one_line(&crate::cite::reference(source, style).unwrap_or_else(|| source.title.clone()))
        })
    }
}

fn write_event(doc: &mut Doc<'_>, dataset: &Dataset, event: &Event, references: &mut References) -> io::Result<()> {
    let when = match (&event.end, event.open_start) {
        (_, true) => format!("up to {}", event.date),
        (Some(end), false) => format!("{} to {}", event.date, end),
        (None, false) => event.date.to_string(),
    };
    let plan = match event.kind {
        EventKind::Happened => "",
        EventKind::Planned => "Planned: ",
        EventKind::Target => "Target: ",
    };
    doc.block(&format!(
        "### {} — {plan}{}
",
        one_line(&when),
        one_line(&event.title)
    ))?;
    let themes: Vec<String> = event.themes.iter().map(|&t| one_line(&dataset.themes[t].label)).collect();
    if !themes.is_empty() {
        doc.block(&format!("*Themes:* {}\n", themes.join(", ")))?;
    }
    let mut date = format!("*Date:* {}", event.date.quality());
    if event.open_start {
        date.push_str(", the latest it can be (its start is unknown)");
    }
    if let Some(end) = &event.end {
        let _ = write!(date, "; ends {}", end.quality());
    }
    match event.kind {
        EventKind::Happened => {}
        EventKind::Planned => date.push_str("; planned: the sources say it was to happen, not that it did"),
        EventKind::Target => date.push_str("; a target: the sources do not say it was met"),
    }
    if let Some(note) = &event.date_note {
        let _ = write!(date, ". {}", one_line(note));
    }
    date.push('\n');
    doc.block(&date)?;
    doc.paragraphs(&event.summary)?;
    for quote in &event.quotes {
        let text = format!("“{}”", dataset.quote_text(quote));
        let mut block = String::new();
        for (i, paragraph) in paragraphs(&text).iter().enumerate() {
            if i > 0 {
                block.push_str(">\n");
            }
            for line in paragraph {
                let _ = writeln!(block, "> {line}");
            }
        }
        let _ = writeln!(block, ">\n> — {}", references.of(dataset, quote.source));
        doc.block(&block)?;
    }
    if !event.figures.is_empty() {
        doc.block("Figures, as the sources state them:\n")?;
        let items = event.figures.iter().map(|figure| {
            let mut item =
                format!("- {}: {} {}", line(&flatten(&figure.label)), amount(figure.value), one_line(&figure.unit));
            if let Some((value, unit)) = &figure.converted {
                let _ = write!(item, " (the article converts: {} {})", amount(*value), one_line(unit));
            }
            let source = &dataset.sources[figure.quote.source];
            let _ =
                write!(item, " — “{}”, *{}*", one_line(&dataset.quote_text(&figure.quote)), one_line(&source.title));
            item
        });
        doc.list(items)?;
    }
    Ok(())
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

/// `text` as paragraphs of lines, each line trimmed and escaped as a line start (empty
/// lines separate paragraphs and are dropped).
fn paragraphs(text: &str) -> Vec<Vec<String>> {
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
