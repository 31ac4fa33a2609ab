//! A saved web page's article and what the page says about it.
//!
//! The body is found by a Readability port (`dom_smoothie`), then written as plain paragraphs:
//! each run of text between two block elements (paragraph, heading, list item, line break…)
//! becomes one paragraph, its white space collapsed, its no-break spaces kept. Nothing is
//! added: every paragraph is a piece of the page's own text.
//!
//! The metadata comes only from the page's tags: `og:*`, `<title>`, `meta name=author`,
//! `article:*`, `<link rel=canonical>`, `<html lang>`, and the names it marks as its author
//! (`rel=author`, `itemprop=author`) outside its comments. What the page does not give stays
//! out.

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability};

/// An article as extracted from a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    pub title: Option<String>,
    pub authors: Vec<String>,
    /// The publication time as the page's tag gives it (`2015-07-29T10:00:00+02:00`).
    pub published: Option<String>,
    /// Which tag `published` came from, for the record's `date_note`.
    pub published_from: Option<&'static str>,
    pub site_name: Option<String>,
    pub section: Option<String>,
    pub canonical: Option<String>,
    pub language: Option<String>,
    /// The article's text, paragraph by paragraph.
    pub paragraphs: Vec<String>,
}

impl Page {
    /// The text as written to `articles/<id>.txt`: paragraphs separated by a blank line.
    pub fn text(&self) -> String {
        let mut text = self.paragraphs.join("\n\n");
        text.push('\n');
        text
    }

    /// How many paragraphs the text holds: runs of lines with text between blank lines (a
    /// text file is kept whole, as one piece of `paragraphs`, however many it holds).
    pub fn paragraph_count(&self) -> usize {
        let mut count = 0;
        for piece in &self.paragraphs {
            let mut within = false;
            for line in piece.lines() {
                let blank = line.trim().is_empty();
                count += usize::from(!blank && !within);
                within = !blank;
            }
        }
        count
    }
}

/// Elements whose start and end break the text into paragraphs.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Elements whose content is never text of the page.
const SKIPPED: &[&str] = &["script", "style", "noscript", "template", "head", "title", "iframe", "object", "svg"];

/// The deepest nesting of elements a page may have (saved news pages stay well under 100).
const MAX_DEPTH: usize = 1000;

/// Elements that close themselves (void) or are closed by the next of their kind: they add no
/// depth that lasts.
const NO_DEPTH: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "p", "li",
    "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "rb", "rt", "rp",
];

/// How deep the page's elements nest, from its tags alone, in one pass: opening tags count
/// one level, closing tags take one away; comments and the insides of `<script>` and
/// `<style>` are skipped.
fn nesting_depth(page: &str) -> usize {
    let bytes = page.as_bytes();
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 0usize);
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        at += offset + 1;
        let rest = &page[at..];
        if rest.starts_with("!--") {
            at += rest.find("-->").map_or(rest.len(), |end| end + 3);
            continue;
        }
        let closing = rest.starts_with('/');
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if name.is_empty() || NO_DEPTH.contains(&name.as_str()) {
            continue;
        }
        let end = rest.find('>').unwrap_or(rest.len());
        if closing {
            depth = depth.saturating_sub(1);
        } else if !rest[..end].ends_with('/') {
            depth += 1;
            deepest = deepest.max(depth);
            if name == "script" || name == "style" {
                let inside = &bytes[at + end..];
                at += end + closing_tag(inside, name.as_bytes()).unwrap_or(inside.len());
            }
        }
    }
    deepest
}

/// Where `</name` starts in `text`, case ignored.
fn closing_tag(text: &[u8], name: &[u8]) -> Option<usize> {
    memchr::memchr_iter(b'<', text).find(|&at| {
        let tag = &text[at + 1..];
        tag.first() == Some(&b'/') && tag.get(1..=name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name))
    })
}

/// The least text an article may have, in characters.
const MIN_ARTICLE_CHARS: usize = 140;

/// Extracts the article and its metadata from a saved page. An error when the page has no
/// article (a list of links, an empty page): never a text made of menus and footers.
pub fn html(page: &str) -> Result<Page, String> {
    let depth = nesting_depth(page);
    if depth > MAX_DEPTH {
        // The HTML parser's time grows with the square of the depth: refused before it runs.
        return Err(format!(
            "the page nests its elements {depth} levels deep (annals reads up to {MAX_DEPTH}); not a page as a browser saves it"
        ));
    }
    let document = Document::from(page);
    let mut found = metadata(&document);
    let config = Config { disable_json_ld: true, ..Config::default() };
    let mut readability = Readability::with_document(document, None, Some(config))
        .map_err(|e| format!("the page could not be read as HTML ({e})"))?;
    if !readability.is_probably_readable() {
        return Err(NO_ARTICLE.to_string());
    }
    let article = readability.parse().map_err(|_| NO_ARTICLE.to_string())?;
    let content = Document::from(article.content.as_ref());
    let paragraphs = paragraphs(&content.root());
    if paragraphs.iter().map(|p| p.chars().count()).sum::<usize>() < MIN_ARTICLE_CHARS {
        return Err(NO_ARTICLE.to_string());
    }
    found.paragraphs = paragraphs;
    Ok(found)
}

const NO_ARTICLE: &str = "no article found in the page: it has no run of paragraphs that reads as an article \
     (save the article's own page, or copy its text into a .txt file)";

/// Paragraphs of the text under `node`: runs of text between block elements, white space
/// collapsed, empty runs dropped.
pub fn paragraphs(node: &NodeRef<'_>) -> Vec<String> {
    enum Step<'a> {
        Enter(NodeRef<'a>),
        /// The end of a block element.
        Leave,
    }
    let mut out = Vec::new();
    let mut current = String::new();
    // Depth first with a stack of its own: a page nested a million levels deep is no risk.
    let mut stack: Vec<Step<'_>> = node.children().into_iter().rev().map(Step::Enter).collect();
    while let Some(step) = stack.pop() {
        let child = match step {
            Step::Leave => {
                flush(&mut current, &mut out);
                continue;
            }
            Step::Enter(child) => child,
        };
        if child.is_text() {
            current.push_str(&child.text());
        } else if child.is_element() {
            let name = child.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
            if SKIPPED.contains(&name.as_str()) {
                continue;
            }
            if BLOCKS.contains(&name.as_str()) {
                flush(&mut current, &mut out);
                stack.push(Step::Leave);
            }
            stack.extend(child.children().into_iter().rev().map(Step::Enter));
        }
    }
    flush(&mut current, &mut out);
    out
}

fn flush(current: &mut String, out: &mut Vec<String>) {
    let paragraph = collapse(current);
    if !paragraph.is_empty() {
        out.push(paragraph);
    }
    current.clear();
}

/// Runs of ASCII white space as one space, trimmed; no-break spaces are kept as they are.
pub fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_ascii_whitespace()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A byline without its "By " or "Par ": the name as the page prints it.
fn strip_by(byline: String) -> Option<String> {
    let lower = byline.to_lowercase();
    let name = ["by ", "par ", "von ", "por "]
        .iter()
        .find(|p| lower.starts_with(*p))
        .map_or(byline.as_str(), |p| byline[p.len()..].trim());
    (!name.is_empty()).then(|| name.to_string())
}

/// A `<title>` without the site's name the page adds to it (`Headline | Site`), when the
/// page names its site in `og:site_name`: the rest is the page's own words.
fn without_site(title: String, site: Option<&str>) -> String {
    let Some(site) = site.filter(|s| !s.is_empty()) else { return title };
    for separator in [" | ", " - ", " – ", " — ", " · ", " : "] {
        if let Some(head) = title.strip_suffix(site).and_then(|t| t.strip_suffix(separator))
            && !head.trim().is_empty()
        {
            return head.trim().to_string();
        }
    }
    title
}

/// The names the page marks as its author (`rel=author`, `itemprop=author`), outside its
/// comments: a commenter is not the article's author.
fn byline_links(document: &Document) -> Vec<String> {
    let mut names = Vec::new();
    let Some(found) = document.try_select("[rel=\"author\"], [itemprop=\"author\"]") else { return names };
    for node in found.nodes() {
        let in_comments = node.ancestors_it(None).any(|a| {
            let marks = format!("{} {}", a.attr("id").unwrap_or_default(), a.attr("class").unwrap_or_default());
            marks.to_ascii_lowercase().contains("comment")
        });
        let Some(name) = strip_by(collapse(&node.text())) else { continue };
        if !in_comments && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// The metadata in the page's own tags.
fn metadata(document: &Document) -> Page {
    let meta = |attr: &str, name: &str| -> Option<String> {
        let selector = format!("meta[{attr}=\"{name}\"]");
        let found = document.try_select(&selector)?;
        found.iter().filter_map(|m| m.attr("content")).map(|c| collapse(&c)).find(|c| !c.is_empty())
    };
    let title_tag = document.try_select("head title").map(|t| collapse(&t.text())).filter(|t| !t.is_empty());
    let site_name = meta("property", "og:site_name");
    let title_tag = title_tag.map(|t| without_site(t, site_name.as_deref()));
    let title = meta("property", "og:title").or_else(|| meta("name", "twitter:title")).or(title_tag);
    let mut authors: Vec<String> = Vec::new();
    if let Some(found) = document.try_select("meta[name=\"author\"]") {
        for content in found.iter().filter_map(|m| m.attr("content")) {
            let name = collapse(&content);
            if !name.is_empty() && !authors.contains(&name) {
                authors.push(name);
            }
        }
    }
    if authors.is_empty()
        && let Some(name) = meta("property", "article:author").filter(|a| !a.contains("://"))
    {
        authors.push(name);
    }
    if authors.is_empty() {
        authors = byline_links(document);
    }
    let published_tags: [(&str, &str, &'static str); 4] = [
        ("property", "article:published_time", "article:published_time"),
        ("property", "og:published_time", "og:published_time"),
        ("itemprop", "datePublished", "itemprop=datePublished"),
        ("name", "date", "meta name=date"),
    ];
    let (published, published_from) = published_tags
        .iter()
        .find_map(|(attr, name, label)| meta(attr, name).map(|value| (Some(value), Some(*label))))
        .unwrap_or((None, None));
    let canonical = document
        .try_select("link[rel=\"canonical\"]")
        .and_then(|l| l.attr("href"))
        .map(|h| h.trim().to_string())
        .or_else(|| meta("property", "og:url"));
    let language = document
        .try_select("html")
        .and_then(|h| h.attr("lang"))
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .or_else(|| meta("http-equiv", "content-language"))
        .or_else(|| meta("property", "og:locale"));
    Page {
        title,
        authors,
        published,
        published_from,
        site_name,
        section: meta("property", "article:section"),
        canonical,
        language,
        paragraphs: Vec::new(),
    }
}

/// A plain text or Markdown file: its text as it is; for Markdown, its first `# ` heading as
/// the title.
pub fn plain(text: &str, markdown: bool) -> Page {
    let title = markdown
        .then(|| text.lines().find_map(|l| l.strip_prefix("# ").map(collapse)))
        .flatten()
        .filter(|t| !t.is_empty());
    let paragraphs = vec![text.trim_end_matches(['\n', '\r']).to_string()];
    Page { title, paragraphs, ..Page::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_break_paragraphs_and_inline_elements_do_not() {
        let doc = Document::from(
            "<div><p>One <b>bold</b>\n  word.</p><p>Two<br>lines</p><ul><li>a</li><li>b</li></ul>\
             <script>var x = 1;</script><p>Trois\u{a0}: fin</p></div>",
        );
        assert_eq!(paragraphs(&doc.root()), ["One bold word.", "Two", "lines", "a", "b", "Trois\u{a0}: fin"]);
    }

    #[test]
    fn nesting_is_measured_from_the_tags() {
        assert_eq!(nesting_depth("<html><body><div><p>a<p>b<br><img src=x></div></body></html>"), 3);
        assert_eq!(nesting_depth("<div><!-- <div><div> --><script>if (a<b) {'<div>'}</script></div>"), 2);
        assert_eq!(nesting_depth(&"<div>".repeat(5000)), 5000);
        assert_eq!(nesting_depth(&"<div></div>".repeat(5000)), 1);
        assert_eq!(nesting_depth(&"<p>text".repeat(5000)), 0);
    }

    #[test]
    fn paragraphs_are_counted_between_blank_lines() {
        let text = "One\nline two\n\nTwo\n\n\n \t\nThree\n";
        assert_eq!(plain(text, false).paragraph_count(), 3);
        assert_eq!(plain(text, false).text(), text, "the text itself is kept as it is");
        let page = Page { paragraphs: vec!["a".into(), "b c".into()], ..Page::default() };
        assert_eq!(page.paragraph_count(), 2);
        assert_eq!(Page::default().paragraph_count(), 0);
    }

    #[test]
    fn markdown_titles_come_from_the_first_heading() {
        let page = plain("Intro\n# The title\n\nBody\n", true);
        assert_eq!(page.title.as_deref(), Some("The title"));
        assert_eq!(page.text(), "Intro\n# The title\n\nBody\n");
        assert_eq!(plain("# Not a title in text\n", false).title, None);
    }

    #[test]
    fn bylines_lose_their_by() {
        assert_eq!(strip_by("By Marie Dupont".into()).as_deref(), Some("Marie Dupont"));
        assert_eq!(strip_by("Par Jean Martin".into()).as_deref(), Some("Jean Martin"));
        assert_eq!(strip_by("Techfu".into()).as_deref(), Some("Techfu"));
        assert_eq!(strip_by("By ".into()), None);
    }
}
