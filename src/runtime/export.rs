//! `E`: what the screen shows (the timeline with its filters and search) written to a file the
//! user named, in the format chosen, under the rules of `--export … -o` (`crate::write`): a new
//! file, or one that is there only once the user said to replace it; never anything but a
//! regular file.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::bus::{Bus, Message};
use crate::app::App;
use crate::cite::CitationStyle;
use crate::export::{Format, Options};
use crate::model::Dataset;
use crate::state::{Overlay, State};
use crate::write::{Error, NewFile, Replace};

/// What an export writes, taken from the screen when Enter is pressed: the dataset is shared,
/// so the file can be written on a thread of its own while the screen stays live.
struct Job {
    dataset: Arc<Dataset>,
    /// The dataset's main file, which an export never replaces (nor the files it names).
    main: Option<PathBuf>,
    /// Shared with the timeline: no copy of a million indexes.
    events: Arc<Vec<usize>>,
    summary: String,
    citation_style: CitationStyle,
}

impl Job {
    fn of(state: &State) -> Job {
        Job {
            dataset: Arc::clone(&state.dataset),
            main: state.source_path.clone(),
            events: Arc::clone(&state.timeline.visible),
            summary: state.shown_summary(),
            citation_style: state.citation_style,
        }
    }

    /// Writes the events to `path`; says what it wrote.
    fn run(&self, path: &Path, format: Format, replace: bool) -> Result<String, Error> {
        let replace = if replace { Replace::Existing } else { Replace::Never };
        let mut file = NewFile::create(path, replace)?;
        file.refuse_inputs(self.main.iter().chain(&self.dataset.files).map(PathBuf::as_path))?;
        let selection = (self.events.len() < self.dataset.events.len()).then_some(self.summary.as_str());
        let options = Options { selection, citation_style: self.citation_style, ..Options::default() };
        let written = crate::export::write(&mut file, &self.dataset, &self.events, format, &options)
            .map_err(|e| Error::io(path, e))?;
        file.commit()?;
        // A bibliography lists the sources of the events shown, not the events.
        let what = match format.lists_sources() {
            true => {
                let n = written.sources;
                format!("{n} source{} quoted by {}", if n == 1 { "" } else { "s" }, self.summary)
            }
            false => self.summary.clone(),
        };
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        // The file first: a narrow status line keeps it, and drops what follows.
        Ok(format!("exported {} to {} · {what}", format.name(), path.display()))
    }
}

/// Writes the events the timeline shows to `path`; says what it wrote.
pub fn export_shown(state: &State, path: &Path, format: Format, replace: bool) -> Result<String, Error> {
    Job::of(state).run(path, format, replace)
}

/// Carries out `Effect::Export`: the file is written on a thread of its own (a million events
/// take seconds), which sends `Message::Exported` when done; the box says "exporting…"
/// meanwhile. Without a thread, it is written here.
pub(super) fn start(app: &mut App, path: &str, format: Format, replace: bool, bus: &Bus) {
    let job = Job::of(&app.state);
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty()).map(PathBuf::from);
    let target = in_home(path, home.as_deref());
    let shown = path.to_string();
    let bus = bus.clone();
    let spawned = std::thread::Builder::new().name("export".into()).spawn(move || {
        let result = job.run(&target, format, replace);
        let _ = bus.send(Message::Exported { path: shown, result });
    });
    match spawned {
        Ok(_) => {
            if let Some(Overlay::Export(prompt)) = &mut app.state.overlay {
                prompt.exporting = true;
            }
            app.state.message = Some(format!("exporting {}…", app.state.shown_summary()));
        }
        Err(_) => {
            let result = export_shown(&app.state, &in_home(path, home.as_deref()), format, replace);
            finish(app, path, result);
        }
    }
}

/// The path typed in the box, a leading `~` standing for the home folder as a shell reads it
/// (`~` alone or `~/…`; `~name` is taken as it is).
fn in_home(typed: &str, home: Option<&Path>) -> PathBuf {
    match (typed.strip_prefix('~'), home) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => home.join(rest.trim_start_matches('/')),
        _ => PathBuf::from(typed),
    }
}

/// What an export came to: the box closes when the file is written; it stays open, with the
/// reason on the status line, when it is not (and asks before replacing a file).
pub(super) fn finish(app: &mut App, path: &str, result: Result<String, Error>) {
    let shown = crate::text::sanitize::one_line(path).into_owned();
    let prompt = match &mut app.state.overlay {
        Some(Overlay::Export(prompt)) => {
            prompt.exporting = false;
            Some(prompt)
        }
        _ => None,
    };
    match result {
        Ok(message) => {
            if prompt.is_some() {
                app.state.overlay = None;
            }
            app.state.message = Some(crate::text::sanitize::one_line(&message).into_owned());
        }
        Err(Error::Exists(_)) => {
            if let Some(prompt) = prompt {
                prompt.replace = true;
            }
            app.state.message = Some(format!("{shown} exists: enter again replaces it"));
        }
        Err(error) => {
            app.state.message = Some(crate::text::sanitize::one_line(&format!("not exported: {error}")).into_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_leading_tilde_is_the_home_folder_as_in_a_shell() {
        let home = Some(Path::new("/home/ana"));
        assert_eq!(in_home("~/x.md", home), PathBuf::from("/home/ana/x.md"));
        assert_eq!(in_home("~", home), PathBuf::from("/home/ana"));
        assert_eq!(in_home("~/notes/x.json", home), PathBuf::from("/home/ana/notes/x.json"));
        // Not a home folder: as typed.
        assert_eq!(in_home("~ana/x.md", home), PathBuf::from("~ana/x.md"));
        assert_eq!(in_home("notes/~/x.md", home), PathBuf::from("notes/~/x.md"));
        assert_eq!(in_home("~/x.md", None), PathBuf::from("~/x.md"), "no HOME: as typed");
    }

    fn app_with_box() -> App {
        let dataset = crate::load::bundled().expect("bundled");
        let mut app = App::new(dataset, crate::input::Keymap::default_keymap(), (100, 30));
        app.state.overlay = Some(Overlay::Export(crate::state::ExportPrompt::new("story")));
        app
    }

    /// Starts an export to `path` and hands its result back as the loop would.
    fn export_in_background(app: &mut App, path: &Path, replace: bool) {
        let (bus, inbox) = crate::runtime::bus::bus();
        start(app, path.to_str().unwrap(), Format::Json, replace, &bus);
        assert!(matches!(&app.state.overlay, Some(Overlay::Export(p)) if p.exporting), "the box says it is exporting");
        match inbox.recv_timeout(Duration::from_secs(30)) {
            Ok(Message::Exported { path, result }) => finish(app, &path, result),
            _ => panic!("no word from the export thread"),
        }
    }

    #[test]
    fn an_export_is_written_off_the_screen_thread_and_then_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.json");
        let mut app = app_with_box();
        export_in_background(&mut app, &path, false);
        assert!(app.state.overlay.is_none(), "the box closes once the file is written");
        let message = app.state.message.clone().unwrap_or_default();
        assert!(
            message.starts_with("exported json to ") && message.ends_with("story.json · 22 of 22 events"),
            "{message}"
        );
        assert!(std::fs::read_to_string(&path).unwrap().contains("\"events\""));

        // The same name again: nothing is replaced until the user says so.
        let before = std::fs::read(&path).unwrap();
        let mut app = app_with_box();
        export_in_background(&mut app, &path, false);
        assert!(matches!(&app.state.overlay, Some(Overlay::Export(p)) if p.replace && !p.exporting));
        assert!(app.state.message.as_deref().unwrap().ends_with("exists: enter again replaces it"));
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }
}
