"""The date type of the schema: ISO text with its precision, or a mapping when the date is
approximate or worked out from the text (the Date record). Its built value is a
dates.FuzzyDate, the model of both forms."""

from __future__ import annotations

from dataclasses import dataclass

from . import dates
from .problems import describe
from .scalars import Boolean
from .types import FieldSpec, Record, Rule, Text, Texts, Type


@dataclass
class DateType(Type):
    """A date with its precision: ISO text, or a mapping when it is approximate or derived."""

    def check(self, value, where):
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # a bare year such as 2025 reads as a number
        if isinstance(value, str):
            yield from self._check_text(value, where)
            return
        if not isinstance(value, dict):
            yield where.problem(f"expected a date such as 2025-09-02 or a mapping with 'value', got {describe(value)}")
            return
        yield from DATE_RECORD.check(value, where)

    def _check_text(self, text, where):
        try:
            dates.parse_date(text)
        except dates.DateError as err:
            yield where.problem(f"{err}; got {text!r}")

    def json_schema(self):
        text = {"type": "string", "pattern": DATE_PATTERN}
        return {"anyOf": [text, {"type": "integer", "minimum": 1000, "maximum": 9999}, DATE_RECORD.json_schema()]}

    def nested(self) -> list:
        return [DATE_RECORD]

    def summary(self):
        return "date: `2025-09-02`, `2025-09`, `2025`, a span `2025-11-24/2025-11-30`, `../2025-10-31` (on or before), `2025-11/..` (on or after); or a mapping (see *Date*)"

    def build(self, value, texts: Texts | None = None, key: str = "") -> dates.FuzzyDate:
        """A FuzzyDate: the model of the Date mapping, and of the short form."""
        if isinstance(value, dict):
            derived = value.get("derived")
            if derived is not None:
                derived = Text().build(derived)
                derived = derived if texts is None else texts.text(f"{key}.derived", derived)
            return dates.parse_date(str(value["value"]), value.get("approximate") is True, derived)
        return dates.parse_date(str(value))


_POINT_RX = r"(?!0000)\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?"  # no year 0000
DATE_PATTERN = rf"^({_POINT_RX}|({_POINT_RX}|\.\.)/({_POINT_RX}|\.\.))$"


class _DateValue(DateType):
    """The `value` inside a date mapping: text only."""

    def check(self, value, where):
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            yield where.problem(f"expected a date such as 2025-09-02, got {describe(value)}")
            return
        yield from self._check_text(value, where)

    def json_schema(self):
        return {"anyOf": [{"type": "string", "pattern": DATE_PATTERN}, {"type": "integer", "minimum": 1000, "maximum": 9999}]}

    def summary(self):
        return "date text: `2025-09-02`, `2025-09`, `2025`, `2025-11-24/2025-11-30`, `../2025-10-31`, `2025-11/..`"

    build = Type.build  # the text as written: DateType.build reads it with the mapping's other keys
    nested = Type.nested



def _derived_needed(value, where):
    if value.get("approximate") is True and not value.get("derived"):
        yield where.problem("an approximate date needs 'derived': say how it was worked out (for example from 'last week' in an article of 1 December 2025)")


DATE_RECORD = Record(
    "Date",
    "A date with its precision, written as a mapping when it is approximate or worked out from the text.",
    [
        FieldSpec("value", _DateValue(), "The date or span in ISO form, as in the short form.", required=True,
                  example="2025-11-24/2025-11-30"),
        FieldSpec("approximate", Boolean(), "True when the text gives only an approximate date (such as 'last week').",
                  example=True, default=False),
        FieldSpec("derived", Text(600), "How the date was worked out from the text: required when approximate.",
                  example="The article of Monday 1 December 2025 says 'last week': 24-30 November 2025.", translate=True),
    ],
    [Rule(_derived_needed, {"if": {"properties": {"approximate": {"const": True}}, "required": ["approximate"]},
                            "then": {"required": ["derived"]}})],
)
