//! Cutting a dataset file into chunks of whole top-level records, so that chunks can be parsed
//! one at a time (the parser's tree of a whole large file is several times its size) and on
//! several threads.
//!
//! A chunk boundary is a line that is a `[[theme]]`, `[[era]]`, `[[source]]`, `[[event]]` or
//! `[[fact]]` header, outside any multi-line string. The scan here only has to be right for
//! speed, not for correctness: a chunk cut at a line that is not really a header (inside a
//! multi-line array, say) ends inside an unclosed string or bracket, the parser reports it,
//! and the loader then parses the file whole. The headers counted per chunk are checked
//! against the parsed chunks the same way.

/// The record kinds, in the order the loader reads them.
pub(crate) const KINDS: [&str; 5] = ["theme", "era", "source", "event", "fact"];

/// The reading phase of a record kind (0 is the top level and `[dataset]`).
pub(crate) fn rank(kind: &str) -> u8 {
    KINDS.iter().position(|k| *k == kind).map_or(0, |i| i as u8 + 1)
}

/// One chunk: whole lines of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Chunk {
    pub start: usize,
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// How many `[[kind]]` header lines it holds, for each kind of [`KINDS`].
    pub headers: [usize; 5],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Code,
    /// Inside a `"""` string.
    Basic,
    /// Inside a `'''` string.
    Literal,
}

/// Cuts `text` into chunks of about `target` bytes or more, each starting at a record header
/// (the first starts at 0). A text without such headers is one chunk.
#[cfg(test)]
pub(crate) fn split(text: &str, target: usize) -> Vec<Chunk> {
    let mut splitter = Splitter::new(target);
    let mut chunks = splitter.feed(text.as_bytes(), 0, true);
    chunks.push(splitter.finish(text.len()));
    chunks
}

/// [`split`] for a file read a block at a time: fed what has been read so far, it gives the
/// chunks that are complete, and remembers where it stopped.
pub(crate) struct Splitter {
    target: usize,
    state: State,
    /// The chunk being gathered (its `end` is not known yet).
    current: Chunk,
    /// Where scanning resumes, in the whole file: the start of a line, and its number.
    at: usize,
    line: usize,
}

impl Splitter {
    pub fn new(target: usize) -> Self {
        Splitter {
            target,
            state: State::Code,
            current: Chunk { start: 0, end: 0, line: 1, headers: [0; 5] },
            at: 0,
            line: 1,
        }
    }

    /// Scans the lines of `bytes` not scanned yet; `bytes` holds the file from byte `base` on,
    /// at least from where the last call stopped. Only lines that end with `\n` are scanned,
    /// unless `last` says the file ends with `bytes`. Returns the chunks completed.
    pub fn feed(&mut self, bytes: &[u8], base: usize, last: bool) -> Vec<Chunk> {
        let mut chunks = Vec::new();
        let file_end = base + bytes.len();
        while self.at < file_end {
            let from = self.at - base;
            let end = match memchr::memchr(b'\n', &bytes[from..]) {
                Some(i) => base + from + i,
                None if last => file_end,
                None => break,
            };
            let content = &bytes[from..end - base];
            if self.state == State::Code
                && content.starts_with(b"[[")
                && let Some(kind) = header_kind(content)
            {
                if self.at - self.current.start >= self.target && self.at > self.current.start {
                    let next = Chunk { start: self.at, end: 0, line: self.line, headers: [0; 5] };
                    let mut done = std::mem::replace(&mut self.current, next);
                    done.end = self.at;
                    chunks.push(done);
                }
                self.current.headers[kind] += 1;
            } else {
                self.state = scan(content, self.state);
            }
            self.at = end + 1;
            self.line += 1;
        }
        chunks
    }

    /// The last chunk, once the whole file (of `len` bytes) has been fed.
    pub fn finish(self, len: usize) -> Chunk {
        Chunk { end: len, ..self.current }
    }
}

/// The kind of a `[[kind]]` header line (spaces and a comment allowed around it).
fn header_kind(line: &[u8]) -> Option<usize> {
    let inner = &line[2..];
    let close = memchr::memmem::find(inner, b"]]")?;
    let name = inner[..close].trim_ascii();
    let rest = inner[close + 2..].trim_ascii();
    if !(rest.is_empty() || rest.starts_with(b"#")) {
        return None;
    }
    KINDS.iter().position(|kind| kind.as_bytes() == name)
}

/// The string state at the end of a line that starts in `state`.
fn scan(line: &[u8], mut state: State) -> State {
    let mut i = 0;
    while i < line.len() {
        match state {
            State::Basic => match memchr::memchr2(b'\\', b'"', &line[i..]) {
                None => return State::Basic,
                Some(found) if line[i + found] == b'\\' => i += found + 2,
                Some(found) => {
                    i += found;
                    if line[i..].starts_with(b"\"\"\"") {
                        i += 3;
                        // Up to two more quotes belong to the string: `""""` ends with one.
                        i += line[i..].iter().take(2).take_while(|&&b| b == b'"').count();
                        state = State::Code;
                    } else {
                        i += 1;
                    }
                }
            },
            State::Literal => match memchr::memmem::find(&line[i..], b"'''") {
                Some(found) => {
                    i += found + 3;
                    i += line[i..].iter().take(2).take_while(|&&b| b == b'\'').count();
                    state = State::Code;
                }
                None => return State::Literal,
            },
            State::Code => match memchr::memchr3(b'#', b'"', b'\'', &line[i..]) {
                None => return State::Code,
                Some(found) => {
                    i += found;
                    match line[i] {
                        b'#' => return State::Code,
                        b'"' if line[i..].starts_with(b"\"\"\"") => {
                            i += 3;
                            state = State::Basic;
                        }
                        b'\'' if line[i..].starts_with(b"'''") => {
                            i += 3;
                            state = State::Literal;
                        }
                        b'"' => {
                            // A one-line basic string: to its closing quote, escapes skipped.
                            i += 1;
                            loop {
                                match memchr::memchr2(b'\\', b'"', &line[i.min(line.len())..]) {
                                    None => return State::Code,
                                    Some(found) if line[i + found] == b'\\' => i += found + 2,
                                    Some(found) => {
                                        i += found + 1;
                                        break;
                                    }
                                }
                            }
                        }
                        _ => {
                            i += 1;
                            i += memchr::memchr(b'\'', &line[i..]).map_or(line.len(), |end| end + 1);
                        }
                    }
                }
            },
        }
    }
    state
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(text: &str, target: usize) -> Vec<(usize, usize, [usize; 5])> {
        split(text, target).iter().map(|c| (c.start, c.line, c.headers)).collect()
    }

    #[test]
    fn cuts_at_record_headers_once_big_enough() {
        let text = "[dataset]\ntitle = \"t\"\n[[event]]\nid = \"a\"\n[[event.quote]]\n[[source]] # s\nid = \"s\"\n";
        assert_eq!(starts(text, usize::MAX), [(0, 1, [0, 0, 1, 1, 0])]);
        let event = text.find("[[event]]").unwrap();
        let source = text.find("[[source]]").unwrap();
        assert_eq!(starts(text, 1), [(0, 1, [0; 5]), (event, 3, [0, 0, 0, 1, 0]), (source, 6, [0, 0, 1, 0, 0])]);
        let chunks = split(text, 1);
        assert_eq!(chunks.iter().map(|c| &text[c.start..c.end]).collect::<String>(), text);
    }

    #[test]
    fn a_header_line_inside_a_multi_line_string_is_text() {
        for (text, chunks) in [
            ("[[source]]\ntext = \"\"\"\n[[event]]\n\"\"\"\n", 1),
            ("[[source]]\ntext = '''\n[[event]]\n'''\n", 1),
            ("[[source]]\ntext = \"\"\"a \\\"\"\" \n[[event]]\n\"\"\"\n", 1),
            // Closed, then a literal string opens on the same line.
            ("[[source]]\ntext = \"\"\"\n\"\"\" '''\n[[event]]\n", 1),
            ("[[source]]\ntext = \"\"\"\nx\"\"\"\n[[event]]\n", 2),
        ] {
            assert_eq!(split(text, 1).len(), chunks, "{text:?}");
        }
        // Quotes in ordinary strings and comments do not open anything.
        let text = "[[source]]\na = \"\\\"\\\"\\\"\" # \"\"\"\nb = 'x\"\"\"'\n[[event]]\n";
        assert_eq!(split(text, 1).len(), 2);
        // A string closed by four quotes ends with one.
        let text = "[[source]]\na = \"\"\"x\"\"\"\"\n[[event]]\n";
        assert_eq!(split(text, 1).len(), 2);
    }

    #[test]
    fn feeding_a_block_at_a_time_cuts_where_split_does() {
        let record = "[[event]]\nid = \"a\"\ntext = \"\"\"\n[[event]]\n\"\"\"\n[[source]]\nid = \"s\"\n";
        let text = format!("[dataset]\ntitle = \"t\"\n{}", record.repeat(40));
        for target in [1, 50, 300, 10_000] {
            let whole = split(&text, target);
            for block in [1, 7, 64, 1000] {
                // The reader keeps only what follows the chunks given so far.
                let (mut splitter, mut chunks, mut base, mut read) = (Splitter::new(target), Vec::new(), 0, 0);
                while read < text.len() {
                    read = (read + block).min(text.len());
                    let done = splitter.feed(&text.as_bytes()[base..read], base, read == text.len());
                    if let Some(last) = done.last() {
                        base = last.end;
                    }
                    chunks.extend(done);
                }
                chunks.push(splitter.finish(text.len()));
                assert_eq!(chunks, whole, "target {target}, blocks of {block}");
            }
        }
    }

    #[test]
    fn only_record_headers_are_boundaries() {
        let text = "[[event]]\n[[event.quote]]\n[[ events ]]\n [[event]]\n[[event]] x\n[[ event ]]\n";
        assert_eq!(starts(text, 1), [(0, 1, [0, 0, 0, 1, 0]), (text.find("[[ event ]]").unwrap(), 6, [0, 0, 0, 1, 0])]);
    }
}
