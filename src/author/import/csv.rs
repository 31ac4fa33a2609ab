//! The TimelineJS spreadsheet template, saved as CSV: one row per slide, with the columns
//! Year, Month, Day, Time, End Year, End Month, End Day, End Time, Display Date, Headline,
//! Text, Media, Media Credit, Media Caption, Media Thumbnail, Type, Group, Background. Type
//! is `title` for the title slide, `era` for an era, and empty for an event. Columns are
//! found by name (case and spaces around it ignored), in any order.

use super::{Media, Slide, Timeline, When};

const COLUMNS: [&str; 18] = [
    "year",
    "month",
    "day",
    "time",
    "end year",
    "end month",
    "end day",
    "end time",
    "display date",
    "headline",
    "text",
    "media",
    "media credit",
    "media caption",
    "media thumbnail",
    "type",
    "group",
    "background",
];

/// Reads the CSV; an error at its (line, column) when it is not CSV or not the template.
pub fn read(text: &str) -> Result<Timeline, ((usize, usize), String)> {
    let mut reader = ::csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| ((1, 1), format!("not CSV: {e}")))?.clone();
    let names: Vec<String> = headers.iter().map(|h| h.trim().to_ascii_lowercase()).collect();
    if !["year", "headline"].iter().all(|c| names.iter().any(|n| n == c)) {
        return Err((
            (1, 1),
            "not the TimelineJS template: its first row must name the columns (Year, Month, Day, …, Headline, Text, …)"
                .into(),
        ));
    }
    let mut timeline = Timeline::default();
    for name in &names {
        if !name.is_empty() && !COLUMNS.contains(&name.as_str()) {
            timeline.lost.push(format!("the column \"{name}\""));
        }
    }
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(1, |p| usize::try_from(p.line()).unwrap_or(1));
            ((line, 1), format!("not CSV: {e}"))
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let cell = |column: &str| -> String {
            names.iter().position(|n| n == column).and_then(|i| record.get(i)).unwrap_or_default().trim().to_string()
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let media = Media {
            url: cell("media"),
            caption: cell("media caption"),
            credit: cell("media credit"),
            unused: [("Media Thumbnail", cell("media thumbnail"))]
                .into_iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| format!("{k} \"{v}\""))
                .collect(),
        };
        let has_media = !(media.url.is_empty() && media.caption.is_empty() && media.credit.is_empty());
        let mut slide = Slide {
            start: when(&cell("year"), &cell("month"), &cell("day"), &cell("time"), ""),
            end: when(&cell("end year"), &cell("end month"), &cell("end day"), &cell("end time"), ""),
            headline: cell("headline"),
            text: cell("text"),
            group: cell("group"),
            display_date: cell("display date"),
            media: (has_media || !media.unused.is_empty()).then_some(media),
            ..Slide::default()
        };
        let background = cell("background");
        if !background.is_empty() {
            slide.unused.push(format!("Background \"{background}\""));
        }
        slide.place = if slide.headline.is_empty() {
            format!("row {line}")
        } else {
            format!("row {line} (\"{}\")", crate::text::sanitize::one_line(&slide.headline))
        };
        match cell("type").to_ascii_lowercase().as_str() {
            "title" => timeline.title = Some(slide),
            "era" => timeline.eras.push(slide),
            "" => timeline.events.push(slide),
            other => {
                slide.unused.push(format!("Type \"{other}\" (read as an event)"));
                timeline.events.push(slide);
            }
        }
    }
    Ok(timeline)
}

fn when(year: &str, month: &str, day: &str, time: &str, display: &str) -> Option<When> {
    if [year, month, day, time].iter().all(|c| c.is_empty()) {
        return None;
    }
    Some(When {
        year: year.to_string(),
        month: month.to_string(),
        day: day.to_string(),
        time: if time.is_empty() { String::new() } else { format!("time {time}") },
        display_date: display.to_string(),
    })
}
