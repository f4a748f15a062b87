"""The build stamp (record_builder/stamp.py): a rebuild with nothing changed stops before
loading anything, and any change to an input or an output, even one that keeps sizes and
times, means a full build. A corrupt or missing stamp only costs a full build."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support import ROOT, run_build, snapshot
from record_builder import cli, stamp

ACTOR = "seeds/actors/alice-example.yaml"
PAGE = "docs/actors/alice-example.md"


class Loads(list):
    """The full builds, one item each (each loads the seeds once), and `stages`, which count them."""

    def __init__(self):
        super().__init__()
        real = cli.default_stages()

        def counting(*args):
            self.append(args)
            return real.load_and_check(*args)

        self.stages = dataclasses.replace(real, load_and_check=counting)


@pytest.fixture
def loads() -> Loads:
    return Loads()


def build(corpus: Path, capsys, loads: Loads, *args: str) -> tuple[int, str]:
    """build_pages.py as run from the command line (which uses the stamp), but in this process."""
    code = cli.main(["--root", str(corpus), *args], use_stamp=True, stages=loads.stages)
    return code, capsys.readouterr().out


def generated_count(corpus: Path) -> int:
    return len(json.loads((corpus / stamp.STAMP).read_text())["generated"])


def test_a_rebuild_with_nothing_changed_is_skipped_before_loading(corpus, loads, capsys):
    code, out = build(corpus, capsys, loads)
    assert code == 0 and len(loads) == 1
    first = out.strip()
    pages = sum(1 for p in (corpus / "docs").rglob("*") if p.is_file()) + sum(1 for _ in (corpus / "schema").iterdir())
    pages += (corpus / "CITATION.cff").is_file()  # the one generated file outside docs/ and schema/
    assert first == f"Wrote {pages} file(s), removed 0, left 0 unchanged."
    before = snapshot(corpus / "docs")
    code, out = build(corpus, capsys, loads)
    assert code == 0
    assert len(loads) == 1  # not loaded again
    assert out == f"Wrote 0 file(s), removed 0, left {pages} unchanged.\n"  # the line a full no-op build prints
    assert snapshot(corpus / "docs") == before
    assert generated_count(corpus) == pages


def test_the_skipped_line_is_the_full_builds_line(corpus, loads, capsys):
    build(corpus, capsys, loads)
    (corpus / stamp.STAMP).unlink()
    _, full = build(corpus, capsys, loads)  # no stamp: a full build that finds everything up to date
    _, skipped = build(corpus, capsys, loads)
    assert len(loads) == 2
    assert skipped == full


def test_editing_a_seed_builds_even_with_the_same_size_and_time(corpus, loads, capsys):
    build(corpus, capsys, loads)
    path = corpus / ACTOR
    times = path.stat()
    text = path.read_text(encoding="utf-8")
    assert "Examplia" in text
    path.write_text(text.replace("Examplia", "Exampliu"), encoding="utf-8")  # same length
    os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns))  # and the old time, as `cp -p` or `touch -r` would
    code, out = build(corpus, capsys, loads)
    assert code == 0 and len(loads) == 2
    assert "Exampliu" in (corpus / PAGE).read_text(encoding="utf-8")
    assert not out.startswith("Wrote 0 file(s)")


def test_touching_a_seed_without_changing_it_is_not_a_change(corpus, loads, capsys):
    # The stamp hashes what seeds/ holds: the pages are made from contents, not times.
    build(corpus, capsys, loads)
    path = corpus / ACTOR
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**10))
    code, _ = build(corpus, capsys, loads)
    assert code == 0 and len(loads) == 1


@pytest.mark.parametrize("change", ["new file", "removed file", "new folder", "hidden file"])
def test_any_change_in_the_seeds_folder_builds(corpus, loads, capsys, change):
    build(corpus, capsys, loads)
    if change == "new file":
        (corpus / "seeds/actors/bob-example.yaml").write_text("id: bob-example\nname: Bob\nkind: person\n")
    elif change == "removed file":
        source = corpus / "seeds/sources/example-news-2025-10-01.yaml"
        source.write_text(source.read_text().replace("  - actor: example-news\n    role: Publisher\n", ""))
        (corpus / "seeds/actors/example-news.yaml").unlink()
    elif change == "new folder":
        (corpus / "seeds/actors/drafts").mkdir()
    else:
        (corpus / "seeds/.notes").write_text("x")
    build(corpus, capsys, loads)
    assert len(loads) == 2


def test_a_change_in_the_code_or_templates_builds(corpus, loads, capsys, monkeypatch, tmp_path):
    code_copy = tmp_path / "record_builder"
    shutil.copytree(stamp.CODE_DIR, code_copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(stamp, "CODE_DIR", code_copy)
    build(corpus, capsys, loads)
    build(corpus, capsys, loads)
    assert len(loads) == 1
    template = next(code_copy.glob("templates/*.j2"))
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    build(corpus, capsys, loads)
    assert len(loads) == 2
    build(corpus, capsys, loads)
    assert len(loads) == 2
    (code_copy / "load.py").write_text((code_copy / "load.py").read_text(encoding="utf-8") + "# edited\n",
                                       encoding="utf-8")
    build(corpus, capsys, loads)
    assert len(loads) == 3


@pytest.mark.parametrize("racy", [True, False], ids=["right after the build", "later"])
def test_a_page_edited_by_hand_is_rebuilt_even_with_its_size_and_time(corpus, loads, capsys, monkeypatch, racy):
    if not racy:
        monkeypatch.setattr(stamp, "RACY_NS", 0)  # as if the stamp were old: only file times are compared
    build(corpus, capsys, loads)
    page = corpus / PAGE
    original = page.read_bytes()
    times = page.stat()
    page.write_bytes(original.replace(b"Examplia", b"Exampliu"))  # same size
    os.utime(page, ns=(times.st_atime_ns, times.st_mtime_ns))  # and the same modification time
    code, out = build(corpus, capsys, loads)
    assert code == 0 and len(loads) == 2
    assert page.read_bytes() == original
    assert out.startswith("Wrote 1 file(s), removed 0,")


def test_a_page_deleted_by_hand_is_rebuilt(corpus, loads, capsys):
    build(corpus, capsys, loads)
    (corpus / PAGE).unlink()
    code, out = build(corpus, capsys, loads)
    assert code == 0 and len(loads) == 2
    assert (corpus / PAGE).exists() and out.startswith("Wrote 1 file(s), removed 0,")


def test_a_page_added_in_a_generated_folder_is_seen(corpus, loads, capsys):
    build(corpus, capsys, loads)
    stray = corpus / "docs/actors/old-name.md"
    stray.write_bytes((corpus / PAGE).read_bytes())  # a generated page whose YAML is gone
    code, out = build(corpus, capsys, loads)
    assert code == 0 and len(loads) == 2
    assert not stray.exists() and "removed 1" in out


def test_a_hand_written_page_in_the_way_is_still_reported(corpus, loads, capsys):
    build(corpus, capsys, loads)
    (corpus / PAGE).write_text("# Mine\n")
    assert build(corpus, capsys, loads)[0] == 1
    assert (corpus / PAGE).read_text() == "# Mine\n"
    assert build(corpus, capsys, loads)[0] == 1  # the failed build wrote no stamp that could skip the next
    assert len(loads) == 3


@pytest.mark.parametrize("content", [
    b"", b"\x00\xff garbage", b"{", b"[]", b'{"format": 1}', b"null", b"[" * 100_000,
], ids=["empty", "binary", "truncated", "list", "partial", "null", "deep"])
def test_a_corrupt_stamp_is_ignored(corpus, loads, capsys, content):
    build(corpus, capsys, loads)
    (corpus / stamp.STAMP).write_bytes(content)
    code, out = build(corpus, capsys, loads)
    assert code == 0 and len(loads) == 2
    assert out.startswith("Wrote 0 file(s), removed 0,")
    build(corpus, capsys, loads)  # the full build wrote a good stamp again
    assert len(loads) == 2


def _page(data):
    return data["outputs"][PAGE]


@pytest.mark.parametrize("corrupt", [
    lambda d: d.update(format=2),
    lambda d: d.update(generated=3),
    lambda d: d.update(generated=[[PAGE]]),
    lambda d: d.update(outputs=[]),
    lambda d: d["outputs"].update({PAGE: "big"}),
    lambda d: d["outputs"].update({PAGE: None}),
    lambda d: d["outputs"].update({PAGE: [1]}),
    lambda d: _page(d).__setitem__(0, _page(d)[0] + 1),  # a size that is not the page's
    lambda d: _page(d).__setitem__(4, "0" * 64),  # a wrong hash
    lambda d: _page(d).pop(),  # no hash for a page written just now
    lambda d: d["outputs"].pop(PAGE),
    lambda d: d.pop("generated"),
], ids=["format", "count", "nested", "outputs list", "state text", "state null", "state short", "size", "hash",
        "no hash", "page missing", "no generated"])
def test_a_stamp_with_the_right_digest_but_wrong_details_is_not_trusted(corpus, loads, capsys, corrupt):
    build(corpus, capsys, loads)
    data = json.loads((corpus / stamp.STAMP).read_text())
    corrupt(data)
    (corpus / stamp.STAMP).write_text(json.dumps(data))
    assert build(corpus, capsys, loads)[0] == 0
    assert len(loads) == 2


def test_a_missing_stamp_or_cache_folder_means_a_full_build(corpus, loads, capsys):
    build(corpus, capsys, loads)
    shutil.rmtree(corpus / ".cache")
    build(corpus, capsys, loads)
    assert len(loads) == 2
    assert (corpus / stamp.STAMP).exists()


def test_an_unwritable_stamp_does_not_fail_the_build(corpus, loads, capsys):
    (corpus / ".cache").write_text("a file where the folder would be")
    assert build(corpus, capsys, loads)[0] == 0
    assert build(corpus, capsys, loads)[0] == 0
    assert len(loads) == 2


def test_check_neither_reads_nor_writes_the_stamp(corpus, loads, capsys):
    assert build(corpus, capsys, loads, "--check")[0] == 1  # nothing built yet
    assert not (corpus / ".cache").exists()
    build(corpus, capsys, loads)
    before = snapshot(corpus)
    code, out = build(corpus, capsys, loads, "--check")
    assert code == 0 and out.startswith("OK: ")
    assert len(loads) == 3  # --check always loads and validates
    assert snapshot(corpus) == before


def test_racy_outputs_are_hashed_then_settled(corpus, loads, capsys, monkeypatch):
    monkeypatch.setattr(stamp, "RACY_NS", 300_000_000)  # 0.3 s instead of 2 s, to keep the test short
    build(corpus, capsys, loads)
    recorded = json.loads((corpus / stamp.STAMP).read_text())["outputs"]
    assert all(len(state) == 5 for state in recorded.values())  # just written: each with its hash
    time.sleep(0.4)
    # A skipped run checks the hashes and, the pages being old enough now, records them
    # again without, so the runs after it only compare file times.
    assert build(corpus, capsys, loads)[0] == 0
    recorded = json.loads((corpus / stamp.STAMP).read_text())["outputs"]
    assert all(len(state) == 4 for state in recorded.values())
    assert build(corpus, capsys, loads)[0] == 0
    assert len(loads) == 1


def test_a_program_calling_main_with_its_own_arguments_gets_a_full_build(corpus, loads, capsys, monkeypatch):
    # It may build otherwise than the code on disk, as tests/test_layout.py passes smaller budgets.
    assert cli.main(["--root", str(corpus)], stages=loads.stages) == 0
    assert not (corpus / ".cache").exists()
    build(corpus, capsys, loads)
    assert cli.main(["--root", str(corpus)], stages=loads.stages) == 0
    assert len(loads) == 3
    monkeypatch.setattr(sys, "argv", ["build_pages.py", "--root", str(corpus)])
    assert cli.main(stages=loads.stages) == 0  # as build_pages.py calls it
    assert len(loads) == 3


def test_the_stamp_folder_is_ignored_by_git():
    assert ".cache/" in (ROOT / ".gitignore").read_text().split()


def test_a_skipped_rebuild_imports_neither_yaml_nor_jinja(corpus):
    assert run_build(corpus).code == 0
    done = subprocess.run([sys.executable, "-X", "importtime", str(ROOT / "build_pages.py"), "--root", str(corpus)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.startswith("Wrote 0 file(s), removed 0,")
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "record_builder.stamp" in imported
    assert not imported & {"yaml", "jinja2", "record_builder.render", "record_builder.validate"}
