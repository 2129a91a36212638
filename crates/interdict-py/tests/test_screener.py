"""The Python package against the UN sample list in examples/: loading, screening names,
records and Arrow record batches, scanning texts, snapshots, errors, threads, and the same
results as the `interdict` command for the same rows."""

import json
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyarrow as pa
import pytest

import interdict

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "examples" / "un_sample.xml"
# The `interdict` command, for the tests that compare with it (set by .ci/python).
BIN = os.environ.get("INTERDICT_BIN")


@pytest.fixture(scope="module")
def screener():
    return interdict.Screener.from_files([str(SAMPLE)])


def test_a_listed_name_is_found_with_its_reference_and_explanation(screener):
    results = screener.screen("Hafiz Mohammed Saeed")
    assert results[0]["ref"] == "QDi.263"
    assert results[0]["match"] is True
    assert results[0]["explanation"]
    assert screener.screen("Margaret Olsen") == []


def test_records_use_date_of_birth_and_country(screener):
    plain = screener.screen({"name": "Hafiz Saeed"})
    confirmed = screener.screen({"name": "Hafiz Saeed", "dob": "1950", "country": "pk"})
    wrong = screener.screen({"name": "Hafiz Saeed", "dob": "1990-01-01", "country": "se"})
    score = lambda rs: rs[0]["score"] if rs else 0.0
    assert score(confirmed) > score(plain) > score(wrong)


def test_a_list_of_queries_gives_results_in_order(screener):
    many = screener.screen(["Lashkar e Tayyiba", "Jon Moss", "Jaamat-u-Dawa"])
    assert [len(r) > 0 for r in many] == [True, False, True]
    assert many[2][0]["ref"] == "QDe.118"


def test_threshold_limit_and_bad_arguments(screener):
    assert screener.screen("Hafiz Saeed", threshold=0.99)[0]["match"] is False
    assert len(screener.screen("Saeed", limit=1, min_score=0.0)) <= 1
    with pytest.raises(ValueError, match="threshold must be between 0 and 1"):
        screener.screen("x", threshold=2)
    with pytest.raises(TypeError, match="expected a name"):
        screener.screen(42)
    with pytest.raises(ValueError, match="name"):
        screener.screen({"dob": "1950"})


def test_record_batches_are_screened_row_by_row(screener):
    batch = pa.record_batch(
        {
            "customer_id": ["c1", "c2", "c3"],
            "Full Name": ["Hafiz Muhammad Saeed", "Margaret Olsen", None],
            "dob": ["1950", None, "1970"],
        }
    )
    out = screener.screen_arrow(batch, first_row=100).to_pydict()
    assert out["row"] == [100, 101, 102]
    assert out["id"] == ["c1", "c2", "c3"]
    assert out["ref"] == ["QDi.263", None, None]
    assert out["match"] == [True, False, False]
    assert json.loads(out["results"][0])[0]["entity_id"] == out["entity_id"][0]
    # A row without a name is not screened, and says so.
    assert "no name" in out["warnings"][2]


def test_a_batch_without_a_name_column_is_refused(screener):
    with pytest.raises(ValueError, match="dob"):
        screener.screen_arrow(pa.record_batch({"dob": ["1950"]}))


def test_texts_are_scanned_for_listed_names(screener):
    mentions = screener.scan("A donation for Jamaat ud Dawa flood relief was sent.")
    assert [(m["ref"], m["text"]) for m in mentions] == [("QDe.118", "Jamaat ud Dawa")]


def test_a_saved_snapshot_screens_alike(screener, tmp_path):
    path = tmp_path / "lists.index"
    screener.save_snapshot(str(path))
    again = interdict.Screener.from_snapshot(str(path))
    assert again.lists == screener.lists
    assert again.screen("LASHKAR E-TAIBA") == screener.screen("LASHKAR E-TAIBA")


def test_load_errors_name_the_file(tmp_path):
    with pytest.raises(interdict.InterdictError, match="nonexistent.xml"):
        interdict.Screener.from_files([str(tmp_path / "nonexistent.xml")])
    bad = tmp_path / "bad.index"
    bad.write_bytes(b"not an index")
    with pytest.raises(interdict.InterdictError, match="bad.index"):
        interdict.Screener.from_snapshot(str(bad))
    with pytest.raises(interdict.InterdictError, match="no lists are imported"):
        interdict.Screener.from_data_dir(str(tmp_path))


def test_threads_share_one_screener(screener):
    names = ["Hafiz Mohammed Saeed", "Lashkar e Tayyiba", "Jon Moss", "Zaki ur Rehman"] * 50
    alone = [screener.screen(n) for n in names]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(screener.screen, names))
    assert together == alone


@pytest.mark.skipif(not BIN, reason="INTERDICT_BIN is not set (the interdict command)")
def test_a_data_directory_and_the_command_give_the_same_results(tmp_path):
    data = tmp_path / "data"
    subprocess.run([BIN, "--data-dir", str(data), "lists", "import", str(SAMPLE)], check=True)
    screener = interdict.Screener.from_data_dir(str(data))
    assert screener.lists[0]["list"] == "un-sc"
    customers = tmp_path / "customers.csv"
    customers.write_text(
        "id,name,dob,country\n"
        "c1,Hafiz Mohammed Saeed,1950,pk\n"
        "c2,Lashkar e Tayyiba,,\n"
        "c3,Margaret Olsen,1970-01-01,gb\n"
        "c4,Zaki ur Rehman Lakhvi,,pk\n"
    )
    output = tmp_path / "out.jsonl"
    subprocess.run(
        [BIN, "--data-dir", str(data), "screen", "--input", str(customers), "--output", str(output)],
        check=True,
    )
    command = [json.loads(line)["results"] for line in output.read_text().splitlines()]
    import pyarrow.csv

    batch = pyarrow.csv.read_csv(customers).to_batches()[0]
    ours = [json.loads(r) for r in screener.screen_arrow(batch).column("results").to_pylist()]
    assert ours == command
    assert command[0][0]["ref"] == "QDi.263"
