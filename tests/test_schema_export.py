"""The editor JSON Schema is derived from the one schema and agrees with the validator."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from conftest import ROOT
from record_builder.formatdoc import json_schema
from record_builder.load import parse
from record_builder.schema import KINDS
from record_builder.types import Record
from record_builder.problems import Where


def _real_files():
    return [(kind, path) for kind in KINDS for path in sorted((ROOT / "seeds" / kind).glob("*.yaml"))]


@pytest.mark.parametrize("kind,path", _real_files(), ids=lambda v: getattr(v, "name", v))
def test_json_schema_accepts_every_real_seed_file(kind, path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data = json.loads(json.dumps(data, default=str))  # dates as text, as the loader keeps them
    jsonschema.validate(data, json_schema(kind))


def test_every_real_file_points_at_its_schema():
    for kind, path in _real_files():
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../schema/{kind.removesuffix('s')}.schema.json", path


def test_committed_schema_files_are_the_derived_ones():
    for kind in KINDS:
        committed = json.loads((ROOT / "schema" / f"{kind.removesuffix('s')}.schema.json").read_text())
        assert committed == json_schema(kind)


INVALID = {
    "actors": [
        "name: A\nkind: person\n",  # missing id
        "id: a\nname: A\nkind: persn\n",  # bad enum
        "id: A B\nname: A\nkind: person\n",  # not a slug
        "id: a\nname: A\nkind: person\nnickname: x\n",  # unknown key
        "id: a\nname: 42\nkind: person\n",  # wrong type
        "id: a\nname: <b>A</b>\nkind: person\n",  # markup
        "- id: a\n",  # not a mapping
        "id: a\nname: A\nkind: person\naliases: x\n",  # text for list
    ],
    "legal": [
        "id: q\ntitle: T\n",  # missing question
        "id: q\ntitle: T\nquestion: Q?\norder: -1\n",  # below minimum
    ],
}


@pytest.mark.parametrize("kind,text", [(k, t) for k, ts in INVALID.items() for t in ts])
def test_json_schema_rejects_what_the_validator_rejects(kind, text):
    record: Record = KINDS[kind]
    data, problems = parse(text, "x.yaml")
    assert not problems
    assert list(record.check(data, Where("x.yaml", 1, 1)))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load(text), json_schema(kind))
