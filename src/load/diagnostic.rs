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
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
        }
    }
}

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

/// Collects problems as byte spans, then turns them into line and column once at the end.
pub(crate) struct Collector<'a> {
    file: &'a str,
    text: &'a str,
    found: Vec<(usize, String)>,
    starts: std::cell::OnceCell<Vec<usize>>,
}

impl<'a> Collector<'a> {
    pub fn new(file: &'a str, text: &'a str) -> Self {
        Collector { file, text, found: Vec::new(), starts: std::cell::OnceCell::new() }
    }

    pub fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.found.push((span.start, message.into()));
    }

    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        position_with(self.text, self.starts.get_or_init(|| line_starts(self.text)), offset).0
    }

    pub fn finish(mut self) -> Diagnostics {
        self.found.sort_by_key(|(offset, _)| *offset);
        self.found.dedup();
        let starts = line_starts(self.text);
        let diagnostics = self
            .found
            .into_iter()
            .map(|(offset, message)| {
                let (line, column) = position_with(self.text, &starts, offset);
                Diagnostic { file: self.file.to_string(), line, column, message }
            })
            .collect();
        Diagnostics(diagnostics)
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)).collect()
}

/// 1-based (line, column) of a byte offset, the column counted in characters.
pub fn position(text: &str, offset: usize) -> (usize, usize) {
    position_with(text, &line_starts(text), offset)
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
}
