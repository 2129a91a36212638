//! Dates as the lists write them in free text. The readers are shared with customer files and
//! live in `interdict_model::written`.

pub(crate) use interdict_model::written::{
    parse_birth_dates, parse_date, split_enumeration, Order,
};
