"""The Spanish style sheet (translations/es/estilo.yaml): one vocabulary, checked in every catalog.

The sheet is read like any input: a malformed one is a problem naming its line. Every msgstr of
the Spanish catalogs is read against it, and a forbidden form fails the build with the
catalog's file, line and field, and what to write instead.
"""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from record_builder import spanish_style, translations
from record_builder.problems import Where
from support import ROOT, run_build

CATALOG = "translations/es/sources/example-news-2025-10-01.po"


def _translate(project, path, texts):
    from record_builder.catalogs import catalog_text

    with (project / path).open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id and message.context in texts:
            message.string = texts[message.context]
    (project / path).write_bytes(catalog_text(catalog))


def _line_of(project, path, context) -> int:
    with (project / path).open("rb") as handle:
        return next(m.lineno for m in read_po(handle) if m.context == context)


def _sheet(tmp_path, text: str):
    path = tmp_path / "estilo.yaml"
    path.write_text(text, encoding="utf-8")
    return spanish_style.read_style_sheet(path, "translations/es/estilo.yaml")


GOOD = """\
register: Español internacional neutro.
terms:
  - english: cartel
    use: cártel, cárteles; Cartel de los Soles
    avoid: [cartel, carteles]
    match_case: true
    why: Una sola forma.
  - english: resign
    use: renunciar
    avoid: [dimit*]
    why: Uso general.
  - english: Foreign Terrorist Organisation
    use: Organización Terrorista Extranjera
    avoid: [organización terrorista extranjera]
    match_case: true
    why: Es el nombre de una designación.
  - english: regime
    use: Gobierno
    avoid: [régimen]
    allowed_in_renderings: true
    why: Etiqueta cargada.
"""


# ---- the record's own catalogs and sheet ---------------------------------------------------

def test_the_style_sheet_is_well_formed_and_fixes_the_terms_the_edition_decided():
    sheet, problems = spanish_style.style_sheet("es")
    assert problems == [] and sheet is not None
    assert sheet.register
    english = " ".join(term.english for term in sheet.terms)
    for decided in ("cartel", "resign", "high alert", "extrajudicial killing", "Foreign Terrorist Organisation",
                    "Iwo Jima", "UN News", "publisher"):
        assert decided in english
    assert spanish_style.style_sheet("en") == (None, [])  # English is the record's own: no sheet


def test_every_spanish_catalog_of_the_record_follows_the_style_sheet():
    from record_builder.validate import load_and_check

    checked, problems = load_and_check(ROOT / "seeds", ROOT)
    assert not problems
    _, problems = translations.checked_translations(ROOT, checked, "es")
    assert [p.format() for p in problems] == []


# ---- what the sheet forbids, and where --------------------------------------------------------

@pytest.mark.parametrize("text, found", [
    ("Designó al cartel.", "cartel"),  # accents as written
    ("Los carteles del sur.", "carteles"),
    ("El ministro DIMITIÓ ayer.", "DIMITIÓ"),  # any case, unless the term says match_case
    ("Le pidió que dimitiera.", "dimitiera"),  # a '*' ends a word in any letters
    ("Es una organización terrorista extranjera.", "organización terrorista extranjera"),
    ("Habla del régimen de Caracas.", "régimen"),
    ("Dijo “regime change” («cambio de régimen», traducción propia) sobre el régimen.", "régimen"),
])
def test_a_forbidden_form_is_found(tmp_path, text, found):
    sheet, problems = _sheet(tmp_path, GOOD)
    assert not problems
    found_problems = sheet.text_problems(text, Where("x.po", 7, 1, "summary"))
    assert len(found_problems) == 1
    assert found_problems[0].message.startswith(f"«{found}» ")


@pytest.mark.parametrize("text, gloss", [
    ("Designó al cártel; la palabra “cartel” es la de la fuente.", False),  # “…” are a source's words
    ("Designó al cártel como Organización Terrorista Extranjera.", False),  # the case a term matches
    ("Dijo “narco-terrorist regime” («régimen narcoterrorista», traducción propia).", False),
    ("régimen narcoterrorista", True),  # a quote's own rendering may say what the source says
    ("El Cartel de los Soles, un cártel designado.", False),
])
def test_what_the_sheet_allows_is_not_reported(tmp_path, text, gloss):
    sheet, _ = _sheet(tmp_path, GOOD)
    assert sheet.text_problems(text, Where("x.po", 7, 1, "summary"), gloss) == []


def test_a_forbidden_form_in_a_catalog_fails_the_build_with_file_line_field_and_what_to_write(corpus):
    assert translations.main(["--update", "--root", str(corpus)]) in (0, 1)
    _translate(corpus, CATALOG, {"actors[alice-example].role": "Ministra de Ejemplos, que habló del cartel"})
    result = run_build(corpus)
    assert result.code == 1 and "Traceback" not in result.err
    line = _line_of(corpus, CATALOG, "actors[alice-example].role")
    match = re.search(rf"^{re.escape(CATALOG)}:{line}:1: actors\[alice-example\]\.role: «cartel» goes against the "
                      r"style sheet \(translations/es/estilo\.yaml:(\d+), for “cartel[^”]*”\): write cártel, cárteles;",
                      result.err, re.M)
    assert match, result.err
    sheet_lines = (ROOT / "translations/es/estilo.yaml").read_text(encoding="utf-8").splitlines()
    assert "english: cartel" in sheet_lines[int(match.group(1)) - 1]  # the line names the term
    assert not (corpus / "docs").exists()


def test_tasks_translations_reports_the_same_problem(corpus, capsys):
    assert translations.main(["--update", "--root", str(corpus)]) in (0, 1)
    _translate(corpus, CATALOG, {"actors[alice-example].role": "Ministra que pidió dimitir"})
    assert translations.main(["--root", str(corpus)]) == 1
    assert re.search(rf"^{re.escape(CATALOG)}:\d+:1: actors\[alice-example\]\.role: «dimitir» goes against",
                     capsys.readouterr().err, re.M)


# ---- a malformed sheet ------------------------------------------------------------------------

@pytest.mark.parametrize("text, line, field, message", [
    ("register: x\nterms:\n  - english: cartel\n    use: [unclosed\n", 5, "", "YAML syntax error"),
    (GOOD.replace("    avoid: [dimit*]", "    avoids: [dimit*]"), 10, "terms[1].avoids",
     "unknown key 'avoids' in Term (did you mean 'avoid'?)"),
    (GOOD.replace("    use: renunciar\n", ""), 8, "terms[1]", "Term is missing the required key 'use'"),
    (GOOD.replace("[dimit*]", "[di*mit]"), 10, "terms[1].avoid[0]", "'*' only at the end of a word"),
    (GOOD.replace("use: renunciar", "use: renunciar o dimitir"), 8, "terms[1]",
     "'use' ('renunciar o dimitir') contains 'dimitir', a form this term avoids"),
    (GOOD.replace("    match_case: true\n    why: Es", "    match_case: yes please\n    why: Es"), 15, "terms[2].match_case",
     "expected true or false"),
    ("register: x\nterms: []\n", 2, "terms", "expected at least 1 item(s)"),
    ("- just\n- a list\n", 1, "", "expected a mapping"),
])
def test_a_malformed_style_sheet_is_a_problem_naming_its_line(tmp_path, text, line, field, message):
    sheet, problems = _sheet(tmp_path, text)
    assert sheet is None and problems, "a malformed sheet is never used"
    first = problems[0]
    assert (first.path, first.line, first.field) == ("translations/es/estilo.yaml", line, field), first.format()
    assert message in first.message
