//! `E`: what the screen shows (the timeline with its filters and search) written to a file the
//! user named, in the format chosen, under the rules of `--export … -o` (`crate::write`): a new
//! file, or one that is there only once the user said to replace it; never anything but a
//! regular file.

use std::path::Path;

use crate::app::App;
use crate::export::{Format, Options};
use crate::state::{Overlay, State};
use crate::write::{Error, NewFile, Replace};

/// Writes the events the timeline shows to `path`; says what it wrote.
pub fn export_shown(state: &State, path: &Path, format: Format, replace: bool) -> Result<String, Error> {
    let replace = if replace { Replace::Existing } else { Replace::Never };
    let mut file = NewFile::create(path, replace)?;
    let events = &state.timeline.visible;
    let summary = state.shown_summary();
    let selection = (events.len() < state.dataset.events.len()).then_some(summary.as_str());
    let options = Options { selection, citation_style: state.citation_style, ..Options::default() };
    crate::export::write(&mut file, &state.dataset, events, format, &options).map_err(|e| Error::io(path, e))?;
    file.commit()?;
    Ok(format!(
        "exported {} as {} to {}",
        summary,
        format.name(),
        std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()).display()
    ))
}

/// Carries out `Effect::Export`: the box closes when the file is written; it stays open, with
/// the reason on the status line, when it is not (and asks before replacing a file).
pub(super) fn apply(app: &mut App, path: &str, format: Format, replace: bool) {
    let shown = crate::text::sanitize::one_line(path).into_owned();
    match export_shown(&app.state, Path::new(path), format, replace) {
        Ok(message) => {
            app.state.overlay = None;
            app.state.message = Some(crate::text::sanitize::one_line(&message).into_owned());
        }
        Err(Error::Exists(_)) => {
            if let Some(Overlay::Export(prompt)) = &mut app.state.overlay {
                prompt.replace = true;
            }
            app.state.message = Some(format!("{shown} exists: enter again replaces it"));
        }
        Err(error) => {
            app.state.message = Some(crate::text::sanitize::one_line(&format!("not exported: {error}")).into_owned());
        }
    }
}
