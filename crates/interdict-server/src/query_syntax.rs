//! `q` of `/search` read as yente reads it: Lucene's query string syntax (`simple=false`, the
//! default) or the lenient simple syntax (`simple=true`). Words and "quoted phrases" are the
//! name searched; `-word`, `!word` and `NOT word` leave out entities with that word in a name;
//! `field:value` filters (`schema:Person`, `countries:pk`, `topics:crime.terror`,
//! `datasets:gb_hmt_sanctions`, any other property as `filter=` does); `AND`, `OR`, `+`,
//! parentheses, boosts (`^2`), fuzziness (`~1`) and wildcards are accepted and read as the
//! fuzzy name search always reads names. A query Lucene cannot parse (an unclosed quote,
//! bracket or `/regular expression/`, an operator with nothing beside it) is a 400 naming the
//! problem, as yente answers it; the simple syntax never fails.

use crate::error::ApiError;

/// What a search query asks for.
#[derive(Debug, Default, PartialEq)]
pub struct SearchText {
    /// The name to search for (words and phrases).
    pub text: String,
    /// Words that must not be in an entity's names.
    pub excluded: Vec<String>,
    /// Filters as query parameters (`schema`, `countries`, `topics`, `datasets`, `filter`).
    pub filters: Vec<(String, String)>,
}

/// Reads `q`; `simple` for the lenient syntax.
pub fn parse(q: &str, simple: bool) -> Result<SearchText, ApiError> {
    let mut reader = Reader {
        chars: q.chars().collect(),
        at: 0,
        simple,
        out: SearchText::default(),
        negate: false,
        operator: None,
        terms: 0,
    };
    reader.read()?;
    Ok(reader.out)
}

/// The state of reading one query.
struct Reader {
    chars: Vec<char>,
    at: usize,
    simple: bool,
    out: SearchText,
    /// The next term is negated.
    negate: bool,
    /// An operator waiting for its right-hand term.
    operator: Option<String>,
    /// Terms read so far.
    terms: usize,
}

impl Reader {
    fn fail(&self, what: String) -> Result<(), ApiError> {
        if self.simple {
            Ok(())
        } else {
            Err(ApiError::bad_request(format!(
                "q: cannot read the query at character {}: {what} (escape special characters with \\, or pass simple=true)",
                self.at + 1
            )))
        }
    }

    fn read(&mut self) -> Result<(), ApiError> {
        let mut depth = 0usize;
        while let Some(&c) = self.chars.get(self.at) {
            match c {
                c if c.is_whitespace() => self.at += 1,
                '(' => {
                    depth += 1;
                    self.at += 1;
                }
                ')' => {
                    if depth == 0 {
                        self.fail("a ')' without its '('".into())?;
                    }
                    depth = depth.saturating_sub(1);
                    self.at += 1;
                }
                '"' => {
                    let phrase = self.delimited('"')?;
                    self.term(phrase);
                }
                '/' if !self.simple => {
                    let pattern = self.delimited('/')?;
                    self.term(pattern.replace(['.', '*', '?', '+'], " "));
                }
                '-' | '!' => {
                    self.negate = true;
                    self.at += 1;
                }
                '+' | '|' => self.at += 1,
                _ => self.word()?,
            }
        }
        if depth > 0 {
            self.fail(format!("{depth} '(' not closed"))?;
        }
        if let Some(op) = self.operator.take() {
            self.fail(format!("'{op}' at the end, with nothing after it"))?;
        }
        Ok(())
    }

    /// Text up to the closing `end` (the rest of the query if it is missing, in the simple
    /// syntax).
    fn delimited(&mut self, end: char) -> Result<String, ApiError> {
        let start = self.at;
        let close = (start + 1..self.chars.len())
            .find(|&i| self.chars[i] == end && self.chars[i - 1] != '\\');
        match close {
            Some(i) => {
                self.at = i + 1;
                Ok(self.chars[start + 1..i].iter().collect())
            }
            None => {
                self.fail(format!("a '{end}' not closed"))?;
                self.at = self.chars.len();
                Ok(self.chars[start + 1..].iter().collect())
            }
        }
    }

    /// A bare word: an operator, a `field:value` filter or a term.
    fn word(&mut self) -> Result<(), ApiError> {
        let mut w = String::new();
        while let Some(&c) = self.chars.get(self.at) {
            if c.is_whitespace() || "()\"".contains(c) || (c == '/' && !self.simple) {
                break;
            }
            self.at += 1;
            if c == '\\' {
                if let Some(&next) = self.chars.get(self.at) {
                    w.push(next);
                    self.at += 1;
                }
                continue;
            }
            w.push(c);
        }
        match w.as_str() {
            "AND" | "OR" | "&&" | "||" if !self.simple => {
                if self.terms == 0 || self.operator.is_some() {
                    self.fail(format!("'{w}' needs a term before it"))?;
                }
                self.operator = Some(w);
                return Ok(());
            }
            "NOT" if !self.simple => {
                self.negate = true;
                return Ok(());
            }
            _ => {}
        }
        let w = strip_modifiers(&w);
        match w.split_once(':') {
            Some((field, value)) if !self.simple && is_field(field) => {
                if value.is_empty() {
                    return self.fail(format!("'{field}:' has no value"));
                }
                self.filter(field, value);
                self.operator = None;
                self.terms += 1;
            }
            _ => self.term(w),
        }
        Ok(())
    }

    fn term(&mut self, text: String) {
        self.operator = None;
        self.terms += 1;
        let negate = std::mem::take(&mut self.negate);
        let text = text.trim().to_string();
        if text.is_empty() {
            return;
        }
        if negate {
            self.out
                .excluded
                .extend(text.split_whitespace().map(str::to_lowercase));
        } else {
            if !self.out.text.is_empty() {
                self.out.text.push(' ');
            }
            self.out.text.push_str(&text);
        }
    }

    fn filter(&mut self, field: &str, value: &str) {
        let field = field.strip_prefix("properties.").unwrap_or(field);
        let (key, value) = match field {
            "schema" | "schemata" => ("schema", value.to_string()),
            "countries" | "country" => ("countries", value.to_string()),
            "topics" | "topic" => ("topics", value.to_string()),
            "datasets" | "dataset" => ("datasets", value.to_string()),
            other => ("filter", format!("{other}:{value}")),
        };
        self.negate = false;
        self.out.filters.push((key.to_string(), value));
    }
}

/// A field name: letters, digits, dots and underscores, starting with a letter.
fn is_field(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
}

/// A word without Lucene's boost (`^2`), fuzziness (`~1`) and wildcards (`*`, `?`).
fn strip_modifiers(word: &str) -> String {
    let base = word.split(['^', '~']).next().unwrap_or(word);
    base.replace(['*', '?'], "")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(q: &str) -> String {
        parse(q, false).unwrap().text
    }

    #[test]
    fn words_phrases_and_operators_make_the_name() {
        assert_eq!(text("hafiz saeed"), "hafiz saeed");
        assert_eq!(
            text("\"hafiz muhammad\" AND saeed~1"),
            "hafiz muhammad saeed"
        );
        assert_eq!(
            text("+(lashkar OR lashkar-e) tayy*"),
            "lashkar lashkar-e tayy"
        );
        assert_eq!(text(r"al\/qaida"), "al/qaida");
    }

    #[test]
    fn negations_and_fields_become_exclusions_and_filters() {
        let q = parse(
            "saeed -hafiz NOT sahib countries:pk schema:Person birthDate:1950",
            false,
        )
        .unwrap();
        assert_eq!(q.text, "saeed");
        assert_eq!(q.excluded, ["hafiz", "sahib"]);
        assert_eq!(
            q.filters,
            [
                ("countries".to_string(), "pk".to_string()),
                ("schema".to_string(), "Person".to_string()),
                ("filter".to_string(), "birthDate:1950".to_string()),
            ]
        );
    }

    #[test]
    fn what_lucene_cannot_parse_is_refused_unless_simple() {
        for q in [
            "invalid/query",
            "\"open",
            "(a b",
            "a b)",
            "a AND",
            "OR a",
            "schema:",
        ] {
            let e = parse(q, false).unwrap_err();
            assert_eq!(e.status, axum::http::StatusCode::BAD_REQUEST, "{q}");
            assert!(e.detail.contains("simple=true"), "{q}: {}", e.detail);
            assert!(parse(q, true).is_ok(), "{q}");
        }
        assert_eq!(parse("invalid/query", true).unwrap().text, "invalid/query");
    }

    #[test]
    fn any_input_is_read_or_refused_without_panicking() {
        for q in [
            "\\",
            "/",
            "\"",
            "-",
            "NOT",
            "a:b:c",
            "((((",
            "é/ü\"ß",
            "~^*?",
            "\\\"x\"",
        ] {
            let _ = parse(q, false);
            let _ = parse(q, true);
        }
    }
}
