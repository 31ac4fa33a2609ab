//! The days a date can mean, as ISO dates (`2020-02-01`…`2020-02-29` for `2020-02`): what a
//! spreadsheet or a timeline tool can sort and filter on. Certainty does not widen the span
//! (`~2020` is read as 2020); an open start (`..2022`) has no first day.

use chrono::{Datelike, NaiveDate};

use crate::model::{Date, Event};

/// The first day `date` can mean (`2020` → 2020-01-01); `None` off the calendar chrono knows.
pub(super) fn first_day(date: &Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(date.year, u32::from(date.month.unwrap_or(1)), u32::from(date.day.unwrap_or(1)))
}

/// The last day `date` can mean (`2020` → 2020-12-31, `2020-02` → 2020-02-29).
pub(super) fn last_day(date: &Date) -> Option<NaiveDate> {
    match (date.month, date.day) {
        (Some(m), Some(d)) => NaiveDate::from_ymd_opt(date.year, u32::from(m), u32::from(d)),
        (Some(m), None) => {
            let next = if m >= 12 {
                NaiveDate::from_ymd_opt(date.year.checked_add(1)?, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(date.year, u32::from(m) + 1, 1)
            };
            next?.pred_opt()
        }
        _ => NaiveDate::from_ymd_opt(date.year, 12, 31),
    }
}

/// `YYYY-MM-DD` (four-digit years; a year before 1 as chrono writes it, `-0044-…`).
pub(super) fn iso(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// `iso(day)` added to `out` without chrono's formatter and a string of its own, for a
/// writer of many dates: the four-digit years (0 to 9999) digit by digit, any other as `iso`.
pub(super) fn push_iso(out: &mut Vec<u8>, day: NaiveDate) {
    let Ok(year @ 0..10_000) = u32::try_from(day.year()) else {
        out.extend_from_slice(iso(day).as_bytes());
        return;
    };
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let (month, day) = (day.month(), day.day());
    out.extend_from_slice(&[
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
        b'-',
        digit(month / 10),
        digit(month),
        b'-',
        digit(day / 10),
        digit(day),
    ]);
}

/// The first day an event can have happened: its date's first day, none for an open start.
pub(super) fn event_start(event: &Event) -> Option<NaiveDate> {
    if event.open_start || event.undated { None } else { first_day(&event.date) }
}

/// The last day an event can mean: that of its `end`, else that of its `date`; none for a
/// draft with no date yet.
pub(super) fn event_end(event: &Event) -> Option<NaiveDate> {
    if event.undated {
        return None;
    }
    last_day(event.end.as_ref().unwrap_or(&event.date))
}

/// How sure and how precise an event's date is, in words, as every export writes it after
/// "Date:": the precision and certainty, an open start, the end's, and a plan's or target's
/// caveat.
pub(super) fn event_quality(event: &Event) -> String {
    use std::fmt::Write;
    let mut quality = if event.undated { "none yet (a draft)".to_string() } else { event.date.quality() };
    if event.open_start {
        quality.push_str(", the latest it can be (its start is unknown)");
    }
    if let Some(end) = &event.end {
        let _ = write!(quality, "; ends {}", end.quality());
    }
    match event.kind {
        crate::model::EventKind::Happened => {}
        crate::model::EventKind::Planned => {
            quality.push_str("; planned: the sources say it was to happen, not that it did")
        }
        crate::model::EventKind::Target => quality.push_str("; a target: the sources do not say it was met"),
    }
    quality
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str) -> (String, String) {
        let date = Date::parse(text).unwrap();
        (iso(first_day(&date).unwrap()), iso(last_day(&date).unwrap()))
    }

    #[test]
    fn every_precision_covers_its_days() {
        assert_eq!(span("2020"), ("2020-01-01".into(), "2020-12-31".into()));
        assert_eq!(span("2020-02"), ("2020-02-01".into(), "2020-02-29".into()));
        assert_eq!(span("2021-02"), ("2021-02-01".into(), "2021-02-28".into()));
        assert_eq!(span("2021-12"), ("2021-12-01".into(), "2021-12-31".into()));
        assert_eq!(span("2016-09-12"), ("2016-09-12".into(), "2016-09-12".into()));
        assert_eq!(span("~2020-04"), ("2020-04-01".into(), "2020-04-30".into()), "certainty does not widen");
        assert_eq!(span("[0000]"), ("0000-01-01".into(), "0000-12-31".into()));
    }

    #[test]
    fn push_iso_writes_what_iso_writes() {
        for year in (-10_020..=-9_980).chain(-20..=20).chain(990..=1010).chain(1950..=2030).chain(9_980..=10_020) {
            for (month, day) in [(1, 1), (2, 9), (2, 28), (9, 30), (10, 1), (12, 31)] {
                let day = NaiveDate::from_ymd_opt(year, month, day).unwrap();
                let mut out = Vec::new();
                push_iso(&mut out, day);
                assert_eq!(String::from_utf8(out).unwrap(), iso(day));
            }
        }
    }

    #[test]
    fn an_event_ends_with_its_end_and_an_open_start_has_no_first_day() {
        let event = |date: &str, open_start: bool, end: Option<&str>| Event {
            id: "e".into(),
            date: Date::parse(date).unwrap(),
            open_start,
            end: end.map(|e| Date::parse(e).unwrap()),
            kind: Default::default(),
            date_note: None,
            title: String::new(),
            summary: String::new(),
            themes: Vec::new(),
            quotes: Vec::new(),
            figures: Vec::new(),
            line: 1,
            draft: false,
            undated: false,
            file: 0,
        };
        let spanned = event("2020?", false, Some("2023-06"));
        assert_eq!(event_start(&spanned).map(iso).as_deref(), Some("2020-01-01"));
        assert_eq!(event_end(&spanned).map(iso).as_deref(), Some("2023-06-30"));
        let open = event("~2022-09", true, None);
        assert_eq!(event_start(&open), None);
        assert_eq!(event_end(&open).map(iso).as_deref(), Some("2022-09-30"));
    }
}
