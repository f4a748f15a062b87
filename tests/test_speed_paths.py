"""The fast paths give the same answers as the slow ones.

- the loader reads each scalar exactly as yaml.SafeLoader does, without its bookkeeping;
- the checks across files walk the references once and follow `part_of` chains in linear
  time, with the same problems as before;
- loading, checking and resolving leave no reference cycles, so the build can rest the
  garbage collector while it does them (record_builder/cli.py).

The build stamp has its own tests: test_build_stamp.py.
"""

from __future__ import annotations

import gc
import math
import random
from pathlib import Path

import pytest
import yaml

from record_builder import cli, load
from record_builder.load import Sequence
from record_builder.problems import Where
from record_builder.schema import KINDS
from record_builder.types import ListOf, Nullable, Record, Ref, child
from record_builder.validate import Checked, check_across, load_and_check, references

from synthetic_corpus import write_corpus


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


# ---- the checks across files -------------------------------------------------------------


def _references_one_by_one(t, value, where):
    """The walk as it was: every field of every record, one Where at a time (the reference)."""
    if value is None:
        return
    if isinstance(t, Ref):
        yield t.target, value, where
    elif isinstance(t, Nullable):
        yield from _references_one_by_one(t.inner, value, where)
    elif isinstance(t, ListOf):
        for index, item in enumerate(value):
            line, col = value.item_marks[index] if isinstance(value, Sequence) else (where.line, where.column)
            yield from _references_one_by_one(t.item, item, Where(where.path, line, col, f"{where.field}[{index}]"))
    elif isinstance(t, Record) and isinstance(value, dict):
        for spec in t.fields:
            if spec.name in value:
                yield from _references_one_by_one(spec.type, value[spec.name],
                                                  child(where, value, spec.name, spec.name))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("synthetic")
    write_corpus(root, events=300, seed=5)
    return root


def test_the_single_walk_finds_every_reference_where_it_was(synthetic):
    checked, problems = load_and_check(synthetic / "seeds", synthetic)
    assert problems == []
    count = 0
    for kind, files in checked.files.items():
        for loaded in files:
            where = Where(loaded.path, loaded.data.line, loaded.data.column)
            expected = list(_references_one_by_one(KINDS[kind], loaded.data, where))
            assert list(references(KINDS[kind], loaded.data, where)) == expected
            count += len(expected)
    assert count > 1000


def _actors(parents: dict) -> Checked:
    checked = Checked()
    for ident, parent in parents.items():
        text = f"id: {ident}\nname: {ident.title()}\nkind: group\n" + (f"part_of: {parent}\n" if parent else "")
        data, problems = load.parse(text, f"seeds/actors/{ident}.yaml")
        assert not problems
        checked.files["actors"].append(load.LoadedFile(f"seeds/actors/{ident}.yaml", data))
    return checked


def _on_a_cycle(parents: dict) -> set:
    """The quadratic definition: follow each actor's chain and see if it comes back."""
    found = set()
    for start in parents:
        seen, current = set(), start
        while current is not None and current not in seen:
            seen.add(current)
            current = parents.get(current)
        if current == start:
            found.add(start)
    return found


@pytest.mark.parametrize("seed", range(30))
def test_part_of_cycles_are_found_in_one_pass(seed):
    rng = random.Random(seed)
    ids = [f"a{i}" for i in range(rng.randint(1, 40))]
    parents = {i: (rng.choice(ids + ["outside"]) if rng.random() < 0.8 else None) for i in ids}
    problems = [p for p in check_across(_actors(parents)) if "goes round in a circle" in p.message]
    assert {Path(p.path).stem for p in problems} == _on_a_cycle(parents)
    assert all(p.field == "part_of" and p.line == 4 for p in problems)


def test_a_long_part_of_chain_ending_in_a_loop():
    parents = {f"a{i}": f"a{i + 1}" for i in range(2_000)}
    parents["a2000"] = "a1999"
    cycle = [p for p in check_across(_actors(parents)) if "goes round" in p.message]
    assert sorted(Path(p.path).stem for p in cycle) == ["a1999", "a2000"]


# ---- the garbage collector --------------------------------------------------------------------


def test_loading_checking_and_resolving_leave_no_reference_cycles(synthetic):
    from record_builder.record import build_record

    build_record(load_and_check(synthetic / "seeds", synthetic)[0])  # imports and caches, once
    was_enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        checked, problems = load_and_check(synthetic / "seeds", synthetic)
        record = build_record(checked)
        unreachable = gc.collect()
    finally:
        if was_enabled:
            gc.enable()
    assert problems == [] and record.events
    assert unreachable == 0  # so the build may rest the collector while it does this (cli.run)


def test_the_build_gives_the_collector_back(corpus):
    # main() with its own arguments: always a full build (no stamp)
    gc.enable()
    frozen = gc.get_freeze_count()
    assert cli.main(["--root", str(corpus)]) == 0
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    gc.disable()
    try:
        assert cli.main(["--root", str(corpus)]) == 0
        assert not gc.isenabled()
    finally:
        gc.enable()
