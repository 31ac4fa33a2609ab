//! Two sources side by side, each scrolled to its quote of the selected event (or of the
//! claims being compared).

pub mod update;
pub mod view;

use std::ops::Range;

use crate::input::Action;
use crate::layout;
use crate::model::{Dataset, Event};
use crate::screen::{Nav, Reader, Screen};
use crate::state::State;

/// The size of each column's text area (width, height) at the terminal's size, the columns
/// showing `sources`.
pub fn text_size(state: &State, sources: [usize; 2]) -> (u16, u16) {
    let text = crate::screen::reader::text_area(state, column_areas(state)[0], &sources);
    (text.width, text.height)
}

/// The two columns' panes at the terminal's size.
pub fn column_areas(state: &State) -> [ratatui::layout::Rect; 2] {
    layout::columns(layout::Frame::new(state.area()).body)
}

pub(super) fn hints(state: &State) -> String {
    let k = |a: Action| state.keymap.hint(a);
    format!(
        "{}: other column · {} {} swap source · {} read full width · {} back · {} source details",
        k(Action::FocusNext),
        k(Action::PrevSource),
        k(Action::NextSource),
        k(Action::Open),
        k(Action::Back),
        k(Action::SourceDetails)
    )
}

/// The header: what is compared.
pub(super) fn subtitle(side: &SideBySide, state: &State) -> String {
    let subtitle = match (&side.title, state.selected_event()) {
        (Some(title), _) => format!("side by side · {title}"),
        (None, Some(event)) => format!("side by side · {} {}", event.date_written(), event.title),
        (None, None) => "side by side".to_string(),
    };
    crate::text::wrap::truncate(&subtitle, usize::from(state.size.0 / 2))
}

/// Side by side for the selected event: its first two sources, each at its quote.
pub fn open_for_event(state: &mut State) -> Nav {
    if state.dataset.sources.is_empty() {
        state.message = Some("this dataset has no sources".into());
        return Nav::Stay;
    }
    let event = state.selected_event();
    let (a, b) = default_pair(&state.dataset, state.timeline.selected_event());
    if a == b {
        // One source in the whole dataset: the same article twice would compare nothing.
        let (w, h) = crate::screen::reader::text_size(state, a);
        let reader = Reader::open(&state.dataset, a, quote_range(event, a), w, h);
        state.message = Some("this dataset has one source: it opens in the reader".into());
        return Nav::push(Screen::Reader(reader));
    }
    let (w, h) = text_size(state, [a, b]);
    let ra = quote_range(event, a);
    let rb = quote_range(event, b);
    let message = (event.is_some() && rb.is_none())
        .then(|| format!("one source is quoted here · {} shows another", state.keymap.hint(Action::NextSource)));
    let columns = [Reader::open(&state.dataset, a, ra, w, h), Reader::open(&state.dataset, b, rb, w, h)];
    if message.is_some() {
        state.message = message;
    }
    Nav::push(Screen::SideBySide(SideBySide { columns, focus: 0, title: None }))
}

/// Two readers next to each other; `focus` is the column that takes the keys.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SideBySide {
    pub columns: [Reader; 2],
    pub focus: usize,
    /// What is being compared, for the header (the selected event when `None`).
    pub title: Option<String>,
}

impl SideBySide {
    /// The sources the columns show.
    pub fn sources(&self) -> [usize; 2] {
        self.columns.each_ref().map(|c| c.source)
    }

    /// Re-wraps both columns for the terminal's size.
    pub fn rewrap(&mut self, state: &State) {
        let (width, _) = text_size(state, self.sources());
        for column in &mut self.columns {
            column.rewrap(&state.dataset, width);
        }
    }

    /// Follows a new size of the terminal: each column as the reader does.
    pub fn resize(&mut self, state: &State) {
        let (width, height) = text_size(state, self.sources());
        for column in &mut self.columns {
            column.resize(&state.dataset, width, height);
        }
    }

    /// Follows a reload: both sources still there (by id), or `false`.
    pub fn reloaded(&mut self, old: &Dataset, state: &State) -> bool {
        let [left, right] = &mut self.columns;
        // Both follow the reload, even when the first is gone.
        let kept = [left.reloaded(old, &state.dataset), right.reloaded(old, &state.dataset)] == [true, true];
        self.rewrap(state);
        kept
    }
}

/// The first quote of `event` from `source`, if it quotes that source.
pub fn quote_range(event: Option<&Event>, source: usize) -> Option<Range<usize>> {
    event?.quotes.iter().find(|q| q.source == source && !q.page_lines).map(|q| q.range.clone())
}

/// The two sources to compare for event number `index`: the first two distinct sources it
/// quotes; for an event quoting one, that one and another source stating a fact about the
/// event (a claim of the compare view), else the next source of the dataset.
pub fn default_pair(dataset: &Dataset, index: Option<usize>) -> (usize, usize) {
    let event = index.and_then(|i| dataset.events.get(i));
    let mut quoted: Vec<usize> = Vec::new();
    for q in event.map(|e| e.quotes.as_slice()).unwrap_or_default() {
        if !quoted.contains(&q.source) {
            quoted.push(q.source);
        }
    }
    let n = dataset.sources.len().max(1);
    match quoted.as_slice() {
        [a, b, ..] => (*a, *b),
        [a] => {
            let about = dataset.facts.iter().filter(|f| f.event.is_some() && f.event == index);
            let claimed = about.flat_map(|f| f.claims.iter().map(|c| c.quote.source)).find(|s| s != a);
            (*a, claimed.unwrap_or((a + 1) % n))
        }
        [] => (0, 1 % n),
    }
}
