//! The command line, defined once with clap.

use std::path::PathBuf;

use clap::Parser;

const EXAMPLES: &str = "\
Examples:
  annals                                  open the bundled Alibaba Cloud dataset
  annals my-story.toml                    open your own dataset
  annals --check my-story.toml            validate it and list every problem
  annals --check --strict my-story.toml   …and fail on warnings too
  annals --year 2020 --theme investment   open filtered to 2020 and one theme
  annals --search zhangbei                open with a search already typed
  annals --at plan-2020                   open at an event (an id, or a date: 2020-06)
  annals --export md --year 2020 > 2020.md
                                          the filtered timeline as Markdown
  annals --export csv --theme geopolitics -o geo.csv
                                          …as CSV, into a new file
  annals --export md --lang en > english.md
  annals --export html -o story.html      one page to publish, that works offline
  annals new my-story                     start a story: story.toml, articles/, README.md
  annals add-source page.html --into my-story/story.toml
                                          a saved web page as a source of the story
  annals import timeline.json -o story.toml
                                          a TimelineJS timeline as a dataset of drafts

Exit codes: 0 ok, 1 invalid data or a failure, 2 usage error.";

/// A terminal timeline explorer: dated events, the sources behind them, and where the
/// sources disagree.
#[derive(Debug, Clone, Default, Parser)]
#[command(name = "annals", version, about, after_help = EXAMPLES, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Dataset file to open (TOML). Without it, the bundled Alibaba Cloud dataset.
    pub path: Option<PathBuf>,

    /// Validate the dataset, print every problem found, and exit (0 valid, 1 invalid).
    #[arg(long)]
    pub check: bool,

    /// With --check: fail (exit 1) on warnings too, such as a date that is not exact, or a
    /// plan, with no date_note saying where it comes from.
    #[arg(long, requires = "check")]
    pub strict: bool,

    /// Write the filtered timeline to stdout instead of opening the app: md, json, csv (events,
    /// dates, themes, quotes, sources; JSON and Markdown also eras and compared facts), html (one
    /// self-contained page), timelinejs, csl-json or bibtex (the quoted sources).
    #[arg(long, value_name = "FORMAT", value_parser = ["md", "markdown", "json", "csv", "html", "timelinejs", "csl-json", "bibtex"])]
    pub export: Option<String>,

    /// With --export: write to this file instead of stdout (never overwrites without --force).
    #[arg(long, short = 'o', value_name = "PATH", requires = "export")]
    pub output: Option<PathBuf>,

    /// With --output: replace the file if it exists (a regular file only; its mode is kept).
    #[arg(long, requires = "output")]
    pub force: bool,

    /// With --export csv: write cells as they are, even those a spreadsheet would run as
    /// formulas (=, +, -, @ first), which otherwise get a leading '.
    #[arg(long, requires = "export")]
    pub csv_raw: bool,

    /// Show only events of this year ("undated": the drafts without a date).
    #[arg(long, value_name = "YEAR", value_parser = parse_year)]
    pub year: Option<i32>,

    /// Show only events with one of these themes (ids; repeat or separate with commas).
    #[arg(long, value_name = "THEME", value_delimiter = ',')]
    pub theme: Vec<String>,

    /// Show only events quoting one of these sources (ids; repeat or separate with commas).
    #[arg(long, value_name = "SOURCE", value_delimiter = ',')]
    pub source: Vec<String>,

    /// Show only events quoting a source in this language (as the dataset names it: fr, en…).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,

    /// Show only events matching this search (case and accents ignored).
    #[arg(long, value_name = "QUERY")]
    pub search: Option<String>,

    /// Open at this event: an event id, or a date (the first event on or after it).
    #[arg(long, value_name = "EVENT_ID|DATE")]
    pub at: Option<String>,

    /// Read the configuration from this file instead of ~/.config/annals/config.toml.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Print the full default configuration, commented, and exit.
    #[arg(long)]
    pub print_config: bool,

    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) and exit.
    #[arg(long, value_name = "SHELL")]
    pub completions: Option<clap_complete::Shell>,

    /// Print the man page (roff) and exit.
    #[arg(long)]
    pub man: bool,

    /// A command that builds a story (new, add-source, import) instead of opening one.
    #[command(subcommand)]
    pub command: Option<crate::cli::author::Command>,
}

/// The completion script for `shell`, from the same definition as the parser.
pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut <Cli as clap::CommandFactory>::command(), "annals", &mut out);
    out
}

/// The man page, from the same definition as the parser.
pub fn man_page() -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut out)?;
    Ok(out)
}

/// `--year`: a whole year, such as 2020, or `undated` for the drafts without a date.
fn parse_year(text: &str) -> Result<i32, String> {
    if text.trim() == "undated" {
        return Ok(crate::state::UNDATED_YEAR);
    }
    text.trim().parse().map_err(|_| format!("\"{text}\" is not a year (expected a number such as 2020, or undated)"))
}
