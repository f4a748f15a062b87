"""The timeline as readers use it: one line per event, details on demand, filters, with and without JavaScript.

Every expectation is computed from the page's own data-* attributes (the contract markup), so the
tests hold for any record.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

# What the page's events say about themselves, read from the contract's attributes.
EVENTS = """() => [...document.querySelectorAll('details.tl-event')].map(e => ({
  id: e.id, actors: e.dataset.actors.split(/\\s+/).filter(Boolean), legal: e.dataset.legal.split(/\\s+/).filter(Boolean),
  kind: e.dataset.kind, shown: !e.hidden && e.getBoundingClientRect().height > 0, open: e.open}))"""
# Not the "How to cite this page" every page ends with, nor the dating notes after the entries.
MONTH_HEADINGS = "'.md-content h2:not(.page-about h2):not(.tl-notes)'"
SHOWN_MONTHS = f"""() => [...document.querySelectorAll({MONTH_HEADINGS})].filter(h => !h.hidden).map(h => h.id)"""


def _timeline_url(where, site_or_url) -> str:
    return (site_or_url / "timeline.html").as_uri() if where == "offline" else site_or_url + "timeline/"


@pytest.fixture(params=["offline", "online"])
def timeline(request, visit):
    """The timeline page opened from file:// (the offline copy) or from a local server."""
    if request.param == "offline":
        site = request.getfixturevalue("offline_site")
        v = visit("file://")
    else:
        site = request.getfixturevalue("online_url")
        v = visit(site)
    v.page.set_viewport_size({"width": 390, "height": 844})
    v.page.goto(_timeline_url(request.param, site))
    v.page.wait_for_selector("form.tl-filter")
    yield v
    assert not v.errors and not v.blocked and not v.failed


def _pick(page, name: str) -> str:
    """The value of the option that keeps the fewest events but at least one (the sharpest test)."""
    options = page.eval_on_selector_all(f"select[name={name}] option", "os => os.map(o => [o.value, o.textContent])")
    counted = [(int(re.search(r"\((\d+)\)$", text).group(1)), value) for value, text in options if value]
    assert counted, f"no {name} to filter by"
    return min(counted)[1]


@pytest.mark.parametrize("name, field", [("actor", "actors"), ("legal", "legal")])
def test_a_filter_shows_exactly_the_events_that_carry_its_value(timeline, name, field):
    page = timeline.page
    total = len(page.evaluate(EVENTS))
    value = _pick(page, name)
    page.select_option(f"select[name={name}]", value)
    events = page.evaluate(EVENTS)
    shown = [e["id"] for e in events if e["shown"]]
    assert shown == [e["id"] for e in events if value in e[field]]
    assert shown
    assert page.inner_text(".tl-filter__status") == f"Showing {len(shown)} of {total} entries."
    # A month with nothing left to show loses its heading too.
    shown_months = page.evaluate(SHOWN_MONTHS)
    months_with_events = page.evaluate(f"""() => [...document.querySelectorAll({MONTH_HEADINGS})].filter(h => {{
        for (let n = h.nextElementSibling; n && n.tagName !== 'H2'; n = n.nextElementSibling)
          if (n.matches('details.tl-event') && !n.hidden) return true;
        return false; }}).map(h => h.id)""")
    assert shown_months == months_with_events
    # ...and so does a month's group of entries dated only to the month or a longer span.
    assert page.evaluate("""() => [...document.querySelectorAll('.md-content h3.tl-loose')].every(h => {
        let any = false;
        for (let n = h.nextElementSibling; n && !/^H[23]$/.test(n.tagName); n = n.nextElementSibling)
          any = any || (n.matches('details.tl-event') && !n.hidden);
        return h.hidden === !any; })""")
    # The state is in the address, and comes back from it.
    assert page.evaluate("location.hash") == f"#{name}={value}"
    page.reload()
    page.wait_for_selector("form.tl-filter")
    assert page.input_value(f"select[name={name}]") == value
    assert [e["id"] for e in page.evaluate(EVENTS) if e["shown"]] == shown
    page.click("text=Clear filters")
    assert all(e["shown"] for e in page.evaluate(EVENTS))
    assert page.evaluate("location.hash") == ""


def test_filters_combine_and_open_all_opens_only_what_is_shown(timeline):
    page = timeline.page
    actor, legal = _pick(page, "actor"), _pick(page, "legal")
    page.select_option("select[name=actor]", actor)
    page.select_option("select[name=legal]", legal)
    events = page.evaluate(EVENTS)
    assert [e["id"] for e in events if e["shown"]] == [e["id"] for e in events
                                                        if actor in e["actors"] and legal in e["legal"]]
    page.click("text=Open all")
    assert all(e["open"] == e["shown"] for e in page.evaluate(EVENTS))
    page.click("text=Close all")
    assert not any(e["open"] for e in page.evaluate(EVENTS))


def test_the_timeline_is_compact_and_an_event_opens_on_demand(timeline):
    page = timeline.page
    events = page.evaluate(EVENTS)
    assert events and not any(e["open"] for e in events)
    first = page.locator("details.tl-event").first
    summary = first.locator("summary")
    # One line per event: date, title and parties, and nothing more before it is opened.
    assert summary.locator(".tl-date").inner_text() and summary.locator(".tl-title").inner_text()
    heights = page.eval_on_selector_all("details.tl-event > summary", "ss => ss.map(s => s.getBoundingClientRect().height)")
    assert max(heights) < 200, heights  # a few lines at most, on a phone
    body_before = first.evaluate("e => e.getBoundingClientRect().height")
    summary.click()
    assert first.evaluate("e => e.open") and first.evaluate("e => e.getBoundingClientRect().height") > body_before
    assert first.locator("a", has_text="Link to this event").is_visible()


def test_an_address_naming_an_event_opens_it(timeline):
    page = timeline.page
    target = page.evaluate(EVENTS)[-1]["id"]
    page.goto(page.url.split("#")[0] + "#" + target)
    page.wait_for_function(f"document.getElementById({target!r}).open")
    assert page.locator(f"[id='{target}'] summary").is_visible()


def test_keyboard_alone_filters_and_opens_events(timeline):
    page = timeline.page
    page.focus("select[name=actor]")
    page.keyboard.press("ArrowDown")  # the first actor in the list
    chosen = page.input_value("select[name=actor]")
    assert chosen
    events = page.evaluate(EVENTS)
    assert [e["id"] for e in events if e["shown"]] == [e["id"] for e in events if chosen in e["actors"]]
    first_shown = next(e["id"] for e in events if e["shown"])
    page.focus(f"[id='{first_shown}'] > summary")
    page.keyboard.press("Enter")
    assert page.evaluate(f"document.getElementById({first_shown!r}).open")


def test_kinds_of_event_get_their_own_filter(online_url, visit):
    """The schema's kinds (record.py, once events carry one): the menu appears and filters by them."""
    v = visit(online_url)
    kinds = ["strike", "diplomacy", "report"]

    def add_kinds(route):
        html = route.fetch().text()
        counter = iter(range(10_000))
        html = re.sub(r'data-kind="[^"]*"', lambda m: f'data-kind="{kinds[next(counter) % len(kinds)]}"', html)
        route.fulfill(body=html, headers={"content-type": "text/html; charset=utf-8"})

    v.page.route(online_url + "timeline/", add_kinds)
    v.page.goto(online_url + "timeline/")
    v.page.wait_for_selector("select[name=kind]")
    labels = v.page.eval_on_selector_all("select[name=kind] option", "os => os.map(o => o.textContent)")
    assert labels[0] == "All kinds of event" and any(label.startswith("Diplomacy (") for label in labels)
    v.page.select_option("select[name=kind]", "diplomacy")
    events = v.page.evaluate(EVENTS)
    assert [e["id"] for e in events if e["shown"]] == [e["id"] for e in events if e["kind"] == "diplomacy"]
    assert v.page.evaluate("location.hash") == "#kind=diplomacy"


@pytest.mark.parametrize("where", ["offline", "online"])
def test_without_javascript_the_whole_timeline_reads(browser, request, where):
    site = request.getfixturevalue("offline_site" if where == "offline" else "online_url")
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(_timeline_url(where, site))
        assert page.locator("form.tl-filter").count() == 0  # no filter that could not work
        events = page.locator("details.tl-event")
        count = events.count()
        assert count == len(page.evaluate(EVENTS)) > 0
        for i in range(count):  # every event's details open with the browser alone
            event = events.nth(i)
            event.locator("summary").click()
            assert event.evaluate("e => e.open")
            assert event.locator("a", has_text=re.compile("Link to this (event|statement)")).is_visible()
        # Nothing kept for a form that will never come.
        margins = page.evaluate("""() => [...document.querySelectorAll('.md-typeset > h2')].slice(0, 2)
                                           .map(h => getComputedStyle(h).marginTop)""")
        assert len(set(margins)) == 1, margins  # the first month's heading spaced like the others
    finally:
        context.close()


@pytest.mark.parametrize("width", [1366, 412, 390, 320])
def test_the_filter_arrives_without_moving_the_events(online_url, visit, width):
    """The form's place is kept from the first paint: the first event is where it will stay."""
    v = visit(online_url)
    v.page.set_viewport_size({"width": width, "height": 844})
    v.page.route("**/timeline-filter.js", lambda route: route.abort())
    where = """() => [document.querySelector('details.tl-event'), document.querySelector('.md-typeset > h2')]
                         .map(e => e.getBoundingClientRect().top)"""  # the boxes, as layout-shift scores see them
    v.page.goto(online_url + "timeline/")
    before = v.page.evaluate(where)
    v.page.unroute("**/timeline-filter.js")
    v.failed.clear()
    v.page.goto(online_url + "timeline/")
    v.page.wait_for_selector("form.tl-filter")
    after = v.page.evaluate(where)
    assert all(abs(a - b) < 1 for a, b in zip(after, before)), (before, after)


def test_a_search_result_opens_the_events_it_found(timeline):
    """Search results link to the page with ?h=words; the events containing them open."""
    page = timeline.page
    first = page.evaluate(EVENTS)[0]["id"]
    word = page.locator(f"[id='{first}'] .tl-title").inner_text().split()[0]
    page.goto(page.url.split("#")[0].split("?")[0] + "?h=" + word)
    page.wait_for_selector("form.tl-filter")
    events = page.evaluate(EVENTS)
    assert next(e for e in events if e["id"] == first)["open"]
    texts = page.eval_on_selector_all("details.tl-event", "es => es.map(e => e.textContent)")
    assert [e["open"] for e in events] == [_fold(word) in _fold(text) for text in texts]


def _fold(text: str) -> str:
    """As the search does: without accents, in lower case."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()
