"""The theme's parts that come out the same on many pages, rendered once per build.

Material renders its whole page template for every page: at 10,000 events, 8,700 times the
same menu, the same colour-scheme toggle, the same search box. A part that depends only on
the page's language and on where the page is (its relative links) comes out the same for
every page in the same language whose links to the same pages are the same; the overrides
(overrides/partials/) wrap such parts in `{% call render_once(key) %}…{% endcall %}`, and the
part is rendered for the first page with that key and reused for the others. A key of None
renders the part as every page did before (the pages that are themselves in the menu,
whose entry is marked as the current one).

- `nav_key(page, nav)` (overrides/partials/nav.html, the primary menu): the page's language
  and the relative address of the home page, of every page in mkdocs.yml's nav (and of the
  theme's logo, when it is an image), as the theme's `url` filter writes them from this
  page; None for a page in the nav. What else the menu shows (the site's name and Material's
  words in that language, the repository's address) is the same on every page.
- `language_key(page, part)` (overrides/partials/header.html, the header's parts that hold no
  address and nothing of the page: the colour-scheme toggle; the search box and the
  repository's link): the part and the page's language.
- `theme_text(code, key)` (overrides/partials/language.html): Material's interface string
  `key` in language `code`, looked up once: Material's own `t` macro builds its whole table
  of about 90 strings at every call, a few dozen times a page.

The parts kept are the theme's own output, in a dict that is made afresh for each build
(BuildState.theme_parts, at on_config), so `mkdocs serve` never shows a part of an earlier build.
"""

from __future__ import annotations

from mkdocs.utils import normalize_url

from .languages import DEFAULT, page_language


class ThemeParts:
    def __init__(self, languages):
        self.env = None  # the theme's Jinja environment (at on_env)
        self.languages = languages
        self.parts: dict = {}  # key -> the part's output
        self.texts: dict = {}  # (language, key) -> Material's string
        self.nav_pages: set = set()  # src_uri of every page in the nav (at on_nav)
        self.nav_urls: list = []  # and their addresses

    def read_nav(self, nav) -> None:
        self.nav_pages = {page.file.src_uri for page in nav.pages}
        self.nav_urls = [page.url for page in nav.pages]

    def render_once(self, key, caller):
        """The part `caller` renders, rendered once for each key (every time for None)."""
        if key is None:
            return caller()
        if key not in self.parts:
            self.parts[key] = caller()
        return self.parts[key]

    def nav_key(self, page, nav):
        if page is None or getattr(page, "file", None) is None or page.file.src_uri in self.nav_pages:
            return None
        home = self.languages.home_url(page, nav)
        logo = self.languages.config.theme.get("logo")
        urls = [home, *self.nav_urls, *([logo] if logo else [])]
        return ("nav", page_language(page), *(normalize_url(url, page) for url in urls))

    def language_key(self, page, part: str):
        return (part, page_language(page) if page is not None else DEFAULT)

    def theme_text(self, code: str, key: str):
        found = self.texts.get((code, key))
        if found is None:
            assert self.env is not None, "on_env has not run"
            strings = self.env.get_template(f"partials/languages/{code}.html").module
            english = self.env.get_template("partials/languages/en.html").module
            found = self.texts[(code, key)] = strings.t(key) or english.t(key) or key
        return found

    def template_globals(self) -> dict:
        return {"render_once": self.render_once, "nav_key": self.nav_key, "language_key": self.language_key,
                "theme_text": self.theme_text}
