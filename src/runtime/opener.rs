//! A source's URL opened with the system's opener (`xdg-open`, `gio`… on Linux, `open` on
//! macOS: the `open` crate tries them in turn), and what the status line says of it: the
//! URL itself in every case, to copy when nothing could open it.

use std::io;

/// Opens `url` without waiting for the browser; the status line's message.
pub fn open(url: &str) -> String {
    said(url, open::that_detached(url))
}

/// What the status line says of opening `url`: done, no opener found, or which opener failed
/// (with its exit code when known).
fn said(url: &str, result: io::Result<()>) -> String {
    let error = match result {
        Ok(()) => return format!("opened {url} with the system's opener"),
        Err(error) => error,
    };
    if error.kind() == io::ErrorKind::NotFound {
        return format!("no program to open URLs was found; the URL: {url}");
    }
    let text = error.to_string();
    match failed_launcher(&text) {
        // xdg-open's code for "a required tool could not be found": no browser is set up.
        Some(("xdg-open", Some(3))) => format!("xdg-open found no program for URLs (exit code 3): {url}"),
        Some((program, Some(code))) => format!("{program} could not open the URL (exit code {code}): {url}"),
        Some((program, None)) => format!("{program} could not open the URL: {url}"),
        None => format!("the system's opener failed ({text}); the URL: {url}"),
    }
}

/// The program and exit code in the `open` crate's error for a launcher that ran and failed:
/// `Launcher "xdg-open" "https://…" failed with ExitStatus(unix_wait_status(768))`.
fn failed_launcher(text: &str) -> Option<(&str, Option<i32>)> {
    let rest = text.strip_prefix("Launcher \"")?;
    let program = &rest[..rest.find('"')?];
    let status = text.rsplit_once(" failed with ")?.1;
    let code = status
        .strip_prefix("ExitStatus(unix_wait_status(")
        .and_then(|s| s.strip_suffix("))"))
        .and_then(|s| s.parse::<i32>().ok())
        // A wait status: the exit code in its second byte, when the program exited.
        .filter(|wait| wait & 0x7f == 0)
        .map(|wait| (wait >> 8) & 0xff)
        .or_else(|| status.strip_prefix("ExitStatus(ExitStatus(").and_then(|s| s.strip_suffix("))")?.parse().ok()));
    Some((program, code))
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://example.org/a";

    #[test]
    fn an_open_url_is_named() {
        assert_eq!(said(URL, Ok(())), "opened https://example.org/a with the system's opener");
    }

    #[test]
    fn no_opener_at_all_says_so_and_gives_the_url() {
        let error = io::Error::new(io::ErrorKind::NotFound, "No such file or directory (os error 2)");
        assert_eq!(said(URL, Err(error)), "no program to open URLs was found; the URL: https://example.org/a");
    }

    #[test]
    fn an_opener_that_failed_is_named_with_its_exit_code_not_the_crates_debug_text() {
        let error =
            io::Error::other(format!("Launcher \"xdg-open\" \"{URL}\" failed with ExitStatus(unix_wait_status(1024))"));
        assert_eq!(said(URL, Err(error)), "xdg-open could not open the URL (exit code 4): https://example.org/a");
        // xdg-open's 3: nothing to open URLs with (a machine without a browser set up).
        let error =
            io::Error::other(format!("Launcher \"xdg-open\" \"{URL}\" failed with ExitStatus(unix_wait_status(768))"));
        assert_eq!(said(URL, Err(error)), "xdg-open found no program for URLs (exit code 3): https://example.org/a");
        // Killed by a signal: no exit code.
        let error = io::Error::other(format!(
            "Launcher \"gio\" \"open\" \"{URL}\" failed with ExitStatus(unix_wait_status(9))"
        ));
        assert_eq!(said(URL, Err(error)), "gio could not open the URL: https://example.org/a");
        // Windows' form of the status.
        let error = io::Error::other(format!(
            "Launcher \"cmd\" \"/c\" \"start\" \"{URL}\" failed with ExitStatus(ExitStatus(1))"
        ));
        assert_eq!(said(URL, Err(error)), "cmd could not open the URL (exit code 1): https://example.org/a");
    }

    #[test]
    fn any_other_error_is_given_as_it_is() {
        let error = io::Error::new(io::ErrorKind::PermissionDenied, "Permission denied (os error 13)");
        assert_eq!(
            said(URL, Err(error)),
            "the system's opener failed (Permission denied (os error 13)); the URL: https://example.org/a"
        );
    }
}
