//! Wrapping and truncation by display width (unicode-width), on grapheme boundaries: a wide
//! CJK character or an accent written as a combining sequence is never cut in half.
//!
//! Wrapped lines are byte ranges of the original text, so search and quote highlights (also
//! byte ranges) apply to them directly.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Display width of a string, in terminal cells.
pub fn width(text: &str) -> usize {
    text.width()
}

/// Splits `text` into lines of at most `max` cells: at `\n`, then at spaces, and inside a word
/// only when the word alone is wider than a line. No-break spaces do not break. Trailing spaces
/// are left out of a line; a grapheme wider than `max` gets a line of its own.
pub fn wrap(text: &str, max: usize) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    if max == 0 {
        return lines;
    }
    let mut para_start = 0;
    for para in text.split('\n') {
        wrap_paragraph(para, para_start, max, &mut lines);
        para_start += para.len() + 1;
    }
    lines
}

fn push_trimmed(text: &str, base: usize, range: Range<usize>, lines: &mut Vec<Range<usize>>) {
    let trimmed = text[range.start - base..range.end - base].trim_end_matches(' ');
    lines.push(range.start..range.start + trimmed.len());
}

fn wrap_paragraph(para: &str, base: usize, max: usize, lines: &mut Vec<Range<usize>>) {
    let mut start = base;
    let mut used = 0;
    // The last space on the current line: (its offset, the width before it).
    let mut space: Option<(usize, usize)> = None;
    let mut continuation = false;
    for (i, g) in para.grapheme_indices(true) {
        let at = base + i;
        if g == " " {
            if continuation && at == start {
                start = at + 1;
                continue;
            }
            space = Some((at, used));
            used += 1;
            if used > max {
                push_trimmed(para, base, start..at, lines);
                start = at + 1;
                used = 0;
                space = None;
                continuation = true;
            }
            continue;
        }
        let w = g.width();
        if used + w > max && used > 0 {
            if let Some((space_at, before)) = space.take() {
                push_trimmed(para, base, start..space_at, lines);
                start = space_at + 1;
                used -= before + 1;
                while para[start - base..].starts_with(' ') && start < at {
                    start += 1;
                }
            }
            if used + w > max && used > 0 {
                push_trimmed(para, base, start..at, lines);
                start = at;
                used = 0;
            }
            continuation = true;
        }
        used += w;
    }
    push_trimmed(para, base, start..base + para.len(), lines);
}

/// The longest prefix of `text` that fits in `max` cells, with `…` when something was cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = g.width();
        if used + w > max - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

/// Whether terminals may give `text` another width than annals does: the combining marks and
/// conjuncts of the Indic scripts (Devanagari to Sinhala), Tibetan, Myanmar and Khmer, and the
/// joiners and selectors of emoji sequences. Terminals differ on these, and a screen drawn
/// by cells alone can then keep fragments of them; the terminal loop redraws every cell of a
/// frame that replaces one holding such text.
pub fn width_may_differ(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c,
            '\u{0900}'..='\u{0DFF}' | '\u{0F00}'..='\u{0FFF}' | '\u{1000}'..='\u{109F}' | '\u{1780}'..='\u{17FF}'
            | '\u{200C}' | '\u{200D}' | '\u{FE0E}' | '\u{FE0F}')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, max: usize) -> Vec<&str> {
        wrap(text, max).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn wraps_at_spaces_and_keeps_paragraphs() {
        assert_eq!(lines("le cloud est stratégique\n\nfin", 10), ["le cloud", "est", "stratégiqu", "e", "", "fin"]);
        assert_eq!(lines("abc def", 7), ["abc def"]);
        assert_eq!(lines("abc  def", 4), ["abc", "def"]);
    }

    #[test]
    fn no_break_space_does_not_break() {
        assert_eq!(lines("Cloud\u{a0}: Alibaba", 8), ["Cloud\u{a0}:", "Alibaba"]);
    }

    #[test]
    fn wide_characters_are_never_split() {
        let text = "阿里云阿里云";
        let got = lines(text, 5);
        assert_eq!(got, ["阿里", "云阿", "里云"]);
        assert!(got.iter().all(|l| width(l) <= 5));
    }

    #[test]
    fn combining_sequences_stay_whole() {
        let text = "cafe\u{301}e\u{301}e\u{301}";
        for line in lines(text, 2) {
            assert!(!line.starts_with('\u{301}'), "{line:?}");
        }
    }

    #[test]
    fn every_line_fits() {
        let text = "Alibaba investira 200 milliards de yuan (28,26 milliards de dollars) — 阿里云 « cloud »";
        for max in 1..40 {
            for line in lines(text, max) {
                assert!(width(line) <= max.max(2), "{line:?} at {max}");
            }
        }
    }

    #[test]
    fn truncates_with_an_ellipsis_on_a_grapheme_boundary() {
        assert_eq!(truncate("Zhangbei", 20), "Zhangbei");
        assert_eq!(truncate("Zhangbei", 5), "Zhan…");
        assert_eq!(truncate("阿里云", 4), "阿…");
        assert!(width(&truncate("阿里云", 4)) <= 4);
    }

    #[test]
    fn conjuncts_and_emoji_joiners_are_of_uncertain_width_and_latin_is_not() {
        assert!(width_may_differ("क्षत्रिय"));
        assert!(width_may_differ("👩\u{200D}💻"));
        assert!(!width_may_differ("Zhangbei, données, 云计算"));
    }
}
