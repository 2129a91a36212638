"""The Spark example run in local mode: every customer gets a result row, the planted
designated names are hits, and the results equal the Python package's for the same rows."""

import json
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import interdict  # noqa: E402
import make_customers  # noqa: E402
import screen_customers  # noqa: E402

SAMPLE = HERE.parents[1] / "examples" / "un_sample.xml"


@pytest.fixture(scope="module")
def spark():
    s = screen_customers.session("local[2]", app="interdict-spark-test")
    yield s
    s.stop()


def test_a_customer_table_is_screened_on_the_executors(spark, tmp_path):
    snapshot = tmp_path / "lists.index"
    screener = interdict.Screener.from_files([str(SAMPLE)])
    screener.save_snapshot(str(snapshot))
    customers = tmp_path / "customers.parquet"
    table = make_customers.rows(3000)
    pq.write_table(table, customers, row_group_size=1000)
    out = tmp_path / "results.parquet"
    rows, _ = screen_customers.run(spark, str(snapshot), str(customers), str(out))
    assert rows == 3000
    results = pq.read_table(out).sort_by("id")
    assert results.column("id").to_pylist() == table.column("customer_id").to_pylist()
    hits = {
        i: r for i, m, r in zip(
            results.column("id").to_pylist(),
            results.column("match").to_pylist(),
            results.column("ref").to_pylist(),
        ) if m
    }
    assert hits["c0000250"] == "QDi.263"  # Hafiz Muhammad Saeed
    assert hits["c0000750"] == "QDi.264"  # Zaki ur Rehman Lakhvi
    assert hits["c0001250"] == "QDe.118"  # Jamaat ud Dawa
    # The same results as the package gives in-process.
    here = screener.screen_arrow(table.to_batches()[0]).to_pydict()
    by_id = dict(zip(results.column("id").to_pylist(), results.column("results").to_pylist()))
    for customer, expected in zip(here["id"], here["results"]):
        assert json.loads(by_id[customer]) == json.loads(expected)
