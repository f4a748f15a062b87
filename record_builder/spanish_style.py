"""The Spanish edition's style sheet, and its check of every Spanish catalog.

translations/es/estilo.yaml fixes each recurring term once: the English it translates, the
form to use, the forms not to use and why; and it states the register (neutral international
Spanish, as the UN's Spanish services write). It belongs to the project, like the interface
catalog beside it, so it applies to whatever record is built.

Every current msgstr of the Spanish catalogs (the record's, ui.po and site.po) is read against
it, and a forbidden form is a problem that fails the build, as `path:line:col: field: message`
(the field is the msgctxt), saying what to write instead:

    translations/es/sources/x.po:42:1: summary: «cartel» goes against the style sheet
    (translations/es/estilo.yaml:27, for “cartel (…)”): write cártel, cárteles; … Para …

Words inside “…” are a source's own, in English, and are not read. A term marked
`allowed_in_renderings` (a loaded label such as «régimen») may stand only where the record
renders a source's words: inside «…», or in a quote's own rendering (a gloss message);
anywhere else it would be the record's own word, which the editorial rules forbid.

In `avoid`, a form is matched as whole words, accents as written, case ignored unless the
term says `match_case: true`; a `*` at the end of a word stands for any letters (`dimit*`:
dimitir, dimitió, dimitiera...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import i18n
from .load import load_file
from .problems import Problem, Where
from .scalars import Boolean
from .types import FieldSpec, ListOf, Record, Rule, Text

LANG = "es"
SHEET = i18n.UI_CATALOGS / LANG / "estilo.yaml"
SHOWN = SHEET.relative_to(i18n.UI_CATALOGS.parent).as_posix()  # translations/es/estilo.yaml

_SOURCE_WORDS = re.compile("“[^“”]*”")  # a source's own words, in its language: never read
_RENDERING = re.compile("«[^«»]*»")  # the record's rendering of a source's words
_FORM = re.compile(r"^[\w.'’-]+\*?(?: [\w.'’-]+\*?)*$")


def _forms_are_words(term, where: Where):
    """Each form is words (letters, '.', '-', apostrophes), a '*' only at a word's end; the form
    to use is not itself forbidden."""
    avoid = term.get("avoid") if isinstance(term.get("avoid"), list) else []
    for index, form in enumerate(avoid):
        if isinstance(form, str) and not _FORM.match(form):
            line, column = (avoid.item_marks[index] if hasattr(avoid, "item_marks") else (where.line, where.column))
            yield Problem(where.path, line, column, f"{where.field}.avoid[{index}]",
                          f"expected words separated by single spaces, '*' only at the end of a word "
                          f"(such as 'dimit*'), got {form!r}")
    use = term.get("use")
    if isinstance(use, str) and all(isinstance(form, str) and _FORM.match(form) for form in avoid):
        pattern = _pattern(avoid, bool(term.get("match_case")))
        clash = pattern.search(use) if pattern else None
        if clash:
            yield where.problem(f"'use' ({use!r}) contains {clash.group(0)!r}, a form this term avoids; "
                                "correct one of them")


TERM = Record("Term", "One recurring term of the Spanish edition.", [
    FieldSpec("english", Text(200), "The English it translates, as the record writes it.", required=True),
    FieldSpec("use", Text(300), "What the Spanish edition writes.", required=True),
    FieldSpec("avoid", ListOf(Text(100), unique=True), "Forms not to write (whole words; '*' ends a word in any "
              "letters)."),
    FieldSpec("why", Text(600), "Why: the reader, the source's sense, the UN's or the RAE's usage.", required=True),
    FieldSpec("match_case", Boolean(), "Match the forms to avoid in their case only (default: any case)."),
    FieldSpec("allowed_in_renderings", Boolean(), "A loaded label: allowed only in the record's rendering of a "
              "source's words («…», or a quote's own rendering)."),
], rules=[Rule(_forms_are_words)])

SHEET_RECORD = Record("StyleSheet", "The Spanish edition's style sheet.", [
    FieldSpec("register", Text(1500, paragraphs=True), "The register the edition writes in.", required=True),
    FieldSpec("terms", ListOf(TERM, min_items=1), "The recurring terms.", required=True),
])


def _pattern(forms: list, match_case: bool) -> re.Pattern | None:
    """One expression for `forms`: whole words, a trailing '*' standing for any letters."""
    if not forms:
        return None
    alternatives = []
    for form in forms:
        words = [re.escape(word.rstrip("*")) + (r"\w*" if word.endswith("*") else "") for word in form.split()]
        alternatives.append(r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])")
    return re.compile("|".join(alternatives), 0 if match_case else re.IGNORECASE)


@dataclass(frozen=True)
class Term:
    english: str
    use: str
    why: str
    line: int  # where the term is in the style sheet
    pattern: re.Pattern | None
    allowed_in_renderings: bool = False
    # Each form's letters up to its first '*', in lower case: a text holding none of them cannot
    # match, and testing that costs far less than the expression (a build reads ~500 texts).
    needles: tuple = ()


@dataclass
class StyleSheet:
    path: str  # as problems show it
    register: str
    terms: list = field(default_factory=list)

    def text_problems(self, text: str, where: Where, gloss: bool = False) -> list[Problem]:
        """What `text` (a msgstr) writes against the sheet; `gloss`: the text is a quote's own rendering."""
        plain = _SOURCE_WORDS.sub(" ", text)
        own = _RENDERING.sub(" ", plain)
        lowered = " ".join(plain.split()).lower()
        found = []
        for term in self.terms:
            if term.pattern is None or (term.allowed_in_renderings and gloss):
                continue
            if not any(needle in lowered for needle in term.needles):
                continue
            match = term.pattern.search(own if term.allowed_in_renderings else plain)
            if match:
                where_used = " outside a rendering of a source's words" if term.allowed_in_renderings else ""
                found.append(where.problem(
                    f"«{' '.join(match.group(0).split())}»{where_used} goes against the style sheet ({self.path}:"
                    f"{term.line}, for “{term.english}”): write {term.use}. {term.why}"))
        return found

    def message_problems(self, po_path: str, message, gloss: bool = False) -> list[Problem]:
        """The problems of one catalog message (a Babel Message): its field is its msgctxt or,
        in an interface catalog, the English it translates."""
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        context = message.context or "msgstr"
        english = message.id if isinstance(message.id, str) else message.id[0]
        about = "" if message.context else f"the translation of {english[:60]!r}: "
        found = []
        for text in strings:
            if isinstance(text, str) and text:
                for problem in self.text_problems(text, Where(po_path, message.lineno, 1, context), gloss):
                    found.append(Problem(problem.path, problem.line, problem.column, problem.field,
                                         about + problem.message))
        return found


def read_style_sheet(file: Path, shown_as: str) -> tuple[StyleSheet | None, list[Problem]]:
    """The style sheet in `file`, or None and the problems that make it unusable, each with its line."""
    loaded, problems = load_file(file, shown_as)
    if loaded is None:
        return None, problems
    data = loaded.data
    top = Where(shown_as, getattr(data, "line", 1), getattr(data, "column", 1))
    problems = list(SHEET_RECORD.check(data, top))
    if problems:
        return None, problems
    sheet = StyleSheet(shown_as, " ".join(data["register"].split()))
    for index, term in enumerate(data["terms"]):
        line = data["terms"].item_marks[index][0]
        forms = list(term.get("avoid") or [])
        sheet.terms.append(Term(" ".join(term["english"].split()), " ".join(term["use"].split()),
                                " ".join(term["why"].split()), line, _pattern(forms, bool(term.get("match_case"))),
                                bool(term.get("allowed_in_renderings")),
                                tuple(form.split("*")[0].lower() for form in forms)))
    return sheet, []


def style_sheet(lang: str) -> tuple[StyleSheet | None, list[Problem]]:
    """The style sheet of `lang` (None for a language without one), and its problems."""
    if lang != LANG:
        return None, []
    if not SHEET.is_file():
        return None, [Problem(SHOWN, 1, 1, "", "the Spanish style sheet is missing; restore it from the repository")]
    return read_style_sheet(SHEET, SHOWN)
