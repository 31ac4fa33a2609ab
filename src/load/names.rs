//! What the records of one chunk refer to until every chunk is read: the ids they name — the
//! source of each quote, the themes of each event — each kept once, so that a reference costs
//! two numbers instead of a copy of its id; and the quoted texts, end to end in one string
//! rather than one allocation each. A 100,000-event file holds about a million references and
//! 300,000 quotes: kept apart, they would leave the memory they free in crumbs.

use std::ops::Range;

/// Distinct names of one chunk, numbered in order of first use, and its quoted texts.
#[derive(Debug, Default)]
pub(crate) struct Names {
    list: Vec<Box<str>>,
    numbers: super::Map<Box<str>, u32>,
    texts: String,
}

impl Names {
    /// Keeps a quoted text; gives where it is kept.
    pub fn keep_text(&mut self, text: &str) -> Range<u32> {
        let start = offset(self.texts.len());
        self.texts.push_str(text);
        start..offset(self.texts.len())
    }

    /// A text kept by [`Names::keep_text`].
    pub fn text(&self, kept: &Range<u32>) -> &str {
        &self.texts[kept.start as usize..kept.end as usize]
    }

    /// The number of `name`, given it if new.
    pub fn intern(&mut self, name: &str) -> u32 {
        if let Some(&n) = self.numbers.get(name) {
            return n;
        }
        let n = u32::try_from(self.list.len()).expect("fewer than 4 billion names in a chunk");
        self.list.push(name.into());
        self.numbers.insert(name.into(), n);
        n
    }

    pub fn get(&self, n: u32) -> &str {
        &self.list[n as usize]
    }
}

/// A reference as written: which name of its chunk's [`Names`], and where its value starts in
/// the whole file (for messages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NameAt {
    pub name: u32,
    pub at: u32,
}

/// A byte offset of the file as a `u32` (files are at most 2 GiB).
pub(crate) fn offset(at: usize) -> u32 {
    u32::try_from(at).expect("offsets of a file of at most 2 GiB fit in 32 bits")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_name_is_kept_once_and_numbered_in_order() {
        let mut names = Names::default();
        assert_eq!([names.intern("b"), names.intern("a"), names.intern("b")], [0, 1, 0]);
        assert_eq!((names.get(0), names.get(1), names.list.len()), ("b", "a", 2));
        let (x, y) = (names.keep_text("x y"), names.keep_text("é"));
        assert_eq!((names.text(&x), names.text(&y)), ("x y", "é"));
    }
}
