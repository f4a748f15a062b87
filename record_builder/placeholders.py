"""Placeholders: the values a contributor replaces in the templates (schema/*.template.yaml).

A template's values are placeholders, "FILL IN: what goes here", derived from the schema
like every other view of it. A placeholder left in a seed file gets exactly one message,
"fill in this placeholder: …", saying what the field takes, instead of the type,
id or date errors its text would otherwise give. The angle-bracket placeholders of the
earlier templates ("<title>") are recognised too, for files copied from them.
"""

from __future__ import annotations

import json
import re

from .load import Sequence
from .problems import Problem, Where
from .types import ListOf, Nullable, Record, Slug, child

MARK = "FILL IN"
_PLACEHOLDER = re.compile(rf"^\s*(?:{MARK}\b|<[a-z_]+>\s*$)")


def is_placeholder(value) -> bool:
    return isinstance(value, str) and _PLACEHOLDER.match(value) is not None


def what(spec) -> str:
    """What a field takes, in a few words: the first clause of its description."""
    first = re.split(r"(?<=[a-z)`'])[.;] ", spec.doc.strip().rstrip("."), maxsplit=1)[0]
    return first[:1].lower() + first[1:]


def placeholder(spec) -> str:
    """The template's value for a field, as YAML: a double-quoted "FILL IN: …"."""
    return json.dumps(f"{MARK}: {what(spec)}", ensure_ascii=False)


def find(record: Record, value, where: Where, file_stem: str | None = None) -> list[Problem]:
    """One problem for each placeholder left in a loaded value of this record type."""
    found: list[Problem] = []
    _walk(record, value, where, found, file_stem)
    return found


def _walk(record: Record, value, where: Where, found: list, file_stem: str | None) -> None:
    if not isinstance(value, dict):
        return
    for spec in record.fields:
        if spec.name not in value:
            continue
        inner_value = value[spec.name]
        inner_where = child(where, value, spec.name, spec.name)
        kind = spec.type.inner if isinstance(spec.type, Nullable) else spec.type
        if is_placeholder(inner_value):
            found.append(_problem(inner_where, spec, file_stem if spec.name == "id" else None))
        elif isinstance(kind, ListOf) and isinstance(inner_value, list):
            for index, item in enumerate(inner_value):
                line, column = (inner_value.item_marks[index] if isinstance(inner_value, Sequence)
                                else (inner_where.line, inner_where.column))
                item_where = Where(where.path, line, column, f"{inner_where.field}[{index}]")
                if is_placeholder(item):
                    found.append(_problem(item_where, spec))
                elif isinstance(kind.item, Record):
                    _walk(kind.item, item, item_where, found, None)
        elif isinstance(kind, Record) and isinstance(inner_value, dict):
            _walk(kind, inner_value, inner_where, found, None)


def _problem(where: Where, spec, file_stem: str | None = None) -> Problem:
    message = f"fill in this placeholder: {what(spec)} ({spec.type.summary()})"
    if file_stem and isinstance(spec.type, Slug):
        message += f"; for this file, {file_stem!r}"
    if not spec.required:
        message += f"; or delete the key {spec.name!r}, which is optional"
    return where.problem(message)
