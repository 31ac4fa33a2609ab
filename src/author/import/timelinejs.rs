//! The TimelineJS JSON format: `{ "title": slide, "events": [slide…], "eras": [era…],
//! "scale": "human" }`, where a slide has `start_date` and `end_date` (`year`, `month`,
//! `day`, `hour`, `minute`, `second`, `millisecond`, `display_date`), `text` (`headline`,
//! `text`), `media` (`url`, `caption`, `credit`, `thumbnail`, `alt`, `title`, `link`),
//! `group`, `display_date`, `background`, `autolink` and `unique_id`. Numbers may be written
//! as numbers or strings.

use serde_json::{Map, Value};

use super::{Media, Slide, Timeline, When};

/// Reads a TimelineJS JSON file; an error at its (line, column).
pub fn read(text: &str) -> Result<Timeline, ((usize, usize), String)> {
    let root: Value = serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or_default().to_string();
        ((e.line(), e.column()), format!("not valid JSON: {message}"))
    })?;
    let Some(root) = root.as_object() else {
        return Err(((1, 1), "not a TimelineJS timeline (expected an object with \"events\")".into()));
    };
    let Some(events) = root.get("events").and_then(Value::as_array) else {
        return Err(((1, 1), "not a TimelineJS timeline: no \"events\" list".into()));
    };
    let mut timeline = Timeline::default();
    for (n, event) in events.iter().enumerate() {
        timeline.events.push(slide(event, &format!("event {}", n + 1)));
    }
    if let Some(title) = root.get("title") {
        timeline.title = Some(slide(title, "the title slide"));
    }
    for (n, era) in root.get("eras").and_then(Value::as_array).into_iter().flatten().enumerate() {
        timeline.eras.push(slide(era, &format!("era {}", n + 1)));
    }
    for (key, value) in root {
        match key.as_str() {
            "events" | "title" | "eras" => {}
            "scale" if value.as_str() == Some("human") => {}
            _ => timeline.lost.push(format!("the timeline's \"{key}\": {}", brief(value))),
        }
    }
    Ok(timeline)
}

fn slide(value: &Value, place: &str) -> Slide {
    let empty = Map::new();
    let object = value.as_object().unwrap_or(&empty);
    let text = object.get("text").and_then(Value::as_object).unwrap_or(&empty);
    let mut slide = Slide {
        start: object.get("start_date").map(when),
        end: object.get("end_date").map(when),
        headline: string(text.get("headline")),
        text: string(text.get("text")),
        group: string(object.get("group")),
        display_date: string(object.get("display_date")),
        media: object.get("media").and_then(Value::as_object).map(media),
        unique_id: string(object.get("unique_id")),
        ..Slide::default()
    };
    slide.place = if slide.headline.trim().is_empty() {
        place.to_string()
    } else {
        format!("{place} (\"{}\")", crate::text::sanitize::one_line(slide.headline.trim()))
    };
    for (key, value) in object {
        let known = ["start_date", "end_date", "text", "group", "display_date", "media", "unique_id"];
        if !known.contains(&key.as_str()) {
            slide.unused.push(format!("\"{key}\": {}", brief(value)));
        }
    }
    slide
}

fn when(value: &Value) -> When {
    let empty = Map::new();
    let object = value.as_object().unwrap_or(&empty);
    let part = |key: &str| string(object.get(key));
    let time: Vec<String> = ["hour", "minute", "second", "millisecond"]
        .iter()
        .filter(|k| object.contains_key(**k))
        .map(|k| format!("{k} {}", part(k)))
        .collect();
    When {
        year: part("year"),
        month: part("month"),
        day: part("day"),
        time: time.join(", "),
        display_date: part("display_date"),
    }
}

fn media(object: &Map<String, Value>) -> Media {
    let mut media = Media {
        url: string(object.get("url")),
        caption: string(object.get("caption")),
        credit: string(object.get("credit")),
        unused: Vec::new(),
    };
    for (key, value) in object {
        if !["url", "caption", "credit"].contains(&key.as_str()) {
            media.unused.push(format!("\"{key}\": {}", brief(value)));
        }
    }
    media
}

/// A string, or a number written as one; empty for anything else.
fn string(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// A value, shortened for a message.
fn brief(value: &Value) -> String {
    let text = value.to_string();
    let text = crate::text::sanitize::one_line(&text);
    match text.char_indices().nth(80) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.into_owned(),
    }
}
