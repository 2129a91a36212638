//! Dates as lists write them in free text: "12 Jan 1960", "Jan 1960", "circa 1960",
//! "1955 to 1958", "a) Approximately 1955- 1958 b) 1945", "00/00/1961", "06/19/2003".

use interdict_model::{BirthDate, DateValue, PartialDate};

/// Which way round a numeric date with slashes is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    /// 31/12/1960 (UN, UK, most lists).
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
pub(crate) fn parse_date(text: &str, order: Order) -> Option<PartialDate> {
    let t = text.trim().trim_end_matches(['.', ',']);
    if t.is_empty() {
        return None;
    }
    let bytes = t.as_bytes();
    if bytes[0].is_ascii_digit()
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | 'T' | ':' | 'Z' | '+'))
    {
        if order == Order::MonthFirst {
            let parts: Vec<&str> = t.split('/').collect();
            if let [m, d, y] = parts.as_slice() {
                let (m, d, y) = (
                    m.parse::<u8>().ok()?,
                    d.parse::<u8>().ok()?,
                    y.parse::<u16>().ok()?,
                );
                // Zero parts mean unknown: 00/00/1961 is the year only.
                let month = (m != 0).then_some(m);
                let day = (d != 0 && m != 0).then_some(d);
                return PartialDate::new(y, month, day);
            }
        }
        return PartialDate::parse(t).ok();
    }
    // Words: collect a year, a month name and a day number.
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
            } else if (1..=31).contains(&n) && day.is_none() {
                day = Some(n as u8);
            } else {
                return None;
            }
        } else if let Some(m) = month_number(word) {
            month = Some(m);
        } else {
            return None;
        }
    }
    let year = year?;
    let day = month.and(day);
    PartialDate::new(year, month, day)
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
pub(crate) fn parse_birth_dates(text: &str, order: Order) -> Vec<BirthDate> {
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
pub(crate) fn split_enumeration(text: &str) -> Vec<&str> {
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

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = parse_birth_dates(&s, Order::DayFirst);
            let _ = parse_birth_dates(&s, Order::MonthFirst);
        }
    }
}
