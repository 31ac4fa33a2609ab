//! TimelineJS export: the JSON that Knight Lab's TimelineJS 3 reads
//! (<https://timeline.knightlab.com/docs/json-format.html>), so a story can be published with
//! the tool newsrooms already use.
//!
//! - `title`: a slide with the dataset's title and description.
//! - `events`: one slide per event. `start_date` and `end_date` are date objects with the
//!   parts the date has (`year`, and `month` and `day` when known) and `display_date`, the date
//!   exactly as annals writes it (`[2015-07]`, `~2020`, `..~2022-09` for an open start, whose
//!   `start_date` is then the latest it can be), so that an import gets the precision and
//!   certainty back. The slide's own `display_date` is the date in words when it differs
//!   (`2020? → 2023?`, `up to ~2022-09`). `text.headline` is the title (`Planned:` or
//!   `Target:` first for a plan); `text.text` holds the date's quality and note, the themes,
//!   the summary, "Unsourced" when no quote supports the event, every quote in a
//!   `<blockquote lang>` with its reference, and the figures. `group` is the label of the
//!   event's first theme; `unique_id` is the event id. `media` is the first quote's source
//!   page when it has an `http(s)` URL (`caption`: its title, `credit`: its publisher).
//! - `eras`: each era's start and end as date objects, its label as `headline` and its
//!   description as `text`.
//!
//! TimelineJS renders `headline`, `text`, `caption`, `credit`, `group` and `display_date` as
//! HTML, so every dataset text in them is escaped (`html::escape`): a dataset cannot add
//! markup or script. What the format has no place for is left out: the compare facts, the
//! themes' descriptions and colours, the sources' other metadata (see the JSON export).

use std::fmt::Write as _;
use std::io;

use serde::Serialize;

use super::html::escape::{Esc, Line, Paragraphs, lang_tag, web_link};
use super::json::{Lazy, pretty};
use super::references::References;
use super::{Options, Selection};
use crate::model::{Dataset, Date, Era, Event, EventKind};
use crate::text::number::amount;

#[derive(Serialize)]
struct Timeline<E, R> {
    title: Slide,
    events: E,
    eras: R,
}

#[derive(Serialize)]
struct Slide {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<DateObject>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<DateObject>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<String>,
    text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    media: Option<Media>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unique_id: Option<String>,
}

#[derive(Serialize)]
struct DateObject {
    year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u8>,
    display_date: String,
}

#[derive(Serialize)]
struct Text {
    headline: String,
    text: String,
}

#[derive(Serialize)]
struct Media {
    url: String,
    caption: String,
    credit: String,
}

#[derive(Serialize)]
struct JsEra {
    start_date: DateObject,
    end_date: DateObject,
    text: Text,
}

pub(super) fn write(out: &mut dyn io::Write, chosen: &Selection<'_>, options: &Options<'_>) -> io::Result<()> {
    let dataset = chosen.dataset;
    let references = std::cell::RefCell::new(References::new(options.citation_style));
    let mut intro = Paragraphs(&dataset.description).to_string();
    if let Some(shown) = options.selection {
        let _ = write!(intro, "<p>Exported: {}.</p>", Line(shown));
    }
    if let Some((what, why)) = drafts_left_out(chosen.events.iter().filter(|e| e.undated).count()) {
        let _ = write!(intro, "<p>Left out: {what} ({why}).</p>");
    }
    let timeline = Timeline {
        title: Slide {
            start_date: None,
            end_date: None,
            display_date: None,
            text: Text { headline: Line(&dataset.title).to_string(), text: intro },
            group: None,
            media: None,
            unique_id: None,
        },
        // A slide must have a start date: a draft with no date yet stays out.
        events: Lazy(|| {
            chosen.events.iter().filter(|e| !e.undated).map(|e| slide(dataset, e, &mut references.borrow_mut()))
        }),
        eras: Lazy(|| dataset.eras.iter().map(era)),
    };
    pretty(out, &timeline)
}

/// The `undated` drafts with no date yet left out, if there are any ("1 draft with no date
/// yet"), and why: a slide cannot be placed without a date.
pub(super) fn drafts_left_out(undated: usize) -> Option<(String, &'static str)> {
    let what = || format!("{} with no date yet", crate::text::count(undated, "draft"));
    (undated > 0).then(|| (what(), "a slide needs a date"))
}

fn date_object(date: &Date, display: String) -> DateObject {
    DateObject { year: date.year, month: date.month, day: date.day, display_date: display }
}

fn slide(dataset: &Dataset, event: &Event, references: &mut References) -> Slide {
    let written = event.date_written();
    let when = event.when();
    let draft = if event.draft { "Draft: " } else { "" };
    let plan = match event.kind {
        EventKind::Happened => "",
        EventKind::Planned => "Planned: ",
        EventKind::Target => "Target: ",
    };
    let media = event.quotes.first().and_then(|q| {
        let source = &dataset.sources[q.source];
        let url = source.url.as_deref().filter(|u| web_link(u).is_some())?;
        Some(Media {
            url: url.trim().to_string(),
            caption: Line(&source.shown_title()).to_string(),
            credit: source.publisher.as_deref().map(|p| Line(p).to_string()).unwrap_or_default(),
        })
    });
    Slide {
        start_date: Some(date_object(&event.date, written.clone())),
        end_date: event.end.as_ref().map(|end| date_object(end, end.to_string())),
        display_date: (when != written).then(|| Esc(&when).to_string()),
        text: Text { headline: format!("{draft}{plan}{}", Line(&event.title)), text: body(dataset, event, references) },
        group: event.themes.first().map(|&t| Line(&dataset.themes[t].label).to_string()),
        media,
        unique_id: Some(event.id.clone()),
    }
}

/// The slide's text: HTML, every dataset text escaped.
fn body(dataset: &Dataset, event: &Event, references: &mut References) -> String {
    let mut html = String::new();
    let quality = super::dates::event_quality(event);
    let _ = write!(html, "<p><em>Date: {}", Esc(&quality));
    if let Some(note) = &event.date_note {
        let _ = write!(html, ". {}", Line(note));
    }
    html.push_str("</em></p>");
    if !event.themes.is_empty() {
        let labels: Vec<String> = event.themes.iter().map(|&t| Line(&dataset.themes[t].label).to_string()).collect();
        let _ = write!(html, "<p><em>Themes: {}</em></p>", labels.join(", "));
    }
    if event.quotes.is_empty() {
        html.push_str("<p><strong>Unsourced:</strong> no quote supports this event.</p>");
    }
    html.push_str(&Paragraphs(&event.summary).to_string());
    for quote in &event.quotes {
        let source = &dataset.sources[quote.source];
        let lang = lang_tag(&source.language).map(|l| format!(" lang=\"{l}\"")).unwrap_or_default();
        let _ = write!(
            html,
            "<blockquote{lang}>“{}”</blockquote><p>— {}</p>",
            Line(&dataset.quote_text(quote)),
            Line(references.of(dataset, quote.source))
        );
    }
    if !event.figures.is_empty() {
        html.push_str("<ul>");
        for figure in &event.figures {
            let source = &dataset.sources[figure.quote.source];
            let _ = write!(html, "<li>{}: {} {}", Line(&figure.label), amount(figure.value), Line(&figure.unit));
            if let Some((value, unit)) = &figure.converted {
                let _ = write!(html, " (the article converts: {} {})", amount(*value), Line(unit));
            }
            let _ = write!(
                html,
                " — “{}”, <cite>{}</cite></li>",
                Line(&dataset.quote_text(&figure.quote)),
                Line(&source.shown_title())
            );
        }
        html.push_str("</ul>");
    }
    html
}

fn era(era: &Era) -> JsEra {
    JsEra {
        start_date: date_object(&era.start, era.start.to_string()),
        end_date: date_object(&era.end, era.end.to_string()),
        text: Text {
            headline: Line(&era.label).to_string(),
            text: era.description.as_deref().map(|d| Paragraphs(d).to_string()).unwrap_or_default(),
        },
    }
}
