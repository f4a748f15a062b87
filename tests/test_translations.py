"""The Spanish edition's translations: catalogs beside the data, checked against the English.

A translation reaches a Spanish page only while its msgid is the English text the YAML holds
now; a stale or missing one shows the English, marked "pendiente de traducción", and the
build says which catalog, line and field. Catalogs are pull-request input like the seeds.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from record_builder import catalogs, formats, i18n, translations
from record_builder.dates import parse_date
from record_builder.texts import Pending
from support import ROOT, run_build

SOURCE = "seeds/sources/example-news-2025-10-01.yaml"
CATALOG = "translations/es/sources/example-news-2025-10-01.po"
ACTOR_PAGE_ES = "docs/es/actors/alice-example.md"
PENDING = 'class="pending-translation" lang="en"'


def _update(project: Path) -> None:
    assert translations.main(["--update", "--root", str(project)]) in (0, 1)


def _translate(project: Path, path: str, texts: dict) -> None:
    """Fill in the messages whose field (msgctxt) is a key of `texts`."""
    with (project / path).open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id and message.context in texts:
            message.string = texts[message.context]
            message.flags.discard("fuzzy")
    (project / path).write_bytes(catalogs.catalog_text(catalog))


@pytest.fixture
def translated(corpus):
    """The minimal corpus with its catalogs made and the actor's role translated."""
    _update(corpus)
    _translate(corpus, CATALOG, {"actors[alice-example].role": "Ministra de Ejemplos"})
    return corpus


def test_update_makes_one_catalog_per_seed_file_naming_each_field(corpus):
    _update(corpus)
    seeds = sorted(p.relative_to(corpus / "seeds").with_suffix(".po")
                   for p in (corpus / "seeds").rglob("*.yaml"))
    made = sorted(p.relative_to(corpus / "translations/es") for p in (corpus / "translations/es").rglob("*.po"))
    assert made == seeds
    with (corpus / CATALOG).open("rb") as handle:
        contexts = {m.context for m in read_po(handle) if m.id}
    assert {"title", "summary", "actors[alice-example].role", "events[example-event].summary",
            "events[example-event].date.derived", "figures[0].label"} <= contexts
    # names and amounts as written stay as they are; a quote stays as written, and is offered for the
    # rendering a translated page shows after it
    assert not {c for c in contexts if re.search(r"(named_as|as_written)$", c or "")}
    assert {"statements[0].quote"} <= contexts


def test_update_twice_changes_nothing(corpus):
    _update(corpus)
    before = {p: p.read_bytes() for p in (corpus / "translations").rglob("*.po")}
    _update(corpus)
    assert {p: p.read_bytes() for p in (corpus / "translations").rglob("*.po")} == before


def test_a_current_translation_reaches_the_spanish_page_and_only_it(translated):
    result = run_build(translated)
    assert result.code == 0, result.err
    page = (translated / ACTOR_PAGE_ES).read_text(encoding="utf-8")
    assert "Ministra de Ejemplos" in page
    assert "Ministra de Ejemplos" not in (translated / "docs/actors/alice-example.md").read_text(encoding="utf-8")
    assert f"<span {PENDING}>Minister of Examples</span>" not in page


def test_a_missing_translation_shows_the_english_marked_pending(corpus):
    result = run_build(corpus)
    assert result.code == 0, result.err
    page = (corpus / ACTOR_PAGE_ES).read_text(encoding="utf-8")
    assert f"<span {PENDING}>Minister of Examples</span>" in page
    assert "(pendiente de traducción)" in page
    assert "Translations (es):" in result.err and "missing" in result.err


def test_a_changed_english_text_makes_its_translation_stale_by_file_line_and_field(translated):
    source = translated / SOURCE
    source.write_text(source.read_text(encoding="utf-8").replace(
        "role: Minister of Examples", "role: Minister of Many Examples"), encoding="utf-8")
    result = run_build(translated)
    assert result.code == 0, result.err  # a stale translation is reported, never a failure
    stale = [line for line in result.err.splitlines() if "stale translation" in line]
    assert len(stale) == 1
    assert re.match(rf"warning: {re.escape(CATALOG)}:\d+:1: actors\[alice-example\]\.role: stale translation", stale[0])
    assert SOURCE in stale[0]  # and where the English is
    page = (translated / ACTOR_PAGE_ES).read_text(encoding="utf-8")
    assert "Ministra de Ejemplos" not in page  # never an outdated translation as if it were current
    assert f"<span {PENDING}>Minister of Many Examples</span>" in page


def test_update_marks_a_changed_text_fuzzy_keeping_the_old_translation_and_english(translated):
    source = translated / SOURCE
    source.write_text(source.read_text(encoding="utf-8").replace(
        "role: Minister of Examples", "role: Minister of Many Examples"), encoding="utf-8")
    _update(translated)
    with (translated / CATALOG).open("rb") as handle:
        message = next(m for m in read_po(handle) if m.context == "actors[alice-example].role")
    assert message.id == "Minister of Many Examples"
    assert message.fuzzy and message.string == "Ministra de Ejemplos"
    assert catalogs.previous_english(message) == "Minister of Examples"
    _update(translated)  # a second update keeps it
    with (translated / CATALOG).open("rb") as handle:
        message = next(m for m in read_po(handle) if m.context == "actors[alice-example].role")
    assert message.fuzzy and catalogs.previous_english(message) == "Minister of Examples"
    assert "Ministra de Ejemplos" not in (translated / ACTOR_PAGE_ES).read_text(encoding="utf-8") \
        if (translated / ACTOR_PAGE_ES).exists() else True
    result = run_build(translated)
    assert "stale translation" in result.err  # fuzzy is stale until a translator clears it


@pytest.mark.parametrize("bad, expected", [
    ("<script>alert(1)</script>", "HTML, character entities and script are not allowed"),
    ("Ministra\u202e de Ejemplos", "remove it"),
])
def test_a_translation_is_held_to_the_rules_of_the_english(translated, bad, expected):
    _translate(translated, CATALOG, {"actors[alice-example].role": bad})
    result = run_build(translated)
    assert result.code == 1
    assert re.search(rf"^{re.escape(CATALOG)}:\d+:1: actors\[alice-example\]\.role: .*{re.escape(expected)}",
                     result.err, re.M), result.err
    assert "Traceback" not in result.err and not (translated / "docs").exists()


def _message_line(project: Path, path: str, context: str) -> int:
    with (project / path).open("rb") as handle:
        return next(m.lineno for m in read_po(handle) if m.context == context)


def test_a_quote_its_english_does_not_have_is_an_error_with_file_and_line(translated):
    """“…” hold a source's exact words, which stay in English: a translation may quote only what
    its msgid quotes (the record's own rendering goes in «…»)."""
    _translate(translated, CATALOG, {"actors[alice-example].role": "“Ministra” de Ejemplos"})
    result = run_build(translated)
    assert result.code == 1 and "Traceback" not in result.err
    line = _message_line(translated, CATALOG, "actors[alice-example].role")
    assert re.search(rf"^{re.escape(CATALOG)}:{line}:1: actors\[alice-example\]\.role: “Ministra” is in quotation "
                     "marks but is not in the English", result.err, re.M), result.err


@pytest.mark.parametrize("bad, expected", [
    ("“Minister of Examples", "has no partner"),
    ("«no es del todo legal», traducción propia", "write only the rendering of the quote"),
])
def test_a_misquoting_translation_is_an_error_with_file_and_line(translated, bad, expected):
    context = "statements[0].quote" if "«" in bad else "actors[alice-example].role"
    _translate(translated, CATALOG, {context: bad})
    result = run_build(translated)
    assert result.code == 1
    line = _message_line(translated, CATALOG, context)
    assert re.search(rf"^{re.escape(CATALOG)}:{line}:1: {re.escape(context)}: .*{re.escape(expected)}",
                     result.err, re.M), result.err


def test_a_message_for_a_text_the_yaml_no_longer_has_is_a_warning_naming_its_line(translated):
    path = translated / CATALOG
    path.write_text(path.read_text(encoding="utf-8") + '\nmsgctxt "events[gone-event].summary"\n'
                    'msgid "A text that was removed."\nmsgstr "Un texto que se quitó."\n', encoding="utf-8")
    result = run_build(translated)
    assert result.code == 0, result.err  # never a failure: the translator tidies up with --update
    line = _message_line(translated, CATALOG, "events[gone-event].summary")
    assert re.search(rf"^warning: {re.escape(CATALOG)}:{line}:1: events\[gone-event\]\.summary: no such text in "
                     rf"{re.escape(SOURCE)} any more", result.err, re.M), result.err


def test_a_broken_catalog_is_an_error_with_its_line(translated):
    path = translated / CATALOG
    path.write_text(path.read_text(encoding="utf-8") + '\nmsgctxt "x"\nmsgid "unclosed\n', encoding="utf-8")
    result = run_build(translated)
    assert result.code == 1 and "Traceback" not in result.err
    assert re.search(rf"^{re.escape(CATALOG)}:\d+:1: not a valid PO catalog", result.err, re.M), result.err


def test_a_catalog_that_is_a_link_is_refused_unopened(translated):
    path = translated / CATALOG
    outside = translated.parent / "secret.po"
    outside.write_bytes(path.read_bytes())
    path.unlink()
    os.symlink(outside, path)
    result = run_build(translated)
    assert result.code == 1 and "it is a symbolic link" in result.err


def test_a_catalog_for_no_seed_file_is_an_error(translated):
    stray = translated / "translations/es/sources/no-such-source.po"
    stray.write_bytes((translated / CATALOG).read_bytes())
    result = run_build(translated)
    assert result.code == 1
    assert "translations/es/sources/no-such-source.po:1:1: this catalog translates no seed file" in result.err


def test_tasks_translations_lists_what_is_missing_with_the_coverage(translated, capsys):
    translations.main(["--root", str(translated)])
    out = capsys.readouterr().out
    assert f"{CATALOG}:" in out and "missing" in out
    assert re.search(r"^es: \d+ of \d+ texts translated \(\d+\.\d %\)", out, re.M)


# ---- Spanish forms from Babel's locale data --------------------------------------------

@pytest.mark.parametrize("text, approximate, expected", [
    ("2025-12-01", False, "1 de diciembre de 2025"),
    ("2025-10", False, "octubre de 2025"),
    ("../2025-10-10", False, "el 10 de octubre de 2025 o antes"),
    ("../2025-10", False, "octubre de 2025 o antes"),
    ("2025-11-24/..", True, "el 24 de noviembre de 2025 o después (aproximada)"),
    ("2025-11-24/2025-11-30", True, "24–30 de noviembre de 2025 (aproximada)"),
    ("2025-09/2025-10", False, "septiembre–octubre de 2025"),
])
def test_dates_in_spanish_keep_their_precision(text, approximate, expected):
    date = parse_date(text, approximate, "derived" if approximate else None)
    english = date.label()
    assert formats.date_label(date, "es") == expected
    assert date.label() == english == formats.date_label(date, "en")  # the English label is the record's own


def test_numbers_in_spanish_come_from_babel():
    assert i18n.format_number(4_500_000, "es") == "4,5 millones"
    assert i18n.format_number(15_000, "es") == "15.000"
    assert i18n.format_day(dt.date(2025, 10, 10), "es", short=True) == "10 oct 2025"


# ---- the record's own catalogs ----------------------------------------------------------

def _real_messages():
    for path in sorted((ROOT / "translations/es").rglob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle):
                if message.id and message.string:
                    yield path.relative_to(ROOT).as_posix(), message


def test_every_quote_in_a_translation_is_the_original_words():
    """Quotes stay exact and in their original language: whatever a translation puts in “…”
    is in the English it translates; its own rendering of a quote goes in «…»."""
    wrong = [(path, m.context, quoted) for path, m in _real_messages()
             for quoted in re.findall(r"“([^”]*)”", m.string) if quoted not in m.id]
    assert not wrong, wrong[:5]


def test_every_translation_of_a_quote_is_marked_as_the_records_own():
    unmarked = [(path, m.context) for path, m in _real_messages()
                if re.search(r"”\s*\(«", m.string) and "traducci" not in m.string]
    assert not unmarked, unmarked[:5]


def test_the_spanish_record_of_a_large_corpus_is_built_without_recursing_through_its_links(tmp_path):
    """Objects link to each other in chains as long as the record (an actor to its events, to
    their statements, to their sources...): building a language's record must not follow them."""
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic_corpus import write_corpus

    from record_builder.record import build_record
    from record_builder.validate import load_and_check

    write_corpus(tmp_path / "project", events=400, seed=2)
    checked, problems = load_and_check(tmp_path / "project/seeds", tmp_path / "project")
    assert not problems
    record = build_record(checked)
    depth = len(__import__("inspect").stack())
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(depth + 60)  # room for a few nested records, none for a chain of links
    try:
        spanish = build_record(checked, "es", None)
    finally:
        sys.setrecursionlimit(limit)
    assert spanish.lang == "es" and len(spanish.events) == len(record.events)
    assert all(isinstance(e.title, Pending) for e in spanish.events)
    assert spanish.events[0].accounts[0].source is spanish.sources[
        [s.id for s in spanish.sources].index(spanish.events[0].accounts[0].source.id)]
    assert not set(map(id, spanish.sources)) & set(map(id, record.sources))  # two records, nothing shared


def test_every_current_translation_reaches_the_spanish_pages_and_nothing_awaits_one(corpus):
    """With every text of the corpus translated (corrections included), each translation is on a
    Spanish page, no Spanish page shows a text awaiting translation, and no translation is on an
    English page. Identical English in two fields may be translated differently: each field's
    own translation is the one shown."""
    import html

    assert run_build(corpus).code == 0
    english = "\n".join(html.unescape(p.read_text(encoding="utf-8")).replace("\\", "")
                        for p in sorted((corpus / "docs").rglob("*.md")) if p.relative_to(corpus / "docs").parts[0] != "es")
    _update(corpus)
    marks = {}
    for catalog in sorted((corpus / "translations/es").rglob("*.po")):
        with catalog.open("rb") as handle:
            messages = [m for m in read_po(handle) if m.id]
        texts = {}
        for message in messages:
            texts[message.context] = f"Traducción número {len(marks) + 1} del registro."
            if message.id.split("\n\n")[0] in english:  # a text the English pages show (not all are shown)
                marks[(catalog.name, message.context)] = texts[message.context]
        _translate(corpus, catalog.relative_to(corpus).as_posix(), texts)
    assert any("corrections[0]" in context for _, context in marks), "the corpus has a correction, shown"
    result = run_build(corpus)
    assert result.code == 0, result.err
    spanish = "\n".join(p.read_text(encoding="utf-8") for p in sorted((corpus / "docs/es").rglob("*"))
                        if p.is_file())
    english = "\n".join(p.read_text(encoding="utf-8") for p in sorted((corpus / "docs").rglob("*"))
                        if p.is_file() and p.relative_to(corpus / "docs").parts[0] != "es")
    missing = [key for key, text in marks.items() if text not in spanish]
    assert not missing, missing
    assert PENDING not in spanish
    assert not [key for key, text in marks.items() if text in english]
    # a headline the record translated says so wherever it stands as the source's name
    headings = [line for line in (corpus / "docs/es/corrections.md").read_text(encoding="utf-8").splitlines()
                if line.startswith("### ")]
    assert headings and all("(traducción propia del titular)" in line for line in headings)
    rows = [line for line in (corpus / "docs/es/sources/index.md").read_text(encoding="utf-8").splitlines()
            if line.startswith("<td><a href=")]
    assert rows and all("(traducción propia del titular)" in line for line in rows)


def test_an_english_quote_of_three_words_or_more_is_followed_by_its_rendering(translated):
    """On a Spanish page a reader who reads no English still understands a quote: a translation
    that keeps three or more English words in “…” gives its own rendering after them."""
    source = translated / SOURCE
    source.write_text(source.read_text(encoding="utf-8").replace(
        "according to the ministry.", "according to the ministry, which called it “not lawful at all”."),
        encoding="utf-8")
    _update(translated)
    _translate(translated, CATALOG, {"summary": "Dice que no fue “not lawful at all” y nada más."})
    result = run_build(translated)
    assert result.code == 1
    assert any(CATALOG in line and "summary" in line and "(«…», traducción propia)" in line
               for line in result.lines), result.err
    _translate(translated, CATALOG, {"summary": "Dice que no fue “not lawful at all” («nada lícito», traducción "
                                                "propia) y nada más."})
    assert run_build(translated).code == 0


def test_quote_marking_follows_each_sources_language(corpus):
    """A source in Spanish: on the English pages its quotes are marked as Spanish, and on the
    Spanish pages nothing of it is marked as English, while another source's still is."""
    source = corpus / SOURCE
    text = source.read_text(encoding="utf-8")
    other = (text.replace("id: example-news-2025-10-01", "id: example-news-2025-10-02")
             .replace("published: 2025-10-01", "published: 2025-10-02")
             .replace("quote: not lawful at all", "quote: an English quote here"))
    (corpus / "seeds/sources/example-news-2025-10-02.yaml").write_text(other, encoding="utf-8")
    source.write_text(text.replace("language: en", "language: es"), encoding="utf-8")
    result = run_build(corpus)
    assert result.code == 0, result.err
    english = (corpus / "docs/actors/alice-example.md").read_text(encoding="utf-8")
    spanish = (corpus / "docs/es/actors/alice-example.md").read_text(encoding="utf-8")
    assert '“<span lang="es">not lawful at all</span>”' in english
    assert "“an English quote here”" in english  # an English source's quote on an English page
    assert "“not lawful at all”" in spanish
    assert '“<span lang="en">an English quote here</span>”' in spanish


def test_quotes_kept_in_the_sources_language_are_marked_as_such_on_spanish_pages(translated):
    """A screen reader reads an English quote on a Spanish page in English (WCAG 3.1.2)."""
    assert run_build(translated).code == 0
    pages = sorted((translated / "docs/es").rglob("*.md"))
    assert pages
    quotes = 0
    for page in pages:
        text = re.sub(r'<span class="pending-translation" lang="en">.*?</span>', "",
                      page.read_text(encoding="utf-8"))  # already marked English as a whole
        for match in re.finditer("“", text):
            quotes += 1
            assert text.startswith('“<span lang="en">', match.start()), (page.name, text[match.start():][:60])
    assert quotes
    english = (translated / "docs/actors/alice-example.md").read_text(encoding="utf-8")
    assert "<span lang=" not in english  # English pages need no marks
