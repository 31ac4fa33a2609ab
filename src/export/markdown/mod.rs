//! Markdown export: a document that reads well on its own and renders the same in any
//! CommonMark / GitHub renderer.
//!
//! Layout: `# {dataset title}`, the description, a `## Eras` list, then per year `## {year}`
//! and per event `### {date} — {title}` (the title after `Planned:` or `Target:` for a plan,
//! `Draft:` for work in progress; drafts with no date yet last, under `## Undated`),
//! a themes line, a date line (precision, certainty, kind, note), `**Unsourced:**` when no
//! quote supports the event, the summary, each quote as a `> “…”` blockquote ending `— ` and
//! its source's reference in the configured citation style (`crate::cite`, the same text `Y`
//! copies), and the figures as a list. Then `## Compared facts`: each fact, its flag and its
//! claims as the compare view shows them (`compare.rs`). A `## Sources` list ends the
//! document.
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

mod compare;
mod escape;

use escape::{flatten, line, one_line, paragraphs, write_guarded};

use super::Selection;
use crate::cite::CitationStyle;
use crate::model::{Dataset, Event, EventKind, Source};
use crate::text::number::amount;

pub(super) fn write(
    out: &mut dyn io::Write,
    chosen: &Selection<'_>,
    selection: Option<&str>,
    style: CitationStyle,
) -> io::Result<()> {
    let (dataset, events) = (chosen.dataset, &chosen.events);
    let mut doc = Doc { out, started: false };
    doc.block(&format!("# {}\n", one_line(&dataset.title)))?;
    doc.paragraphs(&dataset.description)?;
    if let Some(selection) = selection {
        doc.block(&format!("*Shown: {}.*\n", line(&flatten(selection))))?;
    }
    compare::eras(&mut doc, dataset)?;
    if events.is_empty() {
        doc.block("*No events.*\n")?;
    }
    let mut year = None;
    // One reference per source, however many of its quotes are exported.
    let mut references = References { style, by_source: std::collections::HashMap::new() };
    for event in events {
        // A draft with no date yet: its date only places it, last, under a heading of its own.
        let heading = (!event.undated).then_some(event.date.year);
        if year != Some(heading) {
            year = Some(heading);
            match heading {
                Some(y) => doc.block(&format!("## {y}\n"))?,
                None => doc.block("## Undated\n")?,
            }
        }
        write_event(&mut doc, dataset, event, &mut references)?;
    }
    compare::facts(&mut doc, chosen, &mut references)?;
    let sources = &chosen.sources;
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
        _ if event.undated => "undated".to_string(),
        (_, true) => format!("up to {}", event.date),
        (Some(end), false) => format!("{} to {}", event.date, end),
        (None, false) => event.date.to_string(),
    };
    let plan = match event.kind {
        EventKind::Happened => "",
        EventKind::Planned => "Planned: ",
        EventKind::Target => "Target: ",
    };
    let draft = if event.is_draft() { "Draft: " } else { "" };
    let title = match event.title.trim() {
        "" => "(no title yet)".to_string(),
        title => one_line(title),
    };
    doc.block(&format!("### {} — {draft}{plan}{title}\n", one_line(&when)))?;
    let themes: Vec<String> = event.themes.iter().map(|&t| one_line(&dataset.themes[t].label)).collect();
    if !themes.is_empty() {
        doc.block(&format!("*Themes:* {}\n", themes.join(", ")))?;
    }
    let mut date = format!("*Date:* {}", crate::export::dates::event_quality(event));
    if let Some(note) = &event.date_note {
        let _ = write!(date, ". {}", one_line(note));
    }
    date.push('\n');
    doc.block(&date)?;
    if event.quotes.is_empty() {
        doc.block("**Unsourced:** no quote supports this event.\n")?;
    }
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
    let mut text = format!("*{}*", one_line(&source.shown_title()));
    if let Some(publisher) = &source.publisher {
        let _ = write!(text, ", {}", one_line(publisher));
    }
    let _ = write!(text, ", {}", one_line(&source.language));
    if let Some(date) = &source.date {
        let _ = write!(text, ", {date}");
    }
    text
}
