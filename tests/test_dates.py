"""Dates with precision: parsing, labels, and a stable order with mixed precision."""

from __future__ import annotations

import pytest

from record_builder.dates import DateError, parse_date


@pytest.mark.parametrize("text,label,precision", [
    ("2025-09-02", "2 September 2025", "day"),
    ("2025-11", "November 2025", "month"),
    ("2025", "2025", "year"),
    ("2025-11-24/2025-11-30", "24–30 November 2025", "span"),
    ("2025-09-02/2025-10-03", "2 September – 3 October 2025", "span"),
    ("2025-11/2026-01", "November 2025 – January 2026", "span"),
    ("../2025-10-31", "on or before 31 October 2025", "on or before"),
    ("2025-11/..", "on or after November 2025", "on or after"),
])
def test_labels_show_the_precision(text, label, precision):
    date = parse_date(text)
    assert date.label() == label
    assert date.precision == precision


def test_approximate_dates_say_so():
    assert parse_date("2025-11-24/2025-11-30", approximate=True).label() == "24–30 November 2025 (approximate)"


@pytest.mark.parametrize("text,message", [
    ("2025-13-01", "there is no month 13 (months run from 01 to 12)"),
    ("2025-02-29", "February 2025 has no day 29 (it has 28 days)"),
    ("2 September 2025", "expected a date like 2025-09-02, 2025-09 or 2025"),
    ("2025-09-30/2025-09-01", "the span ends (2025-09-01) before it starts (2025-09-30)"),
    ("../..", "a span needs at least one known end"),
    ("2025-09/2025-09", "both ends of the span are the same; write just 2025-09"),
    ("2025/2026/2027", "expected a date like 2025-12-01, or a span with exactly one '/' like 2025-11-24/2025-11-30"),
    # Dates written by hand in other forms: the expected form first, then what the text can mean.
    ("1/12/2025", "expected a date like 2025-12-01 (year-month-day); as day/month/year this is 1 December 2025"
                  " (write 2025-12-01), as month/day/year 12 January 2025 (write 2025-01-12): check which the"
                  " source means"),
    ("13/12/2025", "expected a date like 2025-12-01 (year-month-day); read as day/month/year, this is"
                   " 13 December 2025: write 2025-12-13"),
    ("12/13/2025", "expected a date like 2025-12-01 (year-month-day); read as month/day/year, this is"
                   " 13 December 2025: write 2025-12-13"),
    ("01.01.2025", "expected a date like 2025-12-01 (year-month-day); this is 1 January 2025: write 2025-01-01"),
    ("31/31/2025", "expected a date like 2025-12-01 (year-month-day); this is not a day and month in either order"),
    ("2025/12/01", "expected a date like 2025-12-01 (year-month-day, with '-' and two-digit months and days):"
                   " write 2025-12-01"),
    ("2025-1-5", "expected a date like 2025-12-01 (year-month-day, with '-' and two-digit months and days):"
                 " write 2025-01-05"),
    ("12/2025", "expected a month like 2025-12 (year-month): write 2025-12"),
])

def test_impossible_dates_are_refused(text, message):
    with pytest.raises(DateError) as err:
        parse_date(text)
    assert str(err.value) == message


def test_a_span_of_years_is_not_mistaken_for_a_hand_written_date():
    assert parse_date("2025/2026").label() == "2025 – 2026"


def test_leap_day_is_fine():
    assert parse_date("2024-02-29").label() == "29 February 2024"


def test_mixed_precision_sorts_by_earliest_day_wider_first():
    texts = ["2025-11-24/2025-11-30", "2025-12-01", "2025-11", "../2025-11-05", "2025-11-24", "2025-09-02/2025-10-03"]
    ordered = sorted((parse_date(t) for t in texts), key=lambda d: d.sort_key())
    assert [d.text for d in ordered] == [
        "2025-09-02/2025-10-03", "2025-11", "../2025-11-05", "2025-11-24/2025-11-30", "2025-11-24", "2025-12-01"]
