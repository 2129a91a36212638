//! Which column of a customer file holds what: headers matched by their letters and digits
//! alone, case-insensitively ("Date of Birth", "date_of_birth" and "DATE-OF-BIRTH" are one), with
//! the common names banks and platforms give them, and `--column FIELD=HEADER` for the rest.

use crate::{bail, Result};

/// What a column is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    FullName,
    First,
    Middle,
    Last,
    Schema,
    Gender,
    Dob,
    PlaceOfBirth,
    Country,
    IdNumber,
    RowId,
    /// Carried through to the output untouched.
    Extra,
}

impl Role {
    /// Whether one value per row is used (a second column of the role is carried through);
    /// countries and identifiers gather from every column of their role.
    fn single(self) -> bool {
        !matches!(self, Role::Country | Role::IdNumber | Role::Extra)
    }

    /// Whether the role names the party.
    pub fn is_name(self) -> bool {
        matches!(self, Role::FullName | Role::First | Role::Last)
    }
}

/// Header names (letters and digits only, lower case) and what they are.
const SYNONYMS: &[(Role, &[&str])] = &[
    (
        Role::FullName,
        &[
            "fullname",
            "name",
            "customername",
            "clientname",
            "accountname",
            "accountholder",
            "accountholdername",
            "partyname",
            "beneficiaryname",
            "payeename",
            "entityname",
            "companyname",
            "legalname",
            "organisationname",
            "organizationname",
            "names",
        ],
    ),
    (
        Role::First,
        &[
            "firstname",
            "givenname",
            "givennames",
            "forename",
            "forenames",
            "first",
        ],
    ),
    (Role::Middle, &["middlename", "middlenames", "middle"]),
    (Role::Last, &["lastname", "surname", "familyname", "last"]),
    (
        Role::Schema,
        &[
            "schema",
            "type",
            "entitytype",
            "partytype",
            "customertype",
            "kind",
        ],
    ),
    (Role::Gender, &["gender", "sex"]),
    (
        Role::Dob,
        &[
            "dateofbirth",
            "dob",
            "birthdate",
            "birthday",
            "born",
            "dateofincorporation",
            "incorporationdate",
            "dateofbirthorincorporation",
        ],
    ),
    (
        Role::PlaceOfBirth,
        &[
            "placeofbirth",
            "birthplace",
            "pob",
            "cityofbirth",
            "townofbirth",
        ],
    ),
    (
        Role::Country,
        &[
            "nationality",
            "nationalities",
            "country",
            "countries",
            "citizenship",
            "citizenships",
            "countryofcitizenship",
            "countryofresidence",
            "residencecountry",
            "countryofbirth",
            "countrycode",
            "countryofincorporation",
            "jurisdiction",
        ],
    ),
    (
        Role::IdNumber,
        &[
            "idnumber",
            "idnumbers",
            "idno",
            "passport",
            "passportno",
            "passportnumber",
            "passportnumbers",
            "nationalid",
            "nationalidnumber",
            "nationalidno",
            "idcard",
            "idcardnumber",
            "documentnumber",
            "taxid",
            "taxnumber",
            "registrationnumber",
            "registrationno",
            "companynumber",
            "imo",
            "imonumber",
            "cnic",
            "nicnumber",
        ],
    ),
    (
        Role::RowId,
        &[
            "id",
            "customerid",
            "clientid",
            "accountid",
            "partyid",
            "recordid",
            "customerno",
            "customernumber",
            "clientno",
            "clientnumber",
        ],
    ),
];

/// A header reduced to its lower-case letters and digits.
pub fn header_key(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The role a header's name gives it.
fn role_by_name(header: &str) -> Role {
    let key = header_key(header);
    SYNONYMS
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map_or(Role::Extra, |(role, _)| *role)
}

/// Whether a header names a row's own id (`id`, `Customer ID`, `client_no`, ...).
pub fn is_id_header(header: &str) -> bool {
    role_by_name(header) == Role::RowId
}

/// A column chosen on the command line: `--column dob=Geburtsdatum`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnChoice {
    /// What it is used for.
    pub role: Role,
    /// The header, as written (compared by [`header_key`]).
    pub header: String,
}

/// The field names `--column` takes, and their roles.
const FIELDS: &[(&str, Role)] = &[
    ("name", Role::FullName),
    ("full_name", Role::FullName),
    ("first_name", Role::First),
    ("middle_name", Role::Middle),
    ("last_name", Role::Last),
    ("schema", Role::Schema),
    ("gender", Role::Gender),
    ("dob", Role::Dob),
    ("date_of_birth", Role::Dob),
    ("place_of_birth", Role::PlaceOfBirth),
    ("country", Role::Country),
    ("nationality", Role::Country),
    ("id_number", Role::IdNumber),
    ("passport_number", Role::IdNumber),
    ("id", Role::RowId),
];

impl ColumnChoice {
    /// Reads `FIELD=HEADER`.
    pub fn parse(text: &str) -> Result<ColumnChoice> {
        let Some((field, header)) = text.split_once('=') else {
            bail!("--column '{text}': expected FIELD=HEADER, such as dob=Geburtsdatum");
        };
        let Some((_, role)) = FIELDS.iter().find(|(f, _)| *f == field.trim()) else {
            bail!(
                "--column '{text}': unknown field '{}' (fields: {})",
                field.trim(),
                FIELDS
                    .iter()
                    .map(|(f, _)| *f)
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        };
        if header.trim().is_empty() {
            bail!("--column '{text}': no header after '='");
        }
        Ok(ColumnChoice {
            role: *role,
            header: header.trim().to_string(),
        })
    }
}

/// The roles of a file's columns, in order: chosen ones first, then by name; a second column
/// of a single-valued role is carried through, with a note saying which one is used. Fails when
/// a chosen header is not in the file.
pub fn assign(
    display: &str,
    headers: &[String],
    choices: &[ColumnChoice],
    notes: &mut Vec<String>,
) -> Result<Vec<Role>> {
    let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
    let mut roles: Vec<Option<Role>> = vec![None; headers.len()];
    for c in choices {
        let key = header_key(&c.header);
        let Some(i) = keys.iter().position(|k| *k == key) else {
            bail!(
                "{display}: --column names '{}', but the file has no such column (columns: {})",
                c.header,
                headers.join(", ")
            );
        };
        roles[i] = Some(c.role);
    }
    let chosen: Vec<Role> = roles.iter().flatten().copied().collect();
    let mut taken: Vec<(Role, usize)> = roles
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.map(|r| (r, i)))
        .collect();
    for (i, header) in headers.iter().enumerate() {
        if roles[i].is_some() {
            continue;
        }
        let role = role_by_name(header);
        let first = taken.iter().find(|(r, _)| *r == role).map(|(_, at)| *at);
        roles[i] = Some(match first {
            Some(at) if role.single() => {
                if !chosen.contains(&role) {
                    notes.push(format!(
                        "{display}: columns '{}' and '{header}' both look like the same field; \
                         '{}' is used and '{header}' carried through (choose with --column)",
                        headers[at], headers[at]
                    ));
                }
                Role::Extra
            }
            _ => {
                taken.push((role, i));
                role
            }
        });
    }
    Ok(roles
        .into_iter()
        .map(|r| r.unwrap_or(Role::Extra))
        .collect())
}

/// The role of one key of a JSON Lines object (whose rows may each have other keys).
pub fn role_of_key(key: &str, choices: &[ColumnChoice]) -> Role {
    let k = header_key(key);
    match choices.iter().find(|c| header_key(&c.header) == k) {
        Some(c) => c.role,
        None => role_by_name(key),
    }
}

/// Refuses a header without a name column, listing the columns found.
pub fn require_name(display: &str, headers: &[String], roles: &[Role]) -> Result<()> {
    if !roles.iter().any(|r| r.is_name()) {
        bail!(
            "{display}: no name column: expected a column such as 'full_name', 'name', \
             'Customer Name' or 'first_name'/'last_name' (or choose one with --column \
             name=HEADER); found columns: {}",
            headers.join(", ")
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(headers: &[&str], choices: &[&str]) -> Vec<Role> {
        let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        let choices: Vec<ColumnChoice> = choices
            .iter()
            .map(|c| ColumnChoice::parse(c).unwrap())
            .collect();
        assign("f.csv", &headers, &choices, &mut Vec::new()).unwrap()
    }

    #[test]
    fn headers_as_banks_write_them() {
        use Role::*;
        let rows: &[(&[&str], &[Role])] = &[
            (
                &[
                    "Customer ID",
                    "Customer Name",
                    "Date of Birth",
                    "Country",
                    "Passport No",
                ],
                &[RowId, FullName, Dob, Country, IdNumber],
            ),
            (
                &["CLIENT_ID", "Full-Name", "DOB", "Citizenship", "Branch"],
                &[RowId, FullName, Dob, Country, Extra],
            ),
            (
                &[
                    "First Name",
                    "Last Name",
                    "Birth Date",
                    "Nationality",
                    "Country of Residence",
                ],
                &[First, Last, Dob, Country, Country],
            ),
            (&["\u{feff}name", " Sex "], &[FullName, Gender]),
        ];
        for (headers, expect) in rows {
            assert_eq!(roles(headers, &[]), *expect, "{headers:?}");
        }
    }

    #[test]
    fn a_second_name_column_is_carried_and_a_choice_decides() {
        use Role::*;
        let mut notes = Vec::new();
        let headers: Vec<String> = ["Name", "Customer Name"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            assign("f.csv", &headers, &[], &mut notes).unwrap(),
            [FullName, Extra]
        );
        assert!(notes[0].contains("'Name' is used"), "{notes:?}");
        assert_eq!(
            roles(&["Name", "Customer Name"], &["name=Customer Name"]),
            [Extra, FullName]
        );
        assert_eq!(
            roles(
                &["Kunde", "Geburtsdatum"],
                &["name=kunde", "dob=Geburtsdatum"]
            ),
            [FullName, Dob]
        );
    }

    #[test]
    fn choices_are_checked() {
        let headers = vec!["a".to_string()];
        let c = ColumnChoice::parse("dob=Born On").unwrap();
        let e = assign("f.csv", &headers, &[c], &mut Vec::new()).unwrap_err();
        assert!(e.to_string().contains("no such column (columns: a)"), "{e}");
        assert!(ColumnChoice::parse("birthday=x")
            .unwrap_err()
            .to_string()
            .contains("unknown field"));
        assert!(ColumnChoice::parse("dob")
            .unwrap_err()
            .to_string()
            .contains("FIELD=HEADER"));
    }
}
