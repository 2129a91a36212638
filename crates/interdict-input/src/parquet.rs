//! Parquet customer files read a record batch at a time, every column that holds text (or
//! numbers, dates, lists of text) as text, so that memory stays bounded whatever the file's size.

use crate::Error;
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Date64Type, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type,
    TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::Array;
use arrow_schema::{DataType, TimeUnit};
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};
use std::fs::File;
use std::path::Path;

/// The first four bytes (and the last four) of every Parquet file.
pub const MAGIC: &[u8; 4] = b"PAR1";

/// Rows read from a Parquet file per record batch.
const BATCH_ROWS: usize = 4096;

/// A Parquet file read as rows of text cells.
pub struct ParquetRows {
    path: String,
    batches: ParquetRecordBatchReader,
    /// Column names, in file order (only the columns that can be read as text).
    pub headers: Vec<String>,
    /// Position in the file's schema of each column in `headers`.
    positions: Vec<usize>,
    /// Columns left out because they hold no text (binary, nested structures).
    pub skipped: Vec<String>,
    /// The current batch as text: per column, per row.
    current: Vec<Vec<String>>,
    /// Next row of the current batch.
    next: usize,
    /// Rows in the whole file.
    pub total: u64,
    /// Rows handed out so far.
    pub done: u64,
}

impl ParquetRows {
    /// Opens a Parquet file; `display` names it in errors.
    pub fn open(path: &Path, display: &str) -> Result<ParquetRows, Error> {
        let file = File::open(path)
            .map_err(|e| Error::new(format!("{display}: cannot read input: {e}")))?;
        let builder = ParquetRecordBatchReaderBuilder::try_new(file)
            .map_err(|e| Error::new(format!("{display}: not a readable Parquet file: {e}")))?;
        let total = u64::try_from(builder.metadata().file_metadata().num_rows()).unwrap_or(0);
        let TextColumns {
            headers,
            positions,
            skipped,
        } = TextColumns::of(builder.schema());
        let batches = builder
            .with_batch_size(BATCH_ROWS)
            .build()
            .map_err(|e| Error::new(format!("{display}: not a readable Parquet file: {e}")))?;
        Ok(ParquetRows {
            path: display.to_string(),
            batches,
            headers,
            positions,
            skipped,
            current: Vec::new(),
            next: 0,
            total,
            done: 0,
        })
    }

    /// The next row's cells, in the order of `headers` (nulls as empty text); `None` at the end.
    pub fn next_row(&mut self) -> Result<Option<Vec<String>>, Error> {
        while self.current.first().is_none_or(|c| self.next >= c.len()) {
            let Some(batch) = self.batches.next() else {
                return Ok(None);
            };
            let batch = batch.map_err(|e| {
                Error::new(format!(
                    "{}: after row {}: the file is damaged: {e}",
                    self.path, self.done
                ))
            })?;
            self.current = column_texts(&batch, &self.positions, &self.path)?;
            self.next = 0;
            if self.current.is_empty() {
                // No readable column at all: count the rows, hand out empty ones.
                self.current = vec![vec![String::new(); batch.num_rows()]];
            }
        }
        let row = self
            .current
            .iter_mut()
            .map(|c| std::mem::take(&mut c[self.next]))
            .collect();
        self.next += 1;
        self.done += 1;
        Ok(Some(row))
    }
}

/// The columns of a schema that can be read as text.
pub(crate) struct TextColumns {
    /// Their names, in schema order.
    pub headers: Vec<String>,
    /// Their positions in the schema.
    pub positions: Vec<usize>,
    /// The columns left out, with their types.
    pub skipped: Vec<String>,
}

impl TextColumns {
    /// The text columns of `schema`.
    pub(crate) fn of(schema: &arrow_schema::Schema) -> TextColumns {
        let mut columns = TextColumns {
            headers: Vec::new(),
            positions: Vec::new(),
            skipped: Vec::new(),
        };
        for (i, f) in schema.fields().iter().enumerate() {
            if readable(f.data_type()) {
                columns.headers.push(f.name().clone());
                columns.positions.push(i);
            } else {
                columns
                    .skipped
                    .push(format!("{} ({})", f.name(), f.data_type()));
            }
        }
        columns
    }
}

/// The columns at `positions` of a record batch as text, a string per row; `display` names
/// the input in the error for a column that cannot be read.
pub(crate) fn column_texts(
    batch: &arrow_array::RecordBatch,
    positions: &[usize],
    display: &str,
) -> Result<Vec<Vec<String>>, Error> {
    positions
        .iter()
        .map(|&i| {
            let column = batch.column(i);
            texts(column.as_ref()).ok_or_else(|| {
                Error::new(format!(
                    "{display}: column '{}': cannot read values of type {}",
                    batch.schema().field(i).name(),
                    column.data_type()
                ))
            })
        })
        .collect()
}

/// Whether values of this type can be read as text.
fn readable(t: &DataType) -> bool {
    match t {
        DataType::Null
        | DataType::Boolean
        | DataType::Int8
        | DataType::Int16
        | DataType::Int32
        | DataType::Int64
        | DataType::UInt8
        | DataType::UInt16
        | DataType::UInt32
        | DataType::UInt64
        | DataType::Float32
        | DataType::Float64
        | DataType::Utf8
        | DataType::LargeUtf8
        | DataType::Utf8View
        | DataType::Date32
        | DataType::Date64
        | DataType::Timestamp(_, _) => true,
        DataType::List(f) | DataType::LargeList(f) => readable(f.data_type()),
        DataType::Dictionary(_, v) => readable(v),
        _ => false,
    }
}

/// A whole column as text, a string per row (empty for nulls); list items are joined with
/// `;`, the separator the other input formats use for several values. `None` for a type
/// [`readable`] refuses.
pub(crate) fn texts(a: &dyn Array) -> Option<Vec<String>> {
    fn each<T>(
        a: &dyn Array,
        value: impl Fn(usize) -> T,
        show: impl Fn(T) -> String,
    ) -> Vec<String> {
        (0..a.len())
            .map(|i| {
                if a.is_null(i) {
                    String::new()
                } else {
                    show(value(i))
                }
            })
            .collect()
    }
    macro_rules! numbers {
        ($t:ty) => {
            a.as_primitive_opt::<$t>()
                .map(|p| each(a, |i| p.value(i), |v| v.to_string()))
        };
    }
    let out = match a.data_type() {
        DataType::Null => vec![String::new(); a.len()],
        DataType::Boolean => {
            let b = a.as_boolean_opt()?;
            each(a, |i| b.value(i), |v| v.to_string())
        }
        DataType::Int8 => numbers!(Int8Type)?,
        DataType::Int16 => numbers!(Int16Type)?,
        DataType::Int32 => numbers!(Int32Type)?,
        DataType::Int64 => numbers!(Int64Type)?,
        DataType::UInt8 => numbers!(UInt8Type)?,
        DataType::UInt16 => numbers!(UInt16Type)?,
        DataType::UInt32 => numbers!(UInt32Type)?,
        DataType::UInt64 => numbers!(UInt64Type)?,
        DataType::Float32 => numbers!(Float32Type)?,
        DataType::Float64 => numbers!(Float64Type)?,
        DataType::Utf8 => {
            let s = a.as_string_opt::<i32>()?;
            each(a, |i| s.value(i), str::to_string)
        }
        DataType::LargeUtf8 => {
            let s = a.as_string_opt::<i64>()?;
            each(a, |i| s.value(i), str::to_string)
        }
        DataType::Utf8View => {
            let s = a.as_string_view_opt()?;
            each(a, |i| s.value(i), str::to_string)
        }
        DataType::Date32 => {
            let d = a.as_primitive_opt::<Date32Type>()?;
            each(
                a,
                |i| i64::from(d.value(i)),
                |days| date_time(days * 86_400, 0),
            )
        }
        DataType::Date64 => {
            let d = a.as_primitive_opt::<Date64Type>()?;
            each(a, |i| d.value(i), |ms| date_time(ms.div_euclid(1000), 0))
        }
        DataType::Timestamp(unit, _) => {
            let (values, per_second): (Vec<Option<i64>>, i64) = match unit {
                TimeUnit::Second => (
                    a.as_primitive_opt::<TimestampSecondType>()?
                        .iter()
                        .collect(),
                    1,
                ),
                TimeUnit::Millisecond => (
                    a.as_primitive_opt::<TimestampMillisecondType>()?
                        .iter()
                        .collect(),
                    1_000,
                ),
                TimeUnit::Microsecond => (
                    a.as_primitive_opt::<TimestampMicrosecondType>()?
                        .iter()
                        .collect(),
                    1_000_000,
                ),
                TimeUnit::Nanosecond => (
                    a.as_primitive_opt::<TimestampNanosecondType>()?
                        .iter()
                        .collect(),
                    1_000_000_000,
                ),
            };
            values
                .into_iter()
                .map(|v| v.map_or_else(String::new, |v| date_time(v.div_euclid(per_second), 1)))
                .collect()
        }
        DataType::List(_) => {
            let l = a.as_list_opt::<i32>()?;
            let items = texts(l.values().as_ref())?;
            let offsets = l.value_offsets();
            each(
                a,
                |i| (offsets[i] as usize, offsets[i + 1] as usize),
                |(s, e)| join(&items[s..e]),
            )
        }
        DataType::LargeList(_) => {
            let l = a.as_list_opt::<i64>()?;
            let items = texts(l.values().as_ref())?;
            let offsets = l.value_offsets();
            each(
                a,
                |i| (offsets[i] as usize, offsets[i + 1] as usize),
                |(s, e)| join(&items[s..e]),
            )
        }
        DataType::Dictionary(_, _) => {
            let d = a.as_any_dictionary_opt()?;
            let values = texts(d.values().as_ref())?;
            let keys = d.normalized_keys();
            each(
                a,
                |i| keys[i],
                |k| values.get(k).cloned().unwrap_or_default(),
            )
        }
        _ => return None,
    };
    Some(out)
}

fn join(items: &[String]) -> String {
    items
        .iter()
        .filter(|s| !s.is_empty())
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(";")
}

/// `YYYY-MM-DD` for a time at midnight (or when `with_time` is 0), else
/// `YYYY-MM-DDTHH:MM:SS`, from seconds since 1970-01-01 UTC.
fn date_time(seconds: i64, with_time: u8) -> String {
    let (days, secs) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = interdict_model::civil_from_days(days);
    if with_time == 0 || secs == 0 {
        format!("{year:04}-{month:02}-{day:02}")
    } else {
        format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_calendar_dates() {
        assert_eq!(date_time(0, 0), "1970-01-01");
        assert_eq!(date_time(-86_400, 0), "1969-12-31");
        assert_eq!(date_time(951_782_400, 0), "2000-02-29");
        assert_eq!(date_time(951_782_400 + 3_723, 1), "2000-02-29T01:02:03");
        assert_eq!(date_time(-2_208_988_800, 1), "1900-01-01");
    }
}
