//! The ids that records of one chunk refer to — the source of each quote, the themes of each
//! event — each kept once, so that a reference costs two numbers instead of a copy of its id
//! until the references are resolved. A 100,000-event file holds about a million of them.

use std::collections::HashMap;

/// Distinct names of one chunk, numbered in order of first use.
#[derive(Debug, Default)]
pub(crate) struct Names {
    list: Vec<Box<str>>,
    numbers: HashMap<Box<str>, u32>,
}

impl Names {
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
    }
}
