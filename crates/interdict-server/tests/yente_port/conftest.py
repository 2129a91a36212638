"""yente's own API tests, ported to plain HTTP against `interdict serve`.

The server runs on the project's fixture lists: the UN sample (examples/un_sample.xml) and the
UK ConList fixture, whose LASHKAR-E-TAYYIBA quotes the UN reference QDe.118 and is folded into
it. Tests that check yente's branding or its own fixture datasets (zala, parteispenden) are
adapted to these lists; what cannot be adapted is said in the test file. Run by .ci/yente-port.
"""
import json
import re
from datetime import datetime
import os
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from followthemoney import model, registry
from followthemoney.dataset.util import dataset_name_check

ROOT = Path(__file__).resolve().parents[4]
LISTS = [
    ROOT / "examples" / "un_sample.xml",
    ROOT / "crates" / "interdict-lists" / "tests" / "fixtures" / "uk_conlist.csv",
]


class Response:
    """What a request got back: status, headers and JSON body (or text)."""

    def __init__(self, status, body, headers=None):
        self.status_code = status
        self.headers = headers or {}
        self.text = body
        try:
            self._json = json.loads(body)
        except ValueError:
            self._json = None

    def json(self):
        return self._json


class Client:
    """A small HTTP client in the shape of FastAPI's TestClient, which yente's tests use."""

    def __init__(self, base):
        self.base = base

    def request(self, method, path, params=None, json_body=None, headers=None, form=None):
        url = self.base + urllib.parse.quote(path, safe="/:?&=%+,")
        if params:
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode(params, doseq=True)
        data, h = None, {}
        if json_body is not None:
            data, h = json.dumps(json_body).encode(), {"content-type": "application/json"}
        elif form is not None:
            data = urllib.parse.urlencode(form).encode()
            h = {"content-type": "application/x-www-form-urlencoded"}
        h.update(headers or {})
        req = urllib.request.Request(url, data=data, method=method, headers=h)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return Response(r.status, r.read().decode(), r.headers)
        except urllib.error.HTTPError as e:
            return Response(e.code, e.read().decode(), e.headers)

    def get(self, path, params=None, headers=None):
        return self.request("GET", path, params=params, headers=headers)

    def post(self, path, json=None, params=None, data=None):
        """POST a JSON body (`json`) or a form (`data`), as TestClient does."""
        return self.request("POST", path, params=params, json_body=json, form=data)


@pytest.fixture(scope="session")
def client():
    binary = os.environ.get("INTERDICT_BIN", str(ROOT / "target" / "debug" / "interdict"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    args = [binary, "serve", "--bind", f"127.0.0.1:{port}"]
    for l in LISTS:
        args += ["--list", str(l)]
    env = dict(os.environ, INTERDICT_DATA=str(ROOT / "target" / "yente-port-empty-data"))
    server = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    c = Client(f"http://127.0.0.1:{port}")
    for _ in range(300):
        try:
            if c.get("/healthz").status_code == 200:
                break
        except OSError:
            pass
        time.sleep(0.1)
    yield c
    server.terminate()
    server.wait(timeout=10)


REQUIRED_ENTITY_KEYS = {
    "id", "caption", "schema", "properties", "datasets", "referents", "target",
    "first_seen", "last_seen", "last_change",
}


def ftm_problems(data):
    """What FollowTheMoney refuses in an entity (nested ones included): its id, schema,
    dataset names, referents, properties the schema lacks and values their type rejects."""
    problems = []
    if not isinstance(data.get("id"), str) or not registry.entity.validate(data["id"]):
        problems.append(("id", data.get("id")))
    schema = model.get(data.get("schema") or "")
    if schema is None:
        return problems + [("schema", data.get("schema"))]
    for name in data.get("datasets", []):
        try:
            dataset_name_check(name)
        except ValueError:
            problems.append(("dataset", name))
    for ref in data.get("referents", []):
        if not registry.entity.validate(ref):
            problems.append(("referent", ref))
    for prop, values in data.get("properties", {}).items():
        p = schema.get(prop)
        if p is None:
            problems.append((f"{schema.name}.{prop}", "no such property"))
            continue
        for value in values:
            if isinstance(value, dict):
                problems.extend(ftm_problems(value))
            elif not p.type.validate(value):
                problems.append((f"{schema.name}.{prop}", value))
    return problems


def assert_entity_shape(data):
    """yente's check of an entity's shape (conftest.assert_entity_shape): its keys, and
    everything in it valid for FollowTheMoney."""
    problems = ftm_problems(data)
    assert not problems, problems
    missing = REQUIRED_ENTITY_KEYS - data.keys()
    assert not missing, (missing, sorted(data.keys()))
    assert isinstance(data["id"], str) and data["id"], data["id"]
    assert isinstance(data["caption"], str) and data["caption"], data["caption"]
    assert isinstance(data["properties"], dict), data["properties"]
    for prop, values in data["properties"].items():
        assert isinstance(values, list), (prop, values)
        for value in values:
            if isinstance(value, dict):
                assert_entity_shape(value)
            else:
                assert isinstance(value, str), (prop, value)
    assert isinstance(data["datasets"], list) and data["datasets"], data["datasets"]
    assert isinstance(data["referents"], list), data["referents"]
    assert isinstance(data["target"], bool), data["target"]
    for key in ("first_seen", "last_seen", "last_change"):
        if data[key] is not None:
            assert_iso_seconds_no_tz(data[key])


def assert_iso_seconds_no_tz(value):
    """yente's timestamps: ISO seconds, no time zone, no fraction."""
    assert isinstance(value, str), (type(value), value)
    assert re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$", value), value
    parsed = datetime.fromisoformat(value)
    assert parsed.tzinfo is None and parsed.isoformat() == value, value
