//! `E`: exporting the timeline as filtered from inside the app. The box is edited with keys
//! (pure `update`), Enter asks for the export as an effect, and the runtime's writer writes
//! the filtered timeline under the rules of `--export … -o`.

mod common;

use annals::app::{Effect, Input, update};
use annals::export::Format;
use annals::runtime::export::export_shown;
use annals::state::Overlay;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn press(app: &mut annals::app::App, code: KeyCode) -> Option<Effect> {
    update(app, Input::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

#[test]
fn e_opens_a_box_where_tab_picks_the_format_and_enter_asks_for_the_export() {
    let mut app = common::app(100, 30);
    common::key(&mut app, KeyCode::Char('E'));
    let Some(Overlay::Export(prompt)) = &app.overlay else { panic!("the export box is open") };
    assert_eq!((prompt.path.as_str(), prompt.format), ("annals-export.md", Format::Markdown));
    let screen = common::screen(&app);
    assert!(screen.contains("Export the timeline") && screen.contains("the whole timeline: 22 events"), "{screen}");

    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    for _ in 0.."annals-export.html".len() {
        press(&mut app, KeyCode::Backspace);
    }
    common::type_str(&mut app, "out/story.html");
    let effect = press(&mut app, KeyCode::Enter);
    assert_eq!(effect, Some(Effect::Export { path: "out/story.html".into(), format: Format::Html, replace: false }));
    assert!(matches!(app.overlay, Some(Overlay::Export(_))), "the box stays until the file is written");

    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    assert!(!app.should_quit, "q typed in a name would not quit, and esc only closes the box");
}

#[test]
fn keys_typed_in_the_box_are_text_not_actions() {
    let mut app = common::app(100, 30);
    common::key(&mut app, KeyCode::Char('E'));
    common::type_str(&mut app, "qy/");
    let Some(Overlay::Export(prompt)) = &app.overlay else { panic!("still open") };
    assert!(prompt.path.ends_with("qy/"), "{}", prompt.path);
    assert!(!app.should_quit);
}

#[test]
fn the_filtered_timeline_is_written_and_a_file_that_is_there_is_replaced_only_when_asked() {
    let mut app = common::app(100, 30);
    app.filter.year = Some(2016);
    app.refilter();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2016.json");
    let message = export_shown(&app, &path, Format::Json, false).expect("written");
    assert!(message.contains("of 22 events · 2016") && message.contains("2016.json"), "{message}");
    let first = format!("exported json to {} · ", path.display());
    assert!(message.starts_with(&first), "the whole path, first: {message}");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let events = json["events"].as_array().unwrap();
    assert_eq!(events.len(), app.timeline.visible.len());
    assert!(events.iter().all(|e| e["date"].as_str().unwrap().contains("2016")), "only 2016");

    std::fs::write(&path, "precious").unwrap();
    let refused = export_shown(&app, &path, Format::Csv, false);
    assert!(matches!(refused, Err(annals::write::Error::Exists(_))), "{refused:?}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "precious", "untouched");
    export_shown(&app, &path, Format::Csv, true).expect("replaced when asked");
    assert!(std::fs::read_to_string(&path).unwrap().starts_with("event_id,"));
}

#[test]
fn ctrl_u_and_ctrl_w_edit_the_name_and_other_control_keys_type_nothing() {
    let mut app = common::app(100, 30);
    common::key(&mut app, KeyCode::Char('E'));
    let ctrl =
        |app: &mut annals::app::App, c| update(app, Input::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)));
    let name = |app: &annals::app::App| match &app.overlay {
        Some(Overlay::Export(prompt)) => prompt.path.clone(),
        other => panic!("the export box closed: {other:?}"),
    };
    ctrl(&mut app, 'a');
    ctrl(&mut app, 'h');
    assert_eq!(name(&app), "annals-export.md");
    ctrl(&mut app, 'u');
    assert_eq!(name(&app), "");
    common::type_str(&mut app, "my story.md");
    ctrl(&mut app, 'w');
    assert_eq!(name(&app), "my ");
}

#[test]
fn enter_while_an_export_is_under_way_asks_for_no_second_one() {
    let mut app = common::app(100, 30);
    common::key(&mut app, KeyCode::Char('E'));
    if let Some(Overlay::Export(prompt)) = &mut app.state.overlay {
        prompt.exporting = true;
    }
    assert!(common::screen(&app).contains("exporting…"));
    assert_eq!(press(&mut app, KeyCode::Enter), None);
    assert!(matches!(app.overlay, Some(Overlay::Export(_))));
}

#[test]
fn a_bibliography_says_how_many_sources_it_lists_and_formats_sharing_json_offer_names_of_their_own() {
    let mut app = common::app(100, 30);
    app.filter.year = Some(2016);
    app.refilter();
    let dir = tempfile::tempdir().unwrap();
    for format in [Format::CslJson, Format::Bibtex] {
        let path = dir.path().join(format.file_name("story"));
        let message = export_shown(&app, &path, format, false).expect("written");
        let listed = std::fs::read_to_string(&path).unwrap();
        let count = match format {
            Format::CslJson => serde_json::from_str::<serde_json::Value>(&listed).unwrap().as_array().unwrap().len(),
            _ => listed.matches("\n@").count() + usize::from(listed.starts_with('@')),
        };
        assert!(count >= 1 && count < app.dataset.sources.len(), "the sources of 2016's events: {count}");
        let expected = format!(" · {count} source{} quoted by ", if count == 1 { "" } else { "s" });
        assert!(message.contains(&expected) && message.contains("of 22 events · 2016"), "{message}");
    }
    // Tab from json to timelinejs to csl-json: three names, none another's.
    common::key(&mut app, KeyCode::Char('E'));
    let mut names = Vec::new();
    for _ in 0..Format::ALL.len() {
        let Some(Overlay::Export(prompt)) = &app.overlay else { panic!("the export box is open") };
        names.push(prompt.path.clone());
        press(&mut app, KeyCode::Tab);
    }
    let mut distinct = names.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), names.len(), "{names:?}");
}

#[test]
fn an_export_into_a_folder_that_is_not_there_says_so_of_the_file_named() {
    let app = common::app(100, 30);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nodir").join("x.md");
    let error = export_shown(&app, &path, Format::Markdown, false).expect_err("no folder");
    let message = error.to_string();
    assert_eq!(message, format!("{}: its folder does not exist", path.display()));
    assert!(!message.contains(".annals-"), "no temporary file's name: {message}");
}

#[test]
fn e_never_replaces_the_open_dataset_even_when_told_to_replace_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("story.toml");
    std::fs::copy(format!("{}/data/examples/minimal.toml", env!("CARGO_MANIFEST_DIR")), &main).unwrap();
    let before = std::fs::read(&main).unwrap();
    let mut app = annals::app::App::new(
        annals::load::load_path(&main).unwrap(),
        annals::input::keymap::Keymap::default_keymap(),
        (120, 40),
    );
    app.state.source_path = Some(main.clone());
    let refused = export_shown(&app, &main, Format::Markdown, true).expect_err("refused");
    assert!(refused.to_string().contains("is a file of the dataset being exported"), "{refused}");
    assert_eq!(std::fs::read(&main).unwrap(), before, "the dataset is as it was");
}
