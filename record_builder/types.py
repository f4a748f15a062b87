"""The building blocks of the schema: value types that check, document and export themselves.

Each type can
- `check(value, where)`: yield a Problem for each thing wrong with a loaded value;
- `json_schema()`: describe itself as JSON Schema, for editors;
- `summary()`: describe itself in a few words, for the format reference page;
- `build(value)`: turn a checked value into what the record uses.
Because all three views come from the same object, they cannot drift apart.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Iterator

from . import dates, urls
from .load import LongNumber, Mapping, Sequence
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


class Type:
    def check(self, value, where: Where) -> Iterator[Problem]:
        raise NotImplementedError

    def json_schema(self) -> dict:
        raise NotImplementedError

    def summary(self) -> str:
        raise NotImplementedError

    def build(self, value):
        return value


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
        schema = {"type": "string", "minLength": 1, "maxLength": self.max_length, "pattern": r"\S",
                  "not": {"pattern": MARKUP_PATTERN}, "allOf": [{"not": {"pattern": FORBIDDEN_CLASS}}]}
        if not self.paragraphs:
            schema["allOf"].append({"not": {"pattern": r"\S[ \t]*\n[ \t]*\S"}})  # no line break inside the text
        return schema

    def summary(self):
        kind = "text (paragraphs allowed)" if self.paragraphs else "one line of text"
        return f"{kind}, at most {self.max_length} characters, no HTML"

    def build(self, value):
        if self.paragraphs:
            paragraphs = re.split(r"\n\s*\n", value.strip())
            return "\n\n".join(" ".join(p.split()) for p in paragraphs)
        return " ".join(value.split())


_MONTH = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])")


@dataclass
class Month(Type):
    """A calendar month, written YYYY-MM."""

    def check(self, value, where):
        if not isinstance(value, str) or not _MONTH.fullmatch(value):
            yield where.problem(f"expected a month such as 2025-09 (year-month), got {describe(value)}")

    def json_schema(self):
        return {"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$"}

    def summary(self):
        return "a month, `YYYY-MM`"


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
class Enum(Type):
    choices: tuple

    def check(self, value, where):
        if value not in self.choices or not isinstance(value, str):
            hint = did_you_mean(value, self.choices) if isinstance(value, str) else ""
            yield where.problem(f"expected one of {', '.join(self.choices)}; got {describe(value)}{hint}")

    def json_schema(self):
        return {"enum": list(self.choices)}

    def summary(self):
        return "one of " + ", ".join(f"`{c}`" for c in self.choices)


NUMBER_MAX = 10**15  # far above any figure of the record, and exact both as an integer and as a float


@dataclass
class Number(Type):
    integer: bool = False
    minimum: float = 0

    maximum: float = NUMBER_MAX

    def check(self, value, where):
        ok = isinstance(value, int) if self.integer else isinstance(value, (int, float))
        if isinstance(value, LongNumber):
            yield where.problem(f"expected a number of at most {self.maximum:,}, got {describe(value)}")
        elif isinstance(value, bool) or not ok:
            yield where.problem(f"expected {'a whole number' if self.integer else 'a number'}, got {describe(value)}")
        elif value != value or value in (math.inf, -math.inf):
            shown = ".nan (not a number)" if value != value else f"{'-' if value < 0 else ''}.inf (infinity)"
            yield where.problem(f"expected a number, got {shown}; write the figure the source gives")
        elif value < self.minimum:
            yield where.problem(f"expected a number of at least {self.minimum}, got {value}")
        elif value > self.maximum:
            shown = f"a number of {len(str(value))} digits" if isinstance(value, int) else f"{value:g}"
            yield where.problem(f"expected a number of at most {self.maximum:,}, got {shown}")

    def json_schema(self):
        return {"type": "integer" if self.integer else "number", "minimum": self.minimum, "maximum": self.maximum}

    def summary(self):
        return f"{'whole ' if self.integer else ''}number, at least {self.minimum:g}"


@dataclass
class Boolean(Type):
    def check(self, value, where):
        if not isinstance(value, bool):
            yield where.problem(f"expected true or false, got {describe(value)}")

    def json_schema(self):
        return {"type": "boolean"}

    def summary(self):
        return "`true` or `false`"


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

    def build(self, value):
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

    def build(self, value):
        return None if value is None else self.inner.build(value)


@dataclass
class ListOf(Type):
    item: Type
    min_items: int = 0
    unique: bool = False

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
        schema = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.unique:
            schema["uniqueItems"] = True
        return schema

    def summary(self):
        inner = self.item.name if isinstance(self.item, Record) else self.item.summary()
        return f"list of {inner}" + (f" (at least {self.min_items})" if self.min_items else "")

    def build(self, value):
        return [self.item.build(v) for v in value or []]


@dataclass
class DateType(Type):
    """A date with its precision: ISO text, or a mapping when it is approximate or derived."""

    def check(self, value, where):
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # a bare year such as 2025 reads as a number
        if isinstance(value, str):
            yield from self._check_text(value, where)
            return
        if not isinstance(value, dict):
            yield where.problem(f"expected a date such as 2025-09-02 or a mapping with 'value', got {describe(value)}")
            return
        yield from DATE_RECORD.check(value, where)

    def _check_text(self, text, where):
        try:
            dates.parse_date(text)
        except dates.DateError as err:
            yield where.problem(f"{err}; got {text!r}")

    def json_schema(self):
        text = {"type": "string", "pattern": DATE_PATTERN}
        return {"anyOf": [text, {"type": "integer", "minimum": 1000, "maximum": 9999}, DATE_RECORD.json_schema()]}

    def summary(self):
        return "date: `2025-09-02`, `2025-09`, `2025`, a span `2025-11-24/2025-11-30`, `../2025-10-31` (on or before), `2025-11/..` (on or after); or a mapping (see *Date*)"

    def build(self, value) -> dates.FuzzyDate:
        if isinstance(value, dict):
            date = DATE_RECORD.build(value)
            return dates.parse_date(str(date.value), date.approximate, date.derived)
        return dates.parse_date(str(value))


_POINT_RX = r"(?!0000)\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?"  # no year 0000
DATE_PATTERN = rf"^({_POINT_RX}|({_POINT_RX}|\.\.)/({_POINT_RX}|\.\.))$"


class _DateValue(DateType):
    """The `value` inside a date mapping: text only."""

    def check(self, value, where):
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            yield where.problem(f"expected a date such as 2025-09-02, got {describe(value)}")
            return
        yield from self._check_text(value, where)

    def json_schema(self):
        return {"anyOf": [{"type": "string", "pattern": DATE_PATTERN}, {"type": "integer", "minimum": 1000, "maximum": 9999}]}

    def summary(self):
        return "date text: `2025-09-02`, `2025-09`, `2025`, `2025-11-24/2025-11-30`, `../2025-10-31`, `2025-11/..`"

    build = Type.build  # the text as written: DateType.build reads it with the mapping's other keys


@dataclass
class FieldSpec:
    name: str
    type: Type
    doc: str
    required: bool = False
    example: object = None
    translate: bool = False  # reader-facing prose that the Spanish edition translates (translations.py)
    default: object = None  # what Record.build gives when the key is absent or null (a list: empty)


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

    def build(self, value):
        built = {}
        for spec in self.fields:
            raw = value.get(spec.name) if isinstance(value, dict) else None
            if raw is None:
                raw = spec.default
            if raw is None:
                built[spec.name] = [] if isinstance(spec.type, ListOf) else None
            else:
                built[spec.name] = spec.type.build(raw)
        return Entry(**built)

    def nested_records(self) -> list:
        """This record and every record type reachable from it, each once, in order."""
        found, queue = [], [self]
        while queue:
            record = queue.pop(0)
            if record in found:
                continue
            found.append(record)
            for spec in record.fields:
                queue.extend(_records_in(spec.type))
        return found

    def __hash__(self):
        return id(self)

    def __eq__(self, other):
        return self is other


def _records_in(t: Type) -> list:
    if isinstance(t, Record):
        return [t]
    if isinstance(t, (ListOf,)):
        return _records_in(t.item)
    if isinstance(t, Nullable):
        return _records_in(t.inner)
    if isinstance(t, DateType) and not isinstance(t, _DateValue):
        return [DATE_RECORD]
    return []


class Entry(SimpleNamespace):
    """A built record: its fields as attributes. A name it lacks raises AttributeError, as on
    any object, so hasattr(), getattr() with a default, copy and pickle work. Two entries are
    equal only when they are the same one, like the objects of record.py (eq=False)."""

    __eq__ = object.__eq__
    __ne__ = object.__ne__
    __hash__ = object.__hash__


def _derived_needed(value, where):
    if value.get("approximate") is True and not value.get("derived"):
        yield where.problem("an approximate date needs 'derived': say how it was worked out (for example from 'last week' in an article of 1 December 2025)")


DATE_RECORD = Record(
    "Date",
    "A date with its precision, written as a mapping when it is approximate or worked out from the text.",
    [
        FieldSpec("value", _DateValue(), "The date or span in ISO form, as in the short form.", required=True,
                  example="2025-11-24/2025-11-30"),
        FieldSpec("approximate", Boolean(), "True when the text gives only an approximate date (such as 'last week').",
                  example=True, default=False),
        FieldSpec("derived", Text(600), "How the date was worked out from the text: required when approximate.",
                  example="The article of Monday 1 December 2025 says 'last week': 24-30 November 2025.", translate=True),
    ],
    [Rule(_derived_needed, {"if": {"properties": {"approximate": {"const": True}}, "required": ["approximate"]},
                            "then": {"required": ["derived"]}})],
)
