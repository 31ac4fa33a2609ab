use std::process::ExitCode;

use annals::cli::Cli;
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
            return ExitCode::from(1);
        }
    };
    if cli.check {
        println!("{name}: ok: {}", dataset.summary_line());
        return ExitCode::SUCCESS;
    }
    match annals::tui::run(dataset, annals::keymap::Keymap::default_keymap()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("annals: {error}");
            ExitCode::from(1)
        }
    }
}
