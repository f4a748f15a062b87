"""Helpers shared by the tests: running build_pages.py on a project folder, and snapshots."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from dataclasses import dataclass
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.err.splitlines()


# Every build a test runs is bounded, so hostile input that hangs it or eats memory fails
# the test instead of the machine: wall-clock time, CPU seconds and address space.
BUILD_TIMEOUT_S = 120
BUILD_CPU_S = 120
BUILD_MEMORY_BYTES = 2 * 1024**3


def _limit_resources() -> None:  # runs in the child, before build_pages.py starts
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (BUILD_CPU_S, BUILD_CPU_S))
    resource.setrlimit(resource.RLIMIT_AS, (BUILD_MEMORY_BYTES, BUILD_MEMORY_BYTES))


def copy_hand_written_pages(project: Path) -> None:
    """The pages written by hand in docs/ (every language's), which a built site links to."""
    from record_builder.write import is_generated

    for page in sorted((ROOT / "docs").rglob("*.md")):
        if not is_generated(page, ROOT):
            target = project / page.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(page, target)


def run_build(root: Path, *args: str, timeout: float = BUILD_TIMEOUT_S) -> Result:
    """Run build_pages.py as a contributor would, in a subprocess bounded in time and memory."""
    done = subprocess.run([sys.executable, str(ROOT / "build_pages.py"), "--root", str(root), *args],
                          capture_output=True, text=True, timeout=timeout,
                          preexec_fn=_limit_resources if sys.platform != "win32" else None)
    return Result(done.returncode, done.stdout, done.stderr)


def build_in_process(root: Path, *args: str) -> Result:
    """build_pages.py as the command line runs it (with the build stamp), but in this process:
    the same exit status and messages as run_build() without starting Python again, for the
    catalogues of mistakes that run it hundreds of times. Not bounded in time or memory, so
    only for inputs known to end: hostile input goes through run_build()."""
    from record_builder import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--root", str(root), *args], use_stamp=True)
    return Result(code, out.getvalue(), err.getvalue())


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder with its bytes, to prove a run changed nothing."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def minimal_record():
    """The resolved record of the minimal fixture corpus, loaded in this process."""
    from record_builder.record import build_record
    from record_builder.validate import load_and_check

    root = FIXTURES / "minimal"
    checked, problems = load_and_check(root / "seeds", root)
    assert not problems, problems
    return build_record(checked)
