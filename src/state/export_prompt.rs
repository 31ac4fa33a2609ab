//! The box `E` opens: the name of the file to export what the screen shows to, and its format
//! (Tab cycles the formats, and the name's extension follows). Pure editing; the file is
//! written by the runtime, under the same rules as `--export … -o` (never over a file).

use crate::export::Format;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportPrompt {
    /// The path typed, relative to the directory annals was started in.
    pub path: String,
    pub format: Format,
    /// The file exists and the user was told: Enter again replaces it (as `--force` would).
    pub replace: bool,
    /// The file is being written (on a thread of its own): Enter waits for it.
    pub exporting: bool,
    /// The dataset's file name without its extension, which the names offered start with.
    stem: String,
}

impl ExportPrompt {
    /// Markdown to `<stem>-export.md`: `stem` is the dataset's file name without its
    /// extension.
    pub fn new(stem: &str) -> ExportPrompt {
        let format = Format::Markdown;
        let stem = if stem.is_empty() { "annals".to_string() } else { stem.to_string() };
        ExportPrompt { path: format.file_name(&stem), format, replace: false, exporting: false, stem }
    }

    /// Types `c` at the end of the name; controls, bidi and invisible characters never get in.
    pub fn type_char(&mut self, c: char) {
        if !c.is_control() && !crate::text::sanitize::is_unsafe(c) {
            self.path.push(c);
            self.replace = false;
        }
    }

    pub fn backspace(&mut self) {
        self.path.pop();
        self.replace = false;
    }

    /// Ctrl-U: the whole name erased.
    pub fn clear(&mut self) {
        self.path.clear();
        self.replace = false;
    }

    /// Ctrl-W: the last word erased, with the spaces after it (as in the search line).
    pub fn erase_word(&mut self) {
        crate::text::erase_last_word(&mut self.path);
        self.replace = false;
    }

    /// The next format (the previous one with `back`), and the name with it: the name offered
    /// for that format if the name was the one offered for the old format, else the name's
    /// extension when it had the old format's.
    pub fn cycle(&mut self, back: bool) {
        let all = Format::ALL;
        let at = all.iter().position(|&f| f == self.format).unwrap_or(0);
        let next = if back { (at + all.len() - 1) % all.len() } else { (at + 1) % all.len() };
        let (offered, old) = (self.format.file_name(&self.stem), format!(".{}", self.format.extension()));
        self.format = all[next];
        self.replace = false;
        if self.path == offered {
            self.path = self.format.file_name(&self.stem);
        } else if let Some(stem) = self.path.strip_suffix(&old) {
            self.path = format!("{stem}.{}", self.format.extension());
        }
    }

    /// The path to write, or why there is none.
    pub fn target(&self) -> Result<&str, String> {
        let path = self.path.trim();
        if path.is_empty() { Err("type a file name to export to".into()) } else { Ok(path) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_changes_the_format_and_the_extension_that_goes_with_it() {
        let mut prompt = ExportPrompt::new("story");
        assert_eq!((prompt.path.as_str(), prompt.format), ("story-export.md", Format::Markdown));
        prompt.cycle(false);
        assert_eq!((prompt.path.as_str(), prompt.format), ("story-export.json", Format::Json));
        prompt.cycle(true);
        prompt.cycle(true);
        assert_eq!((prompt.path.as_str(), prompt.format), ("story-sources.bib", Format::Bibtex));
        // Formats that share an extension are offered names of their own.
        let names: Vec<String> = Format::ALL
            .iter()
            .map(|_| {
                prompt.cycle(false);
                prompt.path.clone()
            })
            .collect();
        let expected = [
            "story-export.md",
            "story-export.json",
            "story-export.csv",
            "story-export.html",
            "story-timelinejs.json",
            "story-sources.json",
            "story-sources.bib",
        ];
        assert_eq!(names, expected);
        // A name the user typed with the format's extension keeps its stem.
        prompt.path = "notes.bib".into();
        prompt.cycle(false);
        assert_eq!(prompt.path, "notes.md");
        // A name the user typed without the format's extension keeps its own.
        prompt.path = "notes.txt".into();
        prompt.cycle(false);
        assert_eq!((prompt.path.as_str(), prompt.format), ("notes.txt", Format::Json));
    }

    #[test]
    fn typing_edits_the_name_and_an_empty_name_is_refused() {
        let mut prompt = ExportPrompt::new("");
        assert_eq!(prompt.path, "annals-export.md");
        while !prompt.path.is_empty() {
            prompt.backspace();
        }
        assert!(prompt.target().is_err());
        for c in "été.md\u{7}".chars() {
            prompt.type_char(c);
        }
        assert_eq!(prompt.target(), Ok("été.md"), "no control character gets in");
        prompt.type_char('\u{202E}');
        assert_eq!(prompt.path, "été.md", "nor a bidi override");
        for c in " notes".chars() {
            prompt.type_char(c);
        }
        prompt.erase_word();
        assert_eq!(prompt.path, "été.md ");
        prompt.erase_word();
        assert_eq!(prompt.path, "");
        prompt.type_char('x');
        prompt.clear();
        assert!(prompt.path.is_empty() && prompt.target().is_err());
    }
}
