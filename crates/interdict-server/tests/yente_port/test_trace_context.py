"""yente's tests/test_trace_context.py, ported: W3C trace context on every answer. yente names
itself `yente=` in `tracestate`; interdict names itself `interdict=`."""
import re


def test_trace_context(client):
    # Works when receiving a valid trace context
    headers = {
        "traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        "tracestate": "rojo=00f067aa0ba902b7",
    }
    parent_pat = re.compile(r"00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01")
    state_pat = re.compile(r"interdict=[0-9a-f]{16},\s?rojo=00f067aa0ba902b7")
    res = client.get("/search/default?q=hafiz saeed", headers=headers)
    assert parent_pat.match(res.headers["traceparent"]), res.headers
    assert state_pat.match(res.headers["tracestate"]), res.headers
    # Works when not receiving a trace context
    res = client.get("/search/default?q=hafiz saeed")
    assert re.match(r"00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}", res.headers["traceparent"])
    assert re.match(r"interdict=[0-9a-f]{16}$", res.headers["tracestate"])
    # Works with a broken trace context (yente's test forgets to send it; this one does)
    headers = {
        "traceparent": "ff-0af7651916cd43dd8448eb211c80319c-0000000000000000-01",
        "tracestate": "rojo=00f067aa0ba902b7",
    }
    res = client.get("/search/default?q=hafiz saeed", headers=headers)
    assert re.match(r"00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}", res.headers["traceparent"])
    assert "0af7651916cd43dd8448eb211c80319c" not in res.headers["traceparent"]
    assert re.match(r"interdict=[0-9a-f]{16}$", res.headers["tracestate"])
