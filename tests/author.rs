//! `annals new` and `annals add-source`: the files they write, what they refuse, and the text
//! they extract from saved pages (tests/fixtures/pages/).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_annals");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn annals(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN).args(args).current_dir(dir).output().expect("run annals")
}

fn page(name: &str) -> String {
    format!("{ROOT}/tests/fixtures/pages/{name}")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Every file and folder under `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<String> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<String>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            out.push(path.strip_prefix(base).unwrap().display().to_string());
            if path.is_dir() {
                walk(&path, base, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// A new story in a temporary folder: (the folder holding it, the story folder).
fn story() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = annals(dir.path(), &["new", "my-story"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let story = dir.path().join("my-story");
    (dir, story)
}

fn sources(dataset: &Path) -> Vec<toml::Table> {
    let parsed: toml::Table = toml::from_str(&fs::read_to_string(dataset).unwrap()).expect("the dataset parses");
    match parsed.get("source") {
        Some(toml::Value::Array(list)) => list.iter().map(|s| s.as_table().unwrap().clone()).collect(),
        _ => Vec::new(),
    }
}

/// White space runs of any kind as one space.
fn normalised(text: &str) -> String {
    text.split(char::is_whitespace).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The text of a page's body, as a reader sees it, white space normalised.
fn page_text(html: &str) -> String {
    let document = dom_query::Document::from(html);
    normalised(&document.select("body").text())
}

#[test]
fn new_makes_a_commented_story_that_checks() {
    let (_dir, story) = story();
    assert_eq!(tree(&story), ["README.md", "articles", "story.toml"]);
    let text = fs::read_to_string(story.join("story.toml")).unwrap();
    let parsed: toml::Table = toml::from_str(&text).expect("story.toml parses");
    assert_eq!(parsed["dataset"]["title"].as_str(), Some("my-story"));
    for example in ["# [[source]]", "# text_file = \"articles/", "# [[event]]", "# [[event.quote]]", "# draft = true"] {
        assert!(text.contains(example), "story.toml lacks {example}");
    }
    // The commented examples are records once uncommented: they parse, with the fields given.
    let examples: String = text.lines().filter_map(|l| l.strip_prefix("# ")).filter(|l| !l.starts_with(' ')).fold(
        String::new(),
        |mut all, line| {
            let key =
                line.split_once(" = ").is_some_and(|(k, _)| k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
            if line.starts_with("[[") || key {
                all.push_str(line);
                all.push('\n');
            }
            all
        },
    );
    let uncommented: toml::Table = toml::from_str(&examples).unwrap_or_else(|e| panic!("{e}\n{examples}"));
    assert_eq!(uncommented["source"][0]["text_file"].as_str(), Some("articles/fr-2015-aliyun-amazon.txt"));
    assert_eq!(uncommented["event"][0]["quote"][0]["source"].as_str(), Some("fr-2015-aliyun-amazon"));
    let readme = fs::read_to_string(story.join("README.md")).unwrap();
    for step in
        ["annals add-source", "--into story.toml", "`v`", "`c`", "annals --check story.toml", "annals story.toml"]
    {
        assert!(readme.contains(step), "README.md lacks {step}");
    }
    let check = annals(&story, &["--check", "story.toml"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn new_writes_over_nothing() {
    let (dir, story) = story();
    let before = fs::read_to_string(story.join("story.toml")).unwrap();
    let again = annals(dir.path(), &["new", "my-story"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("my-story: the folder is not empty"), "{}", stderr(&again));
    assert_eq!(fs::read_to_string(story.join("story.toml")).unwrap(), before);

    fs::write(dir.path().join("a-file"), "mine").unwrap();
    let out = annals(dir.path(), &["new", "a-file"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("a-file: exists and is not a folder"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(dir.path().join("a-file")).unwrap(), "mine");

    fs::create_dir(dir.path().join("target")).unwrap();
    std::os::unix::fs::symlink("target", dir.path().join("link")).unwrap();
    let out = annals(dir.path(), &["new", "link"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
    assert!(tree(&dir.path().join("target")).is_empty());

    // An empty folder is taken.
    fs::create_dir(dir.path().join("empty")).unwrap();
    assert!(annals(dir.path(), &["new", "empty"]).status.success());
    assert_eq!(tree(&dir.path().join("empty")), ["README.md", "articles", "story.toml"]);
}

#[test]
fn a_saved_article_becomes_a_text_file_and_a_record_after_the_comments() {
    let (_dir, story) = story();
    let dataset = story.join("story.toml");
    let before = fs::read_to_string(&dataset).unwrap();
    let out = annals(&story, &["add-source", &page("article-byline.html"), "--into", "story.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let id = "en-2019-harbour-council-approves-the-tidal";
    assert!(stdout(&out).contains(&format!("added source \"{id}\" to story.toml")), "{}", stdout(&out));

    let after = fs::read_to_string(&dataset).unwrap();
    assert!(after.starts_with(&before), "the file's text, comments included, is kept as it was:\n{after}");
    let sources = sources(&dataset);
    assert_eq!(sources.len(), 1);
    let source = &sources[0];
    let field = |key: &str| source.get(key).and_then(|v| v.as_str()).map(str::to_string);
    assert_eq!(field("id").as_deref(), Some(id));
    assert_eq!(field("title").as_deref(), Some("Harbour council approves the tidal barrier"));
    assert_eq!(field("publisher").as_deref(), Some("The Coastal Ledger"));
    assert_eq!(field("section").as_deref(), Some("Local politics"));
    assert_eq!(field("language").as_deref(), Some("en"));
    assert_eq!(field("date").as_deref(), Some("2019-03-14"));
    assert_eq!(field("url").as_deref(), Some("https://ledger.example.com/2019/03/14/tidal-barrier"));
    assert_eq!(field("text_file"), Some(format!("articles/{id}.txt")));
    assert_eq!(source["authors"].as_array().unwrap()[0].as_str(), Some("Alice Moreno"));
    // As the page prints it; the note says how a person is cited right.
    let note = "note: authors written as the page prints them: a person is cited right as \"Family, Given\" \
                (for example \"Moreno, Alice\")";
    assert!(stderr(&out).contains(note), "{}", stderr(&out));
    assert!(!source.contains_key("text") && !source.contains_key("accessed"), "nothing the page does not say");

    let text = fs::read_to_string(story.join(format!("articles/{id}.txt"))).unwrap();
    let paragraphs: Vec<&str> = text.trim_end().split("\n\n").collect();
    assert_eq!(paragraphs.len(), 6, "{text}");
    assert!(paragraphs[0].starts_with("The harbour council voted on Thursday evening"));
    assert!(paragraphs.contains(&"Opposition from fishermen"));
    assert!(text.contains("£48 million"));
    for boilerplate in ["Subscribe", "All rights reserved", "analytics", "By Alice Moreno"] {
        assert!(!text.contains(boilerplate), "{boilerplate} leaked into the text");
    }
}

#[test]
fn every_paragraph_is_the_pages_own_text() {
    for name in ["article-byline.html", "comments-sidebar.html", "french.html"] {
        let html = fs::read_to_string(page(name)).unwrap();
        let out = annals(Path::new(ROOT), &["add-source", &page(name)]);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let record: toml::Table = toml::from_str(&stdout(&out)).unwrap();
        let text = record["source"][0]["text"].as_str().unwrap().to_string();
        let whole = page_text(&html);
        let paragraphs: Vec<&str> = text.trim_end().split("\n\n").collect();
        assert!(paragraphs.len() >= 4, "{name}: {text}");
        for paragraph in paragraphs {
            assert!(!paragraph.trim().is_empty() && paragraph == paragraph.trim(), "{name}: {paragraph:?}");
            assert!(whole.contains(&normalised(paragraph)), "{name}: not in the page: {paragraph}");
        }
    }
}

#[test]
fn sidebars_and_comments_stay_out() {
    let out = annals(Path::new(ROOT), &["add-source", &page("comments-sidebar.html")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let record: toml::Table = toml::from_str(&stdout(&out)).unwrap();
    let source = &record["source"][0];
    let text = source["text"].as_str().unwrap();
    assert!(text.starts_with("Sleeper services will run again"), "{text}");
    assert!(text.contains("engineering work on two viaducts"), "the last paragraph is kept");
    for noise in
        ["Most read", "best coffee", "Advertisement", "23 comments", "rail_fan_88", "I took the old sleeper", "Cookie"]
    {
        assert!(!text.contains(noise), "{noise} leaked into the text");
    }
    assert!(source.get("authors").is_none(), "a commenter is not the author: {source:?}");
    assert_eq!(source["title"].as_str(), Some("Night trains return to the northern line"), "the site's name is cut");
    assert_eq!(source["publisher"].as_str(), Some("Rail Weekly"));
    assert_eq!(source["language"].as_str(), Some("en-GB"));
    assert_eq!(source["date"].as_str(), Some("2021-11-02"));
    assert!(source.get("url").is_none(), "no canonical URL on the page, none invented");
}

#[test]
fn french_accents_and_no_break_spaces_are_kept() {
    let out = annals(Path::new(ROOT), &["add-source", &page("french.html")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let record: toml::Table = toml::from_str(&stdout(&out)).unwrap();
    let source = &record["source"][0];
    assert_eq!(source["id"].as_str(), Some("fr-2022-le-vignoble-de-brevenne-face"));
    assert_eq!(source["title"].as_str(), Some("Le vignoble de Brévenne face à la sécheresse"));
    assert_eq!(source["authors"][0].as_str(), Some("Hélène Garçon"));
    assert_eq!(source["language"].as_str(), Some("fr-FR"));
    assert_eq!(source["date"].as_str(), Some("2022-08-19"), "the page's own day, not converted to UTC");
    let text = source["text"].as_str().unwrap();
    assert!(text.contains("«\u{a0}Les grappes sont petites"), "{text}");
    assert!(text.contains("d’une qualité étonnante\u{a0}», explique Éric Fléchier"), "{text}");
    assert!(text.contains("1,2\u{a0}million d’euros"), "{text}");
}

#[test]
fn a_page_with_no_article_is_refused_and_nothing_is_written() {
    let (_dir, story) = story();
    let before = fs::read_to_string(story.join("story.toml")).unwrap();
    let out = annals(&story, &["add-source", &page("no-article.html"), "--into", "story.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no-article.html: no article found in the page"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    assert_eq!(fs::read_to_string(story.join("story.toml")).unwrap(), before);
    assert!(tree(&story.join("articles")).is_empty());
}

#[test]
fn a_file_without_a_language_is_refused_into_a_dataset_until_lang_gives_one() {
    let (_dir, story) = story();
    let before = fs::read_to_string(story.join("story.toml")).unwrap();
    fs::write(story.join("notes.txt"), "Call notes\n\nThe council met on Monday.\n").unwrap();
    let out = annals(&story, &["add-source", "notes.txt", "--into", "story.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(message.contains("notes.txt: the file says nothing of its language"), "{message}");
    assert!(message.contains("run again with --lang CODE") && message.contains("nothing was added"), "{message}");
    let wrong = annals(&story, &["add-source", "notes.txt", "--into", "story.toml", "--lang", "français"]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(stderr(&wrong).contains("\"français\" is not a language code"), "{}", stderr(&wrong));
    assert_eq!(fs::read_to_string(story.join("story.toml")).unwrap(), before, "the dataset is as it was");
    assert!(tree(&story.join("articles")).is_empty());
    // With a language, it is added, and the dataset loads.
    let out = annals(&story, &["add-source", "notes.txt", "--into", "story.toml", "--lang", "en"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let check = annals(&story, &["--check", "story.toml"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn without_into_the_record_is_printed_and_no_file_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("notes.txt");
    fs::write(&article, "First paragraph.\n\nSecond \"quoted\" paragraph.\n").unwrap();
    let out = annals(dir.path(), &["add-source", "notes.txt", "--lang", "en"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(tree(dir.path()), ["notes.txt"]);
    let record: toml::Table = toml::from_str(&stdout(&out)).unwrap();
    let source = &record["source"][0];
    assert_eq!(source["id"].as_str(), Some("en-notes"));
    assert_eq!(source["title"].as_str(), Some("notes"));
    assert_eq!(source["title_editorial"].as_bool(), Some(true), "a file name is not the article's title");
    assert_eq!(source["text"].as_str(), Some("First paragraph.\n\nSecond \"quoted\" paragraph.\n"));
    assert!(stderr(&out).contains("note: no title in the file"), "{}", stderr(&out));
    assert!(stderr(&out).contains("note: no date in the file: add date = \"…\" and a date_note"), "{}", stderr(&out));
    assert!(source.get("date").is_none(), "no date is made up");
}

#[test]
fn ids_stay_unique_and_existing_sources_keep_their_comments() {
    let dir = tempfile::tempdir().unwrap();
    let dataset = dir.path().join("story.toml");
    let before = "# The story\n[dataset]\ntitle = \"T\" # short\ndescription = \"D\"\n\n\
                  # The first source\n[[source]]\nid = \"en-study\" # keep this id\ntitle = \"Study\"\nlanguage = \"en\"\ntext = \"x\"\n\n\
                  # Events follow\n[[event]]\nid = \"e\"\n";
    fs::write(&dataset, before).unwrap();
    fs::create_dir(dir.path().join("articles")).unwrap();
    fs::write(dir.path().join("articles/en-study-2.txt"), "someone else's").unwrap();
    let md = dir.path().join("study.md");
    fs::write(&md, "# Study\n\nThe study found what it found.\n").unwrap();
    let out = annals(dir.path(), &["add-source", "study.md", "--into", "story.toml", "--lang", "en"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = format!("{}{}", stdout(&out), stderr(&out));
    assert!(said.contains("its text (2 paragraphs)"), "a text file's paragraphs are counted: {said}");
    let after = fs::read_to_string(&dataset).unwrap();
    let ids: Vec<String> = sources(&dataset).iter().map(|s| s["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, ["en-study", "en-study-3"], "neither a taken id nor a taken file name");
    for kept in ["# The story", "# short", "# The first source", "# keep this id", "# Events follow"] {
        assert!(after.contains(kept), "{kept} lost:\n{after}");
    }
    let (new, events) = (after.find("id = \"en-study-3\"").unwrap(), after.find("# Events follow").unwrap());
    assert!(new < events, "the record follows the last source:\n{after}");
    let removed: String = after.replace(&after[after.find("\n[[source]]\nid = \"en-study-3\"").unwrap()..events], "\n");
    assert_eq!(removed, before, "nothing else changed");
    assert_eq!(fs::read_to_string(dir.path().join("articles/en-study-2.txt")).unwrap(), "someone else's");
    assert_eq!(
        fs::read_to_string(dir.path().join("articles/en-study-3.txt")).unwrap(),
        "# Study\n\nThe study found what it found.\n"
    );
    let taken =
        annals(dir.path(), &["add-source", "study.md", "--into", "story.toml", "--id", "en-study", "--lang", "en"]);
    assert_eq!(taken.status.code(), Some(1), "an id asked for must be free");
    assert!(stderr(&taken).contains("--id \"en-study\""), "{}", stderr(&taken));
}

#[test]
fn a_dataset_that_is_a_link_or_broken_is_left_alone() {
    let (_dir, story) = story();
    std::os::unix::fs::symlink("story.toml", story.join("link.toml")).unwrap();
    let out = annals(&story, &["add-source", &page("french.html"), "--into", "link.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
    fs::write(story.join("broken.toml"), "[dataset]\ntitle = \"x\"\ntitle = \"y\"\n").unwrap();
    let out = annals(&story, &["add-source", &page("french.html"), "--into", "broken.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("broken.toml:3:1: not valid TOML"), "{}", stderr(&out));
    assert!(tree(&story.join("articles")).is_empty(), "no text file without its record");
    let unknown = annals(&story, &["add-source", "story.toml"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(stderr(&unknown).contains("expected a saved page .html"), "{}", stderr(&unknown));
}

#[test]
fn flags_without_a_subcommand_still_work() {
    let out = annals(Path::new(ROOT), &["--check", "data/alibaba-cloud.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let help = stdout(&annals(Path::new(ROOT), &["--help"]));
    for command in ["new", "add-source", "import", "Commands:"] {
        assert!(help.contains(command), "--help lacks {command}");
    }
    // After an option, a word is a dataset path, not a command.
    let out = annals(Path::new(ROOT), &["--check", "new"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("new"), "{}", stderr(&out));
}

#[test]
fn a_page_nested_too_deep_is_refused_before_it_is_parsed() {
    let dir = tempfile::tempdir().unwrap();
    let depth = 100_000;
    // The HTML parser takes time with the square of the depth: this one is refused at once.
    let mut html = String::from("<html lang=\"en\"><head><title>Deep</title></head><body>");
    html.push_str(&"<div>".repeat(depth));
    html.push_str(&"<p>A paragraph long enough to read as an article, repeated a few times over. </p>".repeat(12));
    html.push_str(&"</div>".repeat(depth));
    html.push_str("</body></html>");
    fs::write(dir.path().join("deep.html"), html).unwrap();
    let out = annals(dir.path(), &["add-source", "deep.html"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("deep.html: the page nests its elements 100002 levels deep"), "{}", stderr(&out));
}

#[test]
fn a_page_not_in_utf8_is_refused_at_its_first_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    let mut page = b"<html lang=\"fr\"><head><meta charset=\"iso-8859-1\"></head>\n<body><p>Caf".to_vec();
    page.extend_from_slice(&[0xE9]);
    page.extend_from_slice(b"</p></body></html>\n");
    fs::write(dir.path().join("latin1.html"), page).unwrap();
    let out = annals(dir.path(), &["add-source", "latin1.html"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("latin1.html:2:13: not UTF-8 (convert it first;"), "{}", stderr(&out));
    assert!(stderr(&out).contains("`iconv -f WINDOWS-1252 -t UTF-8 latin1.html"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn a_wide_page_is_named_utf16_and_binary_data_is_not_taken_for_a_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut page = vec![0xFF, 0xFE];
    for unit in "<html lang=\"en\"><body><p>Hello</p></body></html>".encode_utf16() {
        page.extend_from_slice(&unit.to_le_bytes());
    }
    fs::write(dir.path().join("wide.html"), page).unwrap();
    let out = annals(dir.path(), &["add-source", "wide.html"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("wide.html:1:1: the file is UTF-16, little-endian text"), "{}", stderr(&out));
    assert!(stderr(&out).contains("iconv -f UTF-16 -t UTF-8"), "{}", stderr(&out));
    fs::write(dir.path().join("blob.html"), [0x89, b'P', b'N', b'G', 0, 0, 0, 0x0D, 0xFF, 0x00]).unwrap();
    let out = annals(dir.path(), &["add-source", "blob.html"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("blob.html:1:1: not text: it holds NUL bytes"), "{}", stderr(&out));
}

#[test]
fn adding_the_same_page_again_adds_it_with_a_note_naming_the_source_it_repeats() {
    let (_dir, story) = story();
    let first = annals(&story, &["add-source", &page("french.html"), "--into", "story.toml"]);
    assert!(first.status.success() && !stderr(&first).contains("already has this page"), "{}", stderr(&first));
    let id = sources(&story.join("story.toml"))[0]["id"].as_str().unwrap().to_string();
    let again = annals(&story, &["add-source", &page("french.html"), "--into", "story.toml"]);
    assert!(again.status.success(), "{}", stderr(&again));
    let note = format!("note: the dataset already has this page as source \"{id}\" (the same URL)");
    assert!(stderr(&again).contains(&note), "{}", stderr(&again));
    assert_eq!(sources(&story.join("story.toml")).len(), 2, "added all the same, as asked");
}

#[test]
fn an_id_taken_in_an_included_file_is_not_given_again_and_an_empty_title_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let story = "[dataset]\ntitle = \"x\"\ndescription = \"d\"\ninclude = [\"more/*.toml\"]\n";
    fs::write(dir.path().join("story.toml"), story).unwrap();
    fs::create_dir(dir.path().join("more")).unwrap();
    let more = "[[source]]\nid = \"en-x\"\ntitle = \"Taken\"\nlanguage = \"en\"\ndate_note = \"none\"\ntext = \"t\"\n";
    fs::write(dir.path().join("more/sources.toml"), more).unwrap();
    fs::write(dir.path().join("a.txt"), "Some text of the article.\n").unwrap();
    let add = |extra: &[&str]| {
        let mut args = vec!["add-source", "a.txt", "--into", "story.toml", "--lang", "en"];
        args.extend_from_slice(extra);
        annals(dir.path(), &args)
    };
    let out = add(&["--title", "X", "--id", "en-x"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("--id \"en-x\": a source or an article file of that id already exists"));
    let out = add(&["--title", "X"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("added source \"en-x-2\""), "{}", stdout(&out));
    let check = annals(dir.path(), &["--check", "story.toml"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let before = fs::read(dir.path().join("story.toml")).unwrap();
    let out = add(&["--title", " "]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--title: empty"), "{}", stderr(&out));
    assert_eq!(fs::read(dir.path().join("story.toml")).unwrap(), before, "nothing added");
}

#[test]
fn a_record_printed_on_its_own_escapes_bidi_controls_and_reads_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("art.txt"), "Hello \u{202E} reversed \u{1b}[31m red\n").unwrap();
    let out = annals(dir.path(), &["add-source", "art.txt", "--lang", "en", "--title", "T\u{202E}itle \u{2066}x"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let printed = stdout(&out);
    assert!(
        !printed.contains('\u{202E}') && !printed.contains('\u{2066}') && !printed.contains('\u{1b}'),
        "{printed:?}"
    );
    assert!(printed.contains("title = \"T\\u202Eitle \\u2066x\""), "{printed}");
    let parsed: toml::Table = toml::from_str(&printed).expect("TOML");
    let source = &parsed["source"][0];
    assert_eq!(source["title"].as_str(), Some("T\u{202E}itle \u{2066}x"));
    assert_eq!(source["text"].as_str(), Some("Hello \u{202E} reversed \u{1b}[31m red\n"));
}
