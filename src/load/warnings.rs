//! Warnings: what a valid dataset leaves a reader to guess. `annals --check` lists them and
//! `--check --strict` fails on them (docs/dataset-format.md, "Warnings").
//!
//! - an event whose date or end is not exact (`~`, `?`, `[ ]`), whose start is open (`..`), or
//!   that is a plan or a target, without a `date_note` saying where the date comes from;
//! - a source with a date that is not exact, or with no date at all, without a `date_note`;
//! - a fact with a claim whose `as_of` is not exact, without a `note`.

use std::borrow::Cow;

use crate::model::{Certainty, Dataset, Date, EventKind};

use super::Diagnostic;

/// The warnings of a loaded dataset, in file order where the line is known (events), then the
/// sources and facts in dataset order. `text` is the file's text, to place sources and facts
/// by their id line (line 0 when it cannot be found).
pub fn warnings(name: &str, text: &str, dataset: &Dataset) -> Vec<Diagnostic> {
    warnings_placed(name, || Cow::Borrowed(text), dataset)
}

/// [`warnings`], with the file's text read by `text` only if a warning must be placed by it
/// (`--check` on a large file without such warnings never reads the file a second time).
pub fn warnings_placed<'t>(name: &str, text: impl FnOnce() -> Cow<'t, str>, dataset: &Dataset) -> Vec<Diagnostic> {
    // What the loader itself noted (an include pattern that matches nothing) comes first.
    let mut out: Vec<Diagnostic> = dataset
        .load_warnings
        .iter()
        .map(|w| Diagnostic { file: w.file.clone(), line: w.line, column: w.column, message: w.message.clone() })
        .collect();
    let mut placed = Vec::new();
    let at = |line: usize, message: String| Diagnostic {
        file: name.to_string(),
        line,
        column: usize::from(line > 0),
        message,
    };
    let mut events: Vec<&crate::model::Event> = dataset.events.iter().collect();
    events.sort_by_key(|e| (e.file, e.line));
    for event in events {
        let file = match event.file.checked_sub(1).and_then(|i| dataset.files.get(i)) {
            Some(path) => path.display().to_string(),
            None => name.to_string(),
        };
        let in_file = |message: String| Diagnostic { file: file.clone(), line: event.line, column: 1, message };
        out.extend(unfinished(event).into_iter().map(in_file));
        if event.date_note.is_some() || event.undated {
            continue;
        }
        let context = format!("event \"{}\"", event.id);
        let why = if let Some(what) = unsure(&event.date) {
            Some(format!("date \"{}\" is {what}", event.date_written()))
        } else if event.open_start {
            Some(format!("date \"{}\" has an open start", event.date_written()))
        } else if let Some(what) = event.end.as_ref().and_then(unsure) {
            Some(format!("end \"{}\" is {what}", event.end.map(|e| e.to_string()).unwrap_or_default()))
        } else if event.kind != EventKind::Happened {
            Some(format!("kind is \"{}\"", event.kind.name()))
        } else {
            None
        };
        if let Some(why) = why {
            out.push(Diagnostic {
                file: file.clone(),
                line: event.line,
                column: 1,
                message: format!(
                    "{context}: {why} but there is no date_note (expected one that says where the date comes from)"
                ),
            });
        }
    }
    for source in &dataset.sources {
        if source.date_note.is_some() {
            continue;
        }
        let why = match &source.date {
            None => "has no date".to_string(),
            Some(date) => match unsure(date) {
                Some(what) => format!("date \"{date}\" is {what}"),
                None => continue,
            },
        };
        placed.push((out.len(), source.id.as_str()));
        out.push(at(
            0,
            format!(
                "source \"{}\": {why} but there is no date_note (expected one that says what the text prints)",
                source.id
            ),
        ));
    }
    for fact in &dataset.facts {
        if fact.note.is_some() {
            continue;
        }
        if let Some(date) = fact.claims.iter().filter_map(|c| c.as_of).find(|d| unsure(d).is_some()) {
            placed.push((out.len(), fact.id.as_str()));
            out.push(at(
                0,
                format!(
                    "fact \"{}\": a claim's as_of \"{date}\" is {} but there is no note (expected one that says where the date comes from)",
                    fact.id,
                    unsure(&date).unwrap_or_default()
                ),
            ));
        }
    }
    // Sources and facts are placed by their id line, found in one pass over the text for all
    // of them (a pass per warning costs a whole file each: hours at a million events).
    if placed.is_empty() {
        return out;
    }
    let text = text();
    let lines = id_lines(&text, placed.iter().map(|&(_, id)| id));
    for (i, id) in placed {
        out[i].line = lines.get(id).copied().unwrap_or(0);
        out[i].column = usize::from(out[i].line > 0);
    }
    out
}

/// What an event still lacks: a quote (any event), and for a draft its date, title, summary
/// or themes; then that it is a draft at all. One message each.
fn unfinished(event: &crate::model::Event) -> Vec<String> {
    let context = format!("event \"{}\"", event.id);
    let mut out = Vec::new();
    if event.is_unsourced() {
        out.push(format!(
            "{context}: has no quote, so nothing ties it to a source (expected at least one [[event.quote]] with \
             source and text)"
        ));
    }
    if !event.draft {
        return out;
    }
    let mut missing = Vec::new();
    if event.undated {
        missing.push("date");
    }
    if event.title.trim().is_empty() {
        missing.push("title");
    }
    if event.summary.trim().is_empty() {
        missing.push("summary");
    }
    if event.themes.is_empty() {
        missing.push("themes");
    }
    out.push(match missing.as_slice() {
        [] => format!("{context}: is a draft (expected draft = true to be taken out once it is checked)"),
        _ => format!(
            "{context}: is a draft without {} (expected them filled in, and draft = true taken out)",
            missing.join(", ")
        ),
    });
    out
}

/// The 1-based line of the first `id = "…"` line for each of `ids` that has one, in one pass.
fn id_lines<'a>(text: &str, ids: impl Iterator<Item = &'a str>) -> std::collections::HashMap<&'a str, usize> {
    let mut missing: std::collections::HashSet<&str> = ids.collect();
    let mut found = std::collections::HashMap::new();
    if missing.is_empty() {
        return found;
    }
    for (i, line) in text.lines().enumerate() {
        let Some(id) = line.trim().strip_prefix("id = \"").and_then(|rest| rest.strip_suffix('"')) else { continue };
        if let Some(id) = missing.take(id) {
            found.insert(id, i + 1);
            if missing.is_empty() {
                break;
            }
        }
    }
    found
}

/// "approximate", "uncertain" or "inferred"; `None` for an exact date.
fn unsure(date: &Date) -> Option<&'static str> {
    match date.certainty {
        Certainty::Exact => None,
        Certainty::Approximate => Some("approximate"),
        Certainty::Uncertain => Some("uncertain"),
        Certainty::Inferred => Some("inferred"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"
[dataset]
title = "T"
description = "D"

[[theme]]
id = "t"
label = "T"
description = "T"

[[source]]
id = "s"
title = "S"
language = "en"
date = "[2020]"
text = "It was 2020, or so."

[[source]]
id = "noted"
title = "S"
language = "en"
date_note = "The text prints no date."
text = "Undated."

[[event]]
id = "bare"
date = "2020"
title = "T"
summary = "S"
themes = ["t"]
[[event.quote]]
source = "s"
text = "2020"

[[event]]
id = "guess"
date = "2020?"
title = "T"
summary = "S"
themes = ["t"]
[[event.quote]]
source = "s"
text = "2020"

[[event]]
id = "plan"
date = "2021"
kind = "planned"
title = "T"
summary = "S"
themes = ["t"]
[[event.quote]]
source = "s"
text = "2020"

[[event]]
id = "open"
date = "..2021"
date_note = "Some time up to 2021."
title = "T"
summary = "S"
themes = ["t"]
[[event.quote]]
source = "s"
text = "2020"
"#;

    #[test]
    fn unexplained_dates_are_warned_about() {
        let dataset = crate::load::load_str("t.toml", TEXT).unwrap();
        let found: Vec<String> = warnings("t.toml", TEXT, &dataset).iter().map(ToString::to_string).collect();
        assert_eq!(
            found,
            [
                "t.toml:35:1: event \"guess\": date \"2020?\" is uncertain but there is no date_note (expected one that says where the date comes from)",
                "t.toml:45:1: event \"plan\": kind is \"planned\" but there is no date_note (expected one that says where the date comes from)",
                "t.toml:12:1: source \"s\": date \"[2020]\" is inferred but there is no date_note (expected one that says what the text prints)",
            ]
        );
    }

    #[test]
    fn the_text_is_read_only_to_place_a_source_or_fact_warning() {
        let dataset = crate::load::load_str("t.toml", TEXT).unwrap();
        let read = std::cell::Cell::new(0);
        let text = || {
            read.set(read.get() + 1);
            Cow::Borrowed(TEXT)
        };
        assert_eq!(warnings_placed("t.toml", text, &dataset), warnings("t.toml", TEXT, &dataset));
        assert_eq!(read.get(), 1, "source \"s\" is placed by its id line");
        let bundled = crate::load::bundled().unwrap();
        let text = || -> Cow<'static, str> { panic!("no warning to place: the text is not read") };
        assert!(warnings_placed(crate::load::BUNDLED_NAME, text, &bundled).is_empty());
    }

    #[test]
    fn the_bundled_dataset_has_no_warning() {
        let dataset = crate::load::bundled().unwrap();
        let found = warnings(crate::load::BUNDLED_NAME, crate::load::BUNDLED_TEXT, &dataset);
        assert!(found.is_empty(), "{found:?}");
    }
}
