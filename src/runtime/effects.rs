//! What the app asks of the world (`Effect`), carried out on the loop's thread: mouse
//! capture, the clipboard, a captured draft kept beside the dataset, an export, a URL opened,
//! a reload, a search handed to the search thread.

use std::io::{self, Write};

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;

use super::signals::Asked;
use super::terminal::osc52;
use super::{Workers, export, opener, reload};
use crate::app::{App, Effect, Input, update};

/// Keeps a captured draft beside the dataset at `main`: what the status line says, and the
/// draft's TOML as kept (its id may have moved on), for the clipboard.
fn capture(main: Option<&std::path::Path>, draft: &crate::write::capture::Draft) -> (String, String) {
    let Some(main) = main else {
        let message = "copied the draft via OSC 52 (the bundled dataset has no folder to keep drafts in)";
        return (message.to_string(), draft.snippet());
    };
    match crate::write::capture::save(main, draft) {
        Ok(saved) => (
            format!(
                "captured a draft event to {}{} · id {} · copied via OSC 52",
                crate::text::sanitize::one_line(&saved.drafts.display().to_string()),
                if saved.included { " · the dataset now includes it" } else { "" },
                saved.draft.id,
            ),
            saved.draft.snippet(),
        ),
        Err(error) => (
            format!(
                "the draft was not saved: {} · copied via OSC 52",
                crate::text::sanitize::one_line(&error.to_string())
            ),
            draft.snippet(),
        ),
    }
}

pub(super) fn apply_effect(app: &mut App, effect: Effect, workers: &mut Workers) -> io::Result<()> {
    match effect {
        Effect::SetMouseCapture(true) => execute!(io::stdout(), EnableMouseCapture),
        Effect::SetMouseCapture(false) => execute!(io::stdout(), DisableMouseCapture),
        Effect::CopyToClipboard(text) => {
            let mut out = io::stdout();
            out.write_all(osc52(&text).as_bytes())?;
            out.flush()
        }
        Effect::Capture(draft) => {
            let (message, snippet) = capture(app.state.source_path.as_deref(), &draft);
            let mut out = io::stdout();
            out.write_all(osc52(&snippet).as_bytes())?;
            out.flush()?;
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
