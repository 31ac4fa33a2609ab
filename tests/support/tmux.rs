//! A tmux server of its own for one end-to-end test: start a command in a pane of a given
//! size, type keys, read the screen and the pane's state. Skipped with a message when tmux is
//! missing, except under CI (`CI` set), where it must run.
#![allow(dead_code)]

use std::process::Command;
use std::time::{Duration, Instant};

pub struct Tmux {
    pub socket: String,
}

impl Tmux {
    pub fn start(name: &str, width: u16, height: u16, command: &str) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            assert!(std::env::var_os("CI").is_none(), "tmux is required under CI (.ci/run installs it)");
            eprintln!("SKIPPED: tmux is not installed");
            return None;
        }
        let tmux = Tmux { socket: format!("annals-e2e-{name}-{}", std::process::id()) };
        let status = Command::new("tmux")
            .args(["-L", &tmux.socket, "-f", "/dev/null", "new-session", "-d", "-x"])
            .arg(width.to_string())
            .arg("-y")
            .arg(height.to_string())
            .arg(command)
            .status()
            .expect("run tmux");
        assert!(status.success(), "tmux new-session failed");
        Some(tmux)
    }

    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            let status = Command::new("tmux").args(["-L", &self.socket, "send-keys", key]).status().expect("send-keys");
            assert!(status.success());
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    /// Types `text` as one write to the terminal, as a paste or a fast typist gives it (no
    /// key names: each character as it is, `\r` for Enter).
    pub fn paste(&self, text: &str) {
        let status =
            Command::new("tmux").args(["-L", &self.socket, "send-keys", "-l", text]).status().expect("send-keys");
        assert!(status.success());
        std::thread::sleep(Duration::from_millis(40));
    }

    /// Pastes `text` as tmux pastes a buffer (`load-buffer`, `paste-buffer`): all of it
    /// written to the pane at once, however long.
    pub fn paste_buffer(&self, text: &str) {
        let file = tempfile::NamedTempFile::new().expect("a temp file");
        std::fs::write(file.path(), text).expect("write the buffer");
        for args in [vec!["load-buffer", file.path().to_str().unwrap()], vec!["paste-buffer"]] {
            let status = Command::new("tmux").args(["-L", &self.socket]).args(args).status().expect("tmux");
            assert!(status.success());
        }
        std::thread::sleep(Duration::from_millis(40));
    }

    pub fn screen(&self) -> String {
        let out = Command::new("tmux").args(["-L", &self.socket, "capture-pane", "-p"]).output().expect("capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits up to 15 s for `text` to be on screen; returns the screen. tmux may show a frame
    /// before all of it has arrived, so once the text shows, the screen is read again until it
    /// is the same twice in a row (at most half a second; a screen that moves on past the text
    /// returns the last one that had it).
    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return self.settled(screen, text);
            }
            assert!(start.elapsed() < Duration::from_secs(15), "never saw {text:?}; screen:\n{screen}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn settled(&self, mut seen: String, text: &str) -> String {
        for _ in 0..5 {
            std::thread::sleep(Duration::from_millis(100));
            let again = self.screen();
            if again == seen || !again.contains(text) {
                break;
            }
            seen = again;
        }
        seen
    }

    pub fn session_alive(&self) -> bool {
        Command::new("tmux").args(["-L", &self.socket, "has-session"]).output().is_ok_and(|o| o.status.success())
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["-L", &self.socket, "kill-server"]).output();
    }
}

impl Tmux {
    /// A pane variable (`#{alternate_on}`, `#{cursor_flag}`…), as tmux displays it.
    pub fn display(&self, format: &str) -> String {
        let out = Command::new("tmux").args(["-L", &self.socket, "display", "-p", format]).output().expect("display");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Waits up to 5 s for a pane variable to read `value`.
    pub fn wait_display(&self, format: &str, value: &str) {
        let start = Instant::now();
        while self.display(format) != value {
            assert!(start.elapsed() < Duration::from_secs(5), "{format} never became {value}:\n{}", self.screen());
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}
