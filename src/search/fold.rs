//! Folding text for accent- and case-insensitive search.
//!
//! One original character (or a run of whitespace) becomes zero or more folded characters:
//!
//! - any whitespace (`char::is_whitespace`: space, tab, newline, U+00A0, U+202F, U+3000, …)
//!   becomes one space, and a run of it collapses to that one space;
//! - CJK (ideographs, kana, Hangul, CJK symbols, …) passes through untouched: no lowercasing,
//!   no decomposition, so が stays が and 한 stays 한;
//! - everything else is lowercased (per character, so Σ is always σ; ς also folds to σ),
//!   canonically decomposed (NFD), and its combining marks dropped: U+0300–U+036F, and any
//!   other general-category Mark that is zero-width (Mn, Me, the few Mc that extend a
//!   grapheme); spacing marks (most Mc, e.g. Devanagari ा) are kept;
//! - then œ → oe, æ → ae, ß → ss, ĳ → ij, the long s ſ → s, the Latin ligatures ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ
//!   → ff, fi, fl, ffi, ffl, st, st, ’ ‘ ‛ ʼ ′ → `'`, “ ” „ ‟ « » ″ → `"`.
//!
//! The folded text never contains `'\n'`, so a search buffer can use it as a separator.
//!
//! A character whose fold is empty (a combining mark, or whitespace after whitespace) is
//! absorbed into the character before it, so a match that ends on the `e` of `e` + U+0301
//! maps back to a range that includes the U+0301.

use std::ops::Range;
use std::sync::OnceLock;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_width::UnicodeWidthChar;

/// Folds `text` for search (see the module docs for the rules).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_steps(text, &mut out, |_| {});
    out
}

/// Folds `text` and maps each byte of the result back to the original.
///
/// `map` has one entry per folded byte, plus a final sentinel equal to `text.len()`:
/// `map[i]` is the byte offset in `text` where the character that folded byte `i` came from
/// starts. That character, together with whatever was absorbed into it (combining marks,
/// collapsed whitespace), ends at the next larger value in `map`; [`original_range`] does
/// this lookup.
pub fn fold_with_map(text: &str) -> (String, Vec<u32>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    fold_steps(text, &mut out, |step| match step {
        Step::Emit { orig, folded, .. } => map.extend(std::iter::repeat_n(offset(orig.start), folded.len())),
        Step::Ascii { orig_start, folded } => map.extend((orig_start..orig_start + folded.len()).map(offset)),
        Step::Absorb { .. } => {}
    });
    map.push(offset(text.len()));
    (out, map)
}

/// Maps a byte range of the folded text to the byte range of the original text it came from,
/// using a `map` from [`fold_with_map`]. The result never splits a character, nor a character
/// from the marks or whitespace absorbed into it.
pub fn original_range(map: &[u32], folded: Range<usize>) -> Range<usize> {
    let start = map[folded.start] as usize;
    if folded.is_empty() {
        return start..start;
    }
    let last = map[folded.end - 1];
    let end = map[folded.end..].iter().copied().find(|&m| m > last).unwrap_or(last);
    start..end as usize
}

fn offset(n: usize) -> u32 {
    u32::try_from(n).expect("search text longer than 4 GiB")
}

/// What one original character, or a run of ASCII ones, did to the folded text.
pub(crate) enum Step {
    /// It produced `folded` (a range of the output). `verbatim` when it produced exactly one
    /// character of the same byte length, so byte offsets inside it map one to one.
    Emit { orig: Range<usize>, folded: Range<usize>, verbatim: bool },
    /// ASCII characters starting at `orig_start` produced one folded byte each, at `folded`.
    Ascii { orig_start: usize, folded: Range<usize> },
    /// It produced nothing and belongs to the character emitted before it.
    Absorb { orig: Range<usize> },
}

/// Appends the fold of `text` to `out`, reporting each original character's [`Step`].
/// Ranges in the steps are relative to `text` and to where `text`'s fold starts in `out`.
pub(crate) fn fold_steps(text: &str, out: &mut String, mut step: impl FnMut(Step)) {
    let base = out.len();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let before = out.len();
        let folded_at = before - base;
        let after_space = before > base && out.as_bytes()[before - 1] == b' ';
        // A run of ASCII whose whitespace is single spaces: copy and lowercase it in one go.
        let mut prev_space = after_space;
        let run = bytes[i..]
            .iter()
            .position(|&b| {
                let stop = !b.is_ascii() || (is_ascii_space(b) && (b != b' ' || prev_space));
                prev_space = b == b' ';
                stop
            })
            .unwrap_or(bytes.len() - i);
        if run > 0 {
            out.push_str(&text[i..i + run]);
            out[before..].make_ascii_lowercase();
            step(Step::Ascii { orig_start: i, folded: folded_at..folded_at + run });
            i += run;
        } else if is_ascii_space(bytes[i]) {
            if after_space {
                step(Step::Absorb { orig: i..i + 1 });
            } else {
                out.push(' ');
                step(Step::Ascii { orig_start: i, folded: folded_at..folded_at + 1 });
            }
            i += 1;
        } else {
            let c = text[i..].chars().next().expect("i is on a character boundary");
            let orig = i..i + c.len_utf8();
            i = orig.end;
            push_folded(c, after_space, out);
            let after = out.len();
            if after == before {
                step(Step::Absorb { orig });
            } else {
                let verbatim = after - before == orig.len() && out[before..].chars().nth(1).is_none();
                step(Step::Emit { orig, folded: folded_at..after - base, verbatim });
            }
        }
    }
}

/// The ASCII characters that `char::is_whitespace` accepts.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// Folds one non-ASCII character.
fn push_folded(c: char, after_space: bool, out: &mut String) {
    if c.is_whitespace() {
        if !after_space {
            out.push(' ');
        }
    } else if u32::from(c) < 0x800 {
        out.push_str(two_byte_fold(c));
    } else if is_cjk(c) {
        out.push(c);
    } else {
        push_lowered(c, out);
    }
}

/// Lowercases, decomposes and maps one character that is neither whitespace nor CJK.
fn push_lowered(c: char, out: &mut String) {
    for lower in c.to_lowercase() {
        decompose_canonical(lower, |d| push_base(d, out));
    }
}

/// The fold of a character from U+0080 to U+07FF (Latin, Greek, Cyrillic, Hebrew, Arabic, the
/// combining diacritics), from a table built on first use: most accented text is there.
fn two_byte_fold(c: char) -> &'static str {
    static TABLE: OnceLock<Vec<Box<str>>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0x80..0x800)
            .map(|u| {
                let mut folded = String::new();
                push_lowered(char::from_u32(u).expect("no surrogates below U+0800"), &mut folded);
                folded.into_boxed_str()
            })
            .collect()
    });
    &table[u32::from(c) as usize - 0x80]
}

fn push_base(c: char, out: &mut String) {
    match c {
        'œ' => out.push_str("oe"),
        'æ' => out.push_str("ae"),
        'ß' => out.push_str("ss"),
        'ĳ' => out.push_str("ij"),
        'ſ' => out.push('s'),
        '\u{FB00}' => out.push_str("ff"),
        '\u{FB01}' => out.push_str("fi"),
        '\u{FB02}' => out.push_str("fl"),
        '\u{FB03}' => out.push_str("ffi"),
        '\u{FB04}' => out.push_str("ffl"),
        '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
        'ς' => out.push('σ'),
        '’' | '‘' | '‛' | 'ʼ' | '′' => out.push('\''),
        '“' | '”' | '„' | '‟' | '«' | '»' | '″' => out.push('"'),
        _ if is_dropped_mark(c) => {}
        _ => out.push(c),
    }
}

/// Combining marks that folding removes.
fn is_dropped_mark(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c) || (is_combining_mark(c) && c.width() == Some(0))
}

/// CJK characters, which fold to themselves.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11FF}'     // Hangul Jamo
        | '\u{2E80}'..='\u{2FDF}'   // CJK and Kangxi radicals
        | '\u{3000}'..='\u{33FF}'   // CJK symbols, kana, bopomofo, compatibility jamo, enclosed
        | '\u{3400}'..='\u{4DBF}'   // CJK Extension A
        | '\u{4E00}'..='\u{9FFF}'   // CJK Unified Ideographs
        | '\u{A960}'..='\u{A97F}'   // Hangul Jamo Extended-A
        | '\u{AC00}'..='\u{D7FF}'   // Hangul syllables, Jamo Extended-B
        | '\u{F900}'..='\u{FAFF}'   // CJK Compatibility Ideographs
        | '\u{FE30}'..='\u{FE4F}'   // CJK Compatibility Forms
        | '\u{FF65}'..='\u{FFDC}'   // halfwidth katakana and Hangul
        | '\u{20000}'..='\u{3FFFF}' // supplementary ideographic planes
    )
}

/// A stretch of folded text that does not map to the original byte for byte: a character
/// whose fold changed length or split in several characters, or one that absorbed marks or
/// whitespace. Offsets are relative to the folded and original text of one string. Between
/// units, folded and original bytes correspond one to one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unit {
    pub folded: u32,
    pub folded_end: u32,
    pub orig: u32,
    pub orig_end: u32,
}

/// Appends the fold of `text` to `out` and its [`Unit`]s (relative to `text`) to `units`.
pub(crate) fn fold_into(text: &str, out: &mut String, units: &mut Vec<Unit>) {
    enum Last {
        Nothing,
        Verbatim { folded: Range<usize>, orig_start: usize },
        Unit(usize),
    }
    let mut last = Last::Nothing;
    fold_steps(text, out, |step| match step {
        Step::Emit { orig, folded, verbatim: true } => last = Last::Verbatim { folded, orig_start: orig.start },
        Step::Ascii { orig_start, folded } => {
            last = Last::Verbatim { folded: folded.end - 1..folded.end, orig_start: orig_start + folded.len() - 1 }
        }
        Step::Emit { orig, folded, verbatim: false } => {
            units.push(Unit {
                folded: offset(folded.start),
                folded_end: offset(folded.end),
                orig: offset(orig.start),
                orig_end: offset(orig.end),
            });
            last = Last::Unit(units.len() - 1);
        }
        Step::Absorb { orig } => match last {
            Last::Unit(i) => units[i].orig_end = offset(orig.end),
            Last::Verbatim { ref folded, orig_start } => {
                units.push(Unit {
                    folded: offset(folded.start),
                    folded_end: offset(folded.end),
                    orig: offset(orig_start),
                    orig_end: offset(orig.end),
                });
                last = Last::Unit(units.len() - 1);
            }
            // Leading marks belong to nothing: an empty unit shifts what follows.
            Last::Nothing => {
                units.push(Unit { folded: 0, folded_end: 0, orig: 0, orig_end: offset(orig.end) });
                last = Last::Unit(units.len() - 1);
            }
        },
    });
}

/// Maps a non-empty folded range of one string back to its original range, using the
/// string's [`Unit`]s from [`fold_into`].
pub(crate) fn map_range(units: &[Unit], folded: Range<usize>) -> Range<usize> {
    let locate = |p: usize| {
        let i = units.partition_point(|u| u.folded as usize <= p);
        i.checked_sub(1).map(|i| units[i])
    };
    let start = match locate(folded.start) {
        None => folded.start,
        Some(u) if folded.start < u.folded_end as usize => u.orig as usize,
        Some(u) => u.orig_end as usize + (folded.start - u.folded_end as usize),
    };
    let end = match locate(folded.end - 1) {
        None => folded.end,
        Some(u) if folded.end - 1 < u.folded_end as usize => u.orig_end as usize,
        Some(u) => u.orig_end as usize + (folded.end - u.folded_end as usize),
    };
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The original text of every match of `query` in `text`, through both maps.
    fn matches(text: &str, query: &str) -> Vec<&'static str> {
        let (folded, map) = fold_with_map(text);
        let mut units = Vec::new();
        let mut again = String::new();
        fold_into(text, &mut again, &mut units);
        assert_eq!(again, folded);
        let query = fold(query);
        folded
            .match_indices(&query)
            .map(|(i, m)| {
                let range = original_range(&map, i..i + m.len());
                assert_eq!(map_range(&units, i..i + m.len()), range, "{text:?} {query:?}");
                &*text[range].to_string().leak()
            })
            .collect()
    }

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("Déploiement à ZHANGBEI"), "deploiement a zhangbei");
        assert_eq!(fold("Données ÉTÉ Çà"), "donnees ete ca");
        assert_eq!(fold("e\u{301}te\u{301}"), "ete");
        assert_eq!(fold("E\u{301}"), fold("É"));
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("ΟΔΟΣ οδός"), "οδοσ οδοσ");
    }

    #[test]
    fn folds_ligatures_and_sharp_s() {
        assert_eq!(fold("Œuvre, cœur, Æsir, æther"), "oeuvre, coeur, aesir, aether");
        assert_eq!(fold("Straße STRAẞE"), "strasse strasse");
    }

    #[test]
    fn folds_typographic_ligatures_and_the_long_s() {
        assert_eq!(fold("ﬁnance ﬂow oﬀer oﬃce baﬄe ﬅ ﬆop"), "finance flow offer office baffle st stop");
        assert_eq!(fold("Dieſe Straſſe, ẛ"), "diese strasse, s");
        assert_eq!(fold("Ĳssel ĳs"), "ijssel ijs");
        assert_eq!(fold("ﬁ"), fold("fi"));
        assert_eq!(fold("ſ"), fold("s"));
        assert_eq!(fold("ﬁnance"), fold("FINANCE"));
    }

    #[test]
    fn ligature_matches_map_back_to_whole_ligatures() {
        assert_eq!(matches("la ﬁnance", "fin"), ["ﬁn"]);
        assert_eq!(matches("la ﬁnance", "in"), ["ﬁn"]);
        assert_eq!(matches("oﬃce", "ffi"), ["ﬃ"]);
        assert_eq!(matches("oﬃce", "fic"), ["ﬃc"]);
        assert_eq!(matches("Dieſe", "diese"), ["Dieſe"]);
        assert_eq!(matches("ẛ x", "s x"), ["ẛ x"]);
    }

    #[test]
    fn folds_typographic_quotes_and_apostrophes() {
        assert_eq!(fold("l’offensive l‘a l‛b lʼc 5′"), "l'offensive l'a l'b l'c 5'");
        assert_eq!(fold("“a” „b” «c» 5″"), "\"a\" \"b\" \"c\" 5\"");
    }

    #[test]
    fn folds_whitespace_to_single_spaces() {
        assert_eq!(fold("a\u{A0}b\u{202F}c\nd\t\r\n e\u{3000}f"), "a b c d e f");
        assert_eq!(fold("  lead  "), " lead ");
        assert!(!fold("x\n\ny\u{2028}z\u{85}").contains('\n'));
    }

    #[test]
    fn cjk_passes_through() {
        assert_eq!(fold("阿里云 ＡＢＣ"), "阿里云 ａｂｃ");
        assert_eq!(fold("がぎ 한국 豈"), "がぎ 한국 豈");
    }

    #[test]
    fn drops_other_nonspacing_marks_but_keeps_spacing_ones() {
        assert_eq!(fold("שָׁלוֹם"), "שלום");
        assert_eq!(fold("कामा"), "कामा"); // U+093E is a spacing mark
        assert_eq!(fold("a\u{20DD}"), "a");
    }

    #[test]
    fn folding_is_idempotent() {
        for text in ["Déjà Œ ß  ’x’ 阿\u{A0}", "e\u{301}\u{301}  b", "\u{301}x", "ﬁ ﬃ ſ ẛ ĳ"] {
            assert_eq!(fold(&fold(text)), fold(text));
        }
    }

    #[test]
    fn map_has_a_start_per_folded_byte_and_a_sentinel() {
        let (folded, map) = fold_with_map("Éa  阿");
        assert_eq!(folded, "ea 阿");
        assert_eq!(map, [0, 2, 3, 5, 5, 5, 8]);
    }

    #[test]
    fn matches_map_back_to_whole_characters_and_their_marks() {
        assert_eq!(matches("cafe\u{301} e\u{301}te\u{301}", "e"), ["e\u{301}", "e\u{301}", "e\u{301}"]);
        assert_eq!(matches("café", "cafe\u{301}"), ["café"]);
        assert_eq!(matches("cafe\u{301}\u{327}!", "cafe"), ["cafe\u{301}\u{327}"]);
        assert_eq!(matches("Œuvre", "o"), ["Œ"]);
        assert_eq!(matches("Œuvre", "eu"), ["Œu"]);
        assert_eq!(matches("Straße", "s"), ["S", "ß", "ß"]);
        assert_eq!(matches("l’offensive", "l'o"), ["l’o"]);
        assert_eq!(matches("a \u{A0}\n b", "a b"), ["a \u{A0}\n b"]);
        assert_eq!(matches("\u{301}\u{301}Zhangbei 张北", "zhangbei 张"), ["Zhangbei 张"]);
        assert_eq!(matches("阿里云阿里", "阿里"), ["阿里", "阿里"]);
    }

    #[test]
    fn empty_and_mark_only_texts() {
        assert_eq!(fold_with_map(""), (String::new(), vec![0]));
        assert_eq!(fold_with_map("\u{301}"), (String::new(), vec![2]));
        assert_eq!(original_range(&[0, 1], 0..0), 0..0);
    }

    proptest::proptest! {
        /// Ligatures and the long s among accents, marks and spaces: both maps agree, every
        /// match maps back to whole characters whose fold holds it, and folding is idempotent.
        #[test]
        fn ligatures_keep_the_maps_right(
            pieces in proptest::collection::vec(
                proptest::sample::select(&["ﬁ", "fi", "ﬃ", "ffi", "ſ", "s", "ẛ", "ĳ", "ij", "é", "e\u{301}", "œ", " ", "\u{A0}", "\u{301}", "a", "F"][..]),
                0..14,
            ),
            query in proptest::sample::select(&["f", "fi", "ffi", "is", "s", "ij", "e", "a f", "fis", "sf"][..]),
        ) {
            let text = pieces.concat();
            let folded = fold(&text);
            proptest::prop_assert_eq!(fold(&folded), folded.clone());
            for range in matches(&text, query) {
                proptest::prop_assert!(fold(range).contains(&fold(query)), "{:?} in {:?}", query, range);
            }
        }
    }
}
