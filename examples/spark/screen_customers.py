"""Screen a Parquet customer table with Spark and the interdict Python package.

The lists' index snapshot (one file, written by ``Screener.save_snapshot`` or kept by a data
directory in ``snapshots/``) is shipped to every executor with ``SparkContext.addFile``; each
Python worker maps it once and screens the table's Arrow record batches with ``mapInArrow``,
so no row is converted to Python objects. The result table has one row per customer: its
``id`` and ``name``, the best result (``match``, ``score``, ``ref``, ``list``, ``caption``,
...), how many results are matches, warnings, and every result as JSON.

    python screen_customers.py --snapshot lists.index --input customers.parquet \
        --output results.parquet [--master local[2]] [--threshold 0.8]

Columns of the customer table are recognised by their names, as in a customer file: ``name``
(or first/middle/last name parts), ``dob``, ``country``, ``id_number``, ``schema``, and an id
column (``customer_id``, ``id``) that the results carry so that they can be joined back.
"""

import argparse
import os
import sys
import time

import pyarrow as pa
from pyspark import SparkFiles
from pyspark.sql import SparkSession

# Spark has no unsigned integers: the result's row number and match count are cast to signed.
RESULT_SCHEMA = pa.schema(
    [
        ("row", pa.int64()),
        ("id", pa.string()),
        ("name", pa.string()),
        ("match", pa.bool_()),
        ("score", pa.float64()),
        ("ref", pa.string()),
        ("list", pa.string()),
        ("list_version", pa.string()),
        ("entity_id", pa.string()),
        ("caption", pa.string()),
        ("matched_name", pa.string()),
        ("matches", pa.int32()),
        ("warnings", pa.string()),
        ("results", pa.string()),
    ]
)
RESULT_DDL = (
    "row long, id string, name string, match boolean, score double, ref string, list string, "
    "list_version string, entity_id string, caption string, matched_name string, "
    "matches int, warnings string, results string"
)

_screener = None


def _screener_for(snapshot_name):
    """The worker's screener, mapped from the shipped snapshot on first use."""
    global _screener
    if _screener is None:
        import interdict

        _screener = interdict.Screener.from_snapshot(SparkFiles.get(snapshot_name))
    return _screener


def screen_partition(snapshot_name, threshold):
    """The function given to mapInArrow: record batches of customers in, of results out."""

    def screen(batches):
        screener = _screener_for(snapshot_name)
        for batch in batches:
            out = screener.screen_arrow(batch, threshold=threshold)
            yield out.cast(RESULT_SCHEMA)

    return screen


def run(spark, snapshot, source, destination, threshold=None):
    """Screens the Parquet table `source` into `destination`; returns (rows, seconds)."""
    spark.sparkContext.addFile(snapshot)
    lists = snapshot + ".lists.json"
    if os.path.exists(lists):
        spark.sparkContext.addFile(lists)
    name = os.path.basename(snapshot)
    started = time.perf_counter()
    customers = spark.read.parquet(source)
    results = customers.mapInArrow(screen_partition(name, threshold), RESULT_DDL)
    results.write.mode("overwrite").parquet(destination)
    seconds = time.perf_counter() - started
    rows = spark.read.parquet(destination).count()
    return rows, seconds


def session(master, app="interdict-screen"):
    """A Spark session; `master` as Spark takes it (local[2]: two task slots in one JVM).
    Its Python workers run this interpreter and can import this file's module."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.environ.get("PYTHONPATH", "")
    if here not in path.split(os.pathsep):
        os.environ["PYTHONPATH"] = os.pathsep.join(p for p in [here, path] if p)
    builder = SparkSession.builder.appName(app).master(master)
    builder = builder.config("spark.ui.enabled", "false")
    builder = builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", "10000")
    return builder.getOrCreate()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--snapshot", required=True, help="the lists' index snapshot file")
    parser.add_argument("--input", required=True, help="Parquet customer table")
    parser.add_argument("--output", required=True, help="where the results go (Parquet)")
    parser.add_argument("--master", default="local[*]", help="Spark master (default local[*])")
    parser.add_argument("--threshold", type=float, help="score from which a result is a match")
    args = parser.parse_args()
    spark = session(args.master)
    rows, seconds = run(spark, args.snapshot, args.input, args.output, args.threshold)
    print(f"screened {rows} rows in {seconds:.1f} s ({rows / seconds:,.0f} rows/s) on {args.master}")
    spark.stop()


if __name__ == "__main__":
    main()
