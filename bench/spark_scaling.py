"""Runs examples/spark on one Parquet customer table with 1 and then 2 task slots and prints
rows/s for each and the ratio. Arguments: ROWS WORKDIR LIST_FILE...; without list files, the
UN sample of examples/."""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "examples" / "spark"))

import interdict  # noqa: E402
import make_customers  # noqa: E402
import screen_customers  # noqa: E402


def main():
    rows, work, lists = int(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:]
    work.mkdir(parents=True, exist_ok=True)
    lists = lists or [str(ROOT / "examples" / "un_sample.xml")]
    started = time.perf_counter()
    screener = interdict.Screener.from_files(lists)
    snapshot = work / "lists.index"
    screener.save_snapshot(str(snapshot))
    described = ", ".join(f"{l['list']} {l['version']} ({l['entities']})" for l in screener.lists)
    print(f"lists: {described}; indexed in {time.perf_counter() - started:.1f} s")
    # Eight files: enough partitions to keep two slots busy to the end.
    customers = work / "customers"
    make_customers.write(str(customers), rows, files=8)
    # A small table screened first in each session, so that neither run pays the JVM's and
    # the workers' warm-up in its figure.
    warm_up = work / "warm-up"
    make_customers.write(str(warm_up), 20_000, files=2)
    figures = {}
    for slots in (1, 2):
        spark = screen_customers.session(f"local[{slots}]", app=f"interdict-bench-{slots}")
        spark.sparkContext.setLogLevel("ERROR")
        screen_customers.run(spark, str(snapshot), str(warm_up), str(work / "warm-up-results"))
        done, seconds = screen_customers.run(
            spark, str(snapshot), str(customers), str(work / f"results-{slots}.parquet")
        )
        spark.stop()
        figures[slots] = done / seconds
        print(f"local[{slots}]: {done:,} rows in {seconds:.1f} s = {figures[slots]:,.0f} rows/s")
    print(f"scaling 1 -> 2 slots: {figures[2] / figures[1]:.2f}x")


if __name__ == "__main__":
    main()
