//! Arbitrary bytes as a dataset file: `annals::load::load_bytes` must return a dataset or
//! diagnostics, never panic, overflow the stack or run away with memory. A dataset that loads
//! must keep the model's promises (quote ranges inside their source, indexes in range) and
//! draw at 80x24 with no control, bidi or invisible character in any cell.
//!
//! Run from the repository root (nightly, or stable with RUSTC_BOOTSTRAP=1 in front):
//!   cargo +nightly fuzz run load fuzz/corpus/load tests/hostile tests/fixtures/valid \
//!     tests/fixtures/invalid data -- -dict=fuzz/toml.dict -max_len=65536 -max_total_time=600
//!
//! Refused input must give diagnostics that print safely: one line each, no control, bidi or
//! invisible character, a message, and a position inside the file; no longer than a few
//! kilobytes whatever the input quotes (long values are cut); at most the listed maximum and
//! one line more. Bytes in UTF-16 or UTF-32 are named as such (the dictionary has byte order
//! marks), and a file of white space with a form feed or a vertical tab is not "empty".

#![no_main]

use annals::app::App;
use annals::input::keymap::Keymap;
use annals::text::sanitize::is_unsafe;
use annals::export::{Format, Options};
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fuzz_target!(|data: &[u8]| {
    let dataset = match annals::load::load_bytes("fuzz.toml", data) {
        Ok(dataset) => dataset,
        Err(diagnostics) => {
            let lines = data.iter().filter(|&&b| b == b'\n').count() + 1;
            assert!(!diagnostics.0.is_empty(), "refused with no diagnostic");
            assert!(diagnostics.0.len() <= annals::load::MAX_LISTED + 1, "{} diagnostics", diagnostics.0.len());
            if let Ok(text) = std::str::from_utf8(data)
                && text.trim().is_empty()
                && text.chars().any(|c| matches!(c, '\u{b}' | '\u{c}' | '\u{85}'))
            {
                assert!(diagnostics.0[0].message.starts_with("control character U+"), "{}", diagnostics.0[0]);
            }
            for d in &diagnostics.0 {
                let shown = d.to_string();
                assert!(!shown.chars().any(|c| c.is_control() || is_unsafe(c)), "unsafe diagnostic {shown:?}");
                assert!(!d.message.trim().is_empty(), "a diagnostic with no message");
                assert!(d.line <= lines && (d.line == 0) == (d.column == 0), "position {}:{}", d.line, d.column);
                assert!(shown.len() <= 8 << 10, "a diagnostic of {} bytes", shown.len());
            }
            return;
        }
    };
    let quotes = dataset.events.iter().flat_map(|e| e.quotes.iter().chain(e.figures.iter().map(|f| &f.quote)));
    let claims = dataset.facts.iter().flat_map(|f| f.claims.iter().map(|c| &c.quote));
    for quote in quotes.chain(claims) {
        let source = &dataset.sources[quote.source];
        let text = if quote.page_lines { source.page_lines.as_deref().unwrap_or_default() } else { &source.text };
        assert!(text.get(quote.range.clone()).is_some(), "quote range outside its source");
    }
    for event in &dataset.events {
        assert!(event.themes.iter().all(|&t| t < dataset.themes.len()), "theme index out of range");
    }
    // Every export of it: no panic, and no control or invisible character outside JSON's escapes.
    let events: Vec<usize> = (0..dataset.events.len()).collect();
    for format in [Format::Markdown, Format::Json, Format::Csv] {
        let mut out = Vec::new();
        annals::export::write(&mut out, &dataset, &events, format, &Options::default()).expect("export to memory");
        let text = String::from_utf8(out).expect("exports write UTF-8");
        assert!(!text.chars().any(|c| is_unsafe(c) && c != '\r'), "unsafe character in the {} export", format.name());
    }
    let mut app = App::new(dataset.clone(), Keymap::default_keymap(), (80, 24));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    // Drawn as loaded, then after a reload from the bundled dataset to it and back.
    for step in 0..3 {
        match step {
            1 => app.replace_dataset(annals::load::bundled().expect("bundled")),
            2 => app.replace_dataset(dataset.clone()),
            _ => {}
        }
        terminal.draw(|frame| annals::app::view::draw(frame, &app)).expect("draw");
        for cell in terminal.backend().buffer().content.iter() {
            assert!(!cell.symbol().chars().any(is_unsafe), "unsafe cell {:?}", cell.symbol());
        }
    }
});
