//! Timestamps for records, in UTC, without a date library.

use interdict_model::{day_number, iso_timestamp};
use std::time::{SystemTime, UNIX_EPOCH};

/// Now, as `YYYY-MM-DDTHH:MM:SSZ`.
pub(crate) fn now_utc() -> String {
    iso_timestamp(now_secs())
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Whole days from a `YYYY-MM-DD...` date to now; `None` if the text is not a date.
pub(crate) fn age_in_days(date: &str) -> Option<i64> {
    Some(now_secs() as i64 / 86_400 - day_number(date)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages() {
        let today = &now_utc()[..10];
        assert_eq!(age_in_days(today), Some(0));
        assert_eq!(age_in_days("not a date"), None);
    }
}
