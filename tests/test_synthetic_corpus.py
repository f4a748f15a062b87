"""The benchmark's synthetic corpus (bench/synthetic_corpus.py) is valid and deterministic."""

from __future__ import annotations

from support import run_build, snapshot

from synthetic_corpus import write_corpus


def test_a_small_synthetic_corpus_builds_without_problems(tmp_path):
    counts = write_corpus(tmp_path / "project", events=20, seed=7)
    assert counts["sources"] == 2 and counts["actors"] > 0 and counts["legal"] > 0
    result = run_build(tmp_path / "project")
    assert result.code == 0, result.err
    assert (tmp_path / "project/docs/timeline.md").exists()
    # what mkdocs build needs beside the seeds
    for path in ("mkdocs.yml", "overrides/main.html", "docs/methodology.md"):
        assert (tmp_path / "project" / path).exists(), path


def test_the_same_seed_gives_byte_identical_files(tmp_path):
    write_corpus(tmp_path / "a", events=20, seed=3)
    write_corpus(tmp_path / "b", events=20, seed=3)
    write_corpus(tmp_path / "c", events=20, seed=4)
    assert snapshot(tmp_path / "a/seeds") == snapshot(tmp_path / "b/seeds")
    assert snapshot(tmp_path / "a/seeds") != snapshot(tmp_path / "c/seeds")
