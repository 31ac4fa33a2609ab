//! `include = ["events/*.toml"]` in `[dataset]`: records kept in several TOML files.
//!
//! Order: the patterns in the order written; the files one pattern matches sorted by path
//! (byte order); a file that several patterns match is read once, where it first comes. The
//! main file's records come first, then each included file's. An included file holds records
//! (`[[theme]]`, `[[era]]`, `[[source]]`, `[[event]]`, `[[fact]]`), never `[dataset]`, so it
//! includes nothing further; a pattern that matches the main file itself is an include cycle.
//! `*` and `?` may stand in a pattern's file name, not in its folders.
//!
//! Every file is parsed on its own and read as if it followed the previous one in one long
//! text: a problem's offset tells its file, and [`Files::finish`] turns it into that file's
//! line and column.

use std::path::{Path, PathBuf};

use toml::Spanned;

use super::diagnostic::{self, Diagnostic, Diagnostics, Found};
use super::paths::{Kind, Options, first_bad_byte, locate, read_limited, real_folder, shown};
use super::records::{ChunkRead, read_chunk};
use super::split::Chunk;

/// The TOML files of one load after the main one, each at its place in the one long text.
#[derive(Default)]
pub(crate) struct Files {
    included: Vec<Included>,
    /// Problems found while finding and reading the files.
    pub found: Vec<Found>,
    /// Problems that have their own place (a byte that is not UTF-8 in an included file).
    pub direct: Vec<Diagnostic>,
    /// Warnings (a pattern that matches nothing), at their offset in the main file.
    warnings: Vec<(usize, String)>,
    /// Every file read besides the main one, in order, as shown in messages.
    pub paths: Vec<PathBuf>,
}

struct Included {
    name: String,
    base: usize,
    text: String,
}

impl Files {
    /// The included files' records, in order, each read at its place after the main text of
    /// `main_len` bytes. `main_real` is the main file, every link followed.
    pub fn read(
        patterns: &[Spanned<String>],
        dir: &Path,
        main_real: Option<&Path>,
        main_len: usize,
        options: &Options,
    ) -> (Files, Vec<ChunkRead>) {
        let mut files = Files::default();
        let mut reads = Vec::new();
        let real_dir = real_folder(dir);
        let mut seen: Vec<PathBuf> = Vec::new();
        let mut next = main_len + 1;
        let mut total = main_len as u64;
        'patterns: for pattern in patterns {
            let at = pattern.span().start;
            let written = pattern.get_ref();
            let problem = |message: String| Found { offset: at, rank: 0, message };
            let matched = match matches(dir, &real_dir, written, options) {
                Ok(matched) => matched,
                Err(why) => {
                    files.found.push(problem(format!("[dataset]: include \"{}\" {why}", super::clip(written))));
                    continue;
                }
            };
            if matched.is_empty() {
                let message = format!(
                    "[dataset]: include \"{}\" matches no file (expected at least one .toml file there)",
                    super::clip(written)
                );
                files.warnings.push((at, message));
                continue;
            }
            for name in matched {
                let file = match locate(dir, &real_dir, &name, Kind::Records, options) {
                    Ok(file) => file,
                    Err(why) => {
                        files.found.push(problem(format!("[dataset]: include \"{}\" {why}", super::clip(&name))));
                        continue;
                    }
                };
                if main_real.is_some_and(|main| main == file.real) {
                    files.found.push(problem(format!(
                        "[dataset]: include \"{}\" is the dataset's main file itself, an include cycle (expected files \
                         that hold records only)",
                        super::clip(&name)
                    )));
                    continue;
                }
                if seen.contains(&file.real) {
                    continue;
                }
                seen.push(file.real.clone());
                files.paths.push(file.shown.clone());
                let name_shown = shown(&file.shown);
                total += file.len;
                if total > options.max_file_bytes {
                    let limit = options.max_file_bytes;
                    files.found.push(problem(format!(
                        "[dataset]: include \"{}\" makes the dataset's files {total} bytes long together (expected at \
                         most {limit} bytes)",
                        super::clip(&name)
                    )));
                    break 'patterns;
                }
                let bytes = match read_limited(&file, options.max_file_bytes) {
                    Ok(bytes) => bytes,
                    Err(why) => {
                        files.found.push(problem(format!("[dataset]: include \"{}\" {why}", super::clip(&name))));
                        continue;
                    }
                };
                if let Some((line, column, byte)) = first_bad_byte(&bytes) {
                    files.direct.push(Diagnostic {
                        file: name_shown,
                        line,
                        column,
                        message: format!("the file is not valid UTF-8 (byte 0x{byte:02X}; expected UTF-8 text)"),
                    });
                    continue;
                }
                let text = String::from_utf8(bytes).unwrap_or_default();
                let base = next;
                next = base + text.len() + 1;
                if let Some(read) = files.parse(&name_shown, base, &text) {
                    reads.push(read);
                }
                files.included.push(Included { name: name_shown, base, text });
            }
        }
        (files, reads)
    }

    /// Reads one included file's records, or notes its syntax errors.
    fn parse(&mut self, name: &str, base: usize, text: &str) -> Option<ChunkRead> {
        if let Some(message) = super::dense::too_dense(text) {
            self.found.push(Found { offset: base, rank: 0, message });
            return None;
        }
        let (root, errors) = toml::de::DeTable::parse_recoverable(text);
        if !errors.is_empty() {
            for error in errors.iter().take(4 * diagnostic::MAX_LISTED + 1) {
                let span = error.span().unwrap_or(0..0);
                let message = super::syntax_message(text, error.message(), span.clone());
                self.found.push(Found { offset: base + span.start, rank: 0, message });
            }
            return None;
        }
        let chunk = Chunk { start: base, end: base + text.len(), line: 1, headers: [0; 5] };
        let mut read = read_chunk(text, &chunk, root.get_ref(), [0; 5]);
        read.file = Some(name.into());
        for event in &mut read.events {
            event.file = self.included.len() + 1;
        }
        if read.dataset.take().is_some() || read.include.take().is_some() {
            let at = text.find("[dataset]").unwrap_or(0);
            self.found.push(Found {
                offset: base + at,
                rank: 0,
                message: "[dataset] in an included file (expected it in the main file only; an included file holds \
                          [[theme]], [[era]], [[source]], [[event]] and [[fact]] records)"
                    .to_string(),
            });
        }
        Some(read)
    }

    /// The file and 1-based line a global offset is in, as `story.toml:12`.
    pub fn where_of(&self, main_name: &str, main_text: &str, offset: usize) -> String {
        match self.included.iter().rev().find(|file| offset >= file.base) {
            Some(file) => format!("{}:{}", file.name, super::position(&file.text, offset - file.base).0),
            None => format!("{main_name}:{}", super::position(main_text, offset).0),
        }
    }

    /// Every problem in its own file, with its line and column: the main file's first, then
    /// each included file's in order, then those that were placed when found.
    pub fn finish(&self, main_name: &str, main_text: &str, found: Vec<Found>) -> Diagnostics {
        let mut groups: Vec<Vec<Found>> = vec![Vec::new(); self.included.len() + 1];
        for mut problem in found {
            match self.included.iter().rposition(|file| problem.offset >= file.base) {
                Some(i) => {
                    problem.offset -= self.included[i].base;
                    groups[i + 1].push(problem);
                }
                None => groups[0].push(problem),
            }
        }
        let mut out = Vec::new();
        for (i, group) in groups.into_iter().enumerate() {
            if group.is_empty() {
                continue;
            }
            let (name, text) = match i {
                0 => (main_name, main_text),
                _ => (self.included[i - 1].name.as_str(), self.included[i - 1].text.as_str()),
            };
            out.extend(diagnostic::finish(name, text, group).0);
        }
        out.extend(self.direct.iter().cloned());
        Diagnostics(out)
    }

    /// The warnings found, placed in the main file (where patterns are written).
    pub fn placed_warnings(&self, main_name: &str, main_text: &str) -> Vec<Diagnostic> {
        self.warnings
            .iter()
            .map(|(at, message)| {
                let (line, column) = super::position(main_text, *at);
                Diagnostic { file: main_name.to_string(), line, column, message: message.clone() }
            })
            .collect()
    }
}

/// The files that `include` patterns of the main file `main` name, as far as they are found
/// (a pattern in error names none): for `add-source`, which must know every source id.
pub(crate) fn named_files(main: &Path, includes: &[String]) -> Vec<std::path::PathBuf> {
    let dir = super::paths::folder_of(main);
    let real_dir = super::paths::real_folder(&dir);
    let options = Options::default();
    includes
        .iter()
        .flat_map(|pattern| matches(&dir, &real_dir, pattern, &options).unwrap_or_default())
        .map(|name| dir.join(name))
        .collect()
}

/// The paths (relative to the dataset's folder) that a pattern matches, sorted; a pattern
/// without `*` or `?` is the one path it names.
fn matches(dir: &Path, real_dir: &Path, pattern: &str, options: &Options) -> Result<Vec<String>, String> {
    let (folder, name) = match pattern.rsplit_once('/') {
        Some((folder, name)) => (Some(folder), name),
        None => (None, pattern),
    };
    if !name.contains(['*', '?']) {
        return Ok(vec![pattern.to_string()]);
    }
    if folder.is_some_and(|folder| folder.contains(['*', '?'])) {
        return Err("has a wildcard in a folder name (expected * or ? in the file name only, as in \"events/*.toml\")"
            .to_string());
    }
    if !name.ends_with(".toml") {
        return Err("does not end in .toml (expected a pattern of .toml files, such as \"events/*.toml\")".to_string());
    }
    let listed = match folder {
        Some(folder) => {
            let found = std::fs::canonicalize(dir.join(folder)).map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => "names a folder that does not exist (expected a folder inside the \
                                                 dataset's folder)"
                    .to_string(),
                _ => format!("names a folder that cannot be read: {e}"),
            })?;
            if !options.allow_outside_dataset && !found.starts_with(real_dir) {
                return Err(
                    "is outside the dataset's folder (expected a path inside it; to read files elsewhere, set \
                            allow_outside_dataset = true under [files] in the config)"
                        .to_string(),
                );
            }
            found
        }
        None => real_dir.to_path_buf(),
    };
    let entries = std::fs::read_dir(&listed).map_err(|e| format!("names a folder that cannot be read: {e}"))?;
    let mut names: Vec<String> = entries
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|candidate| !candidate.starts_with('.') && glob(name.as_bytes(), candidate.as_bytes()))
        .collect();
    names.sort();
    Ok(names
        .into_iter()
        .map(|matched| match folder {
            Some(folder) => format!("{folder}/{matched}"),
            None => matched,
        })
        .collect())
}

/// Whether `name` matches `pattern`, where `*` stands for any run of bytes and `?` for any
/// one character.
fn glob(pattern: &[u8], name: &[u8]) -> bool {
    // The classic two-pointer match with one backtrack point, linear in practice.
    let (mut p, mut n) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        match pattern.get(p) {
            Some(b'*') => {
                star = Some((p, n));
                p += 1;
            }
            Some(b'?') => {
                p += 1;
                n += utf8_len(name[n]);
            }
            Some(&c) if c == name[n] => {
                p += 1;
                n += 1;
            }
            _ => match star {
                Some((sp, sn)) => {
                    p = sp + 1;
                    n = sn + 1;
                    star = Some((sp, sn + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p.min(pattern.len())..].iter().all(|&c| c == b'*')
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::glob;

    #[test]
    fn stars_and_question_marks_match_runs_and_single_characters() {
        let cases = [
            ("*.toml", "a.toml", true),
            ("*.toml", ".toml", true),
            ("*.toml", "a.toml.bak", false),
            ("a*b*.toml", "axxbyy.toml", true),
            ("a*b*.toml", "axxyy.toml", false),
            ("?.toml", "é.toml", true),
            ("?.toml", "ab.toml", false),
            ("2015-*.toml", "2015-07.toml", true),
            ("2015-*.toml", "2016-07.toml", false),
        ];
        for (pattern, name, expected) in cases {
            assert_eq!(glob(pattern.as_bytes(), name.as_bytes()), expected, "{pattern} vs {name}");
        }
    }
}
