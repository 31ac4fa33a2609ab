//! Keyword in context: a hit with the text around it, cut to display cells on grapheme
//! boundaries (a wide character or a combining sequence is never cut), line breaks shown as
//! spaces, for one line of a concordance.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// One concordance line's text: what comes before the hit (its end kept), the hit, and what
/// comes after (its start kept). `…` marks a cut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kwic {
    pub left: String,
    pub hit: String,
    pub right: String,
}

/// Line breaks and runs of white space as one space, so that a context reads as one line.
fn flat(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// The end of `text` that fits `cells`, `…` first if cut.
fn tail(text: &str, cells: usize) -> String {
    if text.width() <= cells {
        return text.to_string();
    }
    let mut kept: Vec<&str> = Vec::new();
    let mut used = 1;
    for g in text.graphemes(true).rev() {
        let w = g.width();
        if used + w > cells {
            break;
        }
        used += w;
        kept.push(g);
    }
    if cells == 0 {
        return String::new();
    }
    std::iter::once("…").chain(kept.into_iter().rev()).collect()
}

/// The start of `text` that fits `cells`, `…` last if cut.
fn head(text: &str, cells: usize) -> String {
    if text.width() <= cells {
        return text.to_string();
    }
    if cells == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 1;
    for g in text.graphemes(true) {
        let w = g.width();
        if used + w > cells {
            break;
        }
        used += w;
        out.push_str(g);
    }
    out.push('…');
    out
}

/// The hit at `range` of `text` with `left` cells of context before it and `right` after;
/// the hit itself is cut to `hit` cells. Only as much of the text as could show is read, so
/// a hit in a long article costs what its line shows.
pub fn kwic(text: &str, range: Range<usize>, left: usize, hit: usize, right: usize) -> Kwic {
    let start = range.start.min(text.len());
    let end = range.end.clamp(start, text.len());
    // Four bytes a cell is more than any grapheme needs, with the `…`; cut on char boundaries.
    let before_from = floor_char(text, start.saturating_sub(left * 4 + 16));
    let after_to = ceil_char(text, end.saturating_add(right * 4 + 16));
    let before = flat(&text[before_from..start]);
    let after = flat(&text[end..after_to]);
    let before = if before_from > 0 && !before.starts_with('…') { format!("…{before}") } else { before };
    let after = if after_to < text.len() { format!("{after}…") } else { after };
    Kwic { left: tail(&before, left), hit: head(&flat(&text[start..end]), hit), right: head(&after, right) }
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, hit: &str) -> Range<usize> {
        let start = text.find(hit).unwrap();
        start..start + hit.len()
    }

    #[test]
    fn the_context_is_cut_to_cells_with_a_mark() {
        let text = "Alibaba Cloud competes with Amazon Web Services in Asia and beyond.";
        let k = kwic(text, at(text, "Amazon"), 12, 20, 10);
        assert_eq!(k.hit, "Amazon");
        assert_eq!(k.left, "…petes with ");
        assert_eq!(UnicodeWidthStr::width(k.left.as_str()), 12);
        assert_eq!(k.right, " Web Serv…");
        assert!(UnicodeWidthStr::width(k.right.as_str()) <= 10);
    }

    #[test]
    fn wide_characters_and_combining_sequences_are_never_cut() {
        let text = "阿里云计算的数据中心 cloud 云计算 e\u{301}e\u{301}e\u{301}";
        let k = kwic(text, at(text, "cloud"), 6, 10, 6);
        // Each CJK character is two cells: a cut falls between them, never in one.
        assert!(UnicodeWidthStr::width(k.left.as_str()) <= 6, "{k:?}");
        assert!(k.left.chars().all(|c| c == '…' || c == ' ' || ('\u{4E00}'..='\u{9FFF}').contains(&c)), "{k:?}");
        assert!(!k.right.ends_with('\u{301}') || k.right.contains("e\u{301}"), "{k:?}");
        for part in [&k.left, &k.right] {
            assert!(!part.starts_with('\u{301}'), "a combining mark alone: {k:?}");
        }
    }

    #[test]
    fn line_breaks_read_as_spaces_and_ends_of_text_have_no_mark() {
        let text = "first line\n\nsecond  line";
        let k = kwic(text, at(text, "second"), 40, 10, 40);
        assert_eq!(k.left, "first line ");
        assert_eq!(k.right, " line");
    }

    #[test]
    fn narrow_widths_never_overflow() {
        let text = "données de l'Amazonie";
        for cells in 0..8 {
            let k = kwic(text, at(text, "Amazonie"), cells, cells, cells);
            assert!(UnicodeWidthStr::width(k.left.as_str()) <= cells, "{cells} {k:?}");
            assert!(UnicodeWidthStr::width(k.hit.as_str()) <= cells, "{cells} {k:?}");
        }
    }
}
