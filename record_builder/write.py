"""Stage 5, write: put the rendered pages on disk, touching only what changed.

All new contents are first written beside their targets as temporary files; only
when every one was written are they moved into place (each move is atomic), so a
failed build leaves the old pages as they were. A page is ours only if it starts
with the generated mark: a hand-written page is never overwritten or removed.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem

# Folders (relative to the root) where pages we no longer generate are removed.
_PAGE_DIRS = ("", "/actors", "/legal", "/sources", "/exports", "/charts")
OWNED_DIRS = (*(f"docs{d}" for d in _PAGE_DIRS), "schema", "docs/es", *(f"docs/es{d}" for d in _PAGE_DIRS[1:]))
# Folders whose every file is generated (data files cannot carry a notice); documented in the README.
GENERATED_DIRS = ("docs/exports", "docs/charts", "docs/es/exports", "docs/es/charts")


@dataclass
class Plan:
    write: dict = field(default_factory=dict)  # path -> text: new or changed
    remove: list = field(default_factory=list)  # generated files whose YAML is gone
    unchanged: int = 0


def is_generated(path: Path, root: Path | None = None) -> bool:
    # Imported here, not at the top: the build stamp imports this module without Jinja.
    from .formatdoc import generated_mark, json_mark

    if root is not None and path.parent.relative_to(root).as_posix() in GENERATED_DIRS:
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(512).decode("utf-8", "replace")
    except OSError:
        return False
    mark = generated_mark()
    return (head.startswith(f"---\n{mark}") or f'"$comment": "{json_mark()}' in head
            or f"\n{mark} from record_builder/schema.py" in head)


def plan(root: Path, pages: dict[str, str]) -> tuple[Plan, list[Problem]]:
    result, problems = Plan(), []
    for relative, text in sorted(pages.items()):
        target = root / relative
        if target.exists():
            if not is_generated(target, root):
                problems.append(Problem(relative, 1, 1, "", "this page was written by hand, so the build will not "
                                        "overwrite it (expected no file here, or one made by build_pages.py); "
                                        "rename it or change the id of the YAML that would generate it"))
                continue
            if target.read_bytes() == text.encode("utf-8"):
                result.unchanged += 1
                continue
        result.write[relative] = text
    wanted = set(pages)
    for folder in OWNED_DIRS:
        directory = root / folder
        if not directory.is_dir():
            continue
        for path in sorted(directory.iterdir()):
            relative = path.relative_to(root).as_posix()
            if path.is_file() and relative not in wanted and is_generated(path, root):
                result.remove.append(relative)
    return result, problems


def apply(root: Path, todo: Plan) -> None:
    staged: list[tuple[str, Path]] = []
    try:
        for relative, text in sorted(todo.write.items()):
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            with os.fdopen(handle, "wb") as out:
                out.write(text.encode("utf-8"))
            os.chmod(temp, 0o644)  # mkstemp makes files private; pages are ordinary files
            staged.append((relative, Path(temp)))
    except BaseException:
        for _, temp in staged:
            temp.unlink(missing_ok=True)
        raise
    with _signals_held():
        for relative, temp in staged:
            os.replace(temp, root / relative)
        for relative in todo.remove:
            (root / relative).unlink(missing_ok=True)


@contextlib.contextmanager
def _signals_held():
    """Hold Ctrl-C and SIGTERM while the staged files move in, so the moves (a few
    milliseconds) finish together; the signal is delivered right after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    held = (signal.SIGINT, signal.SIGTERM)
    previous = {sig: signal.signal(sig, lambda number, frame: received.append(number)) for sig in held}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if received:
            signal.raise_signal(received[0])
