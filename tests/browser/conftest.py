"""A headless Debian Chromium driven by playwright; the tests skip (with the reason) when it is absent."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]

# the report samples live with the report unit tests
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium (apt-get install chromium; scripts/test.sh does it as root)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


class Opened:
    """A page with what it logged and asked the network for."""

    def __init__(self, page, url: str):
        self.page, self.url = page, url
        self.errors: list[str] = []
        self.requests: list[str] = []


@pytest.fixture
def open_report(browser, tmp_path):
    """Write HTML bytes to a file, open it, and record console errors, page errors and requests."""
    opened: list[Opened] = []

    def open_(html: bytes, name: str = "report.html", width: int = 1400, height: int = 900) -> Opened:
        path = tmp_path / name
        path.write_bytes(html)
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        result = Opened(page, path.as_uri())
        page.on("console", lambda m: result.errors.append(f"console.{m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: result.errors.append(f"pageerror: {e}"))
        page.on("request", lambda r: result.requests.append(r.url))
        page.on("dialog", lambda d: (result.errors.append(f"dialog: {d.message}"), d.dismiss()))
        page.goto(result.url)
        page.wait_for_selector("body[data-ready='1']")
        opened.append(result)
        return result

    yield open_
    for result in opened:
        result.page.context.close()
