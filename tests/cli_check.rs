//! `annals --check` as a user runs it: the real binary, its exit code, stdout and stderr.
//! Exit codes: 0 valid, 1 invalid data, 2 usage error.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_annals");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Runs annals with `args` from `dir`, with no terminal and no colours.
fn annals_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"))
}

fn annals(args: &[&str]) -> Output {
    annals_in(Path::new(ROOT), args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap_or_else(|e| panic!("output is not UTF-8: {e}"))
}

fn code(output: &Output) -> Option<i32> {
    output.status.code()
}

/// `N events, N sources, N themes, N eras, N facts`, each count a number (singular for 1).
fn is_summary(counts: &str) -> bool {
    let parts: Vec<&str> = counts.split(", ").collect();
    let kinds = ["event", "source", "theme", "era", "fact"];
    parts.len() == kinds.len()
        && parts.iter().zip(kinds).all(|(part, kind)| {
            let Some((n, word)) = part.split_once(' ') else { return false };
            let plural = format!("{kind}s");
            n.parse::<usize>().is_ok_and(|n| if n == 1 { word == kind } else { word == plural })
        })
}

fn expect_ok_summary(output: &Output, name: &str) {
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert_eq!(code(output), Some(0), "exit code\nstdout: {stdout}\nstderr: {stderr}");
    assert_eq!(stderr, "", "nothing on stderr when the data is valid");
    let line = stdout.strip_suffix('\n').unwrap_or_else(|| panic!("stdout is not one line: {stdout:?}"));
    assert!(!line.contains('\n'), "stdout is not one line: {stdout:?}");
    let counts =
        line.strip_prefix(&format!("{name}: ok: ")).unwrap_or_else(|| panic!("expected `{name}: ok: …`, got {line:?}"));
    assert!(is_summary(counts), "not a summary of counts: {counts:?}");
    let bundled = annals::load::bundled().unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(counts, bundled.summary_line());
}

#[test]
fn check_of_the_bundled_file_exits_0_with_a_summary() {
    let output = annals(&["--check", "data/alibaba-cloud.toml"]);
    expect_ok_summary(&output, "data/alibaba-cloud.toml");
    assert!(text(&output.stdout).contains(" events, 5 sources, "), "{}", text(&output.stdout));
}

#[test]
fn check_without_a_path_checks_the_embedded_dataset() {
    // Run from a directory without data/: the embedded copy is checked, not a file.
    let elsewhere = std::env::temp_dir();
    assert!(!elsewhere.join("data/alibaba-cloud.toml").exists());
    let output = annals_in(&elsewhere, &["--check"]);
    expect_ok_summary(&output, "data/alibaba-cloud.toml");
}

#[test]
fn check_of_a_valid_fixture_exits_0() {
    let output = annals(&["--check", "tests/fixtures/valid/minimal.toml"]);
    assert_eq!(code(&output), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        "tests/fixtures/valid/minimal.toml: ok: 0 events, 0 sources, 0 themes, 0 eras, 0 facts\n"
    );
}

#[test]
fn check_of_invalid_data_exits_1_with_positioned_diagnostics_on_stderr() {
    let name = "tests/fixtures/invalid/several-problems.toml";
    let fixture = std::fs::read_to_string(Path::new(ROOT).join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let expected: Vec<String> = fixture
        .lines()
        .filter_map(|line| line.strip_prefix("# expect: "))
        .map(|diagnostic| format!("{name}:{diagnostic}"))
        .collect();
    assert!(expected.len() > 1, "{name} should state several problems");

    let output = annals(&["--check", name]);
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert_eq!(code(&output), Some(1), "exit code\nstderr: {stderr}");
    assert_eq!(stdout, "", "nothing on stdout when the data is invalid");
    let lines: Vec<&str> = stderr.lines().collect();
    let (last, diagnostics) = lines.split_last().unwrap_or_else(|| panic!("no output on stderr"));
    for line in diagnostics {
        let rest = line.strip_prefix(&format!("{name}:")).unwrap_or_else(|| panic!("not `file:…`: {line:?}"));
        let mut parts = rest.splitn(3, ':');
        let positioned = parts.next().is_some_and(|l| l.parse::<usize>().is_ok())
            && parts.next().is_some_and(|c| c.parse::<usize>().is_ok())
            && parts.next().is_some_and(|m| m.starts_with(' '));
        assert!(positioned, "not `file:line:col: message`: {line:?}");
    }
    assert_eq!(diagnostics, expected.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(*last, format!("{name}: {} problems found", expected.len()));
}

#[test]
fn check_of_a_missing_file_exits_1() {
    let output = annals(&["--check", "tests/fixtures/no-such-file.toml"]);
    assert_eq!(code(&output), Some(1));
    assert_eq!(text(&output.stdout), "");
    assert_eq!(
        text(&output.stderr),
        "tests/fixtures/no-such-file.toml: cannot open: no such file (expected a path to a TOML dataset file)\n\
         tests/fixtures/no-such-file.toml: 1 problem found\n"
    );
}

#[test]
fn an_unknown_flag_is_a_usage_error() {
    let output = annals(&["--chek", "data/alibaba-cloud.toml"]);
    let stderr = text(&output.stderr);
    assert_eq!(code(&output), Some(2), "stderr: {stderr}");
    assert_eq!(text(&output.stdout), "");
    assert!(stderr.contains("--chek"), "the error names the flag: {stderr}");
}

#[test]
fn strict_check_of_the_bundled_file_passes_with_no_warning() {
    let output = annals(&["--check", "--strict", "data/alibaba-cloud.toml"]);
    expect_ok_summary(&output, "data/alibaba-cloud.toml");
}

#[test]
fn warnings_are_listed_and_fail_only_a_strict_check() {
    let name = "tests/fixtures/valid/dates.toml";
    let lenient = annals(&["--check", name]);
    let warnings = text(&lenient.stderr);
    assert_eq!(code(&lenient), Some(0), "{warnings}");
    assert!(text(&lenient.stdout).starts_with(&format!("{name}: ok: ")));
    assert!(
        warnings.contains(&format!(
            "warning: {name}:66:1: event \"approximate-year\": date \"~2015\" is approximate but there is no \
             date_note (expected one that says where the date comes from)\n"
        )),
        "{warnings}"
    );
    assert!(warnings.lines().all(|l| l.starts_with(&format!("warning: {name}:"))), "{warnings}");

    let strict = annals(&["--check", "--strict", name]);
    let stderr = text(&strict.stderr);
    assert_eq!(code(&strict), Some(1), "{stderr}");
    assert_eq!(text(&strict.stdout), "", "no summary when the strict check fails");
    let n = warnings.lines().count();
    assert!(stderr.starts_with(&warnings), "{stderr}");
    assert!(stderr.ends_with(&format!("{name}: {n} warnings found (--strict)\n")), "{stderr}");

    let alone = annals(&["--strict", name]);
    assert_eq!(code(&alone), Some(2), "--strict goes with --check: {}", text(&alone.stderr));
}

/// Runs `command` and waits at most `limit` for it, killing it past that: a run that would
/// block for good fails the test instead of hanging it.
fn bounded_output(mut command: Command, limit: std::time::Duration, input: Option<&[u8]>) -> Output {
    use std::io::Write;
    let mut child = command
        .stdin(if input.is_some() { std::process::Stdio::piped() } else { std::process::Stdio::null() })
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"));
    if let Some(input) = input {
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(input).expect("write stdin");
    }
    let started = std::time::Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("still running after {limit:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap_or_else(|e| panic!("mkfifo: {e}"));
    assert!(status.success(), "mkfifo {} failed", path.display());
}

fn fresh_dir(label: &str) -> std::path::PathBuf {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let dir = std::env::temp_dir().join(format!("annals-cli-{label}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

const MINIMAL: &str = "tests/fixtures/valid/minimal.toml";
const MINIMAL_SUMMARY: &str = "ok: 0 events, 0 sources, 0 themes, 0 eras, 0 facts\n";

/// Pipes stay readable: `/dev/stdin` fed by a pipe, and a process substitution.
#[test]
fn check_reads_a_pipe() {
    let data = std::fs::read(Path::new(ROOT).join(MINIMAL)).expect("fixture");
    let mut command = Command::new(BIN);
    command.args(["--check", "/dev/stdin"]).current_dir(ROOT);
    let output = bounded_output(command, std::time::Duration::from_secs(60), Some(&data));
    assert_eq!(code(&output), Some(0), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout), format!("/dev/stdin: {MINIMAL_SUMMARY}"));

    let mut command = Command::new("bash");
    command.args(["-c", &format!("\"{BIN}\" --check <(cat {MINIMAL})")]).current_dir(ROOT);
    let output = bounded_output(command, std::time::Duration::from_secs(60), None);
    assert_eq!(code(&output), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stdout).ends_with(MINIMAL_SUMMARY), "{}", text(&output.stdout));
}

/// A named pipe with no writer, as the dataset or as the config, does not block `--check`
/// silently: after a bounded wait it says that nothing writes to it.
#[test]
fn check_gives_up_a_named_pipe_that_nothing_writes_to() {
    let dir = fresh_dir("fifo");
    let fifo = dir.join("pipe.toml");
    mkfifo(&fifo);
    let name = fifo.display().to_string();
    let limit = std::time::Duration::from_secs(60);
    let mut command = Command::new(BIN);
    command.args(["--check", &name]).current_dir(ROOT);
    let output = bounded_output(command, limit, None);
    assert_eq!(code(&output), Some(1));
    assert_eq!(
        text(&output.stderr),
        format!(
            "{name}: cannot read: it is a named pipe (FIFO) and no program opened it for writing within 5 s \
             (expected a file, or a pipe that a program writes to)\n{name}: 1 problem found\n"
        )
    );

    let mut command = Command::new(BIN);
    command.args(["--config", &name, "--check", MINIMAL]).current_dir(ROOT);
    let output = bounded_output(command, limit, None);
    assert_eq!(code(&output), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stderr),
        format!(
            "warning: {name}: cannot read the config file: it is a named pipe (FIFO) and no program opened it for \
             writing within 5 s (expected a file, or a pipe that a program writes to) (defaults used)\n"
        )
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `/dev/urandom` never ends: `--check` stops at its first byte that is not UTF-8.
#[test]
fn check_of_an_endless_device_of_random_bytes_ends() {
    let mut command = Command::new(BIN);
    command.args(["--check", "/dev/urandom"]).current_dir(ROOT);
    let output = bounded_output(command, std::time::Duration::from_secs(60), None);
    assert_eq!(code(&output), Some(1), "{}", text(&output.stderr));
    assert!(text(&output.stderr).starts_with("/dev/urandom:"), "{}", text(&output.stderr));
    assert!(text(&output.stderr).ends_with("/dev/urandom: 1 problem found\n"), "{}", text(&output.stderr));
}

#[test]
fn a_source_warning_is_placed_at_its_id_line() {
    // The loader keeps no text: --check reads the file again to place this warning.
    let dir = fresh_dir("placed");
    let file = dir.join("story.toml");
    let story = "[dataset]\ntitle = \"T\"\ndescription = \"D\"\n\n[[theme]]\nid = \"t\"\nlabel = \"T\"\n\
                 description = \"T\"\n\n[[source]]\nid = \"undated\"\ntitle = \"S\"\nlanguage = \"en\"\n\
                 text = \"It happened.\"\n";
    std::fs::write(&file, story).unwrap();
    let output = annals_in(&dir, &["--check", "story.toml"]);
    assert_eq!(code(&output), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stderr),
        "warning: story.toml:11:1: source \"undated\": has no date but there is no date_note (expected one that \
         says what the text prints)\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
