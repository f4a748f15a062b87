"""The fast paths give the same answers as the slow ones.

- the loader reads each scalar exactly as yaml.SafeLoader does, without its bookkeeping.
"""

from __future__ import annotations

import math

import pytest
import yaml

from record_builder import load


# ---- the loader ----------------------------------------------------------------------------


class _SafeLoaderWithoutTimestamps(yaml.SafeLoader):
    pass


_SafeLoaderWithoutTimestamps.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

SCALARS = [
    "0", "-0", "+12", "017", "0o17", "0x1F", "0b101", "1_000", "190:20:30", "-1:30", "12", "3.5", "-.5", "1e3",
    "1.5e3", "6.8523015e+5", "190:20:30.15", ".inf", "-.Inf", "+.INF", ".nan", ".NaN", "1_0.5", "yes", "No", "ON",
    "off", "true", "False", "y", "n", "~", "null", "Null", "", "2025-01-01", "2025", "2025-13", "text", "'3'",
    '"0x1F"', "!!str 12", "!!int '12'", "!!int 0x10", "!!float '1'", "!!float 2", "!!bool 'yes'", "!!null ''",
    "!!str", "'  spaced  '", "|\n  block\n  text\n", ">-\n  folded\n  text\n", "é", "00", "0.", "+", "1:0",
]


@pytest.mark.parametrize("scalar", SCALARS)
def test_scalars_are_read_exactly_as_safe_loader_reads_them(scalar):
    text = f"value: {scalar}\n"
    expected = yaml.load(text, Loader=_SafeLoaderWithoutTimestamps)["value"]
    data, problems = load.parse(text, "x.yaml")
    assert problems == []
    got = data["value"]
    assert type(got) is type(expected)
    assert got == expected or (isinstance(got, float) and math.isnan(got) and math.isnan(expected))


def test_scalars_in_lists_and_nested_mappings_too():
    text = "a: [1, 0x10, yes, ~, 1.5, x]\nb:\n  c: -2\n  d:\n    - e: .inf\n      f: [[No, 0b11]]\n"
    assert load.parse(text, "x.yaml")[0] == yaml.load(text, Loader=_SafeLoaderWithoutTimestamps)


def test_aliases_and_tags_are_still_refused_with_their_place():
    text = "a: &x 1\nb: *x\nc: !!binary aGVsbG8=\nd: !!python/name:os.system\ne: [&y t, *y]\n"
    data, problems = load.parse(text, "x.yaml")
    # compose() hands back the anchored node for an alias, so the place shown is the anchor's
    assert [(p.line, p.column, p.message[:40]) for p in problems] == [
        (1, 4, "YAML anchors and aliases (& and *) are n"),
        (3, 4, "YAML tags are not allowed (expected plai"),
        (4, 4, "YAML tags are not allowed (expected plai"),
        (5, 5, "YAML anchors and aliases (& and *) are n"),
    ]
    assert data == {"a": 1, "b": None, "c": None, "d": None, "e": ["t", None]}
