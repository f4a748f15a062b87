"""What a page reads of the record: every model object it touches, as a key with a version.

The incremental build (incremental.py) re-renders a page only when something it read has
changed. To know what a page read, rendering runs with every model object's attribute reads
noted (`noting`): each object carries the key of where it comes from,

- a file's things (a source, an actor, a legal question, the overview, and everything
  nested in them: statements, figures, accounts...): the file's path in seeds/;
- what the record puts together from several files: `event:<id>` (an event's accounts,
  statements, figures and legal points) and `measure:<id>` (a measure's figures).

and each key has a version (`versions`): the digest of its file's bytes, and of every link
the resolve stage gave its things (an actor's events, a statement's source, an event's
accounts: as the keys and places of the things linked, in their order). So a page that read
an actor is re-rendered when the actor's file changes, and also when another file gives the
actor a new statement, changes the order of its events or takes one away; a page that read a
statement is re-rendered when the statement's file changes. What a page reads that is no
model object (the timeline's layout, the short citations, the record's lists and their
order) is the whole language's: incremental.py compares it as one digest and re-renders
every page of the language when it changes.

A read of an object that has no key (one made after the record was built) makes the page's
reads unknown: such a page is rendered at every build, never left stale.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib

from .model import MODELS, Event, Measure, Record
from .schema import KINDS, OVERVIEW
from .types import ListOf, Nullable, Record as SchemaRecord

UNKNOWN = ""  # the key of an object the record was built without: a page that reads one is always rendered
_noted: set | None = None  # the keys read since noting began; None when not noting


def _noting_getattribute(self, name, _get=object.__getattribute__):
    noted = _noted
    if noted is not None:
        noted.add(_get(self, "_read_key"))
    return _get(self, name)


def traced_classes() -> list:
    return [*MODELS.values(), Event, Measure]


for _cls in traced_classes():
    _cls._read_key = UNKNOWN  # every instance gets its own in `keys` below


@contextlib.contextmanager
def tracing():
    """Make the model's classes able to note reads (cheaply idle: one test per read) while
    the block runs; rendering's forked workers inherit it."""
    classes = traced_classes()
    for cls in classes:
        cls.__getattribute__ = _noting_getattribute
    try:
        yield
    finally:
        for cls in classes:
            del cls.__getattribute__


def noted(job):
    """`job()`, and the keys of every object it read: (result, frozenset of keys)."""
    global _noted
    outer, _noted = _noted, set()
    try:
        result = job()
        return result, frozenset(_noted)
    finally:
        _noted = outer


def _own_fields(cls) -> list[str]:
    """The fields of a model class that the resolve stage fills in (not the schema's)."""
    schema = {spec.name for record, model in MODELS.items() if model is cls for spec in record.fields}
    return [f.name for f in dataclasses.fields(cls) if f.name not in schema]


def _nested(thing, record: SchemaRecord):
    """`thing` and every model object nested in it through the schema's records (not its references)."""
    yield thing
    for spec in record.fields:
        kind = spec.type.inner if isinstance(spec.type, Nullable) else spec.type
        value = getattr(thing, spec.name)
        if value is None:
            continue
        if isinstance(kind, SchemaRecord):
            yield from _nested(value, kind)
        elif isinstance(kind, ListOf) and isinstance(kind.item, SchemaRecord):
            for item in value:
                yield from _nested(item, kind.item)


def keys(record: Record) -> dict[str, list]:
    """Give every model object of `record` its key and its place under it; return key -> objects."""
    groups: dict[str, list] = {}
    files = [(thing, KINDS["sources"]) for thing in record.sources]
    files += [(thing, KINDS["actors"]) for thing in record.actors]
    files += [(thing, KINDS["legal"]) for thing in record.legal]
    if record.overview is not None:
        files.append((record.overview, OVERVIEW))
    for thing, schema_record in files:
        key = thing.yaml_path
        groups[key] = list(_nested(thing, schema_record))
    groups.update((f"event:{event.id}", [event]) for event in record.events)
    groups.update((f"measure:{measure.id}", [measure]) for measure in record.measures)
    for key, things in groups.items():
        for place, thing in enumerate(things):
            thing._read_key, thing._read_place = key, place
    return groups


def versions(groups: dict[str, list], file_digests: dict[str, str]) -> dict[str, str]:
    """key -> its version: its file's digest (events and measures have none) and the links of its things."""
    fields_of: dict = {}
    found = {}
    for key, things in groups.items():
        digest = hashlib.sha256(file_digests.get(key, "").encode())
        for thing in things:
            cls = type(thing)
            own = fields_of.get(cls)
            if own is None:
                own = fields_of[cls] = _own_fields(cls)
            digest.update(cls.__name__.encode())
            for name in own:
                digest.update(f"\0{name}=".encode())
                digest.update(_signature(getattr(thing, name)).encode("utf-8", "surrogatepass"))
        found[key] = digest.hexdigest()
    return found


def _signature(value) -> str:
    if isinstance(value, list):
        return "[" + ",".join(_signature(item) for item in value) + "]"
    key = getattr(value, "_read_key", None)
    if key is not None:
        return f"<{key}#{getattr(value, '_read_place', '?')}>"
    return repr(value)
