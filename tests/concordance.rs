//! The concordance: every hit of a search on a line, in context, in one numbering with `n`/`N`.

mod common;

use annals::app::App;
use annals::input::action::Action::*;
use annals::screen::concordance::rows::{Line, Only, Sort};
use annals::screen::{Screen, ScreenKind};
use common::{act, key, screen, type_str};
use crossterm::event::KeyCode;

fn searched(query: &str, width: u16, height: u16) -> App {
    let mut app = common::app(width, height);
    act(&mut app, &[Search]);
    type_str(&mut app, query);
    key(&mut app, KeyCode::Enter);
    app
}

fn concordance(app: &App) -> &annals::screen::ConcordanceState {
    match app.screens.last() {
        Some(Screen::Concordance(c)) => c,
        other => panic!("the concordance is not open: {other:?}"),
    }
}

/// Every line of the open concordance.
fn lines(app: &App) -> Vec<Line> {
    let c = concordance(app);
    (0..c.rows.len()).map(|row| c.rows.line(&app.search, row).expect("a line")).collect()
}

#[test]
fn one_key_lists_every_hit_numbered_as_n_visits_them() {
    let mut app = searched("amazon", 120, 40);
    let hits = app.search.navigable_hits();
    assert!(hits > 5, "the bundled data mentions Amazon often");
    act(&mut app, &[Concordance]);
    assert_eq!(app.screen(), ScreenKind::Concordance);
    let lines = lines(&app);
    assert_eq!(lines.len(), hits, "one line per hit");
    for (row, line) in lines.iter().enumerate() {
        let Line::Hit { ordinal, .. } = line else { panic!("no heading in the plain order") };
        assert_eq!(*ordinal, row, "line {row} is hit {row} of n/N");
    }
    let shown = screen(&app);
    assert!(shown.contains("Concordance · /amazon"), "{shown}");
    // The hits are in one column: every line has "amazon" starting at the same cell.
    let at = |line: &str| -> Vec<usize> {
        let chars: Vec<char> = line.to_lowercase().chars().collect();
        (0..chars.len()).filter(|&i| chars[i..].starts_with(&['a', 'm', 'a', 'z', 'o', 'n'])).collect()
    };
    let hit_lines: Vec<Vec<usize>> =
        shown.lines().filter(|l| l.starts_with('│') && l.to_lowercase().contains("amazon")).map(at).collect();
    assert!(hit_lines.len() > 5, "{shown}");
    let column = hit_lines[0][0];
    assert!(hit_lines.iter().all(|columns| columns.contains(&column)), "aligned at {column}:\n{shown}");
}

#[test]
fn enter_reads_the_hit_in_context_and_esc_comes_back_to_the_same_line() {
    let mut app = searched("amazon", 120, 40);
    act(&mut app, &[Concordance]);
    // A hit in an article: down to the first line that is not an event's own text.
    let target = lines(&app)
        .iter()
        .position(|l| {
            matches!(l, Line::Hit { string, .. } if {
                let m = &app.search.results.matches()[app.search.strings()[*string].0];
                matches!(app.search_index.location(m), annals::search::Location::Source { .. })
            })
        })
        .expect("Amazon is named in an article");
    for _ in 0..target {
        act(&mut app, &[Down]);
    }
    act(&mut app, &[Open]);
    assert_eq!(app.screen(), ScreenKind::Reader);
    assert_eq!(app.search.ordinal(), Some(target), "the hit read is the current one of n/N");
    assert!(app.search.status().starts_with(&format!("match {} of", target + 1)), "{}", app.search.status());
    act(&mut app, &[Back]);
    assert_eq!(app.screen(), ScreenKind::Concordance);
    assert_eq!(concordance(&app).cursor, target, "back on the same line");
}

#[test]
fn sorting_grouping_and_filtering_keep_every_hit_and_its_number() {
    let mut app = searched("cloud", 120, 40);
    let hits = app.search.navigable_hits();
    act(&mut app, &[Concordance, Sort]);
    assert_eq!(concordance(&app).lens.sort, Sort::Date);
    let dates: Vec<u32> = lines(&app)
        .iter()
        .map(|l| {
            let Line::Hit { string, .. } = l else { panic!() };
            let m = &app.search.results.matches()[app.search.strings()[*string].0];
            // The date the line shows: the article's, a quote's included (its words are the
            // article's), else the event's.
            let source_date = |source: usize| app.dataset.sources[source].date.map_or(u32::MAX, |d| d.sort_key());
            match app.search_index.location(m) {
                annals::search::Location::Source { source } | annals::search::Location::SourceTitle { source } => {
                    source_date(source)
                }
                annals::search::Location::Event { event, field: annals::search::Field::Quote(q) } => {
                    source_date(app.dataset.events[event].quotes[q].source)
                }
                annals::search::Location::Event { event, .. } => app.dataset.events[event].date.sort_key(),
            }
        })
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "by date: {dates:?}");
    let mut ordinals: Vec<usize> = lines(&app)
        .iter()
        .filter_map(|l| if let Line::Hit { ordinal, .. } = l { Some(*ordinal) } else { None })
        .collect();
    ordinals.sort_unstable();
    assert_eq!(ordinals, (0..hits).collect::<Vec<_>>(), "every hit once, under its own number");

    act(&mut app, &[Group]);
    let lines_grouped = lines(&app);
    let headings: Vec<usize> = lines_grouped
        .iter()
        .filter_map(|l| if let Line::Heading { hits, .. } = l { Some(*hits) } else { None })
        .collect();
    assert!(headings.len() >= 2, "a heading per source");
    assert_eq!(headings.iter().sum::<usize>(), hits, "the counts add up");
    assert_eq!(lines_grouped.len(), hits + headings.len());
    let c = concordance(&app);
    for (row, line) in lines_grouped.iter().enumerate() {
        if let Line::Hit { ordinal, .. } = line {
            assert_eq!(c.rows.row_of(&app.search, *ordinal), Some(row), "hit {ordinal} is found on its line");
        }
    }

    act(&mut app, &[FilterLanguage]);
    let Only::Language(lang) = concordance(&app).lens.only.clone() else { panic!("a language filter") };
    for line in lines(&app) {
        if let Line::Hit { string, .. } = line {
            let m = &app.search.results.matches()[app.search.strings()[string].0];
            let source = annals::screen::concordance::rows::source_of(&app.dataset, app.search_index.location(m));
            assert_eq!(source.map(|s| app.dataset.sources[s].language.clone()), Some(lang.clone()));
        }
    }
    act(&mut app, &[NextSource]);
    assert_eq!(concordance(&app).lens.only, Only::Source(0));
}

#[test]
fn brackets_step_through_the_sources_with_hits_only() {
    // Three of the five articles name Microsoft.
    let mut app = searched("microsoft", 120, 40);
    act(&mut app, &[Concordance]);
    let all = concordance(&app).rows.hits();
    let mut stops = Vec::new();
    loop {
        act(&mut app, &[NextSource]);
        match concordance(&app).lens.only.clone() {
            Only::Source(s) => {
                assert!(concordance(&app).rows.hits() > 0, "source {s} has lines");
                stops.push(s);
            }
            Only::All => break,
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(stops, [2, 3, 4]);
    assert_eq!(concordance(&app).rows.hits(), all, "past the last, every line again");
    // Backwards: the same stops, the other way.
    let mut back = Vec::new();
    act(&mut app, &[PrevSource]);
    while let Only::Source(s) = concordance(&app).lens.only {
        back.push(s);
        act(&mut app, &[PrevSource]);
    }
    back.reverse();
    assert_eq!(back, stops);
}

#[test]
fn a_filter_that_leaves_the_selected_hit_out_selects_the_first_hit_not_a_heading() {
    let mut app = searched("amazon", 120, 40);
    act(&mut app, &[Concordance, Group]);
    let at = |app: &App| {
        let c = concordance(app);
        c.rows.line(&app.search, c.cursor)
    };
    assert!(matches!(at(&app), Some(Line::Hit { .. })), "{:?}", at(&app));
    loop {
        act(&mut app, &[FilterLanguage]);
        assert!(matches!(at(&app), Some(Line::Hit { .. })), "{:?} with {:?}", at(&app), concordance(&app).lens.only);
        if concordance(&app).lens.only == Only::All {
            break;
        }
    }
}

#[test]
fn without_a_search_it_says_how_to_start_one() {
    let mut app = common::app(120, 40);
    act(&mut app, &[Concordance]);
    assert_eq!(app.screen(), ScreenKind::Main);
    assert!(app.message.as_deref().is_some_and(|m| m.contains("no search")), "{:?}", app.message);
}

#[test]
fn snapshots() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = searched("amazon", w, h);
        act(&mut app, &[Concordance]);
        insta::assert_snapshot!(format!("concordance_amazon_{w}x{h}"), screen(&app));
    }
}

#[test]
fn the_search_can_look_in_the_open_article_or_the_selected_events_articles_only() {
    let mut app = common::app(120, 40);
    // Into the reader on the selected event's first quote.
    act(&mut app, &[Open, Open]);
    assert_eq!(app.screen(), ScreenKind::Reader);
    let article = app.reader().unwrap().source;
    act(&mut app, &[Search]);
    type_str(&mut app, "cloud");
    let everywhere = app.search.navigable_hits();
    assert!(common::screen(&app).contains("in the whole dataset"), "the search line says where it looks");
    key(&mut app, KeyCode::Tab);
    assert!(matches!(app.search.scope, annals::state::Scope::Article { source, .. } if source == article));
    let in_article = app.search.navigable_hits();
    assert!(0 < in_article && in_article < everywhere, "{in_article} of {everywhere}");
    assert!(app.search.status().contains("in this article"), "{}", app.search.status());
    key(&mut app, KeyCode::Enter);
    act(&mut app, &[Concordance]);
    for line in lines(&app) {
        let Line::Hit { string, .. } = line else { continue };
        let m = &app.search.results.matches()[app.search.strings()[string].0];
        assert!(matches!(
            app.search_index.location(m),
            annals::search::Location::Source { source } | annals::search::Location::SourceTitle { source } if source == article
        ));
    }
    act(&mut app, &[Back, Search]);
    type_str(&mut app, "cloud");
    // The scope stays while it applies; Tab goes on to the event's articles, then everywhere.
    assert!(matches!(app.search.scope, annals::state::Scope::Article { .. }), "{:?}", app.search.scope);
    key(&mut app, KeyCode::Tab);
    assert!(matches!(app.search.scope, annals::state::Scope::EventSources { .. }), "{:?}", app.search.scope);
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.search.scope, annals::state::Scope::All);
    assert_eq!(app.search.navigable_hits(), everywhere);
}

#[test]
fn esc_after_opening_a_hit_in_an_events_own_text_comes_back_to_the_same_line() {
    let mut app = searched("amazon", 120, 40);
    act(&mut app, &[Concordance, Sort]);
    // Down to a hit in an event's title or summary (it opens on the main screen).
    loop {
        let c = concordance(&app);
        if let Some(Line::Hit { ordinal, .. }) = c.rows.line(&app.search, c.cursor) {
            let hit = app.search.hit_at(&app.search_index, &app.dataset, ordinal).unwrap();
            if matches!(
                hit.location,
                annals::search::Location::Event {
                    field: annals::search::Field::Title | annals::search::Field::Summary,
                    ..
                }
            ) {
                break;
            }
        }
        assert!(c.cursor + 1 < c.rows.len(), "a hit in an event's text");
        act(&mut app, &[Down]);
    }
    let (cursor, sort) = (concordance(&app).cursor, concordance(&app).lens.sort);
    act(&mut app, &[Open]);
    assert_eq!(app.screen(), ScreenKind::Main);
    act(&mut app, &[Back]);
    assert_eq!(app.screen(), ScreenKind::Concordance, "back to the concordance, the search kept");
    assert_eq!((concordance(&app).cursor, concordance(&app).lens.sort), (cursor, sort), "at the same line");
    // From there, Esc goes back as usual; on the main screen, it clears the search.
    act(&mut app, &[Back, Back]);
    assert!(!app.search.is_active());
}

/// The selected line's hit: the id of its event or source, its field, and its byte range.
fn selected_hit(app: &App) -> (String, String, std::ops::Range<usize>) {
    let c = concordance(app);
    let Some(Line::Hit { ordinal, .. }) = c.rows.line(&app.search, c.cursor) else { panic!("a hit is selected") };
    let hit = app.search.hit_at(&app.search_index, &app.dataset, ordinal).expect("the hit");
    let (id, field) = match hit.location {
        annals::search::Location::Event { event, field } => {
            (app.dataset.events[event].id.clone(), format!("{field:?}"))
        }
        annals::search::Location::Source { source } => (app.dataset.sources[source].id.clone(), "text".into()),
        annals::search::Location::SourceTitle { source } => (app.dataset.sources[source].id.clone(), "title".into()),
    };
    (id, field, hit.range)
}

#[test]
fn a_reload_keeps_the_cursor_on_the_same_hit_though_new_hits_come_before_it() {
    let mut app = searched("cloud", 120, 40);
    act(&mut app, &[Concordance, Down, Down, Down, Down, Down, Down, Down, Down, Down, Down, Down, Down]);
    let before = selected_hit(&app);
    let cursor = concordance(&app).cursor;
    // An event dated before every other, whose title and quote hold the word: its hits come
    // first in the new numbering.
    let text = format!(
        "{}\n[[event]]\nid = \"added\"\ndate = \"2014\"\ntitle = \"Cloud, cloud\"\nsummary = \"Added.\"\nthemes = [\"competition\"]\n\n\
         [[event.quote]]\nsource = \"fr-2015-aliyun-amazon\"\ntext = \"la division cloud d'Amazon\"\n",
        annals::load::BUNDLED_TEXT
    );
    let dataset = annals::load::load_str("story.toml", &text).expect("the added event loads");
    let reloaded = annals::app::Reloaded::build(dataset, Some("cloud".into()));
    annals::app::update(&mut app, annals::app::Input::ReloadDone(Box::new(Ok(reloaded))));
    assert_eq!(app.screen(), ScreenKind::Concordance, "the concordance stays open");
    assert_eq!(selected_hit(&app), before, "the same hit");
    assert!(concordance(&app).cursor > cursor, "further down: the added event's hits come first");
    // A hit whose event is gone in the next reload: the cursor goes to the first hit.
    act(&mut app, &[Top]);
    assert_eq!(selected_hit(&app).0, "added");
    let reloaded = annals::app::Reloaded::build(common::bundled(), Some("cloud".into()));
    annals::app::update(&mut app, annals::app::Input::ReloadDone(Box::new(Ok(reloaded))));
    assert_eq!(concordance(&app).cursor, 0);
    assert_ne!(selected_hit(&app).0, "added");
}

#[test]
fn quote_hits_are_marked_counted_apart_and_can_be_hidden_to_read_each_passage_once() {
    use annals::search::{Field, Location};
    let mut app = searched("amazon", 120, 40);
    act(&mut app, &[Concordance]);
    let all = lines(&app).len();
    let location = |app: &App, line: &Line| match line {
        Line::Hit { string, .. } => {
            let (matched, _) = app.search.strings()[*string];
            app.search_index.location(&app.search.results.matches()[matched])
        }
        Line::Heading { .. } => panic!("a heading"),
    };
    let is_quote = |l: Location| matches!(l, Location::Event { field: Field::Quote(_), .. });
    let quoted = lines(&app).iter().filter(|l| is_quote(location(&app, l))).count();
    assert!(quoted > 3, "the bundled events quote their articles' words on Amazon");
    // Marked on their lines, and named on the frame below when selected.
    let shown = screen(&app);
    // Every line is in view at 120x40.
    assert_eq!(shown.lines().filter(|l| l.contains("quote · fr ·") || l.contains("quote · en ·")).count(), quoted);
    let first_quote = lines(&app).iter().position(|l| is_quote(location(&app, l))).unwrap();
    for _ in 0..first_quote {
        act(&mut app, &[Down]);
    }
    assert!(screen(&app).contains("· quoted by “"), "{}", screen(&app));

    // Grouped, a source's heading says how many of its hits are in quotes.
    act(&mut app, &[Group]);
    let english = app.dataset.sources.iter().position(|s| s.language == "en").unwrap();
    let heading = lines(&app).into_iter().find_map(|l| match l {
        Line::Heading { source: Some(s), hits, quoted } if s == english => Some((hits, quoted)),
        _ => None,
    });
    assert_eq!(heading, Some((4, 2)), "the English article says Amazon twice, and two quotes repeat it");
    assert!(screen(&app).contains("── 2 in the text + 2 in quotes · en · "), "{}", screen(&app));

    // `"` hides them: each passage once, in its article; again shows them.
    act(&mut app, &[HideQuotes]);
    assert_eq!(concordance(&app).rows.hits(), all - quoted);
    assert!(lines(&app).iter().all(|l| matches!(l, Line::Heading { quoted: 0, .. }) || matches!(l, Line::Hit { .. })));
    assert!(lines(&app).iter().filter(|l| matches!(l, Line::Hit { .. })).all(|l| !is_quote(location(&app, l))));
    assert!(screen(&app).contains("quotes hidden"), "{}", screen(&app));
    act(&mut app, &[HideQuotes]);
    assert_eq!(concordance(&app).rows.hits(), all);
}
