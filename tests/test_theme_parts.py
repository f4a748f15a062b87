"""The theme's parts rendered once for many pages (plugin/record_site/theme_parts.py) are right on
every page: the menu of each page leads to its language's pages from where that page is, the
current page is marked only on a page that is itself in the menu, and the parts rendered once
per language (the colour toggle, the search box, the links to the theme's files) are those of
the page's language and depth."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

PRIMARY = "nav.md-nav--primary"


def _site_path(site: Path, page: Path) -> str:
    return page.relative_to(site).as_posix()


def _resolved(page: str, href: str) -> str:
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
    return "" if target == "." else target.rstrip("/")


def _menu(site: Path, page: Path) -> tuple[set, bool]:
    tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
    menu = tree.css_first(PRIMARY)
    assert menu is not None, page
    where = _site_path(site, page)
    # (a page in the menu also lists its own sections there: links within the page, left out)
    links = {_resolved(where, href) for a in menu.css("a") if not (href := a.attributes.get("href") or "").startswith("#")}
    return links, menu.css_first(".md-nav__link--active") is not None


def test_every_page_menu_leads_to_its_languages_pages_from_where_the_page_is(local_site):
    pages = sorted(local_site.rglob("index.html"))
    assert len(pages) > 20
    expected = {lang: _menu(local_site, local_site / home / "index.html")[0] for lang, home in (("en", "."), ("es", "es"))}
    in_menu = {target for links in expected.values() for target in links}
    for page in pages:
        where = _site_path(local_site, page)
        lang = "es" if where.startswith("es/") else "en"
        links, active = _menu(local_site, page)
        assert links == expected[lang], where
        assert active == (posixpath.dirname(where) in in_menu), where


def test_the_parts_rendered_once_are_the_pages_language_and_depth(local_site):
    for where in ("index.html", "actors/index.html", "es/index.html", "es/actors/index.html", "404.html"):
        text = (local_site / where).read_text(encoding="utf-8")
        lang = "es" if where.startswith("es/") else "en"
        assert f'<html lang="{lang}"' in text, where
        placeholder = re.search(r'class="md-search__input"[^>]*placeholder="([^"]*)"', text)
        assert placeholder and placeholder.group(1) == ("Búsqueda" if lang == "es" else "Search"), where
        if where == "404.html":
            continue
        depth = where.count("/")
        config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', text, re.S)
        assert config and json.loads(config.group(1))["base"] == ("/".join([".."] * depth) or "."), where
        stylesheet = re.search(r'<link rel="stylesheet" href="([^"]*assets/stylesheets/main[^"]*)"', text)
        assert stylesheet and stylesheet.group(1).startswith("../" * depth if depth else "assets/"), where
