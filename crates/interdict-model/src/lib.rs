//! The entity model shared by every part of interdict.
//!
//! A sanctions list, whatever its format, becomes a stream of [`Entity`] values: a person,
//! organisation, vessel or aircraft with its names, dates and places of birth, nationalities,
//! identity documents, addresses, programmes and the provenance of the record. This crate does
//! no I/O; parsers live in `interdict-lists`, matching in `interdict-match`.

pub mod country;
pub mod date;
pub mod entity;
pub mod written;

pub use country::{Country, CountryCode};
pub use date::{
    civil_from_days, day_number, days_from_civil, iso_timestamp, BirthDate, DateError, DateValue,
    PartialDate,
};
pub use entity::{
    Address, Detail, Entity, ExternalRef, Gender, IdKind, Identifier, Link, LinkDirection,
    LinkKind, Name, NameKind, NamePart, PartRole, Provenance, Schema,
};
