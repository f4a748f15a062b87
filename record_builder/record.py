"""Stage 3, resolve: turn validated files into one linked, sorted, in-memory record.

References become objects, every list is put in a stable order, and each thing
knows where it is used (an actor knows its events, a legal question its positions),
so the templates only read and never look anything up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import i18n
from .dates import FuzzyDate
from .schema import ACTOR, LEGAL, OVERVIEW, SOURCE
from .timeline import timeline_entries
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
    party: "Actor | None" = None  # whose side it speaks for on legal pages; None: its own
    part_of: "Actor | None" = None
    parts: list = field(default_factory=list)
    roles: list = field(default_factory=list)  # [ActorRole]
    events: list = field(default_factory=list)
    statements_by: list = field(default_factory=list)
    statements_about: list = field(default_factory=list)
    figures_reported: list = field(default_factory=list)
    legal_points: list = field(default_factory=list)
    vias: list = field(default_factory=list)  # statements and figures this actor relayed
    quotes: list = field(default_factory=list)  # LegalPoints quoting this actor

    @property
    def side(self) -> "Actor":
        """The party this actor speaks for: itself unless its file names a `party`."""
        return self.party or self

    @property
    def has_page(self) -> bool:
        """False for an actor the sources only mention in passing and that takes part in nothing:
        it is shown as plain text, without a page of its own."""
        mentioned_only = bool(self.roles) and all(r.in_passing for r in self.roles)
        takes_part = (self.events or self.statements_by or self.statements_about or self.figures_reported
                      or self.legal_points or self.quotes or self.parts or self.vias)
        return not (mentioned_only and not takes_part)


@dataclass(eq=False)
class LegalQuestion:
    id: str
    title: str
    question: str
    order: int | None  # None: after every question that has one
    yaml_path: str
    related: list = field(default_factory=list)
    points: list = field(default_factory=list)
    positions: list = field(default_factory=list)  # Statements
    events: list = field(default_factory=list)
    sources: list = field(default_factory=list)

    def points_of(self, aspect: str) -> list:
        return [p for p in self.points if p.aspect == aspect]

    def positions_by_party(self) -> list:
        """[(party, [statements])] in order of each party's first position; a statement whose
        speaker the source does not name stands under None, last."""
        parties: dict = {}
        for statement in self.positions:
            parties.setdefault(statement.by.side if statement.by else None, []).append(statement)
        return sorted(parties.items(), key=lambda pair: pair[0] is None)


@dataclass(eq=False)
class Source:
    id: str
    title: str
    title_is_ours: bool
    publisher: str | None
    cite_as: str | None
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
    # On a page in another language whose title is a translation: the headline as published
    # (translations.translated_record sets it), shown beside it so the exact words stay in view.
    original_title: str | None = None

    def sort_key(self) -> tuple:
        return (self.published is None, self.published.sort_key() if self.published else (), self.id)


@dataclass(eq=False)
class ActorRole:
    source: Source
    actor: Actor
    role: str
    named_as: list
    in_passing: bool


@dataclass(eq=False)
class Account:
    """One source's account of an event."""

    source: Source
    event: "Event"
    title: str
    date: FuzzyDate | None
    summary: str
    place: str | None
    actors: list
    according_to: list
    legal: list
    kind: str | None
    after: list = field(default_factory=list)  # [Order]


@dataclass(eq=False)
class Order:
    """A source's statement that an event came after another, in its own words."""

    earlier: "Event"
    words: str
    source: Source


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
    def date(self) -> FuzzyDate | None:
        """The earliest dated account's date (None when no account dates it)."""
        dated = [a.date for a in self.accounts if a.date is not None]
        return min(dated, key=FuzzyDate.sort_key) if dated else None

    @property
    def kind(self) -> str | None:
        return next((a.kind for a in self.accounts if a.kind), None)

    @property
    def after(self) -> list:
        """Every stated order [Order] across the accounts."""
        return [order for a in self.accounts for order in a.after]

    @property
    def dates_differ(self) -> bool:
        return len({a.date.text if a.date else None for a in self.accounts}) > 1

    def dated_accounts(self) -> list:
        """[(date or None, [sources giving it])] for each distinct date the accounts give, earliest first."""
        by_date: dict = {}
        for account in self.accounts:
            key = account.date.text if account.date else None
            by_date.setdefault(key, (account.date, []))[1].append(account.source)
        return sorted(by_date.values(), key=lambda pair: date_key(pair[0]))

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
        return (date_key(self.date), self.id)


@dataclass(eq=False)
class Statement:
    source: Source
    number: int  # 1-based position in its source, for a stable anchor
    by: Actor | None  # None when the source does not say who: see `unattributed`
    unattributed: str | None
    via: Actor | None
    date: FuzzyDate | None
    kind: str
    said: str
    quote: str | None
    event: Event | None
    about: list
    legal: list

    @property
    def anchor(self) -> str:
        """Its id on the timeline, where it is printed in full (ids never contain '--')."""
        return f"{self.source.id}--statement-{self.number}"

    def sort_key(self) -> tuple:
        return (date_key(self.date), self.source.sort_key(), self.number)


# How each qualifier reads before a number; translated at use (i18n.gettext).
QUALIFIER_WORDS = {"exactly": i18n.N_("%(number)s"), "at-least": i18n.N_("at least %(number)s"),
                   "more-than": i18n.N_("more than %(number)s"), "about": i18n.N_("about %(number)s"),
                   "up-to": i18n.N_("up to %(number)s")}


@dataclass(eq=False)
class Figure:
    source: Source
    number: int
    measure: "Measure"
    label: str
    as_written: str
    value: float | None
    value_max: float | None
    qualifier: str | None  # None: the source does not say how exact; never read as "exactly"
    unit: str | None
    as_of: FuzzyDate
    reported_by: Actor | None  # None: the source's own figure
    attribution: str | None
    via: Actor | None
    event: Event | None
    note: str | None

    def amount(self) -> str:
        """The figure as the source writes it ('4.5 million', 'at least 21'), with its unit when
        the words do not already carry it: never a precision the source does not give."""
        if i18n.current() != i18n.DEFAULT:
            return self._local_amount()
        unit = f" {self.unit}" if self.unit and self.unit.casefold() not in self.as_written.casefold() else ""
        return f"{self.as_written}{unit}"

    def _local_amount(self) -> str:
        """The figure in the current language from its value and qualifier ('al menos 21', '4,5 millones');
        with no value ('millions'), the source's own words, quoted."""
        if self.value is None:
            return f"“{self.as_written}”"
        number = i18n.format_number(self.value)
        if self.value_max is not None:
            number = f"{number}–{i18n.format_number(self.value_max)}"
        words = i18n.gettext(QUALIFIER_WORDS[self.qualifier]) if self.qualifier else "%(number)s"
        unit = f" {self.unit}" if self.unit else ""
        return words % {"number": number} + unit

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


@dataclass(eq=False)
class SourcedText:
    """A sentence of the lead or an item of the key-facts box, with the sources behind it."""

    text: str
    sources: list
    label: str | None = None


@dataclass
class Overview:
    lead: list  # [[SourcedText]]: paragraphs of sentences
    key_facts: list  # [SourcedText] with labels
    months: dict = field(default_factory=dict)  # "YYYY-MM" -> [SourcedText]: the timeline's monthly summaries


@dataclass
class Record:
    sources: list
    actors: list
    legal: list
    events: list
    measures: list
    overview: Overview | None = None
    timeline: list = field(default_factory=list)  # [timeline.Entry]: every event and loose statement, in order

    @property
    def statements(self) -> list:
        return [s for source in self.sources for s in source.statements]

    def timeline_by_month(self) -> list:
        """[(YYYY-MM or None for the undated, [entries])] in timeline order."""
        months: dict = {}
        for entry in self.timeline:
            months.setdefault(entry.month, []).append(entry)
        return list(months.items())


def date_key(date: FuzzyDate | None) -> tuple:
    """Sort key of a date that may be missing: undated things go last."""
    return (1,) if date is None else (0, *date.sort_key())


def _unique(items) -> list:
    seen, result = set(), []
    for item in items:
        if id(item) not in seen:
            seen.add(id(item))
            result.append(item)
    return result


def build_record(checked: Checked) -> Record:
    actors = {}
    built_actors = [(loaded, ACTOR.build(loaded.data)) for loaded in checked.files["actors"]]
    for loaded, e in built_actors:
        actors[e.id] = Actor(e.id, e.name, e.aliases, e.kind, e.country, e.unnamed, loaded.path)
    for _, e in built_actors:
        if e.party:
            actors[e.id].party = actors[e.party]
        if e.part_of:
            actors[e.id].part_of = actors[e.part_of]
            actors[e.part_of].parts.append(actors[e.id])
    legal = {}
    built_legal = [(loaded, LEGAL.build(loaded.data)) for loaded in checked.files["legal"]]
    for loaded, e in built_legal:
        legal[e.id] = LegalQuestion(e.id, e.title, e.question, e.order, loaded.path)
    for _, e in built_legal:
        legal[e.id].related = [legal[i] for i in e.related]

    built = [(loaded, SOURCE.build(loaded.data)) for loaded in checked.files["sources"]]
    sources = []
    for loaded, e in built:
        sources.append(Source(e.id, e.title, e.title_is_ours, e.publisher, e.cite_as, e.kind, e.published,
                              e.language, e.url, e.url_note, e.origin, e.summary, e.notes, loaded.path,
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
                              [legal[i] for i in a.legal], a.kind)
            event.accounts.append(account)
            source.accounts.append(account)
    for source, (_, e) in zip(sources, built):  # every event exists now: link the stated orders
        for account, a in zip(source.accounts, e.events):
            account.after = [Order(events[o.event], o.words, source) for o in a.after]
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
    _sort_everything(sources, actors, legal, events, measures)
    sources_by_id = {source.id: source for source in sources}
    ordered = sorted(events.values(), key=Event.sort_key)
    entries = timeline_entries(ordered, sources)
    return Record(
        sources=sources,
        actors=sorted(actors.values(), key=lambda a: (a.name.casefold(), a.id)),
        legal=sorted(legal.values(), key=lambda q: (q.order is None, q.order or 0, q.id)),
        events=[entry.event for entry in entries if entry.event is not None],  # in timeline order
        measures=sorted(measures.values(), key=lambda m: m.id),
        overview=_overview(checked, sources_by_id),
        timeline=entries,
    )


def _overview(checked: Checked, sources: dict) -> Overview | None:
    """The home page's lead and key facts, from seeds/overview/home.yaml when there is one."""
    files = checked.files.get("overview") or []
    if not files:
        return None
    e = OVERVIEW.build(files[0].data)
    lead = [[SourcedText(s.text, [sources[i] for i in s.sources]) for s in p.sentences] for p in e.lead]
    facts = [SourcedText(f.text, [sources[i] for i in f.sources], f.label) for f in e.key_facts]
    months = {m.month: [SourcedText(s.text, [sources[i] for i in s.sources]) for s in m.sentences]
              for m in e.months}
    return Overview(lead, facts, months)


def _attach_source_details(source, e, actors, legal, events, measures) -> None:
    for r in e.actors:
        role = ActorRole(source, actors[r.actor], r.role, r.named_as, r.in_passing)
        source.actor_roles.append(role)
        actors[r.actor].roles.append(role)
    for number, s in enumerate(e.statements, 1):
        statement = Statement(source, number, actors.get(s.by), s.unattributed, actors.get(s.via), s.date, s.kind,
                              s.said, s.quote, events.get(s.event), [actors[i] for i in s.about],
                              [legal[i] for i in s.legal])
        source.statements.append(statement)
        if statement.by:
            statement.by.statements_by.append(statement)
        if statement.via:
            statement.via.vias.append(statement)
        for actor in statement.about:
            actor.statements_about.append(statement)
        for question in statement.legal:
            question.positions.append(statement)
        if statement.event:
            statement.event.statements.append(statement)
    for number, f in enumerate(e.figures, 1):
        measure = measures.setdefault(f.measure, Measure(f.measure))
        figure = Figure(source, number, measure, f.label, f.as_written, f.value, f.value_max, f.qualifier, f.unit,
                        f.as_of, actors.get(f.reported_by), f.attribution, actors.get(f.via), events.get(f.event),
                        f.note)
        measure.figures.append(figure)
        source.figures.append(figure)
        if figure.reported_by:
            figure.reported_by.figures_reported.append(figure)
        if figure.via:
            figure.via.vias.append(figure)
        if figure.event:
            figure.event.figures.append(figure)
    for p in e.legal_points:
        point = LegalPoint(source, legal[p.question], p.aspect, p.point, [actors[i] for i in p.by], p.quote,
                           actors.get(p.quote_by), events.get(p.event))
        source.legal_points.append(point)
        point.question.points.append(point)
        for actor in point.by:
            actor.legal_points.append(point)
        if point.quote_by:
            point.quote_by.quotes.append(point)
        if point.event:
            point.event.legal_points.append(point)


def _sort_everything(sources, actors, legal, events, measures) -> dict:
    # Each thing's sort key is worked out once: an event sits in the lists of many actors and
    # questions, and its key (the earliest of its accounts' dates) is not cheap.
    event_key = {id(e): e.sort_key() for e in events.values()}
    statement_key = {id(s): s.sort_key() for source in sources for s in source.statements}
    figure_key = {id(f): f.sort_key() for source in sources for f in source.figures}
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
