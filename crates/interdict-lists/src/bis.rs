//! The US Commerce Department's (BIS) Denied Persons List: tab-separated text with a header and
//! every field in double quotes. Dates are MM/DD/YYYY except `Last_Update` (ISO); the file has
//! impossible dates such as `2922-09-01`, which are not taken for the list's version.

use crate::dates::{parse_date, Order};
use crate::detect::Format;
use crate::error::{Error, Result, Warning};
use crate::table::Table;
use crate::text::{decode_noting, Expect};
use crate::{ListMeta, ParsedList};
use interdict_model::{Address, Country, Detail, Entity, PartialDate, Provenance, Schema};

/// List name.
pub const LIST_NAME: &str = "us-bis-dpl";

/// Parses a Denied Persons List file.
pub fn parse(path: &str, bytes: &[u8]) -> Result<ParsedList> {
    let (text, mut warnings) = decode_noting(bytes, Expect::Utf8);
    let table = Table::read(path, &text, b'\t', 1)?;
    table.require(&["Name"])?;
    warnings.extend_from_slice(table.warnings());
    let today_year = 2100; // dates beyond this are typing errors in the list
    let mut latest: Option<PartialDate> = None;
    let mut entities = Vec::new();
    for row in table.rows() {
        let line = row.line;
        let get = |name: &str| row.text(name);
        let Some(name) = get("Name") else {
            warnings.push(Warning {
                line,
                message: "row without a name; skipped".into(),
            });
            continue;
        };
        // The list has no identifiers: a hash of the name and effective date stands in, so that
        // the same order keeps its id from one version to the next.
        let id = crate::content_version([
            name.as_bytes(),
            get("Effective_Date").unwrap_or_default().as_bytes(),
        ])
        .trim_start_matches("undated-")
        .to_string();
        let mut e = Entity::new(
            Schema::LegalEntity,
            &name,
            Provenance {
                list: LIST_NAME.into(),
                list_version: String::new(),
                reference: id.clone(),
                record_id: id,
            },
        );
        let address = Address {
            street: get("Street_Address"),
            city: get("City"),
            region: get("State"),
            postal_code: get("Postal_Code"),
            country: get("Country").map(|c| Country::from_text(&c)),
            note: None,
        };
        if !address.is_empty() {
            e.addresses.push(address);
        }
        e.listed_on = get("Effective_Date").and_then(|d| parse_date(&d, Order::MonthFirst));
        if let Some(d) = get("Last_Update").and_then(|d| parse_date(&d, Order::DayFirst)) {
            if d.year < today_year {
                latest = Some(latest.map_or(d, |l| l.max(d)));
                e.last_updated.push(d);
            } else {
                warnings.push(Warning {
                    line,
                    message: format!("Last_Update {d} is not a plausible date; ignored"),
                });
            }
        }
        for (field, label) in [
            ("Expiration_Date", "Expiration Date"),
            ("Standard_Order", "Standard Order"),
            ("Action", "Action"),
            ("FR_Citation", "Federal Register Citation"),
        ] {
            if let Some(v) = get(field) {
                e.details.push(Detail {
                    label: label.into(),
                    value: v,
                });
            }
        }
        entities.push(e);
    }
    if entities.is_empty() {
        return Err(Error::Invalid {
            path: path.into(),
            message: "Denied Persons List contains no rows; refusing an empty list".into(),
        });
    }
    let version = latest
        .map(|d| d.to_string())
        .unwrap_or_else(|| crate::content_version([bytes]));
    for e in &mut entities {
        e.provenance.list_version = version.clone();
    }
    Ok(ParsedList {
        meta: ListMeta {
            list: LIST_NAME.into(),
            version,
            format: Format::BisDpl,
            published: None,
        },
        entities,
        warnings,
        deletions: Vec::new(),
        is_delta: false,
    })
}
