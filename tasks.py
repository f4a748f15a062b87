#!/usr/bin/env python3
"""The project's commands, needing nothing but Python 3.11+ to start.

    python3 tasks.py site     build the site into site/ (validates seeds/, writes docs/, runs mkdocs --strict),
                              with the offline copy as site/downloads/*.zip when npm is available
    python3 tasks.py test     lint, type-check and run the test suite on every core;
                              pytest's options follow (`-m "not browser"`: the fast lane)
    python3 tasks.py offline  build only the offline copy: build/offline-site/ and its zip
    python3 tasks.py serve    preview the site at http://127.0.0.1:8000, rebuilt as you save seeds/
    python3 tasks.py check    validate seeds/ and check the generated pages are up to date
    python3 tasks.py quotes seeds/sources/<id>.yaml saved-article.txt
                              check every quote of a source file against a saved copy of its text
    python3 tasks.py translations [--update]
                              list the texts with no current Spanish translation, with the coverage
                              (--update first brings translations/es/ in line with the English)

The first run makes a virtual environment in .venv/ and installs the pinned
requirements into it: requirements.txt for the site, and requirements-dev.txt too
for the tests. Later runs reuse it and reinstall only when a requirements file changed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
SITE_REQUIREMENTS = ROOT / "requirements.txt"
DEV_REQUIREMENTS = ROOT / "requirements-dev.txt"  # includes requirements.txt (-r)
PLUGIN_PACKAGE = ROOT / "plugin" / "pyproject.toml"  # the site's plugin, which requirements.txt installs (-e ./plugin)
OFFLINE_SITE = ROOT / "build" / "offline-site"
ZIP_NAME = "us-venezuela-crisis-record-offline.zip"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv(dev: bool = False) -> Path:
    """Create .venv and install the pinned requirements, unless they are already there.

    The site needs only requirements.txt, which also installs the site's plugin from
    plugin/ (editable: its code is read where it is); `dev` adds requirements-dev.txt (the
    tests' pytest, pytest-xdist, Playwright, hypothesis, ruff, mypy, actionlint). Each set is stamped with a digest of
    its files and of the plugin's packaging file, so a changed pin or plugin entry point
    means one reinstall, and a venv set up for the tests also serves the site. pip runs in
    the repository's root, where requirements.txt's `./plugin` is read from."""
    python = venv_python()
    wanted = [(SITE_REQUIREMENTS, [SITE_REQUIREMENTS, PLUGIN_PACKAGE])]
    if dev:
        wanted.append((DEV_REQUIREMENTS, [SITE_REQUIREMENTS, PLUGIN_PACKAGE, DEV_REQUIREMENTS]))
    for requirements, covered in wanted:
        digest = hashlib.sha256(b"".join(p.read_bytes() for p in covered)).hexdigest()
        stamp = VENV / f"{requirements.stem}.installed.sha256"
        if python.exists() and stamp.exists() and stamp.read_text().strip() == digest:
            continue
        if not python.exists():
            print("Setting up .venv (first run only)...", flush=True)
            venv.create(VENV, with_pip=True)
        run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", str(requirements)])
        stamp.write_text(digest + "\n")
    return python


def run(command: list, env: dict | None = None) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    result = subprocess.run([str(c) for c in command], cwd=ROOT, env=env)
    if result.returncode != 0:
        sys.exit(result.returncode)


def npm_install() -> bool:
    """Install the pinned npm packages (package-lock.json); False when npm is not on this machine."""
    npm = shutil.which("npm")
    if npm is None:
        return False
    lock = ROOT / "package-lock.json"
    installed = ROOT / "node_modules" / ".package-lock.json"
    if not installed.exists() or installed.stat().st_mtime < lock.stat().st_mtime:
        run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"])
    return True


def offline(python: Path, zip_into: Path) -> Path:
    """Build the offline copy (OFFLINE=true) and pack it as a zip; return the zip's path."""
    run([python, "-m", "mkdocs", "build", "--strict", "--site-dir", OFFLINE_SITE], env={"OFFLINE": "true"})
    zip_into.mkdir(parents=True, exist_ok=True)
    target = zip_into / ZIP_NAME
    pack(OFFLINE_SITE, target, folder=ZIP_NAME.removesuffix(".zip"))
    return target


def pack(source: Path, target: Path, folder: str) -> None:
    """A deterministic zip: sorted entries, fixed timestamps and permissions."""
    temp = target.with_suffix(".tmp")
    with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in source.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(source).as_posix()}", date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    os.replace(temp, target)


def site(python: Path, args: list) -> None:
    run([python, "build_pages.py"])
    run([python, "-m", "mkdocs", "build", "--strict", *args])
    if npm_install():
        packed = offline(python, ROOT / "site" / "downloads")
        print(f"Offline copy: {packed.relative_to(ROOT)} ({packed.stat().st_size:,} bytes)")
    else:
        print("Note: npm (Node.js) is not installed, so the offline copy was not built; "
              "the site's download link will not work until it is (see README).")
    print(f"The site is in {ROOT / 'site'}; open site/index.html or run `python3 tasks.py serve`.")


def serve(python: Path, args: list) -> None:
    """`mkdocs serve`, stopped with this process.

    The child runs in its own process group, so that a signal to this process (SIGTERM
    from a process manager, SIGINT from Ctrl-C or `kill -INT`) reaches it exactly once,
    passed on here, together with anything it started; on Linux it is also told to stop
    should this process die without the chance (SIGKILL). The site's plugin
    (plugin/record_site/serve_seeds.py) regenerates the pages as seeds/ changes."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    if "--dirty" not in args:
        # --dirty rebuilds only the pages the generator rewrote: about 1 s from an edit to the page
        # at the record's size, against 2.5 s for every page (bench/README.md, issue 25), and seconds
        # rather than a minute for thousands of pages. Every page's text is the generator's, so the
        # rewritten ones are all that changed; the navigation is mkdocs.yml's, the same for all.
        # MkDocs warns about --dirty at every build, which --strict would refuse.
        args = ["--dirty", "--no-strict", *args]
        print("Serving with --dirty: an edit rebuilds only the pages it changes "
              "(`python3 tasks.py site` always builds everything, strictly).", flush=True)
    child = subprocess.Popen([str(python), "-m", "mkdocs", "serve", *args], cwd=ROOT, env=env,
                             start_new_session=True, preexec_fn=_child_setup if os.name == "posix" else None)

    stopping: list[int] = []

    def stop(signum, frame):
        # SIGINT first: mkdocs serve shuts down cleanly on it (and removes its temporary site);
        # SIGKILL if it has not within 5 s. The main thread's wait() below sees it end (a handler
        # must not wait itself: the main thread's wait holds the lock it would need).
        if not stopping:
            stopping.append(signum)
            _signal_group(child, signal.SIGINT)
            timer = threading.Timer(5, _signal_group, (child, signal.SIGKILL))
            timer.daemon = True
            timer.start()

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, stop)
    code = child.wait()
    _signal_group(child, signal.SIGTERM)  # anything the server started and left behind
    sys.exit(128 + stopping[0] if stopping else code)


def _signal_group(child: subprocess.Popen, signum: int) -> None:
    try:
        os.killpg(child.pid, signum)
    except (ProcessLookupError, PermissionError):  # already gone (and its group with it)
        pass


def _child_setup() -> None:
    """In the child, before mkdocs starts. SIGINT back to its default, so that Python turns it
    into the KeyboardInterrupt on which mkdocs shuts down cleanly: a shell starts background
    jobs with SIGINT ignored, and the child would inherit that. On Linux, also ask for
    SIGTERM should the parent die."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except OSError:
            pass


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in ("site", "test", "serve", "check", "offline", "quotes", "translations"):
        print(__doc__.strip())
        sys.exit(2)
    command, rest = argv[0], argv[1:]
    python = ensure_venv(dev=command == "test")
    if command == "site":
        site(python, rest)
    elif command == "test":
        npm_install()  # the browser tests' npm packages, where npm is available
        run([python, "-m", "ruff", "check", "--quiet", "."])  # lint first (rules: ruff.toml): well under a second
        run([python, "-m", "mypy"])  # then types (mypy.ini: what is checked, and how): a few seconds
        # One pytest worker per core (pytest-xdist), each module's tests on one worker, so a module's
        # fixtures are made once; later arguments win (`-n 0` runs in this process).
        run([python, "-m", "pytest", "-n", "auto", "--dist", "loadscope", *rest])
    elif command == "serve":
        serve(python, rest)
    elif command == "offline":
        if not npm_install():
            sys.exit("The offline copy needs Node.js and npm, to install the iframe-worker package it serves.")
        run([python, "build_pages.py"])
        packed = offline(python, ROOT / "build")
        print(f"Offline copy: {OFFLINE_SITE.relative_to(ROOT)}/ and {packed.relative_to(ROOT)}")
    elif command == "check":
        run([python, "build_pages.py", "--check", *rest])
    elif command == "quotes":
        run([python, "-m", "record_builder.quotes", *rest])
    elif command == "translations":
        run([python, "-m", "record_builder.translations", *rest])


if __name__ == "__main__":
    main(sys.argv[1:])
