//! The command line: its arguments, and what it does besides opening the app (`--check`,
//! `--export`, completions, the man page), and the subcommands that build a story (`new`,
//! `add-source`, `import`).

pub mod args;
pub mod author;
pub mod commands;

pub use args::Cli;
