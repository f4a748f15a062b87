"""Page layout under a small budget: the real corpus split as a 10,000-event record would be.

The build is given small budgets so the 20-event corpus splits: the timeline into month
pages (and a month into parts), long lists into continuation pages. MkDocs then builds
the result with --strict, which checks that every link and anchor resolves.
"""

from __future__ import annotations

import dataclasses
import re
import functools
import os
import shutil
import subprocess
import sys

import pytest

from record_builder import cli, layout
from record_builder.dates import MONTHS as MONTH_NAMES
from record_builder.layout import Budgets
from record_builder.render import Pages
from support import ROOT, copy_hand_written_pages

SMALL = Budgets(timeline=12_000, list_limit=2, list_page_size=4, table_rows=2)
UNSPLIT = Budgets(timeline=10**9, list_limit=10**9, table_rows=10**9)  # whatever the corpus grows to


def build(project, budgets: Budgets) -> int:
    stages = dataclasses.replace(cli.default_stages(), pages=functools.partial(Pages, budgets=budgets))
    return cli.main(["--root", str(project)], stages=stages)



@pytest.fixture
def split_project(tmp_path):
    project = tmp_path / "project"
    for name in ("seeds", "overrides", "record_builder", "translations"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "docs").mkdir()
    copy_hand_written_pages(project)
    assert build(project, SMALL) == 0
    return project


def test_timeline_becomes_an_overview_of_month_pages(split_project):
    docs = split_project / "docs"
    overview = (docs / "timeline.md").read_text(encoding="utf-8")
    assert "each month has its own page" in overview
    months = sorted(p.name for p in docs.glob("timeline-*.md"))
    assert "timeline-2025-08.md" in months
    for name in months:
        assert f"]({name})" in overview
    split = sorted(name for name in months if re.fullmatch(r"timeline-\d{4}-\d{2}-1\.md", name))
    assert split, months  # a month too long for one page splits into parts
    key = split[0].removeprefix("timeline-").removesuffix("-1.md")
    label = MONTH_NAMES[int(key[5:]) - 1] + " " + key[:4]
    first = (docs / split[0]).read_text(encoding="utf-8")
    assert f"# Timeline: {label}, part 1 of" in first
    assert f"next: [{label}, part 2](timeline-{key}-2.md)" in first


def test_event_links_point_at_the_month_page(split_project):
    actors = split_project / "docs/actors"
    actor = "\n".join(page.read_text(encoding="utf-8") for page in sorted(actors.glob("miroslav-jenca*.md")))
    assert re.search(r'href="\.\./timeline-2025-10(-\d)?\.md#security-council-briefing-2025-10-10"', actor)
    assert "../timeline.md#" not in actor


def test_long_lists_continue_on_their_own_pages(split_project):
    docs = split_project / "docs"
    page = (docs / "actors/donald-trump.md").read_text(encoding="utf-8")
    going_on = re.search(r"The list goes on: \[(\d+)–(\d+)\]\(donald-trump--statements-2\.md\)", page)
    assert going_on, "the statements continue on their own page"
    first, last = int(going_on.group(1)), int(going_on.group(2))
    assert 1 <= first <= SMALL.list_limit + 1 and last - first + 1 <= SMALL.list_page_size
    more = (docs / "actors/donald-trump--statements-2.md").read_text(encoding="utf-8")
    body = more.split("\n---\n", 1)[1]  # after the front matter, whatever lines it holds
    assert body.lstrip("\n").startswith(f"# Donald Trump: Statements, {first}–{last} of ")
    assert "Continued from [Donald Trump](donald-trump.md)." in more


def test_the_parties_lists_of_a_legal_page_continue_together(split_project):
    """Each party's positions and points past the page's share go on shared pages, under the
    party's heading, and the legal page links to where each party's rest starts."""
    docs = split_project / "docs"
    shared = sorted(docs.glob("legal/*--parties-2.md"))
    assert shared and not list(docs.glob("legal/*--positions-*")) and not list(docs.glob("legal/*--points-*"))
    for more in shared:
        page = docs / "legal" / (more.name.split("--")[0] + ".md")
        text_of_page = page.read_text(encoding="utf-8")
        links = re.findall(r"\[(\d+)–(\d+)\]\(([^)#]+--parties-\d+\.md)#(list-[\w-]+)\)", text_of_page)
        # A party whose lists show nothing on the page (its share ran out) is a link by its name.
        named = re.findall(r"\[([^\]\d][^\]]*)\]\(([^)#]+--parties-\d+\.md)#(list-[\w-]+)\)", text_of_page)
        assert links or named
        for first, last, target, anchor in links:
            text = (docs / "legal" / target).read_text(encoding="utf-8")
            assert re.search(rf"^### .*, {first}–{last} of \d+ {{ #{anchor} }}$", text, re.M), (target, anchor)
            assert text.count("{ #" + anchor + " }") == 1
        for name, target, anchor in named:
            text = (docs / "legal" / target).read_text(encoding="utf-8")
            assert re.search(rf"^### {re.escape(name)}.*, 1–\d+ of \d+ {{ #{anchor} }}$", text, re.M), (target, anchor)


def test_the_sources_index_and_the_additions_continue_on_their_own_pages(split_project):
    """One row or item a source: the sources index's table and the corrections page's list of
    additions would grow with the record, so they page as long lists do."""
    docs = split_project / "docs"
    index = (docs / "sources/index.md").read_text(encoding="utf-8")
    assert "](index--sources-2.md)" in index and index.count("\n<tr>\n") == SMALL.table_rows + 1  # and the header
    more = (docs / "sources/index--sources-2.md").read_text(encoding="utf-8")
    assert f"# Sources: All sources, {SMALL.table_rows + 1}–" in more and "<table>" in more
    corrections = (docs / "corrections.md").read_text(encoding="utf-8")
    assert "](corrections--additions-2.md)" in corrections
    assert (docs / "es/corrections--additions-2.md").is_file() and (docs / "es/sources/index--sources-2.md").is_file()


def test_split_site_builds_strictly(split_project):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                           str(split_project / "site")], cwd=split_project, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def test_a_rebuild_with_a_larger_budget_removes_the_split_pages(split_project):
    assert build(split_project, UNSPLIT) == 0
    assert not list((split_project / "docs").glob("timeline-*.md"))
    assert not list((split_project / "docs/actors").glob("*--*.md"))


def test_lists_sharing_a_page_share_its_budget():
    budgets = Budgets(list_limit=10)
    assert layout.shared_limit([[1] * 3, [1] * 4], budgets.list_limit) is None  # 7 items: all shown
    assert layout.shared_limit([[1] * 30, [1] * 4], budgets.list_limit) == 6  # the short list whole, the long one the rest
    assert layout.shared_limit([[1] * 30, [1] * 30], budgets.list_limit) == 5  # an equal share of the page
    assert layout.shared_limit([[1] * 2] * 40, budgets.list_limit) == 0  # more lists than items: each says where it goes on


def test_the_lists_of_a_page_show_the_list_limit_of_items_in_all(split_project):
    """An actor's or a legal question's lists share one page's budget (SMALL: 2 items), so a
    page cannot grow with the number of its lists."""
    docs = split_project / "docs"
    for page in [*docs.glob("actors/*.md"), *docs.glob("legal/*.md")]:
        if "--" in page.name or page.name == "index.md":
            continue
        text = page.read_text(encoding="utf-8")
        items = len(re.findall(r"^<li>", text, re.M))
        assert items <= SMALL.list_limit, (page.name, items)


def test_a_party_named_only_where_its_lists_go_on_is_escaped_there():
    """With no share of the page left, a party is a link by its name (legal.md.j2's 'The list goes
    on'); that name is escaped there as everywhere: markup and Markdown in it stay text."""
    import markdown

    from record_builder import pages as page_jobs
    from record_builder.record import build_record
    from record_builder.validate import load_and_check

    checked, problems = load_and_check(ROOT / "seeds", ROOT)
    assert not problems
    record = build_record(checked)
    hostile = 'Evil "x" & <script>alert(1)</script> [l](javascript:alert(1)) *b*'
    for actor in record.actors:
        actor.name = hostile
    pages = Pages(record, budgets=Budgets(list_limit=1, list_page_size=4, table_rows=2))
    lines = [line for question in record.legal if question.positions_by_party()
             for text in page_jobs.legal(pages, question).values()
             for line in text.splitlines() if line.startswith("The list goes on: [Evil")]
    assert lines, "no legal question with a party past the page's share"
    for line in lines:
        html = markdown.markdown(line)
        assert "<script" not in html and not any("javascript:" in href for href in re.findall(r'href="([^"]*)"', html))
        assert "&lt;script&gt;" in html and "*b*" in html
