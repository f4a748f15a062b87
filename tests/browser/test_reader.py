"""The site in a real browser: offline from file:// with no network, search, and accessibility."""

from __future__ import annotations

import json

import pytest

from browser_support import AXE
from site_audit import search_for

PAGES = ["index", "timeline", "actors/vladimir-padrino-lopez", "legal/extrajudicial-killing-claims",
         "sources/un-news-2025-10-10-un-urges-restraint", "figures", "exports", "methodology"]

# Each query, and a spelling the first result must show as the source writes it.
SEARCHES = {
    "Padrino": "Padrino",
    "Lopez": "López",  # unaccented query finds the accented name, shown with its accent
    "López": "Lopez",  # and the accented query finds the unaccented spelling too
    "Jenca": "Jenča",  # the sources only ever write Jenča
    "Nicolas": "Nicolás",
    "Southern Spear": "Southern Spear",
}


def _search(page, query: str) -> list[str]:
    """Search as a reader would and return the results' texts."""
    search_for(page, query)
    return page.locator(".md-search-result__item").all_inner_texts()


def _file_url(site, name: str) -> str:
    return (site / f"{name}.html").as_uri()


@pytest.mark.parametrize("query", SEARCHES)
def test_offline_search_folds_accents_and_keeps_the_original_spelling(offline_site, visit, query):
    v = visit("file://")
    v.page.goto(_file_url(offline_site, "index"))
    results = _search(v.page, query)
    assert results, f"no result for {query!r}"
    assert any(SEARCHES[query] in r for r in results), results[:3]
    assert not v.blocked and not v.failed and not v.errors


@pytest.mark.parametrize("query", ["Lopez", "Jenca"])
def test_online_search_folds_accents_too(online_url, visit, query):
    v = visit(online_url)
    v.page.goto(online_url)
    results = _search(v.page, query)
    assert any(SEARCHES[query] in r for r in results), results[:3]
    assert not v.blocked and not v.failed and not v.errors


@pytest.mark.parametrize("name", PAGES)
def test_offline_pages_load_with_no_failed_or_outside_request(offline_site, visit, name):
    v = visit("file://")
    response = v.page.goto(_file_url(offline_site, name))
    assert response is None or response.ok
    v.page.wait_for_load_state("load")
    assert v.page.locator("h1").count() == 1
    assert not v.blocked, v.blocked
    assert not v.failed, v.failed
    assert not v.errors, v.errors


def test_offline_navigation_works_from_disk(offline_site, visit):
    v = visit("file://")
    v.page.goto(_file_url(offline_site, "index"))
    v.page.click("text=Timeline >> nth=0")
    v.page.wait_for_load_state("load")
    assert v.page.url.endswith("timeline.html")
    # The timeline's events open on demand: open the first that names him, then follow the link.
    v.page.click("details.tl-event:has(a[href$='actors/nicolas-maduro.html']) > summary >> nth=0")
    v.page.click("details[open] a[href$='actors/nicolas-maduro.html'] >> nth=0")
    v.page.wait_for_load_state("load")
    assert v.page.locator("h1").inner_text().rstrip("¶") == "Nicolás Maduro"


@pytest.mark.parametrize("name", ["index", "timeline", "actors/vladimir-padrino-lopez",
                                  "legal/extrajudicial-killing-claims",
                                  "sources/un-news-2025-10-10-un-urges-restraint", "figures"])
def test_no_serious_accessibility_violation(online_url, visit, name):
    v = visit(online_url, bypass_csp=True)  # axe is injected as an inline script
    v.page.goto(online_url + ("" if name == "index" else f"{name}/"))
    v.page.add_script_tag(path=str(AXE))
    result = v.page.evaluate("async () => JSON.stringify(await axe.run(document))")
    violations = [x for x in json.loads(result)["violations"] if x["impact"] in ("serious", "critical")]
    described = [f"{x['id']} ({x['impact']}): {x['help']} at {[n['target'] for n in x['nodes']][:3]}"
                 for x in violations]
    assert not violations, "\n".join(described)


def test_keyboard_reaches_search_and_content(online_url, visit):
    v = visit(online_url)
    v.page.goto(online_url)
    v.page.keyboard.press("Tab")
    focused = v.page.evaluate("document.activeElement.textContent.trim()")
    assert "Skip to content" in focused  # Material's skip link comes first
    v.page.keyboard.press("/")  # Material's shortcut opens search
    assert v.page.evaluate("document.activeElement.classList.contains('md-search__input')")


def test_offline_copy_carries_nothing_it_cannot_use(offline_site):
    assert (offline_site / "search/search_index.js").exists()
    assert not (offline_site / "search/search_index.json").exists()  # read only over http
    assert not list(offline_site.rglob("*.map"))
    assert "Reading offline?" not in (offline_site / "index.html").read_text(encoding="utf-8")
    shim = (offline_site / "assets/javascripts/iframe-worker-shim.js").read_text(encoding="utf-8")
    assert "IFrameWorker" in shim
