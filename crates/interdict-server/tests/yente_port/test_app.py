"""yente's tests/test_app.py, ported."""
import pytest


@pytest.mark.skip(reason="yente's branding: its GET / is a ReDoc page loaded from a CDN, checked for "
                  "subresource integrity; interdict's API reference (/docs) loads no outside script")
def test_redoc_has_sri(client):
    pass


def test_match_without_content_type_header(client):
    body = '{"queries": {"q": {"schema": "Person", "properties": {"name": ["Hafiz Saeed"]}}}}'
    res = client.request("POST", "/match/default", json_body=None, headers={})
    assert res.status_code in (400, 422)
    import urllib.request
    req = urllib.request.Request(client.base + "/match/default", data=body.encode(), method="POST")
    with urllib.request.urlopen(req, timeout=30) as r:
        assert r.status == 200


def test_max_url_length_rejects_oversized_query(client):
    assert client.get("/search/default?q=" + "a" * 20000).status_code == 414


def test_max_url_length_allows_normal_query(client):
    assert client.get("/search/default?q=" + "a" * 200).status_code == 200


def test_validation_errors_are_fastapi_lists(client):
    # yente (FastAPI) answers a request that does not validate with 422 and a list of errors,
    # each saying where; yente-client users read `detail[0]["msg"]`.
    for res in [
        client.get("/search/default?q=x&limit=banana"),
        client.get("/search/default?q=x&changed_since=yesterday"),
        client.post("/match/default", json=None),
    ]:
        assert res.status_code == 422, res.text
        detail = res.json()["detail"]
        assert isinstance(detail, list) and detail, detail
        assert {"type", "loc", "msg"} <= detail[0].keys(), detail
    assert client.get("/search/default?q=x&limit=banana").json()["detail"][0]["loc"] == ["query", "limit"]


def test_bad_requests_are_400(client):
    query = {"schema": "Person", "properties": {"name": ["Hafiz Saeed"]}}
    assert client.post("/match/default?algorithm=banana", json={"queries": {"q": query}}).status_code == 400
    assert client.post("/match/default", json={"queries": {}}).status_code == 400
    too_many = {"queries": {f"q{i}": query for i in range(101)}}
    assert client.post("/match/default", json=too_many).status_code == 400
    banana = {"queries": {"q": {"schema": "Banana", "properties": {"name": ["x"]}}}}
    assert client.post("/match/default", json=banana).status_code == 400


def test_method_not_allowed_has_a_body(client):
    res = client.request("DELETE", "/search/default")
    assert res.status_code == 405, res.text
    assert "detail" in res.json(), res.text
