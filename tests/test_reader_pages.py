"""The built site as readers and the sites they share links on see it, with SITE_URL set as the
workflow sets it for GitHub Pages (a project site under a sub-path): canonical links, link
previews, the sitemap, the 404 page, licences, "How to cite this page", the last-change
date, and a search index without the machinery. Checked on every page, for any corpus."""

from __future__ import annotations

import json
import re
import struct
from html.parser import HTMLParser
from pathlib import Path

import markupsafe
import pytest
import yaml

from record_builder import locations
from record_builder.i18n import translator

from support import ROOT, SITE_URL

from record_site import search_index

INTERNAL_NAME = re.compile(r"\b\d{3}_[0-9a-f]{6,}\.txt\b|\bseeds/|\b[\w-]+\.ya?ml\b")


@pytest.fixture(scope="session")
def site(deployed_site) -> Path:
    return deployed_site


class Head(HTMLParser):
    """The <meta> and <link> of a page, its footer's text and whether it has the citation."""

    def __init__(self):
        super().__init__()
        self.meta, self.links, self.text = {}, [], []
        self._footer = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta[a.get("property") or a.get("name")] = a.get("content")
        elif tag == "link":
            self.links.append(a)
        elif tag == "footer":
            self._footer += 1

    def handle_endtag(self, tag):
        if tag == "footer":
            self._footer -= 1

    def handle_data(self, data):
        if self._footer:
            self.text.append(data)


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if "assets" not in p.parts)


def parsed(path: Path) -> tuple[Head, str]:
    html = path.read_text(encoding="utf-8")
    head = Head()
    head.feed(html)
    return head, html


def address(site: Path, page: Path) -> str:
    folder = page.parent.relative_to(site).as_posix()
    return SITE_URL + ("" if folder == "." else folder + "/")


def test_every_page_has_its_canonical_link_and_a_link_preview(site):
    for page in pages(site):
        head, _ = parsed(page)
        url = address(site, page)
        assert {"rel": "canonical", "href": url} in head.links, page
        assert head.meta["og:url"] == url
        for key in ("og:title", "og:description", "og:site_name", "og:image:alt", "twitter:image:alt"):
            assert head.meta.get(key), f"{page}: no {key}"
        assert head.meta["twitter:card"] == "summary_large_image"
        image = head.meta["og:image"]
        assert image.startswith(SITE_URL)
        data = (site / image.removeprefix(SITE_URL)).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", data[16:24]) == (1200, 630) == (int(head.meta["og:image:width"]),
                                                                     int(head.meta["og:image:height"]))


def test_sitemap_lists_every_page_by_its_address(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    assert listed == {address(site, page) for page in pages(site)}


def test_404_links_from_the_sub_path_at_any_depth(site):
    html = (site / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in html
    refs = re.findall(r'(?:href|src)="([^"#]+)"', html)
    local = [r for r in refs if not r.startswith(("https://", "http://", "data:"))]
    assert local and all(r.startswith("/repo/") for r in local), [r for r in local if not r.startswith("/repo/")]
    assert 'aria-label="Search"' in html and "<style>" in html  # reader.py's fixes reach it too
    assert 'class="md-skip"' in html


def language(site: Path, page: Path):
    """The gettext function of a built page's language (its path under the site says which)."""
    return translator(locations.language_of(page.relative_to(site).as_posix()))


def test_every_page_names_both_licences_in_its_footer(site):
    for page in pages(site) + [site / "404.html"]:
        footer = " ".join("".join(parsed(page)[0].text).split())
        _ = language(site, page)
        assert f"{_('Text and data:')} CC BY 4.0" in footer and f"{_('Code:')} MIT" in footer, page
    assert "Creative Commons Attribution 4.0 International Public License" in (ROOT / "LICENSE-CONTENT").read_text()
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")


def test_reader_pages_say_how_to_cite_them_and_when_they_changed(site):
    version = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))["version"]
    for page in pages(site):
        _, html = parsed(page)
        if page.parent.name == "format":  # the contributors' reference is not a reader page
            assert "How to cite this page" not in html
            continue
        url = address(site, page)
        translate = language(site, page)

        def _(text, translate=translate):  # as the page prints it: escaped (languages.py's tr)
            return str(markupsafe.escape(translate(text)))

        assert _("How to cite this page") in html, page
        cite = html[html.index('id="how-to-cite-this-page"'):]
        assert f'<a href="{url}">{url}</a>. {_("Version")} {version}.' in cite, page
        assert f"url          = {{{url}}}" in cite and f"version      = {{{version}}}" in cite
        assert f'<span data-access-date="long">{_("[add the date you read it]")}</span>' in cite  # the no-script text
        no_date_of_its_own = _("This page's content carries no date of its own; the record as a whole last changed on")
        assert f"{_('Content last changed:')} <strong>" in html or f"{no_date_of_its_own} <strong>" in html, page


def test_the_search_index_holds_no_contributor_page_and_no_internal_name(site):
    stub = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert stub["docs"] == [] and stub["config"]["lang"] == ["en"]  # what every page fetches: no documents
    docs = search_index.documents(json.loads((site / "search/search_index.full.json").read_text(encoding="utf-8")))
    assert not [d["location"] for d in docs if d["location"].startswith("format/")]
    found = [(d["location"], m.group(0)) for d in docs
             for m in INTERNAL_NAME.finditer(d["title"] + " " + d["text"])]
    assert not found, found[:5]
    ids = {p.stem for p in (ROOT / "seeds").rglob("*.yaml") if "-" in p.stem}
    text = " ".join(d["text"] for d in docs)
    assert not [i for i in ids if re.search(rf"(?<![\w/-]){re.escape(i)}(?![\w-])", text)]
