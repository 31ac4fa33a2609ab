//! End to end: live reload in the cases that used to miss a change, on the real binary in
//! tmux: a dataset opened through a symbolic link, a save made while a large file still
//! loads, and a system that gives no file watcher.

#[path = "support/tmux.rs"]
mod tmux;

#[allow(dead_code, clippy::all)]
#[path = "../examples/synth.rs"]
mod synth;

use std::path::PathBuf;

use tmux::Tmux;

fn minimal() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/examples/minimal.toml")).unwrap()
}

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("annals-e2e-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Saves `text` the way vim does: a new file renamed over the old one.
fn save(path: &std::path::Path, text: &str) {
    let temp = path.with_extension("swp");
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, path).unwrap();
}

#[test]
fn a_file_opened_through_a_symbolic_link_reloads_when_its_target_is_saved() {
    let dir = folder("symlink");
    std::fs::create_dir_all(dir.join("real")).unwrap();
    let real = dir.join("real/story.toml");
    std::fs::write(&real, minimal()).unwrap();
    let link = dir.join("story-link.toml");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let bin = env!("CARGO_BIN_EXE_annals");
    let Some(t) = Tmux::start("symlink", 120, 40, &format!("{bin} {}", link.display())) else { return };
    t.wait_for("3 of 3 events");
    save(&real, &minimal().replace("title = \"The library reopens\"", "title = \"The library reopens at last\""));
    let screen = t.wait_for("reloaded");
    assert!(screen.contains("The library reopens at last"), "{screen}");
    t.keys(&["q"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn without_a_file_watcher_the_status_says_so_and_the_file_is_still_followed() {
    let dir = folder("no-watcher");
    let path = dir.join("story.toml");
    std::fs::write(&path, minimal()).unwrap();
    let bin = env!("CARGO_BIN_EXE_annals");
    let command = format!("ANNALS_TEST_NO_WATCHER=1 {bin} {}", path.display());
    let Some(t) = Tmux::start("no-watcher", 160, 40, &command) else { return };
    let screen = t.wait_for("3 of 3 events");
    assert!(screen.contains("no file watcher"), "the status line says so:\n{screen}");
    save(&path, &minimal().replace("title = \"The library reopens\"", "title = \"The library reopens, polled\""));
    let screen = t.wait_for("The library reopens, polled");
    assert!(screen.contains("reloaded"), "{screen}");
    t.keys(&["q"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_save_made_while_a_large_file_loads_is_reloaded_once_it_is_up() {
    let dir = folder("save-while-loading");
    let path = dir.join("story.toml");
    let mut big = Vec::new();
    synth::generate(40_000, 1, &mut big).unwrap();
    std::fs::write(&path, &big).unwrap();
    let bin = env!("CARGO_BIN_EXE_annals");
    let Some(t) = Tmux::start("save-while-loading", 120, 40, &format!("{bin} {}", path.display())) else { return };
    // The loading screen: the file is saved now, while it loads.
    t.wait_for("q or ctrl-c: stop and quit");
    save(&path, &minimal());
    // Up with the data it loaded or already the new one; the new one follows in any case.
    let start = std::time::Instant::now();
    while !t.screen().contains("3 of 3 events") {
        assert!(start.elapsed() < std::time::Duration::from_secs(120), "the save was lost:\n{}", t.screen());
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    t.keys(&["q"]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Copies a fixture folder (files and subfolders) into `to`.
fn copy_folder(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_folder(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

#[test]
fn saving_an_included_file_or_a_text_file_reloads_the_dataset() {
    let dir = folder("included");
    copy_folder(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sets/valid")), &dir);
    let bin = env!("CARGO_BIN_EXE_annals");
    let Some(t) = Tmux::start("included", 140, 40, &format!("{bin} {}", dir.join("story.toml").display())) else {
        return;
    };
    t.wait_for("3 of 3 events");
    let included = dir.join("events/02-later.toml");
    let text = std::fs::read_to_string(&included).unwrap();
    save(&included, &text.replace("title = \"Dubai\"", "title = \"Dubai region opens\""));
    let screen = t.wait_for("Dubai region opens");
    assert!(screen.contains("reloaded"), "{screen}");
    // A text file whose quote goes away: the reload fails and says where.
    let article = dir.join("articles/en-2016.md");
    save(&article, "# Notes\n\nAliyun opened an office.\n");
    let screen = t.wait_for("does not occur");
    assert!(screen.contains("02-later.toml"), "{screen}");
    t.keys(&["q"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_capture_in_the_reader_is_kept_in_drafts_and_loaded_back_as_a_draft() {
    let dir = folder("capture");
    copy_folder(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sets/valid")), &dir);
    let bin = env!("CARGO_BIN_EXE_annals");
    let main = dir.join("story.toml");
    let Some(t) = Tmux::start("capture", 140, 40, &format!("{bin} {}", main.display())) else { return };
    t.wait_for("3 of 3 events");
    // The first event (Zhangbei), its quote, the reader; select the sentence and capture it.
    t.keys(&["Enter", "Enter"]);
    t.wait_for("lines 1–");
    t.keys(&["v"]);
    t.wait_for("selecting");
    t.keys(&[")", "c"]);
    t.wait_for("captured a draft event");
    // The dataset now includes drafts.toml, and reloads with the draft.
    t.wait_for("reloaded");
    t.keys(&["Escape", "Escape"]);
    let screen = t.wait_for("4 of 4 events");
    assert!(screen.contains("undated"), "the draft has no date yet: {screen}");
    let drafts = std::fs::read_to_string(dir.join("drafts.toml")).unwrap();
    assert!(
        drafts.contains("text = \"Le déploiement à Zhangbei commence l'été prochain, selon l'entreprise.\""),
        "{drafts}"
    );
    t.keys(&["q"]);
    let _ = std::fs::remove_dir_all(&dir);
}
