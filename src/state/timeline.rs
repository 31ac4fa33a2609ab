//! The timeline as rows: year headings, era headings and events, after the filters.

use std::sync::Arc;

use crate::model::Dataset;

/// One row of the timeline pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// An era starts here (index into `Dataset::eras`).
    Era(usize),
    Year(i32),
    /// The drafts without a date start here: they come last, under a heading of their own
    /// (their date only places them).
    Undated,
    /// Index into `Dataset::events`.
    Event(usize),
}

/// Per-event facts the filters and the timeline rows need, computed once per dataset so a
/// filter change reads two flat arrays instead of every event's theme list and every era.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventIndex {
    /// Bit `t` set when the event has theme `t` (themes 0 to 63).
    theme_masks: Vec<u64>,
    /// The era each event falls in (`NO_ERA` for none, `UNDATED` for a draft without a date,
    /// which is in none).
    eras: Vec<u32>,
    /// Each event's year ([`UNDATED_YEAR`] for a draft without a date): a rebuild reads this
    /// flat array, not a million events.
    years: Vec<i32>,
    /// Events per year, in date order, and per theme: the pickers' counts when no other filter
    /// and no search narrows them, so that opening one walks no event.
    pub year_counts: Vec<(i32, usize)>,
    pub theme_counts: Vec<usize>,
}

/// The year filter's value for the drafts without a date: they have no year (their date only
/// places them last), so they are counted, picked and filtered on as a year of their own,
/// after every other.
pub const UNDATED_YEAR: i32 = i32::MAX;

/// How a year of the filter is named: "2020", or "undated drafts".
pub fn year_label(year: i32) -> String {
    if year == UNDATED_YEAR { "undated drafts".to_string() } else { year.to_string() }
}

/// The year an event is counted and filtered in: its date's, none for an undated draft.
pub fn year_of(event: &crate::model::Event) -> i32 {
    if event.undated { UNDATED_YEAR } else { event.date.year }
}

const NO_ERA: u32 = u32::MAX;
const UNDATED: u32 = u32::MAX - 1;

impl EventIndex {
    /// One pass over the events (a million of them are 200 MB to walk).
    pub fn new(dataset: &Dataset) -> EventIndex {
        let n = dataset.events.len();
        let mut index = EventIndex {
            theme_masks: Vec::with_capacity(n),
            eras: Vec::with_capacity(n),
            years: Vec::with_capacity(n),
            year_counts: Vec::new(),
            theme_counts: vec![0; dataset.themes.len()],
        };
        // Events are in date order: many in a row have the same date, and so the same era.
        let mut last: Option<(crate::model::Date, Option<usize>)> = None;
        for event in &dataset.events {
            let mut mask = 0u64;
            for &t in &event.themes {
                if t < 64 {
                    mask |= 1 << t;
                }
                if let Some(count) = index.theme_counts.get_mut(t) {
                    *count += 1;
                }
            }
            index.theme_masks.push(mask);
            // A draft without a date is in no era: its date only places it last.
            let era = if event.undated {
                None
            } else {
                let era = match last {
                    Some((date, era)) if date == event.date => era,
                    _ => dataset.eras.iter().position(|era| era.contains(&event.date)),
                };
                last = Some((event.date, era));
                era
            };
            index.eras.push(if event.undated { UNDATED } else { era.map_or(NO_ERA, |e| e as u32) });
            let year = year_of(event);
            index.years.push(year);
            match index.year_counts.last_mut() {
                Some(last) if last.0 == year => last.1 += 1,
                _ => index.year_counts.push((year, 1)),
            }
        }
        index
    }

    /// The year of an event.
    fn year(&self, dataset: &Dataset, event: usize) -> i32 {
        self.years.get(event).copied().unwrap_or_else(|| year_of(&dataset.events[event]))
    }

    /// The era of an event, if any.
    pub fn era(&self, event: usize) -> Option<usize> {
        self.eras.get(event).copied().filter(|&e| e != NO_ERA && e != UNDATED).map(|e| e as usize)
    }

    /// Whether an event is a draft without a date.
    pub fn undated(&self, event: usize) -> bool {
        self.eras.get(event) == Some(&UNDATED)
    }
}

/// What the user narrowed the timeline to. Year, themes, sources and language combine (and);
/// several themes match an event that has any of them, several sources an event that quotes
/// any of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub year: Option<i32>,
    /// Indexes into `Dataset::themes`, ascending.
    pub themes: Vec<usize>,
    /// Indexes into `Dataset::sources`, ascending: events quoting one of them.
    pub sources: Vec<usize>,
    /// Events quoting a source in this language.
    pub language: Option<String>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.year.is_none() && self.themes.is_empty() && self.sources.is_empty() && self.language.is_none()
    }

    pub fn accepts(&self, dataset: &Dataset, index: &EventIndex, event: usize) -> bool {
        if self.year.is_some_and(|y| index.year(dataset, event) != y) {
            return false;
        }
        let e = &dataset.events[event];
        if !self.sources.is_empty() && !e.quotes.iter().any(|q| self.sources.contains(&q.source)) {
            return false;
        }
        if let Some(lang) = &self.language
            && !e.quotes.iter().any(|q| dataset.sources[q.source].language == *lang)
        {
            return false;
        }
        if self.themes.is_empty() {
            return true;
        }
        if self.themes.iter().all(|&t| t < 64) {
            let wanted = self.themes.iter().fold(0u64, |m, &t| m | 1 << t);
            return index.theme_masks.get(event).is_some_and(|m| m & wanted != 0);
        }
        e.themes.iter().any(|t| self.themes.contains(t))
    }
}

/// The filtered timeline, its selection and its scroll position.
///
/// The lists are shared: the timeline with every event shown is kept once made (`every`), so
/// that showing every event again (a search or the filters cleared) takes it back instead of
/// walking a million events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline {
    pub rows: Arc<Vec<Row>>,
    /// Events shown, in date order (indexes into `Dataset::events`).
    pub visible: Arc<Vec<usize>>,
    /// For each visible event, its row.
    pub event_rows: Arc<Vec<usize>>,
    /// Index into `visible`; meaningless when `visible` is empty.
    pub selected: usize,
    /// First row drawn.
    pub offset: usize,
    /// Events shown per year, ascending by year (for the ruler's density line).
    pub year_counts: Arc<Vec<(i32, usize)>>,
    every: Kept,
    /// The lists a filter or a search last made, set aside while the kept ones show: the next
    /// filter or search fills them again, its room already there (a million events' lists
    /// made anew cost tens of milliseconds of page faults).
    spare: Kept,
}

/// Lists kept aside: those showing every event of the dataset, once made ([`Timeline::forget`]
/// drops them with the dataset they were made for), or a spare set. Never part of a
/// timeline's equality.
#[derive(Debug, Clone, Default)]
struct Kept(Option<Lists>);

impl PartialEq for Kept {
    fn eq(&self, _: &Kept) -> bool {
        true
    }
}

impl Eq for Kept {}

#[derive(Debug, Clone)]
struct Lists {
    rows: Arc<Vec<Row>>,
    visible: Arc<Vec<usize>>,
    event_rows: Arc<Vec<usize>>,
    year_counts: Arc<Vec<(i32, usize)>>,
}

/// A list to fill: the one at hand, emptied, when nothing else shares it (its room is kept),
/// else the spare one if nothing shares that, else a new one as large.
fn refill<T>(list: &mut Arc<Vec<T>>, spare: Option<Arc<Vec<T>>>) -> &mut Vec<T> {
    if Arc::get_mut(list).is_none() {
        *list = match spare {
            Some(spare) if Arc::strong_count(&spare) == 1 => spare,
            _ => Arc::new(Vec::with_capacity(list.len())),
        };
    }
    let list = Arc::get_mut(list).expect("not shared");
    list.clear();
    list
}

impl Timeline {
    /// Rebuilds the rows for the events `keep` accepts, keeping the selection on the same
    /// event or, if it is now hidden, on the nearest visible one.
    pub fn rebuild(&mut self, dataset: &Dataset, facts: &EventIndex, keep: impl Fn(usize) -> bool) {
        self.rebuild_among(dataset, facts, 0..dataset.events.len(), keep);
    }

    /// [`Timeline::rebuild`] keeping every event: the lists made the first time are taken back
    /// after that, until [`Timeline::forget`].
    pub fn show_all(&mut self, dataset: &Dataset, facts: &EventIndex) {
        match self.every.0.clone() {
            Some(lists) => {
                let previous = self.selected_event();
                let shown = Lists {
                    rows: std::mem::replace(&mut self.rows, lists.rows),
                    visible: std::mem::replace(&mut self.visible, lists.visible),
                    event_rows: std::mem::replace(&mut self.event_rows, lists.event_rows),
                    year_counts: std::mem::replace(&mut self.year_counts, lists.year_counts),
                };
                if !Arc::ptr_eq(&shown.rows, &self.rows) {
                    self.spare = Kept(Some(shown));
                }
                self.reselect(previous);
            }
            None => {
                self.rebuild(dataset, facts, |_| true);
                let (rows, visible) = (Arc::clone(&self.rows), Arc::clone(&self.visible));
                let (event_rows, year_counts) = (Arc::clone(&self.event_rows), Arc::clone(&self.year_counts));
                self.every = Kept(Some(Lists { rows, visible, event_rows, year_counts }));
            }
        }
    }

    /// Drops the lists kept for every event shown (the dataset changed), and the selection.
    pub fn forget(&mut self) {
        self.every = Kept::default();
        self.spare = Kept::default();
        self.visible = Arc::default();
        self.selected = 0;
    }

    /// [`Timeline::rebuild`] looking only at `candidates` (ascending event indexes, such as
    /// the events a search matches): the others are hidden without being looked at.
    pub fn rebuild_among(
        &mut self,
        dataset: &Dataset,
        facts: &EventIndex,
        candidates: impl IntoIterator<Item = usize>,
        keep: impl Fn(usize) -> bool,
    ) {
        let previous = self.selected_event();
        let spare = self.spare.0.take();
        let (spare_rows, spare_visible, spare_event_rows, spare_years) = match spare {
            Some(Lists { rows, visible, event_rows, year_counts }) => {
                (Some(rows), Some(visible), Some(event_rows), Some(year_counts))
            }
            None => (None, None, None, None),
        };
        let (rows, visible) = (refill(&mut self.rows, spare_rows), refill(&mut self.visible, spare_visible));
        let event_rows = refill(&mut self.event_rows, spare_event_rows);
        let year_counts = refill(&mut self.year_counts, spare_years);
        let mut year = None;
        let mut era = None;
        let mut undated = false;
        for index in candidates {
            if !keep(index) {
                continue;
            }
            let event_year = facts.year(dataset, index);
            if facts.undated(index) {
                // One heading for the drafts without a date, after every dated event.
                if !undated {
                    rows.push(Row::Undated);
                    undated = true;
                }
            } else {
                let this_era = facts.era(index);
                if this_era.is_some() && this_era != era {
                    rows.push(Row::Era(this_era.unwrap_or_default()));
                    year = None;
                }
                era = this_era;
                if year != Some(event_year) {
                    rows.push(Row::Year(event_year));
                    year = Some(event_year);
                }
            }
            match year_counts.last_mut() {
                Some((y, count)) if *y == event_year => *count += 1,
                _ => year_counts.push((event_year, 1)),
            }
            event_rows.push(rows.len());
            visible.push(index);
            rows.push(Row::Event(index));
        }
        self.reselect(previous);
    }

    /// The selection on `previous`, or if it is hidden on the nearest event shown; the scroll
    /// within the rows.
    fn reselect(&mut self, previous: Option<usize>) {
        self.selected = match previous {
            Some(event) => nearest(&self.visible, event),
            None => 0,
        };
        self.offset = self.offset.min(self.rows.len().saturating_sub(1));
    }

    pub fn selected_event(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    pub fn selected_row(&self) -> Option<usize> {
        self.event_rows.get(self.selected).copied()
    }

    /// Moves the selection by `delta` events, clamped to the list.
    pub fn move_by(&mut self, delta: isize) {
        if self.visible.is_empty() {
            return;
        }
        let last = self.visible.len() - 1;
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn select_event(&mut self, event: usize) {
        if let Some(pos) = self.visible.iter().position(|&e| e == event) {
            self.selected = pos;
        }
    }

    /// Scrolls so that the selected row is visible in a pane of `height` lines, keeping one
    /// row of context above and below, and the headings above the first event. `lines` says
    /// how many lines row `i` takes (a long title wraps).
    pub fn scroll_into_view(&mut self, height: usize, lines: impl Fn(usize, Row) -> usize) {
        let Some(row) = self.selected_row() else {
            self.offset = 0;
            return;
        };
        if height == 0 || self.rows.is_empty() {
            return;
        }
        let rows = &self.rows;
        let lines = |i: usize| lines(i, rows[i]);
        let span = |from: usize, to: usize| (from..=to).map(lines).sum::<usize>();
        let context = if height > 4 { 1 } else { 0 };
        if self.selected == 0 {
            self.offset = 0;
        }
        // Show the headings right above the selected event when they fit.
        let mut top = row.saturating_sub(context);
        while top > 0 && !matches!(self.rows[top - 1], Row::Event(_)) && span(top - 1, row) < height {
            top -= 1;
        }
        if top < self.offset {
            self.offset = top;
        }
        // The first row from which the one below the selection still fits; never past the
        // selected row itself.
        let bottom = (row + context).min(rows.len() - 1);
        let mut first = bottom;
        let mut used = lines(bottom);
        while first > 0 && used + lines(first - 1) <= height {
            first -= 1;
            used += lines(first);
        }
        if self.offset < first {
            self.offset = first.min(row);
        }
        // No blank lines below the last row when the rows could fill the pane.
        let last = rows.len() - 1;
        let mut max_offset = last;
        let mut used = lines(last);
        while max_offset > 0 && used + lines(max_offset - 1) <= height {
            max_offset -= 1;
            used += lines(max_offset);
        }
        self.offset = self.offset.min(max_offset);
    }

    /// The row drawn at `line` (0-based) of a pane, rows taking `lines` lines each.
    pub fn row_at_line(&self, line: usize, lines: impl Fn(usize) -> usize) -> Option<usize> {
        let mut at = 0;
        for i in self.offset..self.rows.len() {
            at += lines(i);
            if line < at {
                return Some(i);
            }
        }
        None
    }
}

/// The position in `visible` of `event`, or of the visible event closest to it in date order.
fn nearest(visible: &[usize], event: usize) -> usize {
    match visible.binary_search(&event) {
        Ok(pos) => pos,
        Err(0) => 0,
        Err(pos) if pos >= visible.len() => visible.len().saturating_sub(1),
        Err(pos) => {
            if event - visible[pos - 1] <= visible[pos] - event {
                pos - 1
            } else {
                pos
            }
        }
    }
}

#[cfg(test)]
mod tests;
