"""Problems found in the input, and how they are printed.

Every stage reports what is wrong as `Problem` values instead of raising, so a
single run can collect every mistake in every file and print them all at once
(the habit of python/peps' check-peps.py and endoflife.date).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    field: str
    message: str

    def format(self) -> str:
        field = f"{self.field}: " if self.field else ""
        return f"{self.path}:{self.line}:{self.column}: {field}{self.message}"

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command, so it shows on the PR line."""
        text = (f"{self.field}: " if self.field else "") + self.message
        # Workflow commands end at a newline and treat % specially; escape as GitHub documents.
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::error file={path},line={self.line},col={self.column}::{text}"


@dataclass(frozen=True)
class Where:
    """Where a value sits: file, position and the dotted field path leading to it."""

    path: str
    line: int
    column: int
    field: str = ""

    def problem(self, message: str) -> Problem:
        return Problem(self.path, self.line, self.column, self.field, message)


class BuildFailed(Exception):
    """Raised by a stage that cannot go on; carries every problem found so far."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(f"{len(self.problems)} problem(s)")


def describe(value: object) -> str:
    """Say what a value is in words a contributor understands (for 'got …')."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(value, dict):
        return "a mapping (key: value pairs)"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean …?)' suffix naming the closest choices, or ''."""
    close = difflib.get_close_matches(word, sorted(choices), n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"
