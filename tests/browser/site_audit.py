"""What a reader on a phone or a keyboard would trip on, measured in the page itself.

Each check runs in the browser in one call and returns a list of problems as text, so a test
can walk every page of the site at every width and report every failure at once.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout

WIDTHS = (1366, 683, 390, 320)


OTHER_LANGUAGES = ("es/",)  # the Spanish edition's folder (plugin/record_site/languages.py)


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as paths relative to it ('index.html', 'timeline/index.html', '404.html')."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not p.relative_to(site).as_posix().startswith("assets/"))


def english_pages(site: Path) -> list[str]:
    """The pages of site_pages() but the Spanish edition's: the every-page walks take the English
    ones, which share every template with the Spanish twins; tests/browser/test_spanish.py walks a
    sample of the Spanish pages (walking them all would double the suite's slowest tests)."""
    return [name for name in site_pages(site) if not name.startswith(OTHER_LANGUAGES)]


# The page may not be wider than the window, and no table may be wider than the box it sits in
# (a table that scrolls inside its box still hides its last columns on a phone).
OVERFLOW = """() => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1) {
    const wide = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > width + 1)
      .map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : ''));
    problems.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${width} px window `
                  + `(wider: ${[...new Set(wide)].slice(-4).join(', ')})`);
  }
  for (const table of document.querySelectorAll('.md-typeset table')) {
    const box = table.closest('.md-typeset__scrollwrap') || table.parentElement;
    if (table.getBoundingClientRect().width > box.clientWidth + 1) {
      const head = (table.querySelector('caption, th') || table).textContent.trim().slice(0, 40);
      problems.push(`a table ("${head}") is ${Math.round(table.getBoundingClientRect().width)} px wide in a `
                    + `${box.clientWidth} px box`);
    }
  }
  return problems;
}"""

# Transitions and smooth scrolling off while checking: what is measured is where things end up,
# not half-way there.
NO_TRANSITIONS = ("*, *::before, *::after { transition: none !important; animation: none !important; }"
                  " html, body { scroll-behavior: auto !important; }")

# Every element the Tab key can reach must be seen when it has focus: some size, on screen, not
# transparent. A control drawn by its <label> counts as seen when the label is. The first pass looks
# at every reachable element as it is (fast: nothing changes between elements); those that look
# unseen are then focused one by one, as the Tab key would (scrolling to them), and looked at again:
# a skip link or a permalink shows only when focused, and focusing the search box opens search.
FOCUS = """({only, tab}) => {
  const selector = 'a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable=true]';
  const all = [...document.querySelectorAll(selector)];
  const describe = e => {
    const text = (e.getAttribute('aria-label') || e.textContent || e.getAttribute('href') || '').trim().replace(/\\s+/g, ' ');
    const cls = e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/)[0] : '';
    return `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${cls} "${text.slice(0, 40)}"`;
  };
  const reachable = e => e.tabIndex >= 0 && !e.disabled && !e.closest('[inert]') && e.type !== 'hidden'
    && e.checkVisibility({visibilityProperty: true});
  const fixed = e => { for (let n = e; n && n.nodeType === 1; n = n.parentElement) if (getComputedStyle(n).position === 'fixed') return true; return false; };
  const unseen = (e, focused) => {
    const r = e.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return 'has no size';
    const vertical = focused || fixed(e);
    if (r.right <= 0 || r.left >= innerWidth || (vertical && (r.bottom <= 0 || r.top >= innerHeight)))
      return `is off screen, at (${Math.round(r.left)}, ${Math.round(r.top)})`;
    for (let n = e; n && n.nodeType === 1; n = n.parentElement) {
      if (parseFloat(getComputedStyle(n).opacity) === 0) return 'is transparent';
    }
    return null;
  };
  // Material draws the focus of its option inputs (the colour-scheme toggle) on the label that follows them.
  // On a phone the search box is transparent until search opens, which Material does when the box takes
  // focus; the first focus also starts loading the index, and a loaded machine can take longer than the
  // wait below to open it. The header's search button stands for the box meanwhile.
  const drawnBy = e => [...(e.labels || []), ...(e.matches('.md-option') && e.nextElementSibling
    && e.nextElementSibling.tagName === 'LABEL' ? [e.nextElementSibling] : []),
    ...(e.matches('.md-search__input') ? document.querySelectorAll('.md-header label[for="__search"]') : [])];
  const check = (e, focused) => {
    const why = unseen(e, focused);
    return why && !drawnBy(e).some(label => unseen(label, focused) === null) ? why : null;  // drawn by its label?
  };
  if (tab === 'before') {  // focus what comes before element `only`, so that the Tab key goes to it
    const previous = all.slice(0, only).reverse().find(reachable);
    document.activeElement && document.activeElement.blur && document.activeElement.blur();
    if (previous) previous.focus();
    return [];
  }
  if (tab === 'after') {  // the element the Tab key went to
    const e = document.activeElement;
    const why = e && e !== document.body ? check(e, true) : null;
    return why ? [[all.indexOf(e), `${describe(e)} ${why} when focused`]] : [];
  }
  const problems = [];
  for (const [index, e] of all.entries()) {
    if (reachable(e) && check(e, false)) problems.push(index);
  }
  return problems;
}"""


def unseen_focus(page) -> list[str]:
    """The elements the Tab key reaches that a keyboard user cannot see when they have focus."""
    problems = []
    flagged = page.evaluate(FOCUS, {"only": None, "tab": None})
    # The search box last: focusing it opens search, and closing search moves the page back where it
    # was a moment later, which would throw off whatever is checked next.
    in_search = set(page.evaluate("""(indexes) => { const all = [...document.querySelectorAll(
        'a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable=true]')];
        return indexes.filter(i => all[i].closest('.md-search')); }""", flagged))
    for index in sorted(flagged, key=lambda i: i in in_search):
        page.evaluate(FOCUS, {"only": index, "tab": "before"})
        page.keyboard.press("Tab")
        found = page.evaluate(FOCUS, {"only": index, "tab": "after"})
        if found:  # the page may still be reacting to the focus (focusing the search box opens search)
            try:
                page.wait_for_function(f"({FOCUS})({{only: {index}, tab: 'after'}}).length === 0", timeout=6000)  # longer under load: search loads its index on first focus
            except PlaywrightTimeout:
                pass
            found = page.evaluate(FOCUS, {"only": index, "tab": "after"})
        problems += [message for _, message in found]
        if index in in_search:  # search opens a moment after the focus: close it only once it has
            try:
                page.wait_for_function("() => document.getElementById('__search')?.checked", timeout=4000)
            except PlaywrightTimeout:
                pass
        if page.evaluate("() => document.getElementById('__search')?.checked"):
            page.keyboard.press("Escape")  # close the search that focusing the search box opened, and
            page.wait_for_function("""() => !document.getElementById('__search').checked  // let the theme
                && new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))).then(() => true)""")
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    return problems


def start_axe(page, axe_path: Path) -> None:
    """Start axe-core on the page without waiting for it: two pages (two renderer processes) can
    then run it at once; axe_violations() collects the result."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_path))
    page.evaluate("""() => { window.__axeResult = axe.run(document, {resultTypes: ['violations'], preload: false,
                                                                     iframes: false, performanceTimer: false}); }""")


def axe_violations(page) -> list[str]:
    violations = page.evaluate("""async () => (await window.__axeResult).violations.map(v =>
        `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.slice(0, 3).map(n => n.target))}`)""")
    return violations


def search_for(page, query: str) -> None:
    """Type a query into Material's search box as a reader would, and wait for its results.
    Material reads the query on key-up (not on 'input'), so the keys are really pressed; a
    query typed before the index is ready is read when it becomes ready."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    try:
        page.wait_for_selector(".md-search-result__item", timeout=20000)
    except Exception as error:
        meta = page.locator(".md-search-result__meta").inner_text()
        raise AssertionError(f"no search result for {query!r}; the search says {meta!r}") from error
