//! The year and theme pickers: small lists over the screen.

use crate::model::Dataset;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerKind {
    /// One year, or all; digits typed narrow the list.
    Year,
    /// Any number of themes, toggled with space.
    Themes,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickerItem {
    pub label: String,
    /// The year, or the theme index; `None` for "all years".
    pub value: Option<usize>,
    pub count: usize,
    pub checked: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub kind: PickerKind,
    pub items: Vec<PickerItem>,
    /// Index into `shown()`.
    pub cursor: usize,
    /// Digits typed (year picker).
    pub typed: String,
}

impl Picker {
    /// Years present in the dataset, "all years" first, each with the number of events it
    /// would show: those `shown` keeps (what the other filters and the search let through).
    pub fn years(dataset: &Dataset, current: Option<i32>, shown: impl Fn(usize) -> bool) -> Picker {
        let mut items =
            vec![PickerItem { label: "all years".into(), value: None, count: 0, checked: current.is_none() }];
        for (e, event) in dataset.events.iter().enumerate() {
            let year = event.date.year;
            let count = usize::from(shown(e));
            items[0].count += count;
            match items.last_mut() {
                Some(last) if last.value.is_some() && last.value == usize::try_from(year).ok() => last.count += count,
                _ => items.push(PickerItem {
                    label: year.to_string(),
                    value: usize::try_from(year).ok(),
                    count,
                    checked: current == Some(year),
                }),
            }
        }
        let cursor = items.iter().position(|i| i.checked).unwrap_or(0);
        Picker { kind: PickerKind::Year, items, cursor, typed: String::new() }
    }

    /// Every theme, checked where already filtered on, with the number of its events that
    /// `shown` keeps (what the year filter and the search let through).
    pub fn themes(dataset: &Dataset, current: &[usize], shown: impl Fn(usize) -> bool) -> Picker {
        let mut counts = vec![0; dataset.themes.len()];
        for (e, event) in dataset.events.iter().enumerate() {
            if shown(e) {
                for &t in &event.themes {
                    counts[t] += 1;
                }
            }
        }
        let items = dataset
            .themes
            .iter()
            .enumerate()
            .map(|(i, theme)| PickerItem {
                label: theme.label.clone(),
                value: Some(i),
                count: counts[i],
                checked: current.contains(&i),
            })
            .collect();
        Picker { kind: PickerKind::Themes, items, cursor: 0, typed: String::new() }
    }

    /// Indexes into `items` of the rows shown: those whose label starts with what was typed.
    pub fn shown(&self) -> Vec<usize> {
        (0..self.items.len())
            .filter(|&i| self.typed.is_empty() || self.items[i].label.starts_with(&self.typed))
            .collect()
    }

    pub fn move_by(&mut self, delta: isize) {
        let n = self.shown().len();
        if n > 0 {
            self.cursor = self.cursor.saturating_add_signed(delta).min(n - 1);
        }
    }

    pub fn jump(&mut self, last: bool) {
        self.cursor = if last { self.shown().len().saturating_sub(1) } else { 0 };
    }

    pub fn type_char(&mut self, c: char) {
        if self.kind == PickerKind::Year && c.is_ascii_digit() && self.typed.len() < 4 {
            self.typed.push(c);
            self.cursor = 0;
        }
    }

    pub fn backspace(&mut self) {
        self.typed.pop();
        self.cursor = 0;
    }

    pub fn toggle(&mut self) {
        if self.kind == PickerKind::Themes
            && let Some(&i) = self.shown().get(self.cursor)
        {
            self.items[i].checked = !self.items[i].checked;
        }
    }

    /// The year chosen: `Ok(None)` for all years, `Err` with a message when the typed year has
    /// no events.
    pub fn chosen_year(&self) -> Result<Option<i32>, String> {
        match self.shown().get(self.cursor) {
            Some(&i) => Ok(self.items[i].value.and_then(|y| i32::try_from(y).ok())),
            None => Err(format!("no events in {}", self.typed)),
        }
    }

    /// The themes chosen (all checked ones; the one under the cursor if none is checked).
    pub fn chosen_themes(&self) -> Vec<usize> {
        let checked: Vec<usize> = self.items.iter().filter(|i| i.checked).filter_map(|i| i.value).collect();
        if !checked.is_empty() {
            return checked;
        }
        self.shown().get(self.cursor).and_then(|&i| self.items[i].value).into_iter().collect()
    }
}
