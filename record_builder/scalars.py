"""The schema's plain value types: a month, one of a list of words, a number, yes or no.
Each checks, documents and exports itself as types.Type says."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .load import LongNumber
from .problems import describe, did_you_mean
from .types import Type


_MONTH = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])")


@dataclass
class Month(Type):
    """A calendar month, written YYYY-MM."""

    def check(self, value, where):
        if not isinstance(value, str) or not _MONTH.fullmatch(value):
            yield where.problem(f"expected a month such as 2025-09 (year-month), got {describe(value)}")

    def json_schema(self):
        return {"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$"}

    def summary(self):
        return "a month, `YYYY-MM`"


@dataclass
class Enum(Type):
    choices: tuple

    def check(self, value, where):
        if value not in self.choices or not isinstance(value, str):
            hint = did_you_mean(value, self.choices) if isinstance(value, str) else ""
            yield where.problem(f"expected one of {', '.join(self.choices)}; got {describe(value)}{hint}")

    def json_schema(self):
        return {"enum": list(self.choices)}

    def summary(self):
        return "one of " + ", ".join(f"`{c}`" for c in self.choices)


NUMBER_MAX = 10**15  # far above any figure of the record, and exact both as an integer and as a float


@dataclass
class Number(Type):
    integer: bool = False
    minimum: float = 0

    maximum: float = NUMBER_MAX

    def check(self, value, where):
        ok = isinstance(value, int) if self.integer else isinstance(value, (int, float))
        if isinstance(value, LongNumber):
            yield where.problem(f"expected a number of at most {self.maximum:,}, got {describe(value)}")
        elif isinstance(value, bool) or not ok:
            yield where.problem(f"expected {'a whole number' if self.integer else 'a number'}, got {describe(value)}")
        elif value != value or value in (math.inf, -math.inf):
            shown = ".nan (not a number)" if value != value else f"{'-' if value < 0 else ''}.inf (infinity)"
            yield where.problem(f"expected a number, got {shown}; write the figure the source gives")
        elif value < self.minimum:
            yield where.problem(f"expected a number of at least {self.minimum}, got {value}")
        elif value > self.maximum:
            shown = f"a number of {len(str(value))} digits" if isinstance(value, int) else f"{value:g}"
            yield where.problem(f"expected a number of at most {self.maximum:,}, got {shown}")

    def json_schema(self):
        return {"type": "integer" if self.integer else "number", "minimum": self.minimum, "maximum": self.maximum}

    def summary(self):
        return f"{'whole ' if self.integer else ''}number, at least {self.minimum:g}"


@dataclass
class Boolean(Type):
    def check(self, value, where):
        if not isinstance(value, bool):
            yield where.problem(f"expected true or false, got {describe(value)}")

    def json_schema(self):
        return {"type": "boolean"}

    def summary(self):
        return "`true` or `false`"
