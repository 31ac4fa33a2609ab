//! A timeline row measured: the words said before an event's title ("planned", "unsourced")
//! and the title's lines at a pane width. The drawing, the scrolling and the mouse all count
//! lines with these, so a click lands on the row drawn there.
//!
//! A title gets the width it needs before the theme badges: it wraps under itself, at most
//! [`MAX_TITLE_LINES`] lines, and the badges keep a place at the end of its last line (or on
//! a line of their own) when that stays within those lines; a title cut to one line drops
//! them (the detail pane lists the themes in full). In a short pane (under [`WRAP_ALL_FROM`] lines
//! inside) only the selected title wraps: the others keep one line each, cut with "…", and
//! the year headings take no line (the first date of each year is underlined instead), so
//! that a dozen events stay in view.

use std::ops::Range;

use crate::model::{Event, EventKind};
use crate::text::wrap::{truncate, width, wrap};

/// Date column width: "[2016-09-13]" is 12 cells ("~2016-09-13" and "2020-06-01?" 11). A
/// longer date ("..[2022-09-22]") pushes its title along.
pub const DATE_WIDTH: usize = 12;
/// The era gutter ("▌ ") and the date column with its space: where titles start.
pub const TITLE_COLUMN: usize = 2 + DATE_WIDTH + 1;
/// The most lines a title takes; a longer one ends in "…" (read whole in the detail pane).
pub const MAX_TITLE_LINES: usize = 3;
/// A row that the foot of the pane cuts is drawn when this many of its lines fit (ending in
/// "…"): enough of its title to know it by; fewer leave the lines blank.
pub const MIN_CUT_LINES: usize = 2;
/// From this inside height every title wraps; below it only the selected one.
pub const WRAP_ALL_FROM: u16 = 24;

/// Whether every title wraps in a timeline whose inside is `height` lines.
pub fn wraps_all(height: u16) -> bool {
    height >= WRAP_ALL_FROM
}

/// The lines a year heading takes: one in a tall pane (`wrap_all`); none in a short one,
/// where the first date of each year is marked instead and every line goes to events.
pub fn year_heading_lines(wrap_all: bool) -> usize {
    usize::from(wrap_all)
}

/// The words said before an event's title, in this order: "draft" (and "(no title yet)" when
/// it has none), what it is if it did not happen ("planned", "target"), and "unsourced" when
/// no quote backs it.
pub fn marks(event: &Event) -> Vec<&'static str> {
    let mut words = Vec::new();
    if event.is_draft() {
        words.push("draft");
        if event.title.trim().is_empty() {
            words.push("(no title yet)");
        }
    }
    match event.kind {
        EventKind::Happened => {}
        EventKind::Planned => words.push("planned"),
        EventKind::Target => words.push("target"),
    }
    if event.quotes.is_empty() {
        words.push("unsourced");
    }
    words
}

/// The cells before the title on its first line: gutter, date and marks, each followed by a
/// space.
pub fn lead(event: &Event) -> usize {
    let date = width(&event.date_written()).max(DATE_WIDTH) + 1;
    2 + date + marks(event).iter().map(|w| width(w) + 1).sum::<usize>()
}

/// An event title at a pane width: byte ranges of its lines, and whether the last one is cut
/// (the drawing then ends it with "…").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleLines {
    pub lines: Vec<Range<usize>>,
    pub cut: bool,
}

/// The lines of `event`'s title in a pane `inner` cells wide: its first line after the
/// [`lead`], the next ones under it from [`TITLE_COLUMN`]; one line, cut, unless `wrapped`.
pub fn title_lines(event: &Event, inner: usize, wrapped: bool) -> TitleLines {
    let title = event.title.as_str();
    let lead = lead(event);
    let room = inner.saturating_sub(TITLE_COLUMN).max(1);
    let first_room = inner.saturating_sub(lead);
    if !wrapped || first_room == 0 {
        let cut = width(title) > first_room;
        let whole = 0..title.len();
        return TitleLines { lines: vec![whole], cut };
    }
    // The first line is shorter by what the lead takes past the title column: wrap the title
    // behind a stand-in word of that width, then take the stand-in away again. The badges
    // wrap as a last word of their width, so that they keep a place (on a line of their own
    // if need be), unless that takes more than the lines a title has.
    let extra = lead.saturating_sub(TITLE_COLUMN);
    let stand_in = if extra == 0 { String::new() } else { format!("{} ", "x".repeat(extra - 1)) };
    let badges = BADGE_CELLS * event.themes.len();
    let with_badges = (badges > 0).then(|| wrapped_lines(title, &stand_in, badges, room));
    let mut lines = match with_badges {
        Some(lines) if lines.len() <= MAX_TITLE_LINES => lines,
        _ => wrapped_lines(title, &stand_in, 0, room),
    };
    let cut = lines.len() > MAX_TITLE_LINES;
    lines.truncate(MAX_TITLE_LINES);
    if cut && let Some(last) = lines.last_mut() {
        last.end = title.len();
    }
    TitleLines { lines, cut }
}

/// The cells a theme badge takes on a timeline row: a space and three cells.
pub const BADGE_CELLS: usize = 4;

/// `title`'s lines wrapped in `room` cells behind `stand_in`, followed by `badges` cells (a
/// last line of badges alone is kept, empty).
fn wrapped_lines(title: &str, stand_in: &str, badges: usize, room: usize) -> Vec<Range<usize>> {
    let tail = if badges == 0 { String::new() } else { format!(" {}", "x".repeat(badges - 1)) };
    let text = format!("{stand_in}{title}{tail}");
    let (from, to) = (stand_in.len(), stand_in.len() + title.len());
    let ranges = wrap(&text, room);
    let last = ranges.len().saturating_sub(1);
    ranges
        .into_iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let start = r.start.clamp(from, to) - from;
            let end = r.end.clamp(from, to) - from;
            let badges_alone = badges > 0 && i == last && r.start >= to;
            (start < end || (start == 0 && i == 0) || badges_alone).then_some(start..end.max(start))
        })
        .collect()
}

/// The lines an event row takes.
pub fn event_lines(event: &Event, inner: usize, wrapped: bool) -> usize {
    title_lines(event, inner, wrapped).lines.len().max(1)
}

/// What line `n` of a title shows in `room` cells: a byte range of the title, and whether
/// "…" follows it (the last line of a cut title).
pub fn line_part(title: &str, lines: &TitleLines, n: usize, room: usize) -> (Range<usize>, bool) {
    let range = lines.lines[n].clone();
    if !(lines.cut && n + 1 == lines.lines.len()) {
        return (range, false);
    }
    let kept = truncate(&title[range.clone()], room);
    let kept = kept.strip_suffix('…').unwrap_or(&kept).len();
    (range.start..range.start + kept, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(title: &str, kind: EventKind, quoted: bool) -> Event {
        let mut e = crate::load::bundled().expect("bundled").events[0].clone();
        e.title = title.to_string();
        e.kind = kind;
        if !quoted {
            e.quotes.clear();
        }
        e
    }

    #[test]
    fn a_title_wraps_under_itself_and_is_cut_only_past_its_last_line() {
        let mut e =
            event("Alibaba puts one billion dollars more into its cloud business abroad", EventKind::Happened, true);
        e.themes.clear();
        let short = title_lines(&e, 200, true);
        assert_eq!(short.lines.len(), 1);
        assert!(!short.cut);
        let two = title_lines(&e, 50, true);
        assert_eq!(two.lines.len(), 2);
        let joined: Vec<&str> = two.lines.iter().map(|r| &e.title[r.clone()]).collect();
        assert_eq!(joined.join(" "), e.title, "nothing lost between the lines");
        assert!(two.lines.iter().all(|r| width(&e.title[r.clone()]) <= 50 - TITLE_COLUMN));
        let narrow = title_lines(&e, 30, true);
        assert_eq!(narrow.lines.len(), MAX_TITLE_LINES);
        assert!(narrow.cut);
        let one = title_lines(&e, 50, false);
        assert_eq!(one.lines.len(), 1);
        assert!(one.cut);
        let (part, ellipsis) = line_part(&e.title, &one, 0, 50 - lead(&e));
        assert!(ellipsis);
        assert_eq!(width(&e.title[part]), 50 - lead(&e) - 1, "the title fills its room, then \"…\"");
    }

    #[test]
    fn a_wrapped_title_leaves_its_badges_a_place_on_its_last_line() {
        let mut e = event("one two three four five six seven", EventKind::Happened, true);
        e.themes = vec![0, 1];
        let inner = TITLE_COLUMN + 33;
        // Alone it fits one line of 33 cells; with two badges (8 cells) it wraps.
        let lines = title_lines(&e, inner, true);
        assert_eq!(lines.lines.len(), 2);
        let last = &e.title[lines.lines[1].clone()];
        assert!(width(last) + 2 * BADGE_CELLS <= 33, "{last:?}");
        // A title that fills its last line leaves the badges a line of their own.
        e.title = "x".repeat(33);
        let lines = title_lines(&e, inner, true);
        assert_eq!(lines.lines, [0..33, 33..33]);
        assert!(!lines.cut);
        // Not past the lines a title may take: then the badges give way.
        e.title = ["y".repeat(33), "z".repeat(33), "w".repeat(33)].join(" ");
        let lines = title_lines(&e, inner, true);
        assert_eq!(lines.lines.len(), MAX_TITLE_LINES);
        assert!(!lines.cut);
    }

    #[test]
    fn the_marks_shorten_the_first_line_only() {
        let plain = event("one two three four five six seven eight nine ten", EventKind::Happened, true);
        let marked = event("one two three four five six seven eight nine ten", EventKind::Planned, false);
        assert_eq!(marks(&marked), ["planned", "unsourced"]);
        assert_eq!(lead(&marked), lead(&plain) + "planned unsourced ".len());
        let inner = TITLE_COLUMN + 30;
        let lines = title_lines(&marked, inner, true);
        let first = &marked.title[lines.lines[0].clone()];
        assert!(width(first) <= inner - lead(&marked), "{first:?}");
        let rest = &marked.title[lines.lines[1].clone()];
        assert!(width(rest) <= 30 && width(rest) > inner - lead(&marked), "{rest:?}");
    }
}
