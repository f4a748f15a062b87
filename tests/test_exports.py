"""Exports and charts: one stable shape each, valid formats, deterministic."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from pathlib import Path

import edtf
import icalendar
import pytest

from support import ROOT, run_build
from record_builder import exports
from record_builder.dates import parse_date


def _built(corpus):
    assert run_build(corpus).code == 0
    return corpus / "docs"


def test_csv_headers_are_the_documented_columns(corpus):
    docs = _built(corpus)
    for name, columns in (("timeline.csv", exports.TIMELINE_CSV_COLUMNS), ("figures.csv", exports.FIGURES_CSV_COLUMNS)):
        rows = list(csv.reader(io.StringIO((docs / "exports" / name).read_text(encoding="utf-8"), newline="")))
        assert rows[0] == list(columns)
        assert all(len(row) == len(columns) for row in rows)
    page = (docs / "exports.md").read_text(encoding="utf-8")
    for column in [*exports.TIMELINE_CSV_COLUMNS, *exports.FIGURES_CSV_COLUMNS]:
        assert f"| `{column}` |" in page


def test_figures_csv_keeps_who_and_when(corpus):
    docs = _built(corpus)
    rows = list(csv.DictReader(io.StringIO((docs / "exports/figures.csv").read_text(encoding="utf-8"), newline="")))
    assert [(r["value"], r["qualifier"], r["as_of"], r["reported_by"]) for r in rows] == [
        ("5", "more-than", "2025-09-28/..", "alice-example"), ("3", "at-least", "2025-09-30", "example-ministry")]


def test_timeline_json_has_every_account(corpus):
    data = json.loads((_built(corpus) / "exports/timeline.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in data["events"]] == ["example-event"]
    event = data["events"][0]
    assert event["date"] == {"value": "2025-09-24/2025-09-30", "label": "24–30 September 2025 (approximate)",
                             "earliest": "2025-09-24", "latest": "2025-09-30", "precision": "span",
                             "approximate": True, "edtf": "2025-09-24~/2025-09-30~"}
    assert [a["source"] for a in event["accounts"]] == ["example-news-2025-10-01"]
    assert event["accounts"][0]["according_to"] == ["example-ministry"]


def _exports_folders():
    """The minimal corpus's exports, built here, and the record's own (committed, kept current by --check)."""
    return [pytest.param("corpus", id="minimal corpus"), pytest.param("record", id="the record")]


def _exports(which: str, request) -> Path:
    if which == "record":
        return ROOT / "docs" / "exports"
    return _built(request.getfixturevalue("corpus")) / "exports"


def test_icalendar_lines_are_crlf_and_folded_at_75_octets(corpus):
    raw = (_built(corpus) / "exports/events.ics").read_bytes()
    lines = raw.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2] == b"END:VCALENDAR" and lines[-1] == b""
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in lines)


def test_icalendar_reads_back_as_the_minimal_corpus_events(corpus):
    calendar = icalendar.Calendar.from_ical((_built(corpus) / "exports/events.ics").read_bytes())
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == "example-event@us-venezuela-crisis-record"
    assert str(event["SUMMARY"]) == "The example event"
    assert event.decoded("DTSTART") == dt.date(2025, 9, 24)
    assert event.decoded("DTEND") == dt.date(2025, 10, 1)  # the day after the last, as RFC 5545 wants


@pytest.mark.parametrize("which", _exports_folders())
def test_icalendar_events_match_the_timeline(which, request):
    folder = _exports(which, request)
    calendar = icalendar.Calendar.from_ical((folder / "events.ics").read_bytes())
    assert str(calendar["VERSION"]) == "2.0" and calendar.get("PRODID")
    timeline = {e["id"]: e for e in json.loads((folder / "timeline.json").read_text(encoding="utf-8"))["events"]}
    events = calendar.walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    bounded = [i for i, e in timeline.items() if e["date"] and e["date"]["earliest"] and e["date"]["latest"]]
    assert sorted(uid.split("@")[0] for uid in uids) == sorted(bounded)  # every event with known ends, no other
    for event in events:
        date = timeline[str(event["UID"]).split("@")[0]]["date"]
        assert str(event["SUMMARY"]) == timeline[str(event["UID"]).split("@")[0]]["title"]
        assert event.decoded("DTSTART") == dt.date.fromisoformat(date["earliest"])
        assert event.decoded("DTEND") == dt.date.fromisoformat(date["latest"]) + dt.timedelta(days=1)
        assert event.decoded("DTSTAMP")  # required by RFC 5545


def _check_edtf(text: str, value: str, approximate: bool, earliest: str | None, latest: str | None) -> None:
    """One date's EDTF string: valid EDTF of level 0 or 1, with the same days as the other fields."""
    parsed = edtf.parse_edtf(text)  # raises on anything that is not EDTF
    assert text.replace("~", "") == value
    assert ("~" in text) == approximate
    lower, upper = parsed.lower_strict(), parsed.upper_strict()
    if earliest:
        assert dt.date(*lower[:3]) == dt.date.fromisoformat(earliest)
    else:
        assert lower == -math.inf
    if latest:
        assert dt.date(*upper[:3]) == dt.date.fromisoformat(latest)
    else:
        assert upper == math.inf


def _dates(data):
    """Every date object in timeline.json, wherever it is."""
    if isinstance(data, dict):
        if "edtf" in data:
            yield data
        for value in data.values():
            yield from _dates(value)
    elif isinstance(data, list):
        for value in data:
            yield from _dates(value)


@pytest.mark.parametrize("which", _exports_folders())
def test_every_exported_date_is_also_given_as_edtf(which, request):
    folder = _exports(which, request)
    data = json.loads((folder / "timeline.json").read_text(encoding="utf-8"))
    dated = [e["date"] for e in data["events"] if e["date"]]  # an undated event's date is null
    dated += [a["date"] for e in data["events"] for a in e["accounts"] if a["date"]]
    assert all("edtf" in d for d in dated)
    for d in _dates(data):
        _check_edtf(d["edtf"], d["value"], d["approximate"], d["earliest"], d["latest"])
    for row in _csv_rows(folder / "timeline.csv"):
        if row["precision"] == "undated":
            assert row["edtf"] == row["date"] == ""
            continue
        _check_edtf(row["edtf"], row["date"], row["approximate"] == "true", row["earliest"], row["latest"])
    for row in _csv_rows(folder / "figures.csv"):
        assert row["as_of_edtf"].replace("~", "") == row["as_of"]
        edtf.parse_edtf(row["as_of_edtf"])


def test_an_approximate_date_marks_each_known_end():
    assert exports.edtf(parse_date("2025-11", approximate=True, derived="x")) == "2025-11~"
    assert exports.edtf(parse_date("2025-11-24/2025-11-30", approximate=True, derived="x")) == "2025-11-24~/2025-11-30~"
    assert exports.edtf(parse_date("../2025-10-31", approximate=True, derived="x")) == "../2025-10-31~"
    assert exports.edtf(parse_date("2025/..")) == "2025/.."


def _csv_rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def test_chart_is_an_accessible_svg_with_every_figure(corpus):
    docs = _built(corpus)
    svg = (docs / "charts/examples-counted.svg").read_text(encoding="utf-8")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and 'role="img"' in svg
    assert "<title id=\"t\">Examples counted, as reported over time, by who reported them</title>" in svg
    assert "at least 3" in svg and "more than 5" in svg
    assert "<script" not in svg
    page = (docs / "figures.md").read_text(encoding="utf-8")
    assert "](charts/examples-counted.svg)" in page


def test_a_hand_written_file_in_a_generated_folder_is_removed_with_notice(corpus):
    """docs/exports/ and docs/charts/ are wholly generated (README): stray files there are removed."""
    docs = _built(corpus)
    (docs / "exports/stray.csv").write_text("a,b\n")
    result = run_build(corpus)
    assert result.code == 0 and "removed 1" in result.out
    assert not (docs / "exports/stray.csv").exists()
