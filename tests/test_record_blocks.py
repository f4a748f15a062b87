"""The plugin's record_blocks.py: the record's HTML blocks skip Markdown's reading of them, and
their links become the site's URLs. The skip must change nothing: every generated page,
and pages of hostile text, convert to the same HTML with it and without it, up to the blank
lines between elements (a block inside a `markdown="1"` container, such as a legal page's
party column, is followed by one more or one fewer), which no browser shows."""

from __future__ import annotations

import re

import markdown
import pytest
import yaml

from support import ROOT, minimal_record
from record_builder.render import Pages
from test_render import HOSTILE

from record_site import record_blocks

CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def _extensions() -> tuple[list, dict]:
    """The site's Markdown extensions and their settings, as mkdocs.yml gives them."""
    names, settings = [], {}
    for entry in CONFIG["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        settings[name] = {key: value == "true" if value in ("true", "false") else value
                          for key, value in options.items()}
    return names, settings


def _both_ways(text: str) -> tuple[str, str]:
    names, settings = _extensions()
    plain = markdown.Markdown(extensions=names, extension_configs=settings).convert(text)
    skipping = markdown.Markdown(extensions=[*names, record_blocks.RecordBlocks()],
                                 extension_configs=settings).convert(text)
    return _BLANK_LINES.sub("\n", plain), _BLANK_LINES.sub("\n", skipping)


_BLANK_LINES = re.compile(r"\n{2,}")


def _body(page: str) -> str:
    return page.split("\n---\n", 1)[1] if page.startswith("---\n") else page


def test_every_generated_page_converts_the_same_with_the_skip():
    pages = [path for path in sorted((ROOT / "docs").rglob("*.md"))
             if path.read_text(encoding="utf-8").startswith("---\n# GENERATED")]
    assert pages
    stashed = 0
    for path in pages:
        text = _body(path.read_text(encoding="utf-8"))
        plain, skipping = _both_ways(text)
        assert skipping == plain, path.relative_to(ROOT)
        stashed += text.count("\n<ul>\n") + text.count('\n<details class="tl-event"')
    assert stashed  # the record's pages do have blocks to skip


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_converts_the_same_with_the_skip(text):
    record = minimal_record()
    record.events[0].accounts[0].title = text
    record.events[0].accounts[0].summary = text
    pages = Pages(record, languages=("en",)).all()
    for page in (text for path, text in pages.items() if path.endswith(".md")):
        plain, skipping = _both_ways(_body(page))
        assert skipping == plain


@pytest.mark.parametrize("text", [
    "<ul>\n<li>a</li>\n</ul>\ntext straight after",  # no blank line after: Markdown's own rules
    "para\n<ul>\n<li>a</li>\n</ul>",  # no blank line before
    "<ul>\n<li>a</li>",  # never closed
    '<ul class="x">\n<li>a</li>\n</ul>',  # not as the generator writes it
    "<details class=\"tl-event\" id=\"a\">\n<summary>s</summary>\n<p>x</p>\n</details>\n\n<ul>\n<li>*a*</li>\n</ul>\n",
    "  <ul>\n<li>a</li>\n</ul>",
])
def test_text_that_only_looks_like_a_block_converts_the_same(text):
    plain, skipping = _both_ways(text)
    assert skipping == plain


def _files(use_directory_urls: bool):
    from mkdocs.structure.files import File, Files

    return Files([File(path, "docs", "site", use_directory_urls)
                  for path in ("index.md", "actors/x.md", "actors/y.md", "sources/a.md")])


@pytest.mark.parametrize("directory_urls, expected", [
    (True, '<a href="../../sources/a/#s-1">A</a> <a href="../y/">Y</a> <a href="../../">Home</a>'),
    (False, '<a href="../sources/a.html#s-1">A</a> <a href="y.html">Y</a> <a href="../index.html">Home</a>'),
])
def test_links_to_markdown_files_become_the_sites_urls(directory_urls, expected):
    """As MkDocs makes them for Markdown links: with directory URLs online, as .html files offline."""
    from types import SimpleNamespace

    files = _files(directory_urls)
    page = SimpleNamespace(file=files.get_file_from_path("actors/x.md"))
    html = '<a href="../sources/a.md#s-1">A</a> <a href="y.md">Y</a> <a href="../index.md">Home</a>'
    assert record_blocks.links_to_urls(html, page, files, found={}) == expected


def test_a_link_to_a_missing_page_warns_as_mkdocs_does(caplog):
    from types import SimpleNamespace

    files = _files(True)
    page = SimpleNamespace(file=files.get_file_from_path("actors/x.md"))
    html = '<a href="gone.md">G</a> <a href="https://example.org/a.md">E</a>'
    assert record_blocks.links_to_urls(html, page, files, found={}) == html
    assert "actors/x.md' contains a link to 'gone.md', which is not found" in caplog.text
