//! The plain tree against toml's: on every chunk it builds, the same keys, values and spans.

use std::path::Path;

use proptest::prelude::*;
use toml::de::{DeTable, DeValue};

use super::parse;
use crate::load::split;

/// Where two trees first differ, or `None` when they are the same, spans included.
fn difference(ours: &DeTable<'_>, theirs: &DeTable<'_>, path: &str) -> Option<String> {
    let (a, b): (Vec<_>, Vec<_>) = (ours.iter().collect(), theirs.iter().collect());
    if a.len() != b.len() {
        return Some(format!("{path}: {} keys, expected {}", a.len(), b.len()));
    }
    for ((ka, va), (kb, vb)) in a.into_iter().zip(b) {
        let here = format!("{path}.{}", kb.get_ref());
        if ka.get_ref() != kb.get_ref() || ka.span() != kb.span() {
            return Some(format!("{here}: key {:?} at {:?}, expected at {:?}", ka.get_ref(), ka.span(), kb.span()));
        }
        if let Some(d) = value_difference(va, vb, &here) {
            return Some(d);
        }
    }
    None
}

fn value_difference(a: &toml::Spanned<DeValue<'_>>, b: &toml::Spanned<DeValue<'_>>, here: &str) -> Option<String> {
    if a.span() != b.span() {
        return Some(format!("{here}: span {:?}, expected {:?}", a.span(), b.span()));
    }
    match (a.get_ref(), b.get_ref()) {
        (DeValue::Table(x), DeValue::Table(y)) => difference(x, y, here),
        (DeValue::Array(x), DeValue::Array(y)) => {
            if x.len() != y.len() {
                return Some(format!("{here}: {} items, expected {}", x.len(), y.len()));
            }
            x.iter().zip(y.iter()).enumerate().find_map(|(i, (p, q))| value_difference(p, q, &format!("{here}[{i}]")))
        }
        (DeValue::String(x), DeValue::String(y)) => (x != y).then(|| format!("{here}: {x:?}, expected {y:?}")),
        (DeValue::Boolean(x), DeValue::Boolean(y)) => (x != y).then(|| format!("{here}: {x}, expected {y}")),
        (DeValue::Integer(x), DeValue::Integer(y)) => {
            (x.as_str() != y.as_str() || x.radix() != y.radix()).then(|| format!("{here}: {x}, expected {y}"))
        }
        (DeValue::Float(x), DeValue::Float(y)) => {
            (x.as_str() != y.as_str()).then(|| format!("{here}: {x}, expected {y}"))
        }
        (DeValue::Datetime(x), DeValue::Datetime(y)) => (x != y).then(|| format!("{here}: {x}, expected {y}")),
        (x, y) => Some(format!("{here}: {}, expected {}", x.type_str(), y.type_str())),
    }
}

/// When the plain tree is built, toml finds no error in `text` and builds the same tree.
/// Returns whether it was built.
fn check(name: &str, text: &str) -> bool {
    let Some(ours) = parse(text) else { return false };
    let (theirs, errors) = DeTable::parse_recoverable(text);
    assert!(errors.is_empty(), "{name}: built a plain tree of a text toml refuses: {errors:?}\n{text}");
    if let Some(d) = difference(&ours, theirs.get_ref(), "") {
        panic!("{name}: the plain tree differs from toml's at {d}\n{text}");
    }
    true
}

#[test]
fn the_chunks_of_the_fixtures_and_the_bundled_dataset_give_toml_s_tree_when_plain() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("data/aliyun.toml")];
    let mut dirs = vec![root.join("tests/fixtures")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixtures").flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                files.push(path);
            }
        }
    }
    let (mut chunks, mut plain) = (0, 0);
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else { continue };
        for chunk in split::split(&text, 1) {
            chunks += 1;
            plain += usize::from(check(&file.display().to_string(), &text[chunk.start..chunk.end]));
        }
    }
    // Most records are plain: the comparison above is not empty.
    assert!(plain * 2 > chunks, "{plain} plain chunks of {chunks}");
}

#[test]
fn records_of_every_plain_shape_are_built() {
    let text = "# a comment\n[[event]]\nid = \"e1\" # trailing\ndraft = false\nthemes = [\"a\", 'b',]\n\
                summary = \"\"\"\nline \\u00e9\n\"\"\"\n\n[[event.quote]]\nsource = 's'\ntext = '''x'''\n\n\
                [[event.figure]]\nvalue = 1_000\nother = 2.5e3\nwhen = 1979-05-27\n\n[[event]]\nid = \"e2\"\n\n\
                [[event.quote]]\nsource = \"s\"\n[[ source ]]\nid = \"s\"\n";
    assert!(check("shapes", text), "not built");
    let with_dataset = format!("# top\n[dataset]\ntitle = \"T\"\ninclude = [\"a.toml\"]\n\n{text}");
    assert!(check("shapes under [dataset]", &with_dataset), "not built");
}

#[test]
fn what_is_not_plain_is_left_to_toml() {
    for text in [
        "[dataset]\ntitle = \"t\"\n[dataset]\n",
        "[a.b]\nx = 1\n",
        "[[a]]\nx = 1\n[a]\n",
        "[a]\nx = 1\n[[a]]\n",
        "title = \"t\"\n",
        "[[event]]\na.b = 1\n",
        "[[event]]\na = { b = 1 }\n",
        "[[event]]\na = [[1], 2]\n",
        "[[event]]\na = 1\na = 2\n",
        "[[event.quote]]\ntext = \"orphan\"\n",
        "[[event]]\nquote = \"x\"\n[[event.quote]]\ntext = \"y\"\n",
        "[[event]]\nquote = []\n[[event.quote]]\ntext = \"y\"\n",
        "[[a.b.c]]\nx = 1\n",
        "[[event]]\nid = \"unterminated\n",
        "[[event]]\nid = \"bad escape \\q\"\n",
        "\u{feff}[[event]]\nid = \"e\"\n",
        "[[event]]\n# a comment with a \u{7} bell\n",
    ] {
        assert!(parse(text).is_none(), "built a plain tree of {text:?}");
    }
}

#[test]
fn blank_lines_and_comment_lines_cost_no_tokens() {
    let flood = "\n  \n# note\n\t# note\n\r\n".repeat(10_000);
    for text in [format!("{flood}[[event]]\nid = \"e\"\n{flood}"), flood.clone()] {
        let mut errors = super::Errors(false);
        let tokens = super::meaningful_tokens(&text, &toml_parser::Source::new(&text), &mut errors);
        assert!(tokens.len() < 20, "{} tokens", tokens.len());
        assert!(!errors.0);
        check("flood", &text);
    }
}

fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "[[event]]\n",
        "[[event.quote]]\n",
        "[[event.figure]]\n",
        "[[source]]\n",
        "[[ event . quote ]]\n",
        "[[event.quote.deep]]\n",
        "[dataset]\n",
        "[ dataset ]\n",
        "[dataset.sub]\n",
        "[event]\n",
        "id = \"e\"\n",
        "id = 'e'\n",
        "title = \"t\\\"é\\n\"\n",
        "\"quoted key\" = 1\n",
        "a.b = 2\n",
        "quote = \"q\"\n",
        "quote = []\n",
        "themes = [\"a\", \"b\"]\n",
        "themes = [\n  \"a\", # why\n  \"b\",\n]\n",
        "n = [[1], 2]\n",
        "t = { x = 1 }\n",
        "v = 0x1F\n",
        "v = +inf\n",
        "v = 1979-05-27T07:32:00Z\n",
        "v = 1.5\n",
        "v = true\n",
        "ml = \"\"\"\nx\ny\"\"\"\n",
        "lit = '''\nraw\\n'''\n",
        "# comment\n",
        "  # indented comment\n",
        "# a \u{0} in a comment\n",
        "\r\n",
        "  \r\n",
        "\t\n\n\n",
        "\n",
        "   \t\n",
        "bad = \"\\q\"\n",
        "= 3\n",
        "x = \n",
        "[[event]\n",
        "\u{7}\n",
        "t = \"tab\there, then more than thirty-two bytes before an \\\" escape\"\n",
        "ml = \"\"\"\r\nwindows\r\nlines\"\"\"\n",
        "ml = \"\"\"\nends with quotes\"\"\"\"\"\n",
        "ml = \"\"\"line \\\n  continued\"\"\"\n",
        "ml = \"\"\"\n\nstarts with a blank line\"\"\"\n",
        "c1 = \"\u{85} next line\"\n",
        "del = \"\u{7f}\"\n",
        "long = \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\u{1}\"\n",
        "long = \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"\n",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
    #[test]
    fn whenever_a_plain_tree_is_built_it_is_toml_s(pieces in prop::collection::vec(piece(), 0..14)) {
        check("generated", &pieces.concat());
    }
}
