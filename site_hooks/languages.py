"""MkDocs hook: one site in two languages, English at the root and Spanish under es/.

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
- The hooks' own words for readers: `translator(lang)` reads the gettext catalogs in
  translations/<lang>/ (site.po holds the hooks' strings) with Babel; templates call
  `tr("English text")`, which translates into the language of the page being rendered.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2
import markupsafe

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `mkdocs` run from elsewhere: the generator's modules sit beside site_hooks/
    sys.path.insert(0, str(ROOT))

# The languages, their names and the URL scheme are the generator's (record_builder/i18n.py,
# record_builder/locations.py): one list of languages and one scheme for pages and hooks alike.
from record_builder import dates, formats, i18n, locations  # noqa: E402

LANGUAGES, DEFAULT, NAMES = i18n.LANGUAGES, i18n.DEFAULT, i18n.NAMES
SITE_NAMES = {"es": "Crisis EE. UU.–Venezuela 2025: un registro con fuentes"}
# The switcher's accessible name (it contains the language's visible name, as WCAG 2.5.3 asks),
# for a page with a twin and for one without, whose switcher leads to the other home page.
SWITCH_LABELS = {"en": ("Read this page in English", "The English edition's home page"),
                 "es": ("Leer esta página en español", "Portada de la edición en español")}

_state: dict = {"homes": {}, "pages": {}, "sections": {}}  # this build's, set by the events below


# ---- which language ------------------------------------------------------------------------

def language_of(src_uri: str) -> str:
    """The language of a page by its path in docs/: 'es/...' is Spanish, the rest English."""
    return locations.language_of(src_uri)


def page_language(page) -> str:
    """The language of a page (an MkDocs Page); English for anything else (the 404 page)."""
    file = getattr(page, "file", None)
    return language_of(file.src_uri) if file is not None else DEFAULT


def twin_uri(src_uri: str, lang: str) -> str:
    """Where the page `src_uri` would be in `lang` (es/actors/x.md <-> actors/x.md)."""
    return locations.in_language(locations.english_path(src_uri), lang)


# ---- the hooks' strings and dates in each language -----------------------------------------

catalog = i18n.catalog  # msgid -> msgstr of translations/<lang>/*.po (site.po holds the hooks' strings)
translator = i18n.translator


def format_iso_day(text: str, lang: str) -> str:
    """An ISO date (2025-12-01) in the language's words, as the record writes its dates ("1
    December 2025", "1 de diciembre de 2025": record_builder/dates.py); anything else as it is."""
    try:
        date = dates.parse_date(text)
    except dates.DateError:
        return text
    return formats.date_label(date, lang)


def site_name(lang: str, config) -> str:
    return SITE_NAMES.get(lang) or config.site_name


# ---- the build ---------------------------------------------------------------------------------

def on_config(config):
    catalog.cache_clear()  # `mkdocs serve`: read the catalogs again for each build
    return config


def on_files(files, config):
    pages = {file.src_uri: file for file in files.documentation_pages()}
    _state["pages"] = pages
    _state["homes"] = {lang: pages.get(twin_uri("index.md", lang)) for lang in LANGUAGES}
    return files


def on_nav(nav, config, files):
    """The sections of mkdocs.yml's nav that hold one other language's pages, by language."""
    sections: dict = {}
    for item in nav.items:
        languages = {page_language(page) for page in _pages_in(item)}
        if item.is_section and len(languages) == 1 and languages != {DEFAULT}:
            sections.setdefault(languages.pop(), []).append(item)
    _state["sections"] = sections
    return nav


def _pages_in(item):
    if item.is_page:
        yield item
    for child in getattr(item, "children", None) or []:
        yield from _pages_in(child)


def language_nav(nav, page) -> list:
    """The menu's top level for the page's language."""
    lang = page_language(page)
    sections = _state["sections"]
    if lang != DEFAULT and sections.get(lang):
        return [child for section in sections[lang] for child in section.children]
    hidden = [section for other in sections.values() for section in other]
    return [item for item in nav.items if not any(item is section for section in hidden)]


def page_alternates(page) -> list[dict]:
    """For each language: {lang, name, label, url (site-relative), twin (whether it is this
    page's own translation), current}. A page with no twin leads to that language's home."""
    own = page_language(page)
    src_uri = page.file.src_uri if getattr(page, "file", None) is not None else "index.md"
    found = []
    for lang in LANGUAGES:
        target = page.file if lang == own and getattr(page, "file", None) is not None \
            else _state["pages"].get(twin_uri(src_uri, lang))
        twin = target is not None
        target = target or _state["homes"].get(lang)
        if target is None:
            continue
        found.append({"lang": lang, "name": NAMES[lang], "label": SWITCH_LABELS[lang][0 if twin else 1], "url": target.url,
                      "twin": twin, "current": lang == own})
    return found


def absolute_url(url: str, config) -> str | None:
    return config.site_url.rstrip("/") + "/" + url if config.site_url else None


@jinja2.pass_context
def _tr(context, message: str) -> markupsafe.Markup:
    """`tr("English text")` in a template: the text in the page's language, escaped. A
    translation is a contributor's msgstr, and the theme's templates print what they are
    given as it is: escaped here, it shows as typed wherever it lands (and `| e` after it
    escapes nothing twice)."""
    return markupsafe.escape(translator(page_language(context.get("page")))(message))


def home_url(page, nav, config) -> str:
    """The home page of the page's language (for English, Material's own choice)."""
    lang = page_language(page)
    home = _state["homes"].get(lang)
    if lang != DEFAULT and home is not None:
        return home.url
    return config.extra.get("homepage") or (nav.homepage.url if nav.homepage else "")


def on_env(env, config, files):
    env.globals.update(page_language=page_language, language_nav=language_nav, page_alternates=page_alternates,
                       home_url=lambda page, nav: home_url(page, nav, config),
                       page_site_name=lambda page: site_name(page_language(page), config), tr=_tr)
    env.filters["absolute_url"] = lambda url: absolute_url(url, config)
    return env


def on_page_context(context, page, config, nav):
    lang = page_language(page)
    if page.previous_page is not None and page_language(page.previous_page) != lang:
        page.previous_page = None
    if page.next_page is not None and page_language(page.next_page) != lang:
        page.next_page = None
    return context
