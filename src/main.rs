use std::process::ExitCode;

use annals::cli::Cli;
use annals::cli::commands::{self, EXIT_INVALID};
use annals::load;
use annals::write::stdio;
use clap::Parser;

fn main() -> ExitCode {
    let code = run();
    // A warning or an error that could not be written to stderr is a failure too.
    if stdio::stderr_lost() && code == ExitCode::SUCCESS { ExitCode::from(EXIT_INVALID) } else { code }
}

fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return commands::command_line(&error),
    };
    if let Some(command) = &cli.command {
        // No screen: a signal that ends the command removes what it was writing.
        annals::runtime::signals::end_cleanly();
        return annals::cli::author::run(command);
    }
    if let Some(text) = commands::information(&cli) {
        return commands::print_information(&text);
    }
    let (config, config_problems) = commands::load_config(&cli);
    if !cli.check && cli.export.is_none() {
        return commands::open(&cli, config, config_problems);
    }
    annals::runtime::signals::end_cleanly();
    commands::warn(&config_problems);
    let output = match commands::output_file(&cli) {
        Ok(output) => output,
        Err(code) => return code,
    };
    let (name, loaded) = match &cli.path {
        Some(path) => (path.display().to_string(), load::load_path(path)),
        None => (load::BUNDLED_NAME.to_string(), load::bundled()),
    };
    match (loaded, &cli.export) {
        (Err(diagnostics), _) => commands::invalid(&name, &diagnostics),
        (Ok(dataset), Some(format)) => commands::export(&cli, dataset, format, output, config.citation_style),
        (Ok(dataset), None) => {
            // Read again only if a warning is placed by the text (the loader kept none of it);
            // a file that cannot be opened again places nothing.
            let text = || -> Box<dyn std::io::Read> {
                match &cli.path {
                    Some(path) => match std::fs::File::open(path) {
                        Ok(file) => Box::new(file),
                        Err(_) => Box::new(std::io::empty()),
                    },
                    None => Box::new(load::BUNDLED_TEXT.as_bytes()),
                }
            };
            let code = commands::check(&name, text, &dataset, cli.strict);
            commands::end_with(dataset);
            code
        }
    }
}
