"""Exports and charts: one stable shape each, valid formats, deterministic."""

from __future__ import annotations

import csv
import io
import json

from support import run_build
from record_builder import exports


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
                             "approximate": True}
    assert [a["source"] for a in event["accounts"]] == ["example-news-2025-10-01"]
    assert event["accounts"][0]["according_to"] == ["example-ministry"]


def test_icalendar_is_well_formed(corpus):
    raw = (_built(corpus) / "exports/events.ics").read_bytes()
    lines = raw.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2] == b"END:VCALENDAR" and lines[-1] == b""
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in lines)
    text = raw.decode("utf-8").replace("\r\n ", "")
    assert "DTSTART;VALUE=DATE:20250924\r\nDTEND;VALUE=DATE:20251001" in text
    assert "UID:example-event@us-venezuela-crisis-record" in text
    assert "SUMMARY:The example event" in text


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
