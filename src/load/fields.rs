//! Reading one TOML table field by field, reporting every problem with its position.

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::Collector;
use crate::model::Date;
use crate::text::sanitize::{is_clean, sanitize, sanitized_len};

pub(crate) type Value<'i> = Spanned<DeValue<'i>>;

/// The closest of `candidates` to `word`, if close enough to be a plausible typo: at most a
/// third of the candidate's length away (one edit for short ones), the first of equally close
/// ones.
///
/// Bounded whatever the input: a candidate whose length or letters are too far from the word's
/// to be that close is passed over after a look at its letters (the edit distance is at least
/// the length difference, and at least half the letters that differ). Of the others, the
/// [`HINT_COMPARISONS`] that look closest by that measure are compared in full (every one of
/// them when there are no more, so the hint is then exactly the closest candidate); only the
/// first [`HINT_SCANNED`] candidates are looked at, and none whose comparison would take over
/// [`HINT_CELLS`] steps (names thousands of characters long).
pub fn did_you_mean<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    did_you_mean_counted(word, candidates, &mut 0)
}

/// At most this many candidates are compared in full with a word.
pub const HINT_COMPARISONS: usize = 64;
/// At most this many candidates are looked at.
pub const HINT_SCANNED: usize = 20_000;
/// The longest comparison made, in steps (the product of the two lengths).
pub const HINT_CELLS: usize = 1 << 18;

/// [`did_you_mean`], adding the steps of the full comparisons it makes to `cells`.
pub(crate) fn did_you_mean_counted<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
    cells: &mut u64,
) -> Option<&'c str> {
    let length = word.chars().count();
    let letters = histogram(word);
    // (lower bound of the distance, place, candidate, its length) of the plausible ones.
    let mut plausible: Vec<(usize, usize, &str, usize)> = Vec::new();
    for (place, candidate) in candidates.into_iter().take(HINT_SCANNED).enumerate() {
        let candidate_length = candidate.chars().count();
        let limit = (candidate_length / 3).max(1);
        if length.abs_diff(candidate_length) > limit || length.saturating_mul(candidate_length) > HINT_CELLS {
            continue;
        }
        let differ: usize = letters.iter().zip(histogram(candidate)).map(|(a, b)| a.abs_diff(b) as usize).sum();
        let bound = differ.div_ceil(2).max(length.abs_diff(candidate_length));
        if bound <= limit {
            plausible.push((bound, place, candidate, candidate_length));
        }
    }
    if plausible.len() > HINT_COMPARISONS {
        plausible.select_nth_unstable_by_key(HINT_COMPARISONS, |&(bound, place, ..)| (bound, place));
        plausible.truncate(HINT_COMPARISONS);
    }
    plausible.sort_unstable_by_key(|&(_, place, ..)| place);
    let mut best: Option<(usize, &str)> = None;
    for (_, _, candidate, candidate_length) in plausible {
        *cells += (length * candidate_length) as u64;
        let distance = strsim::damerau_levenshtein(word, candidate);
        if distance <= (candidate_length / 3).max(1) && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// How many characters of a word fall in each of 64 buckets: two words whose histograms
/// differ in `n` characters are at least `n / 2` edits apart.
fn histogram(word: &str) -> [u32; 64] {
    let mut counts = [0; 64];
    for c in word.chars() {
        counts[((u32::from(c) as usize).wrapping_mul(0x9E37_79B9) >> 26) & 63] += 1;
    }
    counts
}

/// Whether a value is a table or an array of tables (`[name]`, `[[name]]`, inline or not).
fn is_table(value: &DeValue<'_>) -> bool {
    match value {
        DeValue::Table(_) => true,
        DeValue::Array(items) => {
            !items.is_empty() && items.iter().all(|item| matches!(item.get_ref(), DeValue::Table(_)))
        }
        _ => false,
    }
}

/// An article for a TOML type name: "a string", "an array".
pub(crate) fn a(type_name: &str) -> String {
    let vowel = type_name.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {type_name}", if vowel { "an" } else { "a" })
}

/// The longest string annals accepts in a dataset (a title, a summary, a source's text).
pub const MAX_STRING_BYTES: usize = 16 << 20;

/// One record (a TOML table) being read, with the name used in its messages.
pub(crate) struct Fields<'t, 'i> {
    table: &'t DeTable<'i>,
    span: Range<usize>,
    pub context: String,
}

impl<'t, 'i> Fields<'t, 'i> {
    /// Starts reading `table`, reporting every key not in `allowed` right away.
    pub fn new(
        out: &mut Collector<'_>,
        table: &'t DeTable<'i>,
        span: Range<usize>,
        context: String,
        allowed: &[&str],
    ) -> Self {
        for (key, value) in table.iter() {
            let name: &str = key.get_ref();
            if allowed.contains(&name) {
                continue;
            }
            let hint = match did_you_mean(name, allowed.iter().copied()) {
                Some(close) => format!("did you mean \"{close}\"? "),
                None => String::new(),
            };
            let what = if is_table(value.get_ref()) { "table" } else { "field" };
            out.error(
                key.span(),
                format!(
                    "{context}: unknown {what} \"{}\" ({hint}expected one of: {})",
                    super::clip(name),
                    allowed.join(", ")
                ),
            );
        }
        Fields { table, span, context }
    }

    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    pub fn get(&self, key: &str) -> Option<&'t Value<'i>> {
        self.table.get(key)
    }

    /// Where `key` is written (the key itself, not its value), if present.
    pub fn key_span(&self, key: &str) -> Option<Range<usize>> {
        self.table.get_key_value(key).map(|(k, _)| k.span())
    }

    fn missing(&self, out: &mut Collector<'_>, key: &str, expected: &str) {
        out.error(self.span(), format!("{}: missing required field \"{key}\" (expected {expected})", self.context));
    }

    fn wrong_type(&self, out: &mut Collector<'_>, key: &str, value: &Value<'_>, expected: &str) {
        out.error(
            value.span(),
            format!("{}: field \"{key}\" is {} (expected {expected})", self.context, a(value.get_ref().type_str())),
        );
    }

    /// A string field; `None` (with a diagnostic if `required`) when absent or not a string.
    pub fn string(&self, out: &mut Collector<'_>, key: &str, required: bool) -> Option<Spanned<String>> {
        let value = self.borrowed(out, key, required)?;
        let span = value.span();
        Some(Spanned::new(span, value.into_inner().into_owned()))
    }

    /// [`Fields::string`] borrowed from the parsed text where it can be (no escape in it,
    /// nothing to sanitise): for what is only looked at while reading, such as an id that a
    /// reference names.
    pub fn borrowed(&self, out: &mut Collector<'_>, key: &str, required: bool) -> Option<Spanned<Cow<'t, str>>> {
        let Some(value) = self.get(key) else {
            if required {
                self.missing(out, key, "a string");
            }
            return None;
        };
        match value.get_ref() {
            DeValue::String(s) if s.len() > MAX_STRING_BYTES => {
                out.error(
                    value.span(),
                    format!(
                        "{}: field \"{key}\" is {} bytes long (expected at most {MAX_STRING_BYTES} bytes, 16 MiB)",
                        self.context,
                        s.len()
                    ),
                );
                None
            }
            // Nothing to sanitise (nearly every string): as it is, looked at once.
            DeValue::String(s) if is_clean(s) => Some(Spanned::new(value.span(), Cow::Borrowed(&**s))),
            DeValue::String(s) => {
                // Checked once tabs are expanded and controls made visible, as it is kept.
                let len = sanitized_len(s);
                if len > MAX_STRING_BYTES {
                    out.error(value.span(), self.too_long_once_expanded(&format!("field \"{key}\""), len));
                    return None;
                }
                Some(Spanned::new(value.span(), sanitize(s)))
            }
            _ => {
                self.wrong_type(out, key, value, "a string");
                None
            }
        }
    }

    fn too_long_once_expanded(&self, what: &str, len: usize) -> String {
        format!(
            "{}: {what} is {len} bytes long once its tabs are expanded and its control characters made visible \
             (expected at most {MAX_STRING_BYTES} bytes, 16 MiB)",
            self.context
        )
    }

    /// A required string that must not be empty or only spaces.
    pub fn text(&self, out: &mut Collector<'_>, key: &str) -> Option<Spanned<String>> {
        let value = self.string(out, key, true)?;
        if value.get_ref().trim().is_empty() {
            out.error(value.span(), format!("{}: field \"{key}\" is empty (expected some text)", self.context));
            return None;
        }
        Some(value)
    }

    /// An optional string that, when given, must not be empty.
    pub fn optional_text(&self, out: &mut Collector<'_>, key: &str) -> Option<String> {
        let value = self.string(out, key, false)?;
        if value.get_ref().trim().is_empty() {
            out.error(
                value.span(),
                format!("{}: field \"{key}\" is empty (leave it out, or give some text)", self.context),
            );
            return None;
        }
        Some(value.into_inner())
    }

    /// A date, written as a string ("2015-07", "~2020", "2020?", "[2020]") or a bare TOML date.
    pub fn date(&self, out: &mut Collector<'_>, key: &str, required: bool) -> Option<Spanned<Date>> {
        self.date_or_open(out, key, required, false).map(|(date, _)| date)
    }

    /// [`Self::date`], or with `open` also `"..2022"` (some time up to that date), which
    /// comes back with `true`.
    pub fn date_or_open(
        &self,
        out: &mut Collector<'_>,
        key: &str,
        required: bool,
        open: bool,
    ) -> Option<(Spanned<Date>, bool)> {
        let expected = "a date such as \"2015\", \"2015-07\" or \"2015-07-29\"";
        let Some(value) = self.get(key) else {
            if required {
                self.missing(out, key, expected);
            }
            return None;
        };
        let written = match value.get_ref() {
            DeValue::String(s) => s.to_string(),
            DeValue::Datetime(dt) if dt.date.is_some() && dt.time.is_none() => dt.to_string(),
            _ => {
                self.wrong_type(out, key, value, expected);
                return None;
            }
        };
        let (is_open, body) = match written.strip_prefix("..") {
            Some(rest) if open => (true, rest),
            _ => (false, written.as_str()),
        };
        match Date::parse(body) {
            Ok(date) => Some((Spanned::new(value.span(), date), is_open)),
            Err(_) if written.starts_with("..") && !open => {
                let message = format!(
                    "{key} \"{written}\" has an open start (expected a date: \"..\" is allowed on an event's date only)"
                );
                out.error(value.span(), format!("{}: {message}", self.context));
                None
            }
            Err(err) => {
                out.error(value.span(), format!("{}: {}", self.context, err.describe(key, &super::clip(&written))));
                None
            }
        }
    }

    /// An optional `true` or `false`; absent is `false`.
    pub fn flag(&self, out: &mut Collector<'_>, key: &str) -> bool {
        let Some(value) = self.get(key) else { return false };
        match value.get_ref() {
            DeValue::Boolean(b) => *b,
            _ => {
                self.wrong_type(out, key, value, "true or false");
                false
            }
        }
    }

    /// An optional absolute `http` or `https` URL, kept as written once it parses (with the
    /// `url` crate).
    pub fn url(&self, out: &mut Collector<'_>, key: &str) -> Option<String> {
        let value = self.string(out, key, false)?;
        let written = value.get_ref();
        let expected = "expected an absolute http or https URL such as \"https://example.com/article\"";
        let problem = match url::Url::parse(written) {
            Ok(url) if matches!(url.scheme(), "http" | "https") && url.has_host() => None,
            Ok(url) => Some(format!("has the scheme \"{}\"", url.scheme())),
            Err(err) => Some(err.to_string()),
        };
        match problem {
            None => Some(value.into_inner()),
            Some(problem) => {
                out.error(
                    value.span(),
                    format!(
                        "{}: {key} \"{}\" is not a web address ({problem}; {expected})",
                        self.context,
                        written.escape_debug()
                    ),
                );
                None
            }
        }
    }

    /// A number (integer or float).
    pub fn number(&self, out: &mut Collector<'_>, key: &str, required: bool) -> Option<f64> {
        let Some(value) = self.get(key) else {
            if required {
                self.missing(out, key, "a number");
            }
            return None;
        };
        let parsed = match value.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok().map(|n| n as f64),
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            _ => {
                self.wrong_type(out, key, value, "a number");
                return None;
            }
        };
        match parsed {
            Some(n) if n.is_finite() => Some(n),
            _ => {
                out.error(
                    value.span(),
                    format!("{}: field \"{key}\" is out of range (expected a finite number)", self.context),
                );
                None
            }
        }
    }

    /// A positive whole number.
    pub fn positive_integer(&self, out: &mut Collector<'_>, key: &str) -> Option<u32> {
        let value = self.get(key)?;
        let parsed = match value.get_ref() {
            DeValue::Integer(i) => u32::from_str_radix(i.as_str(), i.radix()).ok().filter(|n| *n > 0),
            _ => None,
        };
        if parsed.is_none() {
            out.error(
                value.span(),
                format!("{}: field \"{key}\" is not a positive whole number (expected 1, 2, 3, …)", self.context),
            );
        }
        parsed
    }

    /// An array of strings, each with its span, borrowed where it can be (see
    /// [`Fields::borrowed`]).
    pub fn string_list(
        &self,
        out: &mut Collector<'_>,
        key: &str,
        expected: &str,
    ) -> Option<Vec<Spanned<Cow<'t, str>>>> {
        let Some(value) = self.get(key) else {
            self.missing(out, key, expected);
            return None;
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(out, key, value, expected);
            return None;
        };
        let mut list = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) if sanitized_len(s) > MAX_STRING_BYTES => {
                    out.error(
                        item.span(),
                        self.too_long_once_expanded(&format!("an item of \"{key}\""), sanitized_len(s)),
                    );
                }
                DeValue::String(s) => list.push(Spanned::new(item.span(), sanitize(s))),
                other => out.error(
                    item.span(),
                    format!("{}: an item of \"{key}\" is {} (expected a string)", self.context, a(other.type_str())),
                ),
            }
        }
        Some(list)
    }

    /// The tables of an array of tables such as `quote`, written `[[event.quote]]` (`header`),
    /// each with its span.
    pub fn tables(&self, out: &mut Collector<'_>, key: &str, header: &str) -> Vec<(&'t DeTable<'i>, Range<usize>)> {
        match self.get(key) {
            None => Vec::new(),
            Some(value) => tables_of(out, &self.context, key, header, value),
        }
    }
}

/// The tables of an array-of-tables value (`key`, written `[[header]]`), reporting items that
/// are not tables.
pub(crate) fn tables_of<'t, 'i>(
    out: &mut Collector<'_>,
    context: &str,
    key: &str,
    header: &str,
    value: &'t Value<'i>,
) -> Vec<(&'t DeTable<'i>, Range<usize>)> {
    let DeValue::Array(items) = value.get_ref() else {
        // `[[fact.claim]]` with no `[[fact]]` before it makes "fact" a table of that array.
        let orphans = match value.get_ref() {
            DeValue::Table(table) => table.iter().find(|(_, v)| is_table(v.get_ref())).map(|(k, _)| k.get_ref()),
            _ => None,
        };
        let hint = match orphans {
            Some(sub) => format!("; a [[{header}.{sub}]] goes after the [[{header}]] it belongs to"),
            None => String::new(),
        };
        out.error(
            value.span(),
            format!(
                "{context}: \"{key}\" is {} (expected an array of tables, written [[{header}]]{hint})",
                a(value.get_ref().type_str())
            ),
        );
        return Vec::new();
    };
    let mut tables = Vec::with_capacity(items.len());
    for item in items.iter() {
        match item.get_ref() {
            DeValue::Table(table) => tables.push((table, item.span())),
            other => out.error(
                item.span(),
                format!(
                    "{context}: an item of \"{key}\" is {} (expected a table, written [[{header}]])",
                    a(other.type_str())
                ),
            ),
        }
    }
    tables
}
