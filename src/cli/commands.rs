//! What the command line does besides opening the app: `--check` and `--export`.

use std::io;
use std::process::ExitCode;

use crate::app::{App, Startup};
use crate::cli::Cli;
use crate::config::Config;
use crate::input::keymap::Keymap;
use crate::load::Diagnostic;
use crate::model::Dataset;
use crate::write::stdio::{self, error_line, is_broken_pipe};
use crate::write::{NewFile, Replace};

/// Exit code for invalid data or a failure (an output that could not be written included).
pub const EXIT_INVALID: u8 = 1;
/// Exit code for a usage error.
pub const EXIT_USAGE: u8 = 2;

/// The config file (`--config`, else the default path if it exists) and its problems.
pub fn load_config(cli: &Cli) -> (Config, Vec<Diagnostic>) {
    let (config, problems) = read_config(cli);
    crate::load::set_allow_outside_dataset(config.allow_outside_dataset);
    (config, problems)
}

fn read_config(cli: &Cli) -> (Config, Vec<Diagnostic>) {
    match (&cli.config, crate::config::default_path()) {
        (Some(path), _) => crate::config::load(path, true),
        (None, Some(path)) => crate::config::load(&path, false),
        (None, None) => (Config::default(), Vec::new()),
    }
}

/// Prints config problems as warnings (for the commands that do not open the app).
pub fn warn(problems: &[Diagnostic]) {
    if problems.is_empty() {
        return;
    }
    stdio::stderr(|out| {
        for problem in problems {
            writeln!(out, "warning: {problem}")?;
        }
        Ok(())
    });
}

/// The app in the state the command line asks for, sized for the current terminal.
pub fn prepare_app(cli: &Cli, dataset: Dataset, config: Config, problems: &[Diagnostic]) -> Result<App, String> {
    let (width, height) = crossterm::terminal::size().unwrap_or((80, 24));
    // The search index is built once the first frame is on screen (`runtime`).
    let mut app = App::without_search_index(dataset, config.keymap.clone(), (width, height));
    app.palette = config.palette(|name| std::env::var(name).ok());
    app.layout = config.layout;
    app.citation_style = config.citation_style;
    app.source_path = cli.path.clone();
    app.start_at(&startup(cli))?;
    if !problems.is_empty() {
        let lines = problems.iter().map(ToString::to_string).collect();
        app.show_problems("Problems in the config file · defaults used for these settings", lines);
    }
    Ok(app)
}

pub fn startup(cli: &Cli) -> Startup {
    Startup {
        year: cli.year,
        themes: cli.theme.clone(),
        sources: cli.source.clone(),
        language: cli.lang.clone(),
        search: cli.search.clone(),
        at: cli.at.clone(),
    }
}

/// What `--completions`, `--man` and `--print-config` print, if one was asked for.
pub fn information(cli: &Cli) -> Option<Vec<u8>> {
    if let Some(shell) = cli.completions {
        return Some(crate::cli::args::completions(shell));
    }
    if cli.man {
        return crate::cli::args::man_page().ok();
    }
    cli.print_config.then(|| crate::config::default_text().into_bytes())
}

/// Prints what [`information`] returned.
pub fn print_information(text: &[u8]) -> ExitCode {
    after_stdout(stdio::stdout(|out| out.write_all(text)))
}

/// A command line clap refused, or `--help` / `--version`: clap's text, on stdout or stderr
/// as clap chooses, without panicking if that cannot be written.
pub fn command_line(error: &clap::Error) -> ExitCode {
    let code = u8::try_from(error.exit_code()).unwrap_or(EXIT_USAGE);
    match error.print() {
        Ok(()) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::from(code),
        // The message was for stderr, which failed: nowhere left to say so.
        Err(_) if error.use_stderr() => ExitCode::from(code),
        Err(e) => after_stdout(Err(e)),
    }
}

/// The exit code once stdout was written: 0, also when the reader went away (`| head`: a
/// closed pipe ends the output quietly, as for `cat`); 1 with a message for any other error
/// (`> /dev/full`).
pub fn after_stdout(result: io::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            error_line(format_args!("annals: cannot write to stdout: {error}"));
            ExitCode::from(EXIT_INVALID)
        }
    }
}

/// Opens the app: on the bundled dataset at once, on a file through a worker thread, with a
/// progress screen if the load takes more than a moment.
pub fn open(cli: &Cli, config: Config, problems: Vec<Diagnostic>) -> ExitCode {
    use crate::runtime::loader::{Loader, Waited};
    use crate::runtime::{Outcome, Start};
    let start = match &cli.path {
        None => match crate::load::bundled() {
            Ok(dataset) => match prepare_app(cli, dataset, config, &problems) {
                Ok(app) => Start::Ready(Box::new(app)),
                Err(usage) => return usage_error(&usage),
            },
            Err(diagnostics) => return invalid(crate::load::BUNDLED_NAME, &diagnostics),
        },
        Some(path) => {
            let args = cli.clone();
            let loader = Loader::start(path.clone(), move |dataset, _| prepare_app(&args, dataset, config, &problems));
            match loader.wait(std::time::Duration::from_millis(150)) {
                Waited::Done(Ok(Ok(app))) => Start::Ready(Box::new(app)),
                Waited::Done(Ok(Err(usage))) => return usage_error(&usage),
                Waited::Done(Err(diagnostics)) => return invalid(&loader.name, &diagnostics),
                Waited::Running => Start::Loading(loader),
            }
        }
    };
    let name = cli.path.as_ref().map_or(crate::load::BUNDLED_NAME.to_string(), |p| p.display().to_string());
    match crate::runtime::run(start) {
        Ok(Outcome::Quit) => ExitCode::SUCCESS,
        Ok(Outcome::Invalid(diagnostics)) => invalid(&name, &diagnostics),
        Ok(Outcome::Usage(usage)) => usage_error(&usage),
        // The terminal is restored: end as the signal asked (the shell sees the signal).
        Ok(Outcome::Signal(signal)) => crate::runtime::signals::end_as(signal),
        Err(error) => {
            error_line(format_args!("annals: {error}"));
            ExitCode::from(EXIT_INVALID)
        }
    }
}

/// Prints a dataset's problems and their count; exit code 1.
pub fn invalid(name: &str, diagnostics: &crate::load::Diagnostics) -> ExitCode {
    let n = diagnostics.0.iter().filter(|d| d.line > 0 || !d.message.starts_with("more problems")).count();
    let name = crate::text::sanitize::one_line(name);
    stdio::stderr(|out| {
        writeln!(out, "{diagnostics}")?;
        writeln!(out, "{name}: {n} problem{} found", if n == 1 { "" } else { "s" })
    });
    ExitCode::from(EXIT_INVALID)
}

fn usage_error(message: &str) -> ExitCode {
    error_line(format_args!("annals: {message}"));
    ExitCode::from(EXIT_USAGE)
}

/// `--check`: the warnings on stderr, then the summary line on stdout; with `--strict`, a
/// warning makes it fail (exit code 1, no summary). `text` opens the file's text, read only
/// to place warnings that need it.
pub fn check<'t>(
    name: &str,
    text: impl FnOnce() -> Box<dyn std::io::Read + 't>,
    dataset: &Dataset,
    strict: bool,
) -> ExitCode {
    let warnings = crate::load::warnings_placed(name, text, dataset);
    let shown = crate::text::sanitize::one_line(name);
    if !warnings.is_empty() {
        let n = warnings.len();
        stdio::stderr(|out| {
            for warning in &warnings {
                writeln!(out, "warning: {warning}")?;
            }
            if strict {
                writeln!(out, "{shown}: {n} warning{} found (--strict)", if n == 1 { "" } else { "s" })?;
            }
            Ok(())
        });
        if strict {
            return ExitCode::from(EXIT_INVALID);
        }
    }
    after_stdout(stdio::stdout(|out| writeln!(out, "{shown}: ok: {}", dataset.summary_line())))
}

/// `--output`: the file to export to, checked and opened (as a temporary file beside it)
/// before the dataset is read, so that a refusal comes at once; `None` for stdout.
pub fn output_file(cli: &Cli) -> Result<Option<NewFile>, ExitCode> {
    let Some(path) = &cli.output else { return Ok(None) };
    let replace = if cli.force { Replace::Existing } else { Replace::Never };
    let file = NewFile::create(path, replace).map_err(|error| not_written(&error))?;
    // The dataset itself, at once; the files it names once it is read.
    file.refuse_inputs(cli.path.as_deref()).map_err(|error| not_written(&error))?;
    Ok(Some(file))
}

/// Says why a file was not written; exit code 1.
fn not_written(error: &crate::write::Error) -> ExitCode {
    match error {
        crate::write::Error::Exists(_) => error_line(format_args!("annals: {error} (add --force to replace it)")),
        _ => error_line(format_args!("annals: {error}")),
    }
    ExitCode::from(EXIT_INVALID)
}

/// The app state the export filters with. The search index, the costly part, is built only
/// for `--search`: without it no filter reads it.
fn export_app(dataset: Dataset, search: bool) -> App {
    if search {
        return App::new(dataset, Keymap::default_keymap(), (80, 24));
    }
    let events = crate::state::EventIndex::new(&dataset);
    let index = std::sync::Arc::new(crate::search::SearchIndex::default());
    App::from_state(crate::state::State::with_indexes(dataset, index, events, Keymap::default_keymap(), (80, 24)))
}

/// `--export FORMAT`: the filtered timeline to stdout, or to `output` (see `crate::write`:
/// never replacing a file without `--force`, never anything but a regular file).
pub fn export(
    cli: &Cli,
    dataset: Dataset,
    format: &str,
    output: Option<NewFile>,
    citation_style: crate::cite::CitationStyle,
) -> ExitCode {
    use crate::export::{CsvCells, Format, Options};
    let Some(format) = Format::parse(format) else {
        return usage_error(&format!(
            "--export: unknown format \"{format}\" (expected md, json, csv, html, timelinejs, csl-json or bibtex)"
        ));
    };
    if cli.csv_raw && format != Format::Csv {
        return usage_error("--csv-raw applies to --export csv only");
    }
    let mut app = export_app(dataset, cli.search.is_some());
    if let Err(message) = app.start_at(&startup(cli)) {
        return usage_error(&message);
    }
    let (shown, total) = (app.timeline.visible.len(), app.dataset.events.len());
    if shown == 0 && total > 0 {
        error_line(format_args!("annals: --export: no event matches ({}); the export lists none", app.shown_summary()));
    }
    if let Some((what, why)) = crate::export::left_out(&app.dataset, &app.timeline.visible, format) {
        // The export says so too (TimelineJS: in its title slide).
        error_line(format_args!("annals: --export {}: {what} left out ({why})", format.name()));
    }
    let selection = (shown < total).then(|| app.shown_summary());
    let csv_cells = if cli.csv_raw { CsvCells::Raw } else { CsvCells::Neutralised };
    let options = Options { selection: selection.as_deref(), csv_cells, citation_style };
    let (dataset, events) = (&app.dataset, &app.timeline.visible);
    let Some(mut file) = output else {
        let code =
            after_stdout(stdio::stdout(|out| crate::export::write(out, dataset, events, format, &options).map(drop)));
        end_with(app);
        return code;
    };
    if let Err(error) = file.refuse_inputs(dataset.files.iter().map(std::path::PathBuf::as_path)) {
        return not_written(&error);
    }
    if let Err(error) = crate::export::write(&mut file, dataset, events, format, &options) {
        return not_written(&crate::write::Error::io(file.path(), error));
    }
    let code = match file.commit() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => not_written(&error),
    };
    end_with(app);
    code
}

/// What the command line is done with just before the process ends: not freed piece by piece
/// (a second or more at a million events), the system takes the memory back at once.
pub fn end_with<T>(done: T) {
    std::mem::forget(done);
}
