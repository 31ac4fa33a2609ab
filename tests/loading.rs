//! Loading on a worker thread, and the progress screen.

use std::sync::atomic::Ordering::Relaxed;
use std::time::Duration;

use annals::load::{Progress, Stage};
use annals::runtime::loader::{Loader, Waited};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[test]
fn a_load_on_a_worker_thread_reports_bytes_and_returns_what_was_built() {
    let path = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/data/alibaba-cloud.toml"));
    let size = std::fs::metadata(&path).unwrap().len();
    let loader = Loader::start(path, |dataset, progress| (dataset.events.len(), progress.stage()));
    let result = loop {
        if let Waited::Done(result) = loader.wait(Duration::from_millis(50)) {
            break result;
        }
    };
    assert_eq!(result.unwrap(), (22, Stage::Indexing));
    assert_eq!(loader.progress.total.load(Relaxed), size);
    assert_eq!(loader.progress.read.load(Relaxed), size);
}

#[test]
fn a_failed_load_returns_its_diagnostics() {
    let loader = Loader::start("/nonexistent/story.toml".into(), |dataset, _| dataset);
    let result = loop {
        if let Waited::Done(result) = loader.wait(Duration::from_millis(50)) {
            break result;
        }
    };
    let diagnostics = result.unwrap_err();
    assert!(diagnostics.to_string().contains("no such file"), "{diagnostics}");
}

#[test]
fn the_progress_screen_shows_the_file_the_stage_and_the_gauge() {
    let progress = Progress::default();
    progress.total.store(117_000_000, Relaxed);
    progress.read.store(117_000_000, Relaxed);
    progress.set_stage(Stage::Parsing);
    progress.parsed.store(58_500_000, Relaxed);
    let mut terminal = Terminal::new(TestBackend::new(80, 12)).unwrap();
    terminal.draw(|frame| annals::ui::loading::draw(frame, "big.toml", &progress, 1.5)).unwrap();
    let screen: String = terminal.backend().buffer().content.iter().map(|c| c.symbol()).collect();
    assert!(screen.contains("big.toml"));
    assert!(
        screen.contains("parsing and checking 58.5 MB of 117.0 MB · 50% · 1.5 s"),
        "0.1 read + 0.8 × half: {screen}"
    );
    // The gauge: a line half filled (70 cells less the margin of the label).
    let filled = screen.matches('━').count();
    assert!((33..=36).contains(&filled), "{filled} of about 69 cells filled: {screen}");
    assert!(screen.contains("q or ctrl-c: stop and quit"));
}
