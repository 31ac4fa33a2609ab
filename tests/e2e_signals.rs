//! End to end: signals and suspending, on the real binary in tmux. Each ends with the
//! terminal as the shell needs it: the main screen, the cursor shown, mouse reporting off.

#[path = "support/tmux.rs"]
mod tmux;

use std::time::{Duration, Instant};

use tmux::Tmux;

/// A file for a pid, unique to this test.
fn pid_file(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("annals-e2e-{name}-{}.pid", std::process::id()))
}

/// Types into the shell of `t` a command that runs annals with `args` as a job of the shell
/// (its pid written to a file first), then reports its exit status; the pid.
fn run_annals(t: &Tmux, name: &str, args: &str) -> String {
    let bin = env!("CARGO_BIN_EXE_annals");
    let file = pid_file(name);
    let _ = std::fs::remove_file(&file);
    t.keys(&["stty sane; clear", "Enter"]);
    t.keys(&[&format!("sh -c 'echo $$ > {}; exec {bin} {args}'; echo EXIT=$?", file.display()), "Enter"]);
    let start = Instant::now();
    loop {
        if let Ok(pid) = std::fs::read_to_string(&file)
            && !pid.trim().is_empty()
        {
            let _ = std::fs::remove_file(&file);
            return pid.trim().to_string();
        }
        assert!(start.elapsed() < Duration::from_secs(5), "annals did not start:\n{}", t.screen());
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A shell in a pane running annals on the bundled dataset, with its process id.
fn started(name: &str) -> Option<(Tmux, String)> {
    let t = Tmux::start(name, 100, 30, "bash --norc --noprofile")?;
    let pid = run_annals(&t, name, "");
    t.wait_for("22 of 22 events");
    t.wait_display("#{alternate_on}", "1");
    Some((t, pid))
}

fn kill(signal: &str, pid: &str) {
    let status = std::process::Command::new("kill").args([&format!("-{signal}"), pid]).status().expect("kill");
    assert!(status.success(), "kill -{signal} {pid}");
}

fn assert_terminal_restored(t: &Tmux) {
    t.wait_display("#{alternate_on}", "0");
    assert_eq!(t.display("#{cursor_flag}"), "1", "the cursor is visible:\n{}", t.screen());
    assert_eq!(t.display("#{mouse_any_flag}"), "0", "mouse reporting is off:\n{}", t.screen());
}

#[test]
fn a_request_to_end_restores_the_terminal_and_ends_as_the_signal_says() {
    for (signal, status) in [("TERM", 143), ("HUP", 129), ("INT", 130)] {
        let Some((t, pid)) = started(&format!("end-{signal}")) else { return };
        kill(signal, &pid);
        assert_terminal_restored(&t);
        // bash drops the rest of a command line whose job died of SIGINT: ask for the status.
        t.keys(&["echo STATUS=$?", "Enter"]);
        let screen = t.wait_for("STATUS=");
        let shown = screen.lines().find_map(|l| l.strip_prefix("STATUS=")).unwrap_or_default().trim().to_string();
        let shown = if shown.is_empty() {
            let screen = t.wait_for("\nSTATUS=");
            screen.lines().find_map(|l| l.strip_prefix("STATUS=")).unwrap_or_default().trim().to_string()
        } else {
            shown
        };
        let status = status.to_string();
        assert!(screen.contains(&format!("EXIT={status}")) || shown == status, "{signal}: {screen}");
    }
}

#[test]
fn a_request_to_end_while_loading_restores_the_terminal() {
    // A FIFO no one writes to: the load waits for ever on its loading screen.
    let dir = std::env::temp_dir().join(format!("annals-e2e-fifo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("story.toml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let Some(t) = Tmux::start("end-loading", 100, 30, "bash --norc --noprofile") else { return };
    let pid = run_annals(&t, "end-loading", &fifo.display().to_string());
    t.wait_for("q or ctrl-c: stop and quit");
    kill("TERM", &pid);
    t.wait_for("EXIT=143");
    assert_terminal_restored(&t);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn suspend_by_signal_and_by_ctrl_z_then_fg_redraws_everything() {
    let Some((t, pid)) = started("suspend") else { return };
    for how in ["signal", "ctrl-z"] {
        match how {
            "signal" => kill("TSTP", &pid),
            _ => t.keys(&["C-z"]),
        }
        t.wait_for("Stopped");
        assert_terminal_restored(&t);
        t.keys(&["clear; echo SHELL-WAS-HERE", "Enter"]);
        t.wait_for("SHELL-WAS-HERE");
        t.keys(&["fg", "Enter"]);
        t.wait_display("#{alternate_on}", "1");
        let screen = t.wait_for("22 of 22 events");
        assert!(!screen.contains("SHELL-WAS-HERE"), "every cell is drawn again after fg:\n{screen}");
        // Raw mode again: a key acts at once, without Enter.
        t.keys(&["j"]);
        t.wait_for("Data centers planned");
        t.keys(&["k"]);
    }
    t.keys(&["q"]);
    assert_terminal_restored(&t);
    // A stopped job's command line is not resumed by fg: ask for the status.
    t.keys(&["echo STATUS=$?", "Enter"]);
    t.wait_for("\nSTATUS=0");
}
