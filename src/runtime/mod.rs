//! The terminal loop: it blocks on one channel (`bus`), and for each message updates the app
//! and draws. Terminal input, the first load, searches, file changes and reloads each come
//! from a thread of their own; nothing slow runs on this one.

pub mod bus;
mod effects;
pub mod export;
pub mod links;
pub mod loader;
pub mod opener;
pub mod reload;
pub mod search_worker;
pub mod signals;
mod terminal;
mod waiting;
pub mod watcher;

pub use terminal::osc52;

use std::io::{self, Write};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use crossterm::event::{DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind};
use crossterm::execute;

use crate::app::{App, Effect, Input, update};
use crate::load::Diagnostics;
use bus::Message;
use effects::apply_effect;
use loader::Loader;
use reload::Reloader;
use search_worker::SearchThread;
use signals::Asked;
use terminal::{redraw_all, resume, suspend};
use waiting::{Waited, wait_for};
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
        // A drag held past the edge of a text scrolls it on while no other input comes.
        let tick_at = app.ticking().map(|every| Instant::now() + every);
        if let Some(message) = next(inbox, &workers, tick_at)? {
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
            Some(Asked::Suspend) => {
                suspend(terminal, app.mouse_capture)?;
                step(&mut app, Input::Resumed, &mut workers)?;
            }
            Some(Asked::Resume) => {
                resume(terminal, app.mouse_capture)?;
                step(&mut app, Input::Resumed, &mut workers)?;
            }
            None => {}
        }
        if tick_at.is_some_and(|at| at <= Instant::now()) {
            step(&mut app, Input::Tick, &mut workers)?;
        }
        settled(&mut app, &mut workers)?;
        watch_named_files(&mut app, &mut workers);
    }
    Ok(Outcome::Quit)
}

/// The next message, waiting as long as it takes, or until the file has been quiet long
/// enough to reload, or until `tick_at` (`None`).
fn next(inbox: &Receiver<Message>, workers: &Workers, tick_at: Option<Instant>) -> io::Result<Option<Message>> {
    let now = Instant::now();
    let gone = || io::Error::other("every thread that sends the loop its messages has ended");
    let settle = workers.settle.as_ref().and_then(Settle::deadline);
    match settle.into_iter().chain(tick_at).min() {
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
    // The main file again: a symbolic link made or pointed elsewhere since leads to a folder
    // not watched yet.
    if let (Some(watcher), Some(main)) = (&mut workers.watcher, &app.state.source_path) {
        let _ = watcher.watch_also(std::slice::from_ref(main));
    }
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
