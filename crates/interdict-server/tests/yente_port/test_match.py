"""yente's tests/test_match.py, ported: Alexander Zakharov becomes Hafiz Muhammad Saeed (UN
QDi.263), the zala dataset the fixture lists."""
import pytest

from conftest import assert_entity_shape

SAEED = "un-sc-2833107"
QUERY_SAEED = {
    "schema": "Person",
    "properties": {
        "name": ["Hafiz Muhammad SAEED"],
        "birthDate": ["1950"],
        "country": "Pakistan",
    },
}


def test_match_zakharov(client):
    query = {"queries": {"vv": QUERY_SAEED, "xx": QUERY_SAEED, "zz": QUERY_SAEED}}
    resp = client.post("/match/default", json=query)
    assert resp.status_code == 200, resp.text
    res = resp.json()["responses"]["vv"]
    assert res["query"]["schema"] == "Person"
    assert res["total"]["value"] > 0, res["total"]
    res0 = res["results"][0]
    assert res0["id"] == SAEED, res0
    assert_entity_shape(res0)


def test_match_query_echo_has_country_codes(client):
    query = dict(QUERY_SAEED, properties=dict(QUERY_SAEED["properties"], banana=["x"], birthDate=["1950", "soon"]))
    resp = client.post("/match/default", json={"queries": {"vv": query}})
    echo = resp.json()["responses"]["vv"]["query"]
    assert echo["properties"]["country"] == ["pk"], echo
    assert echo["properties"]["birthDate"] == ["1950"], echo
    assert "banana" not in echo["properties"], echo


def test_match_zakharov_name_based_mode(client):
    query = {"queries": {"vv": QUERY_SAEED}}
    assert client.post("/match/default", json=query, params={"algorithm": "neural-net"}).status_code in (400, 422)
    resp = client.post("/match/default", json=query, params={"algorithm": "name-based"})
    assert resp.status_code == 200, resp.text
    res0 = resp.json()["responses"]["vv"]["results"][0]
    assert res0["id"] == SAEED and res0["score"] > 0.70, res0


def test_match_no_schema(client):
    query = {"queries": {"fail": {"properties": {"name": "Banana"}}}}
    assert client.post("/match/default", json=query).status_code == 422
    query = {
        "queries": {
            "fail": {"schema": "xxx", "properties": {"name": "Banana"}},
            "ok1": {"schema": "Person", "properties": {"name": ["Hafiz Saeed"]}},
        }
    }
    assert client.post("/match/default", json=query).status_code == 400


def test_match_many_names(client):
    names = ["Hafiz Muhammad Saeed", "Hafez Mohammad Saeed", "حافظ محمد سعيد", "Hafiz Mohammad Sayeed"]
    query = {"queries": {"q": {"schema": "Person", "properties": {"name": names}}}}
    res = client.post("/match/default", json=query).json()["responses"]["q"]
    assert res["results"][0]["id"] == SAEED, res


def test_match_many_names_logic_v1(client):
    names = ["Hafiz Muhammad Saeed", "Hafez Mohammad Saeed", "حافظ محمد سعيد", "Hafiz Mohammad Sayeed"]
    query = {"queries": {"q": {"schema": "Person", "properties": {"name": names}}}}
    res = client.post("/match/default", json=query, params={"algorithm": "logic-v1"})
    assert res.status_code == 200, res.text
    results = res.json()["responses"]["q"]["results"]
    assert len(results) > 0, results
    res = client.post("/match/default", json=query, params={"fuzzy": "false", "algorithm": "logic-v1"})
    assert res.status_code == 200, res.text
    assert len(res.json()["responses"]["q"]["results"]) == len(results)


def test_match_exclude_dataset(client):
    query = {"queries": {"q": QUERY_SAEED}}
    res = client.post("/match/default", json=query, params={"exclude_dataset": "un_sc_sanctions"}).json()
    assert all(r["id"] != SAEED for r in res["responses"]["q"]["results"])


def test_match_include_dataset(client):
    query = {"queries": {"q": QUERY_SAEED}}
    res = client.post("/match/default", json=query, params={"include_dataset": "un_sc_sanctions"}).json()
    assert res["responses"]["q"]["results"][0]["id"] == SAEED
    res = client.post("/match/default", json=query, params={"include_dataset": "mx_senators"}).json()
    assert res["responses"]["q"]["results"] == []


def test_match_logic_v2_with_algorithm_config(client):
    query = {"queries": {"q": QUERY_SAEED}, "config": {"nm_number_mismatch": 0.5}}
    resp = client.post("/match/default", json=query, params={"algorithm": "logic-v2"})
    assert resp.status_code == 200, resp.text


def test_filter_topic(client):
    query = {"queries": {"q": QUERY_SAEED}}
    res = client.post("/match/default", json=query, params={"topics": "crime.terror"}).json()
    assert res["responses"]["q"]["results"][0]["id"] == SAEED
    res = client.post("/match/default", json=query, params={"topics": "role.pep"}).json()
    assert res["responses"]["q"]["results"] == []


def test_id_pass_through(client):
    query = {"queries": {"q": dict(QUERY_SAEED, id="my-own-id")}}
    res = client.post("/match/default", json=query).json()
    assert res["responses"]["q"]["query"]["id"] == "my-own-id"


def test_match_name_without_spaces(client):
    query = {"queries": {"q": {"schema": "Organization", "properties": {"name": ["LashkarETayyiba"]}}}}
    resp = client.post("/match/default", json=query)
    assert resp.status_code == 200, resp.text


def test_fuzzy_names(client):
    query = {"queries": {"q": {"schema": "Organization", "properties": {"name": ["Lashkar e Taiba"]}}}}
    res = client.post("/match/default", json=query).json()["responses"]["q"]
    assert res["results"][0]["caption"] == "LASHKAR-E-TAYYIBA", res


def test_match_numeric_property_value(client):
    query = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Hafiz Saeed"], "birthDate": [1950]}}}}
    assert client.post("/match/default", json=query).status_code == 200


def test_exclude_entity_ids(client):
    query = {"queries": {"q": QUERY_SAEED}}
    res = client.post("/match/default", json=query, params={"exclude_entity_ids": SAEED}).json()
    assert all(r["id"] != SAEED for r in res["responses"]["q"]["results"])
