//! BibTeX, in the biblatex dialect that Pandoc and biber read and that classic BibTeX reads
//! too: one entry per source, keyed by the source id.
//!
//! - `@article` for a source with a publisher (`journal` is the publisher, `entrysubtype =
//!   {newspaper}`), `@online` for a page with none but a URL (biblatex requires one there),
//!   `@misc` for a text with neither.
//! - `title` in double braces, so styles keep its case as written (titles are in several
//!   languages); `author` joins the names with `and`, `Family, Given` as written, any other
//!   name braced whole (an organisation is not split).
//! - `date` (biblatex) at the date's precision, with EDTF's `~` for an approximate date and
//!   `?` for an uncertain one; `year` and `month` too, for classic BibTeX.
//! - `url`, `urldate`, `langid` (the babel name of the language, `french` for `fr`, which is
//!   what biblatex reads; left out for a language babel does not name, such as Chinese). The
//!   section is left out: biblatex has no field for an outlet's rubric.
//!
//! Escaping: LaTeX's special characters (`\ { } % & # _ $ ^ ~`) in text fields are written
//! as commands (`\%`, `\&`, `\textbackslash{}`, `\textbraceleft{}`…), so a field's braces
//! always balance and no text runs as LaTeX; accents and every other character stay as
//! UTF-8. A URL is verbatim in biblatex: only the characters that could unbalance it or end
//! it (`{`, `}`, `\`, white space) are percent-encoded.

use std::fmt::Write as _;
use std::io;

use super::{Name, name, one_line, title};
use crate::export::Selection;
use crate::model::{Certainty, Date, Source};

pub(in crate::export) fn write(out: &mut dyn io::Write, chosen: &Selection<'_>) -> io::Result<()> {
    let mut text = String::new();
    for (i, &s) in chosen.sources.iter().enumerate() {
        text.clear();
        if i > 0 {
            text.push('\n');
        }
        entry(&mut text, &chosen.dataset.sources[s]);
        out.write_all(text.as_bytes())?;
    }
    Ok(())
}

fn entry(out: &mut String, source: &Source) {
    let kind = match (&source.publisher, &source.url) {
        (Some(_), _) => "article",
        (None, Some(_)) => "online",
        (None, None) => "misc",
    };
    let _ = writeln!(out, "@{kind}{{{},", key(&source.id));
    let mut field = |name: &str, value: String| {
        let _ = writeln!(out, "  {name} = {{{value}}},");
    };
    field("title", format!("{{{}}}", escape(&title(source))));
    if !source.authors.is_empty() {
        let names: Vec<String> = source
            .authors
            .iter()
            .map(|a| match name(&one_line(a)) {
                Name::Person { family, given } => format!("{}, {}", escape(family), escape(given)),
                Name::Literal(literal) => format!("{{{}}}", escape(literal)),
            })
            .collect();
        field("author", names.join(" and "));
    }
    if let Some(publisher) = &source.publisher {
        field("journal", escape(&one_line(publisher)));
        field("entrysubtype", "newspaper".to_string());
    }
    if let Some(date) = &source.date {
        field("date", edtf(date));
        field("year", format!("{:04}", date.year));
        if let Some(month) = date.month {
            field("month", month.to_string());
        }
    }
    if let Some(url) = &source.url {
        field("url", verbatim_url(url));
    }
    if let Some(accessed) = &source.accessed {
        field("urldate", edtf(&Date { certainty: Certainty::Exact, ..*accessed }));
    }
    if let Some(name) = babel_name(&source.language) {
        field("langid", name.to_string());
    }
    out.push_str("}\n");
}

/// The babel and polyglossia name of a language code (`fr` → `french`), which is what
/// biblatex's `langid` takes; `None` for a language they do not name or this list lacks
/// (the field is then left out, rather than one biblatex cannot read).
fn babel_name(code: &str) -> Option<&'static str> {
    let code = code.trim().to_ascii_lowercase().replace('_', "-");
    let primary = code.split('-').next().unwrap_or_default();
    Some(match (primary, code.as_str()) {
        (_, "en-gb" | "en-uk") => "british",
        (_, "en-us") => "american",
        (_, "pt-br") => "brazilian",
        ("en", _) => "english",
        ("fr", _) => "french",
        ("de", _) => "ngerman",
        ("es", _) => "spanish",
        ("it", _) => "italian",
        ("pt", _) => "portuguese",
        ("nl", _) => "dutch",
        ("ru", _) => "russian",
        ("uk", _) => "ukrainian",
        ("pl", _) => "polish",
        ("cs", _) => "czech",
        ("sv", _) => "swedish",
        ("da", _) => "danish",
        ("fi", _) => "finnish",
        ("nb" | "no", _) => "norsk",
        ("el", _) => "greek",
        ("tr", _) => "turkish",
        ("ca", _) => "catalan",
        ("hu", _) => "magyar",
        ("ro", _) => "romanian",
        ("ar", _) => "arabic",
        ("he", _) => "hebrew",
        _ => return None,
    })
}

/// The key: the source id (letters, digits, `-`, `_`, `.` in a loaded dataset), any other
/// character written `_`.
fn key(id: &str) -> String {
    let key: String = id.chars().map(|c| if c.is_alphanumeric() || "-_.:".contains(c) { c } else { '_' }).collect();
    if key.is_empty() { "source".to_string() } else { key }
}

/// `2015`, `2015-07`, `2015-07-29`, with `~` (approximate) or `?` (uncertain) after it.
fn edtf(date: &Date) -> String {
    let mut text = format!("{:04}", date.year);
    if let Some(month) = date.month {
        let _ = write!(text, "-{month:02}");
    }
    if let Some(day) = date.day {
        let _ = write!(text, "-{day:02}");
    }
    match date.certainty {
        Certainty::Approximate => text.push('~'),
        Certainty::Uncertain => text.push('?'),
        Certainty::Exact | Certainty::Inferred => {}
    }
    text
}

/// Text for a braced field: LaTeX's special characters as commands, on one line.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\textbraceleft{}"),
            '}' => out.push_str("\\textbraceright{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '%' | '&' | '#' | '_' | '$' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A URL for biblatex's verbatim `url` field: braces, backslashes and white space
/// percent-encoded, everything else as it is.
fn verbatim_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        match c {
            '{' | '}' | '\\' => {
                let _ = write!(out, "%{:02X}", c as u32);
            }
            c if c.is_whitespace() || c.is_control() => {
                let mut bytes = [0; 4];
                for b in c.encode_utf8(&mut bytes).bytes() {
                    let _ = write!(out, "%{b:02X}");
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn langid_is_the_babel_name_or_left_out() {
        for (code, name) in [
            ("fr", Some("french")),
            ("en", Some("english")),
            ("en-GB", Some("british")),
            ("de-AT", Some("ngerman")),
            ("zh-Hans", None),
            ("", None),
        ] {
            assert_eq!(babel_name(code), name, "{code}");
        }
    }

    #[test]
    fn special_characters_become_commands_and_braces_balance() {
        assert_eq!(escape("R&D: 50% of #1 _x_ $5"), r"R\&D: 50\% of \#1 \_x\_ \$5");
        assert_eq!(
            escape(r"{a} \b ^ ~"),
            r"\textbraceleft{}a\textbraceright{} \textbackslash{}b \textasciicircum{} \textasciitilde{}"
        );
        assert_eq!(escape("« Déjà » 阿里云\nnext"), "« Déjà » 阿里云 next");
        for text in ["}{", "}}}", r"\{", "{{{"] {
            let escaped = escape(text);
            let depth = escaped.chars().try_fold(0i32, |d, c| match c {
                '{' => Some(d + 1),
                '}' => (d > 0).then(|| d - 1),
                _ => Some(d),
            });
            assert_eq!(depth, Some(0), "{text} → {escaped}");
        }
    }

    #[test]
    fn dates_keys_and_urls() {
        assert_eq!(edtf(&Date::parse("~2020").unwrap()), "2020~");
        assert_eq!(edtf(&Date::parse("2020-06?").unwrap()), "2020-06?");
        assert_eq!(edtf(&Date::parse("[2015-07-29]").unwrap()), "2015-07-29");
        assert_eq!(key("fr-2015.a_b"), "fr-2015.a_b");
        assert_eq!(key("a b,{c}"), "a_b__c_");
        assert_eq!(verbatim_url("https://x.example/a%20b?q={1}\\ "), "https://x.example/a%20b?q=%7B1%7D%5C");
    }
}
