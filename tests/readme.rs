//! The README's key table and the screenshot in assets/ are generated from the app; these
//! tests fail when either is out of date. `ANNALS_BLESS=1 cargo test --test readme` rewrites
//! them.

mod common;

use std::path::Path;

const START: &str = "<!-- keys:start -->\n";
const END: &str = "<!-- keys:end -->";

fn bless() -> bool {
    std::env::var_os("ANNALS_BLESS").is_some()
}

fn path(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
}

/// Both README checks in one test, so that blessing never races on the file.
#[test]
fn readme_is_current() {
    readme_key_table_matches_the_keymap();
    readme_shows_the_screenshot();
}

fn readme_key_table_matches_the_keymap() {
    let readme = std::fs::read_to_string(path("README.md")).expect("README.md");
    let table = annals::input::keymap::markdown_table(&annals::input::keymap::Keymap::default_keymap());
    let start = readme.find(START).expect("README has a keys:start marker") + START.len();
    let end = readme.find(END).expect("README has a keys:end marker");
    if bless() {
        let updated = format!("{}{table}{}", &readme[..start], &readme[end..]);
        std::fs::write(path("README.md"), updated).expect("write README.md");
        return;
    }
    assert_eq!(
        &readme[start..end],
        table,
        "README key table differs from the keymap; run ANNALS_BLESS=1 cargo test --test readme"
    );
}

#[test]
fn screenshot_in_assets_is_the_current_main_view() {
    let app = common::app(120, 40);
    let screen = common::screen(&app);
    let shot = path("assets/main-view.txt");
    if bless() {
        std::fs::write(&shot, &screen).expect("write the screenshot");
        return;
    }
    let saved = std::fs::read_to_string(&shot).expect("assets/main-view.txt");
    assert_eq!(saved, screen, "assets/main-view.txt is stale; run ANNALS_BLESS=1 cargo test --test readme");
}

fn readme_shows_the_screenshot() {
    let readme = std::fs::read_to_string(path("README.md")).expect("README.md");
    let shot = std::fs::read_to_string(path("assets/main-view.txt")).expect("assets/main-view.txt");
    let start_marker = "<!-- screenshot:start -->\n```text\n";
    let start = readme.find(start_marker).expect("README has a screenshot:start marker") + start_marker.len();
    let end = readme.find("```\n<!-- screenshot:end -->").expect("README has a screenshot:end marker");
    let shown: String = shot.lines().map(|l| format!("{}\n", l.trim_end())).collect();
    if bless() {
        let updated = format!("{}{shown}{}", &readme[..start], &readme[end..]);
        std::fs::write(path("README.md"), updated).expect("write README.md");
        return;
    }
    assert_eq!(&readme[start..end], shown, "README screenshot is stale; run ANNALS_BLESS=1 cargo test --test readme");
}
