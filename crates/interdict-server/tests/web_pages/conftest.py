"""The analysts' pages in a real browser: Debian's Chromium, headless, driven by Playwright.

Each server runs on a fresh data directory holding the UN sample list (and a later version of
it made from it, see next_un_version), the UK ConList fixture
(whose LASHKAR-E-TAYYIBA quotes QDe.118), a hand-written FollowTheMoney entry whose names are
HTML (hostile.ftm.json) and a customer book (customers.csv) screened into alerts. Screenshots
of every page go to target/web-screenshots. Run by .ci/web-pages.
"""
import os
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]
BINARY = os.environ.get("INTERDICT_BIN", str(ROOT / "target" / "debug" / "interdict"))
SHOTS = ROOT / "target" / "web-screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Flags Chromium needs on a machine with no network, no sandbox and no display; Playwright adds
# --headless and gives every launch a fresh profile (its own --user-data-dir).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]


def run(*args, data):
    subprocess.run([BINARY, "--data-dir", str(data), *args], check=True, capture_output=True)


def next_un_version(folder):
    """A later version of the UN sample: published 2025-05-02, one alias added to Hafiz
    Muhammad Saeed (QDi.263) and Ko Tae Hun (KPi.025) delisted."""
    text = (ROOT / "examples" / "un_sample.xml").read_text(encoding="utf-8")
    text = text.replace('dateGenerated="2025-04-19', 'dateGenerated="2025-05-02')
    alias = "<ALIAS_NAME>Hafiz Ji</ALIAS_NAME></INDIVIDUAL_ALIAS>"
    text = text.replace(alias, alias + "\n      <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY>"
                        "<ALIAS_NAME>Hafiz Sayeed</ALIAS_NAME></INDIVIDUAL_ALIAS>")
    start = text.index("<DATAID>6908512</DATAID>")
    start = text.rindex("<INDIVIDUAL>", 0, start)
    end = text.index("</INDIVIDUAL>", start) + len("</INDIVIDUAL>")
    path = Path(folder) / "un_next.xml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    return path


class Server:
    """`interdict serve` on its own data directory and port."""

    def __init__(self, extra=()):
        self.dir = tempfile.TemporaryDirectory()
        data = Path(self.dir.name) / "data"
        run("lists", "import", str(ROOT / "examples" / "un_sample.xml"),
            str(ROOT / "crates" / "interdict-lists" / "tests" / "fixtures" / "uk_conlist.csv"),
            str(HERE / "hostile.ftm.json"), data=data)
        run("monitor", "add", "--input", str(HERE / "customers.csv"), data=data)
        run("lists", "import", str(next_un_version(self.dir.name)), data=data)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.base = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [BINARY, "--data-dir", str(data), "serve", "--bind", f"127.0.0.1:{port}", *extra],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        for _ in range(300):
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.dir.cleanup()


@pytest.fixture(scope="session")
def server():
    s = Server()
    yield s
    s.stop()


@pytest.fixture(scope="session")
def keyed_server():
    keys = tempfile.NamedTemporaryFile("w", suffix=".keys", delete=False)
    keys.write("analyst-key-1\n")
    keys.close()
    s = Server(["--api-key-file", keys.name])
    yield s
    s.stop()
    os.unlink(keys.name)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    p = context.new_page()
    p.dialogs = []
    p.on("dialog", lambda d: (p.dialogs.append(d.message), d.dismiss()))
    yield p
    context.close()


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
