"""The one model: each record of the schema builds its own model class (model.py), whose fields
are the schema's, declared once; the built objects behave as ordinary objects; and what a
left-out key means is said once, by the schema."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from support import FIXTURES, ROOT
from record_builder.formatdoc import json_schema
from record_builder.load import decode, parse
from record_builder.problems import Where
from record_builder.schema import KINDS
from record_builder import model
from record_builder.datetype import DATE_RECORD
from record_builder.scalars import Boolean
from record_builder.types import FieldSpec, ListOf, Record, Text


def _seed_files():
    found = []
    for seeds in (ROOT / "seeds", FIXTURES / "minimal" / "seeds"):
        found += [(kind, path) for kind in KINDS for path in sorted((seeds / kind).glob("*.yaml"))]
    return found


def _entries(value):
    """Every model object inside a built value, the value itself first."""
    if isinstance(value, model._Model):
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


def test_every_record_of_the_schema_builds_its_own_model_class(built):
    assert model.unmodelled() == []
    for entry, (kind, path) in zip(built, _seed_files()):
        assert type(entry) is KINDS[kind].model, path
        assert {spec.name for spec in KINDS[kind].fields} <= set(vars(entry)), path
    for record in {id(r): r for root in KINDS.values() for r in root.nested_records()}.values():
        if record is not DATE_RECORD:
            fields = [f.name for f in dataclasses.fields(record.model)]
            assert fields[:len(record.fields)] == [spec.name for spec in record.fields], record.name


def test_a_field_added_to_the_schema_is_a_field_of_its_model_with_no_second_declaration():
    record = Record("Thing", "A test record.", [FieldSpec("name", Text(), "Its name.", required=True),
                                                FieldSpec("tags", ListOf(Text()), "Its tags.")])

    @model.model_of(record)
    class Thing(model._Model):
        pass

    thing = record.build({"name": "  a   name ", "tags": ["x"]})
    assert type(thing) is Thing and thing.name == "a name" and thing.tags == ["x"]
    assert record.build({"name": "b"}).tags == []
    with pytest.raises(TypeError, match="declares name"):
        @model.model_of(record)
        class Twice(model._Model):
            name: str = ""


def test_a_missing_name_is_an_attribute_error(built):
    for entry in (e for top in built for e in _entries(top)):
        assert not hasattr(entry, "no_such_field")
        assert getattr(entry, "no_such_field", "fallback") == "fallback"
        with pytest.raises(AttributeError):
            entry.no_such_field  # noqa: B018 - the access is the test


def test_entries_copy_and_pickle(built):
    for entry in (e for top in built for e in _entries(top)):
        for twin in (copy.copy(entry), copy.deepcopy(entry), pickle.loads(pickle.dumps(entry))):
            assert type(twin) is type(entry)
            assert twin is not entry and twin != entry  # equal only to itself, like record.py's objects
            assert vars(twin).keys() == vars(entry).keys()
            assert [v for v in vars(twin).values() if not isinstance(v, (model._Model, list))] == \
                   [v for v in vars(entry).values() if not isinstance(v, (model._Model, list))]


def test_entries_are_equal_only_to_themselves():
    first, second = model.Correction(date=None, what="a", why="b"), model.Correction(date=None, what="a", why="b")
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
        if record is DATE_RECORD:
            continue  # a date builds a dates.FuzzyDate, from its text (tests/test_dates.py)
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
