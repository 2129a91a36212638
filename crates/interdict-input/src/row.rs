//! One row of a customer file turned into a query: every cell that can be used is, and each
//! one that cannot is left out with a warning that says why. Only a row without a name is not
//! screened.

use crate::columns::Role;
use interdict_match::Query;
use interdict_model::written::{read_date_cell, DateNote, Order};
use interdict_model::{CountryCode, Gender, Schema};

/// Longest identifier kept (document numbers are far shorter).
const MAX_ID_LEN: usize = 64;
/// Words of a name that are screened; the matcher compares no more.
const MAX_NAME_WORDS: usize = 32;
/// Values that mean "nothing here" and are left out without a warning.
const PLACEHOLDERS: &[&str] = &["", "-", "--", "n/a", "na", "none", "null", "nil", "?"];

/// One input row turned into a query.
#[derive(Debug, Clone)]
pub struct InputRow {
    /// 0-based row number (data rows only).
    pub row: usize,
    /// 1-based line of the file where the row starts (CSV and JSON Lines).
    pub line: Option<u64>,
    /// The row's own identifier (`id` column), if any.
    pub id: Option<String>,
    /// The query built from it.
    pub query: Query,
    /// Columns interdict does not use, carried through to the output.
    pub extra: Vec<(String, String)>,
    /// All columns as read, for CSV output.
    pub fields: Vec<(String, String)>,
    /// Cells left out of the query, and other things the user should know about the row.
    pub warnings: Vec<String>,
    /// Why the row was not screened at all (it has no usable name).
    pub error: Option<String>,
}

/// How cells are read.
#[derive(Debug, Clone, Copy, Default)]
pub struct CellRules {
    /// Which way round slashed dates are written.
    pub date_order: Order,
}

/// What [`build_row`] noticed beyond the row itself.
#[derive(Debug, Default)]
pub struct Seen {
    /// A slashed date that reads differently day first and month first, as read.
    pub ambiguous_slashed_date: Option<String>,
}

/// The name parts gathered from a row's cells.
#[derive(Default)]
struct NameParts {
    full: String,
    first: String,
    middle: String,
    last: String,
}

impl NameParts {
    fn name(self) -> String {
        if !self.full.is_empty() {
            return self.full;
        }
        [self.first, self.middle, self.last]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Builds the query of one row from its cells (`fields`, whose columns have `roles`).
pub fn build_row(
    row: usize,
    fields: Vec<(String, String)>,
    roles: &[Role],
    rules: CellRules,
    seen: &mut Seen,
) -> InputRow {
    let mut out = InputRow {
        row,
        line: None,
        id: None,
        query: Query::default(),
        extra: Vec::new(),
        fields: Vec::new(),
        warnings: Vec::new(),
        error: None,
    };
    let mut name = NameParts::default();
    for ((key, value), role) in fields.iter().zip(roles) {
        let v = value.trim();
        match role {
            Role::FullName => name.full = v.to_string(),
            Role::First => name.first = v.to_string(),
            Role::Middle => name.middle = v.to_string(),
            Role::Last => name.last = v.to_string(),
            Role::Extra => out.extra.push((key.clone(), value.clone())),
            _ if PLACEHOLDERS.contains(&v.to_ascii_lowercase().as_str()) => {}
            Role::Schema => read_schema(&mut out, key, v),
            Role::Gender => match Gender::parse(v) {
                Some(g) => out.query.gender = Some(g),
                None => out.warnings.push(format!(
                    "{key}: '{v}' is not a gender (male/female, M/F); left out"
                )),
            },
            Role::Dob => read_dates(&mut out, key, v, rules, seen),
            Role::Country => read_countries(&mut out, key, v),
            Role::IdNumber => read_identifiers(&mut out, key, v),
            Role::RowId => out.id = Some(v.to_string()),
            Role::PlaceOfBirth => {}
        }
    }
    // Only people have given names, family names and a gender.
    let personal = !name.first.is_empty() || !name.last.is_empty() || out.query.gender.is_some();
    if out.query.schema.is_none() && personal {
        out.query.schema = Some(Schema::Person);
    }
    out.query.name = name.name();
    let words = interdict_names::tokenize(&out.query.name).len();
    if words == 0 {
        out.error = Some(if out.query.name.is_empty() {
            "no name: the name columns are empty; the row is not screened".to_string()
        } else {
            format!(
                "no name: '{}' holds no letters or digits; the row is not screened",
                out.query.name
            )
        });
    } else if words > MAX_NAME_WORDS {
        out.warnings.push(format!(
            "the name has {words} words; only the first {MAX_NAME_WORDS} are screened"
        ));
    }
    out.fields = fields;
    out
}

fn read_schema(out: &mut InputRow, key: &str, v: &str) {
    match v.parse::<Schema>() {
        Ok(s) => out.query.schema = Some(s),
        Err(e) => out
            .warnings
            .push(format!("{key}: {e}; screened as any kind of party")),
    }
}

fn read_dates(out: &mut InputRow, key: &str, v: &str, rules: CellRules, seen: &mut Seen) {
    let cell = read_date_cell(v, rules.date_order);
    out.query.birth_dates.extend(cell.dates);
    if let Some(note) = cell.note {
        let mut message = format!("{key}: {}", note.message(v));
        if matches!(note, DateNote::OtherOrder { .. }) {
            message.push_str(match rules.date_order {
                Order::DayFirst => " (slashed dates are read day first; use --date-order mdy if the file writes the month first)",
                Order::MonthFirst => " (slashed dates are read month first, as --date-order mdy says)",
            });
        }
        out.warnings.push(message);
    } else if seen.ambiguous_slashed_date.is_none() && v.contains('/') {
        let other = match rules.date_order {
            Order::DayFirst => Order::MonthFirst,
            Order::MonthFirst => Order::DayFirst,
        };
        let (a, b) = (
            read_date_cell(v, rules.date_order),
            read_date_cell(v, other),
        );
        if b.note.is_none() && a.dates != b.dates {
            seen.ambiguous_slashed_date = Some(v.to_string());
        }
    }
}

/// Countries separated by ';' or '|' (or ',' when every part is one: "Korea, Republic of" is
/// one country, "PK, AF" two).
fn read_countries(out: &mut InputRow, key: &str, v: &str) {
    for part in v.split([';', '|']).map(str::trim).filter(|p| !p.is_empty()) {
        let codes: Vec<CountryCode> = match CountryCode::resolve(part) {
            Some(c) => vec![c],
            None => part
                .split(',')
                .map(|p| CountryCode::resolve(p.trim()))
                .collect::<Option<Vec<_>>>()
                .unwrap_or_default(),
        };
        if codes.is_empty() {
            out.warnings
                .push(format!("{key}: '{part}' is not a country; left out"));
        }
        for c in codes {
            if !out.query.countries.contains(&c) {
                out.query.countries.push(c);
            }
        }
    }
}

fn read_identifiers(out: &mut InputRow, key: &str, v: &str) {
    for part in v.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        if !part.chars().any(|c| c.is_ascii_alphanumeric()) {
            out.warnings.push(format!(
                "{key}: '{part}' has no letters or digits; left out"
            ));
        } else if part.len() > MAX_ID_LEN {
            out.warnings.push(format!(
                "{key}: a number of {} characters is not an identifier; left out",
                part.len()
            ));
        } else {
            out.query.identifiers.push(part.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[(&str, &str, Role)]) -> InputRow {
        let fields = cells
            .iter()
            .map(|(k, v, _)| (k.to_string(), v.to_string()))
            .collect();
        let roles: Vec<Role> = cells.iter().map(|(_, _, r)| *r).collect();
        build_row(
            0,
            fields,
            &roles,
            CellRules::default(),
            &mut Seen::default(),
        )
    }

    #[test]
    fn unusable_cells_are_left_out_with_a_warning_each() {
        let r = row(&[
            ("name", "Hafiz Saeed", Role::FullName),
            ("dob", "1965-02-30", Role::Dob),
            ("country", "Pakistan; Atlantis", Role::Country),
            ("passport", "---", Role::IdNumber),
            ("type", "Planet", Role::Schema),
            ("sex", "x", Role::Gender),
        ]);
        assert_eq!(r.error, None);
        assert_eq!(r.query.name, "Hafiz Saeed");
        assert_eq!(r.query.birth_dates[0].to_string(), "1965-02");
        assert_eq!(r.query.countries.len(), 1);
        assert!(r.query.identifiers.is_empty() && r.query.schema.is_none());
        let w = r.warnings.join("\n");
        for needle in [
            "dob: '1965-02-30' has no such day; only 1965-02 is used",
            "country: 'Atlantis' is not a country; left out",
            "passport: '---' has no letters or digits",
            "type: ",
            "sex: 'x' is not a gender",
        ] {
            assert!(w.contains(needle), "missing {needle:?} in {w}");
        }
    }

    #[test]
    fn placeholders_are_empty_and_a_row_without_a_name_is_an_error() {
        let r = row(&[
            ("name", " ", Role::FullName),
            ("dob", "N/A", Role::Dob),
            ("country", "-", Role::Country),
        ]);
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        assert!(r.error.unwrap().starts_with("no name"));
        let r = row(&[("first", "", Role::First), ("last", "Khan", Role::Last)]);
        assert_eq!(
            (r.query.name.as_str(), r.query.schema),
            ("Khan", Some(Schema::Person))
        );
    }

    #[test]
    fn a_month_first_date_is_not_guessed() {
        let r = row(&[
            ("n", "Ali Khan", Role::FullName),
            ("dob", "12/30/1960", Role::Dob),
        ]);
        assert_eq!(r.query.birth_dates[0].to_string(), "1960");
        assert!(
            r.warnings[0].contains("--date-order mdy"),
            "{:?}",
            r.warnings
        );
        let mut seen = Seen::default();
        let fields = vec![
            ("n".into(), "Ali".into()),
            ("dob".into(), "03/04/1975".into()),
        ];
        let r = build_row(
            0,
            fields,
            &[Role::FullName, Role::Dob],
            CellRules::default(),
            &mut seen,
        );
        assert_eq!(r.query.birth_dates[0].to_string(), "1975-04-03");
        assert_eq!(seen.ambiguous_slashed_date.as_deref(), Some("03/04/1975"));
    }
}
