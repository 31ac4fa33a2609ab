//! The state the command line asks the app to start in: filters, a search, a position.

use super::App;
use crate::model::Date;
use crate::text::sanitize::one_line;

/// What `--year`, `--theme`, `--source`, `--lang`, `--search` and `--at` ask for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Startup {
    pub year: Option<i32>,
    pub themes: Vec<String>,
    pub sources: Vec<String>,
    pub language: Option<String>,
    pub search: Option<String>,
    pub at: Option<String>,
}

/// The source ids and the language asked for, checked against the dataset.
fn sources_and_language(app: &App, startup: &Startup) -> Result<(Vec<usize>, Option<String>), String> {
    let d = &app.state.dataset;
    let mut sources = Vec::new();
    for name in &startup.sources {
        match d.sources.iter().position(|s| s.id == *name) {
            Some(s) => sources.push(s),
            None => {
                let ids: Vec<&str> = d.sources.iter().map(|s| s.id.as_str()).collect();
                let hint = match crate::load::did_you_mean(name, ids.iter().copied()) {
                    Some(close) => format!("did you mean \"{close}\"? "),
                    None => String::new(),
                };
                let name = crate::text::sanitize::one_line(name);
                return Err(format!(
                    "--source: no source \"{name}\" in this dataset ({hint}expected one of: {})",
                    ids.join(", ")
                ));
            }
        }
    }
    sources.sort_unstable();
    sources.dedup();
    let language = match &startup.language {
        Some(lang) if !d.sources.iter().any(|s| s.language == *lang) => {
            let mut langs: Vec<&str> = d.sources.iter().map(|s| s.language.as_str()).collect();
            langs.sort_unstable();
            langs.dedup();
            let lang = crate::text::sanitize::one_line(lang);
            return Err(format!(
                "--lang: no source in \"{lang}\" in this dataset (expected one of: {})",
                langs.join(", ")
            ));
        }
        other => other.clone(),
    };
    Ok((sources, language))
}

impl App {
    /// Applies the start-up options; an `Err` is a usage error to show the user.
    pub fn start_at(&mut self, startup: &Startup) -> Result<(), String> {
        let mut themes = Vec::new();
        for name in &startup.themes {
            match self.state.dataset.themes.iter().position(|t| t.id == *name) {
                Some(t) => themes.push(t),
                None => {
                    let ids: Vec<&str> = self.state.dataset.themes.iter().map(|t| t.id.as_str()).collect();
                    let hint = match crate::load::did_you_mean(name, ids.iter().copied()) {
                        Some(close) => format!("did you mean \"{close}\"? "),
                        None => String::new(),
                    };
                    return Err(format!(
                        "--theme: no theme \"{}\" in this dataset ({hint}expected one of: {})",
                        one_line(name),
                        ids.join(", ")
                    ));
                }
            }
        }
        themes.sort_unstable();
        themes.dedup();
        (self.state.filter.sources, self.state.filter.language) = sources_and_language(self, startup)?;
        self.state.filter.year = startup.year;
        self.state.filter.themes = themes;
        if let Some(query) = &startup.search {
            self.state.search.query = one_line(query).into_owned();
            match self.state.search.indexing {
                // Searched when the index is built (`Input::Indexed`).
                true => self.state.search.wait_for_index(),
                false => self.state.search.run(&self.state.search_index),
            }
        }
        self.refilter();
        if let Some(at) = &startup.at {
            let event = match self.state.dataset.event_index(at) {
                Some(event) => event,
                None => {
                    let shown = one_line(at);
                    let date = Date::parse(at).map_err(|_| {
                        let ids = self.state.dataset.events.iter().map(|e| e.id.as_str());
                        match crate::load::did_you_mean(at, ids) {
                            Some(close) => format!(
                                "--at: \"{shown}\" is neither an event id nor a date (did you mean \"{close}\"? \
                                 expected an event id or a date such as 2020-06)"
                            ),
                            None => format!(
                                "--at: \"{shown}\" is neither an event id nor a date (expected e.g. plan-2020 or 2020-06)"
                            ),
                        }
                    })?;
                    let key = date.sort_key();
                    let events = &self.state.dataset.events;
                    let first = events.partition_point(|e| e.date.sort_key() < key);
                    if let (true, Some(last)) = (first == events.len(), events.last()) {
                        return Err(format!(
                            "--at: no event on or after {shown} (the last event is dated {})",
                            last.date
                        ));
                    }
                    first
                }
            };
            if !self.state.timeline.visible.contains(&event) {
                if self.state.dataset.event_index(at).is_some() {
                    return Err(format!("--at: event \"{}\" is hidden by the filters given", one_line(at)));
                }
                let pos = self.state.timeline.visible.partition_point(|&e| e < event);
                self.state.timeline.selected = pos.min(self.state.timeline.visible.len().saturating_sub(1));
            } else {
                self.state.timeline.select_event(event);
            }
            self.main_mut().selection_changed();
            self.scroll_timeline();
        }
        Ok(())
    }
}
