"""Page layout: which page each piece of the record goes on, so that no page outgrows its budget.

A small record reads best on few pages: the whole timeline on one page, every
statement of an actor on the actor's page. A large one (the benchmark's 10,000
events) would make pages of megabytes, slow to load and to search. So:

- the timeline stays one page while its estimated size is within budget; past it,
  timeline.md becomes an overview of months and each month gets its own page
  (timeline-2025-09.md, and timeline-undated.md for what has no date), split into
  parts when one month is itself too big;
- the lists of an actor, legal-question or figures page (statements, events, positions,
  figures...) show `Budgets.list_limit` items in all, shared among them; past it, each
  list shows its share and links to continuation pages of `Budgets.list_page_size` items.
The budgets are a parameter (render.Pages takes them), so a test lays out a small
record as a large one would be by passing small budgets, not by changing this module.
Continuation pages are named '<page>--<list>-<n>.md': ids never contain '--', so the
names cannot collide with a page of the record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import i18n, locations
from .timeline import is_band

if TYPE_CHECKING:
    from .model import Record
    from .timeline import Entry


@dataclass(frozen=True)
class Budgets:
    """How much one page may hold before it is split."""

    # Estimated Markdown characters on one timeline page: an English page of about 150 KB of
    # HTML, whose Spanish twin with every text still awaiting translation (each marked so)
    # stays under the 300 KB a page may weigh.
    timeline: int = 100_000
    # Items of a page's lists shown on the page itself, all lists together: at 120 a legal
    # question's page of a 10,000-event record weighed 437 KB in Spanish with every text still
    # awaiting translation (each marked so); 75 keeps the worst of them under 300 KB.
    list_limit: int = 75
    list_page_size: int = 150  # items per continuation page
    table_rows: int = 60  # rows of a page's tables (the figures, the sources index), which are larger items


BUDGETS = Budgets()  # the site's


@dataclass
class TimelinePage:
    path: str  # relative to docs/
    title: str
    entries: list  # [timeline.Entry]
    month: str | None = None  # YYYY-MM; None for the one-page timeline and for the undated page
    part: int = 1
    parts: int = 1
    previous: "TimelinePage | None" = None
    next: "TimelinePage | None" = None

    def months(self) -> list:
        """[(section key, [entries], continued)] in the timeline's order: each run of entries of one
        section (a month, a band, None for the undated). A section met again (the order a source
        states carried an entry past a band) is `continued`, so the page never reorders entries."""
        runs: list = []
        seen: set = set()
        for entry in self.entries:
            if runs and runs[-1][0] == entry.month:
                runs[-1][1].append(entry)
            else:
                runs.append((entry.month, [entry], entry.month in seen))
                seen.add(entry.month)
        return runs


@dataclass
class TimelineLayout:
    pages: list  # the pages that carry events
    overview: bool  # True when timeline.md is an overview of month pages
    page_of: dict = field(default_factory=dict)  # event id or statement anchor -> path

    def month_rows(self) -> list:
        """[(month key or None, [pages of that month], number of entries)] for the overview."""
        rows: dict = {}
        for page in self.pages:
            rows.setdefault(page.month, []).append(page)
        return [(month, pages, sum(len(p.entries) for p in pages)) for month, pages in rows.items()]


def estimated_size(entry: Entry) -> int:
    """A cheap estimate of an entry's Markdown on the timeline: its texts plus link overhead."""
    if entry.event is None:
        return _statement_size(entry.statement)
    event = entry.event
    size = 500 + 120 * len(event.actors)
    size += sum(250 + len(a.summary) + len(a.date.derived or "" if a.date else "") for a in event.accounts)
    size += sum(_statement_size(s) for s in event.statements)
    size += sum(300 + len(f.label) + len(f.note or "") + len(f.attribution or "") for f in event.figures)
    return size


def _statement_size(statement) -> int:
    return 400 + len(statement.said) + len(statement.quote or "") + len(statement.unattributed or "")


def _anchors(entry: Entry) -> list:
    """The anchors an entry puts on its page: its own and its statements'."""
    if entry.event is None:
        return [entry.anchor]
    return [entry.anchor] + [s.anchor for s in entry.event.statements]


def timeline_layout(record: Record, budgets: Budgets, lang: str = i18n.DEFAULT) -> TimelineLayout:
    budget = budgets.timeline
    _ = i18n.translator(lang)
    sizes = {id(e): estimated_size(e) for e in record.timeline}
    if sum(sizes.values()) <= budget:
        page = TimelinePage(locations.TIMELINE, _("Timeline"), list(record.timeline))
        return TimelineLayout([page], overview=False,
                              page_of={a: page.path for e in record.timeline for a in _anchors(e)})
    pages = []
    for month, entries in _by_page_month(record.timeline_by_month()):
        groups, current, used = [], [], 0
        for entry in entries:
            if current and used + sizes[id(entry)] > budget:
                groups.append(current)
                current, used = [], 0
            current.append(entry)
            used += sizes[id(entry)]
        groups.append(current)
        for number, group in enumerate(groups, 1):
            pages.append(TimelinePage(locations.timeline_page(month, number, len(groups)), "", group, month, number,
                                      len(groups)))
    for before, after in zip(pages, pages[1:]):
        before.next, after.previous = after, before
    return TimelineLayout(pages, overview=True,
                          page_of={a: p.path for p in pages for e in p.entries for a in _anchors(e)})


def _by_page_month(sections: list) -> list:
    """[(month, entries)]: each band of what is known only as on or before a day (YYYY-MM-DD)
    on its month's pages, after the month's own entries, as the timeline orders them. A page a
    band would make its own holds one or two entries: at 10,000 events there were 1,600 of
    them, and a row each made the overview page weigh 365 KB."""
    months: dict = {}
    for key, entries in sections:
        month = key[:7] if is_band(key) else key
        months.setdefault(month, []).extend(entries)
    return list(months.items())


def shared_limit(lists: list, total: int) -> int | None:
    """Items each list may show when several lists share one page (an actor's lists, a legal
    question's, the figures page) that may show `total` items: all of them while the page
    stays within it; else the largest limit that keeps it there, the short lists showing all
    their items and the long ones an equal share of the rest: none, when there are more lists
    than items to show (a legal question with hundreds of parties), each list then only
    saying where it goes on."""
    lengths = sorted(len(items) for items in lists)
    remaining = total
    for index, length in enumerate(lengths):
        share = remaining // (len(lengths) - index)
        if length > share:
            return share
        remaining -= length
    return None


def share_page(sections: list, budgets: Budgets, total: int | None = None) -> list:
    """The lists of one page, each limited so that the page shows at most `total` items in
    all, the list limit by default (a legal page with twenty parties, each with its
    positions, grew past a megabyte at 10,000 events when each list had the limit to itself)."""
    limit = shared_limit([section.items for section in sections], budgets.list_limit if total is None else total)
    for section in sections:
        section.limit = limit
    return sections


@dataclass
class ListSection:
    """One list of a page: shown in full, or the first items and links to continuation pages."""

    name: str  # e.g. 'statements-by'
    title: str  # e.g. 'Statements'
    items: list
    kind: str  # how an item is drawn: statement, statement-about, event, figure, role, legal-point, position
    base: str  # path of the page that owns the list, relative to docs/
    heading: str = ""  # the owner's name, for continuation page titles
    limit: int | None = None  # items shown on the owning page; None: budgets.list_limit
    party: object = None  # for a list of one party's positions: that party (record.Actor)
    budgets: Budgets = field(kw_only=True)
    continued_in: "SharedContinuation | None" = field(default=None, kw_only=True)  # see SharedContinuation

    @property
    def shown_limit(self) -> int:
        return self.budgets.list_limit if self.limit is None else self.limit

    @property
    def paged(self) -> bool:
        return len(self.items) > self.shown_limit

    @property
    def shown(self) -> list:
        return self.items[:self.shown_limit] if self.paged else self.items

    @property
    def anchor(self) -> str:
        """The id of this list's heading on a shared continuation page."""
        return f"list-{self.name}"

    def links(self) -> list:
        """[(path or path#anchor, first number, last number)]: where the rest of the list is."""
        if self.continued_in is not None:
            return [(f"{path}#{self.anchor}", first, first + len(items) - 1)
                    for path, _number, parts in self.continued_in.pages()
                    for section, first, items in parts if section is self]
        return [(path, first, last) for path, first, last, _items in self.pages()]

    def pages(self) -> list:
        """[(path, first number, last number, items)] of the list's own continuation pages (none
        when it is continued on the pages it shares with others)."""
        if not self.paged or self.continued_in is not None:
            return []
        rest = self.items[self.shown_limit:]
        result = []
        size = self.budgets.list_page_size
        for index in range(0, len(rest), size):
            chunk = rest[index:index + size]
            number = index // size + 2
            first = self.shown_limit + index + 1
            result.append((locations.continuation_page(self.base, self.name, number), first, first + len(chunk) - 1,
                           chunk))
        return result


@dataclass
class SharedContinuation:
    """The rest of several lists of one page, continued together rather than each on pages of
    its own: a legal page's lists by party (each party's positions and points). With hundreds
    of parties, a page for the rest of every party's list made a legal question over a hundred
    pages, most holding a few items. Here the rests follow one another, in the page's order,
    each under its list's heading, on pages of `Budgets.list_page_size` items."""

    name: str  # e.g. 'parties'
    title: str  # e.g. 'Positions of each party'
    base: str  # path of the page that owns the lists, relative to docs/
    heading: str  # the owner's name, for the pages' titles
    sections: list
    budgets: Budgets = field(kw_only=True)

    def __post_init__(self):
        for section in self.sections:
            section.continued_in = self
        self._pages = None

    def pages(self) -> list:
        """[(path, number, [(section, first number in its list, items)])], made once."""
        if self._pages is None:
            self._pages = self._layout()
        return self._pages

    def _layout(self) -> list:
        size = self.budgets.list_page_size
        pages, parts, used = [], [], 0
        for section in self.sections:
            if not section.paged:
                continue
            rest, first = section.items[section.shown_limit:], section.shown_limit + 1
            while rest:
                if used == size:
                    pages.append(parts)
                    parts, used = [], 0
                taken = rest[:size - used]
                parts.append((section, first, taken))
                used += len(taken)
                first += len(taken)
                rest = rest[len(taken):]
        if parts:
            pages.append(parts)
        return [(locations.continuation_page(self.base, self.name, number), number, parts)
                for number, parts in enumerate(pages, 2)]
