//! annals: a terminal timeline explorer for researching a story from its sources.
//!
//! `model` holds the plain data types, `load` turns TOML into a validated model.

pub mod cli;
pub mod load;
pub mod model;
pub mod text;

/// Runs the terminal app on a loaded dataset until the user quits.
pub fn run(dataset: model::Dataset) -> std::io::Result<()> {
    let _ = dataset;
    Ok(())
}
