"""The GitHub workflow passes actionlint."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from support import ROOT


def test_workflows_pass_actionlint():
    actionlint = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    assert actionlint, "actionlint is missing: pip install -r requirements-dev.txt"
    workflows = sorted(str(p) for p in (ROOT / ".github/workflows").glob("*.yml"))
    done = subprocess.run([actionlint, "-no-color", *workflows], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_reader_that_goes_away_gets_no_traceback(corpus):
    # `| true` exits before reading anything, so printing the summary meets a closed pipe.
    command = f'"{sys.executable}" "{ROOT / "build_pages.py"}" --root "{corpus}" | true'
    done = subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert "Traceback" not in done.stderr and "Internal error" not in done.stderr, done.stderr
    assert (corpus / "docs" / "timeline.md").is_file()  # the pages were written before the message
