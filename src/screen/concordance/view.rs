//! Draws the concordance: only the lines in view are made, each a hit with its context, the
//! hits aligned in one column.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::ConcordanceState;
use super::rows::{self, source_of};
use crate::layout;
use crate::search::Location;
use crate::state::State;
use crate::text::kwic::kwic;
use crate::text::wrap::{truncate, width};
use crate::ui::style;

/// Cells for the hit itself; longer hits are cut.
const HIT: usize = 24;

/// "fr · Techfu" for a source, "event · its title" for an event's own text.
fn place(state: &State, location: Location) -> String {
    let d = &state.dataset;
    match source_of(d, location) {
        Some(s) => {
            let source = &d.sources[s];
            format!("{} · {}", source.language, source.publisher.as_deref().unwrap_or(&source.title))
        }
        None => match location {
            Location::Event { event, .. } => format!("event · {}", d.events[event].title),
            _ => String::new(),
        },
    }
}

/// The date shown on a line: the article's, or the event's for its own text.
fn date(state: &State, location: Location) -> String {
    let d = &state.dataset;
    match location {
        Location::Source { source } | Location::SourceTitle { source } => {
            d.sources[source].date.map_or_else(|| "undated".to_string(), |date| date.to_string())
        }
        Location::Event { event, .. } => d.events[event].date.to_string(),
    }
}

pub fn draw(frame: &mut Frame, body: Rect, concordance: &ConcordanceState, state: &State) {
    let search = &state.search;
    let title = format!(" Concordance · /{} · {} ", search.results.query.trim(), concordance.describe(state));
    frame.render_widget(style::pane(&title, body.width, true), body);
    let inner = layout::inner(body);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let room = usize::from(inner.width);
    let number = search.navigable_hits().max(1).to_string().len();
    let where_width = (room / 5).clamp(8, 26);
    let fixed = number + 1 + 11 + 1 + where_width + 1;
    let context = room.saturating_sub(fixed);
    // As wide as the query: the hits of one search are about that wide; a longer one is cut.
    let hit_width = width(search.results.query.trim()).clamp(1, HIT.min(context / 3).max(1));
    let left = context.saturating_sub(hit_width) / 2;
    let right = context.saturating_sub(hit_width + left);
    let height = usize::from(inner.height);
    let mut lines: Vec<Line> = Vec::with_capacity(height);
    // Hits of one string share its text and its ranges: worked out once per frame.
    let mut cached: Option<(usize, Location, String, Vec<std::ops::Range<usize>>)> = None;
    for row in concordance.offset..(concordance.offset + height).min(concordance.rows.len()) {
        let selected = row == concordance.cursor;
        let base = if selected { style::selected(true) } else { Style::new() };
        match concordance.rows.line(search, row) {
            Some(rows::Line::Heading { source, hits }) => {
                let name = match source {
                    Some(s) => style::attribution(&state.dataset.sources[s]),
                    None => "the events' own text (titles, summaries, figures, notes)".to_string(),
                };
                let text = truncate(&format!("── {name} · {hits} hit{}", if hits == 1 { "" } else { "s" }), room);
                lines.push(Line::styled(format!("{text:<room$}"), base.patch(style::heading())));
            }
            Some(rows::Line::Hit { ordinal, string, nth }) => {
                if cached.as_ref().is_none_or(|c| c.0 != string) {
                    let Some(&(matched, _)) = search.strings().get(string) else { continue };
                    let Some(matched) = search.results.matches().get(matched) else { continue };
                    let location = state.search_index.location(matched);
                    let text = crate::search::text_at(&state.dataset, location).into_owned();
                    let ranges = state.search_index.ranges(&search.results.query, location, &text);
                    cached = Some((string, location, text, ranges));
                }
                let Some((_, location, text, ranges)) = &cached else { continue };
                let Some(range) = ranges.get(nth) else { continue };
                let k = kwic(text, range.clone(), left, hit_width, right);
                let number = format!("{:>number$} ", ordinal + 1);
                let date = format!("{:<11} ", truncate(&date(state, *location), 11));
                let place = truncate(&place(state, *location), where_width);
                let place = format!("{place}{} ", " ".repeat(where_width.saturating_sub(width(&place))));
                let pad_left = " ".repeat(left.saturating_sub(width(&k.left)));
                let hit_pad = " ".repeat(hit_width.saturating_sub(width(&k.hit)));
                let tail = format!("{}{}", k.right, " ".repeat(right.saturating_sub(width(&k.right))));
                lines.push(Line::from(vec![
                    Span::styled(number, base.patch(style::dim())),
                    Span::styled(date, base.patch(style::label())),
                    Span::styled(place, base.patch(style::dim())),
                    Span::styled(format!("{pad_left}{}", k.left), base),
                    Span::styled(k.hit, base.patch(style::current_match())),
                    Span::styled(format!("{hit_pad}{tail}"), base),
                ]));
            }
            None => {}
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if concordance.rows.len() > height {
        let position = format!(" line {} of {} ", concordance.cursor + 1, concordance.rows.len());
        let x = body.right().saturating_sub(width(&position) as u16 + 1);
        frame.buffer_mut().set_string(x, body.bottom().saturating_sub(1), position, style::dim());
    }
}
