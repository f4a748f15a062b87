"""Helpers shared by the tests: running build_pages.py on a project folder, the real record's
site built once per test run, and snapshots."""

from __future__ import annotations

import contextlib
import io
import os
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


# ---- the real record's site, built once per test run --------------------------------------------

# The addresses of a deployed build (GitHub Pages under a sub-path, as the workflow sets them).
SITE_URL = "https://example.org/repo/"
REPO_URL = "https://github.com/owner/repo"

# Every way the tests build the record's site: the environment that `mkdocs build` reads
# (mkdocs.yml's !ENV), each variable set or unset here whatever the caller's environment holds.
SITES = {
    "local": {},  # as `python3 tasks.py site` builds it on a contributor's machine: relative links
    "deployed": {"SITE_URL": SITE_URL, "REPO_URL": REPO_URL},  # as the workflow builds it for GitHub Pages
    "offline": {"OFFLINE": "true"},  # the offline copy, opened from file://
}


def mkdocs_build(target: Path, **env: str) -> Path:
    """`mkdocs build --strict` of the repository into `target`, with `env` (SITE_URL, REPO_URL,
    OFFLINE) and none of them inherited."""
    env = {**{k: v for k, v in os.environ.items() if k not in ("SITE_URL", "REPO_URL", "OFFLINE")},
           "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", **env}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    return target


def shared_site(tmp_path_factory, kind: str) -> Path:
    """The site of SITES[kind], built the first time a test asks for it and then shared by every
    test of the run that reads it (none may change it). With pytest-xdist the workers share it
    too: the first to ask builds it, under a lock, in the folder of the run they all share."""
    base = tmp_path_factory.getbasetemp()
    try:
        import fcntl
    except ImportError:  # no flock (Windows): each worker builds its own, in its own folder
        fcntl = None
    if fcntl and os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # pytest-N/, above each worker's popen-gwN/
    target = base / f"site-{kind}"
    with open(base / f"site-{kind}.lock", "w") as lock:
        if fcntl:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not target.is_dir():
            building = base / f"site-{kind}.building"
            shutil.rmtree(building, ignore_errors=True)  # left by a build that failed
            os.replace(mkdocs_build(building, **SITES[kind]), target)
    return target


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
