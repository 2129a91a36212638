//! Query-string parameters, which may repeat (`include_dataset=a&include_dataset=b`).

use crate::error::ApiError;

/// The parameters of one request, in order.
#[derive(Debug, Default, Clone)]
pub struct Params(Vec<(String, String)>);

impl Params {
    /// Parses a raw query string (`None` when the request has none).
    pub fn parse(raw: Option<&str>) -> Self {
        Params(
            raw.map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
                .unwrap_or_default(),
        )
    }

    /// These parameters with `extra` after them.
    pub fn with(&self, extra: &[(String, String)]) -> Params {
        let mut all = self.0.clone();
        all.extend(extra.iter().cloned());
        Params(all)
    }

    /// The last value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of `name`.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// A number parameter within `range`, or `default` when absent.
    pub fn number<T>(
        &self,
        name: &str,
        default: T,
        range: std::ops::RangeInclusive<T>,
    ) -> Result<T, ApiError>
    where
        T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy,
    {
        match self.get(name) {
            None | Some("") => Ok(default),
            Some(v) => match v.parse::<T>() {
                Ok(n) if range.contains(&n) => Ok(n),
                _ => Err(ApiError::invalid_param(
                    name,
                    format!(
                        "'{v}' is not a number from {} to {}",
                        range.start(),
                        range.end()
                    ),
                )),
            },
        }
    }

    /// Refuses a parameter not in `known`, naming it: interdict's own endpoints never drop a
    /// misspelt option silently (`treshold`). `body` names the options the endpoint takes in its
    /// body instead, for the message.
    pub fn only(&self, known: &[&str], body: &[&str]) -> Result<(), ApiError> {
        let Some((unknown, _)) = self.0.iter().find(|(k, _)| !known.contains(&k.as_str())) else {
            return Ok(());
        };
        let takes = match (known.is_empty(), body.is_empty()) {
            (true, true) => "this endpoint takes no options".to_string(),
            (true, false) => format!(
                "this endpoint takes its options in the body: {}",
                body.join(", ")
            ),
            (false, _) => format!("known: {}", known.join(", ")),
        };
        Err(ApiError::invalid(format!(
            "unknown query parameter '{unknown}' ({takes})"
        )))
    }

    /// A true/false parameter, read as yente (pydantic) reads booleans: `true`, `1`, `yes`,
    /// `on`, `t`, `y` and their opposites, in any case (Python clients send `True`); `None`
    /// when absent.
    pub fn boolean(&self, name: &str) -> Result<Option<bool>, ApiError> {
        let Some(v) = self.get(name) else {
            return Ok(None);
        };
        match v.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" | "t" | "y" => Ok(Some(true)),
            "false" | "0" | "no" | "off" | "f" | "n" => Ok(Some(false)),
            _ => Err(ApiError::invalid_param(
                name,
                format!("'{v}' is not a boolean (true or false)"),
            )),
        }
    }
}
