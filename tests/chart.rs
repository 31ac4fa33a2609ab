//! The chart leads somewhere: bars are chosen with j/k, stay in view, and Enter reads the
//! chosen bar's quote; each currency has one scale, shown.

mod common;

use annals::input::action::Action::*;
use annals::screen::ScreenKind as Screen;
use annals::screen::chart::rows::{bars, scale};
use common::{act, app, screen};

#[test]
fn j_and_k_choose_a_bar_and_enter_reads_its_quote() {
    let mut app = app(120, 40);
    act(&mut app, &[Chart]);
    assert_eq!(app.chart().unwrap().selected, 0);
    let all = bars(&app);
    assert!(all.len() >= 5, "{}", all.len());
    act(&mut app, &[Down, Down, Up, Down]);
    assert_eq!(app.chart().unwrap().selected, 2);
    act(&mut app, &[Bottom, Down]);
    assert_eq!(app.chart().unwrap().selected, all.len() - 1, "stops at the last bar");
    let chosen = all[all.len() - 1].clone();
    act(&mut app, &[Open]);
    assert_eq!(app.screen(), Screen::Reader);
    assert_eq!(app.reader().unwrap().source, chosen.source);
    assert_eq!(app.reader().unwrap().highlight, chosen.quote, "the words that state the amount");
    act(&mut app, &[Back]);
    assert_eq!(app.screen(), Screen::Chart, "back to the chart, on the same bar");
    assert_eq!(app.chart().unwrap().selected, all.len() - 1);
}

#[test]
fn the_chosen_bar_stays_in_view_on_a_small_terminal() {
    let mut app = app(60, 20);
    act(&mut app, &[Chart]);
    let all = bars(&app);
    for (i, bar) in all.iter().enumerate() {
        let text = screen(&app);
        let amount = annals::screen::chart::rows::value_text(bar);
        let marked = text.lines().any(|line| line.contains('▶') && line.contains(amount.trim()));
        assert!(marked, "bar {i} ({amount}) chosen and shown:\n{text}");
        act(&mut app, &[Down]);
    }
}

#[test]
fn each_currency_has_one_round_scale_above_its_largest_bar_and_says_it() {
    assert_eq!(scale(25e9), 30e9);
    assert_eq!(scale(200e9), 300e9);
    assert_eq!(scale(28.26e9), 30e9);
    assert_eq!(scale(1e9), 2e9);
    assert_eq!(scale(0.9e9), 1e9);
    let mut app = app(120, 40);
    act(&mut app, &[Chart]);
    let text = screen(&app);
    assert!(text.contains("EUR · a full bar is 30 billion EUR"), "{text}");
    assert!(text.contains("CNY · a full bar is 300 billion CNY"), "{text}");
    // No bar fills the width: the largest is a share of the scale.
    assert!(!text.lines().any(|l| l.contains(&"█".repeat(100))), "{text}");
}

#[test]
fn the_title_comes_from_the_dataset() {
    let mut app = app(120, 40);
    act(&mut app, &[Chart]);
    let theme = app.dataset.themes.iter().find(|t| t.id == "investment").unwrap().label.clone();
    assert!(screen(&app).contains(&format!("{theme}: the amounts the sources give")));
}
