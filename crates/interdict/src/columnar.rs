//! Parquet output for batch screening: results written a row group at a time, so that memory
//! stays bounded. (Parquet input is read by `interdict-input`.)

use anyhow::{bail, Context, Result};
use arrow_schema::SchemaRef;
pub use interdict_batch::OutRow;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use std::io::Write;

/// Writes output rows to a Parquet file, compressed with zstd.
pub struct ParquetOut<W: Write + Send> {
    writer: ArrowWriter<W>,
    schema: SchemaRef,
}

impl<W: Write + Send> ParquetOut<W> {
    /// Starts a file whose input columns are `columns`.
    pub fn new(out: W, columns: &[String]) -> Result<Self> {
        let schema = interdict_batch::schema(columns);
        // Row groups end at 64k rows or 64 MB, whichever comes first, so that memory stays
        // bounded however many rows are written.
        let properties = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::default()))
            .set_max_row_group_row_count(Some(65_536))
            .set_max_row_group_bytes(Some(64 << 20))
            .build();
        let writer = ArrowWriter::try_new(out, schema.clone(), Some(properties))
            .context("cannot start the Parquet output")?;
        Ok(ParquetOut { writer, schema })
    }

    /// Writes rows (as one record batch).
    pub fn write(&mut self, rows: &[OutRow]) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let batch = interdict_batch::record_batch(&self.schema, rows)
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
