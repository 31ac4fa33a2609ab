//! The terminal loop: it blocks on one channel (`bus`), and for each message updates the app
//! and draws. Terminal input, the first load, searches, file changes and reloads each come
//! from a thread of their own; nothing slow runs on this one.

pub mod bus;
pub mod export;
pub mod links;
pub mod loader;
pub mod opener;
pub mod reload;
pub mod search_worker;
pub mod signals;
pub mod watcher;

use std::io::{self, Write};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use crossterm::event::{DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};

use crate::app::{App, Effect, Input, update};
use crate::load::Diagnostics;
use bus::Message;
use loader::Loader;
use reload::Reloader;
use search_worker::SearchThread;
use signals::Asked;
use watcher::{FileWatcher, Settle};

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
    /// A signal asked the app to end (SIGTERM, SIGINT, SIGHUP, SIGQUIT): the terminal is
    /// restored, and the caller ends the process the way the signal asks.
    Signal(i32),
}

/// How often the loading screen redraws its gauge while a load runs.
const GAUGE: Duration = Duration::from_millis(50);

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
    let result = run_in(&mut terminal, start);
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    let _ = io::stdout().flush();
    result
}

/// The threads that work for the loop, and what it keeps between messages.
struct Workers {
    /// For the threads started once the app runs (the search index, the search thread).
    bus: bus::Bus,
    searcher: Option<SearchThread>,
    reloader: Option<Reloader>,
    /// The reload whose result is awaited.
    reloading: Option<u64>,
    settle: Option<Settle>,
    watcher: Option<FileWatcher>,
    /// What a signal or ctrl-z asked, for the loop to do with the terminal.
    asked: Option<Asked>,
}

fn run_in(terminal: &mut ratatui::DefaultTerminal, start: Start) -> Result<Outcome, Error> {
    let (bus, inbox) = bus::bus();
    bus::read_terminal(bus.clone())?;
    let signals = signals::watch(bus.clone())?;
    let outcome = run_on(terminal, start, bus, &inbox);
    signals.close();
    outcome
}

fn run_on(
    terminal: &mut ratatui::DefaultTerminal,
    start: Start,
    bus: bus::Bus,
    inbox: &Receiver<Message>,
) -> Result<Outcome, Error> {
    // The file is watched from the start, so that a save made while it loads is not lost.
    let path = match &start {
        Start::Ready(app) => app.source_path.clone(),
        Start::Loading(loader) => Some(loader.path.clone()),
    };
    let watcher = path.as_deref().map(|path| FileWatcher::new(path, bus.clone()));
    let mut settle = path.as_deref().map(|p| Settle::new(p, matches!(watcher, Some(Err(_)))));
    // Keys typed while a large file loads, for the app once it is up.
    let mut typed_ahead = Vec::new();
    let mut app = match start {
        Start::Ready(app) => *app,
        Start::Loading(mut loader) => {
            loader.forward(bus.clone(), |result| Message::Loaded(Box::new(result)));
            match wait_for(terminal, &loader, inbox, &mut typed_ahead, &mut settle)? {
                Waited::Loaded(loaded) => match *loaded {
                    Ok(Ok(app)) => app,
                    Ok(Err(usage)) => return Ok(Outcome::Usage(usage)),
                    Err(diagnostics) => return Ok(Outcome::Invalid(diagnostics)),
                },
                Waited::Ended(outcome) => return Ok(outcome),
            }
        }
    };
    let reloader = path.is_some().then(|| Reloader::start(bus.clone()).ok()).flatten();
    let watcher = match watcher {
        Some(Ok(watcher)) => Some(watcher),
        Some(Err(error)) => {
            app.message = Some(format!("live reload: no file watcher ({error}); the file is looked at every second"));
            None
        }
        None => None,
    };
    let mut workers = Workers { bus, searcher: None, reloader, reloading: None, settle, watcher, asked: None };
    let folded = app.search_index.folded_len();
    search_thread_for(&mut app, &mut workers, folded);
    watch_named_files(&mut app, &mut workers);
    execute!(io::stdout(), EnableMouseCapture)?;
    let size = terminal.size()?;
    update(&mut app, Input::Resize(size.width, size.height));
    for key in typed_ahead {
        step(&mut app, Input::Key(key), &mut workers)?;
    }
    // Whether the frame on screen holds text whose width the terminal may see otherwise.
    let mut uncertain = false;
    // Whether the search index was asked for (after the first frame).
    let mut index_asked = false;
    let hyperlinks = links::wanted(|name| std::env::var(name).ok());
    // The citation style is read from its archive off the screen thread.
    let style = app.citation_style;
    let _ = std::thread::Builder::new().name("citation-style".into()).spawn(move || crate::cite::warm_up(style));
    while !app.should_quit {
        // The keys that came together are handled: the search they ask for starts (once for
        // the letters of a paste), on its thread while this one draws.
        if let Some(searcher) = &mut workers.searcher {
            searcher.flush();
        }
        // Such a frame is replaced by drawing every cell, in one synchronized update where the
        // terminal knows them (no flicker).
        let whole = uncertain;
        if whole {
            execute!(io::stdout(), crossterm::terminal::BeginSynchronizedUpdate)?;
            redraw_all(terminal)?;
        }
        let frame = terminal.draw(|frame| crate::app::view::draw(frame, &app))?;
        uncertain = frame.buffer.content.iter().any(|cell| crate::text::wrap::width_may_differ(cell.symbol()));
        let shown =
            if hyperlinks { links::find(frame.buffer, &crate::app::view::shown_urls(&app)) } else { Vec::new() };
        if !shown.is_empty() {
            links::write(terminal.backend_mut(), &shown)?;
        }
        if whole {
            execute!(io::stdout(), crossterm::terminal::EndSynchronizedUpdate)?;
        }
        // The first frame is on screen: the search index is built now, on a thread, and
        // comes back as `Message::Indexed` (the search line says "indexing…" until then).
        if app.search.indexing && !index_asked {
            index_asked = true;
            let dataset = std::sync::Arc::clone(&app.state.dataset);
            if bus::build_search_index(dataset, app.dataset_generation, workers.bus.clone()).is_err() {
                // No thread to be had: here, as the app did before it had one.
                let index = std::sync::Arc::new(crate::search::SearchIndex::new(&app.dataset));
                let generation = app.dataset_generation;
                handle(&mut app, Message::Indexed { generation, index }, &mut workers)?;
                continue;
            }
        }
        // A test hook: the end-to-end tests force a panic with the terminal in raw mode to
        // check that it is restored.
        if std::env::var_os("ANNALS_TEST_PANIC").is_some() {
            panic!("ANNALS_TEST_PANIC is set: panicking on purpose to test the terminal restore");
        }
        if let Some(message) = next(inbox, &workers)? {
            handle(&mut app, message, &mut workers)?;
            // Whatever else has come meanwhile is taken before the next frame.
            while workers.asked.is_none()
                && let Ok(message) = inbox.try_recv()
            {
                handle(&mut app, message, &mut workers)?;
            }
        }
        match workers.asked.take() {
            Some(Asked::End(signal)) => return Ok(Outcome::Signal(signal)),
            Some(Asked::Suspend) => suspend(terminal, app.mouse_capture)?,
            Some(Asked::Resume) => resume(terminal, app.mouse_capture)?,
            None => {}
        }
        settled(&mut app, &mut workers)?;
        watch_named_files(&mut app, &mut workers);
    }
    Ok(Outcome::Quit)
}

/// The next message, waiting as long as it takes, or until the file has been quiet long
/// enough to reload (`None`).
fn next(inbox: &Receiver<Message>, workers: &Workers) -> io::Result<Option<Message>> {
    let now = Instant::now();
    let gone = || io::Error::other("every thread that sends the loop its messages has ended");
    match workers.settle.as_ref().and_then(Settle::deadline) {
        None => inbox.recv().map(Some).map_err(|_| gone()),
        Some(deadline) => match inbox.recv_timeout(deadline.saturating_duration_since(now)) {
            Ok(message) => Ok(Some(message)),
            Err(RecvTimeoutError::Timeout) => Ok(None),
            Err(RecvTimeoutError::Disconnected) => Err(gone()),
        },
    }
}

fn handle(app: &mut App, message: Message, workers: &mut Workers) -> io::Result<()> {
    match message {
        Message::Terminal(events) => {
            for event in events {
                let input = match event {
                    Event::Key(key) if key.kind != KeyEventKind::Release => Input::Key(key),
                    Event::Mouse(mouse) if app.mouse_capture => Input::Mouse(mouse),
                    Event::Resize(w, h) => Input::Resize(w, h),
                    _ => continue,
                };
                step(app, input, workers)?;
            }
            Ok(())
        }
        Message::TerminalLost(error) => Err(error),
        Message::Indexed { generation, index } => {
            search_thread_for(app, workers, index.folded_len());
            step(app, Input::Indexed { generation, index: crate::app::Indexed(index) }, workers)
        }
        Message::SearchDone { generation, results } => {
            step(app, Input::SearchDone { generation, results: Box::new(results) }, workers)
        }
        Message::FileChanged => {
            if let Some(settle) = &mut workers.settle {
                settle.changed(Instant::now());
            }
            Ok(())
        }
        Message::Reloaded { generation, result } => {
            if workers.reloading == Some(generation)
                && workers.reloader.as_ref().is_some_and(|r| r.is_current(generation))
            {
                workers.reloading = None;
                if let Ok(reloaded) = result.as_ref() {
                    search_thread_for(app, workers, reloaded.search_index.folded_len());
                }
                step(app, Input::ReloadDone(result), workers)?;
            }
            Ok(())
        }
        Message::Signal(signal) => {
            workers.asked = Some(signals::asked(signal));
            Ok(())
        }
        Message::Exported { path, result } => {
            export::finish(app, &path, result);
            Ok(())
        }
        // The first load is done only once, before the loop.
        Message::Loaded(_) => Ok(()),
    }
}

/// Starts the search thread once an index of `folded` bytes comes that is large enough to
/// search there (`BACKGROUND_SEARCH_FROM`); the app then searches in the background.
fn search_thread_for(app: &mut App, workers: &mut Workers, folded: usize) {
    if workers.searcher.is_none() && folded >= BACKGROUND_SEARCH_FROM {
        workers.searcher = SearchThread::start(workers.bus.clone());
    }
    app.background_search = workers.searcher.is_some();
}

/// Watches the files the dataset on screen names (included files, text files), when they are
/// not those watched already: after the first load and after a reload that names others.
fn watch_named_files(app: &mut App, workers: &mut Workers) {
    let files = &app.state.dataset.files;
    let Some(settle) = &mut workers.settle else { return };
    if settle.files() == files.as_slice() {
        return;
    }
    settle.set_files(files);
    if let Some(watcher) = &mut workers.watcher
        && let Err(error) = watcher.watch_also(files)
    {
        // The main file is still watched; the others are looked at whenever it changes.
        app.message = Some(format!("live reload: the files the dataset names cannot all be watched ({error})"));
    }
}

/// Keeps a captured draft beside the dataset at `main`; what the status line says.
fn capture(main: Option<&std::path::Path>, snippet: &str) -> String {
    let Some(main) = main else {
        return "copied the draft via OSC 52 (the bundled dataset has no folder to keep drafts in)".to_string();
    };
    match crate::write::capture::save(main, snippet) {
        Ok(saved) => format!(
            "captured a draft event to {}{} · copied via OSC 52",
            crate::text::sanitize::one_line(&saved.drafts.display().to_string()),
            if saved.included { " · the dataset now includes it" } else { "" }
        ),
        Err(error) => format!(
            "the draft was not saved: {} · copied via OSC 52",
            crate::text::sanitize::one_line(&error.to_string())
        ),
    }
}

/// Once the file has been quiet long enough, reloads it if it changed.
fn settled(app: &mut App, workers: &mut Workers) -> io::Result<()> {
    let now = Instant::now();
    let due = workers.settle.as_ref().and_then(Settle::deadline).is_some_and(|deadline| deadline <= now);
    if due && workers.settle.as_mut().is_some_and(|s| s.due(now)) {
        return apply_effect(app, Effect::Reload, workers);
    }
    Ok(())
}

/// Updates the app with one input and carries out what it asks.
fn step(app: &mut App, input: Input, workers: &mut Workers) -> io::Result<()> {
    if let Some(effect) = update(app, input) {
        apply_effect(app, effect, workers)?;
    }
    // Keys held while a search Enter jumps into was running, now that it is done.
    for key in app.released_keys() {
        step(app, Input::Key(key), workers)?;
    }
    Ok(())
}

/// How waiting for the first load ended.
enum Waited {
    Loaded(Box<Result<Result<App, String>, Diagnostics>>),
    /// The user quit, or a signal ended the app, first.
    Ended(Outcome),
}

/// Shows the loading screen until the load is done. Other keys typed meanwhile go to
/// `typed_ahead`, to be played to the app; a save of the file meanwhile goes to `settle`, to
/// be reloaded once the app is up.
fn wait_for(
    terminal: &mut ratatui::DefaultTerminal,
    loader: &Loader<Result<App, String>>,
    inbox: &Receiver<Message>,
    typed_ahead: &mut Vec<crossterm::event::KeyEvent>,
    settle: &mut Option<Settle>,
) -> io::Result<Waited> {
    loop {
        let elapsed = loader.started.elapsed().as_secs_f64();
        terminal.draw(|frame| crate::ui::loading::draw(frame, &loader.name, &loader.progress, elapsed))?;
        let message = match inbox.recv_timeout(GAUGE) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => return Ok(Waited::Ended(Outcome::Quit)),
        };
        match message {
            Message::Loaded(result) => return Ok(Waited::Loaded(result)),
            Message::FileChanged => {
                if let Some(settle) = settle {
                    settle.changed(Instant::now());
                }
            }
            Message::Signal(signal) => match signals::asked(signal) {
                Asked::End(signal) => return Ok(Waited::Ended(Outcome::Signal(signal))),
                Asked::Suspend => suspend(terminal, false)?,
                Asked::Resume => resume(terminal, false)?,
            },
            Message::TerminalLost(error) => return Err(error),
            Message::Terminal(events) => {
                for event in events {
                    let Event::Key(key) = event else { continue };
                    let ctrl_c = key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c');
                    // q and Esc quit unless keys were typed ahead (a search being typed, say).
                    let quit = matches!(key.code, KeyCode::Char('q') | KeyCode::Esc);
                    if ctrl_c || (quit && typed_ahead.is_empty()) {
                        return Ok(Waited::Ended(Outcome::Quit));
                    }
                    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('z') {
                        suspend(terminal, false)?;
                        continue;
                    }
                    if key.kind != KeyEventKind::Release {
                        typed_ahead.push(key);
                    }
                }
            }
            _ => {}
        }
    }
}

fn apply_effect(app: &mut App, effect: Effect, workers: &mut Workers) -> io::Result<()> {
    match effect {
        Effect::SetMouseCapture(true) => execute!(io::stdout(), EnableMouseCapture),
        Effect::SetMouseCapture(false) => execute!(io::stdout(), DisableMouseCapture),
        Effect::CopyToClipboard(text) => {
            let mut out = io::stdout();
            out.write_all(osc52(&text).as_bytes())?;
            out.flush()
        }
        Effect::Capture(snippet) => {
            let mut out = io::stdout();
            out.write_all(osc52(&snippet).as_bytes())?;
            out.flush()?;
            let message = capture(app.state.source_path.as_deref(), &snippet);
            app.state.wrote = Some(message.clone());
            app.message = Some(message);
            Ok(())
        }
        Effect::Export { path, format, replace } => {
            export::start(app, &path, format, replace, &workers.bus);
            Ok(())
        }
        Effect::OpenUrl(url) => {
            // The opener runs detached: the loop does not wait for the browser.
            app.message = Some(opener::open(&url));
            Ok(())
        }
        Effect::Reload => {
            start_reload(app, workers);
            Ok(())
        }
        Effect::Suspend => {
            workers.asked = Some(Asked::Suspend);
            Ok(())
        }
        Effect::Search { query, generation } => {
            match &mut workers.searcher {
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

/// Starts reading the dataset file again, in the background; a file that is gone leaves the
/// last version on screen. Without a reload thread, here and now.
fn start_reload(app: &mut App, workers: &mut Workers) {
    let Some(path) = app.source_path.clone() else { return };
    if !path.exists() {
        let name = path.display().to_string();
        let name = crate::text::sanitize::one_line(&name);
        app.message = Some(format!("{name} is gone; the last version stays on screen until it is back"));
        return;
    }
    let query = Some(app.search.query.clone());
    match &workers.reloader {
        Some(reloader) => {
            workers.reloading = Some(reloader.request(&path, query));
            update(app, Input::ReloadStarted);
        }
        None => {
            let result = reload::reload(&path, query);
            update(app, Input::ReloadDone(Box::new(result)));
        }
    }
}

/// Gives the terminal back to the shell (mouse reporting off, the main screen, the cursor,
/// cooked mode), stops the process as ctrl-z does, and once continued takes the terminal back
/// and redraws everything.
fn suspend(terminal: &mut ratatui::DefaultTerminal, mouse: bool) -> io::Result<()> {
    let mut out = io::stdout();
    let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, crossterm::cursor::Show);
    let _ = crossterm::terminal::disable_raw_mode();
    let _ = out.flush();
    signals::stop();
    resume(terminal, mouse)
}

/// Takes the terminal back (raw mode, the alternate screen, the mouse if it was on) and
/// clears it, so that the next frame draws every cell: whatever the shell drew meanwhile goes.
fn resume(terminal: &mut ratatui::DefaultTerminal, mouse: bool) -> io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, crossterm::cursor::Hide)?;
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    redraw_all(terminal)
}

/// Makes the next frame draw every cell on a cleared screen. Not `Terminal::clear`: it asks
/// the terminal where the cursor is, and the answer would go to the input thread. The screen
/// is cleared here, and ratatui is told that it shows nothing (its last frame reset).
fn redraw_all(terminal: &mut ratatui::DefaultTerminal) -> io::Result<()> {
    execute!(io::stdout(), crossterm::terminal::Clear(crossterm::terminal::ClearType::All))?;
    terminal.swap_buffers();
    Ok(())
}

/// The OSC 52 sequence that asks the terminal to put `text` on the clipboard. The only escape
/// sequence annals writes on purpose; the text travels base64-encoded, so no byte of it can
/// act as a control.
pub fn osc52(text: &str) -> String {
    use base64::Engine;
    let clean = crate::text::sanitize::sanitize(text);
    format!("\x1b]52;c;{}\x07", base64::engine::general_purpose::STANDARD.encode(clean.as_bytes()))
}
