//! Screening customer files: the rows as `interdict-input` reads them, each row in each output
//! format (`render.rs`), and the run itself (`run.rs`). One bad cell never stops a file.

mod render;
mod run;

pub use render::{csv_header, csv_record, out_row, row_json};
pub use run::{run_batch, BatchSettings};
