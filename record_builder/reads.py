"""What a page reads of the record: every model object it touches, as keys with versions.

The incremental build (incremental.py) renders a page again only when something it read has
changed. To know what a page read, rendering runs with the model's attribute reads noted
(`tracing`, `noted`). Each object carries a key:

- the thing a file is about (a source, an actor, a legal question, the overview) is read field
  by field: `seeds/sources/x.yaml:summary`, `...:published`. A page that cites a source reads
  its date and title, not its summary, and is not made again when only the summary changes;
- a thing nested in a file (a statement, a figure, an account of an event, a role...) is one
  key, `seeds/sources/x.yaml#12` (its place in the file);
- what the record puts together from several files: `event:<id>` and `measure:<id>`.

A key's version (`versions`) is the digest of its value in this language (a text with its
kind: translated, awaiting translation, quoted), with the things it links to (an actor's
statements, a statement's speaker, an event's accounts) written as their keys, in order: what
those things say is read, and versioned, under their own keys. A property or method of a
file's thing (`source.sort_key`) has the constant version "code": it reads fields, noted
as it runs. What a page reads that is no model object (the timeline's layout, the short
citations, the record's lists and their order) is the whole language's: incremental.py
compares it as one digest.

A read of an object without a key (one made after the record was built) is the key "",
which has no version: such a page is rendered at every build, never left stale.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib

from .model import MODELS, Event, Measure, Record
from .schema import KINDS, OVERVIEW

UNKNOWN = ""  # the key of an object the record was built without: a page that reads one is always rendered
CODE = "code"  # the version of a property or method of a file's thing
_noted: set | None = None  # the keys read since noting began; None when not noting


def _noting_getattribute(self, name, _get=object.__getattribute__):
    noted = _noted
    if noted is not None:
        noted.add(_get(self, "_read_key"))
    return _get(self, name)


def _noting_field_getattribute(self, name, _get=object.__getattribute__):
    noted = _noted
    if noted is not None:
        noted.add((_get(self, "_read_key"), name))  # made into "key:name" once, by noted()
    return _get(self, name)


FILE_THINGS = {KINDS["sources"].model, KINDS["actors"].model, KINDS["legal"].model, OVERVIEW.model}


def traced_classes() -> list:
    return [*MODELS.values(), Event, Measure]


for _cls in traced_classes():
    _cls._read_key = UNKNOWN  # every instance gets its own in `keys` below


@contextlib.contextmanager
def tracing():
    """Make the model's classes note reads (cheaply idle: one test per read) while the block
    runs; rendering's forked workers inherit it."""
    classes = traced_classes()
    for cls in classes:
        cls.__getattribute__ = _noting_field_getattribute if cls in FILE_THINGS else _noting_getattribute
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
        return result, frozenset(key if type(key) is str else f"{key[0]}:{key[1]}" for key in _noted)
    finally:
        _noted = outer


def _fields(cls) -> list[str]:
    return [f.name for f in dataclasses.fields(cls)]


class Versions(dict):
    """key -> version, for the keys of one record; `of` also answers for a file thing's properties."""

    def __init__(self, *args, files: set | None = None):
        super().__init__(*args)
        self.files = files or set()

    def of(self, key: str) -> str | None:
        found = self.get(key)
        if found is None and key.startswith("seeds/") and "#" not in key and key.rpartition(":")[0] in self.files:
            return CODE  # a property or method (every field has a version of its own)
        return found


def versions(record: Record, known: dict | None = None, file_digests: dict | None = None) -> Versions:
    """Give every model object of `record` its key, and return every key's version.

    What a file's things hold, but for the links other files give its own thing (an actor's
    statements, a question's positions), is made from that file alone (and its catalog, for
    another language): a process that builds again and again passes `known`, where each
    file's versions are kept under `file_digests[path]` (a digest of its bytes and its
    catalog's, and of what the whole language shares) and taken from while it is the same."""
    found = Versions(files=set())
    files = [(thing, KINDS["sources"]) for thing in record.sources]
    files += [(thing, KINDS["actors"]) for thing in record.actors]
    files += [(thing, KINDS["legal"]) for thing in record.legal]
    if record.overview is not None:
        files.append((record.overview, OVERVIEW))
    for event in record.events:
        event._read_key = f"event:{event.id}"
    for measure in record.measures:
        measure._read_key = f"measure:{measure.id}"
    fields_of: dict = {}

    def names_of(cls) -> list[str]:
        names = fields_of.get(cls)
        if names is None:
            names = fields_of[cls] = _fields(cls)
        return names

    schema_of: dict = {}
    nested_of = []
    for thing, schema_record in files:  # every key first: a version names the things it links to by theirs
        path = thing.yaml_path
        thing._read_key = path
        found.files.add(path)
        nested = [item for item, _ in schema_record.walk(thing)][1:]  # what the file's thing holds
        for place, item in enumerate(nested, 1):
            item._read_key = f"{path}#{place}"
        nested_of.append(nested)
    for (thing, schema_record), nested in zip(files, nested_of):
        path = thing.yaml_path
        digest = (file_digests or {}).get(path)
        hit = known.get(path) if known is not None and digest is not None else None
        schema_names = schema_of.get(schema_record)
        if schema_names is None:
            schema_names = schema_of[schema_record] = {spec.name for spec in schema_record.fields}
        if hit is not None and hit[0] == digest:
            found.update(hit[1])
        else:
            part = {f"{path}:{name}": _digest(_signature(getattr(thing, name))) for name in sorted(schema_names)}
            part.update((item._read_key, _digest("\0".join(_signature(getattr(item, name))
                                                           for name in names_of(type(item)))))
                        for item in nested)
            found.update(part)
            if known is not None and digest is not None:
                known[path] = (digest, part)
        for name in names_of(type(thing)):  # the links other files give it, every time
            if name not in schema_names:
                found[f"{path}:{name}"] = _digest(_signature(getattr(thing, name)))
    for item in (*record.events, *record.measures):
        found[item._read_key] = _digest("\0".join(_signature(getattr(item, name)) for name in names_of(type(item))))
    if known is not None:
        for gone in set(known) - found.files:
            del known[gone]
    return found


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


_PLAIN = (str, int, float, bool, type(None))


def _signature(value) -> str:
    kind = type(value)
    if kind in _PLAIN:
        return repr(value)
    if kind is list:
        return "[" + ",".join(_signature(item) for item in value) + "]"
    key = getattr(value, "_read_key", None)
    if key is not None:
        return f"<{key}>"
    if isinstance(value, str):  # a text with its kind: awaiting translation, quoted
        return f"{kind.__name__}{value!r}{sorted(vars(value).items())!r}"
    return repr(value)


def remember(cache: dict, key, make):
    """`cache[key]`, made by `make()` the first time it is asked for. A page that takes it from
    the cache is noted as reading what making it read (links.py's links, shared by the pages of
    a folder), so no read hides behind another page's."""
    global _noted
    found = cache.get(key)
    if found is not None and (found[1] is not None or _noted is None):
        if _noted is not None:
            _noted.update(found[1])
        return found[0]
    if _noted is None:
        value = make()
        cache[key] = (value, None)  # made while not noting: made again if asked for while noting
        return value
    outer, _noted = _noted, set()
    try:
        value = make()
    finally:
        inner, _noted = _noted, outer
        outer.update(inner)
    cache[key] = (value, frozenset(inner))
    return value
