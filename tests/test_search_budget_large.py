"""search_budget.py's early step for large sites gives the index its late step would."""

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


def test_the_introduction_is_what_comes_before_the_first_section():
    reduced = search_budget.introduction(ACTOR_PAGE)
    assert "Also written as" in reduced and 'id="nicolas-maduro"' in reduced
    assert 'id="statements"' not in reduced and "a long statement" not in reduced and "An event" not in reduced


def test_indexing_the_introduction_equals_dropping_the_sections_afterwards():
    full = entries(FakePage(ACTOR_PAGE))
    full = [entry for entry in full if "#" not in entry["location"]]  # what fit() does to a repeating page
    early = entries(search_budget._IndexedAs(FakePage(ACTOR_PAGE), lighter=True))
    assert early == full
    assert [e["title"] for e in early] == ["Nicolás Maduro"]
    assert "Also written as" in early[0]["text"]


def test_a_continuation_page_is_indexed_by_its_title_alone_early_and_late():
    page = FakePage(CONTINUATION_PAGE, url="actors/nicolas-maduro--statements-2/")
    full = entries(page)
    assert full[0]["location"] == "actors/nicolas-maduro--statements-2/" and "a long statement" in full[0]["text"]
    for entry in full:  # what fit() does to a continuation page past the budget
        if search_budget.continuation(entry["location"]):
            entry["text"] = ""
    early = entries(search_budget._IndexedAs(page, lighter=True))
    assert early == full
    assert [e["title"] for e in early] == ["Nicolás Maduro: statements 101–200"]


def test_the_repeating_pages_are_known_by_their_address_in_every_language():
    for address in ("actors/nicolas-maduro/", "es/actors/nicolas-maduro/", "legal/x/#section",
                    "timeline-2025-09/", "es/timeline-2025-09-2/", "actors/x--events-2/", "es/legal/x--points-y-3/"):
        assert search_budget.repeating(address), address
    for address in ("", "es/", "actors/", "es/actors/", "sources/a/", "es/sources/a/", "timeline/", "figures/"):
        assert not search_budget.repeating(address), address
    assert search_budget.continuation("es/actors/x--events-2/#a")
    assert not search_budget.continuation("actors/x/")


class _Files:
    def __init__(self, pages):
        self._pages = pages

    def documentation_pages(self):
        return [type("File", (), {"page": page}) for page in self._pages]


def test_the_early_step_is_taken_only_past_the_large_site_size():
    small = [FakePage("x" * 1000) for _ in range(3)]
    assert not search_budget.large_site(_Files(small))
    large_site = search_budget.LARGE_SITE_FACTOR * search_budget.BUDGET
    large = [FakePage("x" * (large_site // 2 + 1)) for _ in range(2)]
    assert search_budget.large_site(_Files(large))
    assert not search_budget.large_site(_Files(small))  # measured afresh: nothing kept from the last call
    assert not search_budget.large_site(_Files(large), budget=search_budget.BUDGET * 2)  # past the budget's own size


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
