//! The match list: every source text and event with search matches, with counts, so "which
//! sources mention Amazon?" is answered at a glance. Enter opens one at its first match.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::style::{self, attribution};
use crate::layout;
use crate::state::{MatchGroup, Place, State};
use crate::text::wrap::truncate;

/// One row of the list, as text.
fn row(state: &State, place: Place) -> String {
    let d = &state.dataset;
    match place {
        Place::Source(s) => format!("source · {}", attribution(&d.sources[s])),
        Place::Event(e) => format!("event  · {} {}", d.events[e].date_written(), d.events[e].title),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, groups: &[MatchGroup], cursor: usize) {
    let width = area.width.saturating_sub(4).min(100);
    let box_area = layout::centered(area, width, groups.len() as u16 + 2);
    frame.render_widget(Clear, box_area);
    let sources = groups.iter().filter(|g| matches!(g.place, Place::Source(_))).count();
    let plural = crate::text::count;
    let title = format!(
        " /{} · {}, {} · enter opens ",
        state.search.query,
        plural(sources, "source"),
        plural(groups.len() - sources, "event")
    );
    let inner = layout::inner(box_area);
    let pane = style::list_pane(&title, box_area.width, cursor, usize::from(inner.height), groups.len());
    frame.render_widget(pane, box_area);
    let rows = usize::from(inner.height).max(1);
    let skip = (cursor + 1).saturating_sub(rows);
    let room = usize::from(inner.width);
    let lines: Vec<Line> = groups
        .iter()
        .enumerate()
        .skip(skip)
        .take(rows)
        .map(|(i, group)| {
            let count = format!("{:>4} × ", group.count);
            let text = truncate(&row(state, group.place), room.saturating_sub(count.chars().count()));
            let base = if i == cursor { style::selected(true) } else { Style::new() };
            let pad = " ".repeat(room.saturating_sub(count.chars().count() + crate::text::wrap::width(&text)));
            Line::from(vec![Span::styled(count, base.patch(style::label())), Span::styled(text + &pad, base)])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
