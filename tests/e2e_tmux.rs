//! End to end: the real binary in a real terminal (tmux), driven with send-keys and read
//! with capture-pane. Skipped with a message when tmux is missing, except under CI
//! (`CI` set), where it must run.

use std::process::Command;
use std::time::{Duration, Instant};

#[path = "support/tmux.rs"]
mod tmux;

#[allow(dead_code, clippy::all)]
#[path = "../examples/synth.rs"]
mod synth;

use tmux::Tmux;

#[test]
fn navigate_filter_open_a_quote_side_by_side_and_quit() {
    let bin = env!("CARGO_BIN_EXE_annals");
    let Some(t) = Tmux::start("tour", 120, 40, bin) else { return };
    t.wait_for("22 of 22 events");
    // The first row is drawn in the same frame as the count, but tmux may show the frame
    // before all of it has arrived: wait for the row itself.
    t.wait_for("AWS revenue jumps");

    t.keys(&["j", "j", "j"]);
    t.wait_for("Data centers planned in Europe, the Middle East, Japan and");

    t.keys(&["y", "2", "0", "2", "0", "Enter"]);
    let screen = t.wait_for("of 22 events · 2020");
    assert!(screen.contains("200 billion yuan"), "{screen}");
    assert!(!screen.contains("Zhangbei"), "2016 events are hidden:\n{screen}");

    t.keys(&["Enter"]);
    t.wait_for("enter reads it");
    t.keys(&["Enter"]);
    let screen = t.wait_for("source reader");
    assert!(screen.contains("language: fr") || screen.contains("language: en"), "{screen}");
    assert!(screen.contains("lines "), "{screen}");

    t.keys(&["Escape"]);
    t.wait_for("22 events · 2020");
    t.keys(&["s"]);
    let screen = t.wait_for("side by side");
    assert!(screen.contains("Alibaba va investir 28,2 milliards"), "the French article:\n{screen}");
    assert!(screen.contains("Alibaba’s cloud proves its worth"), "the English article:\n{screen}");

    t.keys(&["q"]);
    let start = Instant::now();
    while t.session_alive() {
        assert!(start.elapsed() < Duration::from_secs(5), "annals did not quit on q");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn help_lists_keys_and_a_tiny_terminal_shows_a_message() {
    let bin = env!("CARGO_BIN_EXE_annals");
    let Some(t) = Tmux::start("help", 80, 24, bin) else { return };
    t.wait_for("22 of 22 events");
    t.keys(&["?"]);
    let screen = t.wait_for("Keys · ? or esc closes");
    assert!(screen.contains("filter by year"), "{screen}");
    t.keys(&["Escape"]);
    let _ = Command::new("tmux").args(["-L", &t.socket, "resize-window", "-x", "30", "-y", "8"]).status();
    t.wait_for("needs at least");
    let _ = Command::new("tmux").args(["-L", &t.socket, "resize-window", "-x", "80", "-y", "24"]).status();
    t.wait_for("22 of 22 events");
    t.keys(&["C-c"]);
}

#[test]
fn keys_that_come_in_one_write_are_each_handled_in_order() {
    let bin = env!("CARGO_BIN_EXE_annals");
    let Some(t) = Tmux::start("one-write", 120, 40, bin) else { return };
    t.wait_for("22 of 22 events");
    // The search line opens, the word is typed, Enter goes to its first match and `n` to
    // the next: all read by the app at once.
    t.paste("/zhangbei\rn");
    let screen = t.wait_for("match 2 of 13");
    assert!(screen.contains("/zhangbei"), "{screen}");
    t.keys(&["q"]);
}

/// A mouse drag held still below the reader's text goes on scrolling it to its end, with no
/// other input (the loop's tick), and stops with the button.
#[test]
fn a_drag_held_below_the_reader_scrolls_to_the_end_of_the_article() {
    let command = format!("{} --at zhangbei-engineer-2016", env!("CARGO_BIN_EXE_annals"));
    let Some(t) = Tmux::start("held-drag", 100, 30, &command) else { return };
    t.wait_for("22 of 22 events");
    t.keys(&["Tab", "Tab", "Enter"]);
    t.wait_for("lines 1–22 of 33");
    // SGR mouse reports: the button down on the first word of the text, a drag to below
    // the pane, and nothing more until the end shows.
    t.paste("\x1b[<0;3;7M");
    t.paste("\x1b[<32;10;30M");
    let screen = t.wait_for("lines 12–33 of 33");
    assert!(screen.contains("selecting"), "{screen}");
    t.paste("\x1b[<0;10;30m");
    t.keys(&["Escape", "Escape", "q"]);
}

/// A paste far longer than one read of the terminal (24 KB) is all taken in, and the keys
/// after it work at once: a reader that stopped after its first kilobyte left the rest
/// unread until more keys came, and the app seemed frozen.
#[test]
fn a_long_paste_is_read_whole_and_the_keys_after_it_still_work() {
    let bin = env!("CARGO_BIN_EXE_annals");
    let Some(t) = Tmux::start("long-paste", 120, 40, bin) else { return };
    t.wait_for("22 of 22 events");
    t.keys(&["/"]);
    t.paste_buffer(&"cloud ".repeat(4000));
    // The query holds its first 1,000 characters, and says so; the rest of the paste is
    // refused.
    t.wait_for("1000 characters at most");
    t.keys(&["C-u"]);
    t.paste("zhangbei");
    let screen = t.wait_for("13 matches");
    assert!(screen.contains("/zhangbei▏"), "{screen}");
    t.keys(&["Escape", "q"]);
}

/// A dataset large enough for the app to search on a thread of its own, pasted into: the
/// count shown is the index's, and Enter and `n` in the same paste go on from it.
#[test]
fn a_word_pasted_into_a_search_made_in_the_background_gets_its_whole_count() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("synthetic.toml");
    let mut text = Vec::new();
    synth::generate(8_000, 1, &mut text).unwrap();
    std::fs::write(&path, &text).unwrap();
    let dataset = annals::load::load_str("synthetic.toml", std::str::from_utf8(&text).unwrap()).unwrap();
    let index = annals::search::SearchIndex::new(&dataset);
    assert!(index.folded_len() >= 4 << 20, "searched on the app's thread: {} bytes", index.folded_len());
    let hits = index.search("cloud").hit_count;
    assert!(hits > 1);
    let bin = env!("CARGO_BIN_EXE_annals");
    let Some(t) = Tmux::start("paste-background", 140, 40, &format!("{bin} {}", path.display())) else { return };
    t.wait_for("8000 of 8000 events");
    t.paste("/cloud");
    let screen = t.wait_for(&format!("{hits} matches"));
    assert!(screen.contains("/cloud▏"), "{screen}");
    t.paste("\rn");
    t.wait_for(&format!("match 2 of {hits}"));
    t.keys(&["q"]);
}

#[test]
fn search_zhangbei_and_donnees() {
    let bin = env!("CARGO_BIN_EXE_annals");
    let Some(t) = Tmux::start("search", 120, 40, bin) else { return };
    t.wait_for("22 of 22 events");
    t.keys(&["/", "z", "h", "a", "n", "g", "b", "e", "i"]);
    let screen = t.wait_for("/zhangbei▏");
    assert!(screen.contains("of 22 events · /zhangbei"), "{screen}");
    assert!(screen.contains("Alibaba sets up its first"), "{screen}");
    assert!(!screen.contains("ByteDance"), "{screen}");
    t.keys(&["Enter"]);
    t.wait_for("match 1 of");
    t.keys(&["Escape"]);
    t.wait_for("22 of 22 events");
    // Back to the first event: the search goes from there, as in a pager.
    t.keys(&["g", "/", "d", "o", "n", "n", "e", "e", "s", "Enter"]);
    // The first match is in a quote: the status line says so.
    let screen = t.wait_for("match 1 of 14 · in the quotes");
    assert!(screen.contains("Data centers planned in Europe"), "{screen}");
    // Past the events' matches, `n` goes on into the articles.
    for _ in 0..40 {
        if t.screen().contains("source reader") {
            break;
        }
        t.keys(&["n"]);
        std::thread::sleep(Duration::from_millis(50));
    }
    let screen = t.wait_for("source reader");
    assert!(screen.contains("données"), "{screen}");
    t.keys(&["q"]);
}

#[test]
fn the_terminal_is_restored_after_a_panic() {
    let bin = env!("CARGO_BIN_EXE_annals");
    let Some(t) = Tmux::start("restore", 100, 30, "bash --norc --noprofile") else { return };
    t.keys(&["stty sane; clear", "Enter"]);
    t.keys(&[&format!("RUST_BACKTRACE=0 ANNALS_TEST_PANIC=1 {bin}; echo EXIT=$?"), "Enter"]);
    t.wait_for("panicking on purpose");
    t.wait_for("EXIT=101");
    // The marker "MODE:" followed by the flags appears only in the output, not in the command.
    t.keys(&[
        "echo MODE:$(stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ,)",
        "Enter",
    ]);
    let screen = t.wait_for("MODE:");
    let start = Instant::now();
    let mut screen = screen;
    while !screen.lines().any(|l| l.starts_with("MODE:")) {
        assert!(start.elapsed() < Duration::from_secs(5), "{screen}");
        std::thread::sleep(Duration::from_millis(50));
        screen = t.screen();
    }
    let mode = screen.lines().find(|l| l.starts_with("MODE:")).unwrap_or_default();
    assert_eq!(mode.trim(), "MODE:icanon,echo,", "cooked mode with echo is back:\n{screen}");
    let out =
        Command::new("tmux").args(["-L", &t.socket, "display", "-p", "#{cursor_flag}"]).output().expect("display");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "1", "the cursor is visible");
    let alt =
        Command::new("tmux").args(["-L", &t.socket, "display", "-p", "#{alternate_on}"]).output().expect("display");
    assert_eq!(String::from_utf8_lossy(&alt.stdout).trim(), "0", "the alternate screen is left");
    let mouse =
        Command::new("tmux").args(["-L", &t.socket, "display", "-p", "#{mouse_any_flag}"]).output().expect("display");
    assert_eq!(String::from_utf8_lossy(&mouse.stdout).trim(), "0", "mouse capture is off");
}

#[test]
fn live_reload_follows_edits_keeps_the_place_and_survives_a_broken_file() {
    let bin = env!("CARGO_BIN_EXE_annals");
    let dir = std::env::temp_dir().join(format!("annals-e2e-reload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("story.toml");
    let original = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/examples/minimal.toml")).unwrap();
    std::fs::write(&path, &original).unwrap();
    let Some(t) = Tmux::start("reload", 120, 40, &format!("{bin} {}", path.display())) else { return };
    t.wait_for("3 of 3 events");
    t.keys(&["G"]);
    t.wait_for("reopens");

    // Edit in place: the selected event is renamed and stays selected.
    let renamed = original.replace("title = \"The library reopens\"", "title = \"The library finally reopens\"");
    std::fs::write(&path, &renamed).unwrap();
    let screen = t.wait_for("reloaded");
    assert!(screen.contains("The library finally reopens"), "{screen}");
    // One save, one reload: annals's own reading of the file must not trigger another.
    t.keys(&["k"]);
    std::thread::sleep(Duration::from_millis(900));
    assert!(!t.screen().contains("reloaded"), "the file was reloaded again without a change:\n{}", t.screen());

    // Break it: the last good data stays, with the problem and its position.
    let broken = renamed.replace("date = \"~2021-06\"\ntitle", "date = \"2021-02-30\"\ntitle");
    std::fs::write(&path, &broken).unwrap();
    let screen = t.wait_for("The file has problems");
    assert!(screen.contains("story.toml:") && screen.contains("is not a calendar date"), "{screen}");
    assert!(screen.contains("last good data shown"), "{screen}");
    t.keys(&["Escape"]);
    let start = Instant::now();
    while t.screen().contains("The file has problems") {
        assert!(start.elapsed() < Duration::from_secs(3), "esc does not close the problems list");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(t.screen().contains("last good data shown"), "the warning stays in the status line");

    // Fix it the way vim and VS Code save: a new file renamed over the old one.
    let temp = dir.join(".story.toml.swp");
    std::fs::write(&temp, &renamed).unwrap();
    std::fs::rename(&temp, &path).unwrap();
    let start = Instant::now();
    while t.screen().contains("The file has problems") {
        assert!(start.elapsed() < Duration::from_secs(5), "the fix did not clear the problems:\n{}", t.screen());
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(t.screen().contains("The library finally reopens"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), renamed, "annals never writes to the dataset");
    t.keys(&["q"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn text_whose_width_terminals_disagree_on_leaves_no_fragment_behind() {
    let bin = env!("CARGO_BIN_EXE_annals");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/render/conjuncts.toml");
    let Some(t) = Tmux::start("conjuncts", 100, 30, &format!("{bin} {path}")) else { return };
    t.wait_for("2 of 2 events");
    t.keys(&["g"]);
    t.wait_for("स्थापित");
    t.keys(&["j"]);
    let screen = t.wait_for("Plain text only.");
    let devanagari = |c: char| ('\u{0900}'..='\u{097F}').contains(&c);
    assert!(!screen.chars().any(devanagari), "fragments of the first event are left:\n{screen}");
    t.keys(&["q"]);
}

#[test]
fn which_sources_mention_amazon_in_three_keys_and_a_query() {
    let bin = env!("CARGO_BIN_EXE_annals");
    let Some(t) = Tmux::start("concordance", 120, 40, bin) else { return };
    t.wait_for("22 of 22 events");
    t.keys(&["/", "a", "m", "a", "z", "o", "n", "Enter", "C"]);
    let screen = t.wait_for("Concordance · /amazon · ");
    // Every source that names Amazon is on screen, with what it says around the name.
    for place in ["fr · Cloud", "en · Alibaba", "fr · Alibaba va", "fr · Alibaba Cloud"] {
        assert!(screen.contains(place), "{place} is listed:\n{screen}");
    }
    assert!(screen.contains("objectif est de dépasser Amazon"), "{screen}");
    t.keys(&["q"]);
}
