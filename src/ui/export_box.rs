//! The box `E` opens: where the export goes, in which format, and what it will hold.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::style;
use crate::export::Format;
use crate::layout;
use crate::state::{ExportPrompt, State};
use crate::text::wrap::truncate;

/// What the export holds, whatever screen is open: "the timeline as filtered: 2 of 22 events
/// · 2020", "the whole timeline: 22 events".
pub fn what(state: &State) -> String {
    let (shown, all) = (state.timeline.visible.len(), state.dataset.events.len());
    if shown == all && state.filter.is_empty() && !state.search.is_active() {
        format!("the whole timeline: {}", crate::text::count(all, "event"))
    } else {
        format!("the timeline as filtered: {}", state.shown_summary())
    }
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, prompt: &ExportPrompt) {
    let box_area = layout::centered(area, 64, 7);
    frame.render_widget(Clear, box_area);
    frame.render_widget(style::pane(" Export the timeline ", box_area.width, true), box_area);
    let inner = layout::inner(box_area);
    let width = usize::from(inner.width);
    let formats: Vec<Span> = Format::ALL
        .iter()
        .flat_map(|&f| {
            // The chosen one in brackets as well as reversed: it shows without colour.
            if f == prompt.format {
                [Span::styled(format!("[{}]", f.name()), style::selected(true)), Span::raw(" ")]
            } else {
                [Span::styled(format!(" {} ", f.name()), style::dim()), Span::raw(" ")]
            }
        })
        .collect();
    // The end of a long name shows: that is where the typing goes.
    let room = width.saturating_sub(7);
    let chars: Vec<char> = prompt.path.chars().collect();
    let shown: String = if chars.len() > room {
        std::iter::once('…').chain(chars[chars.len() + 1 - room.max(1)..].iter().copied()).collect()
    } else {
        prompt.path.clone()
    };
    let note = if prompt.exporting {
        Line::styled("exporting… (esc closes this box; the status line says when it is written)", style::dim())
    } else if prompt.replace {
        Line::styled("the file exists: enter replaces it, or change the name", style::warning())
    } else {
        Line::styled("enter exports · tab/shift-tab format · esc cancels", style::dim())
    };
    let lines = vec![
        Line::from(formats),
        Line::from(vec![Span::styled("file: ", style::label()), Span::raw(shown), Span::raw("▏")]),
        Line::styled(truncate(&what(state), width), style::dim()),
        Line::default(),
        note,
    ];
    frame.render_widget(Paragraph::new(lines), inner);
}
