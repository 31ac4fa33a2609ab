//! Keeps ARCHITECTURE.md true: every `crate::` path in `src/` (in `use` lines and inline
//! alike, outside comments and test modules) must point down the layers, and state and
//! update code must never reach for drawing code.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The top-level modules from the top down; a module may use only those of a lower rank.
/// Modules on one rank do not use each other.
const LAYERS: &[&[&str]] = &[
    &["cli"],
    &["runtime"],
    &["app"],
    &["screen"],
    &["ui"],
    &["state"],
    &["config", "export", "author"],
    &["load", "search", "cite"],
    &["write", "input", "layout"],
    &["model"],
    &["text"],
];

fn rank(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its comments and its `#[cfg(test)]` module.
fn code(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        // A `//` outside a string (an even number of quotes before it) starts a comment.
        let comment = line.match_indices("//").map(|(at, _)| at).find(|&at| line[..at].matches('"').count() % 2 == 0);
        let line = comment.map_or(line, |at| &line[..at]);
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The top-level modules a piece of code names through `crate::`.
fn used(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `use crate::{a::b, c};`: the first name of each part.
            let inside = &group[..group.find('}').unwrap_or(group.len())];
            for part in inside.split(',') {
                let name: String = part.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            out.insert(name);
        }
    }
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `(file, its module, a module it uses)` in `src/`.
fn edges() -> Vec<(String, String, String)> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut out = Vec::new();
    for file in files {
        let relative = file.strip_prefix(src()).expect("under src").to_string_lossy().to_string();
        let top = relative.split('/').next().unwrap_or_default().trim_end_matches(".rs").to_string();
        let text = std::fs::read_to_string(&file).expect("read a source file");
        for module in used(&code(&text)) {
            out.push((relative.clone(), top.clone(), module));
        }
    }
    out.sort();
    out
}

#[test]
fn every_import_points_down_the_layers() {
    let mut wrong = Vec::new();
    for (file, from, to) in edges() {
        if from == to || from == "main" || from == "lib" {
            continue;
        }
        match (rank(&from), rank(&to)) {
            (Some(a), Some(b)) if a < b => {}
            (None, _) => wrong.push(format!("{file}: module `{from}` has no layer in this test and ARCHITECTURE.md")),
            (_, None) => wrong.push(format!("{file}: `crate::{to}` is no module with a layer")),
            _ => wrong.push(format!("{file}: `{from}` uses `crate::{to}`, which is not below it")),
        }
    }
    assert!(wrong.is_empty(), "imports that break the layering (see ARCHITECTURE.md):\n{}", wrong.join("\n"));
}

#[test]
fn every_top_level_module_has_a_layer() {
    let lib = std::fs::read_to_string(src().join("lib.rs")).expect("lib.rs");
    for line in lib.lines() {
        if let Some(name) = line.strip_prefix("pub mod ").and_then(|l| l.strip_suffix(';')) {
            assert!(rank(name).is_some(), "module `{name}` has no layer: add it to LAYERS and ARCHITECTURE.md");
        }
    }
}

#[test]
fn state_and_update_code_never_reach_for_drawing() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut wrong = Vec::new();
    for file in files {
        let relative = file.strip_prefix(src()).expect("under src").to_string_lossy().to_string();
        let parts: Vec<&str> = relative.split('/').collect();
        const STATE_OR_UPDATE: [&str; 7] =
            ["mod.rs", "update.rs", "effect.rs", "overlays.rs", "search.rs", "reload.rs", "startup.rs"];
        let state_or_update = match parts.as_slice() {
            ["state", ..] => true,
            ["screen", _room, file] => ["mod.rs", "update.rs"].contains(file),
            ["app", file] => STATE_OR_UPDATE.contains(file),
            _ => false,
        };
        if !state_or_update {
            continue;
        }
        let code = code(&std::fs::read_to_string(&file).expect("read"));
        for drawing in ["Frame<", "Frame,", "ratatui::Frame", "::view", "use super::view", "ratatui::widgets"] {
            if code.contains(drawing) {
                wrong.push(format!("{relative}: mentions `{drawing}`"));
            }
        }
    }
    assert!(wrong.is_empty(), "state and update code that reaches for drawing code:\n{}", wrong.join("\n"));
}

#[test]
fn the_rule_sees_grouped_and_inline_paths() {
    let code = code("use crate::{layout::inner, model};\nfn f() { crate::text::wrap::width(\"\"); } // crate::ui\n");
    let found: Vec<String> = used(&code).into_iter().collect();
    assert_eq!(found, ["layout", "model", "text"]);
}
