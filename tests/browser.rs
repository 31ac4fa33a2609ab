//! The HTML export in a real browser: headless Chromium loads the exported page from a
//! `file://` URL (no server, no network) at fragments that set filters, and the DOM it dumps
//! after the page's script ran is checked: how many events show, what a filter shows and
//! hides, that the data added no element. A screenshot is taken too: written to
//! `docs/html-export.png` (which the README shows) with `ANNALS_BLESS=1`, else to a temporary
//! folder.
//!
//! Skipped, with a message, where Chromium is not installed; under CI (`CI` set) it must run
//! (`.ci/run` installs it).

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_annals");

/// The Chromium command, or `None` (skipped) where there is none.
fn chromium() -> Option<&'static str> {
    for name in ["chromium", "chromium-browser"] {
        if Command::new(name).arg("--version").output().is_ok_and(|o| o.status.success()) {
            return Some(name);
        }
    }
    assert!(std::env::var_os("CI").is_none(), "Chromium is required under CI (.ci/run installs it)");
    eprintln!("SKIPPED: chromium is not installed");
    None
}

/// Runs headless Chromium on `page#fragment` with `args` (a profile of its own, nothing
/// fetched in the background); its stdout.
fn run(browser: &str, page: &Path, fragment: &str, args: &[&str]) -> String {
    let profile = tempfile::tempdir().expect("a profile folder");
    let url = format!("file://{}#{fragment}", page.display());
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(&url)
        .output()
        .expect("run chromium");
    assert!(output.status.success(), "chromium failed on {url}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn dom(browser: &str, page: &Path, fragment: &str) -> String {
    let dom = run(browser, page, fragment, &["--dump-dom"]);
    assert!(dom.contains("</html>"), "a whole DOM for #{fragment}: {dom}");
    dom
}

/// Exports `dataset` (the bundled one when `None`) as HTML into `dir`.
fn export(dir: &Path, dataset: Option<&Path>) -> PathBuf {
    let page = dir.join("story.html");
    let mut command = Command::new(BIN);
    command.args(["--export", "html", "-o"]).arg(&page);
    if let Some(dataset) = dataset {
        command.arg(dataset);
    }
    let output = command.output().expect("run annals");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    page
}

/// The event items of a dumped DOM: (id, whether hidden, the item's markup).
fn events(dom: &str) -> Vec<(String, bool, &str)> {
    let mut out = Vec::new();
    let mut rest = dom;
    while let Some(at) = rest.find("<li class=\"event") {
        let item = &rest[at..];
        let end = item.find("</li>\n").or_else(|| item.find("</article></li>")).unwrap_or(item.len());
        let tag = &item[..item.find('>').unwrap_or(item.len())];
        let id = tag.split("id=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or("").to_string();
        out.push((id, tag.contains(" hidden"), &item[..end]));
        rest = &item[1..];
    }
    out
}

/// What the status line says (`3 of 22 events shown`).
fn count(dom: &str) -> &str {
    let at = dom.find("id=\"count\"").expect("the count line");
    let text = &dom[at..];
    let start = text.find('>').unwrap() + 1;
    &text[start..start + text[start..].find('<').unwrap()]
}

#[test]
fn filters_in_the_fragment_show_and_hide_events() {
    let Some(browser) = chromium() else { return };
    let dataset = annals::load::bundled().expect("bundled");
    let dir = tempfile::tempdir().unwrap();
    let page = export(dir.path(), None);
    let total = dataset.events.len();

    // No fragment: everything shows, and the filters are offered.
    let all = dom(browser, &page, "");
    let items = events(&all);
    assert_eq!(items.len(), total);
    assert!(items.iter().all(|(_, hidden, _)| !hidden));
    assert_eq!(count(&all), format!("All {total} events shown"));
    assert!(!all.contains("<nav id=\"filters\" aria-label=\"Filters\" hidden"), "the script shows the filters");

    // A year.
    let of_2016 = dataset.events.iter().filter(|e| e.date.year == 2016).count();
    let year = dom(browser, &page, "year=2016");
    assert_eq!(count(&year), format!("{of_2016} of {total} events shown"));
    assert!(year.contains(&format!("<span class=\"total\">({of_2016} of {total})</span>")), "the heading agrees");
    assert!(all.contains(&format!("<span class=\"total\">({total})</span>")));
    for (id, hidden, item) in events(&year) {
        assert_eq!(hidden, !item.contains("data-year=\"2016\""), "{id}");
    }
    assert!(year.contains("<option value=\"2016\" selected") || year.contains("value=\"2016\""), "the form shows it");

    // A theme and a search together.
    let theme = dom(browser, &page, "theme=investment&q=milliard");
    let shown: Vec<(String, bool, &str)> = events(&theme).into_iter().filter(|(_, hidden, _)| !hidden).collect();
    assert!(!shown.is_empty() && shown.len() < total, "{}", count(&theme));
    for (id, _, item) in &shown {
        assert!(
            item.contains("data-themes=\"")
                && item
                    .split("data-themes=\"")
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap()
                    .split(' ')
                    .any(|t| t == "investment"),
            "{id}"
        );
        assert!(item.to_lowercase().contains("milliard"), "{id} matches the search");
    }
    assert_eq!(count(&theme), format!("{} of {total} events shown", shown.len()));

    // Accents and case are ignored, as in the app.
    let folded = dom(browser, &page, "q=DONNEES");
    let with_accent = dom(browser, &page, "q=données");
    assert_eq!(count(&folded), count(&with_accent));
    assert_ne!(count(&folded), format!("0 of {total} events shown"));

    // A source: only the events quoting it.
    let source = &dataset.sources[0].id;
    let by_source = dom(browser, &page, &format!("source={source}"));
    for (id, hidden, item) in events(&by_source) {
        let quotes = item.split("data-sources=\"").nth(1).unwrap().split('"').next().unwrap();
        assert_eq!(hidden, !quotes.split(' ').any(|s| s == source), "{id}");
    }
}

#[test]
fn a_hostile_dataset_adds_no_markup_or_script() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let hostile = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile/ok-html-injection.toml");
    let page = export(dir.path(), Some(&hostile));
    let dom = dom(browser, &page, "q=alert");
    assert_eq!(dom.matches("<script").count(), 1, "only the page's script");
    assert_eq!(dom.matches("<style").count(), 1, "only the page's style sheet");
    assert!(!dom.contains("<img"), "no image from the data");
    assert!(!dom.contains("onerror=\""), "no handler attribute from the data (the text says onerror=alert(2))");
    assert!(dom.contains(
        "&lt;/style&gt;&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"
    ));
    let dataset = annals::load::load_path(&hostile).unwrap();
    assert_eq!(events(&dom).len(), dataset.events.len());
    assert_eq!(count(&dom), format!("{0} of {0} events shown", dataset.events.len()), "every event matches");
    assert!(dom.contains("<title>&lt;/style&gt;"), "the title is text");
}

#[test]
fn a_screenshot_of_the_page() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = export(dir.path(), None);
    let target = if std::env::var_os("ANNALS_BLESS").is_some() {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/html-export.png")
    } else {
        dir.path().join("html-export.png")
    };
    run(browser, &page, "year=2016", &[&format!("--screenshot={}", target.display()), "--window-size=1280,900"]);
    let png = std::fs::read(&target).expect("the screenshot");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 10_000, "a PNG of the page");
}
