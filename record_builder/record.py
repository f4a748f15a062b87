"""Stage 3, resolve: turn validated files into one linked, sorted, in-memory record.

References become objects, every list is put in a stable order, and each thing
knows where it is used (an actor knows its events, a legal question its positions),
so the templates only read and never look anything up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .dates import FuzzyDate
from .schema import ACTOR, LEGAL, SOURCE
from .validate import Checked


@dataclass(eq=False)
class Actor:
    id: str
    name: str
    aliases: list
    kind: str
    country: str | None
    unnamed: bool
    yaml_path: str
    part_of: "Actor | None" = None
    parts: list = field(default_factory=list)
    roles: list = field(default_factory=list)  # [ActorRole]
    events: list = field(default_factory=list)
    statements_by: list = field(default_factory=list)
    statements_about: list = field(default_factory=list)
    figures_reported: list = field(default_factory=list)
    legal_points: list = field(default_factory=list)


@dataclass(eq=False)
class LegalQuestion:
    id: str
    title: str
    question: str
    order: int
    yaml_path: str
    related: list = field(default_factory=list)
    points: list = field(default_factory=list)
    positions: list = field(default_factory=list)  # Statements
    events: list = field(default_factory=list)
    sources: list = field(default_factory=list)

    def points_of(self, aspect: str) -> list:
        return [p for p in self.points if p.aspect == aspect]

    def positions_by_party(self) -> list:
        """[(actor, [statements])] in order of each party's first position."""
        parties: dict = {}
        for statement in self.positions:
            parties.setdefault(statement.by, []).append(statement)
        return list(parties.items())


@dataclass(eq=False)
class Source:
    id: str
    title: str
    title_is_ours: bool
    publisher: str | None
    kind: str
    published: FuzzyDate | None
    language: str
    url: str | None
    url_note: str | None
    origin: object
    summary: str
    notes: str | None
    yaml_path: str
    actor_roles: list = field(default_factory=list)
    accounts: list = field(default_factory=list)
    statements: list = field(default_factory=list)
    figures: list = field(default_factory=list)
    legal_points: list = field(default_factory=list)
    corrections: list = field(default_factory=list)  # schema.CORRECTION entries, oldest first

    def sort_key(self) -> tuple:
        return (self.published is None, self.published.sort_key() if self.published else (), self.id)


@dataclass(eq=False)
class ActorRole:
    source: Source
    actor: Actor
    role: str
    named_as: list


@dataclass(eq=False)
class Account:
    """One source's account of an event."""

    source: Source
    event: "Event"
    title: str
    date: FuzzyDate
    summary: str
    place: str | None
    actors: list
    according_to: list
    legal: list


@dataclass(eq=False)
class Event:
    id: str
    accounts: list = field(default_factory=list)
    statements: list = field(default_factory=list)
    figures: list = field(default_factory=list)
    legal_points: list = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.accounts[0].title

    @property
    def date(self) -> FuzzyDate:
        """The earliest account's date: where the event sits on the timeline."""
        return min((a.date for a in self.accounts), key=FuzzyDate.sort_key)

    @property
    def dates_differ(self) -> bool:
        return len({a.date.text for a in self.accounts}) > 1

    def dated_accounts(self) -> list:
        """[(date, [sources giving it])] for each distinct date the accounts give, earliest first."""
        by_date: dict = {}
        for account in self.accounts:
            by_date.setdefault(account.date.text, (account.date, []))[1].append(account.source)
        return sorted(by_date.values(), key=lambda pair: pair[0].sort_key())

    @property
    def actors(self) -> list:
        return _unique(actor for account in self.accounts for actor in account.actors)

    @property
    def legal(self) -> list:
        return _unique(q for account in self.accounts for q in account.legal)

    @property
    def sources(self) -> list:
        return _unique(a.source for a in self.accounts)

    def sort_key(self) -> tuple:
        return (self.date.sort_key(), self.id)


@dataclass(eq=False)
class Statement:
    source: Source
    number: int  # 1-based position in its source, for a stable anchor
    by: Actor
    via: Actor | None
    date: FuzzyDate
    kind: str
    said: str
    quote: str | None
    event: Event | None
    about: list
    legal: list

    @property
    def anchor(self) -> str:
        return f"statement-{self.number}"

    def sort_key(self) -> tuple:
        return (self.date.sort_key(), self.source.sort_key(), self.number)


@dataclass(eq=False)
class Figure:
    source: Source
    number: int
    measure: "Measure"
    label: str
    value: float
    value_max: float | None
    qualifier: str
    unit: str | None
    as_of: FuzzyDate
    reported_by: Actor
    via: Actor | None
    event: Event | None
    note: str | None

    def amount(self) -> str:
        """The figure in words and digits, e.g. 'more than 80' or '7 miles'."""
        number = _number(self.value)
        if self.value_max is not None:
            number = f"{number}–{_number(self.value_max)}"
        words = {"exactly": "", "at-least": "at least ", "more-than": "more than ", "about": "about ",
                 "up-to": "up to "}[self.qualifier]
        unit = f" {self.unit}" if self.unit else ""
        return f"{words}{number}{unit}"

    def sort_key(self) -> tuple:
        return (self.as_of.sort_key(), self.source.sort_key(), self.number)


@dataclass(eq=False)
class Measure:
    id: str
    figures: list = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.figures[0].label


@dataclass(eq=False)
class LegalPoint:
    source: Source
    question: LegalQuestion
    aspect: str
    point: str
    by: list
    quote: str | None
    quote_by: Actor | None
    event: Event | None


@dataclass
class Record:
    sources: list
    actors: list
    legal: list
    events: list
    measures: list

    def events_by_month(self) -> list:
        """[(YYYY-MM, [events])] in time order."""
        months: dict = {}
        for event in self.events:
            months.setdefault(event.date.month_key(), []).append(event)
        return list(months.items())


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def _unique(items) -> list:
    seen, result = set(), []
    for item in items:
        if id(item) not in seen:
            seen.add(id(item))
            result.append(item)
    return result


def build_record(checked: Checked) -> Record:
    actors = {}
    for loaded in checked.files["actors"]:
        e = ACTOR.build(loaded.data)
        actors[e.id] = Actor(e.id, e.name, e.aliases, e.kind, e.country, bool(e.unnamed), loaded.path)
    for loaded in checked.files["actors"]:
        parent = loaded.data.get("part_of")
        if parent:
            actors[loaded.data["id"]].part_of = actors[parent]
            actors[parent].parts.append(actors[loaded.data["id"]])
    legal = {}
    for loaded in checked.files["legal"]:
        e = LEGAL.build(loaded.data)
        legal[e.id] = LegalQuestion(e.id, e.title, e.question, e.order if e.order is not None else 1_000_000,
                                    loaded.path)
    for loaded in checked.files["legal"]:
        legal[loaded.data["id"]].related = [legal[i] for i in loaded.data.get("related") or []]

    built = [(loaded, SOURCE.build(loaded.data)) for loaded in checked.files["sources"]]
    sources = []
    for loaded, e in built:
        sources.append(Source(e.id, e.title, bool(e.title_is_ours), e.publisher, e.kind, e.published, e.language,
                              e.url, e.url_note, e.origin, e.summary, e.notes, loaded.path,
                              corrections=e.corrections))
    order = sorted(range(len(sources)), key=lambda i: sources[i].sort_key())
    sources = [sources[i] for i in order]
    built = [built[i] for i in order]

    events: dict = {}
    # Accounts first, so statements and figures in any source can point at any event.
    for source, (_, e) in zip(sources, built):
        for a in e.events:
            event = events.setdefault(a.event, Event(a.event))
            account = Account(source, event, a.title, a.date, a.summary, a.place,
                              [actors[i] for i in a.actors], [actors[i] for i in a.according_to],
                              [legal[i] for i in a.legal])
            event.accounts.append(account)
            source.accounts.append(account)
    measures: dict = {}
    for source, (_, e) in zip(sources, built):
        _attach_source_details(source, e, actors, legal, events, measures)

    for event in events.values():
        for actor in event.actors:
            actor.events.append(event)
        for question in event.legal:
            question.events.append(event)
    for question in legal.values():
        question.sources = _unique(
            [p.source for p in question.points] + [s.source for s in question.positions]
            + [a.source for ev in question.events for a in ev.accounts if question in a.legal])
        question.sources.sort(key=Source.sort_key)
    event_key = _sort_everything(actors, legal, events, measures)
    return Record(
        sources=sources,
        actors=sorted(actors.values(), key=lambda a: (a.name.casefold(), a.id)),
        legal=sorted(legal.values(), key=lambda q: (q.order, q.id)),
        events=sorted(events.values(), key=lambda e: event_key[id(e)]),
        measures=sorted(measures.values(), key=lambda m: m.id),
    )


def _attach_source_details(source, e, actors, legal, events, measures) -> None:
    for r in e.actors:
        role = ActorRole(source, actors[r.actor], r.role, r.named_as)
        source.actor_roles.append(role)
        actors[r.actor].roles.append(role)
    for number, s in enumerate(e.statements, 1):
        statement = Statement(source, number, actors[s.by], actors.get(s.via), s.date, s.kind, s.said, s.quote,
                              events.get(s.event), [actors[i] for i in s.about], [legal[i] for i in s.legal])
        source.statements.append(statement)
        statement.by.statements_by.append(statement)
        for actor in statement.about:
            actor.statements_about.append(statement)
        for question in statement.legal:
            question.positions.append(statement)
        if statement.event:
            statement.event.statements.append(statement)
    for number, f in enumerate(e.figures, 1):
        measure = measures.setdefault(f.measure, Measure(f.measure))
        figure = Figure(source, number, measure, f.label, f.value, f.value_max, f.qualifier or "exactly", f.unit,
                        f.as_of, actors[f.reported_by], actors.get(f.via), events.get(f.event), f.note)
        measure.figures.append(figure)
        source.figures.append(figure)
        figure.reported_by.figures_reported.append(figure)
        if figure.event:
            figure.event.figures.append(figure)
    for p in e.legal_points:
        point = LegalPoint(source, legal[p.question], p.aspect, p.point, [actors[i] for i in p.by], p.quote,
                           actors.get(p.quote_by), events.get(p.event))
        source.legal_points.append(point)
        point.question.points.append(point)
        for actor in point.by:
            actor.legal_points.append(point)
        if point.event:
            point.event.legal_points.append(point)


def _sort_everything(actors, legal, events, measures) -> None:
    # Each thing's sort key is worked out once: an event sits in the lists of many actors and
    # questions, and its key (the earliest of its accounts' dates) is not cheap.
    event_key = {id(e): e.sort_key() for e in events.values()}
    statement_key, figure_key = {}, {}
    for actor in actors.values():
        for statement in actor.statements_by:
            statement_key[id(statement)] = statement.sort_key()
        for figure in actor.figures_reported:
            figure_key[id(figure)] = figure.sort_key()
    # Every statement has an author and every figure a reporter, so the keys above cover all.
    by_event = lambda e: event_key[id(e)]  # noqa: E731
    by_statement = lambda s: statement_key[id(s)]  # noqa: E731
    by_figure = lambda f: figure_key[id(f)]  # noqa: E731
    for actor in actors.values():
        actor.events.sort(key=by_event)
        actor.statements_by.sort(key=by_statement)
        actor.statements_about.sort(key=by_statement)
        actor.figures_reported.sort(key=by_figure)
        actor.parts.sort(key=lambda a: a.id)
    for question in legal.values():
        question.events.sort(key=by_event)
        question.positions.sort(key=by_statement)
    for event in events.values():
        event.statements.sort(key=by_statement)
        event.figures.sort(key=by_figure)
    for measure in measures.values():
        measure.figures.sort(key=by_figure)
    return event_key
