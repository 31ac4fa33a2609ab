//! Reading one TOML table field by field, reporting every problem with its position.

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::Collector;
use crate::model::Date;
use crate::text::sanitize::sanitize;

pub(crate) type Value<'i> = Spanned<DeValue<'i>>;

/// The closest of `candidates` to `word`, if close enough to be a plausible typo.
pub fn did_you_mean<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(distance, c)| *distance <= (c.chars().count() / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
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
                format!("{context}: unknown {what} \"{name}\" ({hint}expected one of: {})", allowed.join(", ")),
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
            DeValue::String(s) => Some(Spanned::new(value.span(), sanitize(s))),
            _ => {
                self.wrong_type(out, key, value, "a string");
                None
            }
        }
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

    /// A date, written as a string ("2015-07", "~2020", "2020?") or a bare TOML date.
    pub fn date(&self, out: &mut Collector<'_>, key: &str, required: bool) -> Option<Spanned<Date>> {
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
        match Date::parse(&written) {
            Ok(date) => Some(Spanned::new(value.span(), date)),
            Err(err) => {
                out.error(value.span(), format!("{}: {}", self.context, err.describe(key, &written)));
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
