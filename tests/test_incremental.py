"""The incremental build (record_builder/incremental.py) is never staler than a full build.

A random walk of edits over a copy of the record (texts, dates, references, deletions, renames,
new files, catalogs, actors); after each, the incremental build must leave exactly what a full
build makes: `build_pages.py --check`, which renders every page and compares it with the disk,
finds nothing out of date, missing or left over. An edit that makes the record invalid is
undone (the build must then have written nothing).
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support import ROOT, Result, build_in_process, snapshot

EDITS = int(os.environ.get("INCREMENTAL_EDITS", "14"))


def _yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _sources(root: Path) -> list[Path]:
    return sorted((root / "seeds" / "sources").glob("*.yaml"))


def _catalogs(root: Path, seed: Path) -> list[Path]:
    relative = seed.relative_to(root / "seeds").with_suffix(".po")
    return sorted((root / "translations").glob(f"*/{relative.as_posix()}"))


def edit_text(root: Path, rng: random.Random) -> str:
    path = rng.choice(_sources(root))
    data = _yaml(path)
    data["summary"] = f"An edited opening sentence {rng.randrange(1000)}. {data['summary']}"
    _dump(path, data)
    return f"text of {path.name}"


def edit_date(root: Path, rng: random.Random) -> str:
    """An account dated less precisely: a day becomes its month, a month its year."""
    dated = []
    for path in _sources(root):
        data = _yaml(path)
        dated += [(path, data, e) for e in data.get("events") or []
                  if re.fullmatch(r"\d{4}-\d\d(-\d\d)?", str(e.get("date")))]
    if not dated:
        return "no date"
    path, data, account = rng.choice(dated)
    account["date"] = str(account["date"]).rsplit("-", 1)[0]
    _dump(path, data)
    return f"date of {account.get('event')} in {path.name}"


def edit_reference(root: Path, rng: random.Random) -> str:
    path = rng.choice(_sources(root))
    data = _yaml(path)
    actors = sorted({role["actor"] for role in data.get("actors") or []})  # a speaker is one of the source's actors
    said = [s for s in data.get("statements") or [] if s.get("by")]
    if not said or not actors:
        return "no reference"
    statement = rng.choice(said)
    statement["by"] = rng.choice(actors)
    _dump(path, data)
    return f"speaker of a statement in {path.name}"


def delete_source(root: Path, rng: random.Random) -> str:
    path = rng.choice(_sources(root))
    for catalog in _catalogs(root, path):
        catalog.unlink()
    path.unlink()
    return f"deleted {path.name}"


def rename_source(root: Path, rng: random.Random) -> str:
    path = rng.choice(_sources(root))
    new = path.with_name(f"{path.stem}-r{rng.randrange(100)}.yaml")
    data = _yaml(path)
    data["id"] = new.stem
    _dump(new, data)
    for catalog in _catalogs(root, path):
        catalog.rename(catalog.with_name(new.stem + ".po"))
    path.unlink()
    return f"renamed {path.name} to {new.name}"


def new_source(root: Path, rng: random.Random) -> str:
    path = rng.choice(_sources(root))
    new = path.with_name(f"{path.stem}-n{rng.randrange(100)}.yaml")
    data = _yaml(path)
    data["id"] = new.stem
    data["title"] = f"Another report {rng.randrange(1000)}"
    _dump(new, data)
    return f"new {new.name}"


def edit_catalog(root: Path, rng: random.Random) -> str:
    catalogs = sorted((root / "translations").glob("*/sources/*.po"))
    if not catalogs:
        return "no catalog"
    path = rng.choice(catalogs)
    text = path.read_text(encoding="utf-8")
    found = [m for m in re.finditer(r'^msgstr "(.+)"$', text, re.M)]
    if not found:
        return "no msgstr"
    match = rng.choice(found)
    text = text[:match.start(1)] + "Texto revisado. " + text[match.start(1):]
    path.write_text(text, encoding="utf-8")
    return f"catalog {path.name}"


def edit_actor(root: Path, rng: random.Random) -> str:
    path = rng.choice(sorted((root / "seeds" / "actors").glob("*.yaml")))
    data = _yaml(path)
    data["name"] = f"{data['name']} Edited{rng.randrange(1000)}"
    _dump(path, data)
    return f"actor {path.name}"


EDIT_KINDS = [edit_text, edit_date, edit_reference, delete_source, rename_source, new_source, edit_catalog,
              edit_actor]


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the record, with its catalogs."""
    root = tmp_path / "project"
    for folder in ("seeds", "translations"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


@pytest.fixture
def synthetic(tmp_path) -> Path:
    """A synthetic corpus (bench/synthetic_corpus.py): more sources telling the same events, more links across files."""
    from synthetic_corpus import write_corpus

    root = tmp_path / "synthetic"
    write_corpus(root, events=150, seed=11)
    (root / "translations").mkdir(exist_ok=True)
    return root


def _inputs(root: Path) -> dict:
    return {folder: snapshot(root / folder) for folder in ("seeds", "translations")}


def _restore(root: Path, inputs: dict) -> None:
    for folder, files in inputs.items():
        shutil.rmtree(root / folder)
        for relative, data in files.items():
            target = root / folder / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


class Staying:
    """`build_pages.py --stay`, as `mkdocs serve` runs it: one process, asked for each build,
    which keeps every unchanged file as it loaded it."""

    def __init__(self, root: Path):
        self.errors = open(root.parent / "stay-errors.txt", "w+", encoding="utf-8")
        self.root = root
        self.process = self._start()

    def _start(self) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, str(ROOT / "build_pages.py"), "--root", str(self.root), "--stay"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.errors, text=True)

    def __call__(self, root: Path) -> Result:
        start = self.errors.tell()
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write("build\n")
        self.process.stdin.flush()
        lines = []
        for line in self.process.stdout:
            if line == "build-done restart\n":  # the generator's code changed (someone is editing it): as serve does
                self.process.wait(timeout=60)
                self.process = self._start()
                return self(root)
            if line.startswith("build-done "):
                self.errors.seek(start)
                return Result(int(line.split()[1]), "".join(lines), self.errors.read())
            lines.append(line)
        raise AssertionError("build_pages.py --stay stopped")

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        assert self.process.wait(timeout=60) == 0
        self.errors.close()


@pytest.mark.parametrize("corpus, builder", [("project", "once"), ("synthetic", "once"), ("project", "staying")])
def test_after_random_edits_the_incremental_build_is_the_full_build(corpus, builder, request):
    project = request.getfixturevalue(corpus)
    build = Staying(project) if builder == "staying" else build_in_process
    try:
        _random_edits(project, build)
    finally:
        if isinstance(build, Staying):
            build.close()


def _random_edits(project: Path, build) -> None:
    seed = int(os.environ.get("INCREMENTAL_SEED", "25"))
    rng = random.Random(seed)
    first = build(project)
    assert first.code == 0, first.err
    applied = []
    for kind in [rng.choice(EDIT_KINDS) for _ in range(EDITS)] + EDIT_KINDS:
        before = _inputs(project)
        pages_before = snapshot(project / "docs")
        what = kind(project, rng)
        built = build(project)
        if built.code != 0:  # the edit broke the record: nothing may have been written
            assert snapshot(project / "docs") == pages_before, what
            _restore(project, before)
            continue
        applied.append(what)
        check = build_in_process(project, "--check")
        assert check.code == 0, f"seed {seed}, after {applied}: the incremental build left\n{check.err}"
    kinds = {what.split()[0] for what in applied} - {"no"}
    assert len(kinds) >= 5, applied


def test_an_edit_renders_only_the_pages_that_read_it(project):
    assert build_in_process(project).code == 0
    edit_text(project, random.Random(1))
    built = build_in_process(project)
    assert built.code == 0, built.err
    written = int(re.search(r"Wrote (\d+) file", built.out).group(1))
    total = len(list((project / "docs").rglob("*.md")))
    assert 0 < written < total / 4, built.out


def test_a_page_edited_by_hand_is_made_again(project):
    assert build_in_process(project).code == 0
    page = next(p for p in sorted((project / "docs" / "sources").glob("*.md")))
    page.write_text(page.read_text(encoding="utf-8") + "\nhand edit\n", encoding="utf-8")
    edit_actor(project, random.Random(2))  # something else changes, so the build runs
    assert build_in_process(project).code == 0
    assert "hand edit" not in page.read_text(encoding="utf-8")
    assert build_in_process(project, "--check").code == 0


def test_a_corrupt_state_means_a_full_build(project):
    assert build_in_process(project).code == 0
    path = project / ".cache" / "build-reads.json"
    state = json.loads(path.read_text(encoding="utf-8"))
    state["langs"]["en"]["jobs"] = {"fixed": 3}
    state["langs"]["es"]["reads"] = "nonsense"
    path.write_text(json.dumps(state), encoding="utf-8")
    edit_text(project, random.Random(3))
    built = build_in_process(project)
    assert built.code == 0, built.err
    assert build_in_process(project, "--check").code == 0


def test_a_hostile_state_means_a_full_build(project):
    """What a pull request can commit under .cache/ makes the build do no more than build everything."""
    assert build_in_process(project).code == 0
    (project / ".cache" / "build-reads.json").write_text("[" * 200_000, encoding="utf-8")  # too deep for json
    edit_text(project, random.Random(4))
    built = build_in_process(project)
    assert built.code == 0, built.err
    assert build_in_process(project, "--check").code == 0


def test_a_cache_folder_that_is_a_link_is_never_written_through(project, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / ".cache").symlink_to(elsewhere, target_is_directory=True)
    assert build_in_process(project).code == 0
    edit_text(project, random.Random(5))
    assert build_in_process(project).code == 0
    assert list(elsewhere.iterdir()) == []
    assert build_in_process(project, "--check").code == 0
