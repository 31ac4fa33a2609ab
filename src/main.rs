use std::io::Write;
use std::process::ExitCode;

use annals::cli::Cli;
use annals::commands::{self, EXIT_INVALID, EXIT_USAGE};
use annals::load;
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(text) = commands::information(&cli) {
        return match std::io::stdout().write_all(&text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(_) => ExitCode::from(EXIT_INVALID),
        };
    }
    let (config, config_problems) = commands::load_config(&cli);
    let (name, loaded) = match &cli.path {
        Some(path) => (path.display().to_string(), load::load_path(path)),
        None => (load::BUNDLED_NAME.to_string(), load::bundled()),
    };
    let dataset = match loaded {
        Ok(dataset) => dataset,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            let n = diagnostics.0.len();
            eprintln!("{name}: {n} problem{} found", if n == 1 { "" } else { "s" });
            return ExitCode::from(EXIT_INVALID);
        }
    };
    if cli.check || cli.export.is_some() {
        commands::warn(&config_problems);
    }
    if cli.check {
        return commands::check(&name, &dataset);
    }
    if let Some(format) = &cli.export {
        return commands::export(&cli, dataset, format);
    }
    let app = match commands::prepare_app(&cli, dataset, config, &config_problems) {
        Ok(app) => app,
        Err(message) => {
            eprintln!("annals: {message}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    match annals::tui::run(app) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("annals: {error}");
            ExitCode::from(EXIT_INVALID)
        }
    }
}
