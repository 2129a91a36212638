//! The Python package `interdict`: a [`Screener`] over the lists (a data directory, list files
//! or an index snapshot file) that screens names and customer records, Arrow record batches
//! (zero-copy in and out through the Arrow C data interface) and texts, with the same engine,
//! defaults and result shapes as the `interdict` command.

use arrow_array::RecordBatch;
use arrow_pyarrow::{FromPyArrow, ToPyArrow};
use interdict_input::{object_row, InputOptions, InputRow};
use interdict_lists::ListMeta;
use interdict_match::report::{MentionJson, ResultJson};
use interdict_match::{Index, ScanOptions, SearchOptions, DEFAULT_THRESHOLD};
use interdict_store::IndexSnapshot;
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The allocator of the `interdict` binary for the engine's own memory (Python's objects keep
/// Python's): searching allocates and drops many small strings, which it serves faster.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

create_exception!(
    _interdict,
    InterdictError,
    PyException,
    "The lists could not be loaded or an input could not be read; the message says which and why."
);

/// Results below this score are not returned, as with `interdict screen`.
const MIN_SCORE: f32 = 0.5;
/// Results per name, as with `interdict screen`.
const LIMIT: usize = 5;

fn failed(e: impl std::fmt::Display) -> PyErr {
    InterdictError::new_err(e.to_string())
}

/// Screens against sanctions lists: load once, then screen names, records, Arrow record
/// batches and texts from any number of threads.
#[pyclass(frozen, module = "interdict")]
struct Screener {
    index: Arc<Index>,
    lists: Vec<ListMeta>,
}

/// How one call screens.
struct Screening {
    options: SearchOptions,
}

impl Screening {
    fn new(threshold: Option<f32>, limit: usize, min_score: f32) -> PyResult<Screening> {
        let threshold = threshold.unwrap_or(DEFAULT_THRESHOLD);
        for (what, v) in [("threshold", threshold), ("min_score", min_score)] {
            if !(0.0..=1.0).contains(&v) {
                return Err(PyValueError::new_err(format!(
                    "{what} must be between 0 and 1, got {v}"
                )));
            }
        }
        Ok(Screening {
            options: SearchOptions {
                threshold,
                limit: limit.max(1),
                min_score: min_score.min(threshold),
            },
        })
    }

    /// The results of one row as JSON text (an array of the API's result objects).
    fn results(&self, index: &Index, row: &InputRow) -> String {
        if row.error.is_some() {
            return "[]".into();
        }
        let hits = index.search(&row.query, &self.options);
        serde_json::to_string(&hits.iter().map(ResultJson::new).collect::<Vec<_>>())
            .unwrap_or_else(|_| "[]".into())
    }
}

/// A name or a record (a dict with `name` and any of `schema`, `dob`, `country`, `id_number`,
/// `gender`, `id`, ... as in a customer file) read into a row.
fn row_of(item: &Bound<'_, PyAny>) -> PyResult<InputRow> {
    let mut object = serde_json::Map::new();
    if item.cast::<PyString>().is_ok() {
        object.insert("name".into(), item.extract::<String>()?.into());
    } else if let Ok(dict) = item.cast::<PyDict>() {
        for (k, v) in dict.iter() {
            let key: String = k
                .extract()
                .map_err(|_| PyTypeError::new_err("record keys must be text"))?;
            let value = if v.is_none() {
                serde_json::Value::Null
            } else if let Ok(s) = v.extract::<String>() {
                s.into()
            } else {
                v.str()?.extract::<String>()?.into()
            };
            object.insert(key, value);
        }
    } else {
        return Err(PyTypeError::new_err(format!(
            "expected a name (str) or a record (dict), got {}",
            item.get_type().name()?
        )));
    }
    let row = object_row(object, &InputOptions::default());
    Ok(row)
}

/// Python objects from JSON text, through the standard library's parser.
fn from_json<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (text,))
}

#[pymethods]
impl Screener {
    /// The active lists of a data directory (default: `INTERDICT_DATA`, else the platform's
    /// data folder), from its index snapshot when it has one.
    #[staticmethod]
    #[pyo3(signature = (path=None))]
    fn from_data_dir(py: Python<'_>, path: Option<PathBuf>) -> PyResult<Screener> {
        let dir = path
            .or_else(|| std::env::var_os("INTERDICT_DATA").map(PathBuf::from))
            .or_else(interdict_store::default_data_dir)
            .ok_or_else(|| failed("no data directory: give one"))?;
        let loaded = py
            .detach(|| interdict_store::load_active_index(&dir))
            .map_err(failed)?;
        let (index, lists) = loaded.ok_or_else(|| {
            failed(format!(
                "{}: no lists are imported here: run `interdict lists fetch` or `interdict \
                 lists import FILE`",
                dir.display()
            ))
        })?;
        Ok(Screener {
            index: Arc::new(index),
            lists,
        })
    }

    /// The lists in these files (any format interdict reads, recognised by content).
    #[staticmethod]
    fn from_files(py: Python<'_>, paths: Vec<PathBuf>) -> PyResult<Screener> {
        if paths.is_empty() {
            return Err(PyValueError::new_err("give at least one list file"));
        }
        py.detach(|| {
            let mut lists = Vec::new();
            let mut entities = Vec::new();
            for path in &paths {
                for list in interdict_lists::load(path).map_err(|e| e.to_string())? {
                    lists.push(list.meta.clone());
                    entities.extend(list.entities);
                }
            }
            Ok::<_, String>(Screener {
                index: Arc::new(Index::build(entities)),
                lists,
            })
        })
        .map_err(failed)
    }

    /// An index snapshot file (written by `save_snapshot`, or a data directory's), mapped
    /// rather than read: this is what a Spark job ships to its executors.
    #[staticmethod]
    fn from_snapshot(py: Python<'_>, path: PathBuf) -> PyResult<Screener> {
        let (index, lists) = py
            .detach(|| IndexSnapshot::at(&path).read())
            .map_err(|e| failed(format!("{}: {e}", path.display())))?;
        Ok(Screener {
            index: Arc::new(index),
            lists,
        })
    }

    /// Writes the index to `path` (and the lists it holds to `<path>.lists.json`), whole or
    /// not at all.
    fn save_snapshot(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        py.detach(|| IndexSnapshot::at(Path::new(&path)).write(&self.index, &self.lists, false))
            .map_err(failed)
    }

    /// The lists screened against: `[{"list", "version", "entities"}, ...]`.
    #[getter]
    fn lists<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let counts = self.index.list_counts();
        let out = PyList::empty(py);
        for m in &self.lists {
            let d = PyDict::new(py);
            d.set_item("list", &m.list)?;
            d.set_item("version", &m.version)?;
            let n = counts
                .iter()
                .filter(|(l, v, _)| *l == m.list && *v == m.version)
                .map(|(_, _, n)| *n)
                .sum::<usize>();
            d.set_item("entities", n)?;
            out.append(d)?;
        }
        Ok(out)
    }

    /// Screens a name or record (giving its results: a list of dicts, best first) or a list
    /// of them (giving a list of such lists, in order). Each result is the API's: `list`,
    /// `ref`, `entity_id`, `caption`, `matched_name`, `score`, `match`, `explanation`, ...
    #[pyo3(signature = (query, *, threshold=None, limit=LIMIT, min_score=MIN_SCORE))]
    fn screen<'py>(
        &self,
        py: Python<'py>,
        query: &Bound<'py, PyAny>,
        threshold: Option<f32>,
        limit: usize,
        min_score: f32,
    ) -> PyResult<Bound<'py, PyAny>> {
        let screening = Screening::new(threshold, limit, min_score)?;
        let many = query.cast::<PyList>().is_ok() || query.cast::<pyo3::types::PyTuple>().is_ok();
        let rows: Vec<InputRow> = if many {
            query
                .try_iter()?
                .map(|i| row_of(&i?))
                .collect::<PyResult<_>>()?
        } else {
            vec![row_of(query)?]
        };
        if let Some(bad) = rows.iter().find_map(|r| r.error.as_ref()).filter(|_| !many) {
            return Err(PyValueError::new_err(bad.clone()));
        }
        let text = py.detach(|| {
            let each: Vec<String> = rows
                .iter()
                .map(|r| screening.results(&self.index, r))
                .collect();
            if many {
                format!("[{}]", each.join(","))
            } else {
                each.into_iter().next().unwrap_or_else(|| "[]".into())
            }
        });
        from_json(py, &text)
    }

    /// Screens every row of an Arrow record batch (pyarrow, or anything with
    /// `__arrow_c_array__`), whose columns are recognised by their names as in a customer
    /// file (`name` or first/last name parts, `dob`, `country`, `id`, ...). Gives a
    /// `pyarrow.RecordBatch`: `row` (from `first_row`), `id`, `name`, `match`, `score`, `ref`,
    /// `list`, `list_version`, `entity_id`, `caption`, `matched_name`, `matches`, `warnings`
    /// and `results` (every result as JSON).
    #[pyo3(signature = (batch, *, threshold=None, limit=LIMIT, min_score=MIN_SCORE, first_row=0))]
    fn screen_arrow<'py>(
        &self,
        py: Python<'py>,
        batch: &Bound<'py, PyAny>,
        threshold: Option<f32>,
        limit: usize,
        min_score: f32,
        first_row: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        let screening = Screening::new(threshold, limit, min_score)?;
        let batch = RecordBatch::from_pyarrow_bound(batch)?;
        let out = py.detach(|| {
            let (rows, _notes) =
                interdict_input::batch_rows(&batch, &InputOptions::default(), first_row, "batch")
                    .map_err(|e| e.to_string())?;
            let out_rows: Vec<_> = rows
                .iter()
                .map(|r| {
                    let hits = match r.error {
                        Some(_) => Vec::new(),
                        None => self.index.search(&r.query, &screening.options),
                    };
                    interdict_batch::out_row(r, false, &hits)
                })
                .collect();
            let columns = interdict_batch::ID_AND_NAME.map(String::from);
            interdict_batch::record_batch(&interdict_batch::schema(&columns), &out_rows)
                .map_err(|e| e.to_string())
        });
        out.map_err(PyValueError::new_err)?.to_pyarrow(py)
    }

    /// Finds listed names in a text: a list of mentions (`start`, `end`, `text`, `context`,
    /// `entity_id`, `ref`, `caption`, `score`, `kind`, `why`), in text order.
    #[pyo3(signature = (text, *, min_score=None, context=40))]
    fn scan<'py>(
        &self,
        py: Python<'py>,
        text: &str,
        min_score: Option<f32>,
        context: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        let options = ScanOptions {
            min_score: min_score.unwrap_or(DEFAULT_THRESHOLD),
            context,
            ..ScanOptions::default()
        };
        let json = py.detach(|| {
            let mut scanner = self.index.scanner(options);
            scanner.scan(text, &|p| p);
            let mentions = scanner.finish();
            serde_json::to_string(&mentions.iter().map(MentionJson::new).collect::<Vec<_>>())
                .unwrap_or_else(|_| "[]".into())
        });
        from_json(py, &json)
    }

    fn __repr__(&self) -> String {
        let lists: Vec<String> = self
            .lists
            .iter()
            .map(|m| format!("{} {}", m.list, m.version))
            .collect();
        format!("<interdict.Screener: {}>", lists.join(", "))
    }
}

/// The extension module.
#[pymodule]
fn _interdict(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Screener>()?;
    m.add("InterdictError", m.py().get_type::<InterdictError>())?;
    m.add("DEFAULT_THRESHOLD", DEFAULT_THRESHOLD)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
