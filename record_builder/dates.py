"""Dates that carry their precision.

A date in the YAML is ISO 8601 text of one of these forms:

| form | example | meaning |
|---|---|---|
| day | `2025-09-02` | that day |
| month | `2025-11` | some day in that month |
| year | `2025` | some day in that year |
| span | `2025-11-24/2025-11-30` | some time between the two, both included |
| open start | `../2025-10-31` | on or before |
| open end | `2025-11/..` | on or after |

The ends of a span may themselves be days, months or years (ISO 8601-2 style).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_POINT = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]


class DateError(ValueError):
    """The text is not a date of an accepted form; the message says why."""


@dataclass(frozen=True)
class Point:
    """A day, month or year, with the first and last day it covers."""

    text: str
    precision: str  # "day" | "month" | "year"
    first: dt.date
    last: dt.date

    def label(self, with_year: bool = True, short: bool = False) -> str:
        year = f" {self.first.year}" if with_year else ""
        month = MONTHS[self.first.month - 1][:3] if short else MONTHS[self.first.month - 1]
        if self.precision == "day":
            return f"{self.first.day} {month}{year}"
        if self.precision == "month":
            return f"{month}{year}"
        return str(self.first.year)


def parse_point(text: str) -> Point:
    match = _POINT.match(text)
    if not match:
        raise DateError("expected a date like 2025-09-02, 2025-09 or 2025")
    year, month, day = match.groups()
    y = int(year)
    if y < 1:
        raise DateError("there is no year 0000 (the calendar's years run from 0001 to 9999)")
    if month is None:
        return Point(text, "year", dt.date(y, 1, 1), dt.date(y, 12, 31))
    m = int(month)
    if not 1 <= m <= 12:
        raise DateError(f"there is no month {m} (months run from 01 to 12)")
    days_in_month = calendar.monthrange(y, m)[1]
    if day is None:
        return Point(text, "month", dt.date(y, m, 1), dt.date(y, m, days_in_month))
    d = int(day)
    if not 1 <= d <= days_in_month:
        raise DateError(f"{MONTHS[m - 1]} {y} has no day {d} (it has {days_in_month} days)")
    return Point(text, "day", dt.date(y, m, d), dt.date(y, m, d))


@dataclass(frozen=True)
class FuzzyDate:
    """A date with its precision; `start`/`end` are the points bounding it (None when open)."""

    text: str
    start: Point | None
    end: Point | None
    approximate: bool = False
    derived: str | None = None

    @property
    def precision(self) -> str:
        if self.start is None:
            return "on or before"
        if self.end is None:
            return "on or after"
        if self.start is self.end:
            return self.start.precision
        return "span"

    @property
    def earliest(self) -> dt.date | None:
        return self.start.first if self.start else None

    @property
    def latest(self) -> dt.date | None:
        return self.end.last if self.end else None

    def sort_key(self) -> tuple:
        """Earliest possible day first; a wider date before a narrower one starting the same day."""
        key = self.__dict__.get("_sort_key")
        if key is None:  # worked out once: every list of the record is sorted by dates
            first = self.earliest or self.latest
            last = self.latest or self.earliest
            assert first is not None and last is not None  # a date has a start, an end or both
            key = (first.isoformat(), -(last - first).days, self.text)
            object.__setattr__(self, "_sort_key", key)  # frozen, but not part of the value (eq, hash, repr)
        return key

    def label(self, short: bool = False) -> str:
        """The date in English words, the record's house style: '2 September 2025', 'on or before
        10 October 2025', '24–30 November 2025' ('(approximate)' after an approximate one); short,
        for citations: '10 Oct 2025', 'by 10 Oct 2025', 'c. 24–30 Nov 2025'. Other languages'
        words are the render stage's (formats.py)."""
        key = "_short" if short else "_label"
        text = self.__dict__.get(key)
        if text is None:  # worked out once: the pages print each date many times
            text = self._plain_label(short)
            if self.approximate:
                text = f"c. {text}" if short else f"{text} (approximate)"
            object.__setattr__(self, key, text)  # frozen, but not part of the value
        return text

    def short_label(self) -> str:
        return self.label(short=True)

    def _plain_label(self, short: bool = False) -> str:
        before, after, dash = ("by", "from", "–") if short else ("on or before", "on or after", " – ")
        if self.start is None:
            assert self.end is not None
            return f"{before} {self.end.label(short=short)}"
        if self.end is None:
            return f"{after} {self.start.label(short=short)}"
        if self.start is self.end:
            return self.start.label(short=short)
        a, b = self.start, self.end
        if a.precision == b.precision == "day" and (a.first.year, a.first.month) == (b.first.year, b.first.month):
            return f"{a.first.day}–{b.label(short=short)}"
        if a.first.year == b.first.year and a.precision != "year" and b.precision != "year":
            return f"{a.label(with_year=False, short=short)}{dash}{b.label(short=short)}"
        return f"{a.label(short=short)}{dash}{b.label(short=short)}"


# Every date is parsed when it is checked, again when a source's dates are compared with its
# publication, and again when the record is built: the same few thousand texts, tens of
# thousands of times. FuzzyDate and Point are frozen, so one parsed value can be shared.
_PARSED: dict = {}
_PARSED_MAX = 100_000  # a bound for long-running callers (property tests); a record has far fewer dates


def parse_date(text: str, approximate: bool = False, derived: str | None = None) -> FuzzyDate:
    key = (text, approximate, derived, type(derived))  # a translation awaiting its turn (Pending) stays one
    found = _PARSED.get(key)
    if found is None:
        found = _parse_date(text, approximate, derived)  # a DateError is raised, and not remembered
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.clear()
        _PARSED[key] = found
    return found


def _parse_date(text: str, approximate: bool, derived: str | None) -> FuzzyDate:
    other = _other_form(text)
    if other:
        raise DateError(other)
    if "/" not in text:
        point = parse_point(text)
        return FuzzyDate(text, point, point, approximate, derived)
    left, _, right = text.partition("/")
    if "/" in right:
        raise DateError("expected a date like 2025-12-01, or a span with exactly one '/' like 2025-11-24/2025-11-30")
    if left == ".." and right == "..":
        raise DateError("a span needs at least one known end")
    start = None if left == ".." else parse_point(left)
    end = None if right == ".." else parse_point(right)
    if start and end and end.last < start.first:
        raise DateError(f"the span ends ({right}) before it starts ({left})")
    if start and end and start.first == end.first and start.last == end.last:
        raise DateError(f"both ends of the span are the same; write just {left}")
    return FuzzyDate(text, start, end, approximate, derived)


# Dates as people write them by hand: 1/12/2025, 01.12.2025, 2025/12/01, 12/2025, 2025-1-5.
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_YEAR_MONTH_DAY = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.](\d{4})$")
_UNPADDED = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")


def _other_form(text: str) -> str | None:
    """For a date written in another common form, what the schema expects and how to write it; else None."""
    match = _DAY_MONTH_YEAR.match(text)
    if match:
        first, second, year = (int(g) for g in match.groups())
        readings = {}  # ISO text -> how the slashes were read
        for order, (day, month) in (("day/month/year", (first, second)), ("month/day/year", (second, first))):
            iso = _iso(year, month, day)
            if iso:
                readings.setdefault(iso, order)
        if len(readings) == 2:
            (a, order_a), (b, order_b) = readings.items()
            return (f"expected a date like 2025-12-01 (year-month-day); as {order_a} this is {_spoken(a)} "
                    f"(write {a}), as {order_b} {_spoken(b)} (write {b}): check which the source means")
        if readings:
            (iso, order), = readings.items()
            read = "" if first == second else f"read as {order}, "
            return f"expected a date like 2025-12-01 (year-month-day); {read}this is {_spoken(iso)}: write {iso}"
        return "expected a date like 2025-12-01 (year-month-day); this is not a day and month in either order"
    match = _YEAR_MONTH_DAY.match(text) or _UNPADDED.match(text)
    if match and not _POINT.match(text):
        year, month = int(match.group(1)), int(match.group(2))
        day = int(match.group(3)) if match.group(3) else None
        iso = _iso(year, month, day) if day else (f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None)
        if iso:
            return f"expected a date like 2025-12-01 (year-month-day, with '-' and two-digit months and days): write {iso}"
    match = _MONTH_YEAR.match(text)
    if match and 1 <= int(match.group(1)) <= 12:
        iso = f"{int(match.group(2)):04d}-{int(match.group(1)):02d}"
        return f"expected a month like 2025-12 (year-month): write {iso}"
    return None


def _iso(year: int, month: int, day: int) -> str | None:
    if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _spoken(iso: str) -> str:
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{day} {MONTHS[month - 1]} {year}"
