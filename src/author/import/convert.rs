//! A [`Timeline`] as an annals dataset: events with their dates at the precision given, eras,
//! groups as themes, media credits with a caption as sources (the event quotes the caption).
//! Events with no quote are drafts (`draft = true`). Everything else is listed, never dropped
//! without a word: times of day, media URLs, backgrounds, the links of the slides' HTML…

use std::collections::{BTreeMap, HashSet};

use dom_query::Document;
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

use super::{Media, Slide, Timeline, When};
use crate::author::add_source::language_code;
use crate::author::extract::{collapse, paragraphs};
use crate::author::record::{is_valid_id, multiline, plain as toml_text, slug, unique};
use crate::model::Date;

/// The dataset, and what could not be carried over.
#[derive(Debug, Clone, Default)]
pub struct Converted {
    pub toml: String,
    pub lost: Vec<String>,
    pub events: usize,
    pub drafts: usize,
    pub sources: usize,
}

#[derive(Default)]
struct Ids(HashSet<String>);

impl Ids {
    /// `given` when it is a valid id, else an id made of `text`'s first words, else
    /// `fallback`; made unique among the ids taken so far.
    fn take(&mut self, given: &str, text: &str, fallback: &str) -> String {
        let base = if is_valid_id(given.trim()) { given.trim().to_string() } else { slug(text, 6) };
        let base = if base.is_empty() { fallback.to_string() } else { base };
        let id = unique(&base, |id| self.0.contains(id));
        self.0.insert(id.clone());
        id
    }
}

/// Converts `timeline`, read from the file `name`; `language` goes to the sources made.
pub fn convert(timeline: &Timeline, name: &str, language: Option<&str>) -> Converted {
    let mut lost: Vec<String> = timeline.lost.clone();
    let mut doc = DocumentMut::new();

    let mut dataset = Table::new();
    let (title, description) = match &timeline.title {
        Some(slide) => {
            let title = plain(&slide.headline, &slide.place, "headline", &mut lost);
            let text = plain(&slide.text, &slide.place, "text", &mut lost);
            for (field, when) in [("start date", &slide.start), ("end date", &slide.end)] {
                if when.is_some() {
                    lost.push(format!("{}: its {field} (a title slide has no date in annals)", slide.place));
                }
            }
            media_lost(slide, &mut lost);
            unused(slide, &mut lost);
            (title, text)
        }
        None => (String::new(), String::new()),
    };
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    dataset.insert("title", value(toml_text(&if title.is_empty() { stem.to_string() } else { title })));
    let description = if description.is_empty() { format!("Imported from {name}.") } else { description };
    dataset.insert("description", value(multiline_if_long(&description)));
    dataset.decor_mut().set_prefix(format!(
        "# Imported from {name} (TimelineJS) by `annals import`.\n\
         # Events marked `draft = true` have no quote yet (and may lack a date, a title or a theme):\n\
         # add a source and a [[event.quote]] from it, then remove the mark. `annals --check` lists\n\
         # what is left to do.\n\n"
    ));
    doc.insert("dataset", Item::Table(dataset));

    let mut theme_ids = Ids::default();
    let mut themes: BTreeMap<String, String> = BTreeMap::new();
    let mut theme_tables = ArrayOfTables::new();
    for slide in &timeline.events {
        let group = collapse(&slide.group);
        if group.is_empty() || themes.contains_key(&group) {
            continue;
        }
        let id = theme_ids.take("", &group, "group");
        let mut table = Table::new();
        table.insert("id", value(&id));
        table.insert("label", value(toml_text(&group)));
        table.insert("description", value(toml_text(&format!("The TimelineJS group “{group}”."))));
        theme_tables.push(table);
        themes.insert(group, id);
    }

    let mut era_ids = Ids::default();
    let mut era_tables = ArrayOfTables::new();
    for (n, slide) in timeline.eras.iter().enumerate() {
        let start = slide.start.as_ref().and_then(|w| date(w, &slide.place, "start date", &mut lost));
        let end = slide.end.as_ref().and_then(|w| date(w, &slide.place, "end date", &mut lost));
        let (Some(start), Some(end)) = (start, end) else {
            lost.push(format!("{} (an era needs a start and an end date)", slide.place));
            continue;
        };
        if end_before(&start, &end) {
            lost.push(format!("{} (it ends before it starts)", slide.place));
            continue;
        }
        let headline = plain(&slide.headline, &slide.place, "headline", &mut lost);
        let label = if headline.is_empty() { format!("Era {}", n + 1) } else { headline };
        let mut table = Table::new();
        table.insert("id", value(era_ids.take("", &label, "era")));
        table.insert("label", value(toml_text(&label)));
        table.insert("start", value(start));
        table.insert("end", value(end));
        let text = plain(&slide.text, &slide.place, "text", &mut lost);
        if !text.is_empty() {
            table.insert("description", value(multiline_if_long(&text)));
        }
        media_lost(slide, &mut lost);
        unused(slide, &mut lost);
        era_tables.push(table);
    }

    let language = language.and_then(language_code);
    let mut source_ids = Ids::default();
    let mut sources: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut source_tables = ArrayOfTables::new();
    let mut event_ids = Ids::default();
    let mut event_tables = ArrayOfTables::new();
    let mut drafts = 0;
    for (n, slide) in timeline.events.iter().enumerate() {
        let mut table = Table::new();
        let headline = plain(&slide.headline, &slide.place, "headline", &mut lost);
        table.insert("id", value(event_ids.take(&slide.unique_id, &headline, &format!("event-{}", n + 1))));
        let start = slide.start.as_ref().and_then(|w| date(w, &slide.place, "start date", &mut lost));
        let mut end = slide.end.as_ref().and_then(|w| date(w, &slide.place, "end date", &mut lost));
        if let (Some(start), Some(last)) = (&start, &end)
            && end_before(start, last)
        {
            lost.push(format!("{}: its end date {last} (before its start date)", slide.place));
            end = None;
        }
        let mut complete = start.is_some() && !headline.is_empty();
        if let Some(start) = &start {
            table.insert("date", value(start));
        }
        if let Some(end) = &end {
            table.insert("end", value(end));
        }
        let shown = [&slide.display_date, &slide.start.as_ref().map(|w| w.display_date.clone()).unwrap_or_default()]
            .into_iter()
            .find(|d| !d.trim().is_empty())
            .map(|d| collapse(d));
        if let Some(shown) = shown {
            table.insert("date_note", value(toml_text(&format!("Shown in {name} as “{shown}”."))));
        }
        if !headline.is_empty() {
            table.insert("title", value(toml_text(&headline)));
        }
        let summary = plain(&slide.text, &slide.place, "text", &mut lost);
        complete &= !summary.is_empty();
        if !summary.is_empty() {
            table.insert("summary", value(multiline_if_long(&summary)));
        }
        match themes.get(&collapse(&slide.group)) {
            Some(theme) => {
                table.insert("themes", value(Array::from_iter([theme.as_str()])));
            }
            None => complete = false,
        }
        let quote = slide.media.as_ref().and_then(|media| {
            media_source(
                media,
                slide,
                language.as_deref(),
                &mut source_ids,
                &mut sources,
                &mut source_tables,
                &mut lost,
            )
        });
        if quote.is_none() || !complete {
            table.insert("draft", value(true));
            drafts += 1;
        }
        if let Some((source, text)) = quote {
            let mut quote = Table::new();
            quote.insert("source", value(source));
            quote.insert("text", value(toml_text(&text)));
            let mut quotes = ArrayOfTables::new();
            quotes.push(quote);
            table.insert("quote", Item::ArrayOfTables(quotes));
        }
        unused(slide, &mut lost);
        event_tables.push(table);
    }
    if !source_tables.is_empty() && language.is_none() {
        lost.push(
            "the sources made from media credits have no language (TimelineJS does not say): they are written with \
             language = \"und\" (undetermined); put each one's code there, or import again with --lang"
                .into(),
        );
    }

    let counts = (event_tables.len(), source_tables.len());
    for (key, tables) in
        [("theme", theme_tables), ("era", era_tables), ("source", source_tables), ("event", event_tables)]
    {
        if !tables.is_empty() {
            doc.insert(key, Item::ArrayOfTables(tables));
        }
    }
    Converted { toml: spaced(&doc.to_string()), lost, events: counts.0, drafts, sources: counts.1 }
}

/// A blank line before each record, as datasets are written by hand.
fn spaced(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 256);
    for line in text.lines() {
        if line.starts_with("[[") && !out.is_empty() && !out.ends_with("\n\n") {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// A media credit with a caption, as a source whose text is the caption; the event quotes
/// it. Media without both is listed as not carried over.
fn media_source(
    media: &Media,
    slide: &Slide,
    language: Option<&str>,
    ids: &mut Ids,
    sources: &mut BTreeMap<(String, String), String>,
    tables: &mut ArrayOfTables,
    lost: &mut Vec<String>,
) -> Option<(String, String)> {
    for field in &media.unused {
        lost.push(format!("{}: media {field}", slide.place));
    }
    let credit = plain(&media.credit, &slide.place, "media credit", lost);
    let caption = plain(&media.caption, &slide.place, "media caption", lost);
    if credit.is_empty() || caption.is_empty() {
        if !media.url.trim().is_empty() {
            lost.push(format!(
                "{}: media {} (no credit and caption to make a source of)",
                slide.place,
                media.url.trim()
            ));
        }
        return None;
    }
    let key = (credit.clone(), caption.clone());
    if let Some(id) = sources.get(&key) {
        return Some((id.clone(), caption));
    }
    let id = ids.take("", &credit, "media");
    let mut table = Table::new();
    table.insert("id", value(&id));
    table.insert("title", value(&credit));
    table.insert("title_editorial", value(true));
    // Undetermined (ISO 639's "und") when not given: the record loads, and says it is not known.
    table.insert("language", value(language.unwrap_or("und")));
    let url = media.url.trim();
    match url::Url::parse(url) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => {
            table.insert("url", value(url));
        }
        _ if url.is_empty() => {}
        _ => lost.push(format!("{}: media {url} (not an http(s) address)", slide.place)),
    }
    table.insert("text", value(multiline_if_long(&caption)));
    tables.push(table);
    sources.insert(key, id.clone());
    Some((id, caption))
}

/// The media of a title slide or an era, which annals has no place for.
fn media_lost(slide: &Slide, lost: &mut Vec<String>) {
    if let Some(media) = &slide.media {
        let what = [&media.url, &media.credit, &media.caption].into_iter().find(|t| !t.trim().is_empty());
        if let Some(what) = what {
            lost.push(format!("{}: media {}", slide.place, collapse(what)));
        }
    }
}

fn unused(slide: &Slide, lost: &mut Vec<String>) {
    for field in &slide.unused {
        lost.push(format!("{}: {field}", slide.place));
    }
}

/// A slide's text without its HTML: paragraphs separated by blank lines, white space
/// collapsed; the markup removed and its links listed as not carried over.
fn plain(html: &str, place: &str, field: &str, lost: &mut Vec<String>) -> String {
    if !html.contains(['<', '&']) {
        return html.split("\n\n").map(collapse).filter(|p| !p.is_empty()).collect::<Vec<_>>().join("\n\n");
    }
    let document = Document::fragment(html);
    let text = paragraphs(&document.root()).join("\n\n");
    let links: Vec<String> = document
        .select("a[href]")
        .iter()
        .filter_map(|a| a.attr("href").map(|h| h.trim().to_string()))
        .filter(|h| !h.is_empty())
        .collect();
    if document.select("*").length() > 0 {
        let links = if links.is_empty() { String::new() } else { format!(", with its links {}", links.join(" ")) };
        lost.push(format!("{place}: the HTML markup of its {field}{links}"));
    }
    text
}

/// A TimelineJS date as an annals date at the precision given, or `None` with a note.
fn date(when: &When, place: &str, field: &str, lost: &mut Vec<String>) -> Option<String> {
    if !when.time.is_empty() {
        lost.push(format!("{place}: the time of day of its {field} ({}; annals dates stop at the day)", when.time));
    }
    let year = when.year.trim();
    if year.is_empty() {
        lost.push(format!("{place}: its {field} has no year"));
        return None;
    }
    let Some(year) = year.parse::<i64>().ok().filter(|y| (0..=9999).contains(y)) else {
        lost.push(format!("{place}: its {field}, year {year} (annals dates are years 0 to 9999)"));
        return None;
    };
    let mut text = format!("{year:04}");
    let mut parts = vec![when.month.trim(), when.day.trim()].into_iter();
    for part in parts.by_ref() {
        if part.is_empty() {
            break;
        }
        match part.parse::<u8>() {
            Ok(n) => text.push_str(&format!("-{n:02}")),
            Err(_) => {
                lost.push(format!("{place}: its {field}'s month or day \"{part}\" (not a number)"));
                return None;
            }
        }
    }
    if parts.any(|p| !p.is_empty()) {
        lost.push(format!("{place}: the day of its {field} (a day with no month)"));
    }
    match Date::parse(&text) {
        Ok(_) => Some(text),
        Err(_) => {
            lost.push(format!("{place}: its {field} {text} (not a calendar date)"));
            None
        }
    }
}

fn end_before(start: &str, end: &str) -> bool {
    match (Date::parse(start), Date::parse(end)) {
        (Ok(start), Ok(end)) => end.end_key() < start.sort_key(),
        _ => false,
    }
}

/// A text with paragraphs as a multi-line string, a short one as a plain string.
fn multiline_if_long(text: &str) -> toml_edit::Value {
    if text.contains('\n') {
        let mut with_end = text.to_string();
        with_end.push('\n');
        multiline(&with_end)
    } else {
        toml_text(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn when(year: &str, month: &str, day: &str) -> When {
        When { year: year.into(), month: month.into(), day: day.into(), ..When::default() }
    }

    #[test]
    fn dates_keep_their_precision() {
        let mut lost = Vec::new();
        assert_eq!(date(&when("1969", "", ""), "e", "start date", &mut lost).as_deref(), Some("1969"));
        assert_eq!(date(&when("1969", "7", ""), "e", "start date", &mut lost).as_deref(), Some("1969-07"));
        assert_eq!(date(&when("1969", "07", "20"), "e", "start date", &mut lost).as_deref(), Some("1969-07-20"));
        assert!(lost.is_empty(), "{lost:?}");
        assert_eq!(date(&when("-500", "", ""), "e", "start date", &mut lost), None);
        assert_eq!(date(&when("2016", "9", "31"), "e", "start date", &mut lost), None);
        assert_eq!(date(&when("", "9", "1"), "e", "start date", &mut lost), None);
        assert_eq!(lost.len(), 3, "{lost:?}");
        let mut timed = when("1969", "7", "20");
        timed.time = "hour 20, minute 17".into();
        assert_eq!(date(&timed, "e", "start date", &mut lost).as_deref(), Some("1969-07-20"));
        assert!(lost[3].contains("hour 20, minute 17"), "{lost:?}");
    }

    #[test]
    fn html_is_stripped_and_its_links_listed() {
        let mut lost = Vec::new();
        let text = plain(
            "<p>One <b>two</b>.</p><p>See <a href=\"https://example.com/x\">this</a>.</p>",
            "e",
            "text",
            &mut lost,
        );
        assert_eq!(text, "One two.\n\nSee this.");
        assert_eq!(lost, ["e: the HTML markup of its text, with its links https://example.com/x"]);
        assert_eq!(plain("Tom &amp; Jerry", "e", "text", &mut Vec::new()), "Tom & Jerry");
        assert_eq!(plain("Plain  text", "e", "text", &mut lost), "Plain text");
    }
}
