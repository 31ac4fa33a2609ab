//! Drafts and unsourced events: they load, sort where the format says, and `--check` lists
//! what each still lacks as warnings (exit 0), which `--check --strict` turns into a failure.

mod common;

use std::path::Path;
use std::process::Command;

use annals::app::update;
use annals::state::Row;
use crossterm::event::KeyCode;

const DRAFTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid/drafts.toml");

#[test]
fn drafts_and_unsourced_events_load_and_an_undated_draft_sorts_last() {
    let dataset = annals::load::load_path(Path::new(DRAFTS)).expect("loads");
    let order: Vec<(&str, String, bool, bool)> =
        dataset.events.iter().map(|e| (e.id.as_str(), e.date_written(), e.is_draft(), e.is_unsourced())).collect();
    assert_eq!(
        order,
        [
            ("sourced", "2015".to_string(), false, false),
            ("billion", "2015-07-29".to_string(), false, true),
            ("dated-draft", "2016".to_string(), true, false),
            ("captured", "undated".to_string(), true, false),
        ]
    );
    let captured = &dataset.events[3];
    assert!(captured.undated && captured.title.is_empty() && captured.themes.is_empty());
    assert_eq!(captured.when(), "undated");
    assert_eq!(dataset.quote_text(&captured.quotes[0]), "Le déploiement à Zhangbei");
    // It is placed at the latest date, so that every view of years keeps its span.
    assert_eq!(captured.date.year, 2016);
}

#[test]
fn a_finished_event_still_needs_its_date_title_summary_and_themes() {
    let text = std::fs::read_to_string(DRAFTS).unwrap();
    let finished = text.replacen("draft = true\ntitle = \"\"", "title = \"\"", 1);
    let problems = annals::load::load_str("d.toml", &finished).expect_err("not a draft any more");
    let shown: Vec<String> = problems.0.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "d.toml:19:1: event \"captured\": missing required field \"date\" (expected a date such as \"2015\", \"2015-07\" or \"2015-07-29\")",
            "d.toml:19:1: event \"captured\": missing required field \"summary\" (expected a string)",
            "d.toml:19:1: event \"captured\": missing required field \"themes\" (expected an array of theme ids such as [\"investment\"])",
            "d.toml:21:9: event \"captured\": field \"title\" is empty (expected some text)",
        ]
    );
}

fn check(strict: bool) -> (Option<i32>, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_annals"));
    command.arg("--check").arg(DRAFTS).env("XDG_CONFIG_HOME", "/nonexistent");
    if strict {
        command.arg("--strict");
    }
    let output = command.output().expect("runs");
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn check_warns_about_drafts_and_unsourced_events_and_strict_fails_on_them() {
    let (code, stderr) = check(false);
    assert_eq!(code, Some(0), "{stderr}");
    for warning in [
        "drafts.toml:19:1: event \"captured\": is a draft without date, title, summary, themes (expected them filled in, and draft = true taken out)",
        "drafts.toml:28:1: event \"dated-draft\": is a draft (expected draft = true to be taken out once it is checked)",
        "drafts.toml:40:1: event \"billion\": has no quote, so nothing ties it to a source (expected at least one [[event.quote]] with source and text)",
    ] {
        assert!(stderr.contains(warning), "missing {warning:?} in:\n{stderr}");
    }
    let (code, stderr) = check(true);
    assert_eq!(code, Some(1), "{stderr}");
}

#[test]
fn an_undated_draft_is_in_no_era_and_its_row_says_draft_with_no_title_yet() {
    let text = std::fs::read_to_string(DRAFTS).unwrap();
    // An era over the whole span: the dated events are in it, the undated draft is not.
    let era = "[[era]]\nid = \"all\"\nlabel = \"All\"\nstart = \"2015\"\nend = \"2016\"\n\n[[source]]";
    let text = text.replacen("[[source]]", era, 1);
    let dataset = annals::load::load_str("drafts.toml", &text).expect("loads");
    let app = annals::app::App::new(dataset, annals::input::keymap::Keymap::default_keymap(), (100, 30));
    let captured = app.dataset.event_index("captured").unwrap();
    let dated = app.dataset.event_index("dated-draft").unwrap();
    assert_eq!(app.event_index.era(dated), Some(0));
    assert_eq!(app.event_index.era(captured), None, "its date only places it last");
    let screen = common::screen(&app);
    let row = screen.lines().find(|l| l.contains("undated")).unwrap_or_else(|| panic!("{screen}"));
    assert!(row.contains("undated") && row.contains("draft (no title yet)"), "{row}");
    assert!(!row.contains('▌'), "no era's mark: {row}");
    let dated_row = screen.lines().find(|l| l.contains("Zhangbei") && l.contains("2016")).unwrap_or_default();
    assert!(dated_row.contains("draft Zhangbei"), "{dated_row}");
    // The timeline ends with a heading of the undated drafts, then the draft: it is not
    // listed under the last year.
    let rows = &app.timeline.rows;
    assert_eq!(rows[rows.len() - 2..], [Row::Undated, Row::Event(captured)], "{rows:?}");
    assert_eq!(rows.iter().filter(|r| **r == Row::Undated).count(), 1);
    // Drawn in a pane tall enough for headings (a short one gives their lines to events).
    let mut app = app;
    update(&mut app, annals::app::Input::Resize(120, 60));
    let screen = common::screen(&app);
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines.iter().position(|l| l.contains("draft (no title yet)")).unwrap();
    assert!(lines[at - 1].contains("undated drafts ─"), "{screen}");
}

#[test]
fn the_detail_of_an_undated_draft_names_no_era() {
    let text = std::fs::read_to_string(DRAFTS).unwrap();
    let era = "[[era]]\nid = \"all\"\nlabel = \"All\"\nstart = \"2015\"\nend = \"2016\"\n\n[[source]]";
    let dataset = annals::load::load_str("drafts.toml", &text.replacen("[[source]]", era, 1)).expect("loads");
    let mut app = annals::app::App::new(dataset, annals::input::keymap::Keymap::default_keymap(), (120, 40));
    let dated = app.dataset.event_index("dated-draft").unwrap();
    app.state.timeline.select_event(dated);
    assert!(common::screen(&app).contains("Era     All (2015–2016)"), "a dated event's era is named");
    let captured = app.dataset.event_index("captured").unwrap();
    app.state.timeline.select_event(captured);
    let screen = common::screen(&app);
    assert!(screen.contains("undated (a draft: give it a date)"), "{screen}");
    assert!(!screen.contains("Era "), "no era for a draft without a date:\n{screen}");
}

#[test]
fn exports_give_an_undated_draft_no_date_and_say_it_is_a_draft() {
    use annals::export::{Format, export};
    let dataset = annals::load::load_path(Path::new(DRAFTS)).expect("loads");
    let all: Vec<usize> = (0..dataset.events.len()).collect();
    let md = export(&dataset, &all, Format::Markdown);
    assert!(md.contains("## Undated\n\n### undated — Draft: (no title yet)\n"), "{md}");
    assert!(md.contains("*Date:* none yet (a draft)"), "{md}");
    assert!(md.contains("### 2016 — Draft: Zhangbei"), "a dated draft keeps its date: {md}");
    assert_eq!(md.matches("## 2016\n").count(), 1, "the undated draft is not under 2016: {md}");

    let html = export(&dataset, &all, Format::Html);
    let item = html.split("id=\"event-captured\"").nth(1).expect("the draft's item");
    let item = &item[..item.find("</li>").unwrap_or(item.len())];
    assert!(!item.contains("<time"), "no date: {item}");
    assert!(item.contains("Draft:</span> (no title yet)"), "{item}");
    assert!(html.contains("<section class=\"year\" id=\"year-undated\" data-year=\"undated\">\n<h3>Undated</h3>"));
    assert!(html.contains("data-year=\"undated\" data-themes"), "the draft's own item");

    let json: serde_json::Value = serde_json::from_str(&export(&dataset, &all, Format::Json)).unwrap();
    let events = json["events"].as_array().unwrap();
    let captured = events.iter().find(|e| e["id"] == "captured").unwrap();
    assert_eq!(captured["date"], "undated");
    assert!(captured["date_precision"].is_null() && captured["date_certainty"].is_null(), "{captured}");
    assert!(captured["date_start"].is_null() && captured["date_end"].is_null());
    assert_eq!((&captured["draft"], &events[0]["draft"]), (&serde_json::json!(true), &serde_json::json!(false)));

    let csv = export(&dataset, &all, Format::Csv);
    let row = csv.lines().find(|l| l.starts_with("captured,")).expect("the draft's row");
    assert!(row.starts_with("captured,undated,,,"), "{row}");
    // The last column says which events are drafts, dated ones too.
    assert!(csv.lines().next().unwrap().ends_with(",draft"));
    for (id, draft) in [("captured", "true"), ("dated-draft", "true"), ("billion", "false")] {
        let row = csv.lines().find(|l| l.starts_with(&format!("{id},"))).unwrap();
        assert!(row.ends_with(&format!(",{draft}")), "{row}");
    }
}

#[test]
fn the_year_picker_and_filter_put_undated_drafts_in_a_year_of_their_own() {
    use annals::input::action::Action::FilterYear;
    use annals::state::{Overlay, PickerItem};
    let dataset = annals::load::load_path(Path::new(DRAFTS)).expect("loads");
    let mut app = annals::app::App::new(dataset, annals::input::keymap::Keymap::default_keymap(), (120, 40));
    let captured = app.dataset.event_index("captured").unwrap();
    let dated = app.dataset.event_index("dated-draft").unwrap();
    common::act(&mut app, &[FilterYear]);
    let Some(Overlay::Picker(picker)) = &app.overlay else { panic!("no picker") };
    let items: Vec<(&str, usize)> = picker.items.iter().map(|i: &PickerItem| (i.label.as_str(), i.count)).collect();
    // The draft's placeholder date is the last dated event's (2016): it is not counted there.
    assert_eq!(items, [("all years", 4), ("2015", 2), ("2016", 1), ("undated drafts", 1)]);
    // The picker's counts with another filter on walk the events: the same years.
    common::key(&mut app, KeyCode::Esc);
    app.state.filter.themes = vec![0];
    common::act(&mut app, &[FilterYear]);
    let Some(Overlay::Picker(picker)) = &app.overlay else { panic!("no picker") };
    assert_eq!(picker.items.last().map(|i| i.label.as_str()), Some("undated drafts"));
    app.state.filter.themes.clear();

    // 2016 shows the dated draft and not the undated one.
    common::key(&mut app, KeyCode::Esc);
    common::act(&mut app, &[FilterYear]);
    common::type_str(&mut app, "2016");
    common::key(&mut app, KeyCode::Enter);
    assert_eq!(app.timeline.visible[..], [dated], "{}", app.shown_summary());
    assert!(!app.timeline.rows.contains(&Row::Undated));
    // The last item picks the undated drafts alone, and the summary names them.
    common::act(&mut app, &[FilterYear]);
    common::key(&mut app, KeyCode::End);
    common::key(&mut app, KeyCode::Enter);
    assert_eq!(app.timeline.visible[..], [captured]);
    assert_eq!(app.timeline.rows[..], [Row::Undated, Row::Event(captured)]);
    assert!(app.shown_summary().ends_with(" · undated drafts"), "{}", app.shown_summary());
}

#[test]
fn year_undated_on_the_command_line_exports_the_drafts_without_a_date() {
    let export = |year: &str| {
        let output = Command::new(env!("CARGO_BIN_EXE_annals"))
            .args(["--export", "md", "--year", year, DRAFTS])
            .env("XDG_CONFIG_HOME", "/nonexistent")
            .output()
            .expect("runs");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    };
    let undated = export("undated");
    assert!(undated.contains("### undated — Draft: (no title yet)"), "{undated}");
    assert!(!undated.contains("Draft: Zhangbei") && undated.contains("1 of 4 events · undated drafts"), "{undated}");
    let in_2016 = export("2016");
    assert!(in_2016.contains("### 2016 — Draft: Zhangbei") && !in_2016.contains("(no title yet)"), "{in_2016}");

    use annals::export::{Format, export as write};
    let dataset = annals::load::load_path(Path::new(DRAFTS)).expect("loads");
    let all: Vec<usize> = (0..dataset.events.len()).collect();
    let html = write(&dataset, &all, Format::Html);
    let select = &html[html.find("<select name=\"year\">").unwrap()..];
    let select = &select[..select.find("</select>").unwrap()];
    assert!(
        select.ends_with("<option value=\"2016\">2016</option>\n<option value=\"undated\">undated drafts</option>\n")
    );
}

#[test]
fn timelinejs_marks_a_dated_draft_and_says_what_it_leaves_out() {
    let output = Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(["--export", "timelinejs", DRAFTS])
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .output()
        .expect("runs");
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--export timelinejs: 1 draft with no date yet left out (a slide needs a date)"),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let intro = json["title"]["text"]["text"].as_str().unwrap();
    assert!(intro.contains("<p>Left out: 1 draft with no date yet (a slide needs a date).</p>"), "{intro}");
    let headlines: Vec<&str> =
        json["events"].as_array().unwrap().iter().map(|e| e["text"]["headline"].as_str().unwrap()).collect();
    assert!(headlines.contains(&"Draft: Zhangbei"), "the dated draft is marked: {headlines:?}");
    assert_eq!(headlines.iter().filter(|h| h.starts_with("Draft: ")).count(), 1, "{headlines:?}");
}
