//! Warnings: what a valid dataset leaves a reader to guess. `annals --check` lists them and
//! `--check --strict` fails on them (docs/dataset-format.md, "Warnings").
//!
//! - an event whose date or end is not exact (`~`, `?`, `[ ]`), whose start is open (`..`), or
//!   that is a plan or a target, without a `date_note` saying where the date comes from;
//! - a source with a date that is not exact, or with no date at all, without a `date_note`;
//! - a fact with a claim whose `as_of` is not exact, without a `note`.

use std::collections::{HashMap, HashSet};
use std::io::Read;

use crate::model::{Certainty, Dataset, Date, EventKind};

use super::Diagnostic;

/// The warnings of a loaded dataset, in file order where the line is known (events), then the
/// sources and facts in dataset order. `text` is the file's text, to place sources and facts
/// by their id line (line 0 when it cannot be found).
pub fn warnings(name: &str, text: &str, dataset: &Dataset) -> Vec<Diagnostic> {
    warnings_placed(name, || Box::new(text.as_bytes()), dataset)
}

/// [`warnings`], with the file's text read from what `text` opens, only if a warning must be
/// placed by it (`--check` on a large file without such warnings never reads the file a second
/// time). It is read a block at a time: a large file is never in memory whole again.
pub fn warnings_placed<'t>(
    name: &str,
    text: impl FnOnce() -> Box<dyn Read + 't>,
    dataset: &Dataset,
) -> Vec<Diagnostic> {
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
    // The sort keys copied out: sorting a million events through references to them would
    // fetch each event from memory at every comparison.
    let mut events: Vec<(usize, usize, &crate::model::Event)> =
        dataset.events.iter().map(|e| (e.file, e.line, e)).collect();
    events.sort_by_key(|&(file, line, _)| (file, line));
    for (_, _, event) in events {
        let mut messages = unfinished(event);
        if event.date_note.is_none() && !event.undated {
            messages.extend(undocumented_date(event));
        }
        if messages.is_empty() {
            continue;
        }
        let file = match event.file.checked_sub(1).and_then(|i| dataset.files.get(i)) {
            Some(path) => path.display().to_string(),
            None => name.to_string(),
        };
        let in_file = |message: String| Diagnostic { file: file.clone(), line: event.line, column: 1, message };
        out.extend(messages.into_iter().map(in_file));
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
    if !placed.is_empty() {
        let lines = id_lines(text(), placed.iter().map(|&(_, id)| id));
        for (i, id) in placed {
            out[i].line = lines.get(id).copied().unwrap_or(0);
            out[i].column = usize::from(out[i].line > 0);
        }
    }
    in_file_order(&mut out, name, dataset);
    out
}

/// Sorts `warnings` as a compiler lists them: the dataset's file first, then the files it
/// includes in the order they were read, each by line (an editor's list of them then follows
/// the file). The sort is stable: warnings on one line keep their order.
fn in_file_order(warnings: &mut [Diagnostic], name: &str, dataset: &Dataset) {
    let included: Vec<String> = dataset.files.iter().map(|path| path.display().to_string()).collect();
    let rank = |file: &str| match file == name {
        true => 0,
        false => included.iter().position(|f| f == file).map_or(usize::MAX, |i| i + 1),
    };
    if warnings.windows(2).any(|w| (rank(&w[0].file), w[0].line) > (rank(&w[1].file), w[1].line)) {
        warnings.sort_by_cached_key(|w| (rank(&w.file), w.line));
    }
}

/// Why an event's date needs a `date_note` it does not have, if it does.
fn undocumented_date(event: &crate::model::Event) -> Option<String> {
    let why = if let Some(what) = unsure(&event.date) {
        format!("date \"{}\" is {what}", event.date_written())
    } else if event.open_start {
        format!("date \"{}\" has an open start", event.date_written())
    } else if let Some(what) = event.end.as_ref().and_then(unsure) {
        format!("end \"{}\" is {what}", event.end.map(|e| e.to_string()).unwrap_or_default())
    } else if event.kind != EventKind::Happened {
        format!("kind is \"{}\"", event.kind.name())
    } else {
        return None;
    };
    Some(format!(
        "event \"{}\": {why} but there is no date_note (expected one that says where the date comes from)",
        event.id
    ))
}

/// What an event still lacks: a quote (any event), and for a draft its date, title, summary
/// or themes; then that it is a draft at all. One message each.
fn unfinished(event: &crate::model::Event) -> Vec<String> {
    let mut out = Vec::new();
    if !event.is_unsourced() && !event.draft {
        return out;
    }
    let context = format!("event \"{}\"", event.id);
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

/// The 1-based line of the first `id = "…"` line for each of `ids` that has one, in one pass
/// over `text`, a block at a time. A text that cannot be read places nothing (line 0).
fn id_lines<'a>(mut text: Box<dyn Read + '_>, ids: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
    let mut missing: HashSet<&str> = ids.collect();
    let mut found = HashMap::new();
    if missing.is_empty() {
        return found;
    }
    const BLOCK: usize = 1 << 20;
    let finder = memchr::memmem::Finder::new(ID_LINE);
    // Whole lines not looked at yet, then the start of the next one; `line` is the number of
    // the first.
    let mut pending: Vec<u8> = Vec::with_capacity(2 * BLOCK);
    let mut line = 1;
    loop {
        let old = pending.len();
        pending.resize(old + BLOCK, 0);
        let read = match text.read(&mut pending[old..]) {
            Ok(read) => read,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {
                pending.truncate(old);
                continue;
            }
            Err(_) => return HashMap::new(),
        };
        pending.truncate(old + read);
        let last = read == 0;
        let whole = match memchr::memrchr(b'\n', &pending) {
            _ if last => pending.len(),
            Some(end) => end + 1,
            None => continue,
        };
        // `from` is the start of line number `line`. Only a line with `id = "` in it can be
        // an id line; the others are only counted.
        let mut from = 0;
        while let Some(hit) = finder.find(&pending[from..whole]) {
            let hit = from + hit;
            let start = memchr::memrchr(b'\n', &pending[from..hit]).map_or(from, |i| from + i + 1);
            let end = memchr::memchr(b'\n', &pending[hit..whole]).map_or(whole, |i| hit + i);
            line += memchr::memchr_iter(b'\n', &pending[from..start]).count();
            if let Some(id) = std::str::from_utf8(&pending[start..end]).ok().and_then(id_of)
                && let Some(id) = missing.take(id)
            {
                found.insert(id, line);
                if missing.is_empty() {
                    return found;
                }
            }
            if end == whole {
                // The file's last line, without a line break.
                return found;
            }
            (from, line) = (end + 1, line + 1);
        }
        if last {
            return found;
        }
        line += memchr::memchr_iter(b'\n', &pending[from..whole]).count();
        pending.drain(..whole);
    }
}

/// What an id line starts with, once trimmed.
const ID_LINE: &[u8] = b"id = \"";

/// The id of an `id = "…"` line (white space around it allowed).
fn id_of(line: &str) -> Option<&str> {
    line.trim().strip_prefix("id = \"").and_then(|rest| rest.strip_suffix('"'))
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
    fn unexplained_dates_are_warned_about_in_the_order_of_the_file() {
        let dataset = crate::load::load_str("t.toml", TEXT).unwrap();
        let found: Vec<String> = warnings("t.toml", TEXT, &dataset).iter().map(ToString::to_string).collect();
        // The source's warning, found after the events', is listed by its line.
        assert_eq!(
            found,
            [
                "t.toml:12:1: source \"s\": date \"[2020]\" is inferred but there is no date_note (expected one that says what the text prints)",
                "t.toml:35:1: event \"guess\": date \"2020?\" is uncertain but there is no date_note (expected one that says where the date comes from)",
                "t.toml:45:1: event \"plan\": kind is \"planned\" but there is no date_note (expected one that says where the date comes from)",
            ]
        );
    }

    #[test]
    fn the_text_is_read_only_to_place_a_source_or_fact_warning() {
        let dataset = crate::load::load_str("t.toml", TEXT).unwrap();
        let read = std::cell::Cell::new(0);
        let text = || -> Box<dyn Read> {
            read.set(read.get() + 1);
            Box::new(TEXT.as_bytes())
        };
        assert_eq!(warnings_placed("t.toml", text, &dataset), warnings("t.toml", TEXT, &dataset));
        assert_eq!(read.get(), 1, "source \"s\" is placed by its id line");
        let bundled = crate::load::bundled().unwrap();
        let text = || -> Box<dyn Read> { panic!("no warning to place: the text is not read") };
        assert!(warnings_placed(crate::load::BUNDLED_NAME, text, &bundled).is_empty());
    }

    /// Reads at most `n` bytes at a time, so that lines and ids straddle the blocks.
    struct Trickle<'t>(&'t [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.1.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn id_lines_are_those_of_a_line_by_line_reading() {
        let text = "id = \"a\"\r\n  x = 'id = \"b\"'\n\n\u{a0}id = \"b\" \nid = \"a\"\nid = \"c\"id = \"d\"\nid = \"d\"\n  id = \"e\"";
        let ids = ["a", "b", "c", "d", "e", "f"];
        let by_line: HashMap<&str, usize> = ids
            .iter()
            .filter_map(|&id| {
                let line = text.lines().position(|line| id_of(line) == Some(id))?;
                Some((id, line + 1))
            })
            .collect();
        assert_eq!(by_line.len(), 4, "{by_line:?}");
        for block in [1, 2, 3, 7, 1000] {
            let found = id_lines(Box::new(Trickle(text.as_bytes(), block)), ids.iter().copied());
            assert_eq!(found, by_line, "blocks of {block}");
        }
    }

    #[test]
    fn the_bundled_dataset_has_no_warning() {
        let dataset = crate::load::bundled().unwrap();
        let found = warnings(crate::load::BUNDLED_NAME, crate::load::BUNDLED_TEXT, &dataset);
        assert!(found.is_empty(), "{found:?}");
    }
}
