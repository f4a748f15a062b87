"""Gettext catalogs as the project reads and writes them: from the repository without following
links, checked like any input, and written back byte for byte the same when nothing changed.

Two kinds use them: the record's translations (translations.py: one catalog per seed file)
and the interface's (ui_catalog.py: ui.po, the generator's words; site.po, the site's).
"""

from __future__ import annotations

import errno
import io
import re
from dataclasses import dataclass
from pathlib import Path

from . import i18n
from .load import FileTooLarge, read_regular_file
from .problems import Problem
from .types import Text


def read_catalog(root: Path, po_path: str):
    """(Babel catalog or None when there is no file, problems)."""
    from babel.messages.pofile import PoFileError, read_po

    file = root / po_path
    try:
        raw = read_regular_file(file)
    except FileNotFoundError:
        return None, []
    except FileTooLarge as err:
        return None, [Problem(po_path, 1, 1, "", f"the catalog is too large ({err.size} bytes); split the text")]
    except OSError as err:
        reason = "it is a symbolic link" if err.errno == errno.ELOOP else err.strerror or str(err)
        return None, [Problem(po_path, 1, 1, "", f"cannot read the catalog: {reason}")]
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[:err.start].count(b"\n") + 1
        return None, [Problem(po_path, line, 1, "", "the catalog is not UTF-8 text; save it as UTF-8")]
    try:
        return read_po(io.BytesIO(raw), locale=None, abort_invalid=True, charset="utf-8"), []
    except PoFileError as err:
        return None, [Problem(po_path, _error_line(str(err)), 1, "", f"not a valid PO catalog: {err}")]
    except (ValueError, TypeError) as err:  # Babel raises these for some malformed headers
        return None, [Problem(po_path, 1, 1, "", f"not a valid PO catalog: {err}")]


def _error_line(message: str) -> int:
    tail = message.rsplit(" ", 1)[-1]
    return int(tail) if tail.isdigit() else 1


@dataclass
class CatalogWhere:
    """Where a translation is, for types.Text.check's problems."""

    path: str
    line: int
    field: str
    about: str = ""  # what the message is about, where the field does not say (an interface string)

    def problem(self, message: str) -> Problem:
        return Problem(self.path, self.line, 1, self.field, self.about + message)


_FORMAT_FIELD = re.compile(r"%\(\w+\)[sdif]")


def interface_catalog_problems(lang: str, folder: Path | None = None, check=None) -> list[Problem]:
    """The problems of `lang`'s interface catalogs (ui.po: the generator's words; site.po: the
    site hooks'), which are read as the code's, from translations/<lang>/ beside it. A
    translation is checked as a record text is (no markup, entities or controls) and must keep
    exactly the %(name)s fields of its English, with no other '%': the code fills them in
    with Python's % operator, which a stray '%' or a missing field would stop. `check(po_path,
    message)` gives any further problems of a translated message (the language's style sheet)."""
    folder = folder or i18n.UI_CATALOGS
    base = folder.parent
    problems = []
    for path in sorted((folder / lang).glob("*.po")):
        po_path = path.relative_to(base).as_posix()
        catalog, found = read_catalog(base, po_path)
        problems += found
        for message in catalog or []:
            if not message.id or not isinstance(message.id, str) or not isinstance(message.string, str) \
                    or not message.string or message.fuzzy:
                continue
            where = CatalogWhere(po_path, message.lineno, "msgstr", f"the translation of {message.id[:60]!r}: ")
            problems += Text(max_length=4 * max(len(message.id), 300), paragraphs=True).check(message.string, where)
            fields, english = sorted(_FORMAT_FIELD.findall(message.string)), sorted(_FORMAT_FIELD.findall(message.id))
            if fields != english:
                problems.append(where.problem(
                    f"the translation's fields ({', '.join(fields) or 'none'}) are not the English text's "
                    f"({', '.join(english) or 'none'}): keep each %(name)s exactly as the msgid writes it"))
            elif "%" in _FORMAT_FIELD.sub("", message.string).replace("%%", ""):
                problems.append(where.problem("a '%' that is no %(name)s field: write '%%' for a percent sign"))
            if check is not None:
                problems += check(po_path, message)
    return problems



def new_catalog(lang: str, about: str):
    """An empty catalog of `lang` with the project's header; `about` says what it translates."""
    from babel.messages.catalog import Catalog

    return Catalog(locale=lang, project="US-Venezuela crisis record", version="1", charset="utf-8", fuzzy=False,
                   header_comment=f"# {i18n.NAMES[lang]} translation of {about}",
                   msgid_bugs_address="https://github.com/", last_translator="", language_team=i18n.NAMES[lang])


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write a catalog only when its bytes change (a rebuild with nothing new touches nothing)."""
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def previous_english(message) -> str | None:
    """The English a fuzzy translation was made from (its `#| msgid`). Babel writes it but reads
    it back as a comment ('| msgid "…"' and '| "…"' lines), so it is put together again here."""
    from babel.messages.pofile import unescape

    parts = []
    for comment in message.user_comments:
        if not comment.startswith("|"):
            continue
        line = comment[1:].strip()
        if line.startswith("msgid "):
            parts = [line[len("msgid "):].strip()]
        elif line.startswith('"') and parts:
            parts.append(line)
    return "".join(unescape(part) for part in parts) if parts else None


def catalog_text(catalog, include_lineno: bool = True) -> bytes:
    """The catalog as the project writes it (the same bytes when nothing changed). Line numbers
    point a translator to the YAML; the interface catalog leaves them out (include_lineno=False),
    since any edit to the code would move them all."""
    from babel.messages.pofile import write_po

    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, include_previous=True, sort_output=False,
             ignore_obsolete=False, include_lineno=include_lineno)
    return _without_dates(out.getvalue())


def _without_dates(text: bytes) -> bytes:
    """Babel stamps the header with the time of writing; a catalog rewritten with nothing changed
    must stay byte-identical, so the dates are left out."""
    lines = [line for line in text.split(b"\n")
             if not line.startswith((b'"POT-Creation-Date:', b'"PO-Revision-Date:', b'"Generated-By:'))]
    return b"\n".join(lines)
