"""One site in two languages, English at the root and Spanish under es/.

One build makes both (no per-language builds, which would copy the theme's assets once
per language and double the offline copy). A page's language is decided by its path
(the contract of issue 15): a page under es/ is Spanish, every other page English.

- Material's interface in the page's language (overrides/partials/language.html asks
  `page_language(page)`), so <html lang> and every theme label are Spanish under es/.
- The menu shows the page's own language: mkdocs.yml's `nav` lists the English pages and
  then one section whose pages are all under es/; an English page shows everything but
  that section, a Spanish page only that section's entries (overrides/partials/nav.html
  asks `language_nav(nav, page)`). Previous and next links never cross languages.
- The site's name and home page in the page's language (header, menu title, <title>,
  link previews, citations): `page_site_name(page)`, `home_url(page, nav)`.
- The language switcher and the hreflang alternates: `page_alternates(page)` gives, for
  each language, the same page in that language, or that language's home page when the
  page has no twin (the contributors' format reference is English only).
- The plugin's own words for readers: `translator(lang)` reads the gettext catalogs in
  translations/<lang>/ (site.po holds the plugin's strings) with Babel; templates call
  `tr("English text")`, which translates into the language of the page being rendered.

What depends on the build (which pages exist, which nav sections hold which language) is
the state of one `Languages` object per build; the rest are plain functions.
"""

from __future__ import annotations

import jinja2
import markupsafe

# The languages, their names and the URL scheme are the generator's (record_builder/i18n.py,
# record_builder/locations.py): one list of languages and one scheme for pages and plugin alike.
from .generator import DEFAULT, LANGUAGES, NAMES, catalog, english_path, format_iso_day, in_language, language_of, \
    translator

__all__ = ["DEFAULT", "LANGUAGES", "NAMES", "SITE_NAMES", "Languages", "absolute_url", "catalog", "format_iso_day",
           "language_of", "page_language", "site_name", "translator", "twin_uri"]

SITE_NAMES = {"es": "Crisis EE. UU.–Venezuela 2025: un registro con fuentes"}
# The switcher's accessible name (it contains the language's visible name, as WCAG 2.5.3 asks),
# for a page with a twin and for one without, whose switcher leads to the other home page.
SWITCH_LABELS = {"en": ("Read this page in English", "The English edition's home page"),
                 "es": ("Leer esta página en español", "Portada de la edición en español")}


# ---- which language ------------------------------------------------------------------------

def page_language(page) -> str:
    """The language of a page (an MkDocs Page); English for anything else (the 404 page)."""
    file = getattr(page, "file", None)
    return language_of(file.src_uri) if file is not None else DEFAULT


def twin_uri(src_uri: str, lang: str) -> str:
    """Where the page `src_uri` would be in `lang` (es/actors/x.md <-> actors/x.md)."""
    return in_language(english_path(src_uri), lang)


def site_name(lang: str, config) -> str:
    return SITE_NAMES.get(lang) or config.site_name


def absolute_url(url: str, config) -> str | None:
    return config.site_url.rstrip("/") + "/" + url if config.site_url else None


@jinja2.pass_context
def _tr(context, message: str) -> markupsafe.Markup:
    """`tr("English text")` in a template: the text in the page's language, escaped. A
    translation is a contributor's msgstr, and the theme's templates print what they are
    given as it is: escaped here, it shows as typed wherever it lands (and `| e` after it
    escapes nothing twice)."""
    return markupsafe.escape(translator(page_language(context.get("page")))(message))


# ---- the build's pages in each language ----------------------------------------------------

class Languages:
    """This build's pages by language: each page's twin, each language's home page, and the
    sections of the nav that hold one other language's pages. The templates reach it through
    the functions `template_globals` gives them."""

    def __init__(self, config):
        self.config = config
        self.pages: dict = {}  # src_uri -> File, of every documentation page
        self.homes: dict = {}  # language -> its home page's File (None where it has none)
        self.sections: dict = {}  # language -> the nav sections that hold its pages (not English's)

    def read_files(self, files) -> None:
        pages = {file.src_uri: file for file in files.documentation_pages()}
        self.pages = pages
        self.homes = {lang: pages.get(twin_uri("index.md", lang)) for lang in LANGUAGES}

    def read_nav(self, nav) -> None:
        """The sections of mkdocs.yml's nav that hold one other language's pages, by language."""
        sections: dict = {}
        for item in nav.items:
            languages = {page_language(page) for page in _pages_in(item)}
            if item.is_section and len(languages) == 1 and languages != {DEFAULT}:
                sections.setdefault(languages.pop(), []).append(item)
        self.sections = sections

    def language_nav(self, nav, page) -> list:
        """The menu's top level for the page's language."""
        lang = page_language(page)
        if lang != DEFAULT and self.sections.get(lang):
            return [child for section in self.sections[lang] for child in section.children]
        hidden = [section for other in self.sections.values() for section in other]
        return [item for item in nav.items if not any(item is section for section in hidden)]

    def page_alternates(self, page) -> list[dict]:
        """For each language: {lang, name, label, url (site-relative), twin (whether it is this
        page's own translation), current}. A page with no twin leads to that language's home."""
        own = page_language(page)
        src_uri = page.file.src_uri if getattr(page, "file", None) is not None else "index.md"
        found = []
        for lang in LANGUAGES:
            target = page.file if lang == own and getattr(page, "file", None) is not None \
                else self.pages.get(twin_uri(src_uri, lang))
            twin = target is not None
            target = target or self.homes.get(lang)
            if target is None:
                continue
            found.append({"lang": lang, "name": NAMES[lang], "label": SWITCH_LABELS[lang][0 if twin else 1],
                          "url": target.url, "twin": twin, "current": lang == own})
        return found

    def home_url(self, page, nav) -> str:
        """The home page of the page's language (for English, Material's own choice)."""
        lang = page_language(page)
        home = self.homes.get(lang)
        if lang != DEFAULT and home is not None:
            return home.url
        return self.config.extra.get("homepage") or (nav.homepage.url if nav.homepage else "")

    def keep_neighbours_in_language(self, page) -> None:
        """Previous and next links only to pages of the page's own language."""
        lang = page_language(page)
        if page.previous_page is not None and page_language(page.previous_page) != lang:
            page.previous_page = None
        if page.next_page is not None and page_language(page.next_page) != lang:
            page.next_page = None

    def template_globals(self) -> dict:
        config = self.config
        return {"page_language": page_language, "language_nav": self.language_nav,
                "page_alternates": self.page_alternates, "home_url": self.home_url,
                "page_site_name": lambda page: site_name(page_language(page), config), "tr": _tr}

    def template_filters(self) -> dict:
        return {"absolute_url": lambda url: absolute_url(url, self.config)}


def _pages_in(item):
    if item.is_page:
        yield item
    for child in getattr(item, "children", None) or []:
        yield from _pages_in(child)
