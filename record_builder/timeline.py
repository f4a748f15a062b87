"""The timeline's order: cause before effect, then time.

Every event and every statement has a place on the timeline: a statement under its
event, or, when it belongs to none, on its own date. What has no date at all goes to
an undated section at the end; nothing is dated by its neighbours.

The order comes from two things, in this priority:
1. the order the sources state (an event's `after`): an event is never placed before
   one it is said to follow, whatever the precision of the two dates;
2. the dates: each entry sits in the month of its placement day, dated entries by day and
   then those dated only to the month or wider (see `placement_key`), ties broken by the
   narrower date first, then events before loose statements, then by source; an entry
   known only as on or before a day is under no month, but in a band of its own after
   that day's month ("Reported by 10 October 2025"), since it may be from any time before.
A stable topological sort (Kahn's algorithm, taking the earliest-placed ready entry
each time) gives an order that satisfies 1 and otherwise follows 2.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .dates import FuzzyDate

if TYPE_CHECKING:  # the record's model is built with this module
    from .model import Event, Statement


OPEN_END = 10**6  # days: wider than any real date, for sorting


@dataclass(eq=False)
class Entry:
    """One item of the timeline: an event (with its statements), or a statement that belongs
    to no event. `month` is the section it stands under: a month (YYYY-MM), a band of what is
    known only as on or before a day (YYYY-MM-DD), or None in the undated section."""

    event: Event | None = None
    statement: Statement | None = None
    month: str | None = None

    @property
    def date(self) -> FuzzyDate | None:
        return self.event.date if self.event is not None else self.loose.date

    @property
    def anchor(self) -> str:
        return self.event.id if self.event is not None else self.loose.anchor

    @property
    def loose(self) -> Statement:
        """The statement of an entry that is no event: an entry is one or the other."""
        assert self.statement is not None
        return self.statement


def placement_day(date: FuzzyDate):
    """The day an entry is placed at. A date with a known start sits at its start; one known
    only as 'on or before' a day sits at that day, the first day the sources vouch for it."""
    return date.earliest or date.latest


WIDE = 27  # days: a date this loose (a month, or a span of weeks) says nothing of the day


def _width(date: FuzzyDate) -> int:
    """How many days a date spans after its first: OPEN_END when it has no end, -1 when it has
    no start (known only as on or before a day)."""
    if date.earliest is None:
        return -1
    return (date.latest - date.earliest).days if date.latest else OPEN_END


def placement_key(entry: Entry) -> tuple:
    """Where an entry sorts when no stated order decides. Within the month of its placement day:
    1. entries dated to a day or a narrow span, by that day;
    2. then entries dated only to the month or a wider span, which say nothing of the day: sorted
       as if on the 1st, 'September 2025' would stand before '2 September', as if known earlier;
    3. then entries known only as 'on or before' a day of that month, by that day: they may be
       from any time before it, so they stand in a band of their own after the month."""
    date = entry.date
    assert date is not None  # undated entries are placed apart (timeline_entries)
    day = placement_day(date)
    width = _width(date)
    loose = 2 if date.earliest is None else 1 if width >= WIDE else 0
    is_statement = entry.event is None
    tie = (entry.loose.source.sort_key(), entry.loose.number) if is_statement else ((), 0)
    return (f"{day.year:04d}-{day.month:02d}", loose, day.isoformat(), width, is_statement, tie, entry.anchor)


def timeline_entries(events: list, sources: list) -> list[Entry]:
    """Every event and every statement without an event, in timeline order, undated ones last."""
    dated, undated = [], []
    for event in events:
        (dated if event.date is not None else undated).append(Entry(event=event))
    for source in sources:
        for statement in source.statements:
            if statement.event is None:
                (dated if statement.date is not None else undated).append(Entry(statement=statement))
    ordered = _cause_before_effect(dated)
    _set_months(ordered)
    undated.sort(key=_undated_key)
    return ordered + undated


def _cause_before_effect(entries: list[Entry]) -> list[Entry]:
    keys = {id(e): placement_key(e) for e in entries}
    by_event = {e.event.id: e for e in entries if e.event is not None}
    later: dict = {}  # id(entry) -> entries stated to come after it
    waiting: dict = {id(e): 0 for e in entries}  # how many stated predecessors are not placed yet
    for entry in entries:
        if entry.event is None:
            continue
        for earlier in {order.earlier.id for order in entry.event.after}:
            before = by_event.get(earlier)
            if before is None or before is entry:  # undated: it is in the undated section anyway
                continue
            later.setdefault(id(before), []).append(entry)
            waiting[id(entry)] += 1
    ready = [(keys[id(e)], index, e) for index, e in enumerate(entries) if not waiting[id(e)]]
    heapq.heapify(ready)
    ordered = []
    while ready:
        _, _, entry = heapq.heappop(ready)
        ordered.append(entry)
        for follower in later.get(id(entry), ()):
            waiting[id(follower)] -= 1
            if not waiting[id(follower)]:
                heapq.heappush(ready, (keys[id(follower)], id(follower), follower))
    # Validation refuses circles; should one get through, its entries still appear, by date.
    placed = {id(e) for e in ordered}
    ordered += sorted((e for e in entries if id(e) not in placed), key=lambda e: keys[id(e)])
    return ordered


def _set_months(ordered: list[Entry]) -> None:
    """Each entry stands under the month of its placement day, or under the month already
    reached when the order the sources state carries it past a later-dated entry. An entry
    known only as on or before a day stands under no month: it is in that day's band
    (YYYY-MM-DD, see is_band), which follows the day's month, since it may have happened at
    any time before that day."""
    reached = ""
    for entry in ordered:
        date = entry.date
        assert date is not None  # only dated entries are ordered
        day = placement_day(date)
        month = f"{day.year:04d}-{day.month:02d}"
        reached = max(reached, month)
        entry.month = day.isoformat() if date.earliest is None else reached


def is_band(key: str | None) -> bool:
    """Whether a timeline section key is a band of entries known only as on or before a day."""
    return key is not None and key.count("-") == 2


def _undated_key(entry: Entry) -> tuple:
    if entry.event is not None:
        return (0, entry.event.sources[0].sort_key(), entry.event.id)
    return (1, entry.loose.source.sort_key(), entry.loose.number)


@dataclass(eq=False)
class DatingNote:
    """How one date of the timeline was worked out, told once on the page however many
    entries rest on the same reasoning (the same `derived` text)."""

    number: int
    text: str
    sources: list  # the sources whose dates rest on it, in order of first use


def dating_notes(entries: list[Entry]) -> dict:
    """derived text -> DatingNote, numbered in the order the page first uses them."""
    notes: dict = {}
    for entry in entries:
        for date, source in _dated_texts(entry):
            if date is None or not date.derived:
                continue
            note = notes.get(date.derived)
            if note is None:
                note = notes[date.derived] = DatingNote(len(notes) + 1, date.derived, [])
            if source not in note.sources:
                note.sources.append(source)
    return notes


def _dated_texts(entry: Entry):
    """(date, source) of everything an entry shows with a date of its own, in the order shown."""
    if entry.event is None:
        yield entry.loose.date, entry.loose.source
        return
    for account in entry.event.accounts:
        yield account.date, account.source
    for statement in entry.event.statements:
        yield statement.date, statement.source


def is_loose(entry: Entry) -> bool:
    """Whether an entry's date says nothing of the day: a month, or a span of weeks or more."""
    return entry.date is not None and _width(entry.date) >= WIDE


def loose_tail(entries: list[Entry]) -> int:
    """Where the run of entries that say nothing of the day starts at the end of a month's
    entries (len(entries) when there is none): the page tells them apart from the days."""
    start = len(entries)
    while start and is_loose(entries[start - 1]):
        start -= 1
    return start

