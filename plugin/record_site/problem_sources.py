"""Where a problem the site check finds came from: the lines of seeds/ and translations/ that
hold what it names (site_check.py adds them to its message)."""

from __future__ import annotations

import re
from pathlib import Path


# What a problem names, as a contributor would have typed it: an element (<script), an
# attribute (onmouseover), a URL's scheme (javascript:), a refresh or an address.
_CLUES = (
    (re.compile(r"the element <([^>\s]+)>"), "<{}"),
    (re.compile(r"the (?:event-handler )?attribute ([^\s=]+)="), "{}"),
    (re.compile(r"a ([a-z]+): URL"), "{}:"),
    (re.compile(r"http-equiv='([^']*)'"), "{}"),
    (re.compile(r"loads '([^']*)'"), "{}"),
)


def with_sources(problems: list[str], project: Path) -> list[str]:
    """Each problem, followed by the YAML or catalog line(s) that hold what it names, where a
    search of seeds/ and translations/ finds at most three."""
    if not problems:
        return problems
    lines = source_lines(project)
    shown = []
    for problem in problems:
        needle = next((form.format(found.group(1)).lower() for pattern, form in _CLUES
                       if (found := pattern.search(problem))), "")
        found = [where for where, line in lines if needle in line] if len(needle) > 1 else []
        shown.append(f"{problem} (from {', '.join(found)})" if 0 < len(found) <= 3 else problem)
    return shown


def source_lines(project: Path) -> list[tuple[str, str]]:
    """('file:line', line in lower case) for every line of seeds/**/*.yaml and translations/**/*.po."""
    found = []
    for folder, pattern in (("seeds", "*.yaml"), ("translations", "*.po")):
        for path in sorted((project / folder).rglob(pattern)):
            if path.is_symlink() or not path.is_file():
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            shown = path.relative_to(project).as_posix()
            found += [(f"{shown}:{number}", line.lower()) for number, line in enumerate(text.splitlines(), 1)]
    return found
