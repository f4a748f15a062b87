"""The Spanish edition in a real browser: Spanish search from file:// and online (stems, accents
folded both ways, only Spanish pages found), the switcher by keyboard and on a phone, and a
sample of Spanish pages, one of each kind, walked as test_accessibility.py walks every English
page (axe, overflow, every Tab stop seen) at desktop and phone width, online and from disk.
"""

from __future__ import annotations

import time

import pytest

from site_audit import search_for
from test_accessibility import _online_path, _report, _walk

# One page of each kind, as files of the offline copy.
SAMPLE = ["es/index.html", "es/timeline.html", "es/actors/vladimir-padrino-lopez.html",
          "es/legal/extrajudicial-killing-claims.html", "es/figures.html", "es/sources/index.html",
          "es/sources/un-news-2025-10-10-un-urges-restraint.html", "es/exports.html", "es/methodology.html"]

# Each query, and a word a result must mark (Material marks the words a result matched).
SEARCHES = {
    "muertos": "muertos",
    "espacio aéreo": "aéreo",
    "Padrino": "Padrino",
    "Lopez": "López",  # unaccented query, accented name
    "ataque": "ataques",  # the stem: a query finds the word's other forms
}


def _results(page, query: str) -> list[dict]:
    search_for(page, query)
    return page.eval_on_selector_all(".md-search-result__item", """items => items.map(item => ({
        href: item.querySelector('a').href, text: item.innerText,
        marks: [...item.querySelectorAll('mark')].map(mark => mark.textContent.trim())}))""")


def _check(results: list[dict], query: str) -> None:
    marked = {mark.lower().strip("“”\"'.,;:()") for result in results for mark in result["marks"]}
    assert SEARCHES[query].lower() in marked, (query, sorted(marked)[:20])
    elsewhere = [r["href"] for r in results if "/es/" not in r["href"]]
    assert not elsewhere, f"{query!r} found pages outside the Spanish edition: {elsewhere[:3]}"


@pytest.mark.parametrize("query", SEARCHES)
def test_spanish_search_from_disk(offline_site, visit, query):
    v = visit("file://")
    v.page.goto((offline_site / "es/index.html").as_uri())
    assert v.page.evaluate("document.documentElement.lang") == "es"
    _check(_results(v.page, query), query)
    assert not v.blocked and not v.failed and not v.errors


@pytest.mark.parametrize("query", ["Lopez", "ataque"])
def test_spanish_search_online(online_url, visit, query):
    v = visit(online_url)
    v.page.goto(online_url + "es/actors/nicolas-maduro/")
    _check(_results(v.page, query), query)
    assert not v.blocked and not v.failed and not v.errors


def test_english_search_finds_no_spanish_page(offline_site, visit):
    v = visit("file://")
    v.page.goto((offline_site / "index.html").as_uri())
    results = _results(v.page, "Padrino")
    assert results and not [r["href"] for r in results if "/es/" in r["href"]]


@pytest.mark.parametrize("kind", ["file", "online"])
def test_the_switcher_leads_to_the_same_page_by_keyboard_on_a_phone(offline_site, online_url, visit, kind):
    v = visit("file://" if kind == "file" else online_url)
    v.page.set_viewport_size({"width": 390, "height": 844})
    spanish, english = (("es/actors/vladimir-padrino-lopez.html", "actors/vladimir-padrino-lopez.html")
                        if kind == "file" else ("es/actors/vladimir-padrino-lopez/", "actors/vladimir-padrino-lopez/"))
    base = offline_site.as_uri() + "/" if kind == "file" else online_url
    v.page.goto(base + english)
    for target, lang in ((spanish, "es"), (english, "en")):
        switcher = v.page.locator(".md-header .site-language")
        assert switcher.is_visible()
        switcher.focus()
        v.page.keyboard.press("Enter")
        v.page.wait_for_url(base + target)
        assert v.page.evaluate("document.documentElement.lang") == lang
    assert not v.blocked and not v.failed and not v.errors


def test_spanish_sample_online_at_desktop_and_phone_width(online_url, offline_site, audit_pages):
    """axe-core and overflow at 1366 and 390 px, every Tab stop seen at 390 px."""
    urls = {name: online_url + _online_path(name) for name in SAMPLE if (offline_site / name).is_file()}
    assert len(urls) == len(SAMPLE), sorted(set(SAMPLE) - set(urls))
    started = time.monotonic()
    failures = _walk(audit_pages, urls, [1366, 390], focus_at=390)
    assert not failures, _report(failures, len(urls), started)


def test_spanish_sample_offline_on_a_phone(offline_site, audit_pages):
    urls = {name: (offline_site / name).as_uri() for name in SAMPLE}
    started = time.monotonic()
    failures = _walk(audit_pages, urls, [390], focus_at=390)
    assert not failures, _report(failures, len(urls), started)


def test_the_offline_copy_with_both_languages_stays_under_1_mb(offline_site, tmp_path):
    import tasks

    assert (offline_site / "es/index.html").is_file() and (offline_site / "es/search/search_index.full.js").is_file()
    target = tmp_path / tasks.ZIP_NAME
    tasks.pack(offline_site, target, folder=tasks.ZIP_NAME.removesuffix(".zip"))
    assert target.stat().st_size < 1_000_000, f"{target.stat().st_size:,} bytes"
