//! The command line: its arguments, and what it does besides opening the app (`--check`,
//! `--export`, completions, the man page).

pub mod args;
pub mod commands;

pub use args::Cli;
