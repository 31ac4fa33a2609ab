//! End to end, as a newcomer builds a story: `annals new`, two saved pages brought in with
//! `add-source --into`, the app opened on the empty story, a passage selected side by side and
//! captured as a draft, `--check` on the result, and the story opened again with its event.
//! Skipped with a message when tmux is missing, except under CI.

use std::path::Path;
use std::process::{Command, Output};

#[path = "support/tmux.rs"]
mod tmux;

use tmux::Tmux;

const BIN: &str = env!("CARGO_BIN_EXE_annals");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn annals(args: &[&str]) -> Output {
    let out = Command::new(BIN).args(args).output().expect("run annals");
    assert!(out.status.success(), "annals {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

fn page(name: &str) -> String {
    format!("{ROOT}/tests/fixtures/pages/{name}")
}

#[test]
fn new_add_source_capture_check_and_open() {
    let dir = tempfile::tempdir().unwrap();
    let story_dir = dir.path().join("story");
    let story = story_dir.join("story.toml");
    let story_arg = story.to_str().unwrap();
    annals(&["new", story_dir.to_str().unwrap()]);
    annals(&["add-source", &page("french.html"), "--into", story_arg]);
    annals(&["add-source", &page("article-byline.html"), "--into", story_arg]);
    let checked = annals(&["--check", story_arg]);
    assert!(String::from_utf8_lossy(&checked.stdout).contains("0 events, 2 sources"));

    let Some(t) = Tmux::start("authoring", 100, 30, &format!("{BIN} '{story_arg}'")) else { return };
    let screen = t.wait_for("This dataset has no events yet.");
    assert!(screen.contains("s reads its sources side by side"), "the empty timeline says where to start:\n{screen}");
    // The status line agrees: no filter to clear, the sources to read.
    let status = screen.lines().last().unwrap_or_default();
    assert!(status.contains("no events yet · s reads the sources side by side"), "{status}");
    t.keys(&["s"]);
    t.wait_for("Les vendanges ont commencé");
    t.keys(&["v", "w", "w", "w", "c"]);
    // The capture's message stays through the reload it sets off; the timeline has the draft.
    t.wait_for("captured a draft event");
    t.keys(&["Escape"]);
    let screen = t.wait_for("1 of 1 events");
    assert!(!screen.contains("error"), "{screen}");
    t.keys(&["q"]);

    let drafts = std::fs::read_to_string(story_dir.join("drafts.toml")).unwrap();
    assert!(drafts.contains("draft = true"), "{drafts}");
    assert!(drafts.contains("text = \"Les vendanges ont commencé\""), "the words selected, byte for byte:\n{drafts}");
    let main = std::fs::read_to_string(&story).unwrap();
    assert!(main.contains("include = [\"drafts.toml\"]"), "{main}");
    assert!(main.contains("# "), "the scaffold's comments are kept");

    // The draft loads: its quote is found in the page's text; what it still lacks is a warning.
    let out = Command::new(BIN).args(["--check", story_arg]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("ok: 1 event, 2 sources"), "{stdout}");
    assert!(stderr.contains("is a draft without date, title, summary, themes"), "{stderr}");
    let strict = Command::new(BIN).args(["--check", "--strict", story_arg]).output().unwrap();
    assert!(!strict.status.success(), "--strict fails on the unfinished draft");

    let Some(t) = Tmux::start("authoring-reopen", 100, 30, &format!("{BIN} '{story_arg}'")) else { return };
    let screen = t.wait_for("1 of 1 events");
    assert!(screen.contains("undated"), "{screen}");
    t.keys(&["q"]);
    assert!(Path::new(&story_dir.join("articles")).is_dir());
}
