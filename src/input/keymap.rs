//! The keymap: key → action, by section, built from `assets/default-keymap.toml` with the
//! user's overrides applied on top as a whole. The `global` section holds the keys that work
//! on every screen; each screen has a section of its own name for the keys that mean something
//! there only, and looks there first. The help overlay and the README key table are generated
//! from it.

use std::collections::HashMap;

use crate::input::action::Action;
use crate::input::key::Key;

/// The default bindings, embedded in the binary.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/default-keymap.toml");

/// The sections, in the order of the help and the README: the global one first.
pub const SECTIONS: [(&str, &str); 7] = [
    ("global", "Everywhere"),
    ("main", "Main screen"),
    ("reader", "Source reader"),
    ("side_by_side", "Side by side"),
    ("compare", "Compare"),
    ("chart", "Figures chart"),
    ("concordance", "Concordance"),
];

pub const GLOBAL: &str = "global";

/// One section's bindings: for each action its keys in order, and the reverse lookup.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Section {
    by_action: Vec<(Action, Vec<Key>)>,
    by_key: HashMap<Key, Action>,
}

/// Every section's bindings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    /// In the order of `SECTIONS`.
    sections: Vec<Section>,
}

/// A binding that could not be applied: the user's entry (`section`, `action`) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The section the entry was in, `None` for a plain `action = [...]` of `[keys]`.
    pub section: Option<String>,
    pub action: String,
    pub message: String,
}

fn section_index(name: &str) -> Option<usize> {
    SECTIONS.iter().position(|(n, _)| *n == name)
}

fn unknown_action(name: &str) -> String {
    let names: Vec<&str> = Action::ALL.iter().map(|(_, n, _)| *n).collect();
    format!("unknown action \"{name}\" (expected one of: {})", names.join(", "))
}

fn unknown_section(name: &str) -> String {
    let names: Vec<&str> = SECTIONS.iter().map(|(n, _)| *n).collect();
    format!("unknown section \"{name}\" (expected one of: {})", names.join(", "))
}

/// The keys of one entry, parsed.
fn parse_keys(value: &toml::Value) -> Result<Vec<Key>, String> {
    let items = value.as_array().ok_or("expected an array of key names such as [\"j\", \"down\"]")?;
    items
        .iter()
        .map(|k| k.as_str().ok_or_else(|| "key names must be strings".to_string()).and_then(Key::parse))
        .collect()
}

impl Keymap {
    /// The built-in bindings.
    pub fn default_keymap() -> Keymap {
        Keymap::from_toml(DEFAULT_KEYMAP).unwrap_or_else(|e| panic!("the embedded default keymap is invalid: {e}"))
    }

    /// Parses a keymap file: a table per section of `action = ["key", …]`. Every action must
    /// have a key somewhere.
    pub fn from_toml(text: &str) -> Result<Keymap, String> {
        let table: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut map = Keymap { sections: vec![Section::default(); SECTIONS.len()] };
        for (name, entries) in &table {
            let s = section_index(name).ok_or_else(|| unknown_section(name))?;
            let entries = entries.as_table().ok_or_else(|| format!("[{name}] must be a table of bindings"))?;
            for (action_name, value) in entries {
                let action = Action::from_name(action_name).ok_or_else(|| unknown_action(action_name))?;
                let keys = parse_keys(value).map_err(|e| format!("{name}.{action_name}: {e}"))?;
                map.sections[s].by_action.push((action, keys));
            }
        }
        // In the order of `Action::ALL`, as the help lists them (a TOML table has no order).
        let rank = |action: &Action| Action::ALL.iter().position(|(a, _, _)| a == action);
        for section in &mut map.sections {
            section.by_action.sort_by_key(|(action, _)| rank(action));
        }
        if let Some(err) = map.rebuild().into_iter().next() {
            return Err(err.1);
        }
        if let Some((action, _, _)) =
            Action::ALL.iter().find(|(a, _, _)| map.sections.iter().all(|s| s.keys(*a).is_empty()))
        {
            return Err(format!("action \"{}\" has no key", action.name()));
        }
        Ok(map)
    }

    /// Applies the user's table as a whole: `action = [...]` replaces the action's keys in
    /// every section that binds it (the global one if none does), `[section] action = [...]`
    /// in that section only. Entries that cannot apply (unknown names, bad keys, a key bound
    /// twice) are refused and the rest applies, so that swapping two keys works.
    pub fn apply(&mut self, overrides: &toml::Table) -> Vec<Refused> {
        let mut refused = Vec::new();
        // (section, action, keys, the entry it came from)
        let mut wanted: Vec<(usize, Action, Vec<Key>, usize)> = Vec::new();
        let mut entries: Vec<(Option<String>, String)> = Vec::new();
        let refuse = |section: Option<&str>, action: &str, message: String| Refused {
            section: section.map(str::to_string),
            action: action.to_string(),
            message,
        };
        for (name, value) in overrides {
            if let Some(table) = value.as_table() {
                let Some(s) = section_index(name) else {
                    refused.push(refuse(None, name, unknown_section(name)));
                    continue;
                };
                for (action_name, value) in table {
                    let entry = entries.len();
                    entries.push((Some(name.clone()), action_name.clone()));
                    match (Action::from_name(action_name), parse_keys(value)) {
                        (None, _) => refused.push(refuse(Some(name), action_name, unknown_action(action_name))),
                        (_, Err(e)) => refused.push(refuse(Some(name), action_name, e)),
                        (Some(action), Ok(keys)) => wanted.push((s, action, keys, entry)),
                    }
                }
                continue;
            }
            let entry = entries.len();
            entries.push((None, name.clone()));
            match (Action::from_name(name), parse_keys(value)) {
                (None, _) => refused.push(refuse(None, name, unknown_action(name))),
                (_, Err(e)) => refused.push(refuse(None, name, e)),
                (Some(action), Ok(keys)) => {
                    let bound: Vec<usize> = (0..SECTIONS.len()).filter(|&s| self.sections[s].binds(action)).collect();
                    let targets = if bound.is_empty() { vec![0] } else { bound };
                    for s in targets {
                        wanted.push((s, action, keys.clone(), entry));
                    }
                }
            }
        }
        // Apply all, then drop the entries whose keys clash, until none does.
        loop {
            let mut trial = self.clone();
            for (s, action, keys, _) in &wanted {
                trial.sections[*s].set(*action, keys.clone());
            }
            let clashes = trial.rebuild();
            if clashes.is_empty() {
                *self = trial;
                return refused;
            }
            let clashing: Vec<usize> = wanted
                .iter()
                .filter(|(s, action, _, _)| clashes.iter().any(|(cs, _, actions)| cs == s && actions.contains(action)))
                .map(|(_, _, _, entry)| *entry)
                .collect();
            // A clash between the defaults alone cannot be mended here: keep what there was.
            if clashing.is_empty() {
                return refused;
            }
            for &entry in &clashing {
                if let Some((_, message, _)) = clashes.iter().find(|(s, _, actions)| {
                    wanted.iter().any(|(ws, a, _, e)| *e == entry && ws == s && actions.contains(a))
                }) {
                    let (section, action) = &entries[entry];
                    if !refused.iter().any(|r| r.section == *section && r.action == *action) {
                        refused.push(refuse(section.as_deref(), action, message.clone()));
                    }
                }
            }
            wanted.retain(|(_, _, _, entry)| !clashing.contains(entry));
        }
    }

    /// Rebuilds the lookups; the clashes found: (section, message, the actions involved).
    fn rebuild(&mut self) -> Vec<(usize, String, Vec<Action>)> {
        let mut clashes = Vec::new();
        for (s, section) in self.sections.iter_mut().enumerate() {
            section.by_key.clear();
            for (action, keys) in &section.by_action {
                for key in keys {
                    if let Some(other) = section.by_key.insert(*key, *action)
                        && other != *action
                    {
                        let place = if s == 0 { String::new() } else { format!(" in [{}]", SECTIONS[s].0) };
                        let message = format!(
                            "key \"{key}\" is bound to both \"{}\" and \"{}\"{place}",
                            other.name(),
                            action.name()
                        );
                        clashes.push((s, message, vec![other, *action]));
                    }
                }
            }
        }
        // A screen's key may not shadow a global key bound to another action.
        let global = &self.sections[0].by_key;
        for (s, (section, (name, _))) in self.sections.iter().zip(SECTIONS).enumerate().skip(1) {
            let bound = section.by_action.iter().flat_map(|(action, keys)| keys.iter().map(move |key| (key, action)));
            for (key, action) in bound {
                if let Some(global) = global.get(key)
                    && global != action
                {
                    let message = format!(
                        "key \"{key}\" is bound to \"{}\" in [{name}] and to \"{}\" in [global]",
                        action.name(),
                        global.name()
                    );
                    clashes.push((s, message.clone(), vec![*action]));
                    clashes.push((0, message, vec![*global]));
                }
            }
        }
        clashes
    }

    /// The action of `key` on the screen whose section is `section`: its own binding, else
    /// the global one.
    pub fn action(&self, section: &str, key: Key) -> Option<Action> {
        let own = section_index(section).and_then(|s| self.sections[s].by_key.get(&key));
        own.or_else(|| self.sections[0].by_key.get(&key)).copied()
    }

    /// The keys of `action` in the section named (not the global one).
    pub fn keys_in(&self, section: &str, action: Action) -> &[Key] {
        section_index(section).map_or(&[], |s| self.sections[s].keys(action))
    }

    /// The keys of `action`: the global ones, else those of the first section that binds it.
    pub fn keys(&self, action: Action) -> &[Key] {
        self.sections.iter().map(|s| s.keys(action)).find(|keys| !keys.is_empty()).unwrap_or(&[])
    }

    /// The first key of an action, as text for hints ("? help").
    pub fn hint(&self, action: Action) -> String {
        self.keys(action).first().map(ToString::to_string).unwrap_or_default()
    }

    /// (keys, description) for every binding of one section, in table order.
    pub fn section_rows(&self, section: &str) -> Vec<(String, &'static str)> {
        let Some(s) = section_index(section) else { return Vec::new() };
        self.sections[s]
            .by_action
            .iter()
            .filter(|(_, keys)| !keys.is_empty())
            .map(|(action, keys)| {
                let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
                (keys.join(" "), action.description())
            })
            .collect()
    }

    /// What the help shows on a screen: the keys of its section, then the global ones.
    pub fn help_rows(&self, section: &str) -> Vec<(String, &'static str)> {
        let mut rows = if section == GLOBAL { Vec::new() } else { self.section_rows(section) };
        rows.extend(self.section_rows(GLOBAL));
        rows
    }
}

impl Section {
    fn keys(&self, action: Action) -> &[Key] {
        self.by_action.iter().find(|(a, _)| *a == action).map_or(&[], |(_, keys)| keys)
    }

    fn binds(&self, action: Action) -> bool {
        self.by_action.iter().any(|(a, keys)| *a == action && !keys.is_empty())
    }

    fn set(&mut self, action: Action, keys: Vec<Key>) {
        match self.by_action.iter_mut().find(|(a, _)| *a == action) {
            Some(slot) => slot.1 = keys,
            None => self.by_action.push((action, keys)),
        }
    }
}

/// The key tables of the README, generated from the keymap: one per section.
pub fn markdown_table(keymap: &Keymap) -> String {
    let mut out = String::new();
    for (name, title) in SECTIONS {
        let rows = keymap.section_rows(name);
        if rows.is_empty() {
            continue;
        }
        out.push_str(&format!("**{title}** (`[{name}]`)\n\n| keys | what they do |\n| --- | --- |\n"));
        for (keys, what) in rows {
            let keys: Vec<String> = keys.split(' ').map(|k| format!("`{}`", k.replace('|', "\\|"))).collect();
            out.push_str(&format!("| {} | {what} |\n", keys.join(" ")));
        }
        if name == GLOBAL {
            out.push_str("| `ctrl-c` | quit, always |\n");
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyCode;

    fn plain(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    #[test]
    fn default_keymap_binds_every_action() {
        let map = Keymap::default_keymap();
        for (action, name, _) in Action::ALL {
            assert!(!map.keys(action).is_empty(), "{name} has no key");
        }
        assert_eq!(map.action("main", plain('j')), Some(Action::Down));
        assert_eq!(map.action("main", Key::plain(KeyCode::Down)), Some(Action::Down));
        assert_eq!(map.action("main", Key::parse("ctrl-d").unwrap()), Some(Action::PageDown));
        assert_eq!(map.action("main", plain('G')), Some(Action::Bottom));
    }

    #[test]
    fn a_key_means_what_its_screen_says() {
        let map = Keymap::default_keymap();
        assert_eq!(map.action("main", plain('c')), Some(Action::ClearFilters));
        assert_eq!(map.action("reader", plain('c')), Some(Action::Capture), "clear_filters is the main screen's");
        assert_eq!(map.action("compare", plain('c')), None);
        assert_eq!(map.action("side_by_side", plain(']')), Some(Action::NextSource));
        assert_eq!(map.action("main", plain(']')), Some(Action::NextQuote), "the same key, another meaning");
        assert_eq!(map.action("main", plain('[')), None);
        assert_eq!(map.action("chart", plain('q')), Some(Action::Quit), "global keys work everywhere");
    }

    #[test]
    fn overrides_replace_keys_and_clashes_are_refused() {
        let mut map = Keymap::default_keymap();
        assert!(map.apply(&toml::from_str("down = [\"x\"]").unwrap()).is_empty());
        assert_eq!(map.action("main", plain('x')), Some(Action::Down));
        assert_eq!(map.action("main", plain('j')), None);
        let refused = map.apply(&toml::from_str("up = [\"x\"]").unwrap());
        assert!(refused[0].message.contains("bound to both"), "{refused:?}");
        assert_eq!(map.action("main", plain('x')), Some(Action::Down), "the refused entry changed nothing");
        let refused = map.apply(&toml::from_str("jump = [\"z\"]").unwrap());
        assert!(refused[0].message.contains("unknown action \"jump\""), "{refused:?}");
    }

    #[test]
    fn two_keys_can_be_swapped_in_one_table() {
        let mut map = Keymap::default_keymap();
        let refused = map.apply(&toml::from_str("up = [\"j\"]\ndown = [\"k\"]").unwrap());
        assert!(refused.is_empty(), "{refused:?}");
        assert_eq!(map.action("main", plain('j')), Some(Action::Up));
        assert_eq!(map.action("main", plain('k')), Some(Action::Down));
    }

    #[test]
    fn a_section_binds_a_key_for_its_screen_only() {
        let mut map = Keymap::default_keymap();
        let refused = map.apply(&toml::from_str("[reader]\nclear_filters = [\"x\"]").unwrap());
        assert!(refused.is_empty(), "{refused:?}");
        assert_eq!(map.action("reader", plain('x')), Some(Action::ClearFilters));
        assert_eq!(map.action("main", plain('x')), None);
        // A screen key may not shadow a global one.
        let refused = map.apply(&toml::from_str("[reader]\nside_by_side = [\"q\"]").unwrap());
        assert!(refused[0].message.contains("in [global]"), "{refused:?}");
        assert_eq!(map.action("reader", plain('q')), Some(Action::Quit));
    }

    #[test]
    fn help_shows_the_screen_section_then_the_global_keys() {
        let rows = Keymap::default_keymap().help_rows("main");
        assert!(rows.iter().any(|(keys, d)| keys == "j ↓" && d.starts_with("move down")));
        assert!(rows.iter().any(|(keys, _)| keys == "y"));
        assert!(!rows.iter().any(|(keys, _)| keys == "["), "side by side keys are not the main screen's");
        assert_eq!(rows.first().map(|(k, _)| k.as_str()), Some("tab"), "the screen's own keys first");
    }
}
