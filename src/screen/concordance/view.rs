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

/// "fr · Techfu" for a source, "quote · fr · Techfu" for an event's quote of it (the same
/// words as a line of the article), "event · its title" for an event's own text.
fn place(state: &State, location: Location) -> String {
    let d = &state.dataset;
    match source_of(d, location) {
        Some(s) => {
            let source = &d.sources[s];
            let name = source.publisher.clone().unwrap_or_else(|| source.shown_title());
            let quote = if rows::is_quote(location) { "quote · " } else { "" };
            format!("{quote}{} · {name}", source.language)
        }
        None => match location {
            Location::Event { event, .. } => format!("event · {}", d.events[event].title),
            _ => String::new(),
        },
    }
}

/// The date shown on a line: the article's (a quote's too), or the event's for its own text.
fn date(state: &State, location: Location) -> String {
    rows::date_of(&state.dataset, location).map_or_else(|| "undated".to_string(), |date| date.to_string())
}

/// A hit's line in view: its number, where it is, and which hit of its string.
struct Shown {
    row: usize,
    ordinal: usize,
    string: usize,
    nth: usize,
    location: Location,
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
    let height = usize::from(inner.height);
    if concordance.rows.is_empty() {
        let why = match (concordance.lens.quotes_hidden, search.navigable_hits()) {
            (true, n) if n > 0 => {
                format!("every hit is in a quote: {} shows them", state.keymap.hint(crate::input::Action::HideQuotes))
            }
            (_, 0) => "no hit: the search finds nothing in this dataset now".to_string(),
            _ => "no hit in what the filter keeps: [ ] and L change it".to_string(),
        };
        frame.render_widget(Paragraph::new(Line::styled(truncate(&why, room), style::dim())), inner);
        return;
    }
    let rows_in_view = concordance.offset..(concordance.offset + height).min(concordance.rows.len());
    // The hits in view first: the date and place columns are as wide as theirs need, so that a
    // date is never cut and a place takes the room the context does not need.
    let shown: Vec<Shown> = rows_in_view
        .clone()
        .filter_map(|row| match concordance.rows.line(search, row)? {
            rows::Line::Hit { ordinal, string, nth } => {
                let &(matched, _) = search.strings().get(string)?;
                let location = state.search_index.location(search.results.matches().get(matched)?);
                Some(Shown { row, ordinal, string, nth, location })
            }
            rows::Line::Heading { .. } => None,
        })
        .collect();
    let number = search.navigable_hits().max(1).to_string().len();
    let date_width = shown.iter().map(|s| width(&date(state, s.location))).max().unwrap_or(0).min(room / 4);
    let place_wanted = shown.iter().map(|s| width(&place(state, s.location))).max().unwrap_or(0);
    // The context keeps at least half the line for the hit and the words around it.
    let before_place = number + 1 + date_width + 1;
    let place_room = room.saturating_sub(before_place + 1).saturating_sub(room / 2);
    let where_width = place_wanted.min(place_room.max(8));
    let fixed = before_place + where_width + 1;
    let context = room.saturating_sub(fixed);
    // As wide as the query: the hits of one search are about that wide; a longer one is cut.
    let hit_width = width(search.results.query.trim()).clamp(1, HIT.min(context / 3).max(1));
    let left = context.saturating_sub(hit_width) / 2;
    let right = context.saturating_sub(hit_width + left);
    let mut lines: Vec<Line> = Vec::with_capacity(height);
    // Hits of one string share its text and its ranges: worked out once per frame.
    let mut cached: Option<(usize, String, Vec<std::ops::Range<usize>>)> = None;
    let mut hits = shown.iter().peekable();
    for row in rows_in_view {
        let selected = row == concordance.cursor;
        let base = if selected { style::selected(true) } else { Style::new() };
        let hit = hits.next_if(|s| s.row == row);
        match (hit, concordance.rows.line(search, row)) {
            (None, Some(rows::Line::Heading { source, hits, quoted })) => {
                let name = match source {
                    Some(s) => style::attribution(&state.dataset.sources[s]),
                    None => "the events’ own text (titles, summaries, figures, notes)".to_string(),
                };
                // The counts first: a long title is what a narrow pane cuts.
                let count = match quoted {
                    0 => crate::text::count(hits, "hit"),
                    _ if quoted == hits => format!("{}, all in quotes", crate::text::count(hits, "hit")),
                    _ => format!("{} in the text + {quoted} in quotes", hits - quoted),
                };
                let text = truncate(&format!("── {count} · {name}"), room);
                lines.push(Line::styled(format!("{text:<room$}"), base.patch(style::heading())));
            }
            (Some(hit), _) => {
                if cached.as_ref().is_none_or(|c| c.0 != hit.string) {
                    let text = crate::search::text_at(&state.dataset, hit.location).into_owned();
                    let ranges = state.search_index.ranges(&search.results.query, hit.location, &text);
                    cached = Some((hit.string, text, ranges));
                }
                let Some((_, text, ranges)) = &cached else { continue };
                let Some(range) = ranges.get(hit.nth) else { continue };
                let k = kwic(text, range.clone(), left, hit_width, right);
                let number = format!("{:>number$} ", hit.ordinal + 1);
                let date = format!("{:<date_width$} ", truncate(&date(state, hit.location), date_width));
                let place = truncate(&place(state, hit.location), where_width);
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
            _ => {}
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let mut position_width = 0;
    if concordance.rows.len() > height {
        let position = format!(" line {} of {} ", concordance.cursor + 1, concordance.rows.len());
        position_width = width(&position) + 1;
        let x = body.right().saturating_sub(position_width as u16);
        frame.buffer_mut().set_string(x, body.bottom().saturating_sub(1), position, style::dim());
    }
    // The selected line's place whole, on the frame below: what its columns cut.
    if let Some(hit) = shown.iter().find(|s| s.row == concordance.cursor) {
        let mut full =
            format!(" {} · {} · {} ", hit.ordinal + 1, date(state, hit.location), place(state, hit.location));
        if let Location::Event { event, field: crate::search::Field::Quote(_) } = hit.location {
            full.push_str(&format!("· quoted by “{}” ", state.dataset.events[event].title));
        }
        let room = usize::from(body.width).saturating_sub(position_width + 3);
        let full = truncate(&full, room);
        frame.buffer_mut().set_string(body.x + 1, body.bottom().saturating_sub(1), full, style::label());
    }
}
