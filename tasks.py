#!/usr/bin/env python3
"""The project's commands, needing nothing but Python 3.11+ to start.

    python3 tasks.py site     build the site into site/ (validates seeds/, writes docs/, runs mkdocs --strict),
                              with the offline copy as site/downloads/*.zip when npm is available
    python3 tasks.py test     run the test suite
    python3 tasks.py offline  build only the offline copy: build/offline-site/ and its zip
    python3 tasks.py serve    preview the site at http://127.0.0.1:8000 while you edit
    python3 tasks.py check    validate seeds/ and check the generated pages are up to date

The first run makes a virtual environment in .venv/ and installs the pinned
requirements into it; later runs reuse it and reinstall only when a
requirements file changed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
REQUIREMENTS = [ROOT / "requirements.txt", ROOT / "requirements-dev.txt"]
STAMP = VENV / "requirements.sha256"
OFFLINE_SITE = ROOT / "build" / "offline-site"
ZIP_NAME = "us-venezuela-crisis-record-offline.zip"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv() -> Path:
    """Create .venv and install the pinned requirements, unless they are already there."""
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in REQUIREMENTS)).hexdigest()
    python = venv_python()
    if python.exists() and STAMP.exists() and STAMP.read_text().strip() == digest:
        return python
    if not python.exists():
        print("Setting up .venv (first run only)...", flush=True)
        venv.create(VENV, with_pip=True)
    run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", str(REQUIREMENTS[-1])])
    STAMP.write_text(digest + "\n")
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


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in ("site", "test", "serve", "check", "offline"):
        print(__doc__.strip())
        sys.exit(2)
    command, rest = argv[0], argv[1:]
    python = ensure_venv()
    if command == "site":
        site(python, rest)
    elif command == "test":
        npm_install()  # the browser tests' npm packages, where npm is available
        run([python, "-m", "ruff", "check", "--quiet", "."])  # lint first (rules: ruff.toml): well under a second
        run([python, "-m", "pytest", *rest])
    elif command == "serve":
        run([python, "build_pages.py"])
        run([python, "-m", "mkdocs", "serve", *rest])
    elif command == "offline":
        if not npm_install():
            sys.exit("The offline copy needs Node.js and npm, to install the iframe-worker package it serves.")
        run([python, "build_pages.py"])
        packed = offline(python, ROOT / "build")
        print(f"Offline copy: {OFFLINE_SITE.relative_to(ROOT)}/ and {packed.relative_to(ROOT)}")
    elif command == "check":
        run([python, "build_pages.py", "--check", *rest])


if __name__ == "__main__":
    main(sys.argv[1:])
