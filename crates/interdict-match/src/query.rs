//! What is screened: a name and whatever else is known about the party.

use interdict_model::{BirthDate, CountryCode, Gender, PartialDate, Schema};
use interdict_names::{organisation_term, rewrite, tokenize, Token, TokenClass};

/// A party to screen.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Query {
    /// The full name, in any script and order.
    pub name: String,
    /// What kind of party it is, if known; `None` matches every kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<Schema>,
    /// Dates of birth (or incorporation): possibly partial, approximate or a range of years.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub birth_dates: Vec<BirthDate>,
    /// Nationalities or countries of residence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<CountryCode>,
    /// Passport, national ID or registration numbers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<String>,
    /// Gender, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
}

impl Query {
    /// A query with only a name.
    pub fn name(name: impl Into<String>) -> Self {
        Query {
            name: name.into(),
            ..Query::default()
        }
    }

    /// Adds a date of birth known to the day, month or year.
    pub fn born_on(&mut self, date: PartialDate) {
        self.birth_dates.push(BirthDate::on(date));
    }

    /// Whether the name is compared as an organisation name: the schema says so, or, when no
    /// schema is given or it is `LegalEntity` (a person or an organisation), the name carries a
    /// legal form ("Ltd", "LLC", "OOO"). A word that is also a particle or kinship word in
    /// people's names ("ag" in "Iyad ag Ghali") is no sign.
    pub fn is_organization(&self) -> bool {
        self.schema_says_organization()
            .unwrap_or_else(|| has_legal_form(&rewrite(&self.name, tokenize(&self.name))))
    }

    /// [`Query::is_organization`] with the name already split into `tokens` (rewritten), which
    /// a search prepares anyway.
    pub(crate) fn is_organization_by(&self, tokens: &[Token]) -> bool {
        self.schema_says_organization()
            .unwrap_or_else(|| has_legal_form(tokens))
    }

    /// Whether the schema says the name is an organisation's; `None` without a schema or with
    /// `LegalEntity`, which leaves it to the name.
    fn schema_says_organization(&self) -> Option<bool> {
        self.schema
            .filter(|&s| s != Schema::LegalEntity)
            .map(|s| s.is_organization())
    }
}

/// Whether a name's tokens hold a legal form that is not also a particle or kinship word of
/// people's names.
fn has_legal_form(tokens: &[Token]) -> bool {
    tokens.iter().any(|t| {
        let class = organisation_term(&t.text).map_or(t.class, TokenClass::of);
        let in_people = matches!(t.class, TokenClass::Kinship | TokenClass::Particle);
        class == TokenClass::LegalForm && t.text.len() > 1 && !in_people
    })
}
