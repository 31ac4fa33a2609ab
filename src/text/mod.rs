//! Text helpers shared by the loader, the search and the drawing code.

pub mod hyperlink;
pub mod kwic;
pub mod number;
pub mod sanitize;
pub mod wrap;

/// "1 fact", "2 facts": a count and what it counts, the word made plural with an "s".
pub fn count(n: usize, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{n} {what}s") }
}

/// Ctrl-W in a line being typed: `line` without its last word and the spaces after it (the
/// line editors' "unix word rubout").
pub fn erase_last_word(line: &mut String) {
    let kept = line.trim_end().trim_end_matches(|c: char| !c.is_whitespace()).len();
    line.truncate(kept);
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(super::count(1, "fact"), "1 fact");
        assert_eq!(super::count(0, "fact"), "0 facts");
        assert_eq!(super::count(4, "event"), "4 events");
    }

    #[test]
    fn ctrl_w_erases_the_last_word_and_the_spaces_after_it() {
        let mut line = "nuage  de données  ".to_string();
        super::erase_last_word(&mut line);
        assert_eq!(line, "nuage  de ");
        super::erase_last_word(&mut line);
        super::erase_last_word(&mut line);
        assert_eq!(line, "");
        super::erase_last_word(&mut line);
        assert_eq!(line, "");
    }
}
