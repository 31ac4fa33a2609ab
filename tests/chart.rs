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
    // CNY is only in the 2020 plan's linked bars, whose heading gives each currency's scale.
    assert!(text.contains("a full bar is 300 billion CNY, 30 billion USD, 30 billion EUR"), "{text}");
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

#[test]
fn a_facts_figures_in_several_currencies_sit_together_under_its_label() {
    let mut app = app(120, 40);
    act(&mut app, &[Chart]);
    let all = bars(&app);
    let plan = app.dataset.facts.iter().position(|f| f.id == "plan-2020-size").unwrap();
    let linked: Vec<usize> = (0..all.len()).filter(|&i| all[i].fact == Some(plan)).collect();
    let units: Vec<&str> = linked.iter().map(|&i| all[i].unit.as_str()).collect();
    assert_eq!(units, ["CNY", "USD", "EUR"], "200 billion yuan, its conversion, 25 billion euros");
    assert!(linked.windows(2).all(|w| w[1] == w[0] + 1), "adjacent: {linked:?}");
    let text = screen(&app);
    let label = &app.dataset.facts[plan].label;
    let heading = text.lines().position(|l| l.contains(&format!("┏ {label} · one fact, in CNY, USD, EUR")));
    let heading = heading.unwrap_or_else(|| panic!("the fact's label heads its bars:\n{text}"));
    assert!(text.contains("a full bar is 300 billion CNY, 30 billion USD, 30 billion EUR"), "{text}");
    // The bracket runs from the heading down to the last of its bars.
    let lines: Vec<&str> = text.lines().collect();
    let last = lines.iter().position(|l| l.contains(" 25 billion EUR")).unwrap();
    assert!(last > heading);
    for line in &lines[heading + 1..=last] {
        assert!(line.contains('┃'), "linked by the bracket: {line:?}\n{text}");
    }
    // No other currency section repeats them.
    assert_eq!(text.matches(" 200 billion CNY").count(), 1, "{text}");
}

#[test]
fn a_linked_bar_is_chosen_with_j_and_enter_reads_its_quote() {
    let mut app = app(120, 40);
    act(&mut app, &[Chart]);
    let all = bars(&app);
    let euro = all.iter().position(|b| b.unit == "EUR" && b.value == 25e9).unwrap();
    for _ in 0..euro {
        act(&mut app, &[Down]);
    }
    let text = screen(&app);
    assert!(text.lines().any(|l| l.contains('▶') && l.contains("25 billion EUR")), "{text}");
    act(&mut app, &[Open]);
    assert_eq!(app.screen(), Screen::Reader);
    let reader = app.reader().unwrap();
    let source = &app.dataset.sources[reader.source];
    assert_eq!(source.id, "en-cloud-proves-its-worth");
    let words = &source.text[reader.highlight.clone().unwrap()];
    assert_eq!(words, "invest 25 billion euros in the cloud over the next three years");
}

#[test]
fn the_chart_of_a_dataset_without_an_investment_theme_is_named_after_the_dataset() {
    let mut app = app(120, 40);
    std::sync::Arc::make_mut(&mut app.state.dataset).themes.retain(|t| t.id != "investment");
    act(&mut app, &[Chart]);
    let title = format!("{}: the amounts the sources give", app.dataset.title);
    assert_eq!(annals::screen::chart::title(&app), title);
}

#[test]
fn the_linked_bars_at_80x24() {
    let mut app = app(80, 24);
    act(&mut app, &[Chart, Bottom]);
    insta::assert_snapshot!("chart_linked_80x24", screen(&app));
}

#[test]
fn a_bar_says_its_date_is_the_articles_and_names_it_by_its_whole_title_where_there_is_room() {
    let mut app = app(200, 60);
    act(&mut app, &[Chart]);
    let text = screen(&app);
    assert!(text.contains("fr article of ~2022-09, “Alibaba Cloud investit 1 milliard de dollars"), "{text}");
    assert!(text.contains("en article, undated, “Alibaba’s cloud proves its worth”"), "{text}");
}
