//! Screening customer files: reading them as real systems write them (`input.rs`), which
//! column holds what (`columns.rs`), each row as a query with a warning for every cell it could
//! not use (`row.rs`), the row in each output format (`render.rs`), and the run itself
//! (`run.rs`). One bad cell never stops a file.

mod columns;
mod input;
mod render;
mod row;
mod run;

pub use columns::ColumnChoice;
pub use input::{query_from_args, InputOptions, InputReader};
pub use render::{csv_header, csv_record, out_row, row_json};
pub use row::InputRow;
pub use run::{run_batch, BatchSettings};
