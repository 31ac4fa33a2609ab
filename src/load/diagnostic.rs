//! Diagnostics: what is wrong, where (file, line, column), and what was expected.

use std::fmt;
use std::ops::Range;

/// One problem found in a dataset file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based; 0 when the problem concerns the whole file (missing, not UTF-8, too large).
    pub line: usize,
    /// 1-based, counted in characters; 0 with `line == 0`.
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    /// One line, whatever the file name or the quoted values hold: controls, bidi and line
    /// breaks become visible placeholders, so no diagnostic can act on the terminal or pass
    /// for another one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::text::sanitize::one_line;
        let (file, message) = (one_line(&self.file), one_line(&self.message));
        if self.line == 0 {
            write!(f, "{file}: {message}")
        } else {
            write!(f, "{file}:{}:{}: {message}", self.line, self.column)
        }
    }
}

/// At most this many characters of a value (a key, an id, a date as written) are quoted in a
/// diagnostic.
pub const MAX_QUOTED_CHARS: usize = 80;

/// `text` as a diagnostic quotes it: whole if short, else its start and how long it was, so
/// that a 10 MB key name does not make a 10 MB line.
pub fn clip(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(MAX_QUOTED_CHARS) {
        None => std::borrow::Cow::Borrowed(text),
        Some((end, _)) => std::borrow::Cow::Owned(format!("{}… ({} bytes in all)", &text[..end], text.len())),
    }
}

/// At most this many problems are listed; a last line says that more were found.
pub const MAX_LISTED: usize = 1000;

/// Every problem found in one load, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// One problem as found: where (byte offset in the whole file), in which reading phase, what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub offset: usize,
    /// The reading phase (top level, then each record kind in [`super::split::KINDS`] order):
    /// problems at the same offset are listed in this order, whatever order they were found in.
    pub rank: u8,
    pub message: String,
}

/// Collects problems as byte spans, then turns them into line and column once at the end.
///
/// A collector reads one chunk of the file (or the whole file): `text` is the chunk, which
/// starts at byte `base` of the whole file and on line `base_line`, and spans given to it are
/// relative to the chunk.
pub(crate) struct Collector<'a> {
    text: &'a str,
    base: usize,
    base_line: usize,
    rank: u8,
    /// A byte offset of `text` and its line, so that lines are counted forward, not from 0.
    cursor: (usize, usize),
    found: Vec<Found>,
}

impl<'a> Collector<'a> {
    /// A collector for the whole file.
    pub fn new(text: &'a str) -> Self {
        Collector::for_chunk(text, 0, 1)
    }

    /// A collector for a chunk of the file, `text`, that starts at byte `base` of the file, on
    /// line `base_line`.
    pub fn for_chunk(text: &'a str, base: usize, base_line: usize) -> Self {
        Collector { text, base, base_line, rank: 0, cursor: (0, base_line), found: Vec::new() }
    }

    /// Problems found from now on belong to reading phase `rank`.
    pub fn set_rank(&mut self, rank: u8) {
        self.rank = rank;
    }

    /// `span` (relative to this collector's chunk) in the whole file.
    pub fn global(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.base..span.end + self.base
    }

    /// A spanned value with its span made relative to the whole file.
    pub fn globalize<T>(&self, value: toml::Spanned<T>) -> toml::Spanned<T> {
        let span = self.global(value.span());
        toml::Spanned::new(span, value.into_inner())
    }

    /// Whether this collector takes no more problems (see [`Collector::error`]): what would
    /// only go into a message need not be worked out.
    pub fn is_full(&self) -> bool {
        self.found.len() >= 4 * MAX_LISTED
    }

    pub fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        // Past a few times what is listed, problems are only noted as "more": a file of
        // millions of mistakes must not take gigabytes to report.
        if self.found.len() >= 4 * MAX_LISTED {
            return;
        }
        self.found.push(Found { offset: span.start + self.base, rank: self.rank, message: message.into() });
    }

    /// 1-based line of a byte offset of this collector's chunk. Cheap when called with
    /// increasing offsets: lines are counted from the previous call.
    pub fn line_of(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if offset < self.cursor.0 {
            self.cursor = (0, self.base_line);
        }
        let (from, line) = self.cursor;
        let line = line + memchr::memchr_iter(b'\n', &self.text.as_bytes()[from..offset]).count();
        self.cursor = (offset, line);
        line
    }

    /// The problems found, to be merged with other chunks' by [`finish`].
    pub fn into_found(self) -> Vec<Found> {
        self.found
    }
}

/// Problems of a whole file, in file order (phase order at equal offsets, then the order they
/// were found in), each with its line and column.
pub(crate) fn finish(file: &str, text: &str, mut found: Vec<Found>) -> Diagnostics {
    found.sort_by_key(|f| (f.offset, f.rank));
    found.dedup_by(|b, a| a.offset == b.offset && a.message == b.message);
    let more = found.len() > MAX_LISTED;
    found.truncate(MAX_LISTED);
    // Offsets are sorted: count lines and columns forward, once over the file at most (a
    // thousand problems on one long line do not count its characters a thousand times).
    let (mut at, mut line, mut line_start, mut column) = (0, 1, 0, 1);
    let diagnostics = found
        .into_iter()
        .map(|f| {
            let offset = f.offset.min(text.len());
            for newline in memchr::memchr_iter(b'\n', &text.as_bytes()[at..offset]) {
                line += 1;
                line_start = at + newline + 1;
            }
            let from = at.max(line_start);
            column = if from == line_start { 1 } else { column };
            column += text.get(from..offset).map_or(offset - from, |s| s.chars().count());
            at = offset;
            Diagnostic { file: file.to_string(), line, column, message: f.message }
        })
        .collect::<Vec<_>>();
    let mut diagnostics = diagnostics;
    if more {
        let message =
            format!("more problems were found; only the first {MAX_LISTED} are listed (fix these and check again)");
        diagnostics.push(Diagnostic { file: file.to_string(), line: 0, column: 0, message });
    }
    Diagnostics(diagnostics)
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)).collect()
}

/// 1-based (line, column) of a byte offset, the column counted in characters. Counts the lines
/// of the whole text: for many positions in one text, use a [`LineIndex`].
pub fn position(text: &str, offset: usize) -> (usize, usize) {
    position_with(text, &line_starts(text), offset)
}

/// Where each line of a text starts, so that a position costs a binary search; and the last
/// position given, so that the column of the next one on the same line, further on, is counted
/// from there rather than from the start of a line that may be megabytes long.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// (offset, its line, its column) of the last position given.
    last: std::cell::Cell<(usize, usize, usize)>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        LineIndex { starts: line_starts(text), last: std::cell::Cell::new((0, 1, 1)) }
    }

    /// [`position`] of `offset` in `text`, the text this index was built from.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let (last, last_line, last_column) = self.last.get();
        let column = match text.get(last..offset) {
            Some(between) if last_line == line && last <= offset => last_column + between.chars().count(),
            _ => position_with(text, &self.starts, offset).1,
        };
        self.last.set((offset, line, column));
        (line, column)
    }
}

fn position_with(text: &str, starts: &[usize], offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let line = starts.partition_point(|&s| s <= offset).max(1);
    let start = starts[line - 1];
    let column = text.get(start..offset).map_or(offset - start, |s| s.chars().count()) + 1;
    (line, column)
}

/// A diagnostic about the whole file (no position).
pub fn file_error(file: &str, message: impl Into<String>) -> Diagnostics {
    Diagnostics(vec![Diagnostic { file: file.to_string(), line: 0, column: 0, message: message.into() }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let text = "ab\nçé x\n";
        assert_eq!(position(text, 0), (1, 1));
        assert_eq!(position(text, 3), (2, 1));
        assert_eq!(position(text, "ab\nçé ".len()), (2, 4));
        assert_eq!(position(text, text.len()), (3, 1));
    }

    #[test]
    fn a_line_index_gives_the_positions_position_gives_in_any_order() {
        let text = "ab\nçé x\n\n阿里云 y\nlast";
        let index = LineIndex::new(text);
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        for &offset in offsets.iter().chain(offsets.iter().rev()).chain(offsets.iter().step_by(3)) {
            assert_eq!(index.position(text, offset), position(text, offset), "offset {offset}");
        }
    }

    #[test]
    fn columns_of_sorted_problems_are_counted_forward() {
        let text = "é".repeat(10) + "\nx" + &"é".repeat(5);
        let offsets = [0, 4, 6, 20, 21, 22, 26, text.len()];
        let found = offsets.iter().map(|&offset| Found { offset, rank: 0, message: format!("at {offset}") }).collect();
        let shown: Vec<(usize, usize)> = finish("f", &text, found).0.iter().map(|d| (d.line, d.column)).collect();
        let expected: Vec<(usize, usize)> = offsets.iter().map(|&offset| position(&text, offset)).collect();
        assert_eq!(shown, expected);
    }
}
