//! CSV and tab-separated lists with a header: rows read up front, cells looked up by column name,
//! every error naming the file and line. A row is kept at the header's width, so that a damaged
//! or hostile row (thousands of empty fields) costs no more than a good one.

use crate::error::{Error, Result, Warning};
use std::collections::HashMap;

/// A delimited file with a header row.
pub(crate) struct Table {
    path: String,
    headers: Vec<String>,
    column: HashMap<String, usize>,
    rows: Vec<(usize, csv::StringRecord)>,
    header_line: usize,
    warnings: Vec<Warning>,
}

/// Fields a row may have beyond the header's before it is taken for damage and skipped.
const SLACK: usize = 8;

/// One data row.
pub(crate) struct Row<'a> {
    /// 1-based line in the file.
    pub line: usize,
    table: &'a Table,
    record: &'a csv::StringRecord,
}

impl Table {
    /// Reads `text`, whose header is on line `header_line` of the file (1 unless a line such as
    /// the UK list's "Last Updated" comes first).
    pub(crate) fn read(path: &str, text: &str, delimiter: u8, header_line: usize) -> Result<Table> {
        let malformed = |line: usize, message: String| Error::Malformed {
            path: path.to_string(),
            line,
            column: 1,
            message,
        };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| malformed(header_line, format!("unreadable header: {e}")))?
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
            .collect();
        let column = headers
            .iter()
            .enumerate()
            .map(|(i, h)| (h.clone(), i))
            .collect();
        let offset = header_line - 1;
        let mut rows = Vec::new();
        let mut warnings = Vec::new();
        let mut record = csv::StringRecord::new();
        loop {
            match reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    return Err(malformed(
                        e.position().map_or(0, |p| p.line() as usize + offset),
                        format!("not a readable row: {e}"),
                    ))
                }
            }
            let line = record.position().map_or(0, |p| p.line() as usize + offset);
            if record.len() > headers.len() + SLACK {
                warnings.push(Warning {
                    line,
                    message: format!(
                        "row has {} fields where the header has {}; skipped as damaged",
                        record.len(),
                        headers.len()
                    ),
                });
                continue;
            }
            // A copy as wide as the row, not as the widest row read so far.
            rows.push((line, record.iter().take(headers.len()).collect()));
        }
        Ok(Table {
            path: path.to_string(),
            headers,
            column,
            rows,
            header_line,
            warnings,
        })
    }

    /// Rows skipped as damaged, with their lines.
    pub(crate) fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// Fails unless every named column is in the header.
    pub(crate) fn require(&self, names: &[&str]) -> Result<()> {
        match names.iter().find(|n| !self.column.contains_key(**n)) {
            None => Ok(()),
            Some(missing) => Err(Error::Malformed {
                path: self.path.clone(),
                line: self.header_line,
                column: 1,
                message: format!(
                    "header has no '{missing}' column (found: {})",
                    self.headers.join(", ")
                ),
            }),
        }
    }

    /// The data rows in file order.
    pub(crate) fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().map(move |(line, record)| Row {
            line: *line,
            table: self,
            record,
        })
    }
}

impl<'a> Row<'a> {
    /// The cell of a column, trimmed; `None` when the column is missing or the cell blank.
    pub(crate) fn get(&self, name: &str) -> Option<&'a str> {
        self.table
            .column
            .get(name)
            .and_then(|&i| self.record.get(i))
            .map(str::trim)
            .filter(|v| !v.is_empty())
    }

    /// The cell as an owned string.
    pub(crate) fn text(&self, name: &str) -> Option<String> {
        self.get(name).map(str::to_string)
    }

    /// The cell split on `separator`, parts trimmed, blanks dropped.
    pub(crate) fn multi(&self, name: &str, separator: &str) -> Vec<String> {
        self.get(name)
            .map(|v| {
                v.split(separator)
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_lines() {
        let t = Table::read("f.csv", "a,b\n1, x \n2,\n", b',', 2).unwrap();
        let rows: Vec<(usize, Option<&str>, Option<&str>)> =
            t.rows().map(|r| (r.line, r.get("a"), r.get("b"))).collect();
        assert_eq!(rows, [(3, Some("1"), Some("x")), (4, Some("2"), None)]);
        let err = t.require(&["a", "c"]).unwrap_err().to_string();
        assert_eq!(err, "f.csv:2:1: header has no 'c' column (found: a, b)");
    }
}
