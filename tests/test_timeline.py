"""The timeline's order when no source states one: by day within a month, loose dates after."""

from __future__ import annotations

from types import SimpleNamespace

from record_builder.dates import parse_date
from record_builder.timeline import Entry, timeline_entries


def _event(ident: str, date: str) -> SimpleNamespace:
    return SimpleNamespace(id=ident, date=parse_date(date), after=[], sources=[])


def _order(*dated: tuple[str, str]) -> list[str]:
    return [entry.anchor for entry in timeline_entries([_event(i, d) for i, d in dated], [])]


def test_a_month_only_date_stands_after_the_days_of_its_month():
    # 'September' says nothing of the day: sorted as the 1st it would read as earlier than '2 September'.
    assert _order(("month", "2025-09"), ("day", "2025-09-02"), ("later-day", "2025-09-20"),
                  ("next-month", "2025-10-01")) == ["day", "later-day", "month", "next-month"]


def test_on_or_before_a_day_stands_in_a_band_after_that_days_month():
    """Known only as on or before 10 October, it may be from any time before: not filed under
    October among what happened in October, but in a band of its own after it."""
    assert _order(("exact", "2025-10-10"), ("bounded", "../2025-10-10"), ("earlier", "2025-10-09"),
                  ("later", "2025-10-20")) == ["earlier", "exact", "later", "bounded"]


def test_a_stated_order_overrides_the_dates():
    first, second = _event("cause", "2025-09"), _event("effect", "2025-09-02")
    second.after = [SimpleNamespace(earlier=first)]
    assert [e.anchor for e in timeline_entries([second, first], [])] == ["cause", "effect"]


def test_entries_stand_under_the_month_of_their_placement_day():
    entries = timeline_entries([_event("a", "2025-09"), _event("b", "../2025-10-10")], [])
    assert [(e.anchor, e.month) for e in entries] == [("a", "2025-09"), ("b", "2025-10-10")]  # b: a band
    assert all(isinstance(e, Entry) for e in entries)
