//! The command line, defined once with clap.

use std::path::PathBuf;

use clap::Parser;

const EXAMPLES: &str = "\
Examples:
  annals                          open the bundled Alibaba Cloud dataset
  annals my-story.toml            open your own dataset
  annals --check my-story.toml    validate a dataset and list every problem

Exit codes: 0 ok, 1 invalid data, 2 usage error.";

/// A terminal timeline explorer: dated events, the sources behind them, and where the
/// sources disagree.
#[derive(Debug, Parser)]
#[command(name = "annals", version, about, after_help = EXAMPLES)]
pub struct Cli {
    /// Dataset file to open (TOML). Without it, the bundled Alibaba Cloud dataset.
    pub path: Option<PathBuf>,

    /// Validate the dataset, print every problem found, and exit (0 valid, 1 invalid).
    #[arg(long)]
    pub check: bool,
}
