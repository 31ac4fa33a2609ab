//! The source reader: a source's text in full, scrolled to a highlighted passage. Side by side
//! shows two of these.

pub mod capture;
pub mod select;
pub mod update;
pub mod view;

use std::ops::Range;
use std::sync::Arc;

use crossterm::event::MouseEvent;
use ratatui::layout::Rect;

use crate::input::Action;
use crate::layout;
use crate::model::Dataset;
use crate::state::State;
use crate::text::wrap::wrap;

/// The size of the reader's text area (width, height) at the terminal's size, for `source`.
pub fn text_size(state: &State, source: usize) -> (u16, u16) {
    let text = text_area(state, layout::Frame::new(state.area()).body, &[source]);
    (text.width, text.height)
}

/// The text area of a reader pane `pane` showing one of `sources`: below as many lines of
/// details as the one with the most takes (side by side, both columns' texts start on the
/// same row).
pub fn text_area(state: &State, pane: Rect, sources: &[usize]) -> Rect {
    let width = usize::from(layout::inner(pane).width);
    let wanted = sources.iter().map(|&s| wrap(&details(state, s), width).len()).max().unwrap_or(1);
    layout::reader_text(pane, wanted)
}

pub(super) fn hints(reader: &Reader, state: &State) -> String {
    if reader.selection.is_some() {
        return selecting_hints(state, reader.selecting_one_word(&state.dataset));
    }
    let k = |a: Action| state.keymap.hint(a);
    format!(
        "{} back · {}/{} line · {} page · {} side by side · {} select to capture · {} source details",
        k(Action::Back),
        k(Action::Down),
        k(Action::Up),
        k(Action::PageDown),
        k(Action::SideBySide),
        k(Action::Select),
        k(Action::SourceDetails)
    )
}

/// The keys while a passage is being selected, here and in a column of side by side: the
/// ones that make and keep a selection first (a narrow status line drops the last).
/// A selection of one word (`one_word`) moves a line with the line keys.
pub fn selecting_hints(state: &State, one_word: bool) -> String {
    let k = |a: Action| state.keymap.hint(a);
    let moves = match one_word {
        true => format!(" · {}/{} move", k(Action::Down), k(Action::Up)),
        false => String::new(),
    };
    format!(
        "selecting{moves} · {} word · {} sentence · {} line · {} capture · {} drop · {} start later",
        k(Action::ExtendWord),
        k(Action::ExtendSentence),
        k(Action::ExtendLine),
        k(Action::Capture),
        k(Action::Back),
        k(Action::StartLater)
    )
}

/// Source details under the title: publisher, language, date, what traces the source (by,
/// section, url, read, archived, page lines) and where the date comes from.
pub fn details(state: &State, source: usize) -> String {
    let Some(source) = state.dataset.sources.get(source) else { return String::new() };
    let mut parts = Vec::new();
    if let Some(publisher) = &source.publisher {
        parts.push(publisher.clone());
    }
    parts.push(format!("language: {}", source.language));
    parts.push(match source.date {
        Some(date) => format!("published {date}"),
        None => "no date".to_string(),
    });
    if source.title_editorial {
        parts.push("title given by the dataset (the page has none)".to_string());
    }
    parts.extend(source.trace().into_iter().map(|(label, value)| format!("{label}: {value}")));
    if let Some(note) = &source.date_note {
        parts.push(note.clone());
    }
    parts.join(" · ")
}

/// One source shown in full, scrolled to a passage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reader {
    pub source: usize,
    /// The quoted passage (byte range in the source text), if any.
    pub highlight: Option<Range<usize>>,
    /// First wrapped line shown.
    pub scroll: usize,
    /// The passage being selected to capture (byte range in the source text), if any.
    pub selection: Option<Range<usize>>,
    /// Where the mouse button went down to select, while it is held.
    anchor: Option<usize>,
    /// The last drag, when it went past the top or the bottom of the text and the button is
    /// still down: made again on each `Input::Tick`, so that the text goes on scrolling while
    /// the pointer holds still there.
    held: Option<MouseEvent>,
    /// The source text wrapped at one width, kept so that frames and keys do not re-wrap a
    /// whole article; `update` refreshes it when the reader opens or the terminal resizes.
    wrapped: Wrapped,
}

/// Wrapped lines of one source at one width.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Wrapped {
    source: usize,
    width: u16,
    lines: Arc<[Range<usize>]>,
}

impl Reader {
    /// A reader on `source`, scrolled so the highlight sits a third of the way down a text
    /// area of `width` x `height`.
    pub fn open(dataset: &Dataset, source: usize, highlight: Option<Range<usize>>, width: u16, height: u16) -> Reader {
        match highlight.clone() {
            Some(target) => Reader::open_at(dataset, source, highlight, target, width, height),
            None => {
                let mut reader = Reader { source, highlight, ..Reader::default() };
                reader.rewrap(dataset, width);
                reader
            }
        }
    }

    /// A reader highlighting `highlight`, scrolled so that `target` sits a third of the way
    /// down.
    pub fn open_at(
        dataset: &Dataset,
        source: usize,
        highlight: Option<Range<usize>>,
        target: Range<usize>,
        width: u16,
        height: u16,
    ) -> Reader {
        let mut reader = Reader { source, highlight, ..Reader::default() };
        reader.rewrap(dataset, width);
        let line = reader.wrapped.lines.iter().position(|l| l.end >= target.start).unwrap_or(0);
        reader.scroll = line.saturating_sub(usize::from(height) / 3);
        reader.clamp(dataset, width, height);
        reader
    }

    /// Wrapped lines of the source text at `width` cells: the kept ones when they fit, else
    /// wrapped now.
    pub fn lines(&self, dataset: &Dataset, width: u16) -> Arc<[Range<usize>]> {
        let w = &self.wrapped;
        if w.source == self.source && w.width == width && !w.lines.is_empty() {
            return Arc::clone(&w.lines);
        }
        match dataset.sources.get(self.source) {
            Some(source) => wrap(&source.text, usize::from(width)).into(),
            None => Arc::from([]),
        }
    }

    /// Wraps the text again if the source or the width changed (or `forget_wrap` was called).
    pub fn rewrap(&mut self, dataset: &Dataset, width: u16) {
        let w = &self.wrapped;
        if w.source != self.source || w.width != width || w.lines.is_empty() {
            // A source gone in a reload: nothing to wrap (its screen has been closed).
            let Some(source) = dataset.sources.get(self.source) else {
                self.wrapped = Wrapped::default();
                return;
            };
            let lines = wrap(&source.text, usize::from(width)).into();
            self.wrapped = Wrapped { source: self.source, width, lines };
        }
    }

    /// Follows a new size of the text area: wrapped again at a new width, the line at the top
    /// stays at the top; no scrolling past the end when the area grew.
    pub fn resize(&mut self, dataset: &Dataset, width: u16, height: u16) {
        let top = (self.wrapped.width != width).then(|| self.wrapped.lines.get(self.scroll).map(|l| l.start)).flatten();
        self.rewrap(dataset, width);
        if let Some(top) = top {
            self.scroll = self.wrapped.lines.partition_point(|line| line.end <= top);
        }
        self.clamp(dataset, width, height);
    }

    /// Drops the kept lines (the source text changed on reload).
    pub fn forget_wrap(&mut self) {
        self.wrapped = Wrapped::default();
    }

    pub fn scroll_by(&mut self, dataset: &Dataset, delta: isize, width: u16, height: u16) {
        self.scroll = self.scroll.saturating_add_signed(delta);
        self.clamp(dataset, width, height);
    }

    pub fn scroll_to_end(&mut self, dataset: &Dataset, width: u16, height: u16) {
        self.scroll = usize::MAX;
        self.clamp(dataset, width, height);
    }

    fn clamp(&mut self, dataset: &Dataset, width: u16, height: u16) {
        self.rewrap(dataset, width);
        let total = self.wrapped.lines.len();
        self.scroll = self.scroll.min(total.saturating_sub(usize::from(height)));
    }

    /// The byte range of the source text on screen, in a text area of `width` x `height`.
    pub fn view(&self, dataset: &Dataset, width: u16, height: u16) -> Range<usize> {
        let lines = self.lines(dataset, width);
        let len = dataset.sources.get(self.source).map_or(0, |s| s.text.len());
        let top = lines.get(self.scroll).map_or(len, |line| line.start);
        let bottom = lines.get(self.scroll + usize::from(height)).map_or(len, |line| line.start);
        top..bottom
    }

    /// Starts a selection on the word at the quote, if it is in view, else at the top line;
    /// drops the selection if there is one. `false` when the text has no word from there.
    pub fn toggle_selection(&mut self, dataset: &Dataset, width: u16, height: u16) -> bool {
        if self.selection.take().is_some() {
            return true;
        }
        self.rewrap(dataset, width);
        let Some(source) = dataset.sources.get(self.source) else { return false };
        let view = self.view(dataset, width, height);
        let cursor = match &self.highlight {
            Some(quote) if view.contains(&quote.start) => quote.start,
            _ => view.start,
        };
        let word = select::word_at(&source.text, cursor);
        if word.is_empty() {
            return false;
        }
        self.selection = Some(word);
        true
    }

    /// Extends the selection by `action` (a word, a sentence, a line), or starts it a word
    /// later, and scrolls its end into view; `false` if there is no selection.
    pub fn extend_selection(&mut self, dataset: &Dataset, action: Action, width: u16, height: u16) -> bool {
        let Some(selection) = self.selection.clone() else { return false };
        self.rewrap(dataset, width);
        let Some(source) = dataset.sources.get(self.source) else { return false };
        let text = &source.text;
        let extended = match action {
            Action::ExtendWord => select::extend_word(text, selection),
            Action::ExtendSentence => select::extend_sentence(text, selection),
            Action::StartLater => select::start_later(text, selection),
            _ => select::extend_line(&self.wrapped.lines, selection),
        };
        self.select(extended, height);
        true
    }

    /// Moves a selection of one word (one just begun) `delta` lines down or up, to the first
    /// word there; `false` (nothing moved) when it is longer, or at the first or last line.
    pub fn move_selection(&mut self, dataset: &Dataset, delta: isize, width: u16, height: u16) -> bool {
        let Some(selection) = self.selection.clone() else { return false };
        self.rewrap(dataset, width);
        let Some(source) = dataset.sources.get(self.source) else { return false };
        match select::moved_by_lines(&source.text, &self.wrapped.lines, selection, delta) {
            Some(moved) => {
                self.select(moved, height);
                true
            }
            None => false,
        }
    }

    /// Whether the selection is one word, which `j`/`k` move a line rather than scroll past.
    pub fn selecting_one_word(&self, dataset: &Dataset) -> bool {
        match (&self.selection, dataset.sources.get(self.source)) {
            (Some(selection), Some(source)) => select::word_at(&source.text, selection.start) == *selection,
            _ => false,
        }
    }

    /// Sets the selection, scrolled so that its end shows in a text area `height` lines tall.
    fn select(&mut self, selection: Range<usize>, height: u16) {
        let end_line = self.wrapped.lines.iter().position(|line| selection.end <= line.end).unwrap_or(0);
        let height = usize::from(height.max(1));
        if end_line >= self.scroll + height {
            self.scroll = end_line + 1 - height;
        }
        if end_line < self.scroll {
            self.scroll = end_line;
        }
        self.selection = Some(selection);
    }

    /// The byte of the source text drawn at (`column`, `row`) of the screen, when that is in
    /// `area`, the text area: past a line's end, where the line ends.
    pub fn offset_at(&self, dataset: &Dataset, area: ratatui::layout::Rect, column: u16, row: u16) -> Option<usize> {
        if !layout::contains(area, column, row) {
            return None;
        }
        let lines = self.lines(dataset, area.width);
        let line = lines.get(self.scroll + usize::from(row - area.y))?;
        let text = &dataset.sources.get(self.source)?.text;
        let mut cells = usize::from(column - area.x);
        for (i, c) in text.get(line.clone())?.char_indices() {
            let width = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if cells < width {
                return Some(line.start + i);
            }
            cells -= width;
        }
        Some(line.end)
    }

    /// A press of the mouse button at byte `at` of the text: a selection of the word there
    /// begins (a drag then extends it); `false` when there is no word from there on.
    pub fn press(&mut self, dataset: &Dataset, at: usize) -> bool {
        let Some(source) = dataset.sources.get(self.source) else { return false };
        let word = select::word_at(&source.text, at);
        self.held = None;
        if word.is_empty() {
            self.anchor = None;
            return false;
        }
        self.anchor = Some(at);
        self.selection = Some(word);
        true
    }

    /// The mouse dragged to byte `at` of the text: the selection runs from the word the
    /// press was on to the word here, whole words at both ends.
    pub fn drag(&mut self, dataset: &Dataset, at: usize) {
        if let (Some(anchor), Some(source)) = (self.anchor, dataset.sources.get(self.source)) {
            self.selection = Some(select::between(&source.text, anchor, at));
        }
    }

    /// Whether a selection is being made with the mouse (its button is down).
    pub fn dragging(&self) -> bool {
        self.anchor.is_some()
    }

    /// The mouse button was let go: the selection stays, to extend or capture.
    pub fn release(&mut self) {
        self.anchor = None;
        self.held = None;
    }

    /// The drag held past the top or the bottom of the text, if any: to make again while
    /// the button stays down.
    pub fn held_drag(&self) -> Option<MouseEvent> {
        self.held.filter(|_| self.dragging())
    }

    /// The passage to copy with its citation: the selection being made, else the highlighted
    /// quote.
    pub fn passage(&self, dataset: &Dataset) -> super::Passage {
        if let Some(selection) = &self.selection
            && let Some(source) = dataset.sources.get(self.source)
        {
            let words = source.text.get(select::trimmed(&source.text, selection.clone())).unwrap_or_default();
            if !words.is_empty() {
                return Ok((self.source, words.to_string()));
            }
        }
        match &self.highlight {
            Some(range) => Ok((self.source, dataset.sources[self.source].text[range.clone()].to_string())),
            None => Err(Some("no quoted passage here to copy".into())),
        }
    }

    /// Follows a reload: the same source (by id), or `false` if it is gone. If its text is
    /// the same (another file changed: a capture in another window), the quote shown and the
    /// selection being made stay; else they are dropped.
    pub fn reloaded(&mut self, old: &Dataset, new: &Dataset) -> bool {
        self.forget_wrap();
        let Some(before) = old.sources.get(self.source) else { return false };
        match new.sources.iter().position(|s| s.id == before.id) {
            Some(source) => {
                self.source = source;
                if new.sources[source].text != before.text {
                    self.highlight = None;
                    self.selection = None;
                    self.anchor = None;
                }
                true
            }
            None => false,
        }
    }
}
