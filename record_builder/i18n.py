"""The site's languages: their interface strings, dates and numbers, each for a language given.

The record is written in English; the Spanish edition (pages under docs/es/) is rendered
from the record built in Spanish (record.py), by a renderer whose language is "es". Nothing
here keeps a "current" language: each function is told which one it writes.

- `translator(lang)` gives a gettext-like function (the templates' `_`) that turns an
  interface string of the templates or of the code into `lang`, from the gettext catalogs
  translations/<lang>/*.po (ui.po: the generator's strings; site.po: the site's), read
  with Babel. A string with no translation stays English.
- `format_day`, `format_month`, `format_interval`... give dates in a language's own
  forms from Babel's CLDR data ("1 de diciembre de 2025", "24–30 de noviembre de 2025"),
  and `format_number` numbers ("4,5 millones"), for the language they are given
  (formats.py uses them to put the record's dates and figures in words).

English output does not go through Babel: its forms are the record's own house style
(dates.py), unchanged since before there was a second language.

The record's own texts (summaries, titles...) are translated differently, per text and
with a check that the translation is current: see translations.py.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

LANGUAGES = ("en", "es")
DEFAULT = "en"
NAMES = {"en": "English", "es": "Español"}  # each language in its own words, for the switcher
# The interface catalogs are part of the code, like the templates: they come from the
# repository, whatever record (--root) is built.
UI_CATALOGS = Path(__file__).resolve().parent.parent / "translations"

@functools.cache
def catalog(lang: str) -> dict:
    """msgid -> msgstr of every current (translated, not fuzzy) message of translations/<lang>/*.po."""
    if lang == DEFAULT:
        return {}
    from babel.messages.pofile import read_po  # Babel comes with Material; pinned in requirements.txt

    table: dict = {}
    for path in sorted((UI_CATALOGS / lang).glob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle, abort_invalid=True):
                if message.id and message.string and not message.fuzzy and isinstance(message.id, str):
                    table[message.id] = message.string
    return table


def translator(lang: str):
    """A gettext-like function for `lang`: the translated string, or the English one."""
    table = catalog(lang)
    return lambda message: table.get(message, message)


def plural_translator(lang: str):
    """An ngettext-like function for `lang` (English and Spanish both say "1 x", "2 xs")."""
    translate = translator(lang)
    return lambda singular, plural, count: translate(singular if count == 1 else plural)


def N_(message: str) -> str:
    """Marks a string for the catalog (ui_catalog.py finds it) without translating it: for tables
    built at import time, whose strings are translated with gettext where they are used."""
    return message


# ---- dates and numbers, from Babel's locale data (formats.py puts the record's in words) ----

def format_day(day: dt.date, lang: str, short: bool = False) -> str:
    from babel.dates import format_skeleton

    return format_skeleton("yMMMd" if short else "yMMMMd", day, locale=lang)


def format_month(day: dt.date, lang: str, short: bool = False) -> str:
    from babel.dates import format_skeleton

    return format_skeleton("yMMM" if short else "yMMMM", day, locale=lang)


def format_interval(start: dt.date, end: dt.date, precision: str, lang: str, short: bool = False) -> str:
    """A span of days or months as the language writes it ('24–30 de noviembre de 2025')."""
    from babel.dates import format_interval as babel_interval

    skeleton = {"day": "yMMMd" if short else "yMMMMd", "month": "yMMM" if short else "yMMMM"}.get(precision, "y")
    return babel_interval(start, end, skeleton, locale=lang)


def format_number(value: float, lang: str) -> str:
    """A number in the language's form: 4,5 millones; 21; 1.234."""
    from babel.numbers import format_compact_decimal, format_decimal

    if abs(value) >= 1_000_000:
        return format_compact_decimal(value, format_type="long", locale=lang, fraction_digits=2)
    return format_decimal(value, locale=lang)
