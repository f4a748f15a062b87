"""A new contributor's first article, step by step, on a copy of the real record.

As CONTRIBUTING.md tells it: copy the templates for a new source and two new actors, see
each unfilled placeholder named once, fill them in (making two common slips on the way:
a date written 3/12/2025 and a mistyped actor id), build, check the quotes against the
saved article, and build the site. At the end every content check of
tests/content_checks.py still passes, the new article included: adding a correct
article must never break the suite.
"""

from __future__ import annotations

import csv
import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from babel.messages.pofile import read_po
from selectolax.lexbor import LexborHTMLParser

from content_checks import CHECKS, Corpus
from record_builder import catalogs, quotes, translations
from support import ROOT, run_build, snapshot

SHARED = ROOT.parent / "shared" / "seeds"
SOURCE_ID = "example-gazette-2025-12-03-port-patrols"
SOURCE = f"seeds/sources/{SOURCE_ID}.yaml"
NEW_ACTORS = ("ana-ejemplo", "example-port-authority")
TEXT_NAME = "example-gazette-2025-12-03.txt"

# The saved article (invented for the test; it lives only in the temporary copy).
ARTICLE = """\
Port patrols inspected 37 boats & "every one" that crossed, authority says

EXAMPLE GAZETTE, Wednesday 3 December 2025

The Example Port Authority said on Tuesday that its patrols had inspected 37 boats
in the Gulf of Paria since 1 November. "We inspected every boat that crossed the line,"
said Ana Ejemplo, the authority's director. She said the patrols would go on, and that
the authority shares what it finds with the UN Office on Drugs and Crime. A harbour
pilot complained about the queues. He called them "unacceptable" & said 5 < 6 and 7 > 3.
"""

FILLED_SOURCE = f"""\
# yaml-language-server: $schema=../../schema/source.schema.json
id: {SOURCE_ID}
title: Port patrols inspected 37 boats & "every one" that crossed, authority says
publisher: Example Gazette
kind: news-report
published: 2025-12-03
language: en
url: null
url_note: The saved copy of the article carries no address.
origin:
  file: {TEXT_NAME}
summary: >-
  He called them "unacceptable" & said 5 < 6 and 7 > 3. So the piece quotes a harbour pilot, not named, on the queues.
  The Example Port Authority says its patrols inspected 37 boats in the Gulf of Paria between
  1 November and 2 December 2025. Its director says the patrols will continue and that the
  authority shares what it finds with the UNODC.
actors:
  - actor: ana-ejemplo
    role: Director of the Example Port Authority
    named_as: [Ana Ejemplo]
  - actor: example-port-authority
    role: The port authority whose patrols inspected the boats
  - actor: unodc
    role: The UN office the authority says it shares its findings with
events:
  - event: example-port-patrols-inspect-boats
    title: Example Port Authority patrols inspect boats & "every one" in the Gulf of Paria
    date: {{value: 2025-11-01/2025-12-02, derived: "'Since 1 November', said on Tuesday 2 December 2025."}}
    summary: According to the authority, its patrols inspected 37 boats in the Gulf of Paria & "every one" that crossed.
    place: the Gulf of Paria
    actors: [example-port-authority]
    according_to: [example-port-authority]
statements:
  - by: ana-ejemplo
    date: {{value: 2025-12-02, derived: "'Tuesday' in an article of Wednesday 3 December 2025."}}
    kind: statement
    said: Said the patrols inspected every boat that crossed the line, will continue, and share their findings with the UNODC.
    quote: We inspected every boat that crossed the line
    event: example-port-patrols-inspect-boats
    about: [unodc]
    legal: [unodc-maritime-crime-mandate]
figures:
  - measure: boats-inspected-by-example-port-patrols
    label: Boats inspected by Example Port Authority patrols
    value: 37
    as_written: "37"
    as_of: {{value: 2025-12-02, derived: "'Tuesday' in an article of Wednesday 3 December 2025."}}
    reported_by: example-port-authority
    event: example-port-patrols-inspect-boats
"""

FILLED_ACTORS = {
    "ana-ejemplo": "id: ana-ejemplo\nname: Ana Ejemplo\nkind: person\npart_of: example-port-authority\n",
    "example-port-authority": "id: example-port-authority\nname: Example Port Authority\nkind: government\n",
}


def copy_project(tmp_path: Path) -> Path:
    """The record as a contributor's clone has it, with the shared texts beside it."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("seeds", "docs", "schema", "overrides", "record_builder", "translations"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shared = tmp_path / "shared" / "seeds"
    if SHARED.is_dir():
        shutil.copytree(SHARED, shared)
    shared.mkdir(parents=True, exist_ok=True)
    (shared / TEXT_NAME).write_text(ARTICLE, encoding="utf-8")
    return root


def write(root: Path, path: str, text: str) -> None:
    (root / path).write_text(text, encoding="utf-8")


def fill(template: str, body: str) -> str:
    """The template's first line (the editor's schema), then what the contributor wrote."""
    return template.splitlines()[0] + "\n" + body


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path)


def test_a_first_article_passes_the_first_time_it_is_right(project, tmp_path):
    templates = {kind: (ROOT / "schema" / f"{kind}.template.yaml").read_text(encoding="utf-8")
                 for kind in ("source", "actor")}

    # 1. Copy the templates unchanged: one message per placeholder, nothing else, nothing written.
    write(project, SOURCE, templates["source"])
    for actor in NEW_ACTORS:
        write(project, f"seeds/actors/{actor}.yaml", templates["actor"])
    before = snapshot(project / "docs")
    result = run_build(project)
    placeholders = templates["source"].count('"FILL IN:') + 2 * templates["actor"].count('"FILL IN:')
    assert result.code == 1
    assert len(result.lines) == placeholders + 1, "\n".join(result.lines)
    assert all(": fill in this placeholder: " in line for line in result.lines[:-1]), "\n".join(result.lines)
    assert f"{SOURCE}:9:5: id: fill in this placeholder: the source's stable id (id: lower-case letters, digits" \
           f" and hyphens (`like-this`)); for this file, '{SOURCE_ID}'" in result.lines
    assert snapshot(project / "docs") == before

    # 2. Fill them in, with the date written as people often do: the message says how to write it.
    for actor, body in FILLED_ACTORS.items():
        write(project, f"seeds/actors/{actor}.yaml", fill(templates["actor"], body))
    write(project, SOURCE, FILLED_SOURCE.replace("published: 2025-12-03", "published: 3/12/2025"))
    result = run_build(project)
    assert result.lines == [
        f"{SOURCE}:6:12: published: expected a date like 2025-12-01 (year-month-day); as day/month/year this is"
        " 3 December 2025 (write 2025-12-03), as month/day/year 12 March 2025 (write 2025-03-12): check which"
        " the source means; got '3/12/2025'",
        "1 problem found in 1 file; nothing was written."]

    # 3. A mistyped actor id: one message, the suggestion first.
    write(project, SOURCE, FILLED_SOURCE.replace("  - by: ana-ejemplo", "  - by: ana-ejempla"))
    result = run_build(project)
    assert result.lines == [
        f"{SOURCE}:34:9: statements[0].by: unknown actor id 'ana-ejempla': did you mean 'ana-ejemplo'?"
        " (expected an id defined in seeds/actors/)",
        "1 problem found in 1 file; nothing was written."]

    # 4. Right: the pages are written, and the quotes are found in the saved article.
    write(project, SOURCE, FILLED_SOURCE)
    result = run_build(project)
    assert result.code == 0, result.err
    assert (project / "docs" / "sources" / f"{SOURCE_ID}.md").is_file()
    shared_text = tmp_path / "shared" / "seeds" / TEXT_NAME
    problems, checked = quotes.check(project / SOURCE, shared_text)
    assert problems == [] and checked == 4  # title, named_as, quote, the figure as written

    # 5. The site builds strictly, and every content check of the suite holds, the new article included.
    site = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=project, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    assert "Ana Ejemplo" in (site / "actors" / "ana-ejemplo" / "index.html").read_text(encoding="utf-8")
    corpus = Corpus(project)
    assert corpus.text_of(corpus.sources[SOURCE_ID]) is not None  # so its quote was checked verbatim
    failed = {check.__name__: check(corpus) for check in CHECKS}
    assert not any(failed.values()), {name: problems for name, problems in failed.items() if problems}

    # 6. Typed as people type, straight quotes, '&', '<' and '>' show exactly as typed: in the
    # page, its description and link previews, the search index, the exports, the feed and the
    # citation; and so does the Spanish translation of the same texts.
    shows_as_typed(site, "", TYPED_SUMMARY, TYPED_TITLE)
    translations.main(["--update", "--root", str(project)])
    catalog = project / "translations" / "es" / "sources" / f"{SOURCE_ID}.po"
    translate(catalog, {"summary": TYPED_SUMMARY_ES + " La autoridad portuaria dice que sus patrullas inspeccionaron "
                        "37 barcos en el golfo de Paria.", "title": TYPED_TITLE_ES})
    assert run_build(project).code == 0
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=project, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    shows_as_typed(site, "es/", TYPED_SUMMARY_ES, TYPED_TITLE_ES)


TYPED_SUMMARY = 'He called them "unacceptable" & said 5 < 6 and 7 > 3.'
TYPED_TITLE = 'Port patrols inspected 37 boats & "every one" that crossed, authority says'
TYPED_EVENT = 'in the Gulf of Paria & "every one" that crossed.'
TYPED_EVENT_TITLE = 'Example Port Authority patrols inspect boats & "every one" in the Gulf of Paria'
TYPED_SUMMARY_ES = 'Los calificó de "inaceptables" & dijo que 5 < 6 y 7 > 3.'
TYPED_TITLE_ES = 'Las patrullas portuarias inspeccionaron 37 barcos & "cada uno" que cruzó, según la autoridad'


def translate(catalog: Path, texts: dict) -> None:
    """Fill in the messages whose field (msgctxt) is a key of `texts`, as a translator would."""
    with catalog.open("rb") as handle:
        messages = read_po(handle)
    for message in messages:
        if message.id and message.context in texts:
            message.string = texts[message.context]
            message.flags.discard("fuzzy")
    catalog.write_bytes(catalogs.catalog_text(messages))


def shows_as_typed(site: Path, prefix: str, summary: str, title: str) -> None:
    page = LexborHTMLParser((site / prefix / "sources" / SOURCE_ID / "index.html").read_text(encoding="utf-8"))
    text = " ".join(page.body.text().split())
    assert summary in text and title in text
    for selector in ('meta[name="description"]', 'meta[property="og:description"]'):
        assert page.css_first(selector).attributes["content"].startswith(summary), selector
    assert page.css_first('meta[property="og:title"]').attributes["content"].startswith(title)
    assert page.css_first("title").text().startswith(title)
    assert f"a sourced record. {title}." in text or f"un registro con fuentes. {title}." in text  # the citation
    assert "title        = {" + title.replace("&", "\\&") + "}" in page.css_first(".page-about pre").text()
    index = json.loads((site / prefix / "search" / "search_index.full.json").read_text(encoding="utf-8"))
    assert any(summary in html.unescape(re.sub("<[^>]+>", "", doc["text"])) for doc in index["docs"])
    feed = ElementTree.parse(site / prefix / "exports" / "feed.atom").getroot()
    assert any(summary in (element.text or "") for element in feed.iter()), "feed"
    if not prefix:  # the exports carry the record's English (the Spanish ones, its translations of the events)
        rows = list(csv.DictReader((site / "exports" / "timeline.csv").open(encoding="utf-8", newline="")))
        assert any(row["title"] == TYPED_EVENT_TITLE for row in rows)
        exported = list(_strings(json.loads((site / "exports" / "timeline.json").read_text(encoding="utf-8"))))
        assert TYPED_EVENT_TITLE in exported and any(text.endswith(TYPED_EVENT) for text in exported)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)



def test_a_quote_not_in_the_article_is_shown_with_the_nearest_passage(tmp_path):
    source = tmp_path / "s.yaml"
    source.write_text(FILLED_SOURCE.replace("every boat that crossed", "every boat which crossed"), encoding="utf-8")
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    problems, checked = quotes.check(source, article, shown="s.yaml")
    assert checked == 4
    assert [p.format() for p in problems] == [
        "s.yaml:38:12: statements[0].quote: not found verbatim in the article; nearest passage"
        " (article.txt line 6, 89% alike): '\"We inspected every boat that crossed the line,\"'"]


def test_the_quotes_command_reports_file_line_and_exit_status(tmp_path):
    source = tmp_path / "s.yaml"
    source.write_text(FILLED_SOURCE.replace("Ana Ejemplo]", "Anna Ejemplo]"), encoding="utf-8")
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE.replace("“", '"'), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "record_builder.quotes", str(source), str(article)],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert re.match(rf"{re.escape(str(source))}:20:16: actors\[0\]\.named_as\[0\]: not found verbatim in the"
                    r" article; nearest passage \(article.txt line \d, \d+% alike\): 'Ana Ejemplo,?'", lines[0]), lines
    assert lines[-1] == f"1 of 4 exact text(s) not found as written in {article}."


@pytest.mark.parametrize("kind,folder", [("source", "sources"), ("actor", "actors"), ("legal", "legal")])
def test_each_placeholder_left_in_a_template_gets_one_message(corpus, kind, folder):
    template = (ROOT / "schema" / f"{kind}.template.yaml").read_text(encoding="utf-8")
    write(corpus, f"seeds/{folder}/new-one.yaml", template)
    result = run_build(corpus)
    unfilled = [i + 1 for i, line in enumerate(template.splitlines()) if '"FILL IN:' in line]
    assert result.code == 1
    assert [int(line.split(":")[1]) for line in result.lines[:-1]] == unfilled
    assert all(": fill in this placeholder: " in line for line in result.lines[:-1])
