"""Views derived from the one schema: the editors' JSON Schema and the format reference page.

Nothing here describes a field by hand; it only reads record_builder.schema.
"""

from __future__ import annotations

import json

from . import placeholders
from .rules import editor_schema_line
from .schema import KINDS
from .types import ListOf, Nullable, Record
from .write import GENERATED_MARK, GENERATED_WORDS

SCHEMA_BASE = "https://json-schema.org/draft/2020-12/schema"


# What the date syntax is, by the standard's name: said once, on the Date record of the reference.
DATE_SYNTAX = (
    " The date text is a subset of EDTF, the Extended Date/Time Format of ISO 8601-2 (specified by the"
    " Library of Congress): a day, a month, a year, or an interval `start/end` of them is EDTF level 0;"
    " an open end `..` is level 1. Where EDTF marks an approximate date with `~` (level 1), a seed file"
    " says `approximate: true`; the [exports](exports.md) give both."
)


def json_schema(kind: str) -> dict:
    """The JSON Schema of one kind of seed file, with every nested record under $defs."""
    root: Record = KINDS[kind]
    nested = root.nested_records()
    schema = {
        "$schema": SCHEMA_BASE,
        "$comment": f"{GENERATED_WORDS} from record_builder/schema.py: edit that file, not this one.",
        "title": f"{root.name} (seeds/{kind}/<id>.yaml)",
        **{k: v for k, v in root.definition().items() if k != "title"},
        "$defs": {r.name: r.definition() for r in nested if r is not root},
    }
    return schema


def records() -> list[dict]:
    """Every record type, once, with its fields, for the format reference page."""
    seen, result = set(), []
    for kind, root in KINDS.items():
        for record in root.nested_records():
            if record.name in seen:
                continue
            seen.add(record.name)
            result.append({
                "name": record.name,
                "doc": record.doc + (DATE_SYNTAX if record.name == "Date" else ""),
                "file": f"seeds/{kind}/<id>.yaml" if record is root else None,
                "fields": [
                    {"name": f.name, "required": f.required, "type": f.type.summary(), "doc": f.doc,
                     "example": None if f.example is None else json.dumps(f.example, ensure_ascii=False),
                     "default": None if f.default is None else json.dumps(f.default)}
                    for f in record.fields
                ],
            })
    return result


def yaml_template(kind: str) -> str:
    """A YAML file a contributor copies and fills in: every key, marked required or optional,
    with a "FILL IN: …" placeholder for its value (placeholders.py), never a real source's
    values, so nothing from another article is carried over unnoticed."""
    root: Record = KINDS[kind]
    lines = [
        editor_schema_line(kind),  # the line the validator asks for (rules.py)
        f"{GENERATED_MARK} from record_builder/schema.py: a template, edit the schema to change it.",
        f"# {root.name}: {root.doc}",
        f"# Copy this file to seeds/{kind}/<id>.yaml. Replace each {placeholders.MARK} value and delete the",
        "# optional keys you do not use (with a list item, delete the whole item). Then run",
        "# `python3 tasks.py site`: it names every placeholder still to fill in, by line.",
        "",
    ]
    lines += _template_fields(root, indent="")
    return "\n".join(lines) + "\n"


# A field that stands instead of another (a statement has `by` or `unattributed`, never both) is
# written as a comment: a template with both filled in would be refused whatever was written.
INSTEAD_OF = {("Statement", "unattributed"): "by"}


def _template_fields(record: Record, indent: str) -> list[str]:
    lines = []
    for number, spec in enumerate(record.fields):
        lead = indent
        if indent.endswith("- ") and number:
            lead = indent[:-2] + "  "
        comment_indent = lead.replace("-", " ")
        instead = INSTEAD_OF.get((record.name, spec.name))
        if instead:
            lines.append(f"{comment_indent}# instead of `{instead}`: {spec.doc} Replace the `{instead}:` line with")
            lines.append(f"{comment_indent}# {spec.name}: <{spec.type.summary()}>")
            continue
        need = "REQUIRED" if spec.required else "optional"
        example = "" if spec.example is None else f" For example: {_example(spec.example)}"
        lines.append(f"{comment_indent}# {need}: {spec.doc} ({spec.type.summary()}){example}")
        inner = spec.type.inner if isinstance(spec.type, Nullable) else spec.type
        if isinstance(inner, ListOf) and isinstance(inner.item, Record):
            lines.append(f"{lead}{spec.name}:")
            lines += _template_fields(inner.item, indent=comment_indent + "  - ")
        elif isinstance(inner, Record) and inner.name != "Date":
            lines.append(f"{lead}{spec.name}:")
            lines += _template_fields(inner, indent=comment_indent + "  ")
        else:
            lines.append(f"{lead}{spec.name}: {_placeholder(spec)}")
    return lines


def _example(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_example(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _placeholder(spec) -> str:
    """The value to replace. A field with a default (a yes-or-no field's `false`) starts at it,
    which is right as it stands."""
    if spec.default is not None:
        return _example(spec.default)
    if isinstance(spec.type, ListOf):
        return f"[{placeholders.placeholder(spec)}]"
    return placeholders.placeholder(spec)


def schema_path(kind: str) -> str:
    """schema/source.schema.json for seeds/sources/, and so on: what the YAML files point to."""
    return f"schema/{kind.removesuffix('s')}.schema.json"


def json_schema_text(kind: str) -> str:
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def schema_files() -> dict[str, str]:
    """The editor's JSON Schema and a template of each kind of seed file, by path."""
    out = {}
    for kind in KINDS:
        out[schema_path(kind)] = json_schema_text(kind)
        out[schema_path(kind).replace(".schema.json", ".template.yaml")] = yaml_template(kind)
    return out
