"""search_budget.py: the repeating pages known by their address, and the index the same without the
blocks' inline tags."""

from __future__ import annotations

import markdown
from material.plugins.search.plugin import SearchIndex
from support import ROOT

from record_site import search_budget

ACTOR_PAGE = (
    '<h1 id="nicolas-maduro">Nicolás Maduro</h1>\n<p><em>Person</em> · Venezuela</p>\n'
    "<p><strong>Also written as:</strong> Nicolas Maduro</p>\n"
    '<h2 id="statements">Statements<a class="headerlink" href="#statements">¶</a></h2>\n'
    "<ul>\n<li>3 February 2025, <em>denial</em>: a long statement. (<a href=\"../sources/a/\">A</a>)</li>\n</ul>\n"
    '<h2 id="events">Events</h2>\n<ul>\n<li>2025: <a href="../timeline/#e">An event</a></li>\n</ul>\n'
)


CONTINUATION_PAGE = (
    '<h1 id="nicolas-maduro-statements-101-200">Nicolás Maduro: statements 101–200</h1>\n'
    "<p>Continued from <a href=\"../nicolas-maduro/\">Nicolás Maduro</a>.</p>\n"
    "<ul>\n<li>3 February 2025, <em>denial</em>: a long statement. (<a href=\"../sources/a/\">A</a>)</li>\n</ul>\n"
)


class FakePage:
    def __init__(self, content, url="actors/nicolas-maduro/"):
        self.content = content
        self.toc = []
        self.url = url
        self.meta = {}
        self.title = "Nicolás Maduro"


def entries(page):
    index = SearchIndex(lang=["en"], separator="", pipeline=[], fields={})
    index.add_entry_from_context(page)
    return index.entries


def test_every_section_of_a_repeating_page_is_indexed():
    """Issue 25: an actor page and a continuation page keep their sections and their text in the index."""
    indexed = entries(search_budget._IndexedAs(FakePage(ACTOR_PAGE)))
    assert [e["location"] for e in indexed] == ["actors/nicolas-maduro/", "actors/nicolas-maduro/#statements",
                                                "actors/nicolas-maduro/#events"]
    assert "a long statement" in indexed[1]["text"] and "An event" in indexed[2]["text"]
    continued = entries(search_budget._IndexedAs(FakePage(CONTINUATION_PAGE, url="actors/nicolas-maduro--statements-2/")))
    assert "a long statement" in continued[0]["text"]


def test_the_repeating_pages_are_known_by_their_address_in_every_language():
    for address in ("actors/nicolas-maduro/", "es/actors/nicolas-maduro/", "legal/x/#section",
                    "timeline-2025-09/", "es/timeline-2025-09-2/", "actors/x--events-2/", "es/legal/x--points-y-3/"):
        assert search_budget.repeating(address), address
    for address in ("", "es/", "actors/", "es/actors/", "sources/a/", "es/sources/a/", "timeline/", "figures/"):
        assert not search_budget.repeating(address), address
    assert search_budget.continuation("es/actors/x--events-2/#a")
    assert not search_budget.continuation("actors/x/")


def test_the_index_is_the_same_without_the_inline_tags_of_the_html_blocks():
    """Every generated page of the record, converted as the site converts it, gives the same
    search entries with its blocks' inline tags removed (as every page is indexed) and with them."""
    pages = [path for path in sorted((ROOT / "docs").rglob("*.md"))
             if path.read_text(encoding="utf-8").startswith("---\n# GENERATED")]
    removed = 0
    for path in pages:
        html = markdown.markdown(path.read_text(encoding="utf-8").split("\n---\n", 1)[1],
                                 extensions=["attr_list", "md_in_html", "tables", "toc"])
        lighter = search_budget.inline_free(html)
        removed += len(html) - len(lighter)
        page = FakePage(html, url=path.relative_to(ROOT / "docs").with_suffix("").as_posix() + "/")
        assert entries(search_budget._IndexedAs(page)) == entries(page), path
    assert removed  # the pages have such tags to remove
