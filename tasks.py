#!/usr/bin/env python3
"""The project's commands, needing nothing but Python 3.11+ to start.

    python3 tasks.py site    build the site into site/ (validates seeds/, writes docs/, runs mkdocs --strict)
    python3 tasks.py test    run the test suite
    python3 tasks.py serve   preview the site at http://127.0.0.1:8000 while you edit
    python3 tasks.py check   validate seeds/ and check the generated pages are up to date

The first run makes a virtual environment in .venv/ and installs the pinned
requirements into it; later runs reuse it and reinstall only when a
requirements file changed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
REQUIREMENTS = [ROOT / "requirements.txt", ROOT / "requirements-dev.txt"]
STAMP = VENV / "requirements.sha256"


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


def run(command: list, **kwargs) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run([str(c) for c in command], cwd=ROOT, env=env, **kwargs)
    if result.returncode != 0:
        sys.exit(result.returncode)


def site(python: Path, args: list) -> None:
    run([python, "build_pages.py"])
    run([python, "-m", "mkdocs", "build", "--strict", *args])
    print(f"The site is in {ROOT / 'site'}; open site/index.html or run `python3 tasks.py serve`.")


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in ("site", "test", "serve", "check"):
        print(__doc__.strip())
        sys.exit(2)
    command, rest = argv[0], argv[1:]
    python = ensure_venv()
    if command == "site":
        site(python, rest)
    elif command == "test":
        run([python, "-m", "pytest", *rest])
    elif command == "serve":
        run([python, "build_pages.py"])
        run([python, "-m", "mkdocs", "serve", *rest])
    elif command == "check":
        run([python, "build_pages.py", "--check", *rest])


if __name__ == "__main__":
    main(sys.argv[1:])
