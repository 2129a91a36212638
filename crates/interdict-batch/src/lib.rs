//! Rows screened in bulk, as columns: each input row with its best result, how many results
//! are matches, its warnings, and every result as JSON. One Arrow shape serves the Parquet
//! output of `interdict screen`, the Python package's record batches and Spark's `mapInArrow`.
//!
//! ```text
//! InputRow + hits ─► out_row ─► OutRow ─► record_batch (schema: row, input cells, match,
//!                                          score, ref ... matched_name, matches, warnings,
//!                                          results)
//! ```

use arrow_array::{
    ArrayRef, BooleanArray, Float64Array, RecordBatch, StringArray, UInt32Array, UInt64Array,
};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use interdict_input::InputRow;
use interdict_match::report::ResultJson;
use interdict_match::Hit;
use std::sync::Arc;

/// One output row: the input row, its best result and all results as JSON.
pub struct OutRow {
    /// Input row number.
    pub row: u64,
    /// The input's cells (or id and name for inputs without fixed columns).
    pub cells: Vec<String>,
    /// The best result; `None` without results.
    pub best: Option<Best>,
    /// How many results are matches.
    pub matches: u32,
    /// The row's error and warnings, joined.
    pub warnings: String,
    /// Every result as a JSON array.
    pub results: String,
}

/// The best result of an output row.
pub struct Best {
    /// Whether it is a match.
    pub is_match: bool,
    /// Its score.
    pub score: f64,
    /// Reference, list, list version, entity id, caption, matched name.
    pub texts: [String; 6],
}

/// Columns of the best result's texts, shared with the CSV output.
pub const BEST_TEXTS: [&str; 6] = [
    "ref",
    "list",
    "list_version",
    "entity_id",
    "caption",
    "matched_name",
];

/// The input columns repeated for inputs without fixed columns (JSON Lines, Python objects).
pub const ID_AND_NAME: [&str; 2] = ["id", "name"];

/// A row's warnings (and its error, first) as one cell.
pub fn warnings_cell(row: &InputRow) -> String {
    row.error
        .iter()
        .map(|e| format!("error: {e}"))
        .chain(row.warnings.iter().cloned())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The input's own cells repeated in the output: every column of inputs that have fixed
/// columns, else the row's id and name.
pub fn input_cells(row: &InputRow, fixed_columns: bool) -> Vec<String> {
    match fixed_columns {
        true => row.fields.iter().map(|(_, v)| v.clone()).collect(),
        false => vec![row.id.clone().unwrap_or_default(), row.query.name.clone()],
    }
}

/// The best result's texts, in the order of [`BEST_TEXTS`].
pub fn best_texts(r: &ResultJson) -> [String; 6] {
    [
        r.reference,
        r.list,
        r.list_version,
        r.entity_id,
        r.caption,
        r.matched_name,
    ]
    .map(str::to_string)
}

/// The output row of one screened input row.
pub fn out_row(row: &InputRow, fixed_columns: bool, hits: &[Hit<'_>]) -> OutRow {
    let results: Vec<ResultJson> = hits.iter().map(ResultJson::new).collect();
    OutRow {
        row: row.row as u64,
        cells: input_cells(row, fixed_columns),
        best: results.first().map(|r| Best {
            is_match: r.is_match,
            score: r.score,
            texts: best_texts(r),
        }),
        matches: results.iter().filter(|r| r.is_match).count() as u32,
        warnings: warnings_cell(row),
        results: serde_json::to_string(&results).unwrap_or_default(),
    }
}

/// The schema of output rows whose input columns are `columns`.
pub fn schema(columns: &[String]) -> SchemaRef {
    let mut fields = vec![Field::new("row", DataType::UInt64, false)];
    fields.extend(columns.iter().map(|c| Field::new(c, DataType::Utf8, true)));
    fields.push(Field::new("match", DataType::Boolean, false));
    fields.push(Field::new("score", DataType::Float64, true));
    fields.extend(
        BEST_TEXTS
            .iter()
            .map(|c| Field::new(*c, DataType::Utf8, true)),
    );
    fields.push(Field::new("matches", DataType::UInt32, false));
    fields.push(Field::new("warnings", DataType::Utf8, false));
    fields.push(Field::new("results", DataType::Utf8, false));
    Arc::new(Schema::new(fields))
}

/// Output rows as one record batch of `schema` (made by [`schema`] for rows of as many input
/// cells as it has input columns).
pub fn record_batch(schema: &SchemaRef, rows: &[OutRow]) -> Result<RecordBatch, ArrowError> {
    let width = schema.fields().len() - 6 - BEST_TEXTS.len();
    let text = |f: &dyn Fn(&OutRow) -> Option<&str>| -> ArrayRef {
        Arc::new(rows.iter().map(f).collect::<StringArray>())
    };
    let mut columns: Vec<ArrayRef> = vec![Arc::new(
        rows.iter().map(|r| r.row).collect::<UInt64Array>(),
    )];
    for c in 0..width {
        columns.push(text(&|r| r.cells.get(c).map(String::as_str)));
    }
    columns.push(Arc::new(
        rows.iter()
            .map(|r| Some(r.best.as_ref().is_some_and(|b| b.is_match)))
            .collect::<BooleanArray>(),
    ));
    columns.push(Arc::new(
        rows.iter()
            .map(|r| r.best.as_ref().map(|b| b.score))
            .collect::<Float64Array>(),
    ));
    for t in 0..BEST_TEXTS.len() {
        columns.push(text(&|r| r.best.as_ref().map(|b| b.texts[t].as_str())));
    }
    columns.push(Arc::new(
        rows.iter().map(|r| r.matches).collect::<UInt32Array>(),
    ));
    columns.push(text(&|r| Some(r.warnings.as_str())));
    columns.push(text(&|r| Some(r.results.as_str())));
    RecordBatch::try_new(schema.clone(), columns)
}
