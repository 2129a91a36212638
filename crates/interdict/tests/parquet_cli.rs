//! `screen --input` and `--output` with Parquet files, written and read here with the Parquet
//! crate in the shapes other tools write: dictionary-encoded and list columns, dates, several
//! row groups, snappy compression.

mod common;

use common::{screen, screen_file, stderr};

use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::types::Int32Type;
use arrow_array::{
    Array, ArrayRef, BinaryArray, BooleanArray, Date32Array, DictionaryArray, Float64Array,
    RecordBatch, StringArray, UInt32Array, UInt64Array,
};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

/// Days from 1970-01-01 to a date (for dates after 1970-03-01 and before 2100).
fn days(y: i32, m: u32, d: u32) -> i32 {
    let (y, m) = if m <= 2 { (y - 1, m + 12) } else { (y, m) };
    let era_days = 365 * y + y / 4 - y / 100 + y / 400 + (153 * (m as i32 - 3) + 2) / 5;
    era_days + d as i32 - 719_469
}

/// Customers: a listed person with their date of birth, an ordinary name, a listed group,
/// a row with first and last name columns, and a null name fixed by those columns.
fn customers(path: &Path) {
    let names: DictionaryArray<Int32Type> = vec![
        Some("Hafiz Mohammed Saeed"),
        Some("Kathryn Barr"),
        Some("LASHKAR E-TAIBA"),
        None,
        Some("Kathryn Barr"),
    ]
    .into_iter()
    .collect();
    let mut nationalities = ListBuilder::new(StringBuilder::new());
    for row in [vec!["pk"], vec![], vec![], vec!["pk", "in"], vec!["gb"]] {
        for n in row {
            nationalities.values().append_value(n);
        }
        nationalities.append(true);
    }
    let columns: Vec<(&str, ArrayRef)> = vec![
        (
            "id",
            Arc::new(StringArray::from(vec!["c1", "c2", "c3", "c4", "c5"])),
        ),
        ("full_name", Arc::new(names)),
        (
            "date_of_birth",
            Arc::new(Date32Array::from(vec![
                Some(days(1950, 6, 5)),
                Some(days(1966, 7, 6)),
                None,
                Some(days(1960, 12, 30)),
                None,
            ])),
        ),
        ("nationality", Arc::new(nationalities.finish())),
        (
            "first_name",
            Arc::new(StringArray::from(vec![
                None,
                None,
                None,
                Some("Zaki"),
                None,
            ])),
        ),
        (
            "last_name",
            Arc::new(StringArray::from(vec![
                None,
                None,
                None,
                Some("Lakhvi"),
                None,
            ])),
        ),
        (
            "balance",
            Arc::new(Float64Array::from(vec![1.5, 2.0, 3.25, 0.0, 10.0])),
        ),
        (
            "photo",
            Arc::new(BinaryArray::from(vec![&b"\x89PNG"[..]; 5])),
        ),
    ];
    let batch = RecordBatch::try_from_iter(columns).unwrap();
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(2))
        .build();
    let mut w = ArrowWriter::try_new(
        std::fs::File::create(path).unwrap(),
        batch.schema(),
        Some(props),
    )
    .unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
}

/// An output file's columns, read across its row groups.
struct Table(Vec<RecordBatch>);

fn read(path: &Path) -> Table {
    let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(path).unwrap())
        .unwrap()
        .build()
        .unwrap();
    Table(reader.map(Result::unwrap).collect())
}

impl Table {
    fn rows(&self) -> usize {
        self.0.iter().map(RecordBatch::num_rows).sum()
    }

    fn column<T: Array + 'static, V>(
        &self,
        name: &str,
        get: impl Fn(&T, usize) -> V,
    ) -> Vec<Option<V>> {
        self.0
            .iter()
            .flat_map(|b| {
                let c = b
                    .column_by_name(name)
                    .unwrap_or_else(|| panic!("column {name}"));
                let t = c
                    .as_any()
                    .downcast_ref::<T>()
                    .unwrap_or_else(|| panic!("type of {name}"));
                (0..c.len())
                    .map(|i| (!c.is_null(i)).then(|| get(t, i)))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    fn texts(&self, name: &str) -> Vec<String> {
        self.column(name, |a: &StringArray, i| a.value(i).to_string())
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect()
    }
}

#[test]
fn parquet_in_parquet_out() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("customers.parquet");
    customers(&input);
    let out = dir.path().join("results.parquet");
    let o = screen_file(&input, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("screened 5 rows"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("photo (Binary)"),
        "columns without text are named: {}",
        stderr(&o)
    );
    let b = read(&out);
    assert_eq!(b.rows(), 5);
    let rows = b.column("row", |a: &UInt64Array, i| a.value(i));
    assert_eq!(rows, (0..5).map(Some).collect::<Vec<_>>(), "input order");
    let matched: Vec<bool> = b
        .column("match", |a: &BooleanArray, i| a.value(i))
        .into_iter()
        .map(Option::unwrap)
        .collect();
    let refs = b.texts("ref");
    assert_eq!(
        matched,
        vec![true, false, true, true, false],
        "listed person, ordinary name, listed group, first and last name columns, namesake"
    );
    assert_eq!(refs[0], "QDi.263");
    assert_eq!(refs[2], "QDe.118");
    assert_eq!(refs[3], "QDi.264");
    // The input's columns come through as text: dates as dates, lists joined with ';'.
    assert_eq!(b.texts("id")[4], "c5");
    assert_eq!(b.texts("date_of_birth")[0], "1950-06-05");
    assert_eq!(b.texts("nationality")[3], "pk;in");
    assert_eq!(b.texts("balance")[2], "3.25");
    assert!(b.column("matches", |a: &UInt32Array, i| a.value(i))[0].unwrap() >= 1);
    // Every result, as the JSON Lines output gives it.
    let results: serde_json::Value = serde_json::from_str(&b.texts("results")[0]).unwrap();
    assert_eq!(results[0]["ref"], "QDi.263");
    assert_eq!(results[0]["match"], true);

    // The same input to CSV gives the same best results.
    let csv_out = dir.path().join("results.csv");
    let o = screen_file(&input, &csv_out);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut rdr = csv::Reader::from_path(&csv_out).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let col = headers.iter().position(|h| h == "ref").unwrap();
    let csv_refs: Vec<String> = rdr.records().map(|r| r.unwrap()[col].to_string()).collect();
    assert_eq!(csv_refs, refs);
}

#[test]
fn csv_in_parquet_out_by_format_and_by_extension() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    std::fs::write(
        &input,
        "full_name,branch,dob\nLashkar-e-Toiba,Leeds,\nNobody Special,York,1965-02-30\n",
    )
    .unwrap();
    for (flag, name) in [(true, "out.bin"), (false, "out.parquet")] {
        let out = dir.path().join(name);
        let mut args = vec![
            "--input",
            input.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ];
        if flag {
            args.extend(["--format", "parquet"]);
        }
        let o = screen(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        let b = read(&out);
        assert_eq!(b.rows(), 2);
        assert_eq!(b.texts("branch"), vec!["Leeds", "York"]);
        assert_eq!(b.texts("ref")[0], "QDe.118");
        assert_eq!(
            b.column("match", |a: &BooleanArray, i| a.value(i)),
            vec![Some(true), Some(false)]
        );
        let warnings = b.texts("warnings");
        assert_eq!(warnings[0], "");
        assert!(warnings[1].contains("no such day"), "{warnings:?}");
    }
}

#[test]
fn bad_parquet_is_refused_with_the_file_named() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("customers.parquet");
    customers(&input);
    let bytes = std::fs::read(&input).unwrap();
    let cut = dir.path().join("cut.parquet");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let out = dir.path().join("out.jsonl");
    std::fs::write(&out, "old results\n").unwrap();
    let o = screen_file(&cut, &out);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("cut.parquet") && stderr(&o).contains("Parquet"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "old results\n",
        "a failed run leaves the old output alone"
    );

    // A Parquet file without a name column: the columns it has are listed.
    let nameless = dir.path().join("nameless.parquet");
    let batch = RecordBatch::try_from_iter(vec![(
        "customer",
        Arc::new(StringArray::from(vec!["x"])) as ArrayRef,
    )])
    .unwrap();
    let mut w = ArrowWriter::try_new(
        std::fs::File::create(&nameless).unwrap(),
        batch.schema(),
        None,
    )
    .unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
    let o = screen(&["--input", nameless.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("no name column") && stderr(&o).contains("customer"),
        "{}",
        stderr(&o)
    );
}

/// Files written and read by pyarrow, when it is installed (skipped with a message if not).
#[test]
fn pyarrow_writes_what_interdict_reads_and_reads_what_it_writes() {
    let probe = Command::new("python3")
        .args(["-c", "import pyarrow"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: python3 with pyarrow is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("py.parquet");
    let out = dir.path().join("out.parquet");
    let script = format!(
        r#"
import datetime, pyarrow as pa, pyarrow.parquet as pq
t = pa.table({{
    "name": pa.array(["Hafiz Mohammed Saeed", "Kathryn Barr"]).dictionary_encode(),
    "dob": pa.array([datetime.date(1950, 6, 5), None]),
    "nationality": pa.array([["pk"], []]),
    "note": pa.array(["a", None], type=pa.large_string()),
}})
pq.write_table(t, {input:?}, compression="zstd")
"#,
        input = input.to_str().unwrap()
    );
    let o = Command::new("python3")
        .args(["-c", &script])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = screen_file(&input, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let check = format!(
        r#"
import pyarrow.parquet as pq
t = pq.read_table({out:?}).to_pylist()
assert [r["match"] for r in t] == [True, False], t
assert t[0]["ref"] == "QDi.263" and t[0]["dob"] == "1950-06-05", t[0]
"#,
        out = out.to_str().unwrap()
    );
    let o = Command::new("python3")
        .args(["-c", &check])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}
