//! Dates that carry their precision (`2015`, `2015-07`, `2015-07-29`) and certainty
//! (`~2020` approximate, `2020?` uncertain, `[2020]` inferred).
//!
//! Sort rule: year, then month, then day, a missing month or day counting as 0, so a date
//! known only to the year sorts before every date inside that year. Certainty does not
//! change the order.

use std::fmt;

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// Whether the sources pin the date down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Certainty {
    #[default]
    Exact,
    /// Written `~2020`: close to this date.
    Approximate,
    /// Written `2020?`: this date is a guess.
    Uncertain,
    /// Written `[2020]`: not printed in the sources but derived from what they print (a
    /// weekday and a day give the year, a dated comment bounds a publication), so neither a
    /// guess nor approximate. The brackets are the cataloguer's mark for a supplied date.
    Inferred,
}

/// A calendar date at year, month or day precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
    pub certainty: Certainty,
}

/// Why a date string was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form YYYY, YYYY-MM or YYYY-MM-DD.
    Syntax,
    /// Well formed, but not on the calendar (2016-09-31, month 13).
    NotOnCalendar,
}

impl DateError {
    pub fn describe(&self, field: &str, input: &str) -> String {
        match self {
            DateError::Syntax => format!(
                "{field} \"{input}\" is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD, \
                 optionally ~ before for approximate, ? after for uncertain, or in [ ] for inferred)"
            ),
            DateError::NotOnCalendar => {
                format!("{field} \"{input}\" is not a calendar date (expected YYYY, YYYY-MM or YYYY-MM-DD)")
            }
        }
    }
}

impl Date {
    pub fn year(year: i32) -> Self {
        Date { year, month: None, day: None, certainty: Certainty::Exact }
    }

    pub fn ymd(year: i32, month: u8, day: u8) -> Self {
        Date { year, month: Some(month), day: Some(day), certainty: Certainty::Exact }
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (_, Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// `YYYYMMDD` with 00 for a missing month or day; orders dates by the sort rule.
    pub fn sort_key(&self) -> u32 {
        let year = self.year.clamp(0, 9999) as u32;
        year * 10_000 + u32::from(self.month.unwrap_or(0)) * 100 + u32::from(self.day.unwrap_or(0))
    }

    /// The last `sort_key` this date covers (2020 covers up to 2020-12-31).
    pub fn end_key(&self) -> u32 {
        let year = self.year.clamp(0, 9999) as u32;
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or(31);
        year * 10_000 + u32::from(month) * 100 + u32::from(day)
    }

    /// Position on a continuous time axis, in years (2020-07-01 is about 2020.5).
    pub fn as_fractional_year(&self) -> f64 {
        let month = f64::from(self.month.unwrap_or(1)) - 1.0;
        let day = f64::from(self.day.unwrap_or(1)) - 1.0;
        f64::from(self.year) + (month + day / 31.0) / 12.0
    }

    /// The middle of the span the date covers, in years (2020 is 2020.5, 2020-07 about 2020.54).
    pub fn midpoint_year(&self) -> f64 {
        match self.precision() {
            Precision::Year => f64::from(self.year) + 0.5,
            Precision::Month => self.as_fractional_year() + 0.5 / 12.0,
            Precision::Day => self.as_fractional_year(),
        }
    }

    /// How well the date is known, in words: "known to the day", "approximate, to the year",
    /// "uncertain, to the month".
    pub fn quality(&self) -> String {
        let precision = match self.precision() {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        };
        match self.certainty {
            Certainty::Exact => format!("known to the {precision}"),
            Certainty::Approximate => format!("approximate, to the {precision}"),
            Certainty::Uncertain => format!("uncertain, to the {precision}"),
            Certainty::Inferred => format!("inferred, to the {precision}"),
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with an optional `~` prefix, `?` suffix, or
    /// `[ ]` around it (one mark at most).
    pub fn parse(input: &str) -> Result<Date, DateError> {
        let (certainty, body) = if let Some(rest) = input.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            (Certainty::Inferred, rest)
        } else if let Some(rest) = input.strip_prefix('~') {
            (Certainty::Approximate, rest)
        } else if let Some(rest) = input.strip_suffix('?') {
            (Certainty::Uncertain, rest)
        } else {
            (Certainty::Exact, input)
        };
        let mut parts = body.split('-');
        let year = digits(parts.next(), 4).ok_or(DateError::Syntax)?;
        let month = parts.next().map(|m| digits(Some(m), 2).ok_or(DateError::Syntax)).transpose()?;
        let day = parts.next().map(|d| digits(Some(d), 2).ok_or(DateError::Syntax)).transpose()?;
        if parts.next().is_some() {
            return Err(DateError::Syntax);
        }
        let month = month.map(|m| u8::try_from(m).map_err(|_| DateError::NotOnCalendar)).transpose()?;
        let day = day.map(|d| u8::try_from(d).map_err(|_| DateError::NotOnCalendar)).transpose()?;
        let year = i32::try_from(year).map_err(|_| DateError::Syntax)?;
        match (month, day) {
            (Some(m), Some(d)) => {
                chrono::NaiveDate::from_ymd_opt(year, u32::from(m), u32::from(d)).ok_or(DateError::NotOnCalendar)?;
            }
            (Some(m), None) if !(1..=12).contains(&m) => return Err(DateError::NotOnCalendar),
            _ => {}
        }
        Ok(Date { year, month, day, certainty })
    }
}

fn digits(part: Option<&str>, len: usize) -> Option<u32> {
    let part = part?;
    if part.len() != len || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Date {
    /// The sort rule; certainty breaks no ties (callers keep file order for equal keys).
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl fmt::Display for Date {
    /// Writes the date back at its precision: `2016-09-12`, `2020-07`, `~2020`, `2020?`,
    /// `[2022-09-22]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.certainty {
            Certainty::Approximate => f.write_str("~")?,
            Certainty::Inferred => f.write_str("[")?,
            _ => {}
        }
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        match self.certainty {
            Certainty::Uncertain => f.write_str("?")?,
            Certainty::Inferred => f.write_str("]")?,
            _ => {}
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_precision_and_certainty() {
        assert_eq!(Date::parse("2015").unwrap().precision(), Precision::Year);
        assert_eq!(Date::parse("2015-07").unwrap().precision(), Precision::Month);
        assert_eq!(Date::parse("2015-07-29").unwrap().precision(), Precision::Day);
        assert_eq!(Date::parse("~2020").unwrap().certainty, Certainty::Approximate);
        assert_eq!(Date::parse("2020-05?").unwrap().certainty, Certainty::Uncertain);
        assert_eq!(Date::parse("[2022-09-22]").unwrap().certainty, Certainty::Inferred);
        assert_eq!(Date::parse("[2022-09-22]").unwrap().quality(), "inferred, to the day");
        for text in ["2015", "2015-07", "2015-07-29", "~2020", "2020-05?", "~2016-09-13", "[2022-09-22]", "[2016]"] {
            assert_eq!(Date::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn rejects_malformed_and_impossible_dates() {
        for text in [
            "",
            "15",
            "2015-7",
            "2015/07/01",
            "2015-07-01-01",
            "~2015?",
            "x2015",
            "2015-07-",
            "[2015",
            "[~2015]",
            "[2015]?",
            "[]",
        ] {
            assert_eq!(Date::parse(text), Err(DateError::Syntax), "{text}");
        }
        for text in ["2016-09-31", "2015-02-29", "2015-13", "2015-00", "2015-01-00"] {
            assert_eq!(Date::parse(text), Err(DateError::NotOnCalendar), "{text}");
        }
        assert!(Date::parse("2016-02-29").is_ok());
    }

    #[test]
    fn coarser_dates_sort_before_the_dates_inside_them() {
        let mut dates: Vec<Date> =
            ["2020-07-01", "2021", "2020-07", "~2020", "2019-12-31"].iter().map(|s| Date::parse(s).unwrap()).collect();
        dates.sort();
        let order: Vec<String> = dates.iter().map(ToString::to_string).collect();
        assert_eq!(order, ["2019-12-31", "~2020", "2020-07", "2020-07-01", "2021"]);
    }

    #[test]
    fn end_key_covers_the_whole_span() {
        let year = Date::parse("2020").unwrap();
        assert!(year.end_key() >= Date::parse("2020-12-31").unwrap().sort_key());
        assert!(year.end_key() < Date::parse("2021").unwrap().sort_key());
    }
}
