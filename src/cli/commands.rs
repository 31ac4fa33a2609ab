//! What the command line does besides opening the app: `--check` and `--export`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::app::{App, Startup};
use crate::cli::Cli;
use crate::config::Config;
use crate::input::keymap::Keymap;
use crate::load::Diagnostic;
use crate::model::Dataset;

/// Exit code for invalid data or a failure.
pub const EXIT_INVALID: u8 = 1;
/// Exit code for a usage error.
pub const EXIT_USAGE: u8 = 2;

/// The config file (`--config`, else the default path if it exists) and its problems.
pub fn load_config(cli: &Cli) -> (Config, Vec<Diagnostic>) {
    match (&cli.config, crate::config::default_path()) {
        (Some(path), _) => crate::config::load(path, true),
        (None, Some(path)) => crate::config::load(&path, false),
        (None, None) => (Config::default(), Vec::new()),
    }
}

/// Prints config problems as warnings (for the commands that do not open the app).
pub fn warn(problems: &[Diagnostic]) {
    for problem in problems {
        eprintln!("warning: {problem}");
    }
}

/// The app in the state the command line asks for, sized for the current terminal.
pub fn prepare_app(cli: &Cli, dataset: Dataset, config: Config, problems: &[Diagnostic]) -> Result<App, String> {
    let (width, height) = crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = App::new(dataset, config.keymap.clone(), (width, height));
    app.palette = config.palette(|name| std::env::var(name).ok());
    app.layout = config.layout;
    app.source_path = cli.path.clone();
    app.start_at(&startup(cli))?;
    if !problems.is_empty() {
        let lines = problems.iter().map(ToString::to_string).collect();
        app.show_problems("Problems in the config file · defaults used for these settings", lines);
    }
    Ok(app)
}

pub fn startup(cli: &Cli) -> Startup {
    Startup { year: cli.year, themes: cli.theme.clone(), search: cli.search.clone(), at: cli.at.clone() }
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
        Err(error) => {
            eprintln!("annals: {error}");
            ExitCode::from(EXIT_INVALID)
        }
    }
}

/// Prints a dataset's problems and their count; exit code 1.
pub fn invalid(name: &str, diagnostics: &crate::load::Diagnostics) -> ExitCode {
    eprintln!("{diagnostics}");
    let n = diagnostics.0.iter().filter(|d| d.line > 0 || !d.message.starts_with("more problems")).count();
    let name = crate::text::sanitize::one_line(name);
    eprintln!("{name}: {n} problem{} found", if n == 1 { "" } else { "s" });
    ExitCode::from(EXIT_INVALID)
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("annals: {message}");
    ExitCode::from(EXIT_USAGE)
}

/// `--check`: the summary line on stdout.
pub fn check(name: &str, dataset: &Dataset) -> ExitCode {
    println!("{}: ok: {}", crate::text::sanitize::one_line(name), dataset.summary_line());
    ExitCode::SUCCESS
}

/// `--export FORMAT`: the filtered timeline to stdout, or to `--output` (atomically, never
/// replacing a file without `--force`).
pub fn export(cli: &Cli, dataset: Dataset, format: &str) -> ExitCode {
    let Some(format) = crate::export::Format::parse(format) else {
        eprintln!("annals: --export: unknown format \"{format}\" (expected md, json or csv)");
        return ExitCode::from(EXIT_USAGE);
    };
    let mut app = App::new(dataset, Keymap::default_keymap(), (80, 24));
    if let Err(message) = app.start_at(&startup(cli)) {
        eprintln!("annals: {message}");
        return ExitCode::from(EXIT_USAGE);
    }
    let (shown, total) = (app.timeline.visible.len(), app.dataset.events.len());
    if shown == 0 && total > 0 {
        eprintln!("annals: --export: no event matches ({}); the export lists none", app.shown_summary());
    }
    let selection = (shown < total).then(|| app.shown_summary());
    let text = crate::export::export_selection(&app.dataset, &app.timeline.visible, format, selection.as_deref());
    let written = match &cli.output {
        None => std::io::stdout().write_all(text.as_bytes()),
        Some(path) => write_new_file(path, text.as_bytes(), cli.force),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("annals: {error}");
            ExitCode::from(EXIT_INVALID)
        }
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so the
/// file is either the old one or the whole new one. Refuses to replace a file unless `force`.
pub fn write_new_file(path: &Path, bytes: &[u8], force: bool) -> std::io::Result<()> {
    if path.exists() && !force {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("{}: the file exists (add --force to replace it)", path.display()),
        ));
    }
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = folder.join(format!(".{name}.annals-{}.tmp", std::process::id()));
    let result = std::fs::File::create(&temp)
        .and_then(|mut file| file.write_all(bytes).and_then(|()| file.sync_all()))
        .and_then(|()| std::fs::rename(&temp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result.map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))
}
