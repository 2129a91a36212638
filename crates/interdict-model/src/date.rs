//! Partial dates as the lists write them: a year, a year and month, or a full date, alone,
//! approximate or as a range.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A calendar date where the month and day may be unknown ("1961", "1961-04", "1961-04-01").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// Four-digit year.
    pub year: u16,
    /// Month 1..=12, if known.
    pub month: Option<u8>,
    /// Day 1..=31, if known (only ever set together with the month).
    pub day: Option<u8>,
}

/// Why a date could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The text is not in any of the accepted date shapes.
    #[error("'{0}' is not a date (expected YYYY, YYYY-MM, YYYY-MM-DD, DD/MM/YYYY or DD.MM.YYYY)")]
    Shape(String),
    /// The parts are numbers but do not form a real date.
    #[error("'{0}' is not a valid calendar date")]
    Invalid(String),
}

impl PartialDate {
    /// A date known to the year only.
    pub fn year(year: u16) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    /// A full date; returns `None` when the parts are not a real calendar date.
    pub fn ymd(year: u16, month: u8, day: u8) -> Option<Self> {
        Self::new(year, Some(month), Some(day))
    }

    /// Builds a date from optional parts, checking that they form a real calendar date.
    /// A day without a month is not allowed.
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>) -> Option<Self> {
        if !(1000..=2999).contains(&year) {
            return None;
        }
        match (month, day) {
            (None, Some(_)) => None,
            (Some(m), _) if !(1..=12).contains(&m) => None,
            (Some(m), Some(d)) if d == 0 || d > days_in_month(year, m) => None,
            _ => Some(PartialDate { year, month, day }),
        }
    }

    /// True when year, month and day are all known.
    pub fn is_full(&self) -> bool {
        self.day.is_some()
    }

    /// Parses the date shapes met in lists and customer files.
    ///
    /// Accepts `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (also with `/` or `.`), `DD/MM/YYYY`,
    /// `DD.MM.YYYY`, `DD-MM-YYYY` and a trailing time (`1961-04-01T00:00:00`). Zero parts, as in
    /// `00/00/1961`, mean unknown.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let t = text.trim();
        let t = t.split(['T', ' ']).next().unwrap_or("");
        let t = strip_timezone(t);
        let shape = || DateError::Shape(text.trim().to_string());
        let invalid = || DateError::Invalid(text.trim().to_string());
        let parts: Vec<&str> = t.split(['-', '/', '.']).collect();
        if parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(shape());
        }
        let num = |s: &str| s.parse::<u32>().map_err(|_| shape());
        let (y, m, d) = match parts.as_slice() {
            [y] if y.len() == 4 => (num(y)?, 0, 0),
            [y, m] if y.len() == 4 && m.len() <= 2 => (num(y)?, num(m)?, 0),
            [m, y] if y.len() == 4 && m.len() <= 2 => (num(y)?, num(m)?, 0),
            [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
                (num(y)?, num(m)?, num(d)?)
            }
            [d, m, y] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
                (num(y)?, num(m)?, num(d)?)
            }
            _ => return Err(shape()),
        };
        let year = u16::try_from(y).map_err(|_| invalid())?;
        let month = (m != 0).then_some(m as u8);
        let day = (d != 0 && m != 0).then_some(d as u8);
        PartialDate::new(year, month, day).ok_or_else(invalid)
    }
}

/// Removes an XML Schema time-zone suffix from a date: `1960-01-01Z`, `2015-04-14-04:00`,
/// `2015-04-14+02:00`.
fn strip_timezone(t: &str) -> &str {
    if let Some(d) = t.strip_suffix('Z') {
        return d;
    }
    let b = t.as_bytes();
    if b.len() == 16 && b[4] == b'-' && matches!(b[10], b'+' | b'-') && b[13] == b':' {
        return &t[..10];
    }
    t
}

/// Days from 1970-01-01 to a calendar date (negative before it), by H. Hinnant's algorithm;
/// the inverse of [`civil_from_days`].
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let (m, d) = (i64::from(month), i64::from(day));
    let y = if m <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The calendar date (year, month, day) of a day counted from 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Seconds since 1970-01-01 (UTC) as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn iso_timestamp(secs: u64) -> String {
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The day number ([`days_from_civil`]) of text that starts with `YYYY-MM-DD` (a version label,
/// a timestamp); `None` for anything else.
pub fn day_number(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let date = PartialDate::parse(&text[..10]).ok()?;
    Some(days_from_civil(
        i64::from(date.year),
        u32::from(date.month?),
        u32::from(date.day?),
    ))
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl FromStr for PartialDate {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PartialDate::parse(s)
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PartialDate::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// A date value from a list: one (partial) date or an inclusive range of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DateValue {
    /// A single date, possibly known to the year or month only.
    On {
        /// The date.
        date: PartialDate,
    },
    /// An inclusive range, such as "between 1963 and 1968".
    Between {
        /// First possible date.
        from: PartialDate,
        /// Last possible date.
        to: PartialDate,
    },
}

impl DateValue {
    /// The earliest and latest year this value allows.
    pub fn year_range(&self) -> (u16, u16) {
        match self {
            DateValue::On { date } => (date.year, date.year),
            DateValue::Between { from, to } => (from.year.min(to.year), from.year.max(to.year)),
        }
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateValue::On { date } => write!(f, "{date}"),
            DateValue::Between { from, to } => write!(f, "{from}..{to}"),
        }
    }
}

/// A date of birth as listed: the value (if any), whether the list calls it approximate, and any
/// free-text note that came with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BirthDate {
    /// The date or range; `None` when the list only gives a note.
    pub value: Option<DateValue>,
    /// The list says the date is approximate ("APPROXIMATELY", "circa", "c.").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
    /// Free text that came with the date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl BirthDate {
    /// An exact date (known to the day, month or year), with no note.
    pub fn on(date: PartialDate) -> Self {
        BirthDate {
            value: Some(DateValue::On { date }),
            approximate: false,
            note: None,
        }
    }
}

impl fmt::Display for BirthDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.approximate {
            f.write_str("c. ")?;
        }
        match &self.value {
            Some(v) => write!(f, "{v}")?,
            None => f.write_str("unknown")?,
        }
        if let Some(n) = &self.note {
            write!(f, " ({n})")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expect: &str) {
        let got = match PartialDate::parse(input) {
            Ok(d) => d.to_string(),
            Err(e) => format!("error: {e}"),
        };
        assert_eq!(got, expect, "input {input:?}");
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(days_from_civil(2026, 1, 28)), (2026, 1, 28));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(day_number("2000-03-01T10:00:00Z"), Some(11_017));
        assert_eq!(day_number("2000-02-30"), None);
        assert_eq!(day_number("undated-1234"), None);
        assert_eq!(iso_timestamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_timestamp(1_764_393_600), "2025-11-29T05:20:00Z");
    }

    #[test]
    fn accepted_shapes() {
        check("1961", "1961");
        check("1961-04", "1961-04");
        check("1961-04-01", "1961-04-01");
        check("1961/4/1", "1961-04-01");
        check("01/04/1961", "1961-04-01");
        check("1.4.1961", "1961-04-01");
        check("00/00/1961", "1961");
        check("00/04/1961", "1961-04");
        check("1961-04-01T00:00:00", "1961-04-01");
        check("2015-04-14-04:00", "2015-04-14");
        check("2015-04-14+02:00", "2015-04-14");
        check("1960-01-01Z", "1960-01-01");
        check(" 1961 ", "1961");
        check("2000-02-29", "2000-02-29");
    }

    #[test]
    fn rejected_shapes() {
        check("", "error: '' is not a date (expected YYYY, YYYY-MM, YYYY-MM-DD, DD/MM/YYYY or DD.MM.YYYY)");
        check("61", "error: '61' is not a date (expected YYYY, YYYY-MM, YYYY-MM-DD, DD/MM/YYYY or DD.MM.YYYY)");
        check(
            "1961-13-01",
            "error: '1961-13-01' is not a valid calendar date",
        );
        check(
            "1961-02-30",
            "error: '1961-02-30' is not a valid calendar date",
        );
        check(
            "1900-02-29",
            "error: '1900-02-29' is not a valid calendar date",
        );
        check("abc", "error: 'abc' is not a date (expected YYYY, YYYY-MM, YYYY-MM-DD, DD/MM/YYYY or DD.MM.YYYY)");
    }

    #[test]
    fn serde_round_trip() {
        let d = PartialDate::ymd(1961, 4, 1).unwrap();
        let j = serde_json::to_string(&d).unwrap();
        assert_eq!(j, "\"1961-04-01\"");
        assert_eq!(serde_json::from_str::<PartialDate>(&j).unwrap(), d);
    }

    proptest::proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC{0,20}") {
            let _ = PartialDate::parse(&s);
        }

        #[test]
        fn display_parses_back(y in 1000u16..3000, m in 1u8..13, d in 1u8..29) {
            let date = PartialDate::ymd(y, m, d).unwrap();
            proptest::prop_assert_eq!(PartialDate::parse(&date.to_string()).unwrap(), date);
        }
    }
}
