"""The record's model: one class per record of the schema, and the few the record adds.

The schema (schema.py) declares every field once. A class here names the schema record it
models (`@model_of(SOURCE)`), which gives it one attribute per field, with the field's
default, and makes the schema record build it (types.Record.build). The class itself holds
only behaviour, and the links that the resolve stage (record.py) makes between things:
a reference (`by: pete-hegseth`) becomes the Actor it names, and each thing learns where it
is used (an actor its events, a legal question its positions), so templates only read.

The same classes serve every language: record.py builds one record per language, each text
in that language (or marked as awaiting translation, texts.Pending). Nothing here
reads the language: dates and numbers are put in words by the render stage (formats.py).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from . import schema
from .dates import FuzzyDate
from .datetype import DATE_RECORD
from .types import ListOf, Nullable, Record as SchemaRecord, Type

if TYPE_CHECKING:
    from .seedfiles import Checked

MODELS: dict = {}  # schema record -> its class


def _annotation(t: Type) -> str:
    """The Python type a built value of `t` has, as an annotation's text (for readers and tools)."""
    if isinstance(t, Nullable):
        return f"{_annotation(t.inner)} | None"
    if isinstance(t, ListOf):
        return f"list[{_annotation(t.item)}]"
    if isinstance(t, SchemaRecord):
        return t.model.__name__ if t.model else "object"
    return {"Text": "str", "Slug": "str", "Ref": "str", "Month": "str", "Enum": "str", "Number": "float",
            "Boolean": "bool", "Url": "str | None", "DateType": "FuzzyDate"}.get(type(t).__name__, "object")


def model_of(record: SchemaRecord):
    """Make the decorated class the model of the schema `record`: a dataclass whose first
    fields are the record's (keyword-only, with the schema's defaults), then its own."""

    def decorate(cls):
        own = dict(cls.__dict__.get("__annotations__", {}))
        clash = [spec.name for spec in record.fields if spec.name in own]
        if clash:
            raise TypeError(f"{cls.__name__} declares {', '.join(clash)}, which schema.{record.name} declares")
        annotations = {}
        for spec in record.fields:
            annotations[spec.name] = _annotation(spec.type)
            if isinstance(spec.type, ListOf):
                setattr(cls, spec.name, dataclasses.field(default_factory=list))
            elif not spec.required or isinstance(spec.type, Nullable):
                setattr(cls, spec.name, spec.default)
        cls.__annotations__ = {**annotations, **own}
        made = dataclasses.dataclass(eq=False, kw_only=True)(cls)
        record.model = made
        MODELS[record] = made
        return made

    return decorate


class _Model:
    """The base of the schema's models. Their schema fields are added by model_of, which a
    type checker cannot follow: for it, any attribute of a model is a value of some type."""

    if TYPE_CHECKING:
        def __init__(self, **fields: Any) -> None: ...

        def __getattr__(self, name: str) -> Any: ...


@model_of(schema.ACTOR)
class Actor(_Model):
    yaml_path: str = ""
    parts: list = dataclasses.field(default_factory=list)
    roles: list = dataclasses.field(default_factory=list)  # [ActorRole]
    events: list = dataclasses.field(default_factory=list)
    statements_by: list = dataclasses.field(default_factory=list)
    statements_about: list = dataclasses.field(default_factory=list)
    figures_reported: list = dataclasses.field(default_factory=list)
    legal_points: list = dataclasses.field(default_factory=list)
    vias: list = dataclasses.field(default_factory=list)  # statements and figures this actor relayed
    quotes: list = dataclasses.field(default_factory=list)  # LegalPoints quoting this actor

    @property
    def in_sentence(self) -> str:
        """The name as it reads inside a sentence (its `in_text`, else its name)."""
        return self.in_text or self.name

    @property
    def side(self) -> Actor:
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


@model_of(schema.LEGAL)
class LegalQuestion(_Model):
    yaml_path: str = ""
    points: list = dataclasses.field(default_factory=list)
    positions: list = dataclasses.field(default_factory=list)  # Statements
    events: list = dataclasses.field(default_factory=list)
    sources: list = dataclasses.field(default_factory=list)

    def points_of(self, aspect: str) -> list:
        return [p for p in self.points if p.aspect == aspect]

    def positions_by_party(self) -> list:
        """[(party, [statements])] in order of each party's first position; a statement whose
        speaker the source does not name stands under None, last."""
        parties: dict = {}
        for statement in self.positions:
            parties.setdefault(statement.by.side if statement.by else None, []).append(statement)
        return sorted(parties.items(), key=lambda pair: pair[0] is None)


@model_of(schema.ORIGIN)
class Origin(_Model):
    pass


@model_of(schema.CORRECTION)
class Correction(_Model):
    pass


@model_of(schema.ACTOR_ROLE)
class ActorRole(_Model):
    source: Source = None  # type: ignore[assignment]  # the source it is in: record.py links it


@model_of(schema.EVENT_ACCOUNT)
class Account(_Model):
    """One source's account of an event; `event` is the Event once resolved."""

    source: Source = None  # type: ignore[assignment]  # the source it is in: record.py links it


@model_of(schema.ORDER)
class Order(_Model):
    """A source's statement that an event came after another, in its own words."""

    source: Source = None  # type: ignore[assignment]  # the source it is in: record.py links it

    @property
    def earlier(self) -> Event:
        return self.event


@model_of(schema.STATEMENT)
class Statement(_Model):
    source: Source = None  # type: ignore[assignment]  # the source it is in: record.py links it
    number: int = 0  # 1-based position in its source, for a stable anchor

    @property
    def anchor(self) -> str:
        """Its id on the timeline, where it is printed in full (ids never contain '--')."""
        return f"{self.source.id}--statement-{self.number}"

    def sort_key(self) -> tuple:
        return (date_key(self.date), self.source.sort_key(), self.number)


@model_of(schema.FIGURE)
class Figure(_Model):
    """A reported number; `measure` is the Measure once resolved."""

    source: Source = None  # type: ignore[assignment]  # the source it is in: record.py links it
    number: int = 0

    def sort_key(self) -> tuple:
        return (self.as_of.sort_key(), self.source.sort_key(), self.number)


@model_of(schema.LEGAL_POINT)
class LegalPoint(_Model):
    source: Source = None  # type: ignore[assignment]  # the source it is in: record.py links it


@model_of(schema.SOURCE)
class Source(_Model):
    yaml_path: str = ""
    # On a page in another language whose title is a translation: the headline as published,
    # shown beside it so the exact words stay in view (record.py sets it).
    original_title: str | None = None

    @property
    def accounts(self) -> list:
        """Its accounts of events (the schema's `events`)."""
        return self.events

    @property
    def actor_roles(self) -> list:
        """The actors it names, with their roles (the schema's `actors`)."""
        return self.actors

    def sort_key(self) -> tuple:
        return (self.published is None, self.published.sort_key() if self.published else (), self.id)


@model_of(schema.LEAD_SENTENCE)
class SourcedText(_Model):
    """A sentence of the lead or of a month's summary, with the sources behind it."""


@model_of(schema.LEAD_PARAGRAPH)
class LeadParagraph(_Model):
    pass


@model_of(schema.KEY_FACT)
class KeyFact(_Model):
    pass


@model_of(schema.MONTH_SUMMARY)
class MonthSummary(_Model):
    pass


@model_of(schema.OVERVIEW)
class Overview(_Model):
    def month(self, key: str | None) -> list:
        """The summary sentences of the timeline's month `key` ('YYYY-MM'); [] when it has none."""
        return next((m.sentences for m in self.months if m.month == key), [])


# ---- what the record adds to the schema's things ------------------------------------------

@dataclasses.dataclass(eq=False)
class Event:
    """An event, as every source that reports it tells it (one Account each)."""

    id: str
    accounts: list = dataclasses.field(default_factory=list)
    statements: list = dataclasses.field(default_factory=list)
    figures: list = dataclasses.field(default_factory=list)
    legal_points: list = dataclasses.field(default_factory=list)

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
        return unique(actor for account in self.accounts for actor in account.actors)

    @property
    def legal(self) -> list:
        return unique(q for account in self.accounts for q in account.legal)

    @property
    def sources(self) -> list:
        return unique(a.source for a in self.accounts)

    def sort_key(self) -> tuple:
        return (date_key(self.date), self.id)


@dataclasses.dataclass(eq=False)
class Measure:
    """What a series of figures counts, across sources."""

    id: str
    figures: list = dataclasses.field(default_factory=list)

    @property
    def label(self) -> str:
        return self.figures[0].label


@dataclasses.dataclass
class Record:
    """The whole record in one language."""

    lang: str
    sources: list
    actors: list
    legal: list
    events: list
    measures: list
    overview: Overview | None = None
    timeline: list = dataclasses.field(default_factory=list)  # [timeline.Entry]: every event and loose statement
    # The validated files it was built from (validate.Checked), from which record.build_record
    # makes the record in another language.
    checked: Checked | None = dataclasses.field(default=None, repr=False)

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


def unique(items) -> list:
    """The items, each once (by identity), in the order first met."""
    seen, result = set(), []
    for item in items:
        if id(item) not in seen:
            seen.add(id(item))
            result.append(item)
    return result


# ---- what templates ask of the record's things ----------------------------------------------

def timeline_actors(item) -> list:
    """Ids of the actors a timeline entry involves (for the reader's filter): an event's actors,
    whom its accounts cite and who speaks in its statements; a statement's speaker and subjects."""
    if isinstance(item, Statement):
        return _unique_ids(([item.by] if item.by else []) + ([item.via] if item.via else []) + item.about)
    found = list(item.actors) + [a for account in item.accounts for a in account.according_to]
    for statement in item.statements:
        found += ([statement.by] if statement.by else []) + statement.about
    return _unique_ids(found)


def named_as(actor: Actor) -> list:
    """The spellings the sources use for an actor, each once, in the order first met."""
    found = []
    for role in actor.roles:
        found += [name for name in role.named_as if name not in found]
    return found


def event_legal(event: Event) -> list:
    return _unique_ids(list(event.legal) + [q for s in event.statements for q in s.legal])


def parties_of(event: Event) -> list:
    """The names of the sides an event involves, for its summary line: each actor's party."""
    names = []
    for actor in event.actors:
        if actor.side.name not in names:
            names.append(actor.side.name)
    return names


def _unique_ids(items) -> list:
    ids = []
    for item in items:
        if item.id not in ids:
            ids.append(item.id)
    return ids


def unmodelled() -> list:
    """The schema's records with no model class (a new record needs one here)."""
    return [r.name for kind in schema.KINDS.values() for r in kind.nested_records()
            if r.model is None and r is not DATE_RECORD]
