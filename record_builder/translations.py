"""Translations of the record's texts: gettext catalogs beside the data, checked against the English.

Each seed file has, per language, one catalog of its reader-facing texts:
seeds/sources/<id>.yaml -> translations/es/sources/<id>.po. In it each text is one message:

    #: seeds/sources/<id>.yaml:42
    msgctxt "events[first-boat-strike].summary"      <- the field, as problems name it
    msgid "The English text, as the build reads it."  <- what was translated
    msgstr "El texto en español."                     <- the translation

Why PO and not a parallel YAML: PO is the format translators' tools edit (Poedit, Weblate,
Lokalize), Babel reads and writes it, and it records in each message the exact English it
translates (msgid) and marks a translation overtaken by a change to the English as `fuzzy`,
with the English it was made from (`#| msgid`), as python-docs-es and most projects work. A
parallel YAML would need its own hash scheme, its own merge tool and its own editor support.

A translation is *current* when its msgid is the English text the field holds now and it is
not fuzzy; *stale* when the English has changed since (or it is marked fuzzy); *missing* when
there is none. Only current translations reach the Spanish pages: a stale or missing text is
shown in English, marked "pendiente de traducción" (render.py). The build reports stale
translations by file, line and field; `python3 tasks.py translations` lists every missing and
stale text with a coverage figure, and `--update` brings the catalogs in line with the English
(new texts added empty, changed ones marked fuzzy with the previous English kept).

A translation is input from a pull request like any seed: it is read without following links,
and its text is held to the same rules as the English (no HTML, no control characters); what it
puts in “…” must be words its English quotes, since quotes stay as the source wrote them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import i18n
from . import spanish_style
from .catalogs import (
    CatalogWhere, catalog_text, interface_catalog_problems, new_catalog, previous_english, read_catalog,
    write_if_changed,
)
from .load import Mapping, Sequence
from .problems import Problem
from .schema import KINDS
from .datetype import DATE_RECORD, DateType
from .types import ListOf, Nullable, Record, Text

FOLDER = "translations"
TRANSLATED = tuple(lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT)


@dataclass(frozen=True)
class Unit:
    """One reader-facing text of a seed file."""

    key: str  # the field's path, e.g. events[first-boat-strike].summary
    english: str  # as the build reads it (whitespace normalised, as types.Text.build does)
    line: int
    column: int
    gloss: bool = False  # the source's exact words: the translation is shown after them, not instead


@dataclass
class Status:
    unit: Unit
    state: str  # current | stale | missing
    text: str | None = None  # the translation (current or stale)
    po_line: int = 0  # where its message is in the catalog, 0 when it has none


@dataclass
class FileTranslations:
    yaml_path: str  # seeds/sources/<id>.yaml
    po_path: str  # translations/es/sources/<id>.po
    statuses: list = field(default_factory=list)
    obsolete: list = field(default_factory=list)  # [(line, key)]: messages for texts the YAML no longer has
    exists: bool = False  # whether the catalog file exists


@dataclass
class Translations:
    """One language's translations of the whole record."""

    lang: str
    files: list = field(default_factory=list)  # [FileTranslations]

    def current_texts(self, yaml_path: str) -> dict:
        """Field path -> current translation, of one seed file (for record.build_record)."""
        by_path = self.__dict__.get("_by_path")
        if by_path is None or len(by_path) != len(self.files):
            by_path = self.__dict__["_by_path"] = {f.yaml_path: f for f in self.files}
        found = by_path.get(yaml_path)
        return {} if found is None else {s.unit.key: s.text for s in found.statuses if s.state == "current"}

    def counts(self) -> tuple[int, int, int]:
        """(current, stale, missing) over every text of the record."""
        states = [s.state for f in self.files for s in f.statuses]
        return states.count("current"), states.count("stale"), states.count("missing")

    def coverage(self) -> float:
        current, stale, missing = self.counts()
        total = current + stale + missing
        return 100.0 if total == 0 else 100.0 * current / total

    def warnings(self) -> list[Problem]:
        """What the build reports without failing: stale translations, each by file, line and
        field; obsolete messages; and a line per file with texts still to translate."""
        found = []
        for f in self.files:
            for s in f.statuses:
                if s.state == "stale":
                    found.append(Problem(f.po_path, s.po_line, 1, s.unit.key,
                                         f"stale translation: the English text ({f.yaml_path}:{s.unit.line}) has "
                                         "changed since it was translated, so the Spanish page shows the English "
                                         "marked 'pendiente de traducción'; translate the new msgid, copy it over "
                                         "the old one and remove the fuzzy flag (python3 tasks.py translations "
                                         "--update does the copying)"))
            for line, key in f.obsolete:
                found.append(Problem(f.po_path, line, 1, key, f"no such text in {f.yaml_path} any more; remove the "
                                     "message (python3 tasks.py translations --update marks it obsolete)"))
            missing = sum(s.state == "missing" for s in f.statuses)
            if missing and f.exists:  # a file nobody has begun to translate counts only in the total
                first = next(s for s in f.statuses if s.state == "missing")
                found.append(Problem(f.yaml_path, first.unit.line, first.unit.column, first.unit.key,
                                     f"{missing} text(s) of this file have no {self.lang} translation yet in "
                                     f"{f.po_path}; run python3 tasks.py translations"))
        return found


# ---- the texts of a seed file ----------------------------------------------------------

GLOSS_NOTE = ("The source's exact words, shown as written: translate them; the translation is shown after "
              "them, marked as the record's own.")


def units(data, record: Record) -> list[Unit]:
    """Every translatable text of a loaded seed file, in file order, with its field path."""
    found: list[Unit] = []
    _walk(data, record, "", found)
    return found


def _walk(value, record: Record, prefix: str, found: list) -> None:
    if not isinstance(value, Mapping):
        return
    for spec in record.fields:
        if spec.name not in value or value[spec.name] is None:
            continue
        raw = value[spec.name]
        path = f"{prefix}{spec.name}"
        kind = spec.type.inner if isinstance(spec.type, Nullable) else spec.type
        line, column = value.value_marks.get(spec.name, (value.line, value.column))
        if isinstance(kind, Text) and (spec.translate or spec.gloss) and isinstance(raw, str) and raw.strip():
            found.append(Unit(path, kind.build(raw), line, column, spec.gloss))
        elif isinstance(kind, Record):
            _walk(raw, kind, f"{path}.", found)
        elif isinstance(kind, DateType) and isinstance(raw, Mapping):
            _walk(raw, DATE_RECORD, f"{path}.", found)
        elif isinstance(kind, ListOf) and isinstance(kind.item, Record) and isinstance(raw, Sequence):
            for index, item in enumerate(raw):
                _walk(item, kind.item, f"{path}[{kind.item_name(item, index)}].", found)


def catalog_path(lang: str, yaml_path: str) -> str:
    """translations/<lang>/<kind>/<id>.po for seeds/<kind>/<id>.yaml."""
    relative = yaml_path.removeprefix("seeds/").removesuffix(".yaml")
    return f"{FOLDER}/{lang}/{relative}.po"


# ---- reading catalogs -----------------------------------------------------------------

_QUOTED = re.compile("“([^“”]*)”")
_RENDERED = re.compile(r"[«»]|traducci[oó]n propia", re.IGNORECASE)
GLOSSED_WORDS = 3  # a quote of this many words or more is followed by its rendering


def quote_problems(text: str, unit: Unit, where: CatalogWhere) -> list[Problem]:
    """A translation keeps a source's words as they are: what it puts in “…” must stand in its
    English (the record's own rendering of them goes in «…»), each “ with its ”; and a quote's
    rendering is only the words, since the page adds «…», traducción propia itself."""
    found = [where.problem(f"“{quoted}” is in quotation marks but is not in the English (the msgid): “…” hold "
                           "only a source's exact words, as the English quotes them; put the record's own "
                           "rendering in «…» followed by ', traducción propia'")
             for quoted in _QUOTED.findall(text) if quoted not in unit.english]
    if not unit.gloss:
        found += [where.problem(f"“{match.group(1)}” is a quote of {len(match.group(1).split())} words in the "
                                "English: follow it with the record's own rendering, («…», traducción propia), so "
                                "a reader understands it; or, for a date or a name, write it in Spanish unquoted")
                  for match in _QUOTED.finditer(text) if len(match.group(1).split()) >= GLOSSED_WORDS
                  and not text[match.end():match.end() + 3].lstrip().startswith("(«")]
    if text.count("“") != text.count("”") and unit.english.count("“") == unit.english.count("”"):
        found.append(where.problem("a quotation mark “ or ” has no partner: quote a source's words as “words”"))
    if unit.gloss and _RENDERED.search(text):
        found.append(where.problem("write only the rendering of the quote, without «…» or 'traducción propia': "
                                   "the page shows it as («rendering», traducción propia) itself"))
    return found


def file_translations(root: Path, lang: str, yaml_path: str, file_units: list[Unit], style=None) -> tuple:
    """(FileTranslations, problems that fail the build) for one seed file; `style`, the language's
    style sheet (spanish_style.StyleSheet), if it has one."""
    po_path = catalog_path(lang, yaml_path)
    result = FileTranslations(yaml_path, po_path)
    catalog, problems = read_catalog(root, po_path)
    result.exists = catalog is not None
    messages = {}
    if catalog is not None:
        for message in catalog:
            if message.id and isinstance(message.id, str):
                messages[message.context or ""] = message
    keys = {unit.key for unit in file_units}
    for unit in file_units:
        message = messages.get(unit.key)
        if message is None or not message.string:
            result.statuses.append(Status(unit, "missing", po_line=message.lineno if message else 0))
            continue
        text = Text(paragraphs=True).build(message.string)
        where = CatalogWhere(po_path, message.lineno, unit.key)
        bad = list(Text(max_length=4 * max(len(unit.english), 300), paragraphs=True).check(text, where))
        bad = bad or quote_problems(text, unit, where)
        if style is not None and not message.fuzzy:
            problems += style.message_problems(po_path, message, unit.gloss)
        if bad:
            problems += bad
            result.statuses.append(Status(unit, "missing", po_line=message.lineno))
            continue
        state = "current" if message.id == unit.english and not message.fuzzy else "stale"
        result.statuses.append(Status(unit, state, text, message.lineno))
    result.obsolete = sorted((m.lineno, key) for key, m in messages.items() if key not in keys)
    return result, problems


def record_translations(root: Path, checked, lang: str, style=None) -> tuple[Translations, list[Problem]]:
    """Every seed file's translations into `lang`, and the problems that fail the build; each
    catalog read against `style`, the language's style sheet, when it has one."""
    result, problems = Translations(lang), []
    for kind, record in KINDS.items():
        for loaded in checked.files.get(kind) or []:
            translations, found = file_translations(root, lang, loaded.path, units(loaded.data, record), style)
            problems += found
            result.files.append(translations)
    return result, problems


def checked_translations(root: Path, checked, lang: str) -> tuple[Translations, list[Problem]]:
    """`lang`'s translations of the record, and every problem of its catalogs that fails the build:
    a record catalog unreadable, with markup, misquoting or against the style sheet; a catalog for
    no seed file; an interface catalog's (with the style sheet too); the style sheet's own."""
    style, problems = spanish_style.style_sheet(lang)
    result, found = record_translations(root, checked, lang, style)
    problems += found + unreadable_catalogs(root, lang, checked)
    problems += interface_catalog_problems(lang, check=style.message_problems if style else None)
    return result, problems


def unreadable_catalogs(root: Path, lang: str, checked) -> list[Problem]:
    """Catalogs in translations/<lang>/ that translate no seed file (a renamed or removed one)."""
    expected = {catalog_path(lang, loaded.path) for files in checked.files.values() for loaded in files}
    folder = root / FOLDER / lang
    found = []
    if folder.is_dir():
        for path in sorted(folder.rglob("*.po")):
            shown = path.relative_to(root).as_posix()
            if path.parent != folder and shown not in expected:
                found.append(Problem(shown, 1, 1, "", "this catalog translates no seed file (expected "
                                     "translations/<lang>/<folder>/<id>.po for seeds/<folder>/<id>.yaml); "
                                     "rename or remove it"))
    return found


# ---- bringing catalogs in line with the English ------------------------------------------

def updated_catalog(yaml_path: str, file_units: list[Unit], old, lang: str):
    """The catalog for `file_units` made from the `old` one (or None): texts still the same keep
    their translation; a changed text keeps its old translation marked fuzzy, with the English it
    was made from (`#| msgid`); a new text whose English another message already translates gets
    that translation, fuzzy; messages for texts that are gone become obsolete."""
    catalog = new_catalog(lang, f"{yaml_path}: one message per text, msgctxt naming its field.\n# Fill in each "
                                "msgstr; python3 tasks.py translations lists what is missing or stale.")
    by_key: dict = {}
    by_english: dict = {}
    if old is not None:
        for message in old:
            if message.id and isinstance(message.id, str):
                by_key[message.context or ""] = message
                if message.string and not message.fuzzy:
                    by_english.setdefault(message.id, message.string)
    keys = set()
    for unit in file_units:
        keys.add(unit.key)
        before = by_key.get(unit.key)
        flags: set = set()
        previous: tuple = ()
        string, comments = "", []
        if before is not None:
            comments = [c for c in before.user_comments if not c.startswith("|")]  # the translator's notes
        if before is not None and before.string:
            string = before.string
            earlier = previous_english(before)
            if before.id != unit.english:  # the English changed: keep what the translation was made from
                flags, previous = {"fuzzy"}, (earlier if before.fuzzy and earlier else before.id,)
            elif before.fuzzy:
                flags, previous = {"fuzzy"}, (earlier,) if earlier else ()
        elif unit.english in by_english:
            string, flags = by_english[unit.english], {"fuzzy"}
        catalog.add(unit.english, string, locations=[(yaml_path, unit.line)], flags=flags, context=unit.key,
                    previous_id=previous, user_comments=comments, auto_comments=[GLOSS_NOTE] if unit.gloss else [])
    for key, message in by_key.items():
        if key not in keys and message.string:
            catalog.obsolete[(message.id, key)] = message
    return catalog


def update(root: Path, checked, lang: str) -> list[str]:
    """Bring every catalog of `lang` in line with the English; return the paths written."""
    written = []
    for kind, record in KINDS.items():
        for loaded in checked.files.get(kind) or []:
            po_path = catalog_path(lang, loaded.path)
            old, problems = read_catalog(root, po_path)
            if problems:
                continue  # reported by the build; never overwrite a catalog we could not read
            text = catalog_text(updated_catalog(loaded.path, units(loaded.data, record), old, lang))
            if write_if_changed(root / po_path, text):
                written.append(po_path)
    return written


# ---- python3 tasks.py translations ----------------------------------------------------------

def main(argv=None) -> int:
    import argparse
    import sys

    from .validate import load_and_check

    parser = argparse.ArgumentParser(
        prog="tasks.py translations",
        description="List the record's texts that have no current translation, per file, with the coverage.")
    parser.add_argument("--update", action="store_true",
                        help="first bring translations/<lang>/ in line with the English: add new texts (empty), "
                             "mark changed ones fuzzy keeping the old translation and English, retire removed ones")
    parser.add_argument("--lang", choices=TRANSLATED, default=TRANSLATED[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args(argv)
    root = args.root.resolve()
    checked, problems = load_and_check(root / "seeds", root)
    if problems:
        print(f"seeds/ has {len(problems)} problem(s); run python3 build_pages.py to see them, then try again.",
              file=sys.stderr)
        return 1
    from . import ui_catalog

    if args.update:
        for path in update(root, checked, args.lang):
            print(f"updated {path}")
        # The interface catalog belongs to the code beside this module: updated only for its own record.
        if ui_catalog.catalog_path(args.lang).is_relative_to(root) and ui_catalog.update(args.lang):
            print(f"updated {ui_catalog.catalog_path(args.lang).relative_to(root)}")
    result, problems = checked_translations(root, checked, args.lang)
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    for f in result.files:
        todo = [s for s in f.statuses if s.state != "current"]
        if not todo:
            continue
        print(f"{f.po_path}: {len(todo)} of {len(f.statuses)} text(s) to translate")
        for s in todo:
            where = f"{f.po_path}:{s.po_line}" if s.po_line else f"{f.yaml_path}:{s.unit.line}"
            print(f"  {where}: {s.unit.key}: {s.state}")
    current, stale, missing = result.counts()
    total = current + stale + missing
    print(f"{args.lang}: {current} of {total} texts translated ({result.coverage():.1f} %); "
          f"{stale} stale, {missing} missing, in {len(result.files)} files.")
    translated, strings = ui_catalog.counts(args.lang)
    absent = ui_catalog.missing(args.lang)
    for text in absent:
        print(f"  {ui_catalog.FILE_NAME}: not in the catalog: {text!r}")
    print(f"{args.lang}: {translated} of {strings} interface strings translated "
          f"({100.0 * translated / max(strings, 1):.1f} %){f'; {len(absent)} not in the catalog yet' if absent else ''}.")
    for other in sorted(i18n.UI_CATALOGS.joinpath(args.lang).glob("*.po")):  # the site hooks' (site.po)
        if other.name != ui_catalog.FILE_NAME:
            catalog, _ = read_catalog(other.parent, other.name)
            messages = [m for m in catalog or [] if m.id]
            done = sum(1 for m in messages if m.string and not m.fuzzy)
            print(f"{args.lang}: {done} of {len(messages)} strings of {other.name} translated "
                  f"({100.0 * done / max(len(messages), 1):.1f} %).")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
