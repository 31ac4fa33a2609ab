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

#[cfg(test)]
mod tests {
    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(super::count(1, "fact"), "1 fact");
        assert_eq!(super::count(0, "fact"), "0 facts");
        assert_eq!(super::count(4, "event"), "4 events");
    }
}
