//! The optional configuration file: theme, colours, pane proportions and key bindings.
//!
//! A broken file never stops the app: each problem becomes a diagnostic (file, line, column,
//! what and what was expected), the setting it concerns keeps its default, and the app shows
//! a warning.

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use crate::cite::CitationStyle;
use crate::input::keymap::{DEFAULT_KEYMAP, Keymap};
use crate::layout::Proportions;
use crate::load::{Diagnostic, LineIndex, MAX_LISTED, did_you_mean};
use palette::{ColorMode, Palette, Theme};

pub mod palette;

/// Whether to use colour: `auto` follows `NO_COLOR` and `COLORTERM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// Everything a config file can set, with the defaults where it says nothing.
#[derive(Debug, Clone)]
pub struct Config {
    pub theme: Theme,
    pub color: ColorChoice,
    pub layout: Proportions,
    pub keymap: Keymap,
    /// The style of the citation that `Y` copies and the Markdown export prints.
    pub citation_style: CitationStyle,
    /// `[files] allow_outside_dataset`: a dataset may name files (`text_file`, `include`)
    /// outside its own folder.
    pub allow_outside_dataset: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            theme: Theme::Dark,
            color: ColorChoice::Auto,
            layout: Proportions::default(),
            keymap: Keymap::default_keymap(),
            citation_style: CitationStyle::default(),
            allow_outside_dataset: false,
        }
    }
}

impl Config {
    /// The palette for this config in an environment read through `var`.
    pub fn palette(&self, var: impl Fn(&str) -> Option<String>) -> Palette {
        let mode = match self.color {
            ColorChoice::Never => ColorMode::None,
            ColorChoice::Always => match ColorMode::detect(|name| if name == "NO_COLOR" { None } else { var(name) }) {
                ColorMode::None => ColorMode::Ansi16,
                mode => mode,
            },
            ColorChoice::Auto => ColorMode::detect(var),
        };
        Palette { mode, theme: self.theme }
    }
}

/// `$XDG_CONFIG_HOME/annals/config.toml` (usually `~/.config/annals/config.toml`).
pub fn default_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    etcetera::choose_base_strategy().ok().map(|s| s.config_dir().join("annals").join("config.toml"))
}

/// Reads the config at `path` (`explicit` when the user named it with `--config`; a missing
/// default file is not a problem). Returns the config and every problem found.
pub fn load(path: &Path, explicit: bool) -> (Config, Vec<Diagnostic>) {
    let name = path.display().to_string();
    // At most 16 MiB, and a named pipe with no writer is given up: see `load::read_text`.
    match crate::load::read_text(path, 16 << 20) {
        Ok(text) => parse(&name, &text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => (Config::default(), Vec::new()),
        Err(e) => {
            let message = format!("cannot read the config file: {e} (defaults used)");
            (Config::default(), vec![Diagnostic { file: name, line: 0, column: 0, message }])
        }
    }
}

struct Problems<'a> {
    file: &'a str,
    text: &'a str,
    /// Where each line starts, built once: a position is then a binary search, not a count
    /// from the start of the file for each problem.
    lines: Option<LineIndex>,
    found: Vec<Diagnostic>,
    /// Problems found past those kept.
    more: usize,
}

impl Problems<'_> {
    /// Past a few times the problems listed, the rest are only counted (a file of 100,000
    /// unknown bindings must not cost seconds on every start); the first ones in file order
    /// are listed, as the loader does.
    fn is_full(&self) -> bool {
        self.found.len() >= 4 * MAX_LISTED
    }

    fn at(&mut self, span: Range<usize>, message: String) {
        if self.is_full() {
            self.more += 1;
            return;
        }
        let text = self.text;
        let (line, column) = self.lines.get_or_insert_with(|| LineIndex::new(text)).position(text, span.start);
        self.found.push(Diagnostic { file: self.file.to_string(), line, column, message });
    }

    /// The problems in file order, the first [`MAX_LISTED`], and a last line if there were more.
    fn finish(mut self) -> Vec<Diagnostic> {
        self.found.sort_by_key(|d| (d.line, d.column));
        if self.found.len() > MAX_LISTED || self.more > 0 {
            self.found.truncate(MAX_LISTED);
            let message =
                format!("more problems were found; only the first {MAX_LISTED} are listed (fix these and check again)");
            self.found.push(Diagnostic { file: self.file.to_string(), line: 0, column: 0, message });
        }
        self.found
    }
}

/// The top-level settings of a config file.
const SETTINGS: &[&str] = &["theme", "color", "citation_style", "layout", "files", "keys"];

/// Parses config text; problems are reported and their settings left at the default.
pub fn parse(file: &str, text: &str) -> (Config, Vec<Diagnostic>) {
    let mut config = Config::default();
    let mut problems = Problems { file, text, lines: None, found: Vec::new(), more: 0 };
    let (root, errors) = DeTable::parse_recoverable(text);
    for error in &errors {
        let message = error.message().trim().replace('\n', "; ");
        problems.at(error.span().unwrap_or(0..0), format!("TOML syntax error: {message}"));
    }
    if !errors.is_empty() {
        return (config, problems.finish());
    }
    for (key, value) in root.get_ref().iter() {
        let span = value.span();
        match (key.get_ref().as_ref(), value.get_ref()) {
            ("theme", DeValue::String(name)) => match Theme::parse(name) {
                Some(theme) => config.theme = theme,
                None => problems.at(span, format!("theme \"{name}\" is not known (expected \"dark\" or \"light\")")),
            },
            ("color", DeValue::String(name)) => match name.as_ref() {
                "auto" => config.color = ColorChoice::Auto,
                "always" => config.color = ColorChoice::Always,
                "never" => config.color = ColorChoice::Never,
                _ => problems
                    .at(span, format!("color \"{name}\" is not known (expected \"auto\", \"always\" or \"never\")")),
            },
            ("citation_style", DeValue::String(name)) => match CitationStyle::parse(name) {
                Some(style) => config.citation_style = style,
                None => {
                    let names = CitationStyle::NAMES.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>();
                    let hint = did_you_mean(name, CitationStyle::NAMES)
                        .map(|c| format!("did you mean \"{c}\"? "))
                        .unwrap_or_default();
                    problems.at(
                        span,
                        format!("citation_style \"{name}\" is not known ({hint}expected one of: {})", names.join(", ")),
                    );
                }
            },
            ("layout", DeValue::Table(table)) => read_layout(&mut problems, table, &mut config.layout),
            ("keys", DeValue::Table(table)) => read_keys(&mut problems, table, &mut config.keymap),
            ("files", DeValue::Table(table)) => read_files(&mut problems, table, &mut config),
            (name @ ("theme" | "color" | "citation_style"), other) => {
                problems.at(span, format!("{name} is {} (expected a string)", other.type_str()));
            }
            (name @ ("layout" | "files" | "keys"), other) => {
                problems.at(span, format!("{name} is {} (expected a table, written [{name}])", other.type_str()));
            }
            (name, _) => unknown(&mut problems, key.span(), name, SETTINGS, "setting"),
        }
    }
    (config, problems.finish())
}

fn unknown(problems: &mut Problems<'_>, span: Range<usize>, name: &str, known: &[&str], what: &str) {
    let hint = did_you_mean(name, known.iter().copied()).map(|c| format!("did you mean \"{c}\"? ")).unwrap_or_default();
    problems.at(span, format!("unknown {what} \"{name}\" ({hint}expected one of: {})", known.join(", ")));
}

fn read_files(problems: &mut Problems<'_>, table: &DeTable<'_>, config: &mut Config) {
    for (key, value) in table.iter() {
        let name: &str = key.get_ref();
        match (name, value.get_ref()) {
            ("allow_outside_dataset", DeValue::Boolean(allow)) => config.allow_outside_dataset = *allow,
            ("allow_outside_dataset", other) => problems
                .at(value.span(), format!("allow_outside_dataset is {} (expected true or false)", other.type_str())),
            _ => unknown(problems, key.span(), name, &["allow_outside_dataset"], "files setting"),
        }
    }
}

fn read_layout(problems: &mut Problems<'_>, table: &DeTable<'_>, layout: &mut Proportions) {
    for (key, value) in table.iter() {
        let name: &str = key.get_ref();
        let (slot, range) = match name {
            "timeline_width" => (&mut layout.timeline_width, 30..=70),
            "detail_height" => (&mut layout.detail_height, 20..=80),
            _ => {
                unknown(problems, key.span(), name, &["timeline_width", "detail_height"], "layout setting");
                continue;
            }
        };
        let (number, given) = match value.get_ref() {
            DeValue::Integer(i) => (u16::from_str_radix(i.as_str(), i.radix()).ok(), i.as_str().to_string()),
            other => (None, other.type_str().to_string()),
        };
        match number.filter(|n| range.contains(n)) {
            Some(n) => *slot = n,
            None => problems.at(
                value.span(),
                format!(
                    "layout.{name} is {given}, expected a whole number from {} to {} (percent)",
                    range.start(),
                    range.end()
                ),
            ),
        }
    }
}

fn read_keys(problems: &mut Problems<'_>, table: &DeTable<'_>, keymap: &mut Keymap) {
    // The whole table is applied at once (two keys can be swapped); each entry keeps its
    // position for the problems.
    let mut overrides = toml::Table::new();
    let mut spans: Vec<(Option<String>, String, Range<usize>)> = Vec::new();
    let mut entry = |section: Option<&str>, name: &str, value: &DeValue<'_>, span: Range<usize>| {
        let keys: Option<Vec<toml::Value>> = match value {
            DeValue::Array(items) => items
                .iter()
                .map(|item| match item.get_ref() {
                    DeValue::String(s) => Some(toml::Value::String(s.to_string())),
                    _ => None,
                })
                .collect(),
            _ => None,
        };
        let dotted = section.map_or(format!("keys.{name}"), |s| format!("keys.{s}.{name}"));
        let Some(keys) = keys else {
            return Err((span, format!("{dotted} must be an array of key names, such as [\"j\", \"down\"]")));
        };
        // No key press gives a control, bidi or invisible character: such a name would only
        // put the character on screen (in the help) or never match.
        let names = keys.iter().filter_map(toml::Value::as_str);
        if let Some(c) = names.flat_map(str::chars).find(|&c| crate::text::sanitize::is_unsafe(c)) {
            return Err((
                span,
                format!(
                    "{dotted}: a key name holds the control or invisible character U+{:04X} (expected a character, \
                     or a name such as enter, esc, tab, up, pagedown, f1) (this binding is ignored)",
                    c as u32
                ),
            ));
        }
        spans.push((section.map(str::to_string), name.to_string(), span));
        Ok(toml::Value::Array(keys))
    };
    for (key, value) in table.iter() {
        let name: &str = key.get_ref();
        match value.get_ref() {
            DeValue::Table(inner) => {
                let mut section = toml::Table::new();
                for (k, v) in inner.iter() {
                    match entry(Some(name), k.get_ref(), v.get_ref(), v.span()) {
                        Ok(keys) => {
                            section.insert(k.get_ref().to_string(), keys);
                        }
                        Err((span, message)) => problems.at(span, message),
                    }
                }
                overrides.insert(name.to_string(), toml::Value::Table(section));
            }
            other => match entry(None, name, other, value.span()) {
                Ok(keys) => {
                    overrides.insert(name.to_string(), keys);
                }
                Err((span, message)) => problems.at(span, message),
            },
        }
    }
    let mut refused: Vec<(Range<usize>, String)> = Vec::new();
    // Looked up once per refused binding: a map, not a scan (a config of 100k bad entries).
    let mut first_span: std::collections::HashMap<(Option<&str>, &str), &Range<usize>> = Default::default();
    for (section, action, span) in &spans {
        first_span.entry((section.as_deref(), action.as_str())).or_insert(span);
    }
    for binding in keymap.apply(&overrides) {
        let span = first_span
            .get(&(binding.section.as_deref(), binding.action.as_str()))
            .map(|span| (*span).clone())
            .or_else(|| table.get(binding.action.as_str()).map(|v| v.span()))
            .unwrap_or(0..0);
        let dotted = match &binding.section {
            Some(section) => format!("keys.{section}.{}", binding.action),
            None => format!("keys.{}", binding.action),
        };
        refused.push((span, format!("{dotted}: {} (this binding is ignored)", binding.message)));
    }
    // In the order of the file.
    refused.sort_by_key(|(span, _)| span.start);
    for (span, message) in refused {
        problems.at(span, message);
    }
}

/// The full default config, commented: what `annals --print-config` writes.
pub fn default_text() -> String {
    // The keymap's sections become tables of [keys]: [global] is [keys.global].
    let keys: String = DEFAULT_KEYMAP
        .lines()
        .map(|l| match l.strip_prefix('[') {
            Some(section) => format!("[keys.{section}\n"),
            None => format!("{l}\n"),
        })
        .collect();
    format!(
        "# annals configuration. Every setting is optional; these are the defaults.
# Where annals looks: $XDG_CONFIG_HOME/annals/config.toml (usually ~/.config/annals/config.toml);
# `annals --config PATH` reads another file. Problems are reported with their line and column,
# and annals starts with the defaults for whatever is wrong.

# \"dark\" or \"light\": the colours suited to your terminal's background.
theme = \"dark\"

# \"auto\" follows NO_COLOR (no colour) and COLORTERM=truecolor; \"always\" or \"never\".
color = \"auto\"

# The style of the citation that Y copies and the Markdown export prints: \"apa\" (APA 7),
# \"chicago-author-date\", \"chicago-notes\", \"mla\" or \"harvard\".
citation_style = \"apa\"

[layout]
# Percent of the width for the timeline pane (30 to 70).
timeline_width = 46
# Percent of the right column for the detail pane; the quotes get the rest (20 to 80).
detail_height = 55

[files]
# Whether a dataset may name files outside its own folder (a source's text_file, an include):
# false refuses paths such as \"../../etc/passwd\" with an error.
allow_outside_dataset = false

[keys]
{keys}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_outside_the_dataset_are_refused_unless_the_config_allows_them() {
        assert!(!Config::default().allow_outside_dataset);
        let (config, problems) = parse("c.toml", "[files]\nallow_outside_dataset = true\n");
        assert!(config.allow_outside_dataset && problems.is_empty(), "{problems:?}");
        let (config, problems) = parse("c.toml", "[files]\nallow_outside_dataset = \"yes\"\nallow_outside = 1\n");
        assert!(!config.allow_outside_dataset);
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "c.toml:2:25: allow_outside_dataset is string (expected true or false)",
                "c.toml:3:1: unknown files setting \"allow_outside\" (expected one of: allow_outside_dataset)",
            ]
        );
    }

    #[test]
    fn the_printed_default_config_reads_back_as_the_defaults() {
        let (config, problems) = parse("default.toml", &default_text());
        assert_eq!(problems, Vec::new());
        assert_eq!(config.layout, Proportions::default());
        assert_eq!(config.keymap, Keymap::default_keymap());
        assert_eq!(config.citation_style, CitationStyle::Apa);
    }

    #[test]
    fn the_citation_style_is_read_and_an_unknown_one_is_a_positioned_problem() {
        let (config, problems) = parse("c.toml", "citation_style = \"mla\"\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.citation_style, CitationStyle::Mla);
        let (config, problems) = parse("c.toml", "theme = \"light\"\ncitation_style = \"chicago\"\n");
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "c.toml:2:18: citation_style \"chicago\" is not known (expected one of: \"apa\", \"chicago-author-date\", \"chicago-notes\", \"mla\", \"harvard\")"
            ]
        );
        assert_eq!(config.citation_style, CitationStyle::Apa, "the default stays");
        let (_, problems) = parse("c.toml", "citation_style = \"hardvard\"\n");
        assert!(problems[0].message.contains("did you mean \"harvard\"?"), "{}", problems[0]);
        let (_, problems) = parse("c.toml", "citation_style = 7\n");
        assert_eq!(problems[0].to_string(), "c.toml:1:18: citation_style is integer (expected a string)");
    }

    #[test]
    fn settings_are_read() {
        let text =
            "theme = \"light\"\ncolor = \"never\"\n[layout]\ntimeline_width = 60\n[keys]\ndown = [\"x\", \"down\"]\n";
        let (config, problems) = parse("c.toml", text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.theme, Theme::Light);
        assert_eq!(config.palette(|_| None).mode, ColorMode::None);
        assert_eq!(config.layout.timeline_width, 60);
        assert_eq!(config.keymap.hint(crate::input::action::Action::Down), "x");
    }

    #[test]
    fn every_problem_is_reported_with_its_position_and_the_rest_still_applies() {
        let text = "thme = \"dark\"\ncolor = \"sometimes\"\n[layout]\ntimeline_width = 95\n[keys]\nup = [\"j\"]\nhelp = [\"F13\"]\nquit = [\"Q\"]\n";
        let (config, problems) = parse("c.toml", text);
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "c.toml:1:1: unknown setting \"thme\" (did you mean \"theme\"? expected one of: theme, color, citation_style, layout, files, keys)",
                "c.toml:2:9: color \"sometimes\" is not known (expected \"auto\", \"always\" or \"never\")",
                "c.toml:4:18: layout.timeline_width is 95, expected a whole number from 30 to 70 (percent)",
                "c.toml:6:6: keys.up: key \"j\" is bound to both \"down\" and \"up\" (this binding is ignored)",
                "c.toml:7:8: keys.help: \"F13\" is not a key (expected a character, or a name such as enter, esc, tab, up, pagedown, f1, with an optional ctrl- or alt- prefix) (this binding is ignored)",
            ]
        );
        assert_eq!(config.keymap.hint(crate::input::action::Action::Quit), "Q", "the valid binding applies");
        assert_eq!(config.layout, Proportions::default());
    }

    #[test]
    fn a_syntax_error_keeps_every_default() {
        let (config, problems) = parse("c.toml", "theme = \n");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.starts_with("TOML syntax error"), "{}", problems[0]);
        assert_eq!(config.theme, Theme::Dark);
    }
}
