"""Writing: deterministic, only what changed, never a hand-written page, nothing half-written."""

from __future__ import annotations

import dataclasses
import shutil
import signal

import pytest

from support import run_build, snapshot
from record_builder import write
from record_builder.cli import default_stages, main

ACTOR_YAML = "seeds/actors/example-news.yaml"


def test_same_input_gives_byte_identical_output(corpus, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(corpus, other)
    assert run_build(corpus).code == 0
    assert run_build(other).code == 0
    assert snapshot(corpus / "docs") == snapshot(other / "docs")
    assert snapshot(corpus / "schema") == snapshot(other / "schema")


def test_rebuild_with_no_change_rewrites_nothing(corpus):
    assert run_build(corpus).code == 0
    times = {p: p.stat().st_mtime_ns for p in (corpus / "docs").rglob("*.md")}
    result = run_build(corpus)
    assert result.code == 0
    assert result.out.startswith("Wrote 0 file(s), removed 0,")
    assert {p: p.stat().st_mtime_ns for p in (corpus / "docs").rglob("*.md")} == times


def test_check_passes_when_current_and_fails_after_an_edit(corpus):
    assert run_build(corpus).code == 0
    assert run_build(corpus, "--check").code == 0
    path = corpus / "seeds/actors/alice-example.yaml"
    path.write_text(path.read_text().replace("country: Examplia", "country: Elsewhere"))
    before = snapshot(corpus)
    result = run_build(corpus, "--check")
    assert result.code == 1
    assert "docs/actors/alice-example.md:1:1: out of date or missing: run `python build_pages.py` and commit the result" \
        in result.lines
    assert snapshot(corpus) == before  # --check writes nothing
    assert run_build(corpus).code == 0
    assert run_build(corpus, "--check").code == 0


def test_hand_written_pages_are_never_touched(corpus):
    assert run_build(corpus).code == 0
    (corpus / "docs/methodology.md").write_text("# Methodology\n\nWritten by hand.\n")
    (corpus / "docs/actors/notes.md").write_text("# Notes by hand\n")
    assert run_build(corpus).code == 0
    assert (corpus / "docs/methodology.md").read_text() == "# Methodology\n\nWritten by hand.\n"
    assert (corpus / "docs/actors/notes.md").exists()


def test_a_hand_written_page_in_the_way_is_an_error_not_overwritten(corpus):
    (corpus / "docs/actors").mkdir(parents=True)
    (corpus / "docs/actors/alice-example.md").write_text("# Mine\n")
    result = run_build(corpus)
    assert result.code == 1
    assert result.lines[0].startswith("docs/actors/alice-example.md:1:1: this page was written by hand")
    assert (corpus / "docs/actors/alice-example.md").read_text() == "# Mine\n"
    assert not (corpus / "docs/timeline.md").exists()  # nothing written at all


def test_pages_of_removed_yaml_are_removed(corpus):
    assert run_build(corpus).code == 0
    source = corpus / "seeds/sources/example-news-2025-10-01.yaml"
    source.write_text(source.read_text().replace("  - actor: example-news\n    role: Publisher\n", ""))
    (corpus / ACTOR_YAML).unlink()
    result = run_build(corpus)
    assert result.code == 0, result.err
    assert not (corpus / "docs/actors/example-news.md").exists()
    assert not (corpus / "docs/es/actors/example-news.md").exists()  # and its twin in every other language
    assert "removed 2" in result.out


def test_a_failed_write_leaves_the_pages_as_they_were(corpus, monkeypatch):
    assert main(["--root", str(corpus)]) == 0
    before = snapshot(corpus / "docs")
    path = corpus / "seeds/actors/alice-example.yaml"
    path.write_text(path.read_text().replace("name: Alicia Éxample", "name: Alicia Renamed"))  # many pages change
    calls = []
    real = write.tempfile.mkstemp

    def failing_mkstemp(*args, **kwargs):
        calls.append(1)
        if len(calls) > 2:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(write.tempfile, "mkstemp", failing_mkstemp)
    assert main(["--root", str(corpus)]) == 2
    assert snapshot(corpus / "docs") == before  # no page changed, no temporary file left


def test_internal_error_says_so_without_a_bare_traceback(corpus, capsys):
    def broken(*args):
        raise RuntimeError("boom")

    stages = dataclasses.replace(default_stages(), build_record=broken)
    assert main(["--root", str(corpus)], stages=stages) == 2
    err = capsys.readouterr().err
    assert err.startswith("Internal error in build_pages.py: this is a bug in the generator, not in your YAML.")
    assert "RuntimeError: boom" in err


def test_github_annotations_point_at_the_line(corpus):
    path = corpus / "seeds/actors/alice-example.yaml"
    path.write_text(path.read_text().replace("kind: person", "kind: persn"))
    result = run_build(corpus, "--check", "--github")
    assert result.code == 1
    assert result.out.splitlines() == [
        "::error file=seeds/actors/alice-example.yaml,line=5,col=7::kind: expected one of person, state, government,"
        " ministry, legislature, military, military-unit, ship, un-body, un-official, international-organisation,"
        " designated-group, armed-group, media, group, compilation; got the text 'persn' (did you mean 'person'?)"]


@pytest.mark.parametrize("folder", write.OWNED_DIRS)
def test_owned_folders_are_inside_the_project(folder):
    assert not folder.startswith("/") and ".." not in folder


@pytest.mark.parametrize("ctrl_c, code", [(signal.default_int_handler, 2), (signal.SIG_IGN, 0)],
                         ids=["foreground", "background"])
def test_an_interrupt_while_moving_pages_in_waits_until_every_page_is_in(corpus, monkeypatch, ctrl_c, code):
    """In the foreground (Python's own Ctrl-C handler) the interrupt is reported once every page is
    in; in a background job, which a shell starts with Ctrl-C ignored, it stays ignored. The test
    sets the handler itself: it is sent to this process, whose handler depends on how pytest was
    started (SIG_IGN under `python3 tasks.py test &`)."""
    import os

    previous = signal.signal(signal.SIGINT, ctrl_c)
    try:
        assert main(["--root", str(corpus)]) == 0
        path = corpus / "seeds/actors/alice-example.yaml"
        path.write_text(path.read_text().replace("name: Alicia Éxample", "name: Alicia Renamed"))
        real_replace, moved = os.replace, []

        def replace_then_interrupt(src, dst):
            if not moved:
                os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C arrives during the first move
            moved.append(dst)
            real_replace(src, dst)

        monkeypatch.setattr(write.os, "replace", replace_then_interrupt)
        assert main(["--root", str(corpus)]) == code  # an interrupt is reported once the moves are done
        monkeypatch.setattr(write.os, "replace", real_replace)
        assert signal.getsignal(signal.SIGINT) is ctrl_c  # the build left the handler as it found it
    finally:
        signal.signal(signal.SIGINT, previous)
    assert len(moved) > 3
    assert run_build(corpus, "--check").code == 0  # every page is the new one: none half-moved


def test_every_generated_file_carries_the_one_mark(corpus):
    """Each file the build writes is known as its own by the mark of write.py, and by nothing
    else where its folder is not one whose every file is generated (data files cannot carry it)."""
    assert run_build(corpus).code == 0
    written = [p for p in snapshot(corpus) if not p.startswith(("seeds/", ".cache/"))]
    assert written
    for relative in written:
        path = corpus / relative
        assert write.is_generated(path, corpus), relative
        if path.parent.relative_to(corpus).as_posix() not in write.GENERATED_DIRS:
            assert write.is_generated(path), relative
            assert write.GENERATED_WORDS in path.read_text(encoding="utf-8")[:512], relative
