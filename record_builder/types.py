"""The building blocks of the schema: value types that check, document and export themselves.

Each type can
- `check(value, where)`: yield a Problem for each thing wrong with a loaded value;
- `json_schema()`: describe itself as JSON Schema, for editors;
- `summary()`: describe itself in a few words, for the format reference page;
- `build(value, texts, key)`: turn a checked value into what the record uses, in the language
  of `texts` (a Texts: see below).
Because all these views come from the same object, they cannot drift apart.

A `Record` builds the model class that names it as its own (model.py: `@model_of(SOURCE)`),
with one keyword argument per field: the schema declares each field once, and the model
class adds only behaviour and the links the resolve stage makes (record.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator, Protocol

from . import urls
from .load import Mapping, Sequence
from .problems import Problem, Where, describe, did_you_mean
from .textcheck import FORBIDDEN_CLASS, forbidden_character

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)
SLUG_MAX = 80
# Markup in text would become live HTML on the site: refuse it at the door
# (the renderer escapes everything as well, as a second line of defence).
_MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|&#?[a-zA-Z0-9]+;|javascript:", re.IGNORECASE)
MARKUP_PATTERN = r"<\s*[a-zA-Z!/?]|&#?[a-zA-Z0-9]+;|[jJ][aA][vV][aA][sS][cC][rR][iI][pP][tT]:"


def child(where: Where, value_container, key, name: str) -> Where:
    """The Where of `value_container[key]`, named `name` in the field path."""
    line, col = where.line, where.column
    if isinstance(value_container, Mapping) and key in value_container.value_marks:
        line, col = value_container.value_marks[key]
    elif isinstance(value_container, Sequence) and isinstance(key, int) and key < len(value_container.item_marks):
        line, col = value_container.item_marks[key]
    return Where(where.path, line, col, f"{where.field}.{name}" if where.field else name)


class Texts(Protocol):
    """A language's texts of one seed file: `text(key, english)` gives the text of the field at
    `key` (its path, as translations.py names it) in that language, `gloss(key, words)` a
    quote with the language's rendering of it. None stands for English."""

    def text(self, key: str, english: str) -> str: ...

    def gloss(self, key: str, words: str) -> str:
        """The source's exact `words` (a quote), with this language's rendering of them."""
        ...

    def words(self, words: str) -> str:
        """The source's exact `words`, as written, marked with the source's language."""
        ...


class Type:
    def check(self, value, where: Where) -> Iterator[Problem]:
        raise NotImplementedError

    def json_schema(self) -> dict:
        raise NotImplementedError

    def summary(self) -> str:
        raise NotImplementedError

    def build(self, value, texts: Texts | None = None, key: str = ""):
        return value

    def nested(self) -> list:
        """The record types a value of this type holds directly (for Record.nested_records)."""
        return []


@dataclass
class Text(Type):
    """Free text in our own words (or an exact quote). Never HTML."""

    max_length: int = 500
    paragraphs: bool = False

    def check(self, value, where):
        if not isinstance(value, str):
            yield where.problem(f"expected text, got {describe(value)}")
            return
        if not value.strip():
            yield where.problem("expected some text, got an empty value")
            return
        if len(value) > self.max_length:
            yield where.problem(f"the text is too long (expected at most {self.max_length} characters, got {len(value)})")
        if not self.paragraphs and "\n" in value.strip():
            yield where.problem("expected a single line (no line breaks); use '>-' folding or one line")
        bad = _MARKUP.search(value)
        if bad:
            yield where.problem(f"HTML, character entities and script are not allowed in text (found {bad.group(0)!r}); write plain text")
        control = forbidden_character(value)
        if control is not None:
            yield where.problem(f"the text contains {control}; remove it")

    def json_schema(self):
        schema: dict = {"type": "string", "minLength": 1, "maxLength": self.max_length, "pattern": r"\S",
                  "not": {"pattern": MARKUP_PATTERN}, "allOf": [{"not": {"pattern": FORBIDDEN_CLASS}}]}
        if not self.paragraphs:
            schema["allOf"].append({"not": {"pattern": r"\S[ \t]*\n[ \t]*\S"}})  # no line break inside the text
        return schema

    def summary(self):
        kind = "text (paragraphs allowed)" if self.paragraphs else "one line of text"
        return f"{kind}, at most {self.max_length} characters, no HTML"

    def build(self, value, texts: Texts | None = None, key: str = ""):
        if self.paragraphs:
            paragraphs = re.split(r"\n\s*\n", value.strip())
            return "\n\n".join(" ".join(p.split()) for p in paragraphs)
        return " ".join(value.split())


@dataclass
class Slug(Type):
    """A stable id: lower-case letters, digits and single hyphens."""

    def check(self, value, where):
        if not isinstance(value, str):
            yield where.problem(f"expected an id such as 'nicolas-maduro', got {describe(value)}")
            return
        if len(value) > SLUG_MAX:
            yield where.problem(f"the id is too long (expected at most {SLUG_MAX} characters, got {len(value)})")
        if not _SLUG.match(value):
            yield where.problem(
                f"expected an id of lower-case letters, digits and single hyphens such as 'nicolas-maduro', got {value!r}"
                f" (suggestion: {slugify(value)!r})" if slugify(value) else
                f"expected an id of lower-case letters, digits and single hyphens such as 'nicolas-maduro', got {value!r}")

    def json_schema(self):
        return {"type": "string", "pattern": SLUG_PATTERN, "maxLength": SLUG_MAX}

    def summary(self):
        return "id: lower-case letters, digits and hyphens (`like-this`)"


def slugify(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", plain.lower()))[:SLUG_MAX]


@dataclass
class Ref(Slug):
    """The id of something defined elsewhere; checked after every file is read."""

    target: str = "actor"  # actor | legal | event | source

    def summary(self):
        return "id of " + {"actor": "an actor", "legal": "a legal question", "event": "an event",
                           "source": "a source"}[self.target]


@dataclass
class Url(Type):
    """An https address, or null where the source has none we know (see urls.py)."""

    def check(self, value, where):
        if value is None:
            return
        if not isinstance(value, str):
            yield where.problem(f"{urls.EXPECTED}; got {describe(value)}")
            return
        try:
            urls.normalise(value)
        except urls.UrlError as err:
            yield where.problem(f"{err}; got {describe(value)}")

    def json_schema(self):
        return {"type": ["string", "null"], "pattern": urls.JSON_PATTERN, "maxLength": urls.MAX_LENGTH,
                "not": {"type": "string", "pattern": FORBIDDEN_CLASS}}

    def summary(self):
        return "an `https://` address with no user name, spaces or quotes, or `null` when none is known"

    def build(self, value, texts: Texts | None = None, key: str = ""):
        return urls.normalise(value)


@dataclass
class Nullable(Type):
    inner: Type

    def check(self, value, where):
        if value is not None:
            yield from self.inner.check(value, where)

    def json_schema(self):
        return {"anyOf": [self.inner.json_schema(), {"type": "null"}]}

    def summary(self):
        return f"{self.inner.summary()}, or `null`"

    def build(self, value, texts: Texts | None = None, key: str = ""):
        return None if value is None else self.inner.build(value, texts, key)

    def nested(self) -> list:
        return self.inner.nested()


@dataclass
class ListOf(Type):
    item: Type
    min_items: int = 0
    unique: bool = False
    # The key whose value names an item in a field path (events[first-boat-strike].summary), so
    # that inserting an item does not rename the others; without one, its index names it.
    item_key: str | None = None

    def check(self, value, where):
        if not isinstance(value, list):
            yield where.problem(f"expected a list (lines starting with '- '), got {describe(value)}")
            return
        if len(value) < self.min_items:
            yield where.problem(f"expected at least {self.min_items} item(s), got {len(value)}")
        seen = {}
        for index, item in enumerate(value):
            line, col = (value.item_marks[index] if isinstance(value, Sequence)
                         else (where.line, where.column))
            item_where = Where(where.path, line, col, f"{where.field}[{index}]")
            yield from self.item.check(item, item_where)
            if self.unique and isinstance(item, str):
                if item in seen:
                    yield item_where.problem(f"{item!r} is listed twice (also at [{seen[item]}])")
                seen.setdefault(item, index)

    def json_schema(self):
        schema: dict = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.unique:
            schema["uniqueItems"] = True
        return schema

    def summary(self):
        inner = self.item.name if isinstance(self.item, Record) else self.item.summary()
        return f"list of {inner}" + (f" (at least {self.min_items})" if self.min_items else "")

    def build(self, value, texts: Texts | None = None, key: str = ""):
        return [self.item.build(v, texts, f"{key}[{self.item_name(v, index)}]") for index, v in enumerate(value or [])]

    def nested(self) -> list:
        return self.item.nested()

    def item_name(self, item, index: int):
        """How the field path names `item`: by its `item_key`, or by its index."""
        ident = item.get(self.item_key) if self.item_key and isinstance(item, dict) else None
        return ident if isinstance(ident, str) and ident else index


@dataclass
class FieldSpec:
    name: str
    type: Type
    doc: str
    required: bool = False
    example: object = None
    translate: bool = False  # reader-facing prose that the Spanish edition translates (translations.py)
    default: object = None  # what Record.build gives when the key is absent or null (a list: empty)
    # A source's exact words (a name or an amount as written): kept as written in every
    # language, and marked as in the source's language on a page in another.
    exact: bool = False
    # A quote: exact words, and a translated edition shows its own rendering after them,
    # marked as the record's own translation.
    gloss: bool = False


@dataclass
class Rule:
    """A check across the fields of one record, with its JSON Schema form when it has one."""

    check: object  # (mapping, where) -> problems
    json_schema: dict | None = None  # merged into the record's JSON Schema; None: validator only


@dataclass
class Record(Type):
    """A mapping with known keys; unknown keys are errors with a 'did you mean'."""

    name: str
    doc: str
    fields: list = field(default_factory=list)
    rules: list = field(default_factory=list)  # Rule objects: checks across fields
    model: type | None = None  # the class it builds, set by that class (model.py's model_of)

    def check(self, value, where):
        if not isinstance(value, dict):
            yield where.problem(f"expected a mapping (key: value lines) for {self.name}, got {describe(value)}")
            return
        known = {f.name for f in self.fields}
        for key in value:
            if key not in known:
                line, col = value.key_marks.get(key, (where.line, where.column)) if isinstance(value, Mapping) else (where.line, where.column)
                name = f"{where.field}.{key}" if where.field else str(key)
                yield Problem(where.path, line, col, name,
                              f"unknown key {key!r} in {self.name}{did_you_mean(str(key), known)}"
                              f" (expected one of: {', '.join(sorted(known))})")
        for spec in self.fields:
            if spec.name not in value:
                if spec.required:
                    yield where.problem(f"{self.name} is missing the required key {spec.name!r} ({spec.type.summary()})")
                continue
            inner = child(where, value, spec.name, spec.name)
            if value[spec.name] is None and spec.required and not isinstance(spec.type, (Url, Nullable)):
                yield inner.problem(f"{spec.name!r} is required but empty (expected {spec.type.summary()})")
                continue
            if value[spec.name] is None and not spec.required:
                continue
            yield from spec.type.check(value[spec.name], inner)
        for rule in self.rules:
            yield from rule.check(value, where)

    def json_schema(self):
        return {"$ref": f"#/$defs/{self.name}"}

    def definition(self) -> dict:
        schema = {
            "type": "object",
            "title": self.name,
            "description": self.doc,
            "additionalProperties": False,
            "required": [f.name for f in self.fields if f.required],
            "properties": {f.name: {**f.type.json_schema(), "description": f.doc,
                                    **({} if f.default is None else {"default": f.default})} for f in self.fields},
        }
        conditions = [rule.json_schema for rule in self.rules if rule.json_schema]
        if conditions:
            schema["allOf"] = conditions
        return schema

    def summary(self):
        return f"mapping ({self.name})"

    def build(self, value, texts: Texts | None = None, key: str = ""):
        """An instance of the model class, each field built by its type; a translated field's
        text comes from `texts` (None: the English as written)."""
        if self.model is None:
            raise TypeError(f"{self.name} has no model class (model.py declares one with @model_of)")
        prefix = f"{key}." if key else ""
        built = {}
        for spec in self.fields:
            raw = value.get(spec.name) if isinstance(value, dict) else None
            if raw is None:
                raw = spec.default
            if raw is None:
                built[spec.name] = [] if isinstance(spec.type, ListOf) else None
                continue
            made = spec.type.build(raw, texts, prefix + spec.name)
            if texts is not None and (spec.translate or spec.gloss or spec.exact):
                made = _in_language(made, texts, prefix + spec.name, spec)
            built[spec.name] = made
        return self.model(**built)

    def walk(self, thing):
        """(thing, this record), then (each model object nested in it, its record), depth first:
        what the schema's records hold, never what its references name."""
        yield thing, self
        for spec in self.fields:
            kind = spec.type.inner if isinstance(spec.type, Nullable) else spec.type
            value = getattr(thing, spec.name)
            if value is None:
                continue
            if isinstance(kind, Record):
                yield from kind.walk(value)
            elif isinstance(kind, ListOf) and isinstance(kind.item, Record):
                for item in value:
                    yield from kind.item.walk(item)

    def nested_records(self) -> list:
        """This record and every record type reachable from it, each once, in order."""
        found, queue = [], [self]
        while queue:
            record = queue.pop(0)
            if record in found:
                continue
            found.append(record)
            for spec in record.fields:
                queue.extend(spec.type.nested())
        return found

    def nested(self) -> list:
        return [self]

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self is other


def _in_language(made, texts: Texts, key: str, spec: FieldSpec):
    """A built text (or list of texts) of a field as `texts` gives it in their language."""
    if isinstance(made, list):
        return [texts.words(item) if isinstance(item, str) else item for item in made]
    if not isinstance(made, str):
        return made
    if spec.translate:
        return texts.text(key, made)
    return texts.gloss(key, made) if spec.gloss else texts.words(made)
