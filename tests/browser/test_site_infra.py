"""The site as GitHub Pages serves a project site (under /repo/, with SITE_URL set as the
workflow sets it) and as the offline copy opens from file://: the 404 page, dark mode,
search that finds readers' pages first and loads its index only when first used."""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import socket
import threading

import pytest

from browser_support import AXE, QuietServer
from support import mkdocs_build

SUB_PATH = "/repo/"
INTERNAL_NAME = re.compile(r"\b\d{3}_[0-9a-f]{6,}\.txt\b|\bseeds/|\b[\w-]+\.ya?ml\b")
QUERIES = ["Padrino", "Lopez", "Maduro"]


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """GitHub Pages for a project site: the site under /repo/, and its 404.html, with status
    404, for any address that has no file."""

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(SUB_PATH):
            return os.path.join(self.directory, "no such file")
        return super().translate_path("/" + path[len(SUB_PATH):])

    def send_error(self, code, message=None, explain=None):
        page = os.path.join(self.directory, "404.html")
        if code != 404 or not os.path.isfile(page):
            return super().send_error(code, message, explain)
        with open(page, "rb") as handle:
            body = handle.read()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def pages_url(tmp_path_factory, browser):
    """The online site built with SITE_URL=http://127.0.0.1:PORT/repo/ and served there."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}{SUB_PATH}"
    site = mkdocs_build(tmp_path_factory.mktemp("pages") / "site", SITE_URL=url)
    server = QuietServer(("127.0.0.1", port),
                                             functools.partial(_PagesHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url
    server.shutdown()


def _open(visit, kind, offline_site, pages_url, name="index", scheme=None):
    """A page of the offline copy (file://) or of the served site (under /repo/)."""
    if kind == "file":
        v = visit("file://")
        url = (offline_site / f"{name}.html").as_uri()
    else:
        v = visit(pages_url)
        url = pages_url + ("" if name == "index" else f"{name}/")
    if scheme:
        v.page.emulate_media(color_scheme=scheme)
    v.requests = []
    v.page.on("request", lambda r: v.requests.append(r.url))
    v.page.goto(url)
    v.page.wait_for_load_state("load")
    return v


def _results(page, query: str) -> list[dict]:
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=20000)
    return page.eval_on_selector_all(".md-search-result__item", """items => items.map(item => ({
        href: item.querySelector('a').href, text: item.innerText}))""")


@pytest.mark.parametrize("kind", ["file", "pages"])
def test_search_index_is_fetched_only_when_search_is_first_used(visit, offline_site, pages_url, kind):
    v = _open(visit, kind, offline_site, pages_url, "timeline")
    v.page.wait_for_timeout(1000)  # time enough for anything the page fetches by itself
    assert not [u for u in v.requests if "search_index.full" in u or "/workers/search." in u], v.requests
    assert _results(v.page, "Padrino")
    assert [u for u in v.requests if "search_index.full" in u]
    assert not v.blocked and not v.failed and not v.errors


@pytest.mark.parametrize("kind", ["file", "pages"])
def test_search_finds_readers_pages_first_and_no_internal_names(visit, offline_site, pages_url, kind):
    for query in QUERIES:
        v = _open(visit, kind, offline_site, pages_url)
        results = _results(v.page, query)
        assert not [r["href"] for r in results if re.search(r"/format(/|\.html)", r["href"])], query
        assert not [r["text"] for r in results if INTERNAL_NAME.search(r["text"])], query
        # A placeholder for a source's unnamed publisher never comes before a source page.
        kinds = ["placeholder" if r["text"].startswith("Unnamed publisher") else
                 "source" if "/sources/" in r["href"] else "other" for r in results]
        if "placeholder" in kinds and "source" in kinds:
            assert kinds.index("placeholder") > max(i for i, k in enumerate(kinds) if k == "source"), (query, kinds)
        assert not v.errors


def test_404_under_a_sub_path_is_styled_and_its_links_work(visit, pages_url):
    v = visit(pages_url)
    v.page.set_viewport_size({"width": 390, "height": 844})
    response = v.page.goto(pages_url + "no/such/page/")
    assert response.status == 404
    assert v.page.locator("h1").inner_text() == "Page not found · Página no encontrada"  # in both languages
    header = v.page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header not in ("rgba(0, 0, 0, 0)", "transparent")  # Material's stylesheet applies
    assert not v.failed and not v.errors
    v.page.click(".md-header [aria-label=Menu]")  # the phone menu opens (a button: accessibility.py)
    v.page.locator(".md-nav--primary a.md-nav__link", has_text=re.compile(r"^\s*Sources\s*$")).first.click()
    v.page.wait_for_load_state("load")
    assert v.page.url == pages_url + "sources/"
    assert v.page.locator("h1").inner_text().rstrip("¶") == "Sources"


@pytest.mark.parametrize("kind", ["file", "pages"])
def test_dark_mode_follows_the_system_and_the_toggle_switches_it(visit, offline_site, pages_url, kind):
    for system, scheme in (("dark", "slate"), ("light", "default")):
        v = _open(visit, kind, offline_site, pages_url, "timeline", scheme=system)
        assert v.page.evaluate("document.body.dataset.mdColorScheme") == scheme
    # The toggle: from following the system (light here) to light, to dark, remembered.
    v.page.click("label[for=__palette_1]:visible")
    v.page.click("label[for=__palette_2]:visible")
    assert v.page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    v.page.reload()
    assert v.page.evaluate("document.body.dataset.mdColorScheme") == "slate"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["index", "timeline", "sources/un-news-2025-10-10-un-urges-restraint",
                                  "corrections", "no/such/page"])
def test_no_serious_accessibility_violation_in_either_scheme(visit, pages_url, name, scheme):
    v = visit(pages_url, bypass_csp=True)  # axe is injected as an inline script, which the policy refuses
    v.page.emulate_media(color_scheme=scheme)
    v.page.goto(pages_url + f"{name}/")
    v.page.add_script_tag(path=str(AXE))
    result = json.loads(v.page.evaluate("async () => JSON.stringify(await axe.run(document))"))
    violations = [x for x in result["violations"] if x["impact"] in ("serious", "critical")]
    assert not violations, "\n".join(f"{x['id']}: {x['help']} at {[n['target'] for n in x['nodes']][:3]}"
                                     for x in violations)


@pytest.mark.parametrize("kind", ["file", "pages"])
def test_how_to_cite_gets_the_date_of_access(visit, offline_site, pages_url, kind):
    v = _open(visit, kind, offline_site, pages_url, "timeline")
    filled = v.page.locator("[data-access-date=iso]").inner_text()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", filled)
    assert "urldate      = {" + filled + "}" in v.page.locator(".page-about pre").inner_text()
