"""The record over time: corrections in the YAML become the corrections page, each page's
last-change date, CITATION.cff's version and an Atom feed that keeps RFC 4287's rules."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import yaml

from support import ROOT, run_build

ATOM = "{http://www.w3.org/2005/Atom}"
SOURCE = "seeds/sources/example-news-2025-10-01.yaml"
CORRECTIONS = """corrections:
  - date: 2025-10-05
    what: The objection is now credited to the ministry, not to Alicia Example.
    why: The piece says that the ministry objected.
  - date: 2025-11-02
    what: The event's date now spans the whole week before publication.
    why: The piece says 'last week'.
"""
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
IRI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")


def atom_problems(text: str) -> list[str]:
    """What breaks RFC 4287 in an Atom document (the rules a feed validator checks that can be
    checked offline): well-formed XML, the required elements once each, ids that are absolute
    IRIs and unique, RFC 3339 dates, text constructs, people with names, entries with content
    or an alternate link."""
    try:
        feed = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as error:
        return [f"not well-formed XML: {error}"]
    if feed.tag != f"{ATOM}feed":
        return [f"the root element is {feed.tag}, expected atom:feed"]
    problems = _container_problems(feed, "feed", {"id", "title", "updated"},
                                   {"subtitle", "rights", "generator", "icon", "logo"})
    entries = feed.findall(f"{ATOM}entry")
    if not feed.findall(f"{ATOM}author") and not all(e.findall(f"{ATOM}author") for e in entries):
        problems.append("feed: no atom:author, and not every entry has one")
    if not any(link.get("rel") == "self" for link in feed.findall(f"{ATOM}link")):
        problems.append("feed: no link rel='self' (RFC 4287 says a feed SHOULD have one)")
    ids = []
    for number, entry in enumerate(entries, 1):
        where = f"entry {number}"
        problems += _container_problems(entry, where, {"id", "title", "updated"},
                                        {"published", "summary", "content", "rights", "source"})
        has_alternate = any(link.get("rel", "alternate") == "alternate" for link in entry.findall(f"{ATOM}link"))
        if entry.find(f"{ATOM}content") is None and not has_alternate:
            problems.append(f"{where}: neither atom:content nor a link rel='alternate'")
        ids.append(entry.findtext(f"{ATOM}id"))
        feed_updated, entry_updated = feed.findtext(f"{ATOM}updated"), entry.findtext(f"{ATOM}updated")
        if RFC3339.match(feed_updated or "") and RFC3339.match(entry_updated or "") \
                and _instant(entry_updated) > _instant(feed_updated):
            problems.append(f"{where}: updated {entry_updated} is after the feed's {feed_updated}")
    if len(ids) != len(set(ids)):
        problems.append("entry ids are not unique")
    return problems


def _container_problems(element, where: str, required: set, at_most_one: set) -> list[str]:
    problems = []
    for name in sorted(required | at_most_one):
        count = len(element.findall(f"{ATOM}{name}"))
        if name in required and count != 1:
            problems.append(f"{where}: expected exactly one atom:{name}, found {count}")
        elif count > 1:
            problems.append(f"{where}: expected at most one atom:{name}, found {count}")
    for name in ("id",):
        value = element.findtext(f"{ATOM}{name}") or ""
        if not IRI_SCHEME.match(value.strip()) or value != value.strip():
            problems.append(f"{where}: atom:id {value!r} is not an absolute IRI")
    for name in ("updated", "published"):
        for date in element.findall(f"{ATOM}{name}"):
            if not RFC3339.match(date.text or ""):
                problems.append(f"{where}: atom:{name} {date.text!r} is not an RFC 3339 date-time")
            else:
                _instant(date.text)  # raises on an impossible date such as 2025-02-30
    for name in ("title", "subtitle", "summary", "rights"):
        for construct in element.findall(f"{ATOM}{name}"):
            kind = construct.get("type", "text")
            if kind not in ("text", "html", "xhtml"):
                problems.append(f"{where}: atom:{name} has type {kind!r}")
            if kind in ("text", "html") and len(construct):
                problems.append(f"{where}: atom:{name} of type {kind} contains elements")
    for person in element.findall(f"{ATOM}author") + element.findall(f"{ATOM}contributor"):
        if len(person.findall(f"{ATOM}name")) != 1:
            problems.append(f"{where}: a person construct needs exactly one atom:name")
    alternates = [(link.get("type"), link.get("hreflang")) for link in element.findall(f"{ATOM}link")
                  if link.get("rel", "alternate") == "alternate"]
    if len(alternates) != len(set(alternates)):
        problems.append(f"{where}: two alternate links with the same type and hreflang")
    if any(not link.get("href") for link in element.findall(f"{ATOM}link")):
        problems.append(f"{where}: a link without href")
    return problems


def _instant(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def without_corrections(text: str) -> str:
    """A source file's text without its corrections (the last key of the fixture's source)."""
    return text.split("\ncorrections:\n")[0].rstrip("\n") + "\n"


def with_history(corpus):
    """The minimal corpus with two corrections to its source and a second, later source."""
    source = corpus / SOURCE
    text = without_corrections(source.read_text(encoding="utf-8"))
    source.write_text(text + CORRECTIONS, encoding="utf-8")
    later = (text.replace("id: example-news-2025-10-01", "id: example-news-2025-10-20")
             .replace("published: 2025-10-01", "published: 2025-10-20")
             .replace("title: Example happens, ministry objects", "title: Example goes on"))
    (corpus / "seeds/sources/example-news-2025-10-20.yaml").write_text(later, encoding="utf-8")
    return corpus


def test_the_feed_validates_as_atom_with_every_addition_and_correction(corpus):
    assert run_build(with_history(corpus)).code == 0
    text = (corpus / "docs/exports/feed.atom").read_text(encoding="utf-8")
    assert atom_problems(text) == []
    feed = ET.fromstring(text.encode("utf-8"))
    entries = feed.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles == ["Correction: Example happens, ministry objects", "Added: Example goes on",
                      "Correction: Example happens, ministry objects", "Added: Example happens, ministry objects"]
    assert feed.findtext(f"{ATOM}updated") == entries[0].findtext(f"{ATOM}updated") == "2025-11-02T00:00:00Z"
    newest = entries[0].findtext(f"{ATOM}summary")
    assert "What changed: The event's date now spans" in newest and "Why: The piece says 'last week'." in newest


def test_the_real_records_feed_validates_as_atom():
    assert atom_problems((ROOT / "docs/exports/feed.atom").read_text(encoding="utf-8")) == []


def test_the_validator_sees_what_breaks_atom():
    good = (ROOT / "docs/exports/feed.atom").read_text(encoding="utf-8")
    assert atom_problems(good.replace("</feed>", "")) != []  # not well-formed
    first_id = re.search(r"<id>[^<]*</id>", good).group(0)
    assert atom_problems(good.replace(first_id, "<id>no scheme</id>", 1)) != []
    assert atom_problems(re.sub(r"<updated>[^<]*</updated>", "<updated>1 December 2025</updated>", good, count=1)) != []
    assert atom_problems(re.sub(r"<author>.*?</author>", "", good, flags=re.S)) != []


def test_corrections_page_says_what_changed_when_and_why_newest_first(corpus):
    assert run_build(with_history(corpus)).code == 0
    page = (corpus / "docs/corrections.md").read_text(encoding="utf-8")
    newest, older = page.index("### 2 November 2025:"), page.index("### 5 October 2025:")
    assert newest < older
    assert "**What changed:** The objection is now credited to the ministry" in page
    assert "**Why:** The piece says that the ministry objected." in page
    additions = page[page.index("## Additions"):]
    assert additions.index("20 October 2025") < additions.index("1 October 2025")


def test_each_page_says_when_its_content_last_changed_from_the_yaml(corpus):
    assert run_build(with_history(corpus)).code == 0
    docs = corpus / "docs"

    def updated(page: str) -> str:
        return yaml.safe_load((docs / page).read_text(encoding="utf-8").split("---\n")[1])["updated"]

    assert updated("sources/example-news-2025-10-01.md") == "2 November 2025"  # its latest correction
    assert updated("sources/example-news-2025-10-20.md") == "20 October 2025"  # its publication
    assert updated("actors/alice-example.md") == "2 November 2025"  # cites both sources
    assert updated("index.md") == "2 November 2025"  # cites no source: the record's latest change
    cff = yaml.safe_load((corpus / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["version"] == cff["date-released"] == "2025-11-02"
    result = run_build(corpus)
    assert result.out.startswith("Wrote 0 file(s)")  # deterministic: nothing to rewrite


def test_citation_cff_keeps_the_cff_1_2_0_rules():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    for key in ("message", "title"):
        assert isinstance(cff[key], str) and cff[key].strip()
    assert cff["authors"] and all(isinstance(a, dict) and (a.get("name") or a.get("family-names"))
                                  for a in cff["authors"])
    allowed = {"abstract", "authors", "cff-version", "date-released", "doi", "identifiers", "keywords", "license",
               "message", "repository-code", "title", "type", "url", "version"}
    assert set(cff) <= allowed, set(cff) - allowed
    assert cff["type"] in ("software", "dataset")
    assert isinstance(cff["version"], str)
    dt.date.fromisoformat(cff["date-released"])
    assert cff["license"] == "CC-BY-4.0"


def test_a_correction_is_dated_to_the_day_and_says_what_and_why(corpus):
    source = corpus / SOURCE
    source.write_text(without_corrections(source.read_text(encoding="utf-8"))
                      + "corrections:\n  - date: 2025-11\n    what: Something changed.\n", encoding="utf-8")
    result = run_build(corpus)
    assert result.code == 1
    assert any("corrections[0].date" in line and "dated to the day" in line for line in result.lines), result.err
    assert any("Correction is missing the required key 'why'" in line for line in result.lines), result.err


def test_a_page_cites_the_sources_it_links_to_in_markdown_and_in_its_html_blocks():
    """A page's `updated:` is the latest date of the sources it links to, wherever the link is:
    in Markdown ([A](../sources/a.md)) or in the lists and timeline entries written as HTML.
    The links note them as the page renders; nothing reads the page afterwards."""
    from record_builder.links import Links
    from record_builder.model import Actor, Source

    a, b = Source(id="a", title="A", publisher=None, kind="news-report", published=None, language="en",
                  url=None, summary="A."), Source(id="b", title="B", publisher=None, kind="news-report",
                                                  published=None, language="en", url=None, summary="B.")
    actor = Actor(id="c", name="C", kind="person")
    links = Links({}, {id(a): "A", id(b): "B"})
    links.begin_page("actors/x.md")
    assert "../sources/a.md#x" in links.source_cite(a, "actors/x.md", "x")
    assert "../sources/b.md" in links.html_link(b, "actors/x.md")
    links.html_link(actor, "actors/x.md")
    links.relative("https://example.org/sources/d.md", "actors/x.md")
    assert links.cited == {"a", "b"}
    links.begin_page("actors/y.md")  # a new page starts afresh
    assert links.cited == set()
    assert "../sources/a.md" in links.link(a, "actors/y.md")  # made before, remembered, and still noted
    assert links.cited == {"a"}
    links.begin_page("sources/b.md")  # a source's page cites itself
    assert links.cited == {"b"}
