//! A listed party (person, organisation, vessel, aircraft) with everything the lists say about it.

use crate::country::{Country, CountryCode};
use crate::date::{BirthDate, PartialDate};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What kind of party an entity is, in FollowTheMoney's vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Schema {
    /// A natural person.
    Person,
    /// A group, organisation, movement or body (also the UN list's "entities").
    Organization,
    /// A registered company.
    Company,
    /// A ship.
    Vessel,
    /// An aircraft.
    Aircraft,
    /// A party that may be a person or an organisation (the list does not say).
    LegalEntity,
}

impl Schema {
    /// The FollowTheMoney name of the schema.
    pub fn as_str(&self) -> &'static str {
        match self {
            Schema::Person => "Person",
            Schema::Organization => "Organization",
            Schema::Company => "Company",
            Schema::Vessel => "Vessel",
            Schema::Aircraft => "Aircraft",
            Schema::LegalEntity => "LegalEntity",
        }
    }

    /// True for organisations and companies: names with legal forms and generic words.
    pub fn is_organization(&self) -> bool {
        matches!(self, Schema::Organization | Schema::Company)
    }

    /// Whether a query of schema `self` may match a listed entity of schema `listed`.
    ///
    /// People match people, organisations match organisations and companies, vessels match
    /// vessels, aircraft match aircraft; `LegalEntity` (unknown kind) matches people and
    /// organisations of any kind.
    pub fn can_match(&self, listed: Schema) -> bool {
        use Schema::*;
        match (self, listed) {
            (a, b) if *a == b => true,
            (LegalEntity, Person | Organization | Company) => true,
            (Person | Organization | Company, LegalEntity) => true,
            (Organization, Company) | (Company, Organization) => true,
            _ => false,
        }
    }
}

impl fmt::Display for Schema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Schema {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "person" | "individual" | "natural person" => Ok(Schema::Person),
            "organization" | "organisation" | "entity" | "org" => Ok(Schema::Organization),
            "company" => Ok(Schema::Company),
            "vessel" | "ship" => Ok(Schema::Vessel),
            "aircraft" => Ok(Schema::Aircraft),
            "legalentity" | "legal entity" | "thing" => Ok(Schema::LegalEntity),
            _ => Err(format!(
                "unknown schema '{s}' (expected Person, Organization, Company, Vessel, Aircraft or LegalEntity)"
            )),
        }
    }
}

/// The standing of a name on its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    /// The name the list files the entry under.
    Primary,
    /// A strong alias ("a.k.a.", UN quality "Good").
    Alias,
    /// A weak alias (UN quality "Low", OFAC "weak a.k.a."): too vague to match on alone.
    WeakAlias,
    /// A former name ("f.k.a.").
    Former,
    /// The name in its original script, as given by the list.
    OriginalScript,
}

impl NameKind {
    /// A short label for explanations.
    pub fn label(&self) -> &'static str {
        match self {
            NameKind::Primary => "primary name",
            NameKind::Alias => "alias",
            NameKind::WeakAlias => "weak alias",
            NameKind::Former => "former name",
            NameKind::OriginalScript => "original-script name",
        }
    }
}

/// Which part of a structured name a value is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartRole {
    /// Given (first) name.
    Given,
    /// Middle name.
    Middle,
    /// Family name (surname).
    Family,
    /// Patronymic or father's name.
    Patronymic,
    /// A numbered part whose role the list does not state (UN FIRST..FOURTH_NAME).
    Numbered(u8),
}

/// One structured part of a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamePart {
    /// What the part is.
    pub role: PartRole,
    /// Its text as listed (trimmed).
    pub value: String,
}

/// One name of an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Name {
    /// The whole name as one string.
    pub full: String,
    /// Primary, alias, weak alias, former or original script.
    pub kind: NameKind,
    /// The structured parts, when the list gives them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<NamePart>,
    /// The list's own label for the name's quality ("Good", "Low", "a.k.a.", "f.k.a."), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<String>,
    /// Free text that came with the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Name {
    /// A name with no parts, quality or note.
    pub fn new(full: impl Into<String>, kind: NameKind) -> Self {
        Name {
            full: full.into(),
            kind,
            parts: Vec::new(),
            quality: None,
            note: None,
        }
    }
}

/// A person's gender as listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    /// Male.
    Male,
    /// Female.
    Female,
}

impl Gender {
    /// Reads "male", "M", "female", "F" (any case); anything else is unknown.
    pub fn parse(text: &str) -> Option<Gender> {
        match text.trim().to_ascii_lowercase().as_str() {
            "m" | "male" | "man" => Some(Gender::Male),
            "f" | "female" | "woman" => Some(Gender::Female),
            _ => None,
        }
    }
}

/// The kind of an identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdKind {
    /// A passport number.
    Passport,
    /// A national identity number or card.
    NationalId,
    /// A tax number.
    TaxId,
    /// A company registration number.
    Registration,
    /// IMO ship number.
    Imo,
    /// MMSI radio identity.
    Mmsi,
    /// Radio call sign.
    CallSign,
    /// Aircraft registration or serial number.
    AircraftRegistration,
    /// Any other document.
    Other,
}

impl IdKind {
    /// Guesses the kind from a list's document-type label ("Passport", "Numéro de passeport",
    /// "National Identification Number", "Tazkira", ...).
    pub fn from_label(label: &str) -> IdKind {
        let l = label.to_lowercase();
        if l.contains("passport") || l.contains("passeport") || l.contains("pasaporte") {
            IdKind::Passport
        } else if l.contains("imo") {
            IdKind::Imo
        } else if l.contains("mmsi") {
            IdKind::Mmsi
        } else if l.contains("call sign") {
            IdKind::CallSign
        } else if l.contains("tax") || l.contains("inn") || l.contains("vat") {
            IdKind::TaxId
        } else if l.contains("registration") || l.contains("register") {
            IdKind::Registration
        } else if l.contains("national")
            || l.contains("identi")
            || l.contains("tazkira")
            || l.contains("id card")
            || l.contains("civil")
        {
            IdKind::NationalId
        } else {
            IdKind::Other
        }
    }
}

/// An identity document or registration number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identifier {
    /// What kind of number it is.
    pub kind: IdKind,
    /// The list's own label for the document type.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// The number as listed.
    pub number: String,
    /// Issuing country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<Country>,
    /// Date of issue, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<PartialDate>,
    /// Free text that came with the document (expiry, place of issue, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Identifier {
    /// The number reduced to upper-case letters and digits, for comparison.
    pub fn normalised(&self) -> String {
        normalise_id(&self.number)
    }
}

/// Reduces an identifier to upper-case ASCII letters and digits ("A-374 184" -> "A374184"),
/// without the label people write before ship numbers ("IMO 9187629" -> "9187629",
/// "MMSI 572469210" -> "572469210").
pub fn normalise_id(number: &str) -> String {
    let n: String = number
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    for (label, digits) in [("IMO", 7), ("MMSI", 9)] {
        if let Some(rest) = n.strip_prefix(label) {
            if rest.len() == digits && rest.bytes().all(|b| b.is_ascii_digit()) {
                return rest.to_string();
            }
        }
    }
    n
}

/// Whether a number is a valid IMO ship number (seven digits, the last a check digit).
pub fn is_imo_number(number: &str) -> bool {
    let n = normalise_id(number);
    let d: Vec<u32> = n.chars().filter_map(|c| c.to_digit(10)).collect();
    if n.len() != 7 || d.len() != 7 {
        return false;
    }
    let sum: u32 = d[..6].iter().zip((2..=7).rev()).map(|(a, w)| a * w).sum();
    sum % 10 == d[6]
}

/// A postal address or a place (used for places of birth too).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// Street and number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    /// City, town or village.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// State, province or district.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// Country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<Country>,
    /// Free text that came with the address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Address {
    /// True when no field is set.
    pub fn is_empty(&self) -> bool {
        self.street.is_none()
            && self.city.is_none()
            && self.region.is_none()
            && self.postal_code.is_none()
            && self.country.is_none()
            && self.note.is_none()
    }

    /// The address on one line, most specific part first.
    pub fn one_line(&self) -> String {
        [
            self.street.as_deref(),
            self.city.as_deref(),
            self.region.as_deref(),
            self.postal_code.as_deref(),
            self.country.as_ref().map(|c| c.text.as_str()),
        ]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
    }
}

/// What one entry is to another, as the lists say it (normalised from their wording).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    /// Belongs to or fights for a group.
    Member,
    /// Associated with, works with, supports or acts for.
    Associate,
    /// Leads, founded, commands or directs.
    Leader,
    /// A front, cover or alias organisation.
    Front,
    /// A successor, renamed form, splinter or branch.
    Successor,
    /// Owns or controls (with a share where the list gives one).
    Owner,
    /// A relative.
    Family,
    /// Linked, without saying how.
    #[default]
    Unknown,
}

impl LinkKind {
    /// The kind as written in output ("leader").
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Member => "member",
            LinkKind::Associate => "associate",
            LinkKind::Leader => "leader",
            LinkKind::Front => "front",
            LinkKind::Successor => "successor",
            LinkKind::Owner => "owner",
            LinkKind::Family => "family",
            LinkKind::Unknown => "unknown",
        }
    }

    /// Whether the relation reads the same from both ends (associates, relatives, unknown).
    pub fn is_symmetric(self) -> bool {
        matches!(
            self,
            LinkKind::Associate | LinkKind::Family | LinkKind::Unknown
        )
    }
}

/// Which way a link's kind reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkDirection {
    /// This entry is the kind's subject: it is the leader, owner, member, front or successor
    /// of the other.
    #[default]
    Outgoing,
    /// The other entry is the leader, owner, member, front or successor of this one.
    Incoming,
}

impl LinkDirection {
    /// The other way round.
    pub fn reversed(self) -> Self {
        match self {
            LinkDirection::Outgoing => LinkDirection::Incoming,
            LinkDirection::Incoming => LinkDirection::Outgoing,
        }
    }
}

/// A reference from one listed entry to another (for example a person's remarks naming the
/// group they lead, "Lashkar-e-Tayyiba (QDe.118)", or OFAC's "Linked To: ANSAR BANK").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// The other entry's reference (or FollowTheMoney id) on its list, when the list gives one
    /// (may be empty).
    pub reference: String,
    /// How the list words the relation ("linked to", "Owned or Controlled By", "leader of");
    /// "mentioned" when it only quotes the other entry.
    pub relation: String,
    /// The relation's kind, read from that wording.
    #[serde(default)]
    pub kind: LinkKind,
    /// Which way the kind reads.
    #[serde(default)]
    pub direction: LinkDirection,
    /// The other entry's name, when the list gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The other entry's list, when it is not this entry's own (the UK quoting a UN reference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<String>,
    /// The sentence or record the link was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_text: Option<String>,
    /// The share owned, in percent, for ownership where the list states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
}

/// Links compare as equal only to themselves: `share` is a finite percentage, never NaN (the
/// readers keep only shares between 0 and 100).
impl Eq for Link {}

/// This entry's reference on another list, as the list itself states it (the UK list quoting
/// "UN Ref QE.L.118.05" for Lashkar-e-Tayyiba). Used to show one target listed by several
/// authorities as one hit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ExternalRef {
    /// The other list ("un-sc").
    pub list: String,
    /// Its reference there, in that list's current scheme ("QDe.118").
    pub reference: String,
}

/// A fact about an entity that has no field of its own: vessel type and tonnage, aircraft
/// model, website, e-mail, legal form, a programme-specific note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Detail {
    /// What the value is, in the list's words ("Vessel Type", "Website").
    pub label: String,
    /// The value.
    pub value: String,
}

/// Where an entity came from: which list, which version, which record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// Short name of the list ("un-sc", "us-ofac-sdn", ...).
    pub list: String,
    /// Version of the list, usually its publication date.
    pub list_version: String,
    /// The list's own reference for the entry (UN reference number, OFAC ent_num, ...).
    pub reference: String,
    /// The record's identifier in the source file (UN DATAID, ...).
    pub record_id: String,
}

/// A person, organisation, vessel or aircraft on a sanctions list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable identifier, `list:record_id` (e.g. `un-sc:114076`).
    pub id: String,
    /// Person, Organization, ...
    pub schema: Schema,
    /// The name to show for the entity (its primary name).
    pub caption: String,
    /// Every name: primary, aliases, weak aliases, former and original-script names.
    pub names: Vec<Name>,
    /// Dates of birth (people) or of incorporation (organisations), in every listed shape.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub birth_dates: Vec<BirthDate>,
    /// Places of birth.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub birth_places: Vec<Address>,
    /// Nationalities or citizenships.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nationalities: Vec<Country>,
    /// Gender, if listed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// Other countries the list associates with the entity (jurisdiction, vessel flag, the
    /// country a regime targets).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<Country>,
    /// Identity documents and registration numbers (also IMO numbers, call signs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<Identifier>,
    /// Addresses and locations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Address>,
    /// Titles and honorifics (Mullah, Maulavi, Dr, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<String>,
    /// Positions and designations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub positions: Vec<String>,
    /// Sanctions programmes or regimes (UN "Al-Qaida", OFAC "SDGT", ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub programmes: Vec<String>,
    /// When the entry was first listed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listed_on: Option<PartialDate>,
    /// When the entry was amended.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub last_updated: Vec<PartialDate>,
    /// Free-text remarks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remarks: Vec<String>,
    /// References to other entries, on the same list or another.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// True for an entry the source carries only because it is linked to listed ones (an owner
    /// or a related company in FollowTheMoney data): not designated itself.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub related_only: bool,
    /// This entry's references on other lists, as stated by this list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub external_refs: Vec<ExternalRef>,
    /// Other facts in label/value form.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<Detail>,
    /// Which list, version and record this came from.
    pub provenance: Provenance,
}

impl Entity {
    /// An entity with only an id, schema, primary name and provenance; parsers fill in the rest.
    pub fn new(schema: Schema, primary_name: &str, provenance: Provenance) -> Self {
        Entity {
            id: format!("{}:{}", provenance.list, provenance.record_id),
            schema,
            caption: primary_name.to_string(),
            names: vec![Name::new(primary_name, NameKind::Primary)],
            birth_dates: Vec::new(),
            birth_places: Vec::new(),
            nationalities: Vec::new(),
            gender: None,
            countries: Vec::new(),
            identifiers: Vec::new(),
            addresses: Vec::new(),
            titles: Vec::new(),
            positions: Vec::new(),
            programmes: Vec::new(),
            listed_on: None,
            last_updated: Vec::new(),
            remarks: Vec::new(),
            links: Vec::new(),
            related_only: false,
            external_refs: Vec::new(),
            details: Vec::new(),
            provenance,
        }
    }

    /// Every country code associated with the entity: nationalities, countries of birth and of
    /// address, issuing countries of its documents, and other associated countries.
    pub fn country_codes(&self) -> Vec<CountryCode> {
        let mut out: Vec<CountryCode> = self.associated_country_codes().collect();
        out.sort();
        out.dedup();
        out
    }

    /// [`Entity::country_codes`] as they come, unsorted and possibly repeated, without
    /// collecting them.
    pub fn associated_country_codes(&self) -> impl Iterator<Item = CountryCode> + '_ {
        self.nationalities
            .iter()
            .filter_map(|c| c.code)
            .chain(
                self.birth_places
                    .iter()
                    .filter_map(|a| a.country.as_ref()?.code),
            )
            .chain(
                self.addresses
                    .iter()
                    .filter_map(|a| a.country.as_ref()?.code),
            )
            .chain(
                self.identifiers
                    .iter()
                    .filter_map(|i| i.country.as_ref()?.code),
            )
            .chain(self.countries.iter().filter_map(|c| c.code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_compatibility() {
        assert!(Schema::Person.can_match(Schema::Person));
        assert!(!Schema::Person.can_match(Schema::Organization));
        assert!(Schema::Organization.can_match(Schema::Company));
        assert!(Schema::LegalEntity.can_match(Schema::Person));
        assert!(!Schema::Vessel.can_match(Schema::Person));
    }

    #[test]
    fn schema_parse_names_the_choices() {
        assert_eq!("person".parse::<Schema>(), Ok(Schema::Person));
        assert_eq!("Organisation".parse::<Schema>(), Ok(Schema::Organization));
        let err = "planet".parse::<Schema>().unwrap_err();
        assert!(err.contains("'planet'") && err.contains("Person"), "{err}");
    }

    #[test]
    fn id_kinds_from_list_labels() {
        assert_eq!(IdKind::from_label("Passport"), IdKind::Passport);
        assert_eq!(IdKind::from_label("Numéro de passeport "), IdKind::Passport);
        assert_eq!(
            IdKind::from_label("National Identification\n    Number"),
            IdKind::NationalId
        );
        assert_eq!(
            IdKind::from_label("Afghan national identification card (tazkira) number"),
            IdKind::NationalId
        );
        assert_eq!(normalise_id("A-374 184"), "A374184");
        assert_eq!(normalise_id("IMO 9187629"), "9187629");
        assert_eq!(normalise_id("imo9187629"), "9187629");
        assert_eq!(normalise_id("MMSI 572469210"), "572469210");
        assert_eq!(normalise_id("IMO 123"), "IMO123");
        assert!(is_imo_number("IMO 9187629"));
        assert!(!is_imo_number("9187628"));
        assert!(!is_imo_number("A918762"));
    }
}
