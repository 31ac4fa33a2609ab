//! The year and theme pickers: small lists over the screen.

use super::timeline::{year_label, year_of};
use crate::model::Dataset;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerKind {
    /// One year, or all; digits typed narrow the list.
    Year,
    /// Any number of themes, toggled with space.
    Themes,
    /// Any number of sources (events quoting one of them), toggled with space.
    Sources,
    /// One language, or all: events quoting a source in it.
    Language,
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
    /// Years present in the dataset, "all years" first and "undated drafts" last (when there
    /// are any), each with the number of events it would show: those `shown` keeps (what the
    /// other filters and the search let through).
    pub fn years(dataset: &Dataset, current: Option<i32>, shown: impl Fn(usize) -> bool) -> Picker {
        let mut counts: Vec<(i32, usize)> = Vec::new();
        for (e, event) in dataset.events.iter().enumerate() {
            let (year, count) = (year_of(event), usize::from(shown(e)));
            match counts.last_mut() {
                Some(last) if last.0 == year => last.1 += count,
                _ => counts.push((year, count)),
            }
        }
        Picker::years_counted(&counts, current)
    }

    /// [`Picker::years`] from counts made beforehand (every event's, kept with the dataset:
    /// opening the picker with no other filter then walks no event).
    pub fn years_counted(counts: &[(i32, usize)], current: Option<i32>) -> Picker {
        // The year filtered on is listed even when no event is in it any more (after a
        // reload): with 0, so that the filter shows, and can be picked again or left.
        let with_current: Vec<(i32, usize)>;
        let mut counts = counts;
        if let Some(year) = current.filter(|y| !counts.iter().any(|&(c, _)| c == *y)) {
            let at = counts.partition_point(|&(c, _)| c < year);
            with_current = [&counts[..at], &[(year, 0)], &counts[at..]].concat();
            counts = &with_current;
        }
        let all = PickerItem {
            label: "all years".into(),
            value: None,
            count: counts.iter().map(|&(_, c)| c).sum(),
            checked: current.is_none(),
        };
        let items = std::iter::once(all)
            .chain(counts.iter().map(|&(year, count)| PickerItem {
                label: year_label(year),
                value: usize::try_from(year).ok(),
                count,
                checked: current == Some(year),
            }))
            .collect::<Vec<_>>();
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
        Picker::themes_counted(dataset, &counts, current)
    }

    /// [`Picker::themes`] from counts made beforehand, one per theme.
    pub fn themes_counted(dataset: &Dataset, counts: &[usize], current: &[usize]) -> Picker {
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

    /// The sources, each with the number of events quoting it that `shown` keeps.
    pub fn sources(dataset: &Dataset, current: &[usize], shown: impl Fn(usize) -> bool) -> Picker {
        let mut counts = vec![0; dataset.sources.len()];
        for (e, event) in dataset.events.iter().enumerate() {
            if shown(e) {
                let mut quoted: Vec<usize> = event.quotes.iter().map(|q| q.source).collect();
                quoted.sort_unstable();
                quoted.dedup();
                for s in quoted {
                    counts[s] += 1;
                }
            }
        }
        let items = dataset
            .sources
            .iter()
            .enumerate()
            .map(|(i, source)| PickerItem {
                label: format!("{} · {}", source.language, source.title),
                value: Some(i),
                count: counts[i],
                checked: current.contains(&i),
            })
            .collect();
        Picker { kind: PickerKind::Sources, items, cursor: 0, typed: String::new() }
    }

    /// The languages of the sources, "all languages" first, each with the number of events
    /// quoting a source in it that `shown` keeps; `languages` names them, as `value` indexes.
    pub fn languages(dataset: &Dataset, current: Option<&str>, shown: impl Fn(usize) -> bool) -> (Picker, Vec<String>) {
        let mut languages: Vec<String> = dataset.sources.iter().map(|s| s.language.clone()).collect();
        languages.sort_unstable();
        languages.dedup();
        let mut items =
            vec![PickerItem { label: "all languages".into(), value: None, count: 0, checked: current.is_none() }];
        for (i, lang) in languages.iter().enumerate() {
            items.push(PickerItem { label: lang.clone(), value: Some(i), count: 0, checked: current == Some(lang) });
        }
        for (e, event) in dataset.events.iter().enumerate() {
            if !shown(e) {
                continue;
            }
            items[0].count += 1;
            for (i, lang) in languages.iter().enumerate() {
                if event.quotes.iter().any(|q| dataset.sources[q.source].language == *lang) {
                    items[i + 1].count += 1;
                }
            }
        }
        let cursor = items.iter().position(|i| i.checked).unwrap_or(0);
        (Picker { kind: PickerKind::Language, items, cursor, typed: String::new() }, languages)
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
        if matches!(self.kind, PickerKind::Themes | PickerKind::Sources)
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

    /// The value under the cursor (`None`: all).
    pub fn chosen_value(&self) -> Option<usize> {
        self.shown().get(self.cursor).and_then(|&i| self.items[i].value)
    }

    /// The themes (or sources) chosen: all checked ones; the one under the cursor if none is.
    pub fn chosen_themes(&self) -> Vec<usize> {
        let checked: Vec<usize> = self.items.iter().filter(|i| i.checked).filter_map(|i| i.value).collect();
        if !checked.is_empty() {
            return checked;
        }
        self.shown().get(self.cursor).and_then(|&i| self.items[i].value).into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::EventIndex;

    /// The counts kept with the dataset give the picker that walking every event gives.
    #[test]
    fn kept_counts_make_the_same_pickers_as_a_walk() {
        let dataset = crate::load::bundled().expect("bundled dataset");
        let kept = EventIndex::new(&dataset);
        for current in [None, Some(2016), Some(2020)] {
            assert_eq!(Picker::years_counted(&kept.year_counts, current), Picker::years(&dataset, current, |_| true));
        }
        for current in [vec![], vec![0], vec![1, 3]] {
            assert_eq!(
                Picker::themes_counted(&dataset, &kept.theme_counts, &current),
                Picker::themes(&dataset, &current, |_| true)
            );
        }
        let years = Picker::years_counted(&kept.year_counts, None);
        assert_eq!(years.items[0].count, dataset.events.len(), "all years counts every event");
        assert!(years.items.len() > 2);
    }

    /// A year filtered on that no event is in any more (a reload changed the dates) is still
    /// listed, checked, with 0, where it sorts.
    #[test]
    fn the_year_filtered_on_is_listed_when_no_event_is_in_it() {
        let counts = [(2015, 2), (2019, 3)];
        let listed = |picker: &Picker| -> Vec<(String, usize, bool)> {
            picker.items.iter().map(|i| (i.label.clone(), i.count, i.checked)).collect()
        };
        let picker = Picker::years_counted(&counts, Some(2017));
        assert_eq!(
            listed(&picker),
            [
                ("all years".into(), 5, false),
                ("2015".into(), 2, false),
                ("2017".into(), 0, true),
                ("2019".into(), 3, false)
            ]
        );
        assert_eq!(picker.chosen_year(), Ok(Some(2017)), "the cursor is on it");
        let undated = Picker::years_counted(&counts, Some(crate::state::UNDATED_YEAR));
        assert_eq!(listed(&undated).last(), Some(&("undated drafts".into(), 0, true)));
        assert_eq!(listed(&Picker::years_counted(&counts, Some(2019))).len(), 3, "listed once");
    }
}
