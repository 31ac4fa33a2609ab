//! The main view's panes at every terminal size.
//!
//! - Narrow (under [`NARROW_BELOW`] columns): the timeline and the selected event (its detail
//!   over its quotes) take the whole width in turn, and Tab switches, as lazygit and gitui do
//!   on narrow terminals. Stacking them instead would leave each about half of 19 lines at
//!   80x24: too few for a dozen events, or for a quote.
//! - Middle: the timeline beside the detail over the quotes.
//! - Wide (over [`WIDE_ABOVE`] columns): a third column reads the selected quote in its
//!   article.
//!
//! On a short terminal (under [`RULER_FROM`] lines) the time ruler gives its three lines to
//! the list.

use ratatui::layout::{Constraint, Layout, Rect};

use super::Frame;

/// Below this width the timeline and the event switch with Tab.
pub const NARROW_BELOW: u16 = 100;
/// Above this width a third column shows the selected quote in its article.
pub const WIDE_ABOVE: u16 = 160;
/// The time ruler shows from this terminal height.
pub const RULER_FROM: u16 = 26;

/// How the main view divides its space, in percent (from the config file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proportions {
    /// Share of the width for the timeline (30–70).
    pub timeline_width: u16,
    /// Share of the right column for the detail pane; the quotes get the rest (20–80).
    pub detail_height: u16,
}

impl Default for Proportions {
    fn default() -> Self {
        Proportions { timeline_width: 46, detail_height: 55 }
    }
}

/// Which arrangement the width allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One of timeline or event at a time, switched with Tab.
    Narrow,
    /// Timeline beside event.
    Columns,
    /// Timeline, event, and the selected quote in its article.
    Wide,
}

/// The main view's panes. In the narrow shape the timeline and the event panes take the same
/// space: the one with the focus shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MainLayout {
    pub frame: Frame,
    pub shape: Shape,
    /// Empty on a short terminal.
    pub ruler: Rect,
    pub timeline: Rect,
    pub detail: Rect,
    pub quotes: Rect,
    /// The article at the selected quote; empty unless wide.
    pub article: Rect,
}

impl MainLayout {
    pub fn new(area: Rect, p: Proportions) -> MainLayout {
        let frame = Frame::new(area);
        let ruler_height = if area.height >= RULER_FROM { 3 } else { 0 };
        let [ruler, panes] = Layout::vertical([Constraint::Length(ruler_height), Constraint::Min(0)]).areas(frame.body);
        let (w, h) = (p.timeline_width.clamp(30, 70), p.detail_height.clamp(20, 80));
        let shape = match area.width {
            x if x < NARROW_BELOW => Shape::Narrow,
            x if x > WIDE_ABOVE => Shape::Wide,
            _ => Shape::Columns,
        };
        let (timeline, right, article) = match shape {
            Shape::Narrow => (panes, panes, Rect::default()),
            Shape::Columns => {
                let [timeline, right] =
                    Layout::horizontal([Constraint::Percentage(w), Constraint::Percentage(100 - w)]).areas(panes);
                (timeline, right, Rect::default())
            }
            Shape::Wide => {
                // The timeline keeps its share; the event and the article halve the rest.
                let rest = 100 - w;
                let [timeline, right, article] = Layout::horizontal([
                    Constraint::Percentage(w),
                    Constraint::Percentage(rest / 2),
                    Constraint::Percentage(rest - rest / 2),
                ])
                .areas(panes);
                (timeline, right, article)
            }
        };
        let [detail, quotes] =
            Layout::vertical([Constraint::Percentage(h), Constraint::Percentage(100 - h)]).areas(right);
        MainLayout { frame, shape, ruler, timeline, detail, quotes, article }
    }

    /// Whether the timeline shows (always, but in the narrow shape only while it has the
    /// focus).
    pub fn shows_timeline(&self, timeline_focused: bool) -> bool {
        self.shape != Shape::Narrow || timeline_focused
    }

    /// Whether the detail and quotes panes show.
    pub fn shows_event(&self, timeline_focused: bool) -> bool {
        self.shape != Shape::Narrow || !timeline_focused
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(w: u16, h: u16) -> MainLayout {
        MainLayout::new(Rect::new(0, 0, w, h), Proportions::default())
    }

    #[test]
    fn each_width_has_its_shape_and_the_panes_fill_it() {
        let narrow = at(80, 24);
        assert_eq!(narrow.shape, Shape::Narrow);
        assert_eq!(narrow.timeline.width, 80, "the timeline takes the whole width");
        assert_eq!(narrow.ruler.height, 0, "a short terminal gives the ruler's lines to the list");
        assert_eq!(narrow.timeline.height, 22);
        assert!(narrow.shows_timeline(true) && !narrow.shows_event(true));
        assert!(!narrow.shows_timeline(false) && narrow.shows_event(false));

        let middle = at(120, 40);
        assert_eq!(middle.shape, Shape::Columns);
        assert_eq!(middle.ruler.height, 3);
        assert_eq!(middle.timeline.width + middle.detail.width, 120);
        assert_eq!(middle.article, Rect::default());

        let wide = at(200, 60);
        assert_eq!(wide.shape, Shape::Wide);
        assert_eq!(wide.timeline.width + wide.detail.width + wide.article.width, 200);
        assert!(wide.article.width >= 50, "the article is wide enough to read: {}", wide.article.width);
        assert!(wide.timeline.width >= 90, "{}", wide.timeline.width);
        assert!(wide.shows_timeline(false) && wide.shows_event(true));
    }
}
