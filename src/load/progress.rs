//! What a load has done so far, shared between the loading thread and the screen that shows
//! its progress.

use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};

/// What a load has done so far; written by the worker, read by the screen.
#[derive(Debug, Default)]
pub struct Progress {
    /// Bytes in the file.
    pub total: AtomicU64,
    /// Bytes read from disk so far.
    pub read: AtomicU64,
    /// Bytes parsed and checked so far.
    pub parsed: AtomicU64,
    stage: AtomicU8,
}

/// The steps of a load, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Reading,
    Parsing,
    Indexing,
}

impl Progress {
    pub fn stage(&self) -> Stage {
        match self.stage.load(Ordering::Relaxed) {
            0 => Stage::Reading,
            1 => Stage::Parsing,
            _ => Stage::Indexing,
        }
    }

    pub fn set_stage(&self, stage: Stage) {
        self.stage.store(stage as u8, Ordering::Relaxed);
    }

    /// The share done, 0 to 1: reading counts for a tenth, parsing and checking for eight,
    /// the search index for the last. A large file is read and parsed at once, so both move
    /// together.
    pub fn fraction(&self) -> f64 {
        let total = self.total.load(Ordering::Relaxed).max(1) as f64;
        let read = (self.read.load(Ordering::Relaxed) as f64 / total).min(1.0);
        let parsed = (self.parsed.load(Ordering::Relaxed) as f64 / total).min(1.0);
        match self.stage() {
            Stage::Reading => 0.1 * read,
            Stage::Parsing => 0.1 * read + 0.8 * parsed,
            Stage::Indexing => 0.9,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fraction_moves_through_the_stages() {
        let p = Progress::default();
        p.total.store(100, Ordering::Relaxed);
        p.read.store(50, Ordering::Relaxed);
        assert!((p.fraction() - 0.05).abs() < 1e-9);
        // Read and parsed together, as a large file is: half of each is 45%.
        p.set_stage(Stage::Parsing);
        p.parsed.store(50, Ordering::Relaxed);
        assert!((p.fraction() - 0.45).abs() < 1e-9);
        p.read.store(100, Ordering::Relaxed);
        p.parsed.store(100, Ordering::Relaxed);
        assert!((p.fraction() - 0.9).abs() < 1e-9);
        p.set_stage(Stage::Indexing);
        assert_eq!(p.stage(), Stage::Indexing);
        assert!((p.fraction() - 0.9).abs() < 1e-9);
    }
}
