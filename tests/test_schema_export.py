"""The editor JSON Schema is derived from the one schema and agrees with the validator."""

from __future__ import annotations

import json
import shutil

import jsonschema
import pytest
import yaml

from support import FIXTURES, ROOT
from record_builder.formatdoc import json_schema
from record_builder.load import LoadedFile, decode, parse
from record_builder.schema import KINDS
from record_builder.validate import check_structure
from test_bad_input import CASES

# What only the validator can see: calendar validity, the file's name, comparisons of two values.
VALIDATOR_ONLY = {"impossible month", "31 February", "span ending before it starts", "id not matching file name"}


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


@pytest.mark.parametrize("name", [n for n, (_, m) in CASES.items() if m and n not in VALIDATOR_ONLY])
def test_json_schema_and_validator_agree_on_the_catalogue(tmp_path, name):
    """For every file the loader can read, the JSON Schema rejects it exactly when the validator does."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal" / "seeds", root / "seeds")
    CASES[name][0](root)
    compared = 0
    for kind in KINDS:
        for path in sorted((root / "seeds" / kind).glob("*.yaml")):
            text, problems = decode(path.read_bytes(), path.name)
            data, problems = parse(text, path.name) if text is not None else (None, problems)
            if problems or data is None:
                continue  # not YAML the loader accepts: no structure to compare
            shown = f"seeds/{kind}/{path.name}"
            validator_rejects = bool(check_structure(LoadedFile(shown, data), kind))
            schema_rejects = not jsonschema.Draft202012Validator(json_schema(kind)).is_valid(data)
            assert schema_rejects == validator_rejects, (shown, validator_rejects)
            compared += 1
    assert compared
