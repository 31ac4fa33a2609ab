//! The terminal loop: draw, read input, update; reload the dataset when its file changes.
//! Everything else lives in `app` and `ui`.

use std::io::{self, Write};
use std::time::Duration;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind};
use crossterm::execute;

pub mod loader;
pub mod memory;
pub mod search_worker;
pub mod watcher;

use crate::app::{App, Effect, Input, update};
use crate::load::Diagnostics;
use crate::runtime::loader::{Loader, Waited};
use crate::runtime::search_worker::SearchThread;
use crate::runtime::watcher::FileWatcher;

/// What the app starts from: a ready app, or a load still running (then a progress screen
/// shows until it is done).
pub enum Start {
    Ready(Box<App>),
    Loading(Loader<Result<App, String>>),
}

/// How a run ended, when not by a terminal error.
#[derive(Debug)]
pub enum Outcome {
    /// The user quit.
    Quit,
    /// The dataset did not load: its problems, for stderr.
    Invalid(Diagnostics),
    /// A start-up option did not fit the dataset.
    Usage(String),
}

/// How often the loop wakes without input, to notice file changes.
const TICK: Duration = Duration::from_millis(50);

/// How often it wakes while a search runs on the search thread, to show its results.
const SEARCH_TICK: Duration = Duration::from_millis(2);

/// Datasets with this much searchable text (folded) or more are searched on the search
/// thread: a keystroke there never waits for the search (about 5 ms at 4 MB on one core).
const BACKGROUND_SEARCH_FROM: usize = 4 << 20;

/// Why the app stopped with an error: the terminal failed.
pub type Error = io::Error;

/// Runs the app until the user quits. The caller has prepared the app (dataset, config,
/// start-up options: usage errors are found before the terminal changes mode); this sets the
/// terminal up and always restores it, on error too (and `ratatui::init` installs a panic
/// hook that restores it on panic).
pub fn run(start: Start) -> Result<Outcome, Error> {
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(io::Error::other(
            "the app needs a terminal, and stdin or stdout is not one; \
             to write the timeline to a file or a pipe, use --export md|json|csv",
        ));
    }
    let mut terminal = ratatui::try_init()?;
    // ratatui's hook restores raw mode, the alternate screen and the cursor; mouse capture
    // must be turned off too, or clicks would type escape codes into the shell.
    let restore = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        restore(info);
    }));
    let result = (|| {
        // Keys typed while a large file loads, for the app once it is up.
        let mut typed_ahead = Vec::new();
        let mut app = match start {
            Start::Ready(app) => *app,
            Start::Loading(loader) => match wait_for(&mut terminal, &loader, &mut typed_ahead)? {
                Waited::Done(Ok(Ok(app))) => app,
                Waited::Done(Ok(Err(usage))) => return Ok(Outcome::Usage(usage)),
                Waited::Done(Err(diagnostics)) => return Ok(Outcome::Invalid(diagnostics)),
                Waited::Running => return Ok(Outcome::Quit),
            },
        };
        let mut watcher = app.source_path.as_deref().and_then(|path| FileWatcher::new(path).ok());
        let searcher =
            if app.search_index.folded_len() >= BACKGROUND_SEARCH_FROM { SearchThread::start() } else { None };
        app.background_search = searcher.is_some();
        execute!(io::stdout(), EnableMouseCapture)?;
        let size = terminal.size()?;
        update(&mut app, Input::Resize(size.width, size.height));
        for key in typed_ahead {
            if let Some(effect) = update(&mut app, Input::Key(key)) {
                apply_effect(&mut app, effect, searcher.as_ref())?;
            }
        }
        let mut dirty = true;
        while !app.should_quit {
            if dirty {
                terminal.draw(|frame| crate::app::view::draw(frame, &app))?;
                dirty = false;
                // A test hook: the end-to-end tests force a panic with the terminal in raw
                // mode to check that it is restored.
                if std::env::var_os("ANNALS_TEST_PANIC").is_some() {
                    panic!("ANNALS_TEST_PANIC is set: panicking on purpose to test the terminal restore");
                }
            }
            if let Some(searcher) = &searcher {
                while let Some((generation, results)) = searcher.try_result() {
                    update(&mut app, Input::SearchDone { generation, results: Box::new(results) });
                    dirty = true;
                }
            }
            if dirty {
                continue;
            }
            if event::poll(if app.search.pending { SEARCH_TICK } else { TICK })? {
                let input = match event::read()? {
                    Event::Key(key) if key.kind != KeyEventKind::Release => Input::Key(key),
                    Event::Mouse(mouse) if app.mouse_capture => Input::Mouse(mouse),
                    Event::Resize(w, h) => Input::Resize(w, h),
                    _ => continue,
                };
                if let Some(effect) = update(&mut app, input) {
                    apply_effect(&mut app, effect, searcher.as_ref())?;
                }
                dirty = true;
            }
            if watcher.as_mut().is_some_and(FileWatcher::settled) {
                reload(&mut app);
                dirty = true;
            }
        }
        Ok(Outcome::Quit)
    })();
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    let _ = io::stdout().flush();
    result
}

/// Shows the loading screen until the load is done; `Running` when the user quit first.
/// Other keys typed meanwhile go to `typed_ahead`, to be played to the app.
fn wait_for<T>(
    terminal: &mut ratatui::DefaultTerminal,
    loader: &Loader<T>,
    typed_ahead: &mut Vec<event::KeyEvent>,
) -> io::Result<Waited<T>> {
    loop {
        let elapsed = loader.started.elapsed().as_secs_f64();
        terminal.draw(|frame| crate::ui::loading::draw(frame, &loader.name, &loader.progress, elapsed))?;
        if let Waited::Done(result) = loader.wait(TICK) {
            return Ok(Waited::Done(result));
        }
        while event::poll(Duration::ZERO)? {
            if let Event::Key(key) = event::read()? {
                let ctrl_c =
                    key.modifiers.contains(event::KeyModifiers::CONTROL) && key.code == event::KeyCode::Char('c');
                // q and Esc quit unless keys were typed ahead (a search being typed, say).
                let quit = matches!(key.code, event::KeyCode::Char('q') | event::KeyCode::Esc);
                if ctrl_c || (quit && typed_ahead.is_empty()) {
                    return Ok(Waited::Running);
                }
                if key.kind != KeyEventKind::Release {
                    typed_ahead.push(key);
                }
            }
        }
    }
}

/// Reads the dataset file again: a valid file replaces the data in place, an invalid one
/// leaves the last good data on screen with its problems listed. The file is only read.
pub fn reload(app: &mut App) {
    let Some(path) = app.source_path.clone() else { return };
    if !path.exists() {
        let name = path.display().to_string();
        let name = crate::text::sanitize::one_line(&name);
        app.message = Some(format!("{name} is gone; the last version stays on screen until it is back"));
        return;
    }
    match crate::load::load_path(&path) {
        Ok(dataset) => app.replace_dataset(dataset),
        Err(diagnostics) => app.reload_failed(diagnostics.0.iter().map(ToString::to_string).collect()),
    }
}

fn apply_effect(app: &mut App, effect: Effect, searcher: Option<&SearchThread>) -> io::Result<()> {
    match effect {
        Effect::SetMouseCapture(true) => execute!(io::stdout(), EnableMouseCapture),
        Effect::SetMouseCapture(false) => execute!(io::stdout(), DisableMouseCapture),
        Effect::CopyToClipboard(text) => {
            let mut out = io::stdout();
            out.write_all(osc52(&text).as_bytes())?;
            out.flush()
        }
        Effect::Reload => {
            reload(app);
            Ok(())
        }
        Effect::Search { query, generation } => {
            match searcher {
                Some(searcher) => searcher.request(&app.search_index, query, generation),
                // No search thread after all: here and now.
                None => {
                    let results = app.search_index.search(&query);
                    update(app, Input::SearchDone { generation, results: Box::new(results) });
                }
            }
            Ok(())
        }
    }
}

/// The OSC 52 sequence that asks the terminal to put `text` on the clipboard. The only escape
/// sequence annals writes on purpose; the text travels base64-encoded, so no byte of it can
/// act as a control.
pub fn osc52(text: &str) -> String {
    use base64::Engine;
    let clean = crate::text::sanitize::sanitize(text);
    format!("\x1b]52;c;{}\x07", base64::engine::general_purpose::STANDARD.encode(clean.as_bytes()))
}
