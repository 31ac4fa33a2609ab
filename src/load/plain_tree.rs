//! The spanned tree of a chunk of plain records, built straight from the TOML parser's events.
//!
//! `toml::de::DeTable::parse` keeps every event of the parser in a list, then builds the tree
//! from that list in a second pass: about half of its time (at 100k events, 0.95 s on one
//! thread, against 0.5 s to lex, parse and decode the same text). Most chunks of a large
//! dataset are plain — `[[kind]]` and `[[kind.sub]]` tables (and one `[dataset]`) of
//! `key = value` lines whose values are strings, booleans, numbers, dates or arrays of those —
//! and [`parse`] builds their tree as the parser's events arrive, the same tree with the same
//! spans. Anything else (a `[table]` of two keys or defined twice, a dotted key, an inline
//! table, a nested array, a duplicate key, a key outside any table, a syntax error) makes it
//! give up, and the caller parses the chunk with the toml crate, whose messages and rules then
//! apply unchanged.

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};
use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::lexer::{Token, TokenKind};
use toml_parser::parser::EventReceiver;
use toml_parser::{ErrorSink, ParseError, Raw, Source, Span};

type Key<'i> = Spanned<Cow<'i, str>>;

/// The tree `toml::de::DeTable::parse(text)` gives, if `text` is plain records and valid TOML;
/// `None` otherwise.
pub(crate) fn parse(text: &str) -> Option<DeTable<'_>> {
    if text.starts_with('\u{feff}') {
        return None;
    }
    let source = Source::new(text);
    let mut errors = Errors(false);
    let tokens = meaningful_tokens(text, &source, &mut errors);
    let mut builder = Builder::new(text);
    toml_parser::parser::parse_document(&tokens, &mut builder, &mut errors);
    drop(tokens);
    builder.finish_table();
    let open = builder.header_keys.is_some() || builder.key.is_some() || builder.array.is_some();
    (!errors.0 && !builder.failed && !open).then_some(builder.root)
}

/// The tokens of `text` but for blank lines and whole-line comments (checked here, as the
/// parser would, into `errors`), which mean nothing to the tree: a file of a million blank
/// lines or comment lines costs a token, not a million (24 bytes each, against 1 or 2 bytes
/// of text).
fn meaningful_tokens(text: &str, source: &Source<'_>, errors: &mut Errors) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 8);
    // At the start of a line (after a newline kept, or at the start), and the white space
    // there, kept only if something other than a newline or a comment follows it.
    let (mut line_start, mut indent) = (true, None);
    for token in source.lex() {
        match token.kind() {
            TokenKind::Whitespace if line_start && indent.is_none() => {
                indent = Some(token);
                continue;
            }
            TokenKind::Newline if line_start => {
                indent = None;
                if let Some(raw) = source.get(token.span()) {
                    raw.decode_newline(errors);
                }
                continue;
            }
            TokenKind::Comment if line_start => {
                indent = None;
                if let Some(raw) = source.get(token.span()) {
                    raw.decode_comment(errors);
                }
                continue;
            }
            TokenKind::Newline => line_start = true,
            _ => line_start = false,
        }
        tokens.extend(indent.take());
        tokens.push(token);
    }
    tokens
}

/// Notes that the parser or a decoder found an error.
struct Errors(bool);

impl ErrorSink for Errors {
    fn report_error(&mut self, _error: ParseError) {
        self.0 = true;
    }
}

/// The `[[...]]` header of the table being filled: its one or two keys and its span.
struct Header<'i> {
    keys: Vec<Key<'i>>,
    span: Range<usize>,
    /// `[table]` (one key, at the root), not `[[array]]`.
    std: bool,
}

struct Builder<'i> {
    text: &'i str,
    /// Set at the first thing this module does not build; the rest is then skipped.
    failed: bool,
    root: DeTable<'i>,
    /// The table under the last header, and that header.
    table: DeTable<'i>,
    header: Option<Header<'i>>,
    /// The keys of a header being read, where it starts, and whether it is a `[table]`.
    header_keys: Option<(usize, Vec<Key<'i>>, bool)>,
    /// The key of a `key = value` line being read; `true` once its `=` is seen.
    key: Option<(Key<'i>, bool)>,
    /// An array value being read, and where it starts.
    array: Option<(usize, DeArray<'i>)>,
}

impl<'i> Builder<'i> {
    fn new(text: &'i str) -> Self {
        Builder {
            text,
            failed: false,
            root: DeTable::new(),
            table: DeTable::new(),
            header: None,
            header_keys: None,
            key: None,
            array: None,
        }
    }

    fn raw(&self, span: Span, encoding: Option<Encoding>) -> Raw<'i> {
        Raw::new_unchecked(&self.text[span.start()..span.end()], encoding, span)
    }

    fn decode_key(&self, span: Span, encoding: Option<Encoding>, error: &mut dyn ErrorSink) -> Key<'i> {
        let mut decoded = Cow::Borrowed("");
        self.raw(span, encoding).decode_key(&mut decoded, error);
        Spanned::new(span.start()..span.end(), decoded)
    }

    /// A scalar as toml's tree has it. Numbers and dates, rare in a dataset, are handed to
    /// toml's own value parser, whose types cannot be built outside the crate.
    fn decode_scalar(
        &mut self,
        span: Span,
        encoding: Option<Encoding>,
        error: &mut dyn ErrorSink,
    ) -> Option<Spanned<DeValue<'i>>> {
        let raw = self.raw(span, encoding);
        let range = span.start()..span.end();
        if let Some(text) = undecoded(raw.as_str(), encoding) {
            return Some(Spanned::new(range, DeValue::String(Cow::Borrowed(text))));
        }
        let mut decoded = Cow::Borrowed("");
        match raw.decode_scalar(&mut decoded, error) {
            ScalarKind::String => Some(Spanned::new(range, DeValue::String(decoded))),
            ScalarKind::Boolean(value) => Some(Spanned::new(range, DeValue::Boolean(value))),
            ScalarKind::DateTime | ScalarKind::Float | ScalarKind::Integer(_) => {
                let value = DeValue::parse(raw.as_str()).ok()?.into_inner();
                Some(Spanned::new(range, value))
            }
        }
    }

    /// A header begins: `[table]` (`std`) or `[[array]]`.
    fn open_header(&mut self, span: Span, std: bool) {
        if self.failed || self.key.is_some() || self.array.is_some() || self.header_keys.is_some() {
            self.failed = true;
            return;
        }
        self.finish_table();
        self.header_keys = Some((span.start(), Vec::with_capacity(2), std));
    }

    /// A header ends: `[table]` with one key, `[[array]]` with one or two.
    fn close_header(&mut self, span: Span, std: bool) {
        match self.header_keys.take() {
            Some((start, keys, was_std)) if was_std == std && !self.failed => {
                let keys_allowed = if std { 1..=1 } else { 1..=2 };
                if !keys_allowed.contains(&keys.len()) {
                    self.failed = true;
                    return;
                }
                self.header = Some(Header { keys, span: start..span.end(), std });
            }
            _ => self.failed = true,
        }
    }

    /// Puts a finished `key = value` in the current table; a key outside any table, or one the
    /// table already has, is not plain.
    fn insert(&mut self, value: Spanned<DeValue<'i>>) {
        match self.key.take() {
            Some((key, true)) if self.header.is_some() && !self.table.contains_key(key.get_ref().as_ref()) => {
                self.table.insert(key, value);
            }
            _ => self.failed = true,
        }
    }

    /// Puts the table under the last header in its place, as the toml crate does when the
    /// next header comes: `[[a]]` at the end of the root's array `a`, `[[a.b]]` at the end of
    /// array `b` of the last `[[a]]` table.
    fn finish_table(&mut self) {
        let table = std::mem::take(&mut self.table);
        let Some(Header { mut keys, span, std }) = self.header.take() else { return };
        let table = Spanned::new(span.clone(), DeValue::Table(table));
        if std {
            // `[dataset]`: a table of the root, defined once.
            let key = keys.pop().expect("a header has a key");
            if self.root.contains_key(key.get_ref().as_ref()) {
                self.failed = true;
            } else {
                self.root.insert(key, table);
            }
            return;
        }
        let key = keys.pop().expect("a header has a key");
        let parent = match keys.first() {
            None => &mut self.root,
            Some(parent) => match self.root.get_mut(parent.get_ref().as_ref()).map(Spanned::get_mut) {
                Some(DeValue::Array(tables)) if is_tables(tables) => match tables.last_mut().map(Spanned::get_mut) {
                    Some(DeValue::Table(parent)) => parent,
                    _ => return self.failed = true,
                },
                _ => return self.failed = true,
            },
        };
        match parent.get_mut(key.get_ref().as_ref()).map(Spanned::get_mut) {
            None => {
                let mut tables = DeArray::new();
                tables.push(table);
                parent.insert(key, Spanned::new(span, DeValue::Array(tables)));
            }
            Some(DeValue::Array(tables)) if is_tables(tables) => tables.push(table),
            Some(_) => self.failed = true,
        }
    }
}

/// The text of a basic string (one-line or multi-line) that has nothing to decode: no escape,
/// no character TOML forbids in it, no line break but `\n` in a multi-line one. The decoder
/// checks every character of it one at a time, and most strings of a dataset are like that.
fn undecoded(raw: &str, encoding: Option<Encoding>) -> Option<&str> {
    let (text, multi_line) = match encoding? {
        Encoding::BasicString => (raw.strip_prefix('"')?.strip_suffix('"')?, false),
        Encoding::MlBasicString => {
            let text = raw.strip_prefix("\"\"\"")?.strip_suffix("\"\"\"")?;
            // A line break right after the opening quotes is not part of the string.
            (text.strip_prefix('\n').unwrap_or(text), true)
        }
        Encoding::LiteralString | Encoding::MlLiteralString => return None,
    };
    let forbidden = |b: u8| (b < 0x20 && b != b'\t' && !(multi_line && b == b'\n')) || b == b'\\' || b == 0x7f;
    // Blocks without an early exit, which the compiler turns into vector instructions.
    let mut blocks = text.as_bytes().chunks_exact(32);
    let clean = blocks.all(|block| !block.iter().fold(false, |bad, &b| bad | forbidden(b)));
    (clean && !blocks.remainder().iter().any(|&b| forbidden(b))).then_some(text)
}

/// Whether an array is one that `[[...]]` headers made. An array value holds no table (inline
/// tables are not plain), and a header's array starts with a table: the first item says which.
fn is_tables(array: &DeArray<'_>) -> bool {
    array.first().is_some_and(|item| matches!(item.get_ref(), DeValue::Table(_)))
}

impl<'i> EventReceiver for Builder<'i> {
    fn std_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.open_header(span, true);
    }

    fn std_table_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.close_header(span, true);
    }

    fn array_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.open_header(span, false);
    }

    fn array_table_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.close_header(span, false);
    }

    fn inline_table_open(&mut self, _span: Span, _error: &mut dyn ErrorSink) -> bool {
        self.failed = true;
        false
    }

    fn array_open(&mut self, span: Span, _error: &mut dyn ErrorSink) -> bool {
        if self.failed || self.array.is_some() || !matches!(self.key, Some((_, true))) {
            self.failed = true;
            return false;
        }
        self.array = Some((span.start(), DeArray::new()));
        true
    }

    fn array_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        match self.array.take() {
            Some((start, array)) if !self.failed => self.insert(Spanned::new(start..span.end(), DeValue::Array(array))),
            _ => self.failed = true,
        }
    }

    fn simple_key(&mut self, span: Span, encoding: Option<Encoding>, error: &mut dyn ErrorSink) {
        if self.failed {
            return;
        }
        if self.header_keys.is_some() {
            let key = self.decode_key(span, encoding, error);
            if let Some((_, keys, _)) = &mut self.header_keys {
                keys.push(key);
            }
        } else if self.key.is_none() && self.array.is_none() {
            self.key = Some((self.decode_key(span, encoding, error), false));
        } else {
            self.failed = true;
        }
    }

    fn key_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        // A dot in a header is plain; a dotted key in a `key = value` line is not.
        if self.header_keys.is_none() {
            self.failed = true;
        }
    }

    fn key_val_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        match &mut self.key {
            Some((_, seen @ false)) if self.header_keys.is_none() => *seen = true,
            _ => self.failed = true,
        }
    }

    fn scalar(&mut self, span: Span, encoding: Option<Encoding>, error: &mut dyn ErrorSink) {
        if self.failed {
            return;
        }
        let Some(value) = self.decode_scalar(span, encoding, error) else {
            self.failed = true;
            return;
        };
        match &mut self.array {
            Some((_, array)) => array.push(value),
            None => self.insert(value),
        }
    }

    fn value_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        if self.array.is_none() {
            self.failed = true;
        }
    }

    fn comment(&mut self, span: Span, error: &mut dyn ErrorSink) {
        self.raw(span, None).decode_comment(error);
    }

    fn newline(&mut self, span: Span, error: &mut dyn ErrorSink) {
        self.raw(span, None).decode_newline(error);
    }

    fn error(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.failed = true;
    }
}

#[cfg(test)]
#[path = "plain_tree_tests.rs"]
mod tests;
