"""site_hooks/parallel_build.py: a large site built on two cores is the site built on one."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from support import ROOT, run_build, snapshot

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked, which needs Linux")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A 300-event synthetic record: a few hundred pages, so the workers get real work."""
    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic_corpus import write_corpus

    root = tmp_path_factory.mktemp("parallel-build") / "project"
    write_corpus(root, events=300, seed=11)
    assert run_build(root).code == 0
    return root


def mkdocs_build(root, site, jobs: str):
    env = {**os.environ, "MKDOCS_JOBS": jobs, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("REPO_URL", None)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=root, env=env, capture_output=True, text=True, timeout=300)


def test_two_processes_build_the_same_site_byte_for_byte(project, tmp_path):
    one = mkdocs_build(project, tmp_path / "one", "1")
    two = mkdocs_build(project, tmp_path / "two", "2")
    assert one.returncode == 0, one.stderr
    assert two.returncode == 0, two.stderr
    assert "Page skipped" not in two.stderr  # the pages the worker wrote are not reported as skipped
    serial, parallel = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert len([p for p in serial if p.endswith(".html")]) > 80
    assert sorted(serial) == sorted(parallel)
    assert [path for path in serial if serial[path] != parallel[path]] == []


def test_a_warning_in_a_worker_still_fails_the_strict_build(project, tmp_path):
    # The last source page is converted and written by the worker (the parent keeps the first pages).
    last = sorted((project / "docs/sources").glob("*.md"))[-1]
    original = last.read_text(encoding="utf-8")
    try:
        last.write_text(original + "\n[broken](no-such-page.md)\n", encoding="utf-8")
        done = mkdocs_build(project, tmp_path / "site", "2")
    finally:
        last.write_text(original, encoding="utf-8")
    assert done.returncode != 0
    assert f"Doc file 'sources/{last.name}' contains a link 'no-such-page.md'" in done.stderr
    assert "Aborted with 1 warnings in strict mode!" in done.stdout + done.stderr


def test_mkdocs_jobs_must_be_a_positive_number(project, tmp_path):
    done = mkdocs_build(project, tmp_path / "site", "zero")
    assert done.returncode != 0
    assert "MKDOCS_JOBS: expected a whole number of processes, 1 or more; got 'zero'" in done.stderr


class FakeFile:
    def __init__(self, uri):
        self.src_uri = uri


def test_pages_are_shared_out_from_both_ends_with_none_twice_and_none_left_out():
    sys.path.insert(0, str(ROOT / "site_hooks"))
    import parallel_build

    pages = [FakeFile(f"p{i}.md") for i in range(10)]
    step = parallel_build._Step(pages, 0, None)  # no worker forked: this process plays both parts
    worker = step.taken_by_worker()
    taken = [next(worker)[0], next(worker)[0]]  # the worker starts from the back
    mkdocs = [i for i, file in enumerate(pages) if step.mine(file)]  # MkDocs asks in order
    taken += [position for position, _file in worker]
    assert taken == [9, 8]
    assert mkdocs == list(range(8))
    assert step.mine(pages[9]) is False and step.mine_by_uri("other.md") is True

    step = parallel_build._Step(pages, 0, None)
    worker = step.taken_by_worker()
    mine = [step.mine(file) for file in pages[:4]]  # MkDocs first takes four
    taken = [position for position, _file in worker]  # then the worker the rest, from the back
    assert mine == [True] * 4 and taken == [9, 8, 7, 6, 5, 4]
    assert [step.mine(file) for file in pages[4:]] == [False] * 6
