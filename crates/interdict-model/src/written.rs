//! Dates as people write them: in list remarks ("12 Jan 1960", "circa 1960", "1955 to 1958",
//! "a) Approximately 1955- 1958 b) 1945", "00/00/1961", "06/19/2003") and in customer files
//! ("5 Mar 1981", "19810305", "1981-3-5", "05.03.1981", "c. 1975", "1975-1978").
//!
//! [`parse_birth_dates`] reads what lists write, keeping every date it finds; [`read_date_cell`]
//! reads one cell of a customer file and says what it could not use.

use crate::date::{BirthDate, DateValue, PartialDate};

/// Which way round a numeric date with slashes is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// 31/12/1960 (UN, UK, most lists and most of the world).
    #[default]
    DayFirst,
    /// 12/31/1960 (US lists).
    MonthFirst,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month written as its English name or a three-letter abbreviation (and "Sept").
fn month_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| {
            *m == w || (w.len() == 3 && m.starts_with(&w)) || (w == "sept" && *m == "september")
        })
        .map(|i| i as u8 + 1)
}

/// Reads one date: ISO forms, numeric forms in the given order, or words ("12 Jan 1960",
/// "January 12, 1960", "Jan 1960").
pub fn parse_date(text: &str, order: Order) -> Option<PartialDate> {
    let (year, month, day) = date_parts(text, order)?;
    // Zero parts mean unknown: 00/00/1961 is the year only.
    let month = (month != 0).then_some(month);
    let day = month.and((day != 0).then_some(day));
    PartialDate::new(year, month, day)
}

/// The year, month and day a date is written with (0 where a part is not given), before any
/// check that they form a real date: numbers ([`numeric_parts`]) or words ([`word_parts`]).
fn date_parts(text: &str, order: Order) -> Option<(u16, u8, u8)> {
    let t = text.trim().trim_end_matches(['.', ',']);
    let first = t.bytes().next()?;
    let numeric = t
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | 'T' | ':' | 'Z' | '+'));
    if first.is_ascii_digit() && numeric {
        numeric_parts(t, order)
    } else {
        word_parts(t)
    }
}

/// A date written in digits: `YYYY`, `YYYY-MM`, `MM/YYYY`, `YYYY-MM-DD` (also with `/` or `.`,
/// with or without zero padding), `YYYYMMDD`, and `DD/MM/YYYY` or `MM/DD/YYYY` as `order` says
/// (with `.` or `-` the day always comes first), with a time or time zone after it.
fn numeric_parts(text: &str, order: Order) -> Option<(u16, u8, u8)> {
    let t = text.split(['T', ' ', '+']).next()?;
    let t = t.strip_suffix('Z').unwrap_or(t);
    // An ISO date with a negative time zone: 2015-04-14-04:00.
    let t = if t.len() == 16 && t.as_bytes()[13] == b':' {
        &t[..10]
    } else {
        t
    };
    let num = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let slashed = t.contains('/');
    let parts: Vec<&str> = t.split(['-', '/', '.']).collect();
    let (y, m, d) = match parts.as_slice() {
        [all] if all.len() == 8 && matches!(&all[..2], "18" | "19" | "20") => {
            (num(&all[..4])?, num(&all[4..6])?, num(&all[6..])?)
        }
        [y] if y.len() == 4 => (num(y)?, 0, 0),
        [y, m] if y.len() == 4 && m.len() <= 2 => (num(y)?, num(m)?, 0),
        [m, y] if y.len() == 4 && m.len() <= 2 => (num(y)?, num(m)?, 0),
        [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => (num(y)?, num(m)?, num(d)?),
        [a, b, y] if y.len() == 4 && a.len() <= 2 && b.len() <= 2 => {
            if slashed && order == Order::MonthFirst {
                (num(y)?, num(a)?, num(b)?)
            } else {
                (num(y)?, num(b)?, num(a)?)
            }
        }
        _ => return None,
    };
    Some((
        u16::try_from(y).ok()?,
        u8::try_from(m).ok()?,
        u8::try_from(d).ok()?,
    ))
}

/// A date written with the month as a word: "12 Jan 1960", "January 12, 1960", "Jan 1960".
fn word_parts(t: &str) -> Option<(u16, u8, u8)> {
    let (mut year, mut month, mut day) = (None, None, None);
    for word in t.split(|c: char| c.is_whitespace() || c == ',' || c == '-' || c == '/') {
        if word.is_empty() {
            continue;
        }
        if let Ok(n) = word.parse::<u32>() {
            if word.len() == 4 {
                if year.is_some() {
                    // Two years: a range, not one date.
                    return None;
                }
                year = Some(n as u16);
            } else if (1..=99).contains(&n) && day.is_none() {
                day = Some(n as u8);
            } else {
                return None;
            }
        } else if let Some(m) = month_number(word.trim_end_matches(['.', ','])) {
            month = Some(m);
        } else {
            return None;
        }
    }
    Some((year?, month.unwrap_or(0), month.and(day).unwrap_or(0)))
}

/// Words that mark a date as approximate.
fn strip_approximate(text: &str) -> (bool, &str) {
    let lower = text.to_ascii_lowercase();
    for prefix in [
        "approximately ",
        "approximately",
        "approx. ",
        "approx ",
        "circa ",
        "circa",
        "ca. ",
        "c. ",
        "about ",
        "around ",
        "abt. ",
        "abt ",
        "~",
    ] {
        if lower.starts_with(prefix) {
            return (true, text[prefix.len()..].trim_start());
        }
    }
    (false, text)
}

/// Reads every date of birth in a text such as "a) Approximately 1955- 1958 b) 1945",
/// "circa 1960", "1955 to 1958", "between 1955 and 1958", "12 Jan 1960 or 1961". Parts that are
/// not dates are ignored; returns nothing if no part is.
pub fn parse_birth_dates(text: &str, order: Order) -> Vec<BirthDate> {
    let mut out = Vec::new();
    for item in split_enumeration(text) {
        let (approximate, rest) = strip_approximate(item.trim());
        let rest = rest.trim().trim_end_matches(['.', ';', ',']);
        if rest.is_empty() {
            continue;
        }
        if let Some(d) = parse_date(rest, order) {
            out.push(BirthDate {
                value: Some(DateValue::On { date: d }),
                approximate,
                note: None,
            });
            continue;
        }
        if let Some((from, to)) = split_range(rest) {
            if let (Some(f), Some(t)) = (parse_date(from, order), parse_date(to, order)) {
                out.push(BirthDate {
                    value: Some(DateValue::Between { from: f, to: t }),
                    approximate,
                    note: None,
                });
                continue;
            }
        }
        for alt in rest.split(" or ").flat_map(|s| s.split(" OR ")) {
            if let Some(d) = parse_date(alt, order) {
                out.push(BirthDate {
                    value: Some(DateValue::On { date: d }),
                    approximate,
                    note: None,
                });
            }
        }
    }
    out
}

/// Why part or all of a date cell was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateNote {
    /// The day does not exist in that month ("1965-02-30", "1974-01-32"): year and month kept.
    NoSuchDay {
        /// What is kept.
        kept: PartialDate,
    },
    /// The month does not exist ("1974-13-01"): the year kept.
    NoSuchMonth {
        /// What is kept.
        kept: PartialDate,
    },
    /// Slashed numbers that are a date only the other way round ("12/30/1960" read day first):
    /// the year kept rather than a guess.
    OtherOrder {
        /// What is kept.
        kept: PartialDate,
    },
    /// Not a date at all ("unknown", "n/a", "soon"): nothing kept.
    NotADate,
}

impl DateNote {
    /// What happened to `text`, in words.
    pub fn message(&self, text: &str) -> String {
        match self {
            DateNote::NoSuchDay { kept } => {
                format!("'{text}' has no such day; only {kept} is used")
            }
            DateNote::NoSuchMonth { kept } => {
                format!("'{text}' has no such month; only the year {kept} is used")
            }
            DateNote::OtherOrder { kept } => format!(
                "'{text}' is a date only with day and month the other way round; only the year \
                 {kept} is used"
            ),
            DateNote::NotADate => format!("'{text}' is not a date; left out"),
        }
    }
}

/// One cell of a customer file's date column, read: the dates to screen with, and a note when
/// part or all of it could not be used.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CellDate {
    /// Dates to screen with (several for "1960; 1961", a range for "1975-1978").
    pub dates: Vec<BirthDate>,
    /// What was not used, and why.
    pub note: Option<DateNote>,
}

/// Reads a date cell of a customer file: every unambiguous form (ISO with or without zero
/// padding, `YYYY/MM/DD`, `YYYYMMDD`, `5 Mar 1981`, `March 5, 1981`, `05.03.1981`, slashed dates in
/// `order`, year ranges `1975-1978`, `circa`/`c.`/`approx.` years, several dates separated by
/// `;` or "or"). What is impossible keeps what is sure (the year and month of "1965-02-30"), with
/// a note; nothing is guessed.
pub fn read_date_cell(text: &str, order: Order) -> CellDate {
    let t = text.trim();
    if t.is_empty() {
        return CellDate::default();
    }
    let (approximate, rest) = strip_approximate(t);
    let rest = rest.trim();
    let on = |date: PartialDate, note: Option<DateNote>| CellDate {
        dates: vec![BirthDate {
            value: Some(DateValue::On { date }),
            approximate,
            note: None,
        }],
        note,
    };
    if let Some(d) = parse_date(rest, order) {
        return on(d, None);
    }
    if let Some((from, to)) = split_range(rest) {
        if let (Some(f), Some(t)) = (parse_date(from, order), parse_date(to, order)) {
            return CellDate {
                dates: vec![BirthDate {
                    value: Some(DateValue::Between { from: f, to: t }),
                    approximate,
                    note: None,
                }],
                note: None,
            };
        }
    }
    if let Some((kept, note)) = date_parts(rest, order).and_then(|p| salvage(p, rest, order)) {
        return on(kept, Some(note));
    }
    // Several dates, each whole: "1960; 1961", "1960 or 1961".
    let parts: Vec<&str> = t
        .split(';')
        .flat_map(|p| p.split(" or "))
        .filter(|p| !p.trim().is_empty())
        .collect();
    if parts.len() > 1 {
        let each: Vec<CellDate> = parts.iter().map(|p| read_date_cell(p, order)).collect();
        if each.iter().all(|c| c.note.is_none()) {
            return CellDate {
                dates: each.into_iter().flat_map(|c| c.dates).collect(),
                note: None,
            };
        }
    }
    CellDate {
        dates: Vec::new(),
        note: Some(DateNote::NotADate),
    }
}

/// What is sure of a date whose parts do not form a real one: its year and month when only the
/// day is impossible, its year otherwise.
fn salvage(
    (year, month, day): (u16, u8, u8),
    text: &str,
    order: Order,
) -> Option<(PartialDate, DateNote)> {
    let year_only = PartialDate::new(year, None, None)?;
    if let Some(kept) = PartialDate::new(year, Some(month), None).filter(|_| day != 0) {
        return Some((kept, DateNote::NoSuchDay { kept }));
    }
    let other = match order {
        Order::DayFirst => Order::MonthFirst,
        Order::MonthFirst => Order::DayFirst,
    };
    if text.contains('/') && parse_date(text, other).is_some() {
        return Some((year_only, DateNote::OtherOrder { kept: year_only }));
    }
    Some((year_only, DateNote::NoSuchMonth { kept: year_only }))
}

/// "1955 to 1958", "1955-1958", "1955- 1958", "between 1955 and 1958".
fn split_range(text: &str) -> Option<(&str, &str)> {
    let t = text.trim();
    let t = t
        .strip_prefix("between ")
        .or_else(|| t.strip_prefix("Between "))
        .unwrap_or(t);
    for sep in [" to ", " and ", " - ", "- ", " -", "-", "–"] {
        if let Some((a, b)) = t.split_once(sep) {
            let (a, b) = (a.trim(), b.trim());
            // Only a range of years or full dates written in words; "1960-01-02" is one ISO date.
            if a.len() >= 4
                && b.len() >= 4
                && !(sep == "-" && a.len() == 4 && b.len() <= 5 && b.contains('-'))
            {
                return Some((a, b));
            }
        }
    }
    None
}

/// Splits "a) X b) Y c) Z", "1) X 2) Y" and "X; Y" into items.
pub fn split_enumeration(text: &str) -> Vec<&str> {
    let mut cuts = Vec::new();
    let b = text.as_bytes();
    for i in 0..b.len() {
        let at_word_start = i == 0 || b[i - 1] == b' ' || b[i - 1] == b'(';
        let marker = b[i].is_ascii_lowercase() || b[i].is_ascii_digit();
        if at_word_start && marker && b.get(i + 1) == Some(&b')') {
            cuts.push(i);
        }
    }
    let mut items = Vec::new();
    if cuts.is_empty() {
        items.extend(text.split(';'));
    } else {
        for (k, &start) in cuts.iter().enumerate() {
            let end = cuts.get(k + 1).copied().unwrap_or(text.len());
            items.push(&text[start + 2..end]);
        }
    }
    items
        .into_iter()
        .map(|s| s.trim().trim_end_matches(['(', ',', ';', ' ']))
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str, order: Order) -> String {
        parse_birth_dates(text, order)
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join(" | ")
    }

    #[test]
    fn single_dates() {
        let cases = [
            ("12 Jan 1960", "1960-01-12"),
            ("Jan 1960", "1960-01"),
            ("1960", "1960"),
            ("January 12, 1960", "1960-01-12"),
            ("12 Sept 1960", "1960-09-12"),
            ("00/00/1961", "1961"),
            ("01/04/1961", "1961-04-01"),
            ("1961-04-01", "1961-04-01"),
            ("circa 1960", "c. 1960"),
            ("Approximately 1963", "c. 1963"),
        ];
        for (text, expect) in cases {
            assert_eq!(dates(text, Order::DayFirst), expect, "{text}");
        }
        assert_eq!(dates("06/19/2003", Order::MonthFirst), "2003-06-19");
        assert_eq!(dates("13/19/2003", Order::MonthFirst), "");
    }

    #[test]
    fn ranges_and_enumerations() {
        let cases = [
            ("1955 to 1958", "1955..1958"),
            ("between 1955 and 1958", "1955..1958"),
            (
                "a) Approximately 1955- 1958 b) Approximately 1945-1950",
                "c. 1955..1958 | c. 1945..1950",
            ),
            ("a) 01/01/1960 b) 1962", "1960-01-01 | 1962"),
            ("1960 or 1961", "1960 | 1961"),
            ("unknown", ""),
        ];
        for (text, expect) in cases {
            assert_eq!(dates(text, Order::DayFirst), expect, "{text}");
        }
    }

    /// A cell read as "dates | note".
    fn cell(text: &str, order: Order) -> String {
        let c = read_date_cell(text, order);
        let dates: Vec<String> = c.dates.iter().map(|d| d.to_string()).collect();
        let note = match c.note {
            None => String::new(),
            Some(DateNote::NoSuchDay { kept }) => format!(" | no such day, kept {kept}"),
            Some(DateNote::NoSuchMonth { kept }) => format!(" | no such month, kept {kept}"),
            Some(DateNote::OtherOrder { kept }) => format!(" | other order, kept {kept}"),
            Some(DateNote::NotADate) => " | not a date".to_string(),
        };
        format!("{}{note}", dates.join(" + "))
    }

    #[test]
    fn customer_date_cells() {
        let rows = [
            ("1981-03-05", "1981-03-05"),
            ("1981-3-5", "1981-03-05"),
            ("1981/03/05", "1981-03-05"),
            ("19810305", "1981-03-05"),
            ("5 Mar 1981", "1981-03-05"),
            ("March 5, 1981", "1981-03-05"),
            ("05.03.1981", "1981-03-05"),
            ("05/03/1981", "1981-03-05"),
            ("05-03-1981", "1981-03-05"),
            ("1981-03-05T00:00:00Z", "1981-03-05"),
            ("03/1981", "1981-03"),
            ("1981", "1981"),
            ("circa 1975", "c. 1975"),
            ("c. 1975", "c. 1975"),
            ("approx. 1975", "c. 1975"),
            ("~1975", "c. 1975"),
            ("1975-1978", "1975..1978"),
            ("1975 - 1978", "1975..1978"),
            ("1960; 1961", "1960 + 1961"),
            ("", ""),
            ("1965-02-30", "1965-02 | no such day, kept 1965-02"),
            ("1974-01-32", "1974-01 | no such day, kept 1974-01"),
            ("30 Feb 1965", "1965-02 | no such day, kept 1965-02"),
            ("1974-13-01", "1974 | no such month, kept 1974"),
            ("12/30/1960", "1960 | other order, kept 1960"),
            ("unknown", " | not a date"),
            ("n/a", " | not a date"),
            ("1960 or so", " | not a date"),
        ];
        for (text, expect) in rows {
            assert_eq!(cell(text, Order::DayFirst), expect, "{text:?}");
        }
        assert_eq!(cell("12/30/1960", Order::MonthFirst), "1960-12-30");
        assert_eq!(
            cell("30/12/1960", Order::MonthFirst),
            "1960 | other order, kept 1960"
        );
        assert_eq!(cell("1981/03/05", Order::MonthFirst), "1981-03-05");
    }

    proptest::proptest! {
        #[test]
        fn a_cell_is_read_or_noted_never_both_lost(s in "\\PC{0,30}") {
            let c = read_date_cell(&s, Order::DayFirst);
            if !s.trim().is_empty() {
                proptest::prop_assert!(!c.dates.is_empty() || c.note.is_some());
            }
        }

        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = parse_birth_dates(&s, Order::DayFirst);
            let _ = parse_birth_dates(&s, Order::MonthFirst);
        }
    }
}
