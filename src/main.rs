use std::process::ExitCode;

use annals::cli::Cli;
use annals::commands::{self, EXIT_INVALID, EXIT_USAGE};
use annals::keymap::Keymap;
use annals::load;
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
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
    if cli.check {
        return commands::check(&name, &dataset);
    }
    if let Some(format) = &cli.export {
        return commands::export(&cli, dataset, format);
    }
    match annals::tui::run(dataset, Keymap::default_keymap(), &commands::startup(&cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(annals::tui::Error::Usage(message)) => {
            eprintln!("annals: {message}");
            ExitCode::from(EXIT_USAGE)
        }
        Err(annals::tui::Error::Io(error)) => {
            eprintln!("annals: {error}");
            ExitCode::from(EXIT_INVALID)
        }
    }
}
