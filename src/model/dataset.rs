//! The whole validated dataset.

use std::borrow::Cow;

use super::{Date, Event, Fact, Quote};

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub id: String,
    pub label: String,
    pub description: String,
    pub color: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Era {
    pub id: String,
    pub label: String,
    pub start: Date,
    pub end: Date,
    pub description: Option<String>,
}

impl Era {
    /// "2015–2016", or "2019" for an era that starts and ends with the same date.
    pub fn span(&self) -> String {
        if self.start == self.end { self.start.to_string() } else { format!("{}–{}", self.start, self.end) }
    }

    /// Whether a date falls inside this era (by the sort keys of its span).
    pub fn contains(&self, date: &Date) -> bool {
        let key = date.sort_key();
        key >= self.start.sort_key() && key <= self.end.end_key()
    }
}

/// An article: its body (`text`) and what traces it back to where it was read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Source {
    pub id: String,
    pub title: String,
    /// The title was given by the dataset's editor: the page itself has none. Citations
    /// show it in square brackets, as the styles ask for an untitled work.
    pub title_editorial: bool,
    /// The outlet (newspaper, site, agency).
    pub publisher: Option<String>,
    pub language: String,
    /// The publication date.
    pub date: Option<Date>,
    pub date_note: Option<String>,
    /// Authors as the byline gives them, in its order ("Family, Given" or an organisation).
    pub authors: Vec<String>,
    /// The section or rubric of the outlet.
    pub section: Option<String>,
    /// Where the article was read, checked to parse as an absolute URL.
    pub url: Option<String>,
    /// When it was read there; never before `date`.
    pub accessed: Option<Date>,
    /// An archived copy (Wayback Machine, archive.today…).
    pub archive_url: Option<String>,
    /// The article body, which quotes are found in first.
    pub text: String,
    /// Lines of the page that are not the body (a date line, a byline, comment dates),
    /// verbatim; a quote whose words are not in the body is looked for here.
    pub page_lines: Option<String>,
}

impl Source {
    /// The title as the app shows it: an editorial title in square brackets.
    pub fn shown_title(&self) -> String {
        if self.title_editorial { format!("[{}]", self.title) } else { self.title.clone() }
    }

    /// What traces the source back to its page, for the reader and the detail pane:
    /// `(label, value)` for each field the dataset gives, in reading order; labels fit in
    /// seven cells.
    pub fn trace(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if !self.authors.is_empty() {
            out.push(("by", self.authors.join("; ")));
        }
        if let Some(section) = &self.section {
            out.push(("section", section.clone()));
        }
        if let Some(url) = &self.url {
            out.push(("url", url.clone()));
        }
        if let Some(accessed) = &self.accessed {
            out.push(("read", accessed.to_string()));
        }
        if let Some(archive) = &self.archive_url {
            out.push(("archive", archive.clone()));
        }
        if let Some(lines) = &self.page_lines {
            // Quoted, as copied from the page: a line such as a comment's "à écrit le …",
            // whose author the page did not keep, reads as the page's and not as a glitch.
            let lines: Vec<String> =
                lines.lines().map(str::trim).filter(|l| !l.is_empty()).map(|l| format!("“{l}”")).collect();
            out.push(("page", format!("{} (as printed)", lines.join(", "))));
        }
        out
    }

    /// The text a quote's range points into: the body, or the page lines.
    pub fn part(&self, page_lines: bool) -> &str {
        if page_lines { self.page_lines.as_deref().unwrap_or("") } else { &self.text }
    }
}

/// A validated dataset. Events are sorted by the date sort rule (ties in file order).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dataset {
    pub title: String,
    pub description: String,
    pub themes: Vec<Theme>,
    pub eras: Vec<Era>,
    pub sources: Vec<Source>,
    pub events: Vec<Event>,
    pub facts: Vec<Fact>,
    /// Every file the dataset was read from besides its main file: included TOML files, then
    /// the text files of sources, in the order read (live reload watches them all).
    pub files: Vec<std::path::PathBuf>,
    /// What the loader found worth a warning but not an error (an include pattern that
    /// matches no file), with its place.
    pub load_warnings: Vec<LoadWarning>,
}

/// A warning found while loading, placed in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadWarning {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Dataset {
    /// The era an event date falls in, if any (the first that contains it).
    pub fn era_of(&self, date: &Date) -> Option<&Era> {
        self.eras.iter().find(|era| era.contains(date))
    }

    pub fn event_index(&self, id: &str) -> Option<usize> {
        self.events.iter().position(|e| e.id == id)
    }

    /// The words of a quote: the passage of its source it stands for, its line breaks read as
    /// spaces, byte for byte (so a byte range of this text is one of the passage, shifted by
    /// `quote.range.start`), from the body or, for `quote.page_lines`, the page lines. Empty if the quote does not belong to this dataset.
    pub fn quote_text(&self, quote: &Quote) -> Cow<'_, str> {
        let passage = self.passage(quote);
        if passage.contains('\n') { Cow::Owned(passage.replace('\n', " ")) } else { Cow::Borrowed(passage) }
    }

    /// The passage a quote stands for as its source has it, line breaks and all: what
    /// `quote_text` reads, for a writer that turns the breaks into spaces as it goes.
    pub fn passage(&self, quote: &Quote) -> &str {
        self.sources.get(quote.source).and_then(|s| s.part(quote.page_lines).get(quote.range.clone())).unwrap_or("")
    }

    /// Distinct years that events start in, ascending.
    pub fn years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self.events.iter().map(|e| e.date.year).collect();
        years.dedup();
        years
    }

    /// A one-line summary such as "9 events, 5 sources, 6 themes".
    pub fn summary_line(&self) -> String {
        use crate::text::count;
        format!(
            "{}, {}, {}, {}, {}",
            count(self.events.len(), "event"),
            count(self.sources.len(), "source"),
            count(self.themes.len(), "theme"),
            count(self.eras.len(), "era"),
            count(self.facts.len(), "fact"),
        )
    }
}
