"""The real corpus: it validates, its committed pages are current, and MkDocs builds it strictly."""

from __future__ import annotations

import re

import pytest

from support import REPO_URL, ROOT, run_build


def test_card_layout_exists():
    for path in ("docs", "docs/timeline.md", "docs/actors", "docs/legal", "docs/sources", "mkdocs.yml",
                 "build_pages.py", "seeds", "tests", "README.md", ".ci/run", "docs/methodology.md"):
        assert (ROOT / path).exists(), path


def test_real_corpus_is_valid_and_committed_pages_are_current():
    result = run_build(ROOT, "--check")
    assert result.code == 0, result.err
    assert result.out.startswith("OK: ")


def test_no_page_asks_another_host_for_anything(local_site):
    external = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=["']?(?:https?:)?//""", re.I)
    for page in local_site.rglob("*.html"):
        found = external.findall(page.read_text(encoding="utf-8"))
        assert not found, f"{page}: {found}"
    css = "".join(p.read_text(encoding="utf-8") for p in local_site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_edit_link_of_a_generated_page_opens_its_yaml(deployed_site):
    html = (deployed_site / "actors/nicolas-maduro/index.html").read_text(encoding="utf-8")
    assert f'href="{REPO_URL}/edit/main/seeds/actors/nicolas-maduro.yaml"' in html
    html = (deployed_site / "methodology/index.html").read_text(encoding="utf-8")
    assert f'href="{REPO_URL}/edit/main/docs/methodology.md"' in html


def test_search_index_covers_every_page(local_site):
    import json

    # search_index.json keeps only the configuration; the documents load on first use (reader.py)
    assert json.loads((local_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"] == []
    index = json.loads((local_site / "search/search_index.full.json").read_text(encoding="utf-8"))
    from record_site import search_index

    docs = search_index.documents(index)
    locations = {doc["location"].split("#")[0] for doc in docs}
    for page in ("timeline/", "actors/vladimir-padrino-lopez/", "legal/extrajudicial-killing-claims/"):
        assert page in locations
    text = " ".join(doc["text"] for doc in docs)
    for name in ("Padrino", "Jenča", "Southern Spear"):
        assert name in text


def test_quotation_marks_on_built_pages_hold_only_the_sources_words(local_site):
    """The record's own titles are never in quotation marks, on the built pages too (the
    citation, the link previews' titles): every “…” of an English reader page's text is in one
    of the source texts beside the project (shared/seeds/)."""
    from selectolax.lexbor import LexborHTMLParser

    from content_checks import Corpus, norm

    corpus = Corpus(ROOT)
    texts = [norm(text) for text in (corpus.text_of(s) for s in corpus.sources.values()) if text]
    if not texts:
        pytest.skip("no source texts beside the project (shared/seeds/) to hold the quotes against")
    everything = "\n".join(texts)
    outside = []
    for page in sorted(local_site.rglob("*.html")):
        shown = page.relative_to(local_site).as_posix()
        if shown.startswith(("es/", "format/", "methodology/", "licence/", "404")):
            continue
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        article = tree.css_first("article")
        for quoted in re.findall(r"“([^“”]+)”", " ".join((article.text() if article else "").split())):
            words = norm(quoted).rstrip(",.;:")
            if words and words not in everything and words.replace("’", "'") not in everything:
                outside.append((shown, words))
    assert not outside, outside[:10]
