"""Problems found in the input, and how they are printed.

Every stage reports what is wrong as `Problem` values instead of raising, so a
single run can collect every mistake in every file and print them all at once
(the habit of python/peps' check-peps.py and endoflife.date).
"""

from __future__ import annotations

import difflib
import re
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
        """One line, whatever the problem holds: a line break or control character in a name
        or a quoted value is shown as an escape, so no input can add lines of its own to the
        output (GitHub Actions reads commands from any line of a step's output)."""
        field = f"{self.field}: " if self.field else ""
        return safe_text(f"{self.path}:{self.line}:{self.column}: {field}{self.message}", keep_unicode=True)

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command, so it shows on the PR line,
        escaped as GitHub's workflow-commands documentation says: in the message, % as %25,
        CR as %0D and LF as %0A; in a property (file=), also : as %3A and , as %2C."""
        text = (f"{self.field}: " if self.field else "") + self.message
        return (f"::error file={escape_property(self.path)},line={self.line},col={self.column}"
                f"::{escape_data(text)}")


def escape_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub documents (and actions/toolkit does)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value (file=…), escaped as GitHub documents."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


_UNSAFE_ASCII = re.compile(r"[^\x20-\x7e]")
_UNSAFE_SHOWN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def safe_text(text: str, keep_unicode: bool = False) -> str:
    """`text` with every character outside printable ASCII (or, with `keep_unicode`, every
    control, line-separator and direction-control character) written as a Python escape."""
    pattern = _UNSAFE_SHOWN if keep_unicode else _UNSAFE_ASCII
    return pattern.sub(lambda m: ascii(m.group())[1:-1], text)


SHOWN_PER_KIND = 25  # problems of one kind printed in full; past it, a count
_VARYING = re.compile(r"'[^']*'|\"[^\"]*\"|[\w./-]+\.(?:yaml|yml|po)\b|\d+")  # values, file names, numbers


def kind_of(problem: Problem) -> tuple[str, str]:
    """What a problem is, apart from where and with which values: its field without list
    positions and its message without quoted values, file names and numbers."""
    return _VARYING.sub("…", problem.field), _VARYING.sub("…", problem.message)


def limit_per_kind(problems: list[Problem], limit: int = SHOWN_PER_KIND) -> tuple[list[Problem], list[tuple[int, Problem]]]:
    """The problems to print in full (the first `limit` of each kind, in order), and for each
    kind with more, (how many more, its first problem)."""
    seen: dict = {}
    shown = []
    for problem in problems:
        kind = kind_of(problem)
        count = seen.get(kind, (0, problem))[0]
        seen[kind] = (count + 1, seen.get(kind, (0, problem))[1])
        if count < limit:
            shown.append(problem)
    more = [(count - limit, first) for count, first in seen.values() if count > limit]
    return shown, more


@dataclass(frozen=True)
class Where:
    """Where a value sits: file, position and the dotted field path leading to it."""

    path: str
    line: int
    column: int
    field: str = ""

    def problem(self, message: str) -> Problem:
        return Problem(self.path, self.line, self.column, self.field, message)



def describe(value: object) -> str:
    """Say what a value is in words a contributor understands (for 'got …')."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if type(value).__name__ == "LongNumber":  # load.py's too-long number, left unread
        return repr(value)
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
