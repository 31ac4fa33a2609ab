//! annals: a terminal timeline explorer for researching a story from its sources.
//!
//! `model` holds the plain data types, `load` turns TOML into a validated model, `app` holds
//! the state and its pure `update`, `ui` draws it.

pub mod action;
pub mod app;
pub mod cli;
pub mod commands;
pub mod compare;
pub mod config;
pub mod export;
pub mod keymap;
pub mod load;
pub mod loading;
pub mod memory;
pub mod model;
pub mod search;
pub mod search_thread;
pub mod text;
pub mod tui;
pub mod ui;
pub mod watch;
pub mod write;
