//! A selection in a source's text, to capture as a quote: a byte range of the text that
//! starts and ends on character boundaries, made from a word and extended by word, sentence
//! or (wrapped) line. Pure functions of the text, so the capture is the text's own bytes.

use std::ops::Range;

/// Characters that end a sentence, in the scripts of the datasets (Latin, CJK).
const SENTENCE_ENDS: &[char] = &['.', '!', '?', '…', '。', '！', '？'];
/// Characters that may close a sentence after its end mark: quotes and brackets.
const CLOSERS: &[char] = &['"', '\'', '»', '”', '’', ')', ']', '」', '』', '）'];

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// Characters that join two letters or digits into one word: elisions ("d’euros",
/// "l'offensive") and compounds ("e-commerce", "Proche-Orient") are taken whole.
fn joins(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '\u{2010}' | '\u{2011}')
}

/// Whether the character at byte `i` (a character boundary) is part of a word: a letter or a
/// digit, or a joiner between two.
fn in_word(text: &str, i: usize) -> bool {
    let Some(c) = text[i..].chars().next() else { return false };
    is_word(c)
        || (joins(c)
            && text[..i].chars().next_back().is_some_and(is_word)
            && text[i + c.len_utf8()..].chars().next().is_some_and(is_word))
}

/// `at` moved back to a character boundary, within the text.
fn boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Where the character before byte `at` starts, if any.
fn before(text: &str, at: usize) -> Option<usize> {
    text[..at].chars().next_back().map(|c| at - c.len_utf8())
}

/// The first word at or after `at` (a byte offset, snapped back to a character boundary):
/// `at..at` when the text has no word from there on.
pub fn word_at(text: &str, at: usize) -> Range<usize> {
    let mut at = boundary(text, at);
    // Inside a word: back to its start, or to the joiner before (a quote may begin after an
    // elision: "d’un milliard" quoted as "un milliard").
    while in_word(text, at)
        && let Some(previous) = before(text, at).filter(|&p| text[p..].chars().next().is_some_and(is_word))
    {
        at = previous;
    }
    let Some(start) = text[at..].char_indices().map(|(i, _)| at + i).find(|&i| in_word(text, i)) else {
        return at..at;
    };
    start..word_end(text, start)
}

/// The word `at` is in, or else the last word before it: `at..at` when there is none.
fn word_up_to(text: &str, at: usize) -> Range<usize> {
    let at = boundary(text, at);
    if in_word(text, at) {
        return word_at(text, at);
    }
    let mut i = at;
    while let Some(previous) = before(text, i) {
        if in_word(text, previous) {
            return word_at(text, previous);
        }
        i = previous;
    }
    at..at
}

/// Where the word that starts at `start` ends.
fn word_end(text: &str, start: usize) -> usize {
    text[start..].char_indices().map(|(i, _)| start + i).find(|&i| !in_word(text, i)).unwrap_or(text.len())
}

/// `selection` with its start moved to the word after its first: a word shorter. A
/// selection of one word moves to the next word instead (so that, from the word it started
/// on, the start can be walked to any word on); unchanged when no word follows.
pub fn start_later(text: &str, selection: Range<usize>) -> Range<usize> {
    let first = word_at(text, selection.start);
    let next = word_at(text, first.end);
    match next {
        next if next.is_empty() => selection,
        next if next.end <= selection.end => next.start..selection.end,
        next => next,
    }
}

/// A selection of one word moved to the first word of the wrapped line `delta` lines from
/// the one it starts on (lines without a word are passed over); `None` when the selection is
/// more than a word, or there is no such line.
pub fn moved_by_lines(
    text: &str,
    lines: &[Range<usize>],
    selection: Range<usize>,
    delta: isize,
) -> Option<Range<usize>> {
    if word_at(text, selection.start) != selection {
        return None;
    }
    let on = lines
        .iter()
        .position(|line| line.start <= selection.start && selection.start < line.end.max(line.start + 1))?;
    let mut at = on;
    loop {
        at = at.checked_add_signed(delta).filter(|&i| i < lines.len())?;
        let line = &lines[at];
        let word = word_at(text, line.start);
        if !word.is_empty() && word.start < line.end {
            return Some(word);
        }
    }
}

/// The selection from the word at `anchor` (where a drag began) to the pointer at `at`,
/// either way, the words at both ends whole: forwards, to the word the pointer is on or else
/// the last one before it (never a word past the pointer); backwards, from the word it is on
/// or else the first one after it.
pub fn between(text: &str, anchor: usize, at: usize) -> Range<usize> {
    let from = word_at(text, anchor);
    let to = if at < anchor { word_at(text, at) } else { word_up_to(text, at) };
    from.start.min(to.start)..from.end.max(to.end)
}

/// `selection` with its end moved past the next word (what lies between comes along).
pub fn extend_word(text: &str, selection: Range<usize>) -> Range<usize> {
    let next = word_at(text, selection.end);
    selection.start..next.end.max(selection.end)
}

/// `selection` with its end moved to the end of the sentence it ends in, or of the next one
/// when it already ends a sentence: past the end mark and any closing quotes or brackets.
pub fn extend_sentence(text: &str, selection: Range<usize>) -> Range<usize> {
    let from = selection.end;
    // Skip what is between sentences, so that a sentence already whole gets the next one.
    let rest = &text[from..];
    let skipped = rest.len() - rest.trim_start_matches(|c: char| c.is_whitespace() || CLOSERS.contains(&c)).len();
    let from = from + skipped;
    let mut end = text.len();
    let mut chars = text[from..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        // A Latin mark ends a sentence before a space, a closer, another mark or the end of
        // the text: not within a number ("4.5m", "81.5%") nor a name ("Amazon.com").
        let within = c.is_ascii() && chars.peek().is_some_and(|&(_, next)| next.is_alphanumeric());
        if SENTENCE_ENDS.contains(&c) && !within {
            end = from + i + c.len_utf8();
            // A run of marks ("?!", "...") and closers belongs to the sentence.
            while let Some(&(j, next)) = chars.peek() {
                if !(SENTENCE_ENDS.contains(&next) || CLOSERS.contains(&next)) {
                    break;
                }
                end = from + j + next.len_utf8();
                chars.next();
            }
            break;
        }
    }
    // A closing quote after a space (« … ! ») belongs to the sentence too; a straight one
    // there closes only a quote the sentence left open, else it opens the next sentence's.
    loop {
        let rest = &text[end..];
        let spaced = rest.trim_start_matches([' ', '\u{a0}', '\u{202f}']);
        let open = |c: char| text[selection.start..end].matches(c).count() % 2 == 1;
        match spaced.chars().next() {
            Some(c) if CLOSERS.contains(&c) && spaced.len() < rest.len() && (!matches!(c, '"' | '\'') || open(c)) => {
                end += rest.len() - spaced.len() + c.len_utf8()
            }
            _ => break,
        }
    }
    selection.start..end.max(selection.end)
}

/// `selection` with its end moved to the end of the wrapped line it ends on, or of the next
/// line when it ends one already. `lines` are the wrapped lines of the text (byte ranges).
pub fn extend_line(lines: &[Range<usize>], selection: Range<usize>) -> Range<usize> {
    let end = selection.end;
    let on = lines.iter().position(|line| line.start <= end && end < line.end);
    let target = match on {
        Some(i) => lines[i].end,
        // The next line with text: a blank line between paragraphs ends where it starts.
        None => lines.iter().find(|line| line.start >= end && !line.is_empty()).map_or(end, |line| line.end),
    };
    selection.start..target.max(end)
}

/// The selection without white space at either end: what a quote of it holds.
pub fn trimmed(text: &str, selection: Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(selection.clone()) else { return selection.start..selection.start };
    let start = selection.start + (slice.len() - slice.trim_start().len());
    let end = selection.start + slice.trim_end().len();
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "L’offensive d’Alibaba : un déploiement à Zhangbei. « Été chargé ! » Puis 阿里云。Fin";

    fn at(text: &str, word: &str) -> usize {
        text.find(word).expect("in the text")
    }

    #[test]
    fn a_selection_starts_on_the_whole_word_at_the_cursor_accents_included() {
        let middle = at(TEXT, "ploiement");
        assert_eq!(&TEXT[word_at(TEXT, middle)], "déploiement");
        assert_eq!(&TEXT[word_at(TEXT, at(TEXT, " un"))], "un", "from a space: the next word");
        // A cursor in the middle of a character is moved to its start.
        assert_eq!(&TEXT[word_at(TEXT, at(TEXT, "é") + 1)], "déploiement");
        assert_eq!(word_at(TEXT, TEXT.len()), TEXT.len()..TEXT.len());
    }

    #[test]
    fn words_sentences_and_lines_extend_the_end() {
        let start = word_at(TEXT, at(TEXT, "un "));
        let two = extend_word(TEXT, start.clone());
        assert_eq!(&TEXT[two.clone()], "un déploiement");
        let sentence = extend_sentence(TEXT, two);
        assert_eq!(&TEXT[sentence.clone()], "un déploiement à Zhangbei.");
        let next = extend_sentence(TEXT, sentence);
        assert_eq!(&TEXT[next.clone()], "un déploiement à Zhangbei. « Été chargé ! »");
        let cjk = extend_sentence(TEXT, next);
        assert_eq!(&TEXT[cjk.clone()], "un déploiement à Zhangbei. « Été chargé ! » Puis 阿里云。");
        assert_eq!(extend_sentence(TEXT, cjk).end, TEXT.len(), "no mark left: to the end");
    }

    #[test]
    fn a_sentence_goes_on_past_a_point_within_a_number_or_a_name() {
        let text = "Seen by the Gazette, €4.5m over budget. Sales of Amazon.com rose 81.5%! Then 阿里云。Next";
        let start = word_at(text, 0);
        let first = extend_sentence(text, start);
        assert_eq!(&text[first.clone()], "Seen by the Gazette, €4.5m over budget.");
        let second = extend_sentence(text, first);
        assert!(text[second.clone()].ends_with("Sales of Amazon.com rose 81.5%!"), "{:?}", &text[second.clone()]);
        // A CJK full stop needs no space after it.
        let third = extend_sentence(text, second);
        assert!(text[third].ends_with("Then 阿里云。"));
    }

    #[test]
    fn a_straight_quote_after_a_sentence_closes_only_a_quote_it_left_open() {
        let text = "The council met on Monday. \"We will build it,\" said the mayor. \"Soon.\" Then \"it\" stops.";
        let first = extend_sentence(text, word_at(text, 0));
        assert_eq!(&text[first.clone()], "The council met on Monday.", "the next quote opens the next sentence");
        let quoted = text.find("Soon").unwrap() - 1;
        let soon = extend_sentence(text, quoted..quoted + 1);
        assert_eq!(&text[soon], "\"Soon.\"", "its own quote closes after the full stop");
    }

    #[test]
    fn a_line_step_follows_the_wrapped_lines_across_breaks() {
        let text = "Alibaba investit un\nmilliard de dollars dans Aliyun cette année";
        let lines = crate::text::wrap::wrap(text, 16);
        assert!(lines.len() >= 3, "{lines:?}");
        let start = word_at(text, 0);
        assert_eq!(&text[start.clone()], "Alibaba");
        let line = extend_line(&lines, start);
        assert_eq!(line.end, lines[0].end);
        let two = extend_line(&lines, line);
        assert_eq!(two.end, lines[1].end, "at a line's end, the next line");
        let three = extend_line(&lines, two);
        let slice = &text[trimmed(text, three.clone())];
        assert!(slice.starts_with("Alibaba investit un\nmilliard"), "{slice:?}");
        assert_eq!(three.end, lines[2].end);
    }

    #[test]
    fn a_line_step_at_a_paragraphs_end_goes_over_the_blank_line_to_the_next_one() {
        let text = "Alibaba investit.\n\nLe milliard suit.\n\nFin.";
        let lines = crate::text::wrap::wrap(text, 40);
        let mut selection = word_at(text, 0);
        let mut ends = Vec::new();
        for _ in 0..4 {
            selection = extend_line(&lines, selection);
            ends.push(&text[trimmed(text, selection.clone())]);
        }
        assert_eq!(ends, ["Alibaba investit.", "Alibaba investit.\n\nLe milliard suit.", text, text]);
    }

    #[test]
    fn the_start_walks_on_a_word_at_a_time_and_a_single_word_moves_along() {
        let one = word_at(TEXT, at(TEXT, "un "));
        let moved = start_later(TEXT, one);
        assert_eq!(&TEXT[moved.clone()], "déploiement", "one word: the next word");
        let three = extend_word(TEXT, extend_word(TEXT, moved));
        assert_eq!(&TEXT[three.clone()], "déploiement à Zhangbei");
        let two = start_later(TEXT, three);
        assert_eq!(&TEXT[two.clone()], "à Zhangbei", "a word shorter");
        let last = word_at(TEXT, at(TEXT, "Fin"));
        assert_eq!(start_later(TEXT, last.clone()), last, "no word after: unchanged");
    }

    #[test]
    fn a_drag_selects_whole_words_from_where_it_began_either_way() {
        let (un, zhang) = (at(TEXT, "un "), at(TEXT, "Zhangbei") + 3);
        assert_eq!(&TEXT[between(TEXT, un, zhang)], "un déploiement à Zhangbei");
        assert_eq!(&TEXT[between(TEXT, zhang, un)], "un déploiement à Zhangbei", "dragged back");
        assert_eq!(&TEXT[between(TEXT, un + 1, un)], "un", "within one word");
    }

    #[test]
    fn a_drag_that_ends_on_white_space_ends_at_the_word_before_it() {
        let text = "Ils veulent concurrencer en Asie.\n\n\"Notre offre\", dit-il, la e-commerce.";
        let start = at(text, "concurrencer");
        // Past the end of the line, on the blank line, and on the space before a word.
        for pointer in [at(text, "Asie.") + 5, at(text, "\n\n") + 1, at(text, " en")] {
            let chosen = &text[between(text, start, pointer)];
            assert!(chosen.starts_with("concurrencer"), "{chosen:?}");
            assert!(!chosen.contains("Notre"), "a word past the pointer: {chosen:?} at {pointer}");
        }
        assert_eq!(&text[between(text, start, at(text, "Asie.") + 5)], "concurrencer en Asie");
        assert_eq!(&text[between(text, start, at(text, " en"))], "concurrencer");
        // Backwards from "offre" to the blank line: from the first word after the pointer.
        let offre = at(text, "offre");
        assert_eq!(&text[between(text, offre, at(text, "\n\n") + 1)], "Notre offre");
    }

    #[test]
    fn elisions_and_compounds_are_one_word() {
        let text = "L’offensive d'Alibaba, le e-commerce au Proche-Orient - enfin ' seul.";
        for word in ["L’offensive", "d'Alibaba", "e-commerce", "Proche-Orient"] {
            assert_eq!(&text[word_at(text, at(text, word))], word);
            assert_eq!(&text[between(text, at(text, word), at(text, word) + 1)], word);
            // A drag from before it to its middle takes it whole.
            let inside = at(text, word) + word.len() / 2 + 1;
            assert!(text[between(text, 0, inside)].ends_with(word), "{word}");
        }
        // From within, back to the joiner only: a quote may begin after an elision.
        assert_eq!(&text[word_at(text, at(text, "Alibaba") + 2)], "Alibaba");
        assert_eq!(&text[word_at(text, at(text, "'Alibaba"))], "d'Alibaba", "on the apostrophe");
        // A hyphen or an apostrophe between spaces joins nothing.
        assert_eq!(&text[word_at(text, at(text, "- enfin"))], "enfin");
        assert_eq!(&text[word_at(text, at(text, "' seul"))], "seul");
        assert_eq!(&text[extend_word(text, word_at(text, at(text, "le e")))], "le e-commerce");
    }

    #[test]
    fn trimming_keeps_the_inner_bytes() {
        let text = "  un  milliard \n";
        assert_eq!(&text[trimmed(text, 0..text.len())], "un  milliard");
        assert_eq!(trimmed(text, 0..2), 2..2);
    }
}
