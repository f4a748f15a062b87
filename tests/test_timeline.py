"""The timeline's order when no source states one: by day within a month, loose dates after."""

from __future__ import annotations

from types import SimpleNamespace

from record_builder.dates import parse_date
from record_builder.timeline import Entry, timeline_entries
from support import run_build


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


# ---- monthly summaries (seeds/overview/home.yaml, months) -----------------------------------------

OVERVIEW = """\
id: home
lead:
  - sentences:
      - text: Something happened.
        sources: [example-news-2025-10-01]
months:
{months}"""


def _month(month: str, text: str) -> str:
    return f"  - month: {month}\n    sentences:\n      - text: {text}\n        sources: [example-news-2025-10-01]\n"


def test_a_month_opens_with_its_summary_cited(corpus):
    (corpus / "seeds/overview").mkdir()
    (corpus / "seeds/overview/home.yaml").write_text(
        OVERVIEW.format(months=_month("2025-09", "In September the example took place, the ministry says.")),
        encoding="utf-8")
    assert run_build(corpus).code == 0
    timeline = (corpus / "docs/timeline.md").read_text(encoding="utf-8")
    opening = timeline.split("## September 2025\n", 1)[1].lstrip("\n").split("\n", 1)[0]
    assert opening.startswith("In September the example took place, the ministry says. ")
    assert "(sources/example-news-2025-10-01.md)" in opening


def test_a_month_summary_for_a_month_the_timeline_lacks_is_refused(corpus):
    (corpus / "seeds/overview").mkdir()
    (corpus / "seeds/overview/home.yaml").write_text(OVERVIEW.format(
        months=_month("2025-09", "One.") + _month("2025-09", "Two.") + _month("2025-12", "Three.")), encoding="utf-8")
    result = run_build(corpus)
    assert result.lines == [
        "seeds/overview/home.yaml:11:12: months[1].month: 2025-09 has a summary already (months[0]); one per month",
        "seeds/overview/home.yaml:15:12: months[2].month: no event or statement is dated in 2025-12, so the timeline"
        " has no such month to open (months with dated entries: 2025-09, 2025-10)",
        "2 problems found in 1 file; nothing was written."]


def test_entries_dated_only_to_the_month_are_told_apart_at_the_end_of_it():
    from record_builder.timeline import loose_tail

    entries = timeline_entries([_event("day", "2025-09-02"), _event("month", "2025-09"),
                                _event("weeks", "2025-09-05/2025-10-20"), _event("later", "2025-09-20")], [])
    assert [e.anchor for e in entries] == ["day", "later", "month", "weeks"]
    assert loose_tail(entries) == 2  # "weeks" and "month": after the heading that says they give no day
    assert loose_tail(entries[:2]) == 2  # no such entry, no such heading
