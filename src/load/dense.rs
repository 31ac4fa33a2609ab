//! A guard before the toml crate parses a large text. Its tree and its list of the parser's
//! events take about 50 bytes a token, and a dataset has a token every 3 to 15 bytes (3 to 16
//! times its size in memory, for the part parsed at once); but a run of blank lines, comments
//! or punctuation has one every byte or two, and a 2 GiB file of them would need 50 to 100
//! GiB, which ends the process instead of giving a message. Such a text is refused first.
//! (Chunks of plain records, `[dataset]` included, never get here: `plain_tree` leaves out
//! blank lines and comment lines.)

use toml_parser::Source;

/// Texts shorter than this are parsed whatever their density.
pub(crate) const CHECKED_FROM: usize = 64 << 20;

/// The message refusing `text` if it has more than a token every 2 bytes (a dataset of short
/// fields has one every 3) and is at least [`CHECKED_FROM`] long; `None` when it may be
/// parsed.
pub(crate) fn too_dense(text: &str) -> Option<String> {
    too_dense_from(text, CHECKED_FROM)
}

fn too_dense_from(text: &str, checked_from: usize) -> Option<String> {
    if text.len() < checked_from {
        return None;
    }
    let limit = text.len() / 2;
    // Counting stops at the limit: a dense text is refused after lexing a part of it.
    let tokens = Source::new(text).lex().take(limit + 1).count();
    (tokens > limit).then(|| {
        format!(
            "more than one TOML token every 2 bytes over {} MB (blank lines, comments or punctuation rather \
             than records): reading it would take more than 25 times its size in memory (expected a dataset of \
             records, such as [[event]] tables, with a token every 3 to 15 bytes)",
            text.len() >> 20
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_of_blank_lines_or_comments_is_refused_and_records_are_not() {
        let records = "[[event]]\nid = \"e1\"\ntitle = \"A title of some length\"\n".repeat(2_000);
        assert_eq!(too_dense_from(&records, 1024), None);
        for flood in ["\n".repeat(100_000), "#\n".repeat(20_000), "[a.b]\n".to_string() + &"\n".repeat(50_000)] {
            let message = too_dense_from(&flood, 1024).expect("refused");
            assert!(message.starts_with("more than one TOML token every 2 bytes"), "{message}");
        }
        assert_eq!(too_dense_from(&"\n".repeat(1000), 1024 * 1024), None, "short texts are not checked");
    }
}
