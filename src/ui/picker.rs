//! The year and theme pickers.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use super::style;
use crate::layout;
use crate::state::{Picker, PickerKind};
use crate::text::wrap::truncate;

pub fn draw(frame: &mut Frame, area: Rect, picker: &Picker) {
    let shown = picker.shown();
    let title = match picker.kind {
        PickerKind::Year if picker.typed.is_empty() => " Year · type digits or move, enter picks ".to_string(),
        PickerKind::Year => format!(" Year: {}_ · enter picks ", picker.typed),
        PickerKind::Themes => " Themes · space toggles, enter applies ".to_string(),
        PickerKind::Sources => " Sources · space toggles, enter applies ".to_string(),
        PickerKind::Language => " Language · enter picks ".to_string(),
    };
    let height = (shown.len().max(1) as u16 + 2).min(area.height);
    // Titles of sources are longer than years, themes and languages.
    let box_width = if picker.kind == PickerKind::Sources { 72 } else { 48 };
    let box_area = layout::centered(area, box_width, height);
    frame.render_widget(Clear, box_area);
    let inner = layout::inner(box_area);
    let pane = style::list_pane(&title, box_area.width, picker.cursor, usize::from(inner.height), shown.len());
    frame.render_widget(pane, box_area);
    let width = usize::from(inner.width);
    if shown.is_empty() {
        frame.render_widget(Paragraph::new(Line::styled("no events in that year", style::dim())), inner);
        return;
    }
    let rows = usize::from(inner.height).max(1);
    let skip = (picker.cursor + 1).saturating_sub(rows);
    let lines: Vec<Line> = shown
        .iter()
        .enumerate()
        .skip(skip)
        .take(rows)
        .map(|(pos, &i)| {
            let item = &picker.items[i];
            let mark = match picker.kind {
                PickerKind::Themes | PickerKind::Sources => {
                    if item.checked {
                        "[x] "
                    } else {
                        "[ ] "
                    }
                }
                PickerKind::Year | PickerKind::Language => {
                    if item.checked {
                        "• "
                    } else {
                        "  "
                    }
                }
            };
            // The count is what the picker is for: the label gives way to it.
            let count = format!(" ({})", item.count);
            let label = truncate(&format!("{mark}{}", item.label), width.saturating_sub(count.len()));
            let text = truncate(&format!("{label}{count}"), width);
            let style = if pos == picker.cursor { style::selected(true) } else { Style::new() };
            Line::styled(format!("{text:<width$}"), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
