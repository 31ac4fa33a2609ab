//! The subcommands that build a story (`annals new`, `annals add-source`, `annals import`):
//! their arguments and what they print.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;

use crate::author::add_source::{self, Request};
use crate::author::import::Format;
use crate::cli::commands::{EXIT_INVALID, EXIT_USAGE, after_stdout};
use crate::write::stdio::{self, error_line};
use crate::write::{NewFile, Replace};

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
    /// Convert a TimelineJS timeline (its JSON file, or its Google-sheet template saved as
    /// CSV) into an annals dataset: events and their dates, eras, groups as themes, media
    /// credits with a caption as sources. Events with no quote are marked draft = true; what
    /// cannot be carried over is listed on stderr.
    Import {
        /// The timeline: TimelineJS JSON, or CSV with --from timelinejs-csv.
        file: PathBuf,
        /// The file's format.
        #[arg(long, value_name = "FORMAT", default_value = "timelinejs", value_parser = Format::NAMES)]
        from: String,
        /// Write the dataset to this new file instead of stdout (never over a file without --force).
        #[arg(long, short = 'o', value_name = "PATH")]
        output: Option<PathBuf>,
        /// With --output: replace the file if it exists (a regular file only).
        #[arg(long, requires = "output")]
        force: bool,
        /// The language code (fr, en…) of the sources made from media credits.
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
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
        Command::Import { file, from, output, force, lang } => {
            let replace = if *force { Replace::Existing } else { Replace::Never };
            import(file, from, output.as_deref().map(|o| (o, replace)), lang.as_deref())
        }
    }
}

fn import(file: &Path, from: &str, output: Option<(&Path, Replace)>, lang: Option<&str>) -> ExitCode {
    let Some(format) = Format::parse(from) else {
        error_line(format_args!("annals: --from: unknown format \"{from}\""));
        return ExitCode::from(EXIT_USAGE);
    };
    if let Some(lang) = lang.filter(|l| add_source::language_code(l).is_none()) {
        let lang = crate::text::sanitize::one_line(lang);
        error_line(format_args!("annals: --lang: \"{lang}\" is not a language code (expected e.g. fr, en or zh-Hans)"));
        return ExitCode::from(EXIT_USAGE);
    }
    // The output is checked before the timeline is read, so that a refusal comes at once.
    let target = match output.map(|(path, replace)| NewFile::create(path, replace)).transpose() {
        Ok(target) => target,
        Err(crate::write::Error::Exists(path)) => {
            let path = crate::text::sanitize::one_line(&path.display().to_string()).into_owned();
            error_line(format_args!("annals: {path}: the file exists (add --force to replace it)"));
            return ExitCode::from(EXIT_INVALID);
        }
        Err(error) => return failed(&error.into()),
    };
    let converted = match crate::author::import::import(file, format, lang) {
        Ok(converted) => converted,
        Err(error) => return failed(&error),
    };
    let lost: Vec<String> = converted.lost.iter().map(|l| format!("not carried over: {l}")).collect();
    notes(&lost);
    let code = match target {
        None => after_stdout(stdio::stdout(|out| out.write_all(converted.toml.as_bytes()))),
        Some(mut file) => {
            let path = file.path().to_path_buf();
            let written =
                file.write_all(converted.toml.as_bytes()).map_err(|e| crate::write::Error::Io { path, error: e });
            match written.and_then(|()| file.commit()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => return failed(&error.into()),
            }
        }
    };
    stdio::stderr(|out| {
        writeln!(
            out,
            "imported {} event{} ({} draft{}), {} source{}; {} thing{} not carried over",
            converted.events,
            plural(converted.events),
            converted.drafts,
            plural(converted.drafts),
            converted.sources,
            plural(converted.sources),
            converted.lost.len(),
            plural(converted.lost.len()),
        )
    });
    code
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
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
    error_line(format_args!("annals: {}", crate::text::sanitize::one_line(&error.to_string())));
    ExitCode::from(EXIT_INVALID)
}
