"""The Content-Security-Policy (plugin/record_site/security.py) in the real browser, online and from file://.

No page reports a violation, search still works under the policy (from file:// its worker
runs in the iframe-worker shim's iframe, whose inline script the policy allows by hash),
and a handler or javascript: link that got into a page anyway does not run.
"""

from __future__ import annotations

import re

import pytest

from test_reader import _file_url, _search

# Each kind of page: home, timeline, actor, legal question, source, figures with its chart, exports.
PAGES = ["index", "timeline", "actors/nicolas-maduro", "legal/extrajudicial-killing-claims",
         "sources/un-news-2025-10-10-un-urges-restraint", "figures", "exports"]
# Every frame's violations, as the browser reports them; Chromium also logs each one to the console.
LISTEN = ("document.addEventListener('securitypolicyviolation', e => { (window.top.__violations ="
          " window.top.__violations || []).push(`${e.violatedDirective} ${e.blockedURI}`) }, true)")
INJECTED = ('<img id="injected" src="missing.png" onerror="document.title=\'pwned\'">'
            '<a id="injected-link" href="javascript:document.title=\'pwned\'">x</a>')


class Watched:
    """A visit that also records every CSP violation: the page's events and the console's reports."""

    def __init__(self, visit, allowed_prefix: str):
        self.visit = visit(allowed_prefix)
        self.page = self.visit.page
        self.console: list[str] = []
        self.page.on("console", lambda m: self.console.append(m.text))
        self.page.add_init_script(LISTEN)

    def violations(self) -> list[str]:
        reported = self.page.evaluate("window.__violations || []")
        logged = [m for m in self.console if "Content Security Policy" in m]
        return reported + logged


def _policy(page) -> str:
    return page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")


def _check_policy_text(policy: str) -> None:
    script_src = re.search(r"script-src ([^;]*)", policy).group(1).split()
    assert script_src[0] == "'self'" and all(s.startswith("'sha256-") for s in script_src[1:]), script_src
    assert "unsafe-inline" not in re.search(r"script-src [^;]*", policy).group(0)
    assert "http" not in policy and "*" not in policy  # no other host, no wildcard


@pytest.mark.parametrize("name", PAGES)
def test_offline_pages_report_no_violation(offline_site, visit, name):
    w = Watched(visit, "file://")
    w.page.goto(_file_url(offline_site, name))
    w.page.wait_for_load_state("load")
    _check_policy_text(_policy(w.page))
    assert not w.violations(), w.violations()
    assert not w.visit.errors and not w.visit.blocked


@pytest.mark.parametrize("name", PAGES)
def test_online_pages_report_no_violation(online_url, visit, name):
    w = Watched(visit, online_url)
    w.page.goto(online_url + ("" if name == "index" else f"{name}/"))
    w.page.wait_for_load_state("load")
    _check_policy_text(_policy(w.page))
    assert not w.violations(), w.violations()
    assert not w.visit.errors and not w.visit.blocked


def test_offline_search_works_under_the_policy(offline_site, visit):
    w = Watched(visit, "file://")
    w.page.goto(_file_url(offline_site, "actors/nicolas-maduro"))  # a page in a folder: the worker's path differs
    results = _search(w.page, "Lopez")
    assert any("López" in r for r in results), results[:3]
    assert not w.violations(), w.violations()
    assert not w.visit.errors


def test_online_search_works_under_the_policy(online_url, visit):
    w = Watched(visit, online_url)
    w.page.goto(online_url + "actors/nicolas-maduro/")
    results = _search(w.page, "Jenca")
    assert any("Jenča" in r for r in results), results[:3]
    assert not w.violations(), w.violations()
    assert not w.visit.errors


def _assert_blocked(w) -> None:
    w.page.wait_for_load_state("load")
    w.page.click("#injected-link")
    w.page.wait_for_timeout(300)
    assert w.page.title() != "pwned"
    directives = " ".join(w.violations())
    assert "script-src-attr" in directives or "inline event handler" in directives, w.violations()


def test_an_injected_handler_is_blocked_offline(offline_site, visit):
    page = offline_site / "injected-by-test.html"
    html = (offline_site / "index.html").read_text(encoding="utf-8")
    page.write_text(html.replace("</article>", INJECTED + "</article>", 1), encoding="utf-8")
    try:
        w = Watched(visit, "file://")
        w.page.goto(page.as_uri())
        _assert_blocked(w)
    finally:
        page.unlink()


def test_an_injected_handler_is_blocked_online(online_url, visit):
    w = Watched(visit, online_url)

    def inject(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace("</article>", INJECTED + "</article>", 1))

    w.page.route(online_url, inject)
    w.page.goto(online_url)
    _assert_blocked(w)
