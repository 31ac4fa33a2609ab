//! The screen shown while a large dataset loads: what is loading, a gauge, and how to quit.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::Line;
use ratatui::widgets::{LineGauge, Paragraph};

use super::style;
use crate::layout;
use crate::load::{Progress, Stage};
use crate::text::wrap::truncate;

/// "12.5 MB" for a byte count.
fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

pub fn draw(frame: &mut Frame, name: &str, progress: &Progress, elapsed_secs: f64) {
    use std::sync::atomic::Ordering::Relaxed;
    let area = frame.area();
    let width = area.width.min(72);
    let box_area = layout::centered(area, width, 7);
    let inner = layout::inner(box_area);
    frame.render_widget(style::pane(" annals · loading ", box_area.width, true), box_area);
    if inner.height == 0 {
        return;
    }
    let total = progress.total.load(Relaxed);
    let what = match progress.stage() {
        Stage::Reading => format!("reading {} of {}", megabytes(progress.read.load(Relaxed)), megabytes(total)),
        Stage::Parsing => {
            format!("parsing and checking {} of {}", megabytes(progress.parsed.load(Relaxed)), megabytes(total))
        }
        Stage::Indexing => "building the search index".to_string(),
    };
    let room = usize::from(inner.width);
    let fraction = progress.fraction().clamp(0.0, 1.0);
    let percent = (fraction * 100.0).floor();
    let lines = vec![
        Line::from(truncate(name, room)),
        Line::styled(truncate(&format!("{what} · {percent}% · {elapsed_secs:.1} s"), room), style::dim()),
    ];
    frame.render_widget(Paragraph::new(lines), Rect { height: inner.height.min(2), ..inner });
    if inner.height > 3 {
        let gauge_area = Rect { y: inner.y + 3, height: 1, ..inner };
        let gauge = LineGauge::default()
            .filled_style(Style::new().fg(Color::Cyan))
            .unfilled_style(style::dim())
            .filled_symbol(ratatui::symbols::line::THICK_HORIZONTAL)
            .ratio(fraction)
            .label("");
        frame.render_widget(gauge, gauge_area);
    }
    if inner.height > 4 {
        let hint = Rect { y: inner.y + 4, height: 1, ..inner };
        frame.render_widget(Paragraph::new(Line::styled("q or ctrl-c: stop and quit", style::dim())), hint);
    }
}
