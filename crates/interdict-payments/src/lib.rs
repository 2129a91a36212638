//! Payment messages read field by field, and screened: ISO 20022 (`pacs.008` customer credit
//! transfers, `pacs.009` bank transfers with the underlying customer transfer of a COV,
//! `pacs.004` returns, `pain.001` initiations, with the `head.001` business application header)
//! and SWIFT MT (103, 202, 202 COV).
//!
//! ```text
//! file / folder / JSON Lines ─► read.rs (one message at a time; a bad one is an error naming
//!                                it, the rest still read; split.rs cuts large XML files into
//!                                their messages as they stream in)
//!     XML ─► iso.rs ─┐
//!     MT  ─► mt.rs  ─┴► Message: parties (names, countries, identifiers), agents (BICs,
//!                        names), free text, each with its element path or MT field tag
//!                     ─► screen.rs: names searched in the lists' index, BICs and identifiers
//!                        looked up, countries against country programmes (countries.rs),
//!                        free text scanned like a document ─► hits, and pass or hold
//! ```
//!
//! This crate reads messages and asks the lists' index; the scores are `interdict-match`'s.

#![deny(unsafe_code)]

mod countries;
mod iso;
mod mt;
mod read;
mod screen;
mod split;

pub use countries::{country_programme, CountryProgramme};
pub use read::{read_bytes, read_path, Messages, MAX_FILE_BYTES, WHOLE_FILE_BYTES};
pub use screen::{screen, Hit, Screened, ScreeningOptions};

use serde::Serialize;

/// A payment message as read: what it is, its ids, and every screenable field.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Message {
    /// Where it came from (the file, with its position when the file holds several).
    pub source: String,
    /// `pacs.008.001.08`, `pain.001.001.09`, `MT103`, `MT202COV`, ...
    pub format: String,
    /// The message's own id (`GrpHdr/MsgId`, `AppHdr/BizMsgIdr`, MT field 20).
    pub message_id: Option<String>,
    /// The ids of its transactions (end-to-end ids, UETRs, return ids), in order.
    pub transaction_ids: Vec<String>,
    /// What can be screened, in document order.
    pub fields: Vec<Field>,
}

/// One screenable piece of a message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// The field as analysts name it: `Cdtr/Nm`, `CdtrAgt/FinInstnId/BICFI`, `RmtInf/Ustrd`,
    /// or an MT tag (`59F`, `70`).
    pub field: String,
    /// Where exactly: the ISO element path from the message's root, with positions of
    /// repeated elements (`CdtTrfTxInf[2]/Cdtr/Nm`), or the MT block and tag (`4:59F`).
    pub path: String,
    /// The text as written.
    pub text: String,
    /// What it holds.
    pub kind: FieldKind,
}

/// What a field holds, and what is known beside it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum FieldKind {
    /// A party's or an agent's name.
    Name {
        /// `debtor`, `creditor`, `ultimate_debtor`, `ultimate_creditor`, `initiating_party`,
        /// `debtor_agent`, ..., `ordering_customer`, `beneficiary`.
        role: String,
        /// Whether the message says it is an organisation (`OrgId`, an agent) or a person
        /// (`PrvtId`); `None` when it does not say.
        organisation: Option<bool>,
        /// Countries given for the party (address, residence).
        countries: Vec<String>,
        /// Identifiers given for the party (national ids, passports, registration numbers).
        identifiers: Vec<String>,
        /// Its date of birth, when given.
        birth_date: Option<String>,
    },
    /// A BIC (of an agent, or a party's `AnyBIC`).
    Bic,
    /// A legal entity identifier.
    Lei,
    /// Another identifier of a party (`Othr/Id`).
    Identifier,
    /// A country code (of an address, residence or birth).
    Country,
    /// Free text: remittance information, instructions, MT 70/72.
    FreeText,
}

/// Why one message (or a whole input) could not be read; the message names it and the element,
/// field or line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Error(pub String);
