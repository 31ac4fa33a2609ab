//! The sources the export quotes, each with what traces it to its page: publisher,
//! language, publication date (and its note), authors, section, the URL and the archived copy
//! (links only when `http:`/`https:`), when it was read, and the reference in the citation
//! style. The title is in the source's language.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::escape::{Esc, Line, anchor, web_link};
use super::events::{References, lang_attr, time};
use crate::export::Selection;

pub(super) fn write(out: &mut dyn Write, chosen: &Selection<'_>, references: &mut References) -> io::Result<()> {
    if chosen.sources.is_empty() {
        return Ok(());
    }
    let dataset = chosen.dataset;
    writeln!(out, "<section id=\"sources\" aria-labelledby=\"sources-title\">")?;
    writeln!(out, "<h2 id=\"sources-title\">Sources</h2>\n<ol class=\"sources\">")?;
    let mut html = String::new();
    for &s in &chosen.sources {
        html.clear();
        let source = &dataset.sources[s];
        let _ = writeln!(
            html,
            "<li id=\"{}\" data-source=\"{}\">\n<article>\n<h3><cite{}>{}</cite></h3>\n<dl>",
            anchor("source-", &source.id),
            Esc(&source.id),
            lang_attr(&source.language),
            Line(&source.shown_title())
        );
        let mut field = |name: &str, value: String| {
            let _ = writeln!(html, "<div><dt>{name}</dt><dd>{value}</dd></div>");
        };
        if source.title_editorial {
            field("Title", "given by the dataset’s editor: the page has none".to_string());
        }
        if let Some(publisher) = &source.publisher {
            field("Publisher", Line(publisher).to_string());
        }
        field("Language", Esc(&source.language).to_string());
        match &source.date {
            Some(date) => field("Published", format!("{} ({})", time(date), Esc(&date.quality()))),
            None => field("Published", "undated".to_string()),
        }
        if let Some(note) = &source.date_note {
            field("Date note", Line(note).to_string());
        }
        if !source.authors.is_empty() {
            let names: Vec<String> = source.authors.iter().map(|a| Line(a).to_string()).collect();
            field("Authors", names.join("; "));
        }
        if let Some(section) = &source.section {
            field("Section", Line(section).to_string());
        }
        if let Some(url) = &source.url {
            field("URL", link(url));
        }
        if let Some(accessed) = &source.accessed {
            field("Read", time(accessed));
        }
        if let Some(archive) = &source.archive_url {
            field("Archived copy", link(archive));
        }
        field("Cite as", Line(references.of(dataset, s)).to_string());
        html.push_str("</dl>\n</article>\n</li>\n");
        out.write_all(html.as_bytes())?;
    }
    writeln!(out, "</ol>\n</section>")
}

/// A link to a web URL; any other URL as text only.
fn link(url: &str) -> String {
    match web_link(url) {
        Some(href) => format!("<a href=\"{href}\" rel=\"noopener noreferrer\">{}</a>", Line(url)),
        None => format!("<span class=\"not-a-link\">{}</span>", Line(url)),
    }
}
