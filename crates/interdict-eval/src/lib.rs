//! Measuring screening quality. [`metrics`] turns the outcome of screening a labelled file (rows
//! with the reference they should find, or none) into recall, false-positive rate and precision
//! at each threshold, with the misses and false alarms to look at. [`sets`] builds labelled sets
//! from the real lists and name resources, using the name [`variants`] people and systems
//! produce; `make-evalsets` writes them out. [`document`] writes synthetic documents with listed
//! names planted in them, for measuring `interdict scan` (`make-document`).

pub mod document;
pub mod metrics;
pub mod rng;
pub mod scaled;
pub mod sets;
pub mod variants;
