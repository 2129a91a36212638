"""yente's tests/test_entity.py, ported to the fixture lists."""
import pytest

from conftest import assert_entity_shape


def test_entity_404(client):
    assert client.get("/entities/banana").status_code == 404


def test_entity_fetch(client):
    res = client.get("/entities/un-sc-114076")
    assert res.status_code == 200, res.text
    data = res.json()
    assert_entity_shape(data)
    assert data["schema"] == "Organization"
    assert "un_sc_sanctions" in data["datasets"]


def test_entity_fetch_referents(client):
    data = client.get("/entities/un-sc-114076").json()
    assert "gb-hmt-7241" in data["referents"], data["referents"]
    assert data["datasets"] == ["un_sc_sanctions", "gb_hmt_sanctions"], data["datasets"]
    # The UK entry, fetched by its own id, stands alone in its own list.
    uk = client.get("/entities/gb-hmt-7241").json()
    assert uk["datasets"] == ["gb_hmt_sanctions"] and uk["referents"] == [], uk


def test_entity_not_nested(client):
    data = client.get("/entities/un-sc-114076?nested=false").json()
    assert "sanctions" not in data["properties"]


def test_entity_nested(client):
    data = client.get("/entities/un-sc-114076").json()
    sanction = data["properties"]["sanctions"][0]
    assert isinstance(sanction, dict)
    assert_entity_shape(sanction)
    assert sanction["schema"] == "Sanction"
    assert sanction["properties"]["entity"] == ["un-sc-114076"]
    assert sanction["properties"]["authority"] == ["United Nations Security Council"]


def test_adjacent(client):
    res = client.get("/entities/un-sc-114076/adjacent")
    assert res.status_code == 200
    data = res.json()
    assert data["entity"]["caption"] == "LASHKAR-E-TAYYIBA"
    sanctions = data["adjacent"]["sanctions"]
    assert sanctions["total"]["value"] == len(sanctions["results"]) >= 1
    assert sanctions["limit"] == 10 and sanctions["offset"] == 0
    assert sanctions["results"][0]["schema"] == "Sanction"


def test_adjacent_limit(client):
    data = client.get("/entities/gb-hmt-9999/adjacent?limit=0").json()
    assert data["adjacent"]["sanctions"]["results"] == []
    assert data["adjacent"]["sanctions"]["total"]["value"] >= 1


def test_adjacent_prop(client):
    res = client.get("/entities/un-sc-114076/adjacent/sanctions")
    assert res.status_code == 200
    assert res.json()["results"][0]["schema"] == "Sanction"
    assert client.get("/entities/un-sc-114076/adjacent/banana").status_code == 404


def test_adjacent_prop_offset(client):
    data = client.get("/entities/un-sc-114076/adjacent/sanctions?offset=5").json()
    assert data["results"] == [] and data["offset"] == 5


def test_adjacent_offset(client):
    # yente's fixture has two addresses and two payments; here LASHKAR-E-TAYYIBA has two
    # sanctions, the UN's and the UK's folded into it: the second of them, one per page.
    data = client.get("/entities/un-sc-114076/adjacent?limit=1&offset=1").json()
    sanctions = data["adjacent"]["sanctions"]
    assert len(sanctions["results"]) == 1
    assert sanctions["total"]["value"] == 2
    assert sanctions["limit"] == 1 and sanctions["offset"] == 1
    assert sanctions["results"][0]["properties"]["authorityId"] == ["7241"], sanctions


def test_adjacent_prop_limit(client):
    data = client.get("/entities/un-sc-114076/adjacent/sanctions?limit=1").json()
    assert data["limit"] == 1
    assert len(data["results"]) == 1
    assert data["total"]["value"] == 2
    assert data["results"][0]["properties"]["unscId"] == ["QDe.118"], data
