//! The one keymap table: key → action, built from `assets/default-keymap.toml` with user
//! overrides merged on top. The help overlay and the README key table are generated from it.

use std::collections::HashMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::input::action::Action;

/// The default bindings, embedded in the binary.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/default-keymap.toml");

/// A key with its modifiers, normalised so that `G` and shift-g are the same binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub fn from_event(event: KeyEvent) -> Key {
        Key {
            code: event.code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        }
    }

    pub fn plain(code: KeyCode) -> Key {
        Key { code, ctrl: false, alt: false }
    }

    /// Parses a key name such as `j`, `G`, `ctrl-d`, `pagedown`, `?`.
    pub fn parse(name: &str) -> Result<Key, String> {
        let mut key = Key::plain(KeyCode::Null);
        let mut rest = name;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-").filter(|r| !r.is_empty()) {
                key.ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-").filter(|r| !r.is_empty()) {
                key.alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" => KeyCode::Enter,
                "esc" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" => KeyCode::PageUp,
                "pagedown" => KeyCode::PageDown,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" => KeyCode::Delete,
                other => match other.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    Some(n) if (1..=12).contains(&n) => KeyCode::F(n),
                    _ => {
                        return Err(format!(
                            "\"{name}\" is not a key (expected a character, or a name such as enter, esc, \
                             tab, up, pagedown, f1, with an optional ctrl- or alt- prefix)"
                        ));
                    }
                },
            },
        };
        if key.ctrl && key.code == KeyCode::Char('c') {
            return Err("ctrl-c always quits and cannot be bound".to_string());
        }
        Ok(key)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::PageUp => f.write_str("pgup"),
            KeyCode::PageDown => f.write_str("pgdn"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Delete => f.write_str("delete"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// Key → action, and for each action its keys in order (for the help).
#[derive(Debug, Clone)]
pub struct Keymap {
    by_key: HashMap<Key, Action>,
    by_action: Vec<(Action, Vec<Key>)>,
}

impl Keymap {
    /// The built-in bindings.
    pub fn default_keymap() -> Keymap {
        Keymap::from_toml(DEFAULT_KEYMAP).unwrap_or_else(|e| panic!("the embedded default keymap is invalid: {e}"))
    }

    /// Parses a keymap table (`action = ["key", …]`); every action must be bound.
    pub fn from_toml(text: &str) -> Result<Keymap, String> {
        let table: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut map = Keymap { by_key: HashMap::new(), by_action: Vec::new() };
        for (action, _, _) in Action::ALL {
            map.by_action.push((action, Vec::new()));
        }
        map.apply(&table)?;
        if let Some((action, _)) = map.by_action.iter().find(|(_, keys)| keys.is_empty()) {
            return Err(format!("action \"{}\" has no key", action.name()));
        }
        Ok(map)
    }

    /// Replaces the keys of each action named in `overrides`; rejects unknown actions and any
    /// key bound to two actions.
    pub fn apply(&mut self, overrides: &toml::Table) -> Result<(), String> {
        for (name, value) in overrides {
            let action = Action::from_name(name).ok_or_else(|| {
                let names: Vec<&str> = Action::ALL.iter().map(|(_, n, _)| *n).collect();
                format!("unknown action \"{name}\" (expected one of: {})", names.join(", "))
            })?;
            let keys = value
                .as_array()
                .ok_or_else(|| format!("action \"{name}\": expected an array of key names such as [\"j\", \"down\"]"))?
                .iter()
                .map(|k| k.as_str().ok_or_else(|| format!("action \"{name}\": key names must be strings")))
                .map(|k| k.and_then(|k| Key::parse(k).map_err(|e| format!("action \"{name}\": {e}"))))
                .collect::<Result<Vec<Key>, String>>()?;
            if let Some(slot) = self.by_action.iter_mut().find(|(a, _)| *a == action) {
                slot.1 = keys;
            }
        }
        self.by_key.clear();
        for (action, keys) in &self.by_action {
            for key in keys {
                if let Some(other) = self.by_key.insert(*key, *action)
                    && other != *action
                {
                    return Err(format!(
                        "key \"{key}\" is bound to both \"{}\" and \"{}\"",
                        other.name(),
                        action.name()
                    ));
                }
            }
        }
        Ok(())
    }

    pub fn action(&self, key: Key) -> Option<Action> {
        self.by_key.get(&key).copied()
    }

    pub fn keys(&self, action: Action) -> &[Key] {
        self.by_action.iter().find(|(a, _)| *a == action).map_or(&[], |(_, keys)| keys)
    }

    /// The first key of an action, as text for hints ("? help").
    pub fn hint(&self, action: Action) -> String {
        self.keys(action).first().map(ToString::to_string).unwrap_or_default()
    }

    /// (keys, description) for every action, in table order: what the help shows.
    pub fn help_rows(&self) -> Vec<(String, &'static str)> {
        self.by_action
            .iter()
            .map(|(action, keys)| {
                let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
                (keys.join(" "), action.description())
            })
            .collect()
    }
}

/// The key table of the README, generated from the keymap: `| keys | action |` rows.
pub fn markdown_table(keymap: &Keymap) -> String {
    let mut out = String::from("| keys | what they do |\n| --- | --- |\n");
    for (keys, what) in keymap.help_rows() {
        let keys: Vec<String> = keys.split(' ').map(|k| format!("`{}`", k.replace('|', "\\|"))).collect();
        out.push_str(&format!("| {} | {what} |\n", keys.join(" ")));
    }
    out.push_str("| `ctrl-c` | quit, always |\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_keymap_binds_every_action() {
        let map = Keymap::default_keymap();
        for (action, name, _) in Action::ALL {
            assert!(!map.keys(action).is_empty(), "{name} has no key");
        }
        assert_eq!(map.action(Key::plain(KeyCode::Char('j'))), Some(Action::Down));
        assert_eq!(map.action(Key::plain(KeyCode::Down)), Some(Action::Down));
        assert_eq!(map.action(Key::parse("ctrl-d").unwrap()), Some(Action::PageDown));
        assert_eq!(map.action(Key::plain(KeyCode::Char('G'))), Some(Action::Bottom));
    }

    #[test]
    fn shift_is_folded_into_the_character() {
        let event = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(event), Key::plain(KeyCode::Char('G')));
    }

    #[test]
    fn overrides_replace_keys_and_duplicates_are_rejected() {
        let mut map = Keymap::default_keymap();
        map.apply(&toml::from_str("down = [\"x\"]").unwrap()).unwrap();
        assert_eq!(map.action(Key::plain(KeyCode::Char('x'))), Some(Action::Down));
        assert_eq!(map.action(Key::plain(KeyCode::Char('j'))), None);
        let err = map.apply(&toml::from_str("up = [\"x\"]").unwrap()).unwrap_err();
        assert!(err.contains("bound to both"), "{err}");
        let err = map.apply(&toml::from_str("jump = [\"z\"]").unwrap()).unwrap_err();
        assert!(err.contains("unknown action \"jump\""), "{err}");
    }

    #[test]
    fn bad_key_names_and_ctrl_c_are_rejected() {
        assert!(Key::parse("ctrl-c").is_err());
        assert!(Key::parse("pagedwn").unwrap_err().contains("is not a key"));
        assert_eq!(Key::parse("f5").unwrap().code, KeyCode::F(5));
    }

    #[test]
    fn help_lists_every_action_with_its_keys() {
        let rows = Keymap::default_keymap().help_rows();
        assert_eq!(rows.len(), Action::ALL.len());
        assert!(rows.iter().any(|(keys, d)| keys == "j ↓" && d.starts_with("move down")));
    }
}
