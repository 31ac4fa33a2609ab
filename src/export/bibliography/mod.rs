//! The sources as a bibliography: CSL-JSON (`csl.rs`, what Zotero, Pandoc and citeproc
//! engines read) and BibTeX/biblatex (`bibtex.rs`, for LaTeX and Pandoc). hayagriva, which
//! renders the `Y` citations, reads these formats but writes neither, so both are written
//! here; each entry is built from the fields the source has and nothing else.
//!
//! Shared choices, the same as `crate::cite`'s:
//! - a source with a publisher is a newspaper article (the publisher its container), one
//!   without is a web page;
//! - an editorial title (the page has none) is written in square brackets;
//! - authors written `Family, Given` are split into family and given names; any other name
//!   (an organisation, a single name) is kept whole as a literal;
//! - an inferred date (`[2015-07-29]`) is the date it is; an approximate (`~`) or uncertain
//!   (`?`) one is marked as such where the format can say so.
//!
//! Left out, as neither format has a field for them: the date notes, the page lines, the
//! archived copy's URL, whether a title is editorial (beyond its brackets).

mod bibtex;
mod csl;

pub(super) use bibtex::write as write_bibtex;
pub(super) use csl::write as write_csl;

use crate::model::Source;

/// A name as the byline gives it.
#[derive(Debug, PartialEq, Eq)]
enum Name<'a> {
    Person { family: &'a str, given: &'a str },
    Literal(&'a str),
}

fn name(author: &str) -> Name<'_> {
    match author.split_once(',') {
        Some((family, given)) if !family.trim().is_empty() && !given.trim().is_empty() => {
            Name::Person { family: family.trim(), given: given.trim() }
        }
        _ => Name::Literal(author.trim()),
    }
}

/// The title as cited: an editorial one in square brackets, on one line.
fn title(source: &Source) -> String {
    let title = one_line(&source.title);
    if source.title_editorial { format!("[{title}]") } else { title }
}

/// Runs of white space (line breaks included) as one space; sanitised.
fn one_line(text: &str) -> String {
    super::clean(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_on_the_first_comma_only() {
        assert_eq!(name("Zhang, Daniel"), Name::Person { family: "Zhang", given: "Daniel" });
        assert_eq!(name("de la Fontaine, Jean, Jr."), Name::Person { family: "de la Fontaine", given: "Jean, Jr." });
        assert_eq!(name("Reuters"), Name::Literal("Reuters"));
        assert_eq!(name("Techfu, "), Name::Literal("Techfu,"));
    }
}
