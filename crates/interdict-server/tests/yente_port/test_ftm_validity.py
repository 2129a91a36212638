"""Every entity interdict hands out is valid FollowTheMoney, checked with the followthemoney
package: what the yente API serves (results, entities with their nested sanctions) and what
`interdict lists export` writes, for the project's fixture lists and, when the reference data
is beside the checkout (or INTERDICT_REFERENCE names it), for real official lists."""
import json
import os
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT, ftm_problems

FIXTURES = ROOT / "crates" / "interdict-lists" / "tests" / "fixtures"
FIXTURE_LISTS = [ROOT / "examples" / "un_sample.xml"] + [
    FIXTURES / name
    for name in [
        "au_dfat.xlsx", "bis_dpl.txt", "ca_sema.xml", "eu_fsf_sample.csv", "eu_fsf_sample.xml",
        "eu_journal.csv", "ftm_entities.json", "ftm_nested.json", "ftm_ownership.json", "ofac_csv", "ofac_enhanced.xml",
        "ofac_sdn.xml", "os_targets.simple.csv", "uk_conlist.csv", "uk_sanctions_list.csv",
        "uk_sanctions_list.xml", "un_quirks.xml",
    ]
]
REFERENCE = Path(os.environ.get("INTERDICT_REFERENCE", ROOT.parent / "shared")) / "data"
REAL_LISTS = [
    "un/un_consolidated_2025-04-19.xml",
    "ofac/legacy_csv_2021-07",
    "ofac/consolidated_non_sdn_xml/cons_2026-01-08.xml",
    "uk/ofsi_conlist_csv_2018-04-13.csv",
    "canada/sema_consolidated_autonomous_2025-03-20.xml",
    "australia/dfat_regulation8_consolidated_2024-11-11.xlsx",
    "eu/opensanctions_eu_journal_32002R0881_alqaida.csv",
]


def exported(path):
    """The entities `interdict lists export` writes for one list file."""
    binary = os.environ.get("INTERDICT_BIN", str(ROOT / "target" / "debug" / "interdict"))
    env = dict(os.environ, INTERDICT_DATA=str(ROOT / "target" / "yente-port-empty-data"))
    out = subprocess.run(
        [binary, "lists", "export", "--list", str(path)],
        env=env, capture_output=True, text=True, check=True,
    ).stdout
    return [json.loads(line) for line in out.splitlines()]


def summary(entities):
    """Problems counted by kind, with one example each."""
    counts, example = Counter(), {}
    for e in entities:
        for kind, value in ftm_problems(e):
            counts[kind] += 1
            example.setdefault(kind, (e["id"], value))
    return {kind: (n, example[kind]) for kind, n in counts.items()}


@pytest.mark.parametrize("path", FIXTURE_LISTS, ids=lambda p: p.name)
def test_exported_fixture_lists_are_valid(path):
    entities = exported(path)
    assert entities, path
    assert summary(entities) == {}


@pytest.mark.parametrize("name", REAL_LISTS)
def test_exported_official_lists_are_valid(name):
    path = REFERENCE / name
    if not path.exists():
        pytest.skip(f"reference data not found: {path} (set INTERDICT_REFERENCE)")
    entities = exported(path)
    assert len(entities) > 100, name
    assert summary(entities) == {}


def test_served_entities_are_valid(client):
    found = client.get("/search/default", params={"limit": 500}).json()["results"]
    assert len(found) > 5
    for result in found:
        assert ftm_problems(result) == [], result["id"]
        nested = client.get(f"/entities/{result['id']}").json()
        assert ftm_problems(nested) == [], result["id"]
        assert nested["properties"]["sanctions"], result["id"]
