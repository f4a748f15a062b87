"""What seeds/ holds: its YAML files by kind, found without following a link or opening
anything, and, once checked, the files that passed their own checks.

The first of the validation stage's modules (validate.py runs them): nothing here reads a
file's content.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem, safe_text
from .schema import KINDS


@dataclass
class Checked:
    """The files that passed their own checks, by kind, ready to build the record from."""

    files: dict = field(default_factory=lambda: {kind: [] for kind in KINDS})  # kind -> [LoadedFile]
    # Ids of files that exist but failed their own checks: references to them are not
    # reported again as unknown, so one mistake gives one message.
    broken_ids: dict = field(default_factory=lambda: {kind: set() for kind in KINDS})
    # What the build reports without failing (the editor's schema line): printed once the
    # record builds, as stale translations are.
    warnings: list = field(default_factory=list)  # [Problem]


def seed_files(seeds_dir: Path, root: Path) -> tuple[dict, list[Problem]]:
    """The YAML files of each kind, sorted; anything else in seeds/ is reported.

    Nothing here follows a link or opens a file: a symbolic link (which could point at a
    file outside the repository, a credentials file or .git/config) or anything that is
    not a regular file or folder (a named pipe would hang the build) is reported under its
    own name, never its target's; so is a name outside the safe set (a newline in a file
    name could forge lines of the build's output, or GitHub Actions commands)."""
    found: dict[str, list[tuple[Path, str]]] = {kind: [] for kind in KINDS}
    problems = []
    try:
        seeds_info = seeds_dir.lstat()
    except OSError:
        seeds_info = None
    if seeds_info is None or not stat.S_ISDIR(seeds_info.st_mode):
        what = "is a symbolic link or not a folder" if seeds_info is not None else "does not exist"
        return found, [Problem(_shown(seeds_dir, root), 1, 1, "", f"the seeds folder {what}")]
    for path in sorted(seeds_dir.rglob("*")):  # rglob does not descend into linked folders
        relative = path.relative_to(seeds_dir).parts
        if any(part.startswith(".") for part in relative):
            continue  # hidden files (.gitkeep) are neither read nor shown
        shown = _shown(path, root)
        unsafe = unsafe_name(relative)
        if unsafe:
            problems.append(Problem(shown, 1, 1, "", unsafe))
            continue
        try:
            mode = path.lstat().st_mode
        except OSError as err:
            problems.append(Problem(shown, 1, 1, "", f"cannot read the file: {err.strerror}"))
            continue
        if stat.S_ISDIR(mode):
            continue
        if not stat.S_ISREG(mode):
            problems.append(Problem(shown, 1, 1, "", f"{_kind_of(mode)} in seeds/, which takes only regular files: "
                                    "put the file itself here (a link or special file is never opened)"))
            continue
        if path.name == "README.md":
            continue
        if len(relative) == 2 and relative[0] in KINDS and path.suffix == ".yaml":
            found[relative[0]].append((path, shown))
        elif path.suffix in (".yml", ".YAML", ".yaml"):
            folders = ", ".join(f"seeds/{k}/" for k in KINDS)
            problems.append(Problem(shown, 1, 1, "", "a YAML file outside the known folders or with the wrong "
                                    f"ending (expected a '.yaml' file directly in {folders})"))
        else:
            problems.append(Problem(shown, 1, 1, "", "unexpected file in seeds/ (expected only .yaml files)"))
    return found, problems


SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
SAFE_NAME_RULE = "letters A-Z and a-z, digits 0-9, '-', '_' and '.' (not first), at most 100 characters"


def unsafe_name(parts: tuple) -> str | None:
    """Why a path under seeds/ has an unsafe name, or None when every part of it is safe."""
    for part in parts:
        if not SAFE_NAME.fullmatch(part):
            if len(part) > 100:
                return f"the name is too long ({len(part)} characters); file and folder names may use only {SAFE_NAME_RULE}"
            bad = next((c for c in part if not re.fullmatch(r"[A-Za-z0-9._-]", c)), part[:1])
            return (f"the name '{safe_text(part)}' has a character outside the safe set ('{safe_text(bad)}'): "
                    f"file and folder names in seeds/ may use only {SAFE_NAME_RULE}")
    return None


def _kind_of(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device file"
    return "a special file"


def _shown(path: Path, root: Path) -> str:
    """The path as messages show it: relative to the project, never resolved through a link,
    with any character outside printable ASCII written as an escape."""
    try:
        shown = path.relative_to(root).as_posix()
    except ValueError:
        shown = path.as_posix()
    return safe_text(shown)
