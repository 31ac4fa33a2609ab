//! The subcommands that build a story (`annals new`, `annals add-source`, `annals import`):
//! their arguments and what they print.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use crate::author::add_source::{self, Request};
use crate::cli::commands::{EXIT_INVALID, after_stdout};
use crate::write::stdio::{self, error_line};

/// Commands that write a story's files. Without one, annals opens, checks or exports a dataset.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Create a story folder: a commented story.toml, an articles/ folder and a README of the
    /// workflow. Refuses a folder that is not empty.
    New {
        /// The folder to create (or an empty one).
        dir: PathBuf,
    },
    /// Add an article (a saved web page .html, a .txt or a .md file) as a [[source]]: with
    /// --into, its text goes to articles/<id>.txt beside the dataset and the record is
    /// appended to the dataset (comments and layout kept); without, the record is printed.
    AddSource {
        /// The article: a saved page (.html, .htm), a text file (.txt) or Markdown (.md).
        file: PathBuf,
        /// The dataset to append the record to (edited only if unchanged since it was read).
        #[arg(long, value_name = "STORY.toml")]
        into: Option<PathBuf>,
        /// The record's id, instead of one made from the language, year and title.
        #[arg(long)]
        id: Option<String>,
        /// The article's language code (fr, en…), when the page does not give it.
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
        /// The article's title, when the file has none.
        #[arg(long)]
        title: Option<String>,
    },
}

/// Runs a subcommand: 0 when done, 1 when refused or failed (the reason on stderr).
pub fn run(command: &Command) -> ExitCode {
    match command {
        Command::New { dir } => new(dir),
        Command::AddSource { file, into, id, lang, title } => {
            let request = Request {
                file: file.clone(),
                into: into.clone(),
                id: id.clone(),
                language: lang.clone(),
                title: title.clone(),
            };
            add(&request)
        }
    }
}

fn new(dir: &std::path::Path) -> ExitCode {
    match crate::author::scaffold::new_story(dir) {
        Ok(made) => after_stdout(stdio::stdout(|out| {
            for path in &made {
                writeln!(out, "created {}", crate::text::sanitize::one_line(&path.display().to_string()))?;
            }
            let story = made.first().map(|p| p.display().to_string()).unwrap_or_default();
            writeln!(out, "next: annals add-source PAGE.html --into {}", crate::text::sanitize::one_line(&story))
        })),
        Err(error) => failed(&error),
    }
}

fn add(request: &Request) -> ExitCode {
    match add_source::run(request) {
        Ok(added) => {
            notes(&added.notes);
            match &request.into {
                Some(into) => {
                    let line = add_source::summary(&added, Some(into));
                    after_stdout(stdio::stdout(|out| writeln!(out, "{line}")))
                }
                None => after_stdout(stdio::stdout(|out| out.write_all(added.record.to_toml().as_bytes()))),
            }
        }
        Err(error) => failed(&error),
    }
}

/// What the command could not do by itself, one `note:` line each, on stderr.
fn notes(notes: &[String]) {
    if notes.is_empty() {
        return;
    }
    stdio::stderr(|out| {
        for note in notes {
            writeln!(out, "note: {}", crate::text::sanitize::one_line(note))?;
        }
        Ok(())
    });
}

fn failed(error: &crate::author::Error) -> ExitCode {
    let hint = match error {
        crate::author::Error::Write(crate::write::Error::Exists(_)) => " (annals never writes over a file)",
        _ => "",
    };
    error_line(format_args!("annals: {}{hint}", crate::text::sanitize::one_line(&error.to_string())));
    ExitCode::from(EXIT_INVALID)
}
