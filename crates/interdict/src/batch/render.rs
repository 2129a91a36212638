//! One screened row in each output format: a JSON Lines object, a CSV record, a Parquet row, a
//! line of the readable listing. The JSON shape of each result is the API's
//! (`interdict_match::report`).

use crate::output::{neutralise, ResultJson};
use interdict_batch::{best_texts, input_cells, warnings_cell, OutRow, BEST_TEXTS};
use interdict_input::InputRow;
use interdict_match::Hit;
use serde_json::{json, Map, Value};

/// The JSON Lines object for one input row.
pub fn row_json(row: &InputRow, hits: &[Hit<'_>]) -> Value {
    let mut obj = Map::new();
    obj.insert("row".into(), json!(row.row));
    obj.insert("id".into(), json!(row.id));
    obj.insert(
        "results".into(),
        serde_json::to_value(hits.iter().map(ResultJson::new).collect::<Vec<_>>())
            .unwrap_or(Value::Null),
    );
    if !row.extra.is_empty() {
        let extra: Map<String, Value> = row
            .extra
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect();
        obj.insert("fields".into(), Value::Object(extra));
    }
    if !row.warnings.is_empty() {
        obj.insert("warnings".into(), json!(row.warnings));
    }
    if let Some(e) = &row.error {
        obj.insert("error".into(), json!(e));
    }
    Value::Object(obj)
}

/// CSV output repeats the input's columns when the input is CSV; for other inputs (whose rows
/// may differ in their keys) it gives the row's id and name.
pub fn csv_header(columns: Option<&[String]>) -> Vec<String> {
    let mut h = vec!["row".to_string()];
    match columns {
        Some(cols) => h.extend(cols.iter().cloned()),
        None => h.extend(["id".to_string(), "name".to_string()]),
    }
    h.extend(["match".to_string(), "score".to_string()]);
    h.extend(BEST_TEXTS.iter().map(|s| s.to_string()));
    h.push("matches".to_string());
    h.push("warnings".to_string());
    h
}

/// The Parquet output row: the CSV record's columns, plus every result as JSON.
pub fn out_row(row: &InputRow, columns: Option<&[String]>, hits: &[Hit<'_>]) -> OutRow {
    interdict_batch::out_row(row, columns.is_some(), hits)
}

/// The CSV record of one row: its number, its cells, the best result and its warnings. Text
/// cells that a spreadsheet would take for a formula are neutralised.
pub fn csv_record(row: &InputRow, columns: Option<&[String]>, hits: &[Hit<'_>]) -> Vec<String> {
    let mut r = vec![row.row.to_string()];
    r.extend(
        input_cells(row, columns.is_some())
            .iter()
            .map(|c| neutralise(c)),
    );
    match hits.first() {
        Some(h) => {
            let best = ResultJson::new(h);
            r.extend([best.is_match.to_string(), best.score.to_string()]);
            r.extend(best_texts(&best).iter().map(|c| neutralise(c)));
            r.push(hits.iter().filter(|h| h.is_match).count().to_string());
        }
        None => {
            r.extend(["false".to_string(), String::new()]);
            r.extend(BEST_TEXTS.map(|_| String::new()));
            r.push("0".to_string());
        }
    }
    r.push(neutralise(&warnings_cell(row)));
    r
}

/// One row of the readable listing.
pub fn table_row(row: &InputRow, hits: &[Hit<'_>]) -> String {
    let mut s = format!("row {}: {}", row.row, row.query.name);
    if hits.is_empty() {
        s.push_str("  (no results)");
    }
    for h in hits {
        s.push_str(&format!(
            "\n  {:.3} {} {} {} ({})",
            h.score,
            if h.is_match { "MATCH" } else { "     " },
            h.entity.provenance.reference,
            h.entity.caption,
            h.matched_name
        ));
    }
    s
}
