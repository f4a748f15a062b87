"""The GitHub workflow passes actionlint."""

from __future__ import annotations

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
