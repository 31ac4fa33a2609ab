//! How the annals binary writes: `--export -o` files (links, special files, races, modes,
//! folders), CSV and Markdown that cannot be turned against their reader, and stdout / stderr
//! that fail (a closed pipe, a full disk) without a panic.
//!
//! Every run is bounded: a process still running after `LIMIT` is killed and the test fails,
//! so a regression that opens a FIFO or waits for input cannot hang the suite.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

#[allow(dead_code, clippy::all)]
#[path = "../examples/synth.rs"]
mod synth;

const BIN: &str = env!("CARGO_BIN_EXE_annals");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const LIMIT: Duration = Duration::from_secs(60);

/// A dataset whose texts start like spreadsheet formulas and hold mentions, amounts and links.
const HOSTILE: &str = r#"
[dataset]
title = "=HYPERLINK(\"http://evil.example\",\"click\")"
description = "Ping @alice about $1B and $2B; see https://example.com/report."

[[theme]]
id = "t"
label = "+theme"
description = "A theme."

[[source]]
id = "src"
title = "@SUM(1+1)*cmd|' /C calc'!A0"
language = "en"
text = "-2+3 is what the source says. Then more."

[[event]]
id = "e1"
date = "2020-05-01"
title = "=1+1"
summary = "Ask @bob: was it $5 or $6? Mail someone@example.com, read www.example.org."
themes = ["t"]

[[event.quote]]
source = "src"
text = "-2+3 is what the source says."
"#;

fn dataset_text() -> String {
    fs::read_to_string(Path::new(ROOT).join("data/alibaba-cloud.toml")).expect("the bundled dataset")
}

/// A fresh folder under the system's temporary folder.
fn folder() -> tempfile::TempDir {
    tempfile::Builder::new().prefix("annals-write-").tempdir().expect("a temporary folder")
}

fn command(args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command.args(args).current_dir(ROOT).env("NO_COLOR", "1").stdin(Stdio::null());
    command
}

/// Waits for a spawned child, collecting its output, at most `LIMIT`; kills it past that.
fn finish(child: Child) -> Output {
    let pid = child.id();
    let (done, wait) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait_with_output());
    });
    match wait.recv_timeout(LIMIT) {
        Ok(output) => output.expect("annals ran"),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("annals did not finish within {LIMIT:?}");
        }
    }
}

fn run(mut command: Command) -> Output {
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    finish(command.spawn().expect("annals starts"))
}

fn annals(args: &[&str]) -> Output {
    run(command(args))
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

fn s(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// annals exporting Markdown to `out` with the dataset read from its stdin, started: the
/// export waits for the dataset until the test writes it.
fn export_from_stdin(out: &Path) -> Child {
    command(&["--export", "md", "-o", s(out), "/dev/stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("annals starts")
}

fn feed(child: &mut Child, text: &str) {
    let mut stdin = child.stdin.take().expect("a piped stdin");
    stdin.write_all(text.as_bytes()).expect("annals reads its dataset");
}

// ---------------------------------------------------------------------------------------
// Files

#[test]
fn a_symlink_planted_at_the_old_temporary_name_redirects_nothing() {
    let dir = folder();
    let (out, victim) = (dir.path().join("out.md"), dir.path().join("victim.txt"));
    fs::write(&victim, "the user's own file\n").unwrap();
    let mut child = export_from_stdin(&out);
    // The name the temporary file used to have: predictable from the process id.
    let planted = dir.path().join(format!(".out.md.annals-{}.tmp", child.id()));
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    feed(&mut child, &dataset_text());
    let output = finish(child);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(fs::read_to_string(&victim).unwrap(), "the user's own file\n", "the victim is untouched");
    let kind = fs::symlink_metadata(&out).unwrap().file_type();
    assert!(kind.is_file(), "out.md is a regular file, not the planted link");
    assert!(fs::read_to_string(&out).unwrap().starts_with("# Alibaba Cloud"));
    assert_eq!(fs::read_link(&planted).unwrap(), victim, "the planted link was neither used nor moved");
}

#[test]
fn a_file_created_during_the_export_is_not_replaced() {
    let dir = folder();
    let out = dir.path().join("out.md");
    let mut child = export_from_stdin(&out);
    // The target is checked and the temporary file created before the dataset is read.
    let mut waited = 0;
    while leftovers(dir.path()).is_empty() {
        assert!(waited < 6000, "no temporary file appeared before the dataset was read");
        std::thread::sleep(Duration::from_millis(10));
        waited += 1;
    }
    fs::write(&out, "written meanwhile\n").unwrap();
    feed(&mut child, &dataset_text());
    let output = finish(child);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("appeared"), "{}", stderr(&output));
    assert_eq!(fs::read_to_string(&out).unwrap(), "written meanwhile\n");
    assert!(leftovers(dir.path()).is_empty(), "{:?}", leftovers(dir.path()));
}

#[test]
fn force_refuses_a_fifo_and_says_so() {
    let dir = folder();
    let fifo = dir.path().join("pipe.md");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success());
    for force in [false, true] {
        let mut args = vec!["--export", "md", "-o", s(&fifo)];
        if force {
            args.push("--force");
        }
        let output = annals(&args);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        let message = stderr(&output);
        assert!(message.contains("is a FIFO"), "{message}");
        assert!(!message.contains("add --force"), "{message}");
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "still a FIFO");
        assert!(leftovers(dir.path()).is_empty());
    }
}

#[test]
fn a_character_device_is_named_as_one() {
    // Without --force only: a test must never risk replacing a device node.
    let output = annals(&["--export", "md", "-o", "/dev/null"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("/dev/null: is a character device"), "{message}");
    assert!(!message.contains("add --force"), "{message}");
    assert!(fs::symlink_metadata("/dev/null").unwrap().file_type().is_char_device());
}

#[test]
fn force_refuses_a_symlink_and_names_its_target() {
    let dir = folder();
    let (real, link) = (dir.path().join("real.md"), dir.path().join("link.md"));
    fs::write(&real, "mine\n").unwrap();
    std::os::unix::fs::symlink("real.md", &link).unwrap();
    let output = annals(&["--export", "md", "-o", s(&link), "--force"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let real_path = fs::canonicalize(&real).unwrap();
    let message = stderr(&output);
    assert!(message.contains("symbolic link") && message.contains(s(&real_path)), "{message}");
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link is still a link");
    assert_eq!(fs::read_to_string(&real).unwrap(), "mine\n");
    // Naming the file itself works.
    let output = annals(&["--export", "md", "-o", s(&real_path), "--force"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(fs::read_to_string(&real).unwrap().starts_with("# Alibaba Cloud"));
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
}

#[test]
fn force_keeps_the_mode_of_the_file_it_replaces() {
    let dir = folder();
    let out = dir.path().join("private.md");
    fs::write(&out, "old\n").unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o600)).unwrap();
    let output = annals(&["--export", "md", "-o", s(&out), "--force"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(fs::read_to_string(&out).unwrap().starts_with("# Alibaba Cloud"));
    assert_eq!(mode(&out), 0o600);
}

#[test]
fn a_new_file_gets_the_mode_the_umask_gives() {
    let dir = folder();
    let out = dir.path().join("new.md");
    let mut shell = Command::new("sh");
    shell.args(["-c", "umask 027 && exec \"$0\" \"$@\"", BIN, "--export", "md", "-o", s(&out)]);
    shell.current_dir(ROOT).stdin(Stdio::null());
    let output = run(shell);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(mode(&out), 0o640, "0666 less the umask, not the temporary file's 0600");
}

#[test]
fn a_folder_is_named_as_one_with_or_without_force() {
    let dir = folder();
    for force in [false, true] {
        let mut args = vec!["--export", "md", "-o", s(dir.path())];
        if force {
            args.push("--force");
        }
        let output = annals(&args);
        assert_eq!(output.status.code(), Some(1));
        let message = stderr(&output);
        assert!(message.contains(": is a directory"), "{message}");
        assert!(!message.contains("exists") && !message.contains("add --force"), "{message}");
    }
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn a_refused_or_failed_export_leaves_no_file_behind() {
    let dir = folder();
    let out = dir.path().join("out.md");
    let invalid = Path::new(ROOT).join("tests/fixtures/invalid/bad-id.toml");
    let output = annals(&["--export", "md", "-o", s(&out), s(&invalid)]);
    assert_eq!(output.status.code(), Some(1), "invalid data: {}", stderr(&output));
    let output = annals(&["--export", "md", "--theme", "nope", "-o", s(&out)]);
    assert_eq!(output.status.code(), Some(2), "a usage error: {}", stderr(&output));
    assert!(!out.exists());
    assert!(leftovers(dir.path()).is_empty(), "{:?}", leftovers(dir.path()));
}

// ---------------------------------------------------------------------------------------
// CSV and Markdown

fn hostile_file(dir: &Path) -> PathBuf {
    let path = dir.join("hostile.toml");
    fs::write(&path, HOSTILE).unwrap();
    path
}

fn csv_row(text: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let row = reader.records().next().expect("one row").expect("valid CSV");
    row.iter().map(str::to_owned).collect()
}

#[test]
fn csv_formulas_are_neutralised_unless_csv_raw() {
    let dir = folder();
    let data = hostile_file(dir.path());
    let output = annals(&["--export", "csv", s(&data)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let row = csv_row(&stdout(&output));
    assert_eq!(row[7], "'=1+1");
    assert_eq!(row[9], "'-2+3 is what the source says.");
    assert_eq!(row[11], "'@SUM(1+1)*cmd|' /C calc'!A0");
    assert!(row.iter().all(|cell| !cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\n'])), "{row:?}");

    let output = annals(&["--export", "csv", "--csv-raw", s(&data)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let row = csv_row(&stdout(&output));
    assert_eq!((row[7].as_str(), row[11].as_str()), ("=1+1", "@SUM(1+1)*cmd|' /C calc'!A0"));

    let output = annals(&["--export", "md", "--csv-raw", s(&data)]);
    assert_eq!(output.status.code(), Some(2), "--csv-raw is for CSV only");
}

#[test]
fn markdown_escapes_mentions_and_formulas_and_leaves_links() {
    let dir = folder();
    let data = hostile_file(dir.path());
    let output = annals(&["--export", "md", s(&data)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let md = stdout(&output);
    assert!(md.contains("Ping \\@alice about \\$1B and \\$2B; see https://example.com/report.\n"), "{md}");
    assert!(md.contains("Ask \\@bob: was it \\$5 or \\$6? Mail someone@example.com, read www.example.org.\n"), "{md}");
    assert!(md.contains("*\\@SUM(1+1)\\*cmd"), "{md}");
    assert!(!md.contains(" @") && !md.contains("\n@"), "no mention is left: {md}");
}

// ---------------------------------------------------------------------------------------
// stdout and stderr

/// A pipe whose reader is already gone: writing to it fails with EPIPE at once.
fn closed_pipe() -> Stdio {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    writer.into()
}

fn dev_full() -> Stdio {
    fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full").into()
}

/// Runs annals with stdout (or stderr) sent to `sink`.
fn annals_into(args: &[&str], sink: Stdio, on_stderr: bool) -> Output {
    let mut command = command(args);
    if on_stderr {
        command.stdout(Stdio::piped()).stderr(sink);
    } else {
        command.stdout(sink).stderr(Stdio::piped());
    }
    finish(command.spawn().expect("annals starts"))
}

const PRINTERS: [&[&str]; 7] = [
    &["--check", "data/alibaba-cloud.toml"],
    &["--export", "md"],
    &["--export", "json"],
    &["--export", "csv"],
    &["--completions", "bash"],
    &["--man"],
    &["--print-config"],
];

#[test]
fn a_closed_pipe_ends_every_output_quietly() {
    for args in PRINTERS.iter().chain([&["--help"][..]].iter()) {
        let output = annals_into(args, closed_pipe(), false);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {}", stderr(&output));
        assert_eq!(stderr(&output), "", "{args:?}");
    }
}

#[test]
fn a_full_disk_on_stdout_is_reported_with_exit_1() {
    for args in PRINTERS.iter().chain([&["--help"][..]].iter()) {
        let output = annals_into(args, dev_full(), false);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {message}");
        assert!(message.contains("annals: cannot write to stdout: "), "{args:?}: {message}");
        assert!(!message.contains("panicked"), "{args:?}: {message}");
    }
}

#[test]
fn a_full_stderr_does_not_panic() {
    // Invalid data: the problems cannot be shown, the exit code still says invalid.
    let invalid = annals_into(&["--check", "tests/fixtures/invalid/bad-id.toml"], dev_full(), true);
    assert_eq!(invalid.status.code(), Some(1));
    // Valid data with a config warning that cannot be written: a failure, not a panic.
    let dir = folder();
    let config = dir.path().join("config.toml");
    fs::write(&config, "[keys]\nnot_an_action = [\"x\"]\n").unwrap();
    let args = ["--config", s(&config), "--check", "data/alibaba-cloud.toml"];
    let warned = annals(&args);
    assert_eq!(warned.status.code(), Some(0));
    assert!(stderr(&warned).starts_with("warning: "), "{}", stderr(&warned));
    let lost = annals_into(&args, dev_full(), true);
    assert_eq!(lost.status.code(), Some(1));
    assert_eq!(stdout(&lost), stdout(&warned), "the result is still on stdout");
    // Nothing to warn about: nothing lost, success.
    let quiet = annals_into(&["--check", "data/alibaba-cloud.toml"], dev_full(), true);
    assert_eq!(quiet.status.code(), Some(0));
    // A usage error with a full stderr keeps its code.
    let usage = annals_into(&["--export", "md", "--theme", "nope"], dev_full(), true);
    assert_eq!(usage.status.code(), Some(2));
}

/// A signal that ends an export (ctrl-c, a closed terminal, `kill`) removes its temporary
/// file: killed, the process runs no destructor, and it left `.out.json.annals-….tmp` behind,
/// as large as the export so far.
#[test]
fn an_export_ended_by_a_signal_leaves_no_temporary_file() {
    use std::os::unix::process::ExitStatusExt;
    let dir = folder();
    let data = dir.path().join("big.toml");
    let mut text = Vec::new();
    synth::generate(20_000, 1, &mut text).unwrap();
    fs::write(&data, &text).unwrap();
    for (signal, number) in [("TERM", 15), ("INT", 2), ("HUP", 1)] {
        let out = dir.path().join("out.json");
        let mut command = command(&[s(&data), "--export", "json", "-o", s(&out)]);
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        let child = command.spawn().expect("annals starts");
        // The temporary file is made before the dataset is read: the signal comes while it
        // is there.
        let start = std::time::Instant::now();
        while leftovers(dir.path()).is_empty() {
            assert!(start.elapsed() < LIMIT, "no temporary file was made");
            std::thread::sleep(Duration::from_millis(5));
        }
        let status = Command::new("kill").args([&format!("-{signal}"), &child.id().to_string()]).status().unwrap();
        assert!(status.success());
        let output = finish(child);
        assert_eq!(output.status.signal(), Some(number), "ended as SIG{signal} asks: {}", stderr(&output));
        assert_eq!(leftovers(dir.path()), Vec::<String>::new(), "SIG{signal}");
        assert!(!out.exists(), "SIG{signal}: no partial export");
    }
}

#[test]
fn an_export_never_replaces_the_dataset_nor_a_file_it_names_even_with_force() {
    let dir = folder();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sets/valid");
    for sub in ["", "articles", "events", "more"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        for entry in std::fs::read_dir(fixture.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                std::fs::copy(&path, dir.path().join(sub).join(path.file_name().unwrap())).unwrap();
            }
        }
    }
    let story = dir.path().join("story.toml");
    let link = dir.path().join("link.toml");
    std::os::unix::fs::symlink(&story, &link).unwrap();
    let before: Vec<(std::path::PathBuf, Vec<u8>)> = ["story.toml", "more/sources.toml", "articles/fr-2015.txt"]
        .iter()
        .map(|f| (dir.path().join(f), std::fs::read(dir.path().join(f)).unwrap()))
        .collect();
    for (dataset, target) in
        [(&story, "story.toml"), (&link, "story.toml"), (&story, "more/sources.toml"), (&story, "articles/fr-2015.txt")]
    {
        let target = dir.path().join(target);
        let out = annals(&[dataset.to_str().unwrap(), "--export", "md", "-o", target.to_str().unwrap(), "--force"]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(stderr(&out).contains("is a file of the dataset being exported"), "{}", stderr(&out));
    }
    for (path, bytes) in before {
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{} unchanged", path.display());
    }
    let out = annals(&[story.to_str().unwrap(), "--export", "md", "-o", dir.path().join("out.md").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
