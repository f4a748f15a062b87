"""Editorial invariants of the published record, for any corpus: every statement on the
timeline and printed in full once, every figure with who reports it and how the source
words it, a lead whose every sentence links to its sources, the order the sources state,
each party on each legal page, and none of the record's machinery on reader pages.

The real corpus is built once into a temporary folder; small variations of the minimal
fixture check what the real corpus may not happen to contain today.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from html import unescape
from pathlib import Path

import markdown
import pytest

from record_builder import cli
from record_builder.validate import load_and_check
from record_builder.record import build_record
from record_builder.escaping import html_text, html_value, md_escape
from record_builder.render import Pages
from support import ROOT, copy_hand_written_pages, run_build
from test_render import HOSTILE

LINK = re.compile(r"\]\(([^)\s]+)\)")


class Built(tuple):
    """(project folder, record). Its repr stays short: a failing test's report prints its
    arguments, and the record's linked objects would print without end."""

    def __repr__(self):
        return f"Built({self[0]})"


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """(project folder, record) for the real corpus, built once."""
    project = tmp_path_factory.mktemp("editorial") / "project"
    shutil.copytree(ROOT / "seeds", project / "seeds")
    (project / "docs").mkdir()
    copy_hand_written_pages(project)
    assert cli.main(["--root", str(project)]) == 0
    return Built((project, _record(project)))


def _record(project: Path):
    checked, problems = load_and_check(project / "seeds", project)
    assert not problems
    return build_record(checked)


def _page(project: Path, path: str) -> str:
    return (project / "docs" / path).read_text(encoding="utf-8")


LANGUAGE_ROOTS = {"en": "", "es": "es/"}  # where each edition's pages are, under docs/


def _timeline_pages(project: Path, language: str = "en") -> dict:
    docs = project / "docs" / LANGUAGE_ROOTS[language]
    return {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(docs.glob("timeline*.md"))}


def _reader_pages(project: Path, language: str | None = None) -> dict:
    """Every generated page a reader meets (the format reference is the contributors'), of one
    language's edition or, with None, of every language's."""
    docs = project / "docs"
    pages = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in sorted(docs.rglob("*.md"))
             if p.name not in ("format.md", "methodology.md", "licence.md")}
    if language is None:
        return pages
    others = [root for lang, root in LANGUAGE_ROOTS.items() if lang != language and root]
    return {path: text for path, text in pages.items()
            if path.startswith(LANGUAGE_ROOTS[language]) and not any(path.startswith(root) for root in others)}


# ---- the timeline -------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGE_ROOTS)
def test_every_statement_is_printed_in_full_once_in_each_edition(real, language):
    project, record = real
    timeline = "\n".join(_timeline_pages(project, language).values())
    everything = "\n".join(_reader_pages(project, language).values())
    statements = [s for source in record.sources for s in source.statements]
    assert statements
    for statement in statements:
        anchor = f'<strong id="{statement.anchor}">'
        assert timeline.count(anchor) == 1, f"{statement.source.id} statement {statement.number} not on the timeline"
        assert everything.count(anchor) == 1, f"{statement.anchor} is printed in full more than once"


def test_every_statement_of_every_source_is_on_the_timeline_in_full_once(real):
    project, record = real
    timeline = "\n".join(_timeline_pages(project).values())
    everything = "\n".join(_reader_pages(project, "en").values())
    statements = [s for source in record.sources for s in source.statements]
    for statement in statements:
        assert html_value(statement.said) in timeline  # the timeline's entries are HTML blocks
        if statement.quote:  # the quote goes with the full statement, and only there
            assert everything.count(html_value(statement.quote)) >= 1
            assert timeline.count("“" + html_value(statement.quote) + "”") >= 1


def test_every_event_is_on_the_timeline_once(real):
    project, record = real
    timeline = "\n".join(_timeline_pages(project).values())
    for event in record.events:
        assert timeline.count(f'<details class="tl-event" id="{event.id}"') == 1, event.id


def test_timeline_respects_the_order_the_sources_state(real):
    project, record = real
    order = [entry.anchor for entry in record.timeline]
    for event in record.events:
        for stated in event.after:
            assert order.index(stated.earlier.id) < order.index(event.id), (event.id, stated.earlier.id)
    # ...and the page shows them in that order.
    text = "\n".join(_timeline_pages(project).values())
    positions = [text.index(f'id="{anchor}') for anchor in order if f'id="{anchor}' in text]
    assert positions == sorted(positions)


def _timeline_with(corpus: Path, before: str, added: str) -> str:
    """The minimal corpus's timeline page, built after adding YAML lines to its source before `before`."""
    source = corpus / "seeds/sources/example-news-2025-10-01.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace(before, added + before, 1), encoding="utf-8")
    result = run_build(corpus)
    assert result.code == 0, result.err
    return (corpus / "docs/timeline.md").read_text(encoding="utf-8")


def test_stated_order_wins_over_a_month_only_date(corpus):
    """An effect known only by its month is not placed before the cause the source names,
    though a month-only date would otherwise sort at its first day."""
    timeline = _timeline_with(corpus, "statements:\n", (
        "  - event: example-cause\n    title: The cause\n    date: 2025-09-15\n    summary: It began.\n"
        "  - event: example-effect\n    title: The effect\n    date: 2025-09\n    summary: It followed.\n"
        "    after:\n      - event: example-cause\n        words: prompting\n"))
    assert timeline.index('id="example-cause"') < timeline.index('id="example-effect"')
    assert "“prompting”" in timeline


def test_an_on_or_after_date_comes_after_what_is_known_to_start_that_day(corpus):
    """'On or after 15 September' is no earlier than anything starting on the 15th: it is not
    placed before them, though it sorts at the same first day."""
    timeline = _timeline_with(corpus, "statements:\n", (
        "  - event: example-open\n    title: The open one\n    date: 2025-09-15/..\n    summary: Later, somehow.\n"
        "  - event: example-bounded\n    title: The bounded one\n    date: 2025-09-15/2025-09-20\n"
        "    summary: That week.\n"))
    assert timeline.index('id="example-bounded"') < timeline.index('id="example-open"')


def test_undated_and_unattributed_statements_are_shown_as_such(corpus):
    timeline = _timeline_with(corpus, "figures:\n", (
        "  - unattributed: The piece does not say who said this.\n    date: null\n    kind: statement\n"
        "    said: Something was said by someone.\n"))
    undated = timeline[timeline.index("## Undated"):]
    assert "Something was said by someone." in undated
    assert "Speaker not named in the source" in undated and "The piece does not say who said this." in undated


# ---- figures ------------------------------------------------------------------------------


def test_every_figure_names_who_reports_it_as_the_source_words_it(real):
    project, record = real
    figures_page = _page(project, "figures.md")
    rows = {(r["source"], r["measure"], r["as_written"]): r
            for r in csv.DictReader(io.StringIO(_page(project, "exports/figures.csv")))}
    for measure in record.measures:
        for figure in measure.figures:
            who = figure.reported_by.name if figure.reported_by else "itself"
            line = next((row for row in re.findall(r"<tr>\n(.*?)</tr>", figures_page, re.S)
                         if html_value(figure.as_written) in row and html_value(who) in row
                         and html_value(figure.attribution or "").rstrip(".") in row), None)
            assert line is not None, f"{figure.as_written!r} ({figure.source.id}) lacks its reporter {who!r}"
            row = rows[(figure.source.id, measure.id, figure.as_written)]
            assert row["attribution"] == (figure.attribution or "")
            assert row["qualifier"] == (figure.qualifier or "")  # never an invented "exactly"


# ---- the home page ------------------------------------------------------------------------


def test_every_lead_sentence_and_key_fact_links_to_its_sources(real):
    project, record = real
    if record.overview is None:
        pytest.skip("the corpus has no seeds/overview/home.yaml")
    home = _page(project, "index.md")
    items = [s for paragraph in record.overview.lead for s in paragraph.sentences] + record.overview.key_facts
    assert items
    for item in items:
        text = md_escape(item.text)
        assert text in home
        after = home[home.index(text) + len(text):].split("\n", 1)[0]
        for source in item.sources:
            assert f"(sources/{source.id}.md)" in after, (item.text, source.id)


def test_every_link_on_the_home_page_resolves(real):
    project, _ = real
    docs = project / "docs"
    for target in LINK.findall(_page(project, "index.md")):
        if "://" in target:
            continue
        assert (docs / target.split("#")[0]).is_file(), target


def test_home_page_names_the_sources_covered_and_their_latest_date(real):
    project, record = real
    home = _page(project, "index.md")
    coverage = next(line for line in home.splitlines() if line.startswith("**What the record covers.**"))
    for source in record.sources:
        assert f"(sources/{source.id}.md)" in coverage
    dated = [s for s in record.sources if s.published]
    if dated:
        latest = max(dated, key=lambda s: s.published.sort_key())
        assert latest.published.label() in coverage


# ---- legal pages --------------------------------------------------------------------------


def test_each_legal_page_shows_every_party_the_sources_carry(real):
    project, record = real
    for question in record.legal:
        page = _page(project, f"legal/{question.id}.md")
        parties = {s.by.side.name for s in question.positions if s.by}
        parties |= {p.by[0].side.name for p in question.points_of("dispute") if p.by}
        for party in parties:
            assert f"### {md_escape(party)}" in page, (question.id, party)
        if not parties and not question.points_of("framework") and not question.points_of("dispute"):
            assert "The sources give no legal argument on this question." in page
        for statement in question.positions:  # each position links to its statement in full
            assert f'#{statement.anchor}"' in page


# ---- no machinery on reader pages ---------------------------------------------------------

MACHINERY = [
    re.compile(r"reference file", re.I), re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt"), re.compile(r"\bpiece \d+ of \d+"),
    re.compile(r"Compilation in reference file"), re.compile(r"Unnamed publisher of"),
    re.compile(r"\bUn body\b"), re.compile(r"Kind: ", re.I), re.compile(r"\bun news report\b"),  # a kind id, lower-case
    re.compile(r"also written as", re.I), re.compile(r"seeds/\w+/[\w-]+\.yaml(?!\s*$)"),
]


def test_no_machinery_on_reader_pages(real):
    project, _ = real
    for path, text in _reader_pages(project).items():
        body = text.split("\n---\n", 1)[1]  # the front matter names the YAML, for the edit link
        for pattern in MACHINERY:
            found = pattern.search(body)
            assert found is None, f"{path}: {found.group(0)!r}"


def test_actors_mentioned_only_in_passing_have_no_page_and_no_link(real):
    project, record = real
    index = _page(project, "actors/index.md")
    everything = "\n".join(_reader_pages(project).values())
    for actor in record.actors:
        if actor.has_page:
            assert f'href="{actor.id}.md"' in index
            continue
        assert not (project / "docs/actors" / f"{actor.id}.md").exists(), actor.id
        assert f"actors/{actor.id}.md" not in everything and f'"{actor.id}.md"' not in everything


def test_aliases_are_for_search_only(real):
    project, record = real
    for actor in record.actors:
        if not actor.has_page or not actor.aliases:
            continue
        page = _page(project, f"actors/{actor.id}.md")
        hidden = next(line for line in page.splitlines() if line.startswith('<span class="search-terms" hidden>'))
        shown = page.replace(hidden, "")
        spellings = {n for role in actor.roles for n in role.named_as}
        for alias in actor.aliases:
            if alias not in spellings and alias != actor.name:
                for escaped in (md_escape(alias), html_value(alias)):  # in Markdown and in the HTML lists
                    assert f"“{escaped}”" not in shown, (actor.id, alias)


def test_format_reference_is_in_the_contributors_corner_not_the_readers_menu():
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_constructor("!ENV", lambda loader, node: None)
    nav = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)["nav"]
    top_level = [value for entry in nav for value in entry.values() if isinstance(value, str)]
    assert "format.md" not in top_level
    corner = [value for entry in nav for key, value in entry.items() if "contributor" in key.lower()]
    assert corner and "format.md" in str(corner)


# ---- citations and escaping ---------------------------------------------------------------


def test_citation_labels_tell_every_source_apart(real):
    _, record = real
    labels = Pages(record).citations
    assert len(set(labels.values())) == len(record.sources)


@pytest.mark.parametrize("text", HOSTILE + ["Washington's \"true goal\" & more", "#1 in {braces}"])
def test_summary_line_text_stays_plain_text(text):
    """The timeline's summary line is raw HTML inside a Markdown block: YAML text in it never
    becomes an element, a link or emphasis, and reads exactly as written."""
    block = (f'<details class="tl-event" id="x" markdown="1">\n<summary><span class="tl-title">{html_text(text)}'
             "</span></summary>\n\nBody.\n\n</details>\n")
    html = markdown.markdown(block, extensions=["attr_list", "tables", "toc", "md_in_html"])
    start = html.index('<span class="tl-title">') + len('<span class="tl-title">')
    title = html[start:html.index("</span></summary>")]
    assert "<" not in title, html
    assert unescape(title) == " ".join(text.split())


# ---- the story: what a reader is told, and how ----------------------------------------------------

def _text_of(page: str) -> str:
    """A generated page's words, as a reader sees them: no front matter, tags, link targets or
    Markdown marks."""
    body = page.split("\n---\n", 1)[1]
    body = re.sub(r"\]\([^)]*\)", "]", body)
    body = re.sub(r"\{[:#][^}]*\}", " ", body)  # heading attribute lists
    body = unescape(re.sub(r"<[^>]+>", " ", body))
    return " ".join(re.sub(r"[*_\[\]|#]", " ", body).split())


def test_every_listed_statement_says_what_was_said(real):
    """Wherever a statement is listed, the reader sees its words, and its quote where it has one,
    not only its kind."""
    project, record = real
    by_anchor = {s.anchor: s for s in record.statements}
    for path, page in _reader_pages(project, "en").items():
        for item in re.findall(r"<li>(.*?)</li>", page, re.S):
            for anchor in set(re.findall(r'#([a-z0-9-]+--statement-\d+)"', item)):
                statement = by_anchor[anchor]
                shown = unescape(re.sub(r"<[^>]+>", "", item))
                assert " ".join(statement.said.split()) in " ".join(shown.split()), (path, anchor)
                if statement.quote:
                    assert " ".join(statement.quote.split()) in shown, (path, anchor)


def test_quotation_marks_hold_only_the_sources_words(real):
    """The record's own titles are never put in quotation marks: every text in “…” on an English
    reader page is in one of the source texts (shared/seeds/ beside the project)."""
    from content_checks import Corpus, norm

    project, _ = real
    corpus = Corpus(project, shared=ROOT.parent / "shared" / "seeds")
    texts = [norm(text) for text in (corpus.text_of(s) for s in corpus.sources.values()) if text]
    if not texts:
        pytest.skip("no source texts beside the project (shared/seeds/) to hold the quotes against")
    everything = "\n".join(texts)
    outside = []
    for path, page in _reader_pages(project, "en").items():
        for quoted in re.findall(r"“([^“”]+)”", _text_of(page)):
            words = norm(quoted).rstrip(",.;:")
            if words and words not in everything and words.replace("’", "'") not in everything:
                outside.append((path, words))
    assert not outside, outside[:10]


def test_no_long_sentence_is_repeated_three_times_on_a_page(real):
    project, _ = real
    block = re.compile(r"</?(?:p|li|td|th|tr|summary|details|h\d|ul|ol|table|div|aside|section)\b[^>]*>")
    for path, page in _reader_pages(project).items():
        # Prose only: a link's text (a legal question's title on each event it concerns) is navigation.
        body = re.sub(r"<a\b[^>]*>.*?</a>|\[[^\]]*\]\([^)]*\)", " ", page.split("\n---\n", 1)[1], flags=re.S)
        parts = [_text_of("\n---\n" + part) for part in block.split(body)]
        # A sentence's own words: not what stands in brackets after it (its source, "in full").
        sentences = [s for part in parts for s in re.split(r"(?<=[.!?])\s+", part)
                     if len(re.sub(r"\([^()]*\)", " ", s).split()) >= 12]
        counts = {s: sentences.count(s) for s in set(sentences)}
        assert not [s for s, n in counts.items() if n >= 3], (path, [s for s, n in counts.items() if n >= 3][:2])


def test_what_is_known_only_as_on_or_before_a_day_stands_under_no_month(real):
    """An entry known only as on or before a day may be from any time before it: never filed
    under a month's heading as if it happened then, but in its own band."""
    project, record = real
    months = {m.lower() for m in ("January February March April May June July August September October "
                                  "November December").split()}
    for path, page in _timeline_pages(project).items():
        heading = ""
        for line in page.splitlines():
            if line.startswith("## "):
                heading = line[3:].split(" (")[0]
            elif 'class="tl-date">on or before' in line:
                first = heading.split(" ")[0].lower()
                assert first not in months, (path, heading, line[:120])
    for entry in record.timeline:
        if entry.date is not None and entry.date.earliest is None:
            assert entry.month == entry.date.latest.isoformat(), entry.anchor


def test_each_dating_reasoning_is_told_once_per_page(real):
    project, _ = real
    for path, page in _timeline_pages(project).items():
        notes = re.findall(r'<li id="dating--\d+">(.*?) \(<a', page)
        assert len(notes) == len(set(notes)), path
        assert "How the date was worked out:" not in page
        for number in re.findall(r'href="#dating--(\d+)"', page):
            assert f'<li id="dating--{number}">' in page, (path, number)
