//! Search, compare, copying a citation and the start-up options, through `update`.

mod common;

use annals::app::{Effect, Input, Startup, update};
use annals::input::action::Action::*;
use annals::screen::{Focus, ScreenKind as Screen};
use common::{act, app, key, selected_id, type_str};
use crossterm::event::KeyCode;

#[test]
fn search_updates_on_every_keystroke_and_ignores_case_and_accents() {
    let mut app = app(120, 40);
    act(&mut app, &[Search]);
    assert!(app.search.editing);
    type_str(&mut app, "ZHANG");
    let after_zhang = app.timeline.visible.len();
    assert!(after_zhang > 0 && after_zhang < 16, "{after_zhang}");
    type_str(&mut app, "BEI");
    assert!(app.timeline.visible.iter().all(|&e| app.search.results.event_matches(e)));
    assert!(app.shown_summary().contains("/ZHANGBEI"), "{}", app.shown_summary());
    key(&mut app, KeyCode::Backspace);
    assert_eq!(app.search.query, "ZHANGBE");

    let mut accents = common::app(120, 40);
    act(&mut accents, &[Search]);
    type_str(&mut accents, "donnees");
    assert!(!accents.search.results.is_empty(), "donnees finds données");
    type_str(&mut accents, "xyzzy");
    assert!(accents.timeline.visible.is_empty());
    assert_eq!(accents.search.status(), "no match");
}

#[test]
fn enter_keeps_the_search_and_jumps_to_the_first_match_and_n_walks_into_the_sources() {
    let mut app = app(120, 40);
    act(&mut app, &[Search]);
    type_str(&mut app, "amazon");
    key(&mut app, KeyCode::Enter);
    assert!(!app.search.editing);
    assert_eq!(app.search.ordinal(), Some(0));
    assert!(app.search.status().starts_with("match 1 of "), "{}", app.search.status());
    let total = app.search.navigable_hits();
    let sources = app.search.results.matching_sources().len();
    assert!(sources >= 2, "several articles mention Amazon");
    let mut reached_reader = false;
    for _ in 0..total {
        act(&mut app, &[NextMatch]);
        reached_reader |= app.screen() == Screen::Reader;
    }
    assert!(reached_reader, "n reaches the matches in the source texts");
    assert_eq!(app.search.ordinal(), Some(0), "n wraps around");
    act(&mut app, &[PrevMatch]);
    assert_eq!(app.search.ordinal(), Some(total - 1));
}

#[test]
fn a_match_in_a_quote_selects_that_quote() {
    let mut app = app(120, 40);
    act(&mut app, &[Search]);
    type_str(&mut app, "Les deux centres de Zhangbei");
    key(&mut app, KeyCode::Enter);
    assert_eq!(selected_id(&app), "zhangbei-datacenters-2016");
    assert_eq!(app.main().focus, Focus::Quotes);
}

#[test]
fn esc_clears_the_search_and_search_combines_with_filters() {
    let mut app = app(120, 40);
    app.filter.year = Some(2015);
    app.refilter();
    act(&mut app, &[Search]);
    type_str(&mut app, "amazon");
    key(&mut app, KeyCode::Enter);
    assert!(app.timeline.visible.iter().all(|&e| app.dataset.events[e].date.year == 2015));
    act(&mut app, &[Back]);
    assert!(!app.search.is_active());
    assert_eq!(app.filter.year, Some(2015), "the filter stays");
    assert_eq!(app.timeline.visible.len(), 4);
}

#[test]
fn compare_lists_claims_and_opens_them_side_by_side() {
    let mut app = app(120, 40);
    act(&mut app, &[Compare]);
    assert_eq!(app.screen(), Screen::Compare);
    let claims = app.claims();
    let plan = app.dataset.facts.iter().position(|f| f.id == "plan-2020-size").unwrap();
    let euros = claims
        .iter()
        .position(|&(f, c)| {
            f == plan && app.dataset.quote_text(&app.dataset.facts[f].claims[c].quote).contains("25 billion euros")
        })
        .unwrap();
    for _ in 0..euros {
        act(&mut app, &[Down]);
    }
    act(&mut app, &[Open]);
    assert_eq!(app.screen(), Screen::SideBySide);
    let langs: Vec<&str> =
        app.side().unwrap().columns.iter().map(|c| app.dataset.sources[c.source].language.as_str()).collect();
    assert_eq!(langs, ["en", "fr"], "the English claim next to the French one");
    assert!(app.side().unwrap().columns.iter().all(|c| c.highlight.is_some()));
    act(&mut app, &[Back]);
    assert_eq!(app.screen(), Screen::Compare);
    act(&mut app, &[Chart]);
    assert_eq!(app.screen(), Screen::Chart);
    act(&mut app, &[Back]);
    assert_eq!(app.screen(), Screen::Main);
}

#[test]
fn copying_a_citation_returns_an_osc52_effect_with_the_source() {
    let mut app = app(120, 40);
    let zhangbei = app.dataset.event_index("zhangbei-datacenters-2016").unwrap();
    app.timeline.select_event(zhangbei);
    act(&mut app, &[Open]);
    let Some(Effect::CopyToClipboard(text)) = update(&mut app, Input::Action(CopyCitation)) else {
        panic!("expected a clipboard effect")
    };
    assert!(text.starts_with('“') && text.contains("” — [Alibaba’s first self-built"), "{text}");
    // The reference in the default style, APA 7: the same text as the Markdown export's.
    let source = app.dataset.sources.iter().find(|s| text.contains(s.title.as_str())).expect("the source");
    let reference = annals::cite::reference(source, annals::cite::CitationStyle::Apa).expect("a reference");
    assert!(text.ends_with(&format!("” — {reference}")), "{text}");
    assert!(app.message.as_deref().unwrap().contains("OSC 52"));

    let sequence = annals::runtime::osc52("a\u{1b}]0;x\u{7}b");
    assert!(sequence.starts_with("\u{1b}]52;c;") && sequence.ends_with('\u{7}'));
    let payload = &sequence["\u{1b}]52;c;".len()..sequence.len() - 1];
    assert!(payload.bytes().all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)), "only base64 inside");
}

#[test]
fn startup_options_filter_search_and_position() {
    let mut app = app(120, 40);
    let startup = Startup {
        year: Some(2021),
        themes: vec!["investment".into()],
        at: Some("hires-5000".into()),
        ..Startup::default()
    };
    app.start_at(&startup).unwrap();
    assert_eq!(selected_id(&app), "hires-5000");
    assert!(app.shown_summary().ends_with("· 2021 · investment"));

    let mut by_date = common::app(120, 40);
    by_date.start_at(&Startup { at: Some("2021".into()), ..Startup::default() }).unwrap();
    assert_eq!(selected_id(&by_date), "hires-5000", "the first event on or after the date");

    let mut bad = common::app(120, 40);
    let err = bad.start_at(&Startup { themes: vec!["geopolitic".into()], ..Startup::default() }).unwrap_err();
    assert!(err.contains("did you mean \"geopolitics\""), "{err}");
    let err = bad.start_at(&Startup { at: Some("nope".into()), ..Startup::default() }).unwrap_err();
    assert!(err.contains("neither an event id nor a date"), "{err}");
    let err = bad.start_at(&Startup { at: Some("plan-202".into()), ..Startup::default() }).unwrap_err();
    assert!(err.contains("did you mean \"plan-2020\"?"), "{err}");
    let err = bad.start_at(&Startup { at: Some("2099".into()), ..Startup::default() }).unwrap_err();
    assert!(err.contains("no event on or after 2099 (the last event is dated [2022-09-22])"), "{err}");
}

#[test]
fn walking_past_the_last_match_says_the_search_wrapped() {
    let mut app = app(120, 40);
    act(&mut app, &[Search]);
    type_str(&mut app, "zhangbei");
    key(&mut app, KeyCode::Enter);
    let total = app.search.navigable_hits();
    for _ in 1..total {
        act(&mut app, &[NextMatch]);
    }
    assert!(!app.message.as_deref().unwrap_or_default().contains("wrapped"));
    act(&mut app, &[NextMatch]);
    assert!(
        app.message.as_deref().unwrap_or_default().starts_with("search wrapped to the first match"),
        "{:?}",
        app.message
    );
    act(&mut app, &[PrevMatch]);
    assert!(
        app.message.as_deref().unwrap_or_default().starts_with("search wrapped to the last match"),
        "{:?}",
        app.message
    );
}

#[test]
fn help_scrolls_to_its_end_and_back_without_overshooting() {
    let mut app = app(80, 24);
    act(&mut app, &[Help, Bottom]);
    let Some(annals::state::Overlay::Help { scroll }) = app.overlay.clone() else { panic!("help is open") };
    assert_eq!(scroll, annals::ui::help::max_scroll(&app));
    assert!(scroll > 0, "the help is longer than 24 rows");
    act(&mut app, &[Up]);
    assert!(matches!(app.overlay, Some(annals::state::Overlay::Help { scroll: s }) if s == scroll - 1));
}

#[test]
fn an_amount_in_another_currency_is_not_flagged_as_a_contradiction() {
    let app = app(120, 40);
    let plan = app.dataset.facts.iter().find(|f| f.id == "plan-2020-size").unwrap();
    assert!(
        plan.claims.iter().skip(1).all(|c| !annals::model::compare::departs(plan, c)),
        "CNY vs USD vs EUR cannot be compared"
    );
    let ranking = app.dataset.facts.iter().find(|f| f.id == "cloud-ranking").unwrap();
    assert!(
        ranking.claims.iter().skip(1).filter(|c| c.rank.is_some()).all(|c| annals::model::compare::departs(ranking, c)),
        "other ranks do differ"
    );
    let worldwide = ranking.claims.iter().find(|c| c.scope.as_deref() == Some("worldwide")).unwrap();
    assert!(
        !annals::model::compare::departs(ranking, worldwide),
        "a scope beside the first claim's unstated one is no contradiction"
    );
}

#[test]
fn the_match_list_names_the_sources_first_and_opens_them() {
    let mut app = app(120, 40);
    act(&mut app, &[Matches]);
    assert!(app.overlay.is_none(), "no search, no list");
    act(&mut app, &[Search]);
    type_str(&mut app, "amazon");
    key(&mut app, KeyCode::Enter);
    act(&mut app, &[Matches]);
    assert!(matches!(app.overlay, Some(annals::state::Overlay::Matches { cursor: 0, .. })));
    let groups = app.search.groups(&app.search_index);
    let sources: Vec<_> = groups.iter().filter(|g| matches!(g.place, annals::state::Place::Source(_))).collect();
    assert_eq!(sources.len(), app.search.results.matching_sources().len());
    assert!(matches!(groups[0].place, annals::state::Place::Source(_)), "sources come first");
    assert_eq!(
        groups.iter().map(|g| g.count).sum::<usize>(),
        app.search.navigable_hits(),
        "every match is counted once"
    );
    let annals::state::Place::Source(first) = groups[0].place else { unreachable!() };
    act(&mut app, &[Open]);
    assert!(app.overlay.is_none());
    assert_eq!(app.screen(), Screen::Reader);
    assert_eq!(app.reader().unwrap().source, first);
    assert_eq!(app.search.ordinal(), Some(groups[0].first));
}

#[test]
fn slash_starts_a_new_query_esc_brings_the_last_one_back_and_up_recalls_it() {
    let mut app = app(120, 40);
    act(&mut app, &[Search]);
    type_str(&mut app, "amazon");
    key(&mut app, KeyCode::Enter);
    let amazon = app.timeline.visible.clone();
    act(&mut app, &[Search]);
    assert_eq!(app.search.query, "", "a new query, as in less");
    assert!(!app.search.is_active());
    type_str(&mut app, "zhang");
    assert_ne!(app.timeline.visible, amazon);
    key(&mut app, KeyCode::Esc);
    assert!(!app.search.editing);
    assert_eq!(app.search.query, "amazon", "esc cancels the new query, not the search before it");
    assert_eq!(app.timeline.visible, amazon);
    act(&mut app, &[Search]);
    key(&mut app, KeyCode::Up);
    assert_eq!(app.search.query, "amazon", "up recalls the last search");
    type_str(&mut app, " web  ");
    let ctrl_w = crossterm::event::KeyEvent::new(KeyCode::Char('w'), crossterm::event::KeyModifiers::CONTROL);
    update(&mut app, Input::Key(ctrl_w));
    assert_eq!(app.search.query, "amazon ", "ctrl-w deletes the last word");
}

#[test]
fn the_search_status_counts_only_what_the_filters_show() {
    let mut app = app(120, 40);
    app.start_at(&Startup { themes: vec!["geopolitics".into()], ..Startup::default() }).unwrap();
    act(&mut app, &[Search]);
    type_str(&mut app, "amazon");
    let shown = app.timeline.visible.len();
    let status = app.search.status();
    let in_events = status.split(" · in ").nth(1).and_then(|s| s.split(' ').next()).and_then(|n| n.parse().ok());
    assert_eq!(in_events, Some(shown), "{status} with {shown} events shown");
    assert!(shown < app.search.results.matching_events().len(), "the filter hides some matching events");
}

#[test]
fn on_a_small_screen_the_first_claim_of_a_fact_shows_with_its_heading() {
    let mut app = app(60, 15);
    act(&mut app, &[Compare]);
    let claims = app.claims();
    for (n, &(f, c)) in claims.iter().enumerate() {
        let screen = common::screen(&app);
        assert!(screen.contains('▶'), "claim {n} is in view:\n{screen}");
        if c == 0 {
            let label: String = app.dataset.facts[f].label.chars().take(20).collect();
            assert!(screen.contains(&format!("◆ {label}")), "claim {n} shows under its fact's heading:\n{screen}");
        }
        act(&mut app, &[Down]);
    }
}

#[test]
fn in_the_background_a_keystroke_asks_for_its_search_and_only_the_newest_results_count() {
    use crossterm::event::{KeyEvent, KeyModifiers};
    let press = |app: &mut annals::app::App, code| update(app, Input::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    let mut app = app(120, 40);
    app.background_search = true;
    act(&mut app, &[Search]);
    let mut asked = Vec::new();
    for c in "amazon".chars() {
        match press(&mut app, KeyCode::Char(c)) {
            Some(Effect::Search { query, generation }) => asked.push((query, generation)),
            other => panic!("typing {c:?} gave {other:?}"),
        }
    }
    assert_eq!(asked.last().map(|(q, _)| q.as_str()), Some("amazon"));
    assert!(asked.windows(2).all(|w| w[0].1 < w[1].1), "each query has a newer number");
    assert!(app.search.pending && app.search.status() == "searching…");
    assert_eq!(app.timeline.visible.len(), 22, "the screen keeps what it showed meanwhile");

    // An older query's results come late: dropped.
    let (old_query, old) = asked[0].clone();
    let results = Box::new(app.search_index.search(&old_query));
    update(&mut app, Input::SearchDone { generation: old, results });
    assert!(app.search.pending && app.timeline.visible.len() == 22);

    // Enter before the results: the jump waits for them.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.search.ordinal(), None);
    let (query, newest) = asked.last().cloned().unwrap();
    let results = Box::new(app.search_index.search(&query));
    update(&mut app, Input::SearchDone { generation: newest, results });
    assert!(!app.search.pending);
    assert!(app.timeline.visible.iter().all(|&e| app.search.results.event_matches(e)));
    assert!(app.timeline.visible.len() < 22);
    assert_eq!(app.search.ordinal(), Some(0), "the jump to the first match happened");

    // Esc on the timeline clears the search; results of a query before it stay dropped.
    act(&mut app, &[Back]);
    let results = Box::new(app.search_index.search("amazon"));
    update(&mut app, Input::SearchDone { generation: newest, results });
    assert!(!app.search.is_active() && app.timeline.visible.len() == 22);
}

#[test]
fn n_and_n_go_from_the_event_the_selection_was_moved_to() {
    let mut app = app(120, 40);
    act(&mut app, &[Search]);
    type_str(&mut app, "amazon");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.search.ordinal(), Some(0));
    // Move to the last event shown: n goes to its first match, not back to the second one.
    act(&mut app, &[FocusLeft, Bottom]);
    let last = app.timeline.selected_event().unwrap();
    act(&mut app, &[NextMatch]);
    let at = |app: &annals::app::App| match app.search.current.as_ref().map(|c| c.hit.location) {
        Some(annals::search::Location::Event { event, .. }) => Some(event),
        _ => None,
    };
    assert_eq!(at(&app), Some(last), "n from the moved selection");
    let first_in_last = app.search.ordinal().unwrap();
    assert!(first_in_last > 1);
    // Up to the top, then N: the match before the first event is the very last one.
    act(&mut app, &[FocusLeft, Top]);
    act(&mut app, &[PrevMatch]);
    assert_eq!(app.search.ordinal(), Some(app.search.navigable_hits() - 1));
    // A new query cancelled with Esc brings back the search at the same match.
    act(&mut app, &[Search]);
    type_str(&mut app, "xyz");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.search.ordinal(), Some(app.search.navigable_hits() - 1), "{}", app.search.status());
}

#[test]
fn search_finds_article_titles_and_date_notes() {
    let mut app = app(120, 40);
    act(&mut app, &[Search]);
    type_str(&mut app, "proves its worth");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Reader, "a match in an article's title opens the article");
    assert_eq!(app.dataset.sources[app.reader().unwrap().source].title, "Alibaba’s cloud proves its worth");
    assert_eq!(app.reader().unwrap().scroll, 0, "at its start");
    assert!(common::screen(&app).contains("match 1 of 1"));

    let mut app = common::app(120, 40);
    act(&mut app, &[Search]);
    type_str(&mut app, "a guess made for this dataset");
    key(&mut app, KeyCode::Enter);
    let ids: Vec<&str> = app.timeline.visible.iter().map(|&e| app.dataset.events[e].id.as_str()).collect();
    assert_eq!(ids, ["plan-2020"], "the date the dataset guesses, by its note");
    assert_eq!(app.main().focus, Focus::Detail, "a match in the date note shows in the detail pane");
}

#[test]
fn picker_counts_are_what_each_choice_would_show_with_the_search() {
    let mut app = app(120, 40);
    act(&mut app, &[Search]);
    type_str(&mut app, "amazon");
    key(&mut app, KeyCode::Enter);
    act(&mut app, &[FilterYear]);
    let Some(annals::state::Overlay::Picker(picker)) = app.overlay.clone() else { panic!("the year picker") };
    assert_eq!(picker.items[0].count, app.timeline.visible.len(), "all years: what the search shows");
    let years: usize = picker.items[1..].iter().map(|i| i.count).sum();
    assert_eq!(years, app.timeline.visible.len());
    // Choosing a year shows as many events as the picker said.
    let (row, count) =
        picker.items.iter().enumerate().skip(1).find(|(_, i)| i.count > 0).map(|(r, i)| (r, i.count)).unwrap();
    act(&mut app, &[Back]);
    app.filter.year = picker.items[row].value.map(|y| y as i32);
    app.refilter();
    assert_eq!(app.timeline.visible.len(), count);
}

#[test]
fn the_help_shows_the_citation_that_y_copies() {
    let mut app = app(120, 40);
    app.citation_style = annals::cite::CitationStyle::Mla;
    let first = app.dataset.events.iter().find_map(|e| e.quotes.first()).cloned().expect("a quote");
    let citation = annals::cite::citation(
        &app.dataset.sources[first.source],
        &app.dataset.quote_text(&first),
        annals::cite::CitationStyle::Mla,
    );
    let help: Vec<String> = annals::ui::help::lines(&app.state, 100)
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>())
        .collect();
    let joined = help.join(" ").split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    assert!(joined.contains("citation_style \"mla\""), "{joined}");
    assert!(joined.contains(&citation), "{citation}\n{joined}");
}

fn o_key() -> crossterm::event::KeyEvent {
    crossterm::event::KeyEvent::new(KeyCode::Char('o'), crossterm::event::KeyModifiers::NONE)
}

fn traced_app() -> annals::app::App {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/traceable-source.toml");
    let dataset = annals::load::load_path(&path).expect("fixture");
    annals::app::App::new(dataset, annals::input::keymap::Keymap::default_keymap(), (120, 40))
}

#[test]
fn o_in_the_reader_asks_to_open_the_source_url_and_says_when_there_is_none() {
    let mut app = traced_app();
    let event = app.dataset.event_index("investment-2015").unwrap();
    app.timeline.select_event(event);
    act(&mut app, &[Open, Open]);
    assert_eq!(app.screen(), Screen::Reader);
    let effect = update(&mut app, Input::Key(o_key()));
    let Some(Effect::OpenUrl(url)) = effect else { panic!("expected an OpenUrl effect, got {effect:?}") };
    assert_eq!(url, "https://www.example.com/cloud/alibaba-offensive.html");
    assert!(app.message.as_deref().unwrap().contains(&url));

    // A source without a URL: nothing to open, and the status line says so.
    let untitled = app.dataset.sources.iter().position(|s| s.id == "untitled").unwrap();
    let (w, h) = annals::screen::reader::text_size(&app.state, untitled);
    app.screens.push(annals::screen::Screen::Reader(annals::screen::Reader::open(&app.dataset, untitled, None, w, h)));
    assert_eq!(update(&mut app, Input::Key(o_key())), None);
    assert_eq!(app.message.as_deref(), Some("this source has no URL in the dataset"));

    // On the main screen `o` means nothing.
    let mut app = traced_app();
    assert_eq!(update(&mut app, Input::Key(o_key())), None);
}

#[test]
fn y_on_a_source_with_every_field_names_the_authors_the_outlet_and_the_url() {
    let mut app = traced_app();
    let event = app.dataset.event_index("investment-2015").unwrap();
    app.timeline.select_event(event);
    act(&mut app, &[Open]);
    let Some(Effect::CopyToClipboard(text)) = update(&mut app, Input::Action(CopyCitation)) else {
        panic!("expected a clipboard effect")
    };
    assert_eq!(
        text,
        "“investir un milliard de dollars dans Aliyun” — Dupont, M., & Li, W. (2015, July 29). \
         Cloud : Alibaba passe à l'offensive contre Amazon. Le Monde informatique. \
         https://www.example.com/cloud/alibaba-offensive.html"
    );
}
