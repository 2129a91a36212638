//! Customers given as Arrow record batches (from Python, pandas, Polars or Spark): every column
//! that holds text, numbers or dates read as a Parquet file's would be, the columns recognised
//! by their names (or `--column`-style choices), each row made into a query like a file's.

use crate::columns::{assign, require_name};
use crate::parquet::{column_texts, TextColumns};
use crate::reader::InputOptions;
use crate::row::{build_row, CellRules, InputRow, Seen};
use crate::Error;
use arrow_array::RecordBatch;

/// The rows of one record batch, numbered from `first_row`; `display` names the input in
/// errors. Also gives the notes on its columns (left out, or two that look alike).
pub fn batch_rows(
    batch: &RecordBatch,
    options: &InputOptions,
    first_row: usize,
    display: &str,
) -> Result<(Vec<InputRow>, Vec<String>), Error> {
    let columns = TextColumns::of(&batch.schema());
    let mut notes = Vec::new();
    let roles = assign(display, &columns.headers, &options.columns, &mut notes)?;
    require_name(display, &columns.headers, &roles)?;
    if !columns.skipped.is_empty() {
        notes.push(format!(
            "{display}: columns without text left out: {}",
            columns.skipped.join(", ")
        ));
    }
    let mut cells = column_texts(batch, &columns.positions, display)?;
    let rules = CellRules {
        date_order: options.date_order,
    };
    let mut seen = Seen::default();
    let rows = (0..batch.num_rows())
        .map(|r| {
            let row: Vec<(String, String)> = columns
                .headers
                .iter()
                .zip(cells.iter_mut())
                .map(|(h, c)| (h.clone(), std::mem::take(&mut c[r])))
                .collect();
            build_row(first_row + r, row, &roles, rules, &mut seen)
        })
        .collect();
    Ok((rows, notes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::{Array, Int32Array, StringArray};
    use std::sync::Arc;

    fn batch(columns: Vec<(&str, Arc<dyn Array>)>) -> RecordBatch {
        RecordBatch::try_from_iter(columns).unwrap()
    }

    #[test]
    fn columns_are_recognised_by_name_and_cells_become_queries() {
        let b = batch(vec![
            (
                "Customer Name",
                Arc::new(StringArray::from(vec![Some("Ali Khan"), None])),
            ),
            ("DOB", Arc::new(StringArray::from(vec!["1970-02-03", ""]))),
            ("Country", Arc::new(StringArray::from(vec!["pk", "zz"]))),
            ("customer_id", Arc::new(Int32Array::from(vec![7, 8]))),
        ]);
        let (rows, _) = batch_rows(&b, &InputOptions::default(), 10, "batch").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].row, 10);
        assert_eq!(rows[0].query.name, "Ali Khan");
        assert_eq!(rows[0].id.as_deref(), Some("7"));
        assert!(rows[0].warnings.is_empty(), "{:?}", rows[0].warnings);
        // No name: not screened, and said so.
        assert!(rows[1].error.is_some());
    }

    #[test]
    fn a_batch_without_a_name_column_is_refused_naming_its_columns() {
        let b = batch(vec![("dob", Arc::new(StringArray::from(vec!["1970"])))]);
        let e = batch_rows(&b, &InputOptions::default(), 0, "batch").unwrap_err();
        assert!(e.to_string().contains("dob"), "{e}");
    }
}
