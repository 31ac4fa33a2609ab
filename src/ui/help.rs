//! The help overlay, generated from the keymap table that drives the state.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::style;
use crate::layout;
use crate::state::State;

/// One key of the help: its keys in a column of `key_width`, what it does wrapped beside.
fn key_lines(keys: &str, what: &str, key_width: usize, width: usize) -> Vec<Line<'static>> {
    let pad = " ".repeat(key_width.saturating_sub(crate::text::wrap::width(keys) + 1));
    let body = style::marked_paragraph(what, width.saturating_sub(key_width).max(10), &[], Style::new());
    body.into_iter()
        .enumerate()
        .map(|(i, line)| {
            let head = if i == 0 { format!(" {keys}{pad}") } else { " ".repeat(key_width) };
            let mut spans = vec![Span::styled(head, style::label())];
            spans.extend(line.spans);
            Line::from(spans)
        })
        .collect()
}

/// Every line of the help at `width`: the keys of the screen that shows, then those that work
/// everywhere, and what they do (wrapped); then the theme badges of the timeline, then notes.
pub fn lines(state: &State, width: usize) -> Vec<Line<'static>> {
    use crate::input::keymap::{GLOBAL, SECTIONS};
    let own = state.keymap.section_rows(state.section);
    let global = state.keymap.section_rows(GLOBAL);
    let key_width = own.iter().chain(&global).map(|(k, _)| crate::text::wrap::width(k)).max().unwrap_or(0).max(8) + 3;
    let title = |name: &str| SECTIONS.iter().find(|(n, _)| *n == name).map_or(name.to_string(), |(_, t)| t.to_string());
    let mut out: Vec<Line> = Vec::new();
    // The views first, by their keys, in two lines: what annals shows besides the timeline.
    let k = |a| state.keymap.hint(a);
    use crate::input::Action;
    let views = format!(
        "Views: {} compare the sources · {} chart of the amounts · {} side by side · after a search, {} \
         concordance and {} matches",
        k(Action::Compare),
        k(Action::Chart),
        k(Action::SideBySide),
        k(Action::Concordance),
        k(Action::Matches)
    );
    out.extend(style::indented(&views, width, 1, style::heading()));
    out.push(Line::default());
    let mut rows: Vec<(Option<String>, String, &str)> = Vec::new();
    if !own.is_empty() {
        rows.push((Some(title(state.section)), String::new(), ""));
        rows.extend(own.into_iter().map(|(k, w)| (None, k, w)));
        rows.push((Some(title(GLOBAL)), String::new(), ""));
    }
    rows.extend(global.into_iter().map(|(k, w)| (None, k, w)));
    for (heading, keys, what) in rows {
        if let Some(heading) = heading {
            out.push(Line::styled(format!(" {heading}"), style::heading()));
            continue;
        }
        out.extend(key_lines(&keys, what, key_width, width));
    }
    out.push(Line::default());
    out.push(Line::styled(" Theme badges in the timeline", style::heading()));
    let d = &state.dataset;
    for (t, theme) in d.themes.iter().enumerate() {
        out.push(Line::from(vec![
            Span::styled(format!(" {}  ", style::badge(&theme.id)), Style::new().fg(style::theme_color(d, t))),
            Span::raw(theme.label.clone()),
        ]));
    }
    out.push(Line::default());
    out.extend(date_legend(width));
    out.push(Line::default());
    if let Some(example) = citation_example(state) {
        out.extend(style::indented(&example, width, 1, style::dim()));
    }
    for note in [
        "In the search line: enter keeps the search and goes to the first match from the selected \
         event on (as vim's / does from the cursor; g then n starts from match 1), esc cancels (back \
         to the search before), ↑ brings back the last search, backspace, ctrl-w (a word) and ctrl-u \
         (all) delete. tab changes where it looks: everything (events, quotes and articles), or only \
         the articles the selected event quotes, or only the article open in the reader.",
        "ctrl-c always quits. Mouse: the wheel scrolls the pane under the pointer, a click selects.",
        "Year picker: type the digits. Theme picker: space toggles several themes, enter applies.",
        "Ruler: ▁▃█ events per year, ◆ the selected event, coloured lines the eras.",
    ] {
        out.extend(style::indented(note, width, 1, style::dim()));
    }
    out
}

/// The marks of the timeline's dates and the words before titles, each with what it means
/// (`model::date::Date`'s display, `Event::date_written`'s "..", `layout::timeline::marks`).
fn date_legend(width: usize) -> Vec<Line<'static>> {
    const MARKS: [(&str, &str); 8] = [
        ("2016-09-11", "printed in a source, to the day (2018: to the year, 2015-07: to the month)"),
        ("[2015-07]", "inferred: not printed, worked out from what is (a weekday, a dated comment)"),
        ("~2022-09", "approximate: the source gives a vague time, close to this date"),
        ("2020?", "uncertain: a guess from the context"),
        ("..~2022-09", "some time up to that date, its start unknown"),
        ("planned", "the sources say it was to happen, not that it did"),
        ("target", "a goal set for that date: the sources do not say it was met"),
        ("unsourced", "no quote backs the event"),
    ];
    let mut out = vec![Line::styled(" Dates and words before the titles", style::heading())];
    for (mark, what) in MARKS {
        out.extend(key_lines(mark, what, 14, width));
    }
    out
}

/// What `Y` copies, shown on the dataset's first quote in the configured style: the same
/// text as the clipboard and the Markdown export get (`crate::cite::citation`).
fn citation_example(state: &State) -> Option<String> {
    let d = &state.dataset;
    let quote = d.events.iter().find_map(|e| e.quotes.first())?;
    let citation = crate::cite::citation(&d.sources[quote.source], &d.quote_text(quote), state.citation_style);
    Some(format!(
        "Y copies the quote with its citation (citation_style \"{}\" in the config file), for example: {citation}",
        state.citation_style.name()
    ))
}

/// How far the open help or problems list can scroll at the state's size.
pub fn max_scroll(state: &State) -> usize {
    // Drawn between the header and the status line.
    let area = layout::Frame::new(state.area()).body;
    let total = match &state.overlay {
        Some(crate::state::Overlay::Help { .. }) => {
            lines(state, usize::from(area.width.min(90).saturating_sub(2))).len()
        }
        Some(crate::state::Overlay::Problems { lines, .. }) => problem_lines(lines, area.width).len(),
        _ => 0,
    };
    total.saturating_sub(usize::from(area.height.saturating_sub(2)))
}

fn problem_lines(problems: &[String], area_width: u16) -> Vec<Line<'static>> {
    let width = area_width.saturating_sub(4).min(110);
    let mut lines: Vec<Line> = Vec::new();
    for problem in problems {
        lines.extend(style::indented(problem, usize::from(width.saturating_sub(2)), 1, Style::new()));
    }
    lines.push(Line::default());
    lines.push(Line::styled(" esc or enter closes", style::dim()));
    lines
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, scroll: usize) {
    let width = area.width.min(90);
    let all = lines(state, usize::from(width.saturating_sub(2)));
    let box_area = layout::centered(area, width, all.len() as u16 + 2);
    frame.render_widget(Clear, box_area);
    let inner = layout::inner(box_area);
    let max = all.len().saturating_sub(usize::from(inner.height));
    let scroll = scroll.min(max);
    let mut block = style::pane(" Keys · ? or esc closes ", box_area.width, true);
    if max > 0 {
        let position =
            format!(" lines {}–{} of {} · j/k scroll ", scroll + 1, scroll + usize::from(inner.height), all.len());
        block = block.title_bottom(Line::from(position).right_aligned());
    }
    frame.render_widget(block, box_area);
    frame.render_widget(Paragraph::new(all.into_iter().skip(scroll).collect::<Vec<_>>()), inner);
}

/// The problems overlay: config warnings, or why a reload failed.
pub fn draw_problems(frame: &mut Frame, area: Rect, title: &str, problems: &[String], scroll: usize) {
    let width = area.width.saturating_sub(4).min(110);
    let lines = problem_lines(problems, area.width);
    let box_area = layout::centered(area, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, box_area);
    let block = Block::new().borders(Borders::ALL).border_style(style::border(true)).title(format!(" {title} "));
    let inner = layout::inner(box_area);
    frame.render_widget(block, box_area);
    let max = lines.len().saturating_sub(usize::from(inner.height));
    frame.render_widget(Paragraph::new(lines.into_iter().skip(scroll.min(max)).collect::<Vec<_>>()), inner);
}
