//! annals: a terminal timeline explorer for researching a story from its sources.
//!
//! From the top down (ARCHITECTURE.md has the map and the rule): `cli` parses the command line
//! and runs a command; `runtime` owns the terminal loop and the background threads; `app`
//! holds the state and its pure `update`; `ui` draws it; `input` maps keys to actions; `load`
//! turns TOML into a validated `model`; `search`, `export`, `config`, `layout` and `text` are
//! the pieces they share.

pub mod app;
pub mod author;
pub mod cite;
pub mod cli;
pub mod config;
pub mod export;
pub mod input;
pub mod layout;
pub mod load;
pub mod model;
pub mod runtime;
pub mod screen;
pub mod search;
pub mod state;
pub mod text;
pub mod ui;
pub mod write;
