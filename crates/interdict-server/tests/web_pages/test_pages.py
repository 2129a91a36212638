"""What an analyst does on the pages, in a real browser."""
import urllib.error
import urllib.parse
import urllib.request

from conftest import shot


def test_search_shows_the_listing_and_its_explanation(server, page):
    page.goto(server.base + "/")
    # The name field has the focus: the analyst types at once.
    page.wait_for_function("document.activeElement && document.activeElement.name === 'name'")
    page.keyboard.type("Lashkar e Tayyiba")
    page.keyboard.press("Enter")
    page.wait_for_selector("ol.results")
    first = page.locator("li.result").first
    assert "QDe.118" in first.inner_text()
    assert "LASHKAR-E-TAYYIBA" in first.inner_text()
    # Other lists' entries for the same target sit under the UN's.
    assert "gb-hmt" in first.locator("ul.also").inner_text()
    rows = first.locator("table.pairs tbody tr")
    assert rows.count() >= 3
    assert "same word" in rows.first.inner_text()
    shot(page, "search")


def test_an_explanation_draws_rules_and_attributes(server, page):
    query = urllib.parse.urlencode({"name": "Hafiz Mohammad Sayeed", "dob": "1950-06-05", "country": "ES"})
    page.goto(f"{server.base}/?{query}")
    first = page.locator("li.result").first
    assert "QDi.263" in first.inner_text()
    rules = first.locator("table.pairs tbody tr td:nth-child(3)").all_inner_texts()
    assert any(r != "same word" for r in rules), rules
    attributes = first.locator("ul.attributes").inner_text()
    assert "Date of birth +" in attributes and "Country −" in attributes, attributes


def test_the_entity_page_has_every_name_and_the_other_lists(server, page):
    page.goto(server.base + "/?name=Lashkar+e+Tayyiba")
    page.locator("li.result h2 a").first.click()
    page.wait_for_selector("h1")
    text = page.inner_text("main")
    assert "LASHKAR-E-TAYYIBA" in page.inner_text("h1")
    assert "QDe.118" in text and "Jamaat-ud-Dawa" in text, text
    assert "gb-hmt" in text, text
    # Its remarks name QDi.263, whose own remarks say he leads it: the tree says so, with the
    # sentence it was read from, and the link leads to that entry.
    saeed = page.locator("ul.links li", has_text="HAFIZ MUHAMMAD SAEED").first
    assert "led by" in saeed.inner_text(), saeed.inner_text()
    assert "Leader of Lashkar-e-Tayyiba (QDe.118)" in saeed.locator(".source").first.inner_text()
    page.locator("ul.links a", has_text="HAFIZ MUHAMMAD SAEED").click()
    page.wait_for_selector("h1")
    assert "HAFIZ MUHAMMAD SAEED" in page.inner_text("h1")
    page.go_back()
    shot(page, "entity")


def test_deciding_an_alert_takes_it_out_of_the_queue_into_the_audit(server, page):
    page.goto(server.base + "/ui/alerts")
    queue = page.inner_text("table.queue")
    assert "c2" in queue and "LASHKAR-E-TAYYIBA" in queue, queue
    shot(page, "alerts")
    row = page.locator("table.queue tr", has_text="c2")
    alert_id = row.locator("a").first.inner_text().lstrip("#")
    row.locator("a").first.click()
    page.wait_for_selector("form.decide")
    assert "Jamaat ud Dawa" in page.inner_text(".side-by-side")
    # The listed group's links are beside the decision: its leader, from his own entry.
    assert "HAFIZ MUHAMMAD SAEED" in page.inner_text("ul.links"), page.inner_text("main")
    shot(page, "alert")
    page.check("input[value=false-positive]")
    page.fill("textarea[name=reason]", "A charity of the same name in another country; checked registration")
    page.fill("input[name=by]", "analyst.one")
    page.click("form.decide button")
    page.wait_for_selector("p.notice")
    assert f"Alert {alert_id} decided" in page.inner_text("p.notice")
    assert f"#{alert_id}" not in page.inner_text("main")
    page.goto(f"{server.base}/ui/audit?alert={alert_id}")
    audit = page.inner_text("main")
    assert "The audit chain is whole" in audit, audit
    assert "decision" in audit and "analyst.one" in audit, audit
    shot(page, "audit")
    page.goto(f"{server.base}/ui/alerts?state=false-positive")
    assert f"#{alert_id}" in page.inner_text("table.queue")


def test_a_decision_needs_a_reason(server, page):
    page.goto(server.base + "/ui/alerts")
    page.locator("table.queue a").first.click()
    alert_url = page.url
    page.check("input[value=escalated]")
    page.fill("input[name=by]", "analyst.two")
    page.click("form.decide button")
    # The browser refuses the empty reason before sending it ...
    assert page.url == alert_url
    # ... and so does the server when a browser sends it anyway.
    page.eval_on_selector("textarea[name=reason]", "e => e.removeAttribute('required')")
    page.fill("textarea[name=reason]", "   ")
    page.click("form.decide button")
    page.wait_for_selector("p.error")
    assert "needs what the alert is, a reason" in page.inner_text("p.error")
    page.goto(server.base + "/ui/alerts")
    assert alert_url.rsplit("/", 1)[1] in page.inner_text("table.queue")


def test_a_decision_without_the_page_token_is_refused(server):
    body = urllib.parse.urlencode({"as": "true-match", "reason": "forged", "by": "x"}).encode()
    request = urllib.request.Request(server.base + "/ui/alerts/1", data=body, method="POST")
    try:
        urllib.request.urlopen(request)
        raise AssertionError("a forged decision was accepted")
    except urllib.error.HTTPError as e:
        assert e.code == 403, e.code


def test_list_text_is_shown_never_run(server, page):
    page.goto(server.base + "/?name=Hostile+Entry")
    page.wait_for_selector("ol.results")
    assert "<script>alert(1)</script> Hostile Entry" in page.inner_text("ol.results")
    page.locator("li.result h2 a").first.click()
    page.wait_for_selector("h1")
    assert "<script>alert(1)</script>" in page.inner_text("h1")
    assert "<img src=x onerror=alert(2)> Hostile" in page.inner_text("main")
    page.goto(server.base + "/ui/alerts")
    assert "<script>alert(4)</script>" in page.inner_text("main") or "Hostile" in page.inner_text("main")
    assert page.dialogs == [], page.dialogs
    assert page.locator("script").count() == 0


def test_the_lists_page_names_versions_counts_and_the_last_change(server, page):
    page.goto(server.base + "/ui/lists")
    text = page.inner_text("table.queue")
    assert "un-sc" in text and "2025-05-02" in text and "gb-hmt" in text, text
    change = page.inner_text("section.diff")
    assert "un-sc 2025-04-19 → 2025-05-02: 0 added, 1 removed, 1 changed" in change, change
    assert "removed: KO TAE HUN KPi.025" in change and "changed: HAFIZ MUHAMMAD SAEED" in change, change
    shot(page, "lists")


def test_an_entity_history_shows_what_changed_in_each_version(server, page):
    page.goto(server.base + "/ui/entity/un-sc:2833107")
    page.click("text=History across the stored versions")
    rows = page.locator("table.queue tbody tr").all_inner_texts()
    assert len(rows) == 2, rows
    assert "2025-04-19" in rows[0] and "first listed" in rows[0], rows
    assert "2025-05-02" in rows[1] and "Hafiz Sayeed" in rows[1], rows


def test_pages_are_light(server):
    total = 0
    for path in ["/?name=Lashkar+e+Tayyiba", "/ui/app.css"]:
        with urllib.request.urlopen(server.base + path) as r:
            total += len(r.read())
    assert total < 200_000, total


def test_with_api_keys_the_page_asks_once_and_keeps_a_session(keyed_server, page):
    page.goto(keyed_server.base + "/")
    assert page.url.endswith("/ui/login")
    page.fill("input[name=key]", "wrong")
    page.click("form button")
    assert "not valid" in page.inner_text("main")
    page.fill("input[name=key]", "analyst-key-1")
    page.click("form button")
    page.wait_for_selector("form.search")
    cookie = [c for c in page.context.cookies() if c["name"] == "interdict_session"][0]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict", cookie
    page.goto(keyed_server.base + "/ui/alerts")
    assert "table" in page.content()
    # The API itself still wants the key.
    try:
        urllib.request.urlopen(keyed_server.base + "/search/default?q=x")
        raise AssertionError("the API answered without a key")
    except urllib.error.HTTPError as e:
        assert e.code == 401
