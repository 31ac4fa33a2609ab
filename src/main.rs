use std::io::Write;
use std::process::ExitCode;

use annals::cli::Cli;
use annals::cli::commands::{self, EXIT_INVALID};
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
    if !cli.check && cli.export.is_none() {
        return commands::open(&cli, config, config_problems);
    }
    commands::warn(&config_problems);
    let (name, loaded) = match &cli.path {
        Some(path) => (path.display().to_string(), load::load_path(path)),
        None => (load::BUNDLED_NAME.to_string(), load::bundled()),
    };
    match (loaded, &cli.export) {
        (Err(diagnostics), _) => commands::invalid(&name, &diagnostics),
        (Ok(dataset), Some(format)) => commands::export(&cli, dataset, format),
        (Ok(dataset), None) => commands::check(&name, &dataset),
    }
}
