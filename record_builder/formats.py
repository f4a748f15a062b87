"""Dates and numbers in words, in the language of the page that prints them.

The model (model.py, dates.py) holds values; these functions put them in words for one
language, given explicitly: the render stage makes its template filters from them, bound to
the language of the pages it renders. English keeps the record's own house style
(dates.FuzzyDate.label); other languages take their forms from Babel's CLDR data
('1 de diciembre de 2025', '24–30 de noviembre de 2025', '4,5 millones').
"""

from __future__ import annotations

import datetime as dt

from . import i18n
from .dates import MONTHS, FuzzyDate, Point

# How each qualifier reads before a number, in another language than English.
QUALIFIER_WORDS = {"exactly": i18n.N_("%(number)s"), "at-least": i18n.N_("at least %(number)s"),
                   "more-than": i18n.N_("more than %(number)s"), "about": i18n.N_("about %(number)s"),
                   "up-to": i18n.N_("up to %(number)s")}
# The messages of an open date, for the catalog's extractor (date_label makes them from their parts).
OPEN_DATE_MESSAGES = (
    i18n.N_("by %(day)s"), i18n.N_("by %(date)s"), i18n.N_("on or before %(day)s"), i18n.N_("on or before %(date)s"),
    i18n.N_("from %(day)s"), i18n.N_("from %(date)s"), i18n.N_("on or after %(day)s"), i18n.N_("on or after %(date)s"))

_LABELS: dict = {}  # (date, lang, short) -> its words: the pages print each date many times


def date_label(date: FuzzyDate, lang: str, short: bool = False) -> str:
    """The date in `lang`'s words; `short` for citations ('10 Oct 2025', 'c. 24–30 Nov 2025')."""
    if lang == i18n.DEFAULT:
        return date.label(short)
    key = (date, lang, short)
    text = _LABELS.get(key)
    if text is None:
        _ = i18n.translator(lang)
        text = _local_label(date, lang, short)
        if date.approximate:
            mark = _("c.") if short else _("approximate")  # outside f-strings, where ui_catalog.py finds them
            text = f"{mark} {text}" if short else f"{text} ({mark})"
        _LABELS[key] = text
    return text


def _local_label(date: FuzzyDate, lang: str, short: bool) -> str:
    # A day and a month or year read differently in an open date ('el 10 de octubre de 2025 o
    # antes', 'octubre de 2025 o antes'), so each has its own message.
    _ = i18n.translator(lang)
    if date.start is None:
        assert date.end is not None  # a date has at least one known end (dates.parse_date)
        key = "day" if date.end.precision == "day" else "date"
        message = f"by %({key})s" if short else f"on or before %({key})s"
        return _(message) % {key: _point(date.end, lang, short)}
    if date.end is None:
        key = "day" if date.start.precision == "day" else "date"
        message = f"from %({key})s" if short else f"on or after %({key})s"
        return _(message) % {key: _point(date.start, lang, short)}
    if date.start is date.end:
        return _point(date.start, lang, short)
    a, b = date.start, date.end
    assert b is not None
    if a.precision == b.precision and a.precision in ("day", "month"):
        return i18n.format_interval(a.first, b.last, a.precision, lang, short)
    return f"{_point(a, lang, short)} – {_point(b, lang, short)}"


def _point(point: Point, lang: str, short: bool) -> str:
    if point.precision == "day":
        return i18n.format_day(point.first, lang, short)
    if point.precision == "month":
        return i18n.format_month(point.first, lang, short)
    return str(point.first.year)


def month_label(year: int, month: int, lang: str) -> str:
    """A month of the timeline: 'November 2025', 'noviembre de 2025'."""
    if lang == i18n.DEFAULT:
        return f"{MONTHS[month - 1]} {year}"
    return i18n.format_month(dt.date(year, month, 1), lang)


def short_day(day: dt.date, lang: str) -> str:
    """A day in a few characters, for a chart's axis: '10 Oct 2025', '10 oct 2025'."""
    if lang == i18n.DEFAULT:
        return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"
    return i18n.format_day(day, lang, short=True)


def count(value: int, lang: str) -> str:
    """A count as the language writes it: 15000 in English's house style, 15.000 in Spanish."""
    return str(value) if lang == i18n.DEFAULT else i18n.format_number(value, lang)


def amount(figure, lang: str) -> str:
    """A figure as the source writes it ('4.5 million', 'at least 21'), with its unit when the
    words do not already carry it: never a precision the source does not give. In another
    language: from its value and qualifier ('al menos 21', '4,5 millones'); with no value
    ('millions'), the source's own words, quoted."""
    if lang == i18n.DEFAULT:
        unit = f" {figure.unit}" if figure.unit and figure.unit.casefold() not in figure.as_written.casefold() else ""
        return f"{figure.as_written}{unit}"
    if figure.value is None:
        words = figure.as_written  # the source's own, marked with its language where the page's differs
        return words.like(f"“{words}”") if hasattr(words, "like") else f"“{words}”"
    number = i18n.format_number(figure.value, lang)
    if figure.value_max is not None:
        number = f"{number}–{i18n.format_number(figure.value_max, lang)}"
    words = i18n.translator(lang)(QUALIFIER_WORDS[figure.qualifier]) if figure.qualifier else "%(number)s"
    unit = f" {figure.unit}" if figure.unit else ""
    return words % {"number": number} + unit
