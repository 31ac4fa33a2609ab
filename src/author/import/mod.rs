//! `annals import`: a TimelineJS timeline (its JSON file, or its spreadsheet template saved as
//! CSV) as an annals dataset. Both readers give a [`Timeline`]; [`convert`] writes it as TOML
//! and lists what it could not carry over, which the command prints on stderr.

mod convert;
pub mod csv;
pub mod timelinejs;

use std::path::Path;

pub use convert::{Converted, convert};

use super::Error;

/// A timeline as TimelineJS describes it, whatever file it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline {
    /// The title slide.
    pub title: Option<Slide>,
    pub events: Vec<Slide>,
    pub eras: Vec<Slide>,
    /// What the file holds that is no part of a slide and cannot be carried over.
    pub lost: Vec<String>,
}

/// A slide (an event, the title, or an era), its texts as the file has them (HTML allowed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Slide {
    /// Names the slide in messages: "event 3 (\"Headline\")", "row 5".
    pub place: String,
    pub start: Option<When>,
    pub end: Option<When>,
    pub headline: String,
    pub text: String,
    pub group: String,
    pub display_date: String,
    pub media: Option<Media>,
    pub unique_id: String,
    /// Fields of the slide annals has no place for, named as in the file.
    pub unused: Vec<String>,
}

/// A TimelineJS date: its parts as written (numbers or strings).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct When {
    pub year: String,
    pub month: String,
    pub day: String,
    /// Hour, minute, second, millisecond: as written, empty when absent.
    pub time: String,
    pub display_date: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Media {
    pub url: String,
    pub caption: String,
    pub credit: String,
    /// Thumbnail, alt text, title, link: what a dataset has no place for.
    pub unused: Vec<String>,
}

/// The formats `--from` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    TimelineJsJson,
    TimelineJsCsv,
}

impl Format {
    pub const NAMES: [&'static str; 2] = ["timelinejs", "timelinejs-csv"];

    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "timelinejs" | "timelinejs-json" => Some(Format::TimelineJsJson),
            "timelinejs-csv" => Some(Format::TimelineJsCsv),
            _ => None,
        }
    }
}

/// Reads `path` in `format` and converts it. `language` is given to the sources made from
/// media credits (TimelineJS does not say which language a timeline is in).
pub fn import(path: &Path, format: Format, language: Option<&str>) -> Result<Converted, Error> {
    let text = super::read_text(path)?;
    let timeline = match format {
        Format::TimelineJsJson => timelinejs::read(&text).map_err(|(at, message)| Error::at(path, at, message))?,
        Format::TimelineJsCsv => csv::read(&text).map_err(|(at, message)| Error::at(path, at, message))?,
    };
    let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    Ok(convert(&timeline, &name, language))
}
