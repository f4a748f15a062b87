"""The Spanish edition in the built site: every English reader page has its Spanish twin, and
each leads to the other (the switcher and the hreflang alternates); each language has its own
menu and search index; the site plugin's words have their Spanish in translations/es/site.po.

The pages are found in the built site, whatever the record holds: a reader page is one that
ends with "How to cite this page" (plugin/record_site/page_info.py), which the contributors' format
reference does not.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest

from support import ROOT, SITE_URL

from record_site import accessibility, languages, page_info, search_index

SWITCHER = re.compile(r'<a class="md-header__button site-language" href="([^"]*)" hreflang="([^"]*)"')
HREFLANG = re.compile(r'<link rel="alternate " hreflang="([^"]*)" href="([^"]*)">')
NAV = re.compile(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', re.S)


@pytest.fixture(scope="session")
def site(local_site) -> Path:
    return local_site


def _pages(site: Path, spanish: bool) -> list[str]:
    """The reader pages of one language, as their folders ('', 'actors/x/', 'es/actors/x/')."""
    found = []
    for path in sorted(site.rglob("index.html")):
        name = path.relative_to(site).as_posix().removesuffix("index.html")
        if name.startswith("assets/") or name.startswith("es/") != spanish:
            continue
        if 'class="page-about"' in path.read_text(encoding="utf-8"):
            found.append(name)
    return found


def _target(page: str, href: str) -> str:
    """The folder ('', 'es/actors/x/') a relative link on the page in folder `page` leads to."""
    joined = posixpath.normpath(posixpath.join(page, href.split("#")[0]))
    return "" if joined == "." else joined + "/"


def test_every_english_reader_page_has_its_spanish_twin_and_leads_to_it(site):
    english = _pages(site, spanish=False)
    assert "" in english and "timeline/" in english and len(english) > 10
    assert "format/" not in english  # the contributors' reference is not a reader page
    problems = []
    for page in english:
        twin = "es/" + page
        if not (site / twin / "index.html").is_file():
            problems.append(f"{page or 'home'}: no Spanish page at {twin}")
            continue
        html = (site / page / "index.html").read_text(encoding="utf-8")
        switchers = SWITCHER.findall(html)
        if [(_target(page, href), lang) for href, lang in switchers] != [(twin, "es")]:
            problems.append(f"{page or 'home'}: the switcher leads to {switchers}, not {twin}")
        alternates = {lang: _target(page, href) for lang, href in HREFLANG.findall(html)}
        if alternates != {"en": page, "es": twin, "x-default": page}:
            problems.append(f"{page or 'home'}: hreflang alternates {alternates}")
        back = (site / twin / "index.html").read_text(encoding="utf-8")
        if [(_target(twin, href), lang) for href, lang in SWITCHER.findall(back)] != [(page, "en")]:
            problems.append(f"{twin}: the switcher does not lead back to {page or 'home'}")
        if '<html lang="es"' not in back:
            problems.append(f"{twin}: not <html lang=\"es\">")
    assert not problems, "\n".join(problems)


def test_a_page_without_a_twin_leads_to_the_other_home(site):
    html = (site / "format/index.html").read_text(encoding="utf-8")
    assert [(_target("format/", href), lang) for href, lang in SWITCHER.findall(html)] == [("es/", "es")]
    assert not HREFLANG.findall(html)  # no equivalent page, so no alternate to name


def test_each_language_has_its_own_menu_and_neighbours(site):
    for page in _pages(site, spanish=False) + _pages(site, spanish=True):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        spanish = page.startswith("es/")
        links = [_target(page, href) for href in re.findall(r'href="([^"#][^"]*)"', NAV.search(html).group(0))]
        assert len(links) > 3, page
        outside = [link for link in links if link.startswith("es/") != spanish and link != "format/"]
        assert not outside, f"{page}: the menu lists {outside}"
        for direction in ("prev", "next"):
            for href in re.findall(rf'<link rel="{direction}" href="([^"]*)"', html):
                assert _target(page, href).startswith("es/") == spanish, f"{page}: {direction} {href}"


def test_the_spanish_pages_speak_spanish(site):
    html = (site / "es/index.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in html
    assert f"<title>{languages.SITE_NAMES['es']}</title>" in html
    assert "Saltar a contenido" in html  # Material's own Spanish
    assert 'aria-label="Buscar"' in html  # the search dialog's name (reader.py)
    assert "Cómo citar esta página" in html and "How to cite" not in html
    assert '<html lang="en"' in (site / "index.html").read_text(encoding="utf-8")


def test_each_language_searches_its_own_pages(site):
    english = json.loads((site / "search/search_index.full.json").read_text(encoding="utf-8"))
    spanish = json.loads((site / "es/search/search_index.full.json").read_text(encoding="utf-8"))
    assert english["config"]["lang"] == ["en"] and spanish["config"]["lang"] == ["es"]
    english_docs, spanish_docs = search_index.documents(english), search_index.documents(spanish)
    assert english_docs and not [d["location"] for d in english_docs if d["location"].startswith("es/")]
    assert spanish_docs and not [d["location"] for d in spanish_docs if not d["location"].startswith("es/")]
    lunr = sorted(p.relative_to(site / "assets/javascripts/lunr").as_posix()
                  for p in (site / "assets/javascripts/lunr").rglob("*") if p.is_file())
    assert lunr == ["min/lunr.es.min.js", "min/lunr.stemmer.support.min.js"]


def test_with_a_site_url_the_alternates_are_absolute(deployed_site):
    site = deployed_site
    html = (site / "actors/nicolas-maduro/index.html").read_text(encoding="utf-8")
    assert dict(HREFLANG.findall(html)) == {"en": SITE_URL + "actors/nicolas-maduro/",
                                            "es": SITE_URL + "es/actors/nicolas-maduro/",
                                            "x-default": SITE_URL + "actors/nicolas-maduro/"}
    assert '<meta property="og:locale" content="es">' in (site / "es/index.html").read_text(encoding="utf-8")
    # each page's link-preview card is its section's, in its language, drawn in a font with the accents
    spanish = (site / "es/actors/nicolas-maduro/index.html").read_text(encoding="utf-8")
    assert f'<meta property="og:image" content="{SITE_URL}assets/images/cards/es/actors.png">' in spanish
    assert f'<meta property="og:image" content="{SITE_URL}assets/images/cards/actors.png">' in html
    assert (site / "assets/images/cards/es/actors.png").is_file()


# ---- the words --------------------------------------------------------------------------------

def _site_strings() -> set[str]:
    """Every English text the plugin and templates show readers through the Spanish catalog."""
    templates = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "overrides").rglob("*.html"))
    found = set(re.findall(r'\btr\("([^"]+)"\)', templates))
    found |= {text for texts in accessibility.SCRIPT_STRINGS.values() for text in texts}
    found |= set(page_info.CARDS.values()) | {page_info.CARD_NAME, *page_info.CARD_LINES}
    found |= {accessibility.PERMALINK_NAME, "Search", "Version",
              "What the sources report, each statement linked to its source."}
    return found


def test_every_word_of_the_site_has_its_spanish():
    catalog = languages.catalog("es")
    missing = sorted(text for text in _site_strings() if text not in catalog)
    assert not missing, f"translations/es/site.po has no Spanish for: {missing}"
    placeholders = re.compile(r"\{\w+\}")
    for english, spanish in catalog.items():
        assert sorted(placeholders.findall(english)) == sorted(placeholders.findall(spanish)), english


def test_languages_by_path_and_dates_in_spanish():

    assert languages.language_of("es/actors/x.md") == "es"
    assert languages.language_of("actors/x.md") == languages.language_of("es.md") == "en"
    assert languages.twin_uri("es/actors/x.md", "en") == "actors/x.md"
    assert languages.twin_uri("index.md", "es") == "es/index.md"
    assert languages.format_iso_day("2025-12-01", "es") == "1 de diciembre de 2025"
    assert languages.format_iso_day("2025-12-01", "en") == "1 December 2025"
    assert languages.format_iso_day("not a date", "es") == "not a date"
