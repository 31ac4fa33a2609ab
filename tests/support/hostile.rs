//! The loadable files of the hostile corpus (`tests/hostile/ok-*.toml`), sorted by name.

use std::path::{Path, PathBuf};

pub fn ok_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/hostile")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("ok-")))
        .collect();
    files.sort();
    assert!(files.len() > 20, "the corpus is there");
    files
}
