"""The one model: what Record.build makes of a checked file behaves as an ordinary object, and
what a left-out key means is said once, by the schema."""

from __future__ import annotations

import copy
import pickle

import pytest

from support import FIXTURES, ROOT
from record_builder.formatdoc import json_schema
from record_builder.load import decode, parse
from record_builder.problems import Where
from record_builder.schema import KINDS
from record_builder.types import Boolean, Entry, ListOf


def _seed_files():
    found = []
    for seeds in (ROOT / "seeds", FIXTURES / "minimal" / "seeds"):
        found += [(kind, path) for kind in KINDS for path in sorted((seeds / kind).glob("*.yaml"))]
    return found


def _entries(value):
    """Every Entry inside a built value, the value itself first."""
    if isinstance(value, Entry):
        yield value
        for inner in vars(value).values():
            yield from _entries(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _entries(inner)


@pytest.fixture(scope="module")
def built() -> list:
    result = []
    for kind, path in _seed_files():
        data, problems = parse(decode(path.read_bytes(), path.name)[0], path.name)
        assert not problems, path
        result.append(KINDS[kind].build(data))
    return result


def test_every_field_of_the_schema_is_an_attribute(built):
    for entry, (kind, path) in zip(built, _seed_files()):
        assert {spec.name for spec in KINDS[kind].fields} <= set(vars(entry)), path


def test_a_missing_name_is_an_attribute_error(built):
    for entry in (e for top in built for e in _entries(top)):
        assert not hasattr(entry, "no_such_field")
        assert getattr(entry, "no_such_field", "fallback") == "fallback"
        with pytest.raises(AttributeError):
            entry.no_such_field  # noqa: B018 - the access is the test


def test_entries_copy_and_pickle(built):
    for entry in (e for top in built for e in _entries(top)):
        for twin in (copy.copy(entry), copy.deepcopy(entry), pickle.loads(pickle.dumps(entry))):
            assert type(twin) is Entry
            assert twin is not entry and twin != entry  # equal only to itself, like record.py's objects
            assert vars(twin).keys() == vars(entry).keys()
            assert [v for v in vars(twin).values() if not isinstance(v, (Entry, list))] == \
                   [v for v in vars(entry).values() if not isinstance(v, (Entry, list))]


def test_entries_are_equal_only_to_themselves():
    first, second = Entry(a=1), Entry(a=1)
    assert first == first and not first != first
    assert first != second and not first == second
    assert len({first, second, first}) == 2


def _fields():
    records = {id(r): r for root in KINDS.values() for r in root.nested_records()}
    return [(record, spec) for record in records.values() for spec in record.fields]


def test_defaults_are_valid_values_of_optional_fields():
    for record, spec in _fields():
        if spec.default is not None:
            assert not spec.required, (record.name, spec.name)
            assert not list(spec.type.check(spec.default, Where("x.yaml", 1, 1, spec.name))), (record.name, spec.name)
        if isinstance(spec.type, Boolean) and not spec.required:
            assert spec.default is not None, f"{record.name}.{spec.name}: a yes-or-no field left out must mean one"


def test_a_key_left_out_or_null_builds_to_its_default_from_the_schema():
    for record in {id(r): r for root in KINDS.values() for r in root.nested_records()}.values():
        for value in ({}, {spec.name: None for spec in record.fields}):
            entry = record.build(value)
            for spec in record.fields:
                expected = [] if isinstance(spec.type, ListOf) else spec.default
                assert getattr(entry, spec.name) == expected, (record.name, spec.name)


def test_the_json_schema_gives_each_default():
    for kind in KINDS:
        schema = json_schema(kind)
        definitions = {schema["title"].split(" ")[0]: schema, **schema["$defs"]}
        for record in KINDS[kind].nested_records():
            for spec in record.fields:
                shown = definitions[record.name]["properties"][spec.name]
                assert shown.get("default") == spec.default, (record.name, spec.name)
