//! Command-line conventions, configuration and colour handling.

mod common;

use std::process::Command;

use annals::config::palette::{ColorMode, Palette, Theme};
use ratatui::style::{Color, Modifier};

fn annals(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_annals")).args(args).output().expect("run annals")
}

/// A file `name` holding `text` in a fresh folder, removed with the folder when the test ends.
fn temp_file(name: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::Builder::new().prefix("annals-eco-").tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write temp file");
    (dir, path)
}

#[test]
fn no_color_draws_no_colour_and_keeps_highlights_as_modifiers() {
    let mut app = common::app(120, 40);
    app.palette = Palette { mode: ColorMode::None, theme: Theme::Dark };
    let terminal = common::render(&app);
    let buffer = terminal.backend().buffer();
    assert!(buffer.content.iter().all(|c| c.fg == Color::Reset && c.bg == Color::Reset), "a colour leaked");
    let timeline = annals::layout::inner(app.main_layout().timeline);
    let row = timeline.y + (app.timeline.selected_row().unwrap() - app.timeline.offset) as u16;
    let cell = &buffer[(timeline.x + 5, row)];
    assert!(cell.modifier.contains(Modifier::REVERSED), "the selected event is reversed without colour");
    insta::assert_snapshot!("no_color_main_120x40", common::screen(&app));
}

#[test]
fn sixteen_colour_terminals_get_no_rgb() {
    let mut app = common::app(120, 40);
    app.palette = Palette { mode: ColorMode::Ansi16, theme: Theme::Light };
    let terminal = common::render(&app);
    let is_rgb = |c: Color| matches!(c, Color::Rgb(..) | Color::Indexed(_));
    assert!(terminal.backend().buffer().content.iter().all(|c| !is_rgb(c.fg) && !is_rgb(c.bg)));
}

#[test]
fn help_answers_every_flag_and_gives_examples() {
    let out = annals(&["--help"]);
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in [
        "--check",
        "--strict",
        "--export",
        "--year",
        "--theme",
        "--search",
        "--at",
        "--config",
        "--print-config",
        "--completions",
        "--man",
        "--version",
        "Examples:",
        "Exit codes",
    ] {
        assert!(help.contains(flag), "--help lacks {flag}");
    }
    let version = annals(&["--version"]);
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("annals "));
}

#[test]
fn completions_and_man_page_come_from_the_same_definition() {
    for shell in ["bash", "zsh", "fish"] {
        let out = annals(&["--completions", shell]);
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(script.contains("annals") && script.contains("print-config"), "{shell} completions lack the flags");
    }
    let man = annals(&["--man"]);
    let page = String::from_utf8_lossy(&man.stdout);
    assert!(page.contains(".TH annals") && page.contains("export"), "{page}");
    assert_eq!(annals(&["--completions", "tcsh"]).status.code(), Some(2), "an unknown shell is a usage error");
}

#[test]
fn printed_config_is_valid_and_a_broken_config_warns_with_positions() {
    let printed = annals(&["--print-config"]);
    let text = String::from_utf8(printed.stdout).expect("utf-8");
    let (_good_dir, good) = temp_file("good.toml", &text);
    let out = annals(&["--config", good.to_str().unwrap(), "--check"]);
    assert!(out.status.success());
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));

    let (_bad_dir, bad) = temp_file("bad.toml", "theme = \"sepia\"\n[layout]\ntimeline_width = 10\n");
    let out = annals(&["--config", bad.to_str().unwrap(), "--check"]);
    assert!(out.status.success(), "a broken config does not stop annals");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.toml:1:9: theme \"sepia\" is not known (expected \"dark\" or \"light\")"), "{stderr}");
    assert!(
        stderr.contains("bad.toml:3:18: layout.timeline_width is 10, expected a whole number from 30 to 70"),
        "{stderr}"
    );

    let missing = annals(&["--config", "/nonexistent/annals.toml", "--check"]);
    assert!(missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read the config file"));
}

#[test]
fn a_remapped_key_drives_the_app_and_shows_in_help() {
    let (config, problems) = annals::config::parse("c.toml", "[keys]\nquit = [\"Q\"]\ndown = [\"J\", \"down\"]\n");
    assert!(problems.is_empty());
    let mut app = annals::app::App::new(common::bundled(), config.keymap, (120, 40));
    common::key(&mut app, crossterm::event::KeyCode::Char('J'));
    assert_eq!(app.timeline.selected, 1);
    common::key(&mut app, crossterm::event::KeyCode::Char('q'));
    assert!(!app.should_quit, "q is no longer bound");
    // Quit is the last key of the help: scrolled to, page by page.
    common::act(&mut app, &[annals::input::action::Action::Help]);
    let mut screen = common::screen(&app);
    for _ in 0..10 {
        if screen.contains(" Q ") {
            break;
        }
        common::act(&mut app, &[annals::input::action::Action::PageDown]);
        screen = common::screen(&app);
    }
    assert!(screen.contains(" Q ") && screen.contains("quit"), "{screen}");
    common::key(&mut app, crossterm::event::KeyCode::Esc);
    common::key(&mut app, crossterm::event::KeyCode::Char('Q'));
    assert!(app.should_quit);
}

#[test]
fn export_writes_a_new_file_atomically_and_never_overwrites_without_force() {
    let (_dir, path) = temp_file("out.md", "precious notes\n");
    let out = annals(&["--export", "md", "--year", "2016", "-o", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("add --force"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "precious notes\n", "the file is untouched");
    let out = annals(&["--export", "md", "--year", "2016", "-o", path.to_str().unwrap(), "--force"]);
    assert!(out.status.success());
    let written = std::fs::read_to_string(&path).unwrap();
    // The 2016 events, not the 2021 one (the eras, listed whole, name ByteDance too).
    assert!(written.contains("Zhangbei") && !written.contains("ByteDance leaves Alibaba Cloud"));
    let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left behind");
    assert_eq!(annals(&["--export", "md", "--theme", "nope"]).status.code(), Some(2));
}

#[test]
fn without_a_terminal_the_app_explains_instead_of_crashing() {
    let out = annals(&[]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("needs a terminal") && stderr.contains("--export"), "{stderr}");
    assert!(out.stdout.is_empty(), "nothing is drawn into a pipe");
}

#[test]
fn a_filtered_export_says_what_it_shows_and_an_empty_one_warns() {
    let md = annals(&["--export", "md", "--year", "2016"]);
    assert!(md.status.success());
    let text = String::from_utf8_lossy(&md.stdout);
    assert!(text.contains("\n*Shown: 3 of 22 events · 2016.*\n"), "{text}");
    let all = annals(&["--export", "md"]);
    assert!(!String::from_utf8_lossy(&all.stdout).contains("*Shown:"), "the whole timeline needs no note");
    let none = annals(&["--export", "csv", "--year", "2017"]);
    assert!(none.status.success());
    let warning = String::from_utf8_lossy(&none.stderr);
    assert!(warning.contains("no event matches (0 of 22 events · 2017)"), "{warning}");
    assert_eq!(String::from_utf8_lossy(&none.stdout).lines().count(), 1, "the header alone");
}
