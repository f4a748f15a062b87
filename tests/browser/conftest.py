"""Real-browser fixtures: Debian's chromium driven by Playwright, with the network closed.

The sites are the ones built once per test run for every test that reads them
(tests/conftest.py): the offline copy (OFFLINE=true, opened from file://) and the
local site (served on 127.0.0.1).
Outside CI the browser tests are skipped when chromium or playwright is missing; in
CI (CI=true) that is an error, so a green CI always means the browser tests ran.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from browser_support import AXE, CHROMIUM, CHROMIUM_ARGS, ROOT, QuietServer


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items):
    """Every test in this folder drives the browser: marked `browser`, so that `-m "not browser"`
    (the fast lane, README) leaves them out."""
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.browser)


def _missing() -> str | None:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -r requirements-dev.txt)"
    if not Path(CHROMIUM).exists():
        return "Debian's chromium is not installed (apt-get install chromium)"
    if not (ROOT / "node_modules" / "iframe-worker").exists() or not AXE.exists():
        return "npm packages are not installed (npm ci)"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def offline_site(browser, offline_copy) -> Path:
    return offline_copy


@pytest.fixture(scope="session")
def online_url(browser, local_site):
    handler = functools.partial(_QuietHandler, directory=str(local_site))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Visit:
    """A page with every request outside the allowed origin blocked and recorded."""

    def __init__(self, browser, allowed_prefix: str, bypass_csp: bool = False):
        # bypass_csp: for tests that inject a tool of their own (axe) into the page, which the
        # site's Content-Security-Policy would rightly refuse as an inline script.
        self.context = browser.new_context(bypass_csp=bypass_csp)
        self.page = self.context.new_page()
        self.blocked: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route(allowed_prefix))
        self.page.on("requestfailed", self._failed)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _failed(self, request):
        # Chromium fetches the favicon on its own, after the page, and the theme fetches the
        # search configuration (search_index.json) as the page starts; both are cancelled
        # (net::ERR_ABORTED) when a test moves to the next page first: a race of the browser's,
        # not a failure of the site (it made the suite fail now and then under load).
        if request.failure == "net::ERR_ABORTED" and request.url.endswith(("/favicon.png", "/search_index.json")):
            return
        self.failed.append(f"{request.url} ({request.failure})")

    def _route(self, allowed_prefix):
        def route(r):
            if r.request.url.startswith(allowed_prefix):
                r.continue_()
            else:
                self.blocked.append(r.request.url)
                r.abort()
        return route

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser):
    opened = []

    def open_visit(allowed_prefix: str, bypass_csp: bool = False) -> Visit:
        v = Visit(browser, allowed_prefix, bypass_csp)
        opened.append(v)
        return v

    yield open_visit
    for v in opened:
        v.close()


@pytest.fixture
def audit_pages(browser):
    """Two browser pages (two renderer processes) for the walks of site_audit.py's checks."""
    contexts = [browser.new_context(bypass_csp=True), browser.new_context(bypass_csp=True)]  # axe is injected
    yield [context.new_page() for context in contexts]
    for context in contexts:
        context.close()
