//! The config file at scale and with hostile key names: problems are positioned without
//! counting the file again for each, capped as the loader caps them, and key names that no
//! key press gives are refused.

use annals::config::parse;
use annals::input::action::Action;
use annals::input::keymap::Keymap;
use annals::load::{LineIndex, MAX_LISTED};

/// 100,000 unknown bindings (1.9 MB): each problem's position was counted from the start of
/// the file (minutes in a debug build), and every problem was listed. Now the first thousand
/// are, in file order, with a last line saying there are more.
#[test]
fn a_config_of_a_hundred_thousand_problems_lists_the_first_thousand() {
    let mut text = String::from("theme = \"dark\"\n[keys]\n");
    for i in 0..100_000 {
        text.push_str(&format!("not_an_action_{i:06} = [\"x\"]\n"));
    }
    text.push_str("quit = [\"Q\"]\n");
    let (config, problems) = parse("big.toml", &text);
    assert_eq!(problems.len(), MAX_LISTED + 1);
    let lines = LineIndex::new(&text);
    for (i, problem) in problems.iter().take(MAX_LISTED).enumerate() {
        let offset = text.find(&format!("not_an_action_{i:06} =")).expect("written") + 23;
        assert_eq!((problem.line, problem.column), lines.position(&text, offset), "{problem}");
        assert!(problem.message.starts_with("keys.not_an_action_"), "{problem}");
    }
    assert_eq!(
        problems[MAX_LISTED].to_string(),
        "big.toml: more problems were found; only the first 1000 are listed (fix these and check again)"
    );
    assert_eq!(config.keymap.hint(Action::Quit), "Q", "bindings after the cap still apply");
}

/// Problems on one long line: their columns are right (and counted forward, not from the start
/// of the line for each).
#[test]
fn problems_on_one_long_line_have_their_columns() {
    let entries: Vec<String> = (0..20_000).map(|i| format!("nope_{i:05} = [\"é\"]")).collect();
    let text = format!("keys = {{ {} }}\n", entries.join(", "));
    let (_, problems) = parse("line.toml", &text);
    assert_eq!(problems.len(), MAX_LISTED + 1);
    let lines = LineIndex::new(&text);
    for (i, problem) in problems.iter().take(MAX_LISTED).enumerate() {
        let offset = text.find(&format!("nope_{i:05} =")).expect("written") + 13;
        assert_eq!((problem.line, problem.column), lines.position(&text, offset), "{problem}");
    }
}

/// A key name with a control, bidi or invisible character is refused, and the binding keeps
/// its default.
#[test]
fn key_names_with_control_characters_are_refused() {
    for (written, code) in [
        ("\\u001b", "001B"),
        ("\\u0007", "0007"),
        ("ctrl-\\u0000", "0000"),
        ("\\u009b", "009B"),
        ("\\u202e", "202E"),
        ("a\\u200b", "200B"),
        ("\\t", "0009"),
    ] {
        let text = format!("[keys]\ndown = [\"j\", \"{written}\"]\n");
        let (config, problems) = parse("c.toml", &text);
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [format!(
                "c.toml:2:8: keys.down: a key name holds the control or invisible character U+{code} (expected a \
                 character, or a name such as enter, esc, tab, up, pagedown, f1) (this binding is ignored)"
            )],
            "{written}"
        );
        assert_eq!(config.keymap.hint(Action::Down), Keymap::default_keymap().hint(Action::Down));
    }
    // Printable characters and names are still keys.
    let (config, problems) = parse("c.toml", "[keys]\ndown = [\"é\", \"ctrl-x\"]\n");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(config.keymap.hint(Action::Down), "é");
}
