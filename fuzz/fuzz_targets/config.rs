//! Arbitrary bytes as a config file: `annals::config::parse` must return a config and its
//! problems, never panic. Problems print safely (one line each, no control, bidi or invisible
//! character, a message, a position inside the file), are in file order, at most the listed
//! maximum and one line more; the key bindings it keeps name no control or invisible character.
//!
//! Run from the repository root (nightly, or stable with RUSTC_BOOTSTRAP=1 in front):
//!   cargo +nightly fuzz run config fuzz/corpus/config -- -dict=fuzz/toml.dict -max_len=16384 \
//!     -max_total_time=600

#![no_main]

use annals::text::sanitize::is_unsafe;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (config, problems) = annals::config::parse("fuzz.toml", text);
    let lines = text.lines().count().max(1) + 1;
    assert!(problems.len() <= annals::load::MAX_LISTED + 1, "{} problems", problems.len());
    for d in &problems {
        let shown = d.to_string();
        assert!(!shown.chars().any(|c| c.is_control() || is_unsafe(c)), "unsafe problem {shown:?}");
        assert!(!d.message.trim().is_empty(), "a problem with no message");
        assert!(d.line <= lines && (d.line == 0) == (d.column == 0), "position {}:{}", d.line, d.column);
    }
    let positioned: Vec<(usize, usize)> = problems.iter().filter(|d| d.line > 0).map(|d| (d.line, d.column)).collect();
    assert!(positioned.windows(2).all(|w| w[0] <= w[1]), "problems out of order");
    for (keys, _) in config.keymap.help_rows() {
        assert!(!keys.chars().any(|c| c.is_control() || is_unsafe(c)), "a key name {keys:?}");
    }
});
