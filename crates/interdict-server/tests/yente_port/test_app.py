"""yente's tests/test_app.py, ported."""


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
