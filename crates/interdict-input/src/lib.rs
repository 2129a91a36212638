//! Customer files read into screening queries, as they come out of real systems: CSV with any
//! common delimiter, a byte-order mark, Windows-1252 or UTF-16 text and CRLF line ends; JSON
//! Lines; Parquet; Arrow record batches handed over in memory (`arrow.rs`). One bad cell never
//! stops a file.
//!
//! ```text
//! file ─► reader.rs (kind, encoding, delimiter; raw rows with their lines)
//!      ─► columns.rs (which column holds what: names as people give them, --column choices)
//!      ─► row.rs (a query per row; every unusable cell left out with a warning; a row
//!                 without a name marked as an error)
//! ```
//!
//! The same reader serves batch screening and registering customers for monitoring.

mod arrow;
mod columns;
mod parquet;
mod reader;
mod row;

pub use arrow::batch_rows;
pub use columns::{is_id_header, ColumnChoice};
pub use parquet::MAGIC as PARQUET_MAGIC;
pub use reader::{object_row, InputOptions, InputReader, Notes};
pub use row::{InputRow, Seen};

/// Why a file cannot be read at all; the message names the file and, where it can, the line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    message: String,
}

impl Error {
    pub(crate) fn new(message: String) -> Self {
        Error { message }
    }
}

/// Result alias for reading input.
pub type Result<T> = std::result::Result<T, Error>;

/// An [`Error`] from a format string.
macro_rules! err {
    ($($arg:tt)*) => {
        $crate::Error::new(format!($($arg)*))
    };
}

/// Returns an [`Error`] from a format string.
macro_rules! bail {
    ($($arg:tt)*) => {
        return Err($crate::err!($($arg)*))
    };
}

pub(crate) use {bail, err};
