"""The interface strings' catalog: translations/<lang>/ui.po, kept in line with the generator.

The interface strings are the words the generator itself writes on reader pages (headings,
labels, "Speaker not named in the source"...), as opposed to the record's texts
(translations.py). They are marked where they are written:

- in the templates (record_builder/templates/*.j2): `{{ _("Key facts") }}`;
- in the code: `_("Undated")` where `_ = i18n.translator(lang)`, `ngettext("%(count)d event",
  "%(count)d events", n)` where `ngettext = i18n.plural_translator(lang)`, and `N_("Person")`
  for a table built at import time and translated where it is used. A call inside an
  f-string is not found: take the text out first.

`extract()` finds them all with Babel (Jinja's extractor for the templates, Babel's own for
Python), `update(lang)` writes translations/<lang>/ui.po: existing translations kept, new
strings added empty, strings no longer used kept as obsolete (#~) while they carry a
translation. The contributor reference (format.md, from format.md.j2 and formatdoc.py) and
CITATION.cff stay English, so their strings are not extracted.

The two forms of an ngettext are two messages of their own: i18n.plural_translator chooses the
English form first and translates that (Spanish, like English, says "1 fuente", "2 fuentes").

    python3 -m record_builder.ui_catalog            # coverage of each language's ui.po
    python3 -m record_builder.ui_catalog --update   # bring each ui.po in line with the code
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import i18n
from .catalogs import catalog_text, new_catalog, write_if_changed

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
TEMPLATES = PACKAGE / "templates"
# Contributor-facing files (the format reference, CITATION.cff, the build's own messages) stay English.
EXCLUDED = {"format.md.j2", "citation.cff.j2", "formatdoc.py", "schema.py", "validate.py", "cli.py",
            "problems.py", "ui_catalog.py", "i18n.py", "translations.py"}
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
FILE_NAME = "ui.po"


@dataclass
class Found:
    """One interface string and where it is written."""

    text: str
    locations: list = field(default_factory=list)  # [(path relative to the project, line)]


def sources() -> list[tuple[Path, str]]:
    """(file, Babel extraction method) of every file whose strings reach reader pages."""
    found = [(path, "jinja2.ext:babel_extract") for path in sorted(TEMPLATES.glob("*.j2"))]
    found += [(path, "python") for path in sorted(PACKAGE.glob("*.py"))]
    return [(path, method) for path, method in found if path.name not in EXCLUDED]


def extract() -> list[Found]:
    """Every interface string, once, in the order first met (templates, then code)."""
    from babel.messages.extract import extract as babel_extract

    found: dict = {}
    for path, method in sources():
        with path.open("rb") as handle:
            for lineno, message, _comments, _context in babel_extract(
                    method, handle, keywords=KEYWORDS, options={"trim_blocks": "true", "lstrip_blocks": "true"}):
                for text in (message if isinstance(message, tuple) else (message,)):
                    if text:
                        entry = found.setdefault(text, Found(text))
                        entry.locations.append((path.relative_to(ROOT).as_posix(), lineno))
    return list(found.values())


def catalog_path(lang: str) -> Path:
    return i18n.UI_CATALOGS / lang / FILE_NAME


def read(lang: str):
    """The catalog of `lang` as it stands, or None when there is none yet."""
    from babel.messages.pofile import read_po

    path = catalog_path(lang)
    if not path.exists():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, abort_invalid=True)


def updated(lang: str, old=None, messages: list[Found] | None = None):
    """The catalog for `messages` (default: extract()) made from the `old` one."""
    messages = extract() if messages is None else messages
    catalog = new_catalog(lang, "the generator's interface strings (record_builder/templates and "
                                "record_builder/*.py).\n# Fill in each msgstr; python3 -m record_builder.ui_catalog "
                                "--update adds new strings.")
    before = {}
    if old is not None:
        before = {m.id: m for m in old if m.id and isinstance(m.id, str)}
        before.update({m.id: m for m in old.obsolete.values() if m.id not in before and isinstance(m.id, str)})
    for entry in messages:
        previous = before.pop(entry.text, None)
        string = previous.string if previous is not None else ""
        flags = {"fuzzy"} if previous is not None and previous.fuzzy else set()
        catalog.add(entry.text, string, locations=entry.locations, flags=flags,
                    auto_comments=previous.auto_comments if previous is not None else ())
    for text, message in before.items():  # no longer used: kept, out of the way, while translated
        if message.string:
            message.locations = []
            catalog.obsolete[text] = message
    return catalog


def update(lang: str) -> bool:
    """Write translations/<lang>/ui.po in line with the code; True when it changed."""
    return write_if_changed(catalog_path(lang), catalog_text(updated(lang, read(lang)), include_lineno=False))


def counts(lang: str) -> tuple[int, int]:
    """(translated, total) interface strings of `lang`'s ui.po (fuzzy ones are not translated)."""
    catalog = read(lang)
    if catalog is None:
        return 0, len(extract())
    messages = [m for m in catalog if m.id]
    return sum(1 for m in messages if m.string and not m.fuzzy), len(messages)


def missing(lang: str) -> list[str]:
    """Interface strings the code uses that `lang`'s ui.po has no message for."""
    catalog = read(lang)
    known = {m.id for m in catalog if m.id} if catalog is not None else set()
    return [entry.text for entry in extract() if entry.text not in known]


def main(argv=None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python3 -m record_builder.ui_catalog", description=__doc__.split("\n")[0])
    parser.add_argument("--update", action="store_true", help="write each ui.po in line with the code")
    parser.add_argument("languages", nargs="*", default=[lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT])
    args = parser.parse_args(argv)
    for lang in args.languages:
        if args.update and update(lang):
            print(f"wrote {catalog_path(lang).relative_to(ROOT)}")
        translated, total = counts(lang)
        print(f"{lang}: {translated} of {total} interface strings translated ({translated / max(total, 1):.0%})")
        for text in missing(lang):
            print(f"  not in {FILE_NAME}: {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
