"""Every page of the site, at every width, as a keyboard user, a screen reader and a phone meet it.

Each test walks all pages in one browser page (loaded once, then resized to each width) and
collects every failure before reporting them all at once: axe-core's violations (every impact),
horizontal overflow and tables wider than their box, and elements the Tab key reaches that cannot
be seen. Online (a local server) at 1366, 683, 390 and 320 px; the offline copy from file:// at
phone width, where it differs from the online site (its links, its search). The English pages:
a sample of the Spanish ones, made from the same templates, is walked by test_spanish.py.
"""

from __future__ import annotations

import time


from browser_support import AXE
from site_audit import (NO_TRANSITIONS, OVERFLOW, WIDTHS, axe_violations, english_pages, site_pages, start_axe,
                        unseen_focus)


def _walk(pages: list, urls: dict[str, str], widths: list[int], focus_at: int | None) -> list[str]:
    """Load the pages two at a time (one per browser page: two renderer processes, so two cores), and at
    each width run axe-core on both at once, then the overflow check, then at `focus_at` the Tab stops.
    Returns every problem found."""
    failures = []
    names = list(urls)
    for at in range(0, len(names), len(pages)):
        lanes = list(zip(pages, names[at:at + len(pages)]))
        for page, name in lanes:
            page.goto(urls[name], wait_until="commit")
        for page, _name in lanes:
            page.wait_for_load_state("load")
            page.add_style_tag(content=NO_TRANSITIONS)
        for width in widths:
            for page, _name in lanes:
                page.set_viewport_size({"width": width, "height": 844})
                start_axe(page, AXE)
            for page, name in lanes:
                problems = axe_violations(page) + page.evaluate(OVERFLOW)
                if width == focus_at:
                    problems += unseen_focus(page)
                failures += [f"{name} at {width} px: {problem}" for problem in problems]
    return failures


def _online_path(name: str) -> str:
    """The online address of an offline copy's file: 'actors/x.html' is 'actors/x/' (directory URLs)."""
    if name == "404.html" or name.endswith("index.html"):
        return name.removesuffix("index.html")
    return name.removesuffix(".html") + "/"


def _report(failures: list[str], pages: int, started: float) -> str:
    return (f"{len(failures)} problem(s) on {pages} pages ({time.monotonic() - started:.0f} s):\n"
            + "\n".join(failures))


def test_every_page_online_at_every_width(online_url, offline_site, audit_pages):
    """axe-core and overflow at 1366, 683, 390 and 320 px; every Tab stop seen at 390 px."""
    pages = english_pages(offline_site)  # the same pages as the online site, named as files
    assert "404.html" in pages and "timeline.html" in pages and len(pages) > 10
    urls = {name: online_url + _online_path(name) for name in pages}
    started = time.monotonic()
    failures = _walk(audit_pages, urls, list(WIDTHS), focus_at=390)
    assert not failures, _report(failures, len(urls), started)


def test_every_page_offline_on_a_phone(offline_site, audit_pages):
    """The offline copy from file://, at 390 px: axe clean, no overflow, every Tab stop seen. (Not its
    404.html: from disk no server ever shows it; the online walk checks it.)"""
    pages = [name for name in english_pages(offline_site) if name != "404.html"]
    urls = {name: (offline_site / name).as_uri() for name in pages}
    started = time.monotonic()
    failures = _walk(audit_pages, urls, [390], focus_at=390)
    assert not failures, _report(failures, len(urls), started)


def test_the_menu_opens_and_closes_by_keyboard_on_a_phone(online_url, visit):
    v = visit(online_url, bypass_csp=True)  # wait_for_function evaluates its text, which the policy refuses
    v.page.set_viewport_size({"width": 390, "height": 844})
    v.page.goto(online_url + "timeline/")
    v.page.keyboard.press("Tab")  # the skip link
    v.page.keyboard.press("Tab")
    assert v.page.evaluate("document.activeElement.getAttribute('aria-label')") == "Menu"
    assert v.page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "false"
    v.page.keyboard.press("Enter")
    v.page.wait_for_function("document.activeElement.closest('.md-sidebar--primary') !== null")
    assert v.page.evaluate("document.getElementById('__drawer').checked")
    # The menu's first link has focus, and is on screen once the menu has slid in.
    v.page.wait_for_function("document.activeElement.getBoundingClientRect().left >= 0")
    assert v.page.evaluate("document.activeElement.getBoundingClientRect().right") <= 390
    v.page.keyboard.press("Escape")
    assert not v.page.evaluate("document.getElementById('__drawer').checked")
    assert v.page.evaluate("document.activeElement.getAttribute('aria-label')") == "Menu"
    assert v.page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "false"


def test_headings_and_their_permalinks_read_well(online_url, visit):
    v = visit(online_url)
    v.page.goto(online_url + "timeline/")
    names = v.page.eval_on_selector_all("a.headerlink", "links => links.map(a => a.getAttribute('aria-label'))")
    assert names and set(names) == {"Link to this section"}  # not "¶"


def test_every_table_has_a_caption_and_header_cells_that_say_something(offline_site):
    """Checked in the built HTML of every page: each table a caption, no empty header cell, and the
    source pages' details read as row headers."""
    import re

    problems = []
    for name in site_pages(offline_site):
        text = (offline_site / name).read_text(encoding="utf-8")
        for table in re.findall(r"<table[^>]*>.*?</table>", text, re.S):
            if "<caption" not in table:
                problems.append(f"{name}: a table without a caption")
            if re.search(r"<th(\s[^>]*)?>\s*</th>", table):
                problems.append(f"{name}: a table with an empty header cell")
        if name.startswith("sources/") and name != "sources/index.html":
            assert '<caption>About this source</caption>' in text and '<th scope="row">Publisher</th>' in text
    assert not problems, "\n".join(problems)


def test_the_404_page_gets_what_every_page_gets(online_url, visit):
    v = visit(online_url)
    v.page.goto(online_url + "404.html")
    assert v.page.get_attribute(".md-search[role=dialog]", "aria-label") == "Search"
    v.page.keyboard.press("Tab")
    assert v.page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    href = v.page.evaluate("document.activeElement.getAttribute('href')")
    assert v.page.locator(href).count() == 1
