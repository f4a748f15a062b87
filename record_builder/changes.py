"""The record over time: when each page's content last changed, the record's version, and
its history of additions and corrections (the corrections page, the Atom feed, CITATION.cff).

Everything comes from the YAML, never from the clock or from files' times, so the same
seeds give the same pages:
- a source changed when it was published (its addition to the record: the sources carry
  no other date) and on the day of each of its corrections;
- a page's content last changed on the latest of those dates among the sources it cites
  (every statement on a page links to its source page, and links.Links notes each such
  link as the page renders); a page
  that cites no source (the home page, the section indexes) changed with the record;
- the record's version is the day of its latest change.
An undated source adds no date: the record does not know when it came, only what it says.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import locations
from .dates import FuzzyDate
from .formats import date_label
from .model import Record, Source

_PLACEHOLDER_KINDS = ("media", "compilation")  # an unnamed publisher or a compilation stands for a source


@dataclass(frozen=True)
class Change:
    """One dated entry of the record's history."""

    date: FuzzyDate
    kind: str  # "addition" or "correction"
    source: Source
    number: int = 0  # the correction's position in its source, from 1; 0 for an addition
    what: str = ""
    why: str = ""

    @property
    def anchor(self) -> str:
        return f"{self.source.id}-correction-{self.number}" if self.kind == "correction" else self.source.id

    def sort_key(self) -> tuple:
        # Newest first; on one day, corrections before additions, then by source and number.
        return (self.date.sort_key(), self.kind == "correction", self.source.sort_key(), self.number)


def history(record: Record) -> list[Change]:
    """Every dated addition and correction, newest first."""
    changes = []
    for source in record.sources:
        if source.published is not None:
            changes.append(Change(source.published, "addition", source))
        for number, correction in enumerate(source.corrections, 1):
            changes.append(Change(correction.date, "correction", source, number, correction.what, correction.why))
    return sorted(changes, key=Change.sort_key, reverse=True)


def corrections(record: Record) -> list[Change]:
    return [change for change in history(record) if change.kind == "correction"]


def _latest(dates) -> FuzzyDate | None:
    return max(dates, key=FuzzyDate.sort_key, default=None)


def source_changed(source: Source) -> FuzzyDate | None:
    dates = [c.date for c in source.corrections]
    if source.published is not None:
        dates.append(source.published)
    return _latest(dates)


def version_date(record: Record) -> FuzzyDate | None:
    """The record's latest change."""
    return _latest(filter(None, (source_changed(s) for s in record.sources)))


def version(record: Record) -> str:
    """The record's version: the first day its latest change could have been (YYYY-MM-DD)."""
    latest = version_date(record)
    return latest.sort_key()[0] if latest is not None else "undated"


class PageDates:
    """The `updated:` line of each generated page's front matter."""

    def __init__(self, record: Record):
        self._changed = {s.id: source_changed(s) for s in record.sources}
        self._record = version_date(record)
        self._placeholders = {a.id for a in record.actors if a.kind == "compilation"
                              or (a.unnamed and a.kind in _PLACEHOLDER_KINDS)}

    def front_matter(self, here: str, cited: set, lang: str) -> str:
        """Front matter lines for the page at `here` (relative to docs/), which cites the sources
        whose ids are `cited` (links.Links notes them as the page renders), in `lang`."""
        lines = ""
        changed = self.changed(cited)
        if changed is not None:
            lines += f'updated: "{date_label(changed, lang)}"\n'
        if locations.record_of(here) in {("actor", ident) for ident in self._placeholders}:
            lines += "search_rank: low\n"  # a stand-in for a source's author: see plugin/record_site/search_budget.py
        return lines

    def state(self) -> tuple:
        """All the dates can depend on, for incremental.py to tell whether they changed."""
        return sorted(self._changed.items()), self._record, sorted(self._placeholders)

    def changed(self, cited: set) -> FuzzyDate | None:
        if not cited:
            return self._record
        return _latest(filter(None, (self._changed.get(i) for i in cited)))
