//! Parquet output for batch screening: results written a row group at a time, so that memory
//! stays bounded. (Parquet input is read by `interdict-input`.)

use anyhow::{bail, Context, Result};
use arrow_array::{
    ArrayRef, BooleanArray, Float64Array, RecordBatch, StringArray, UInt32Array, UInt64Array,
};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use std::io::Write;
use std::sync::Arc;

/// One output row of a batch run, in the shape of the CSV output: the input row, its best
/// result and all results as JSON.
pub struct OutRow {
    /// Input row number.
    pub row: u64,
    /// The input's cells (or id and name for inputs without fixed columns).
    pub cells: Vec<String>,
    /// The best result: match, score, reference, list, version, entity id, caption, matched
    /// name; `None` without results.
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
    pub is_match: bool,
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

/// Writes output rows to a Parquet file, compressed with zstd.
pub struct ParquetOut<W: Write + Send> {
    writer: ArrowWriter<W>,
    schema: Arc<Schema>,
    width: usize,
}

impl<W: Write + Send> ParquetOut<W> {
    /// Starts a file whose input columns are `columns`.
    pub fn new(out: W, columns: &[String]) -> Result<Self> {
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
        let schema = Arc::new(Schema::new(fields));
        // Row groups end at 64k rows or 64 MB, whichever comes first, so that memory stays
        // bounded however many rows are written.
        let properties = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::default()))
            .set_max_row_group_row_count(Some(65_536))
            .set_max_row_group_bytes(Some(64 << 20))
            .build();
        let writer = ArrowWriter::try_new(out, schema.clone(), Some(properties))
            .context("cannot start the Parquet output")?;
        Ok(ParquetOut {
            writer,
            schema,
            width: columns.len(),
        })
    }

    /// Writes rows (as one record batch).
    pub fn write(&mut self, rows: &[OutRow]) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let text = |f: &dyn Fn(&OutRow) -> Option<&str>| -> ArrayRef {
            Arc::new(rows.iter().map(f).collect::<StringArray>())
        };
        let mut columns: Vec<ArrayRef> = vec![Arc::new(
            rows.iter().map(|r| r.row).collect::<UInt64Array>(),
        )];
        for c in 0..self.width {
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
        let batch = RecordBatch::try_new(self.schema.clone(), columns)
            .context("cannot assemble Parquet output rows")?;
        self.writer
            .write(&batch)
            .context("cannot write Parquet output")
    }

    /// Writes the footer and gives back the output.
    pub fn finish(self) -> Result<W> {
        self.writer
            .into_inner()
            .context("cannot finish the Parquet output")
    }
}

/// Refuses to write binary Parquet to a terminal.
pub fn check_destination(to_file: bool) -> Result<()> {
    use std::io::IsTerminal;
    if !to_file && std::io::stdout().is_terminal() {
        bail!("Parquet output is binary: give --output FILE.parquet, or redirect standard output");
    }
    Ok(())
}
