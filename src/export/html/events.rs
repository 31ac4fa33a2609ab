//! The events, by year: `<section class="year">` with an `<h3>` and an ordered list of
//! events, each an `<article>` with its date as written (and as a `<time>`), how well it is
//! known, its note, themes, summary, quotes (`<blockquote lang>` and the reference in the
//! citation style `Y` copies) and figures. The `data-year`, `data-themes` and
//! `data-sources` attributes are what the page's filters read.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::escape::{Esc, Line, Paragraphs, anchor, lang_tag, web_link};
use crate::export::Selection;
pub(super) use crate::export::references::References;
use crate::model::{Dataset, Date, Event, EventKind, Precision};
use crate::text::number::amount;

pub(super) fn write(out: &mut dyn Write, chosen: &Selection<'_>, references: &mut References) -> io::Result<()> {
    let dataset = chosen.dataset;
    let total = chosen.events.len();
    writeln!(out, "<section id=\"events\" aria-labelledby=\"events-title\">")?;
    writeln!(out, "<h2 id=\"events-title\">Events <span class=\"total\">({total})</span></h2>")?;
    if total == 0 {
        writeln!(out, "<p>No events.</p>")?;
    }
    let mut year = None;
    let mut item = String::new();
    for event in &chosen.events {
        // A draft with no date yet: its date only places it, last, in a section of its own.
        let heading = year_of(event);
        if year.as_ref() != Some(&heading) {
            if year.is_some() {
                writeln!(out, "</ol>\n</section>")?;
            }
            let (id, title) = match heading {
                Some(y) => (y.to_string(), y.to_string()),
                None => ("undated".to_string(), "Undated".to_string()),
            };
            year = Some(heading);
            writeln!(
                out,
                "<section class=\"year\" id=\"year-{id}\" data-year=\"{id}\">\n<h3>{title}</h3>\n<ol class=\"events\">"
            )?;
        }
        item.clear();
        event_item(&mut item, dataset, event, references);
        out.write_all(item.as_bytes())?;
    }
    if year.is_some() {
        writeln!(out, "</ol>\n</section>")?;
    }
    writeln!(out, "</section>")
}

/// The year an event stands in, none for a draft with no date yet.
fn year_of(event: &Event) -> Option<i32> {
    (!event.undated).then_some(event.date.year)
}

/// `datetime` for a date at its precision: `2015`, `2015-07`, `2015-07-29`.
pub(super) fn datetime(date: &Date) -> String {
    match date.precision() {
        Precision::Year => format!("{:04}", date.year),
        Precision::Month => format!("{:04}-{:02}", date.year, date.month.unwrap_or(1)),
        Precision::Day => format!("{:04}-{:02}-{:02}", date.year, date.month.unwrap_or(1), date.day.unwrap_or(1)),
    }
}

/// A date as written, in a `<time>`.
pub(super) fn time(date: &Date) -> String {
    format!("<time datetime=\"{}\">{}</time>", datetime(date), Esc(&date.to_string()))
}

fn event_item(out: &mut String, dataset: &Dataset, event: &Event, references: &mut References) {
    let themes: Vec<&str> = event.themes.iter().map(|&t| dataset.themes[t].id.as_str()).collect();
    let mut sources: Vec<&str> = event
        .quotes
        .iter()
        .chain(event.figures.iter().map(|f| &f.quote))
        .map(|q| dataset.sources[q.source].id.as_str())
        .collect();
    sources.sort_unstable();
    sources.dedup();
    let _ = writeln!(
        out,
        "<li class=\"event{}\" id=\"{}\" data-year=\"{}\" data-themes=\"{}\" data-sources=\"{}\">\n<article>",
        if event.kind.is_plan() { " plan" } else { "" },
        anchor("event-", &event.id),
        year_of(event).map_or_else(|| "undated".to_string(), |y| y.to_string()),
        Esc(&themes.join(" ")),
        Esc(&sources.join(" ")),
    );
    let when = match (&event.end, event.open_start) {
        _ if event.undated => "undated".to_string(),
        (_, true) => format!("up to {}", time(&event.date)),
        (Some(end), false) => format!("{} to {}", time(&event.date), time(end)),
        (None, false) => time(&event.date),
    };
    let plan = match event.kind {
        EventKind::Happened => "",
        EventKind::Planned => "<span class=\"kind\">Planned:</span> ",
        EventKind::Target => "<span class=\"kind\">Target:</span> ",
    };
    let draft = if event.is_draft() { "<span class=\"kind\">Draft:</span> " } else { "" };
    let title = match event.title.trim() {
        "" => "(no title yet)".to_string(),
        title => Line(title).to_string(),
    };
    let _ = writeln!(out, "<h4><span class=\"when\">{when}</span> — {draft}{plan}{title}</h4>");
    let quality = crate::export::dates::event_quality(event);
    let _ = write!(out, "<p class=\"date\"><span class=\"label\">Date:</span> {}", Esc(&quality));
    if let Some(note) = &event.date_note {
        let _ = write!(out, ". <span class=\"date-note\">{}</span>", Line(note));
    }
    out.push_str("</p>\n");
    if !event.themes.is_empty() {
        out.push_str("<ul class=\"themes\" aria-label=\"Themes\">");
        for &t in &event.themes {
            let theme = &dataset.themes[t];
            let _ = write!(out, "<li data-theme=\"{}\">{}</li>", Esc(&theme.id), Line(&theme.label));
        }
        out.push_str("</ul>\n");
    }
    if event.quotes.is_empty() {
        out.push_str("<p class=\"unsourced\"><strong>Unsourced:</strong> no quote supports this event.</p>\n");
    }
    let _ = writeln!(out, "<div class=\"summary\">{}</div>", Paragraphs(&event.summary));
    for quote in &event.quotes {
        quote_figure(out, &dataset.quote_text(quote), quote.source, dataset, references);
    }
    if !event.figures.is_empty() {
        out.push_str("<p class=\"figures-title\">Figures, as the sources state them:</p>\n<ul class=\"figures\">\n");
        for figure in &event.figures {
            let source = &dataset.sources[figure.quote.source];
            let _ = write!(
                out,
                "<li>{}: <strong>{} {}</strong>",
                Line(&figure.label),
                amount(figure.value),
                Line(&figure.unit)
            );
            if let Some((value, unit)) = &figure.converted {
                let _ = write!(out, " (the article converts: {} {})", amount(*value), Line(unit));
            }
            let _ = writeln!(
                out,
                " — <q{}>{}</q>, <a href=\"#{}\"><cite>{}</cite></a></li>",
                lang_attr(&source.language),
                Line(&dataset.quote_text(&figure.quote)),
                anchor("source-", &source.id),
                Line(&source.shown_title())
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</article>\n</li>\n");
}

/// ` lang="fr"` for a well-formed language code, else nothing.
pub(super) fn lang_attr(code: &str) -> String {
    lang_tag(code).map(|tag| format!(" lang=\"{tag}\"")).unwrap_or_default()
}

/// A quote as a `<figure>`: the words in a `<blockquote>` in the source's language (with the
/// source's URL as `cite` when it is a web link), the reference in a `<figcaption>`.
pub(super) fn quote_figure(out: &mut String, text: &str, s: usize, dataset: &Dataset, references: &mut References) {
    let source = &dataset.sources[s];
    let cite = source.url.as_deref().and_then(web_link).map(|url| format!(" cite=\"{url}\"")).unwrap_or_default();
    let _ = writeln!(
        out,
        "<figure class=\"quote\">\n<blockquote{}{cite}><p>“{}”</p></blockquote>\n<figcaption>— <cite>{}</cite> \
         <a class=\"to-source\" href=\"#{}\">source</a></figcaption>\n</figure>",
        lang_attr(&source.language),
        Line(text),
        Line(references.of(dataset, s)),
        anchor("source-", &source.id),
    );
}
