"""Machine-readable exports of the record, written beside the pages in docs/exports/.

Each export has one stable shape, documented on the generated Exports page from
the column lists below (so the page and the files cannot disagree):
- timeline.json: every event with every source's account, every statement, the sources;
- timeline.csv: one row per event, in timeline order;
- events.ics: the events with known start and end, as all-day iCalendar events;
- figures.csv: one row per reported figure.
Output is deterministic: no timestamps of the build, stable order, fixed line endings.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from . import i18n
from .dates import FuzzyDate
from .formats import date_label
from .i18n import N_
from .model import Event, Figure, Record
from .texts import Pending

SITE_ID = "us-venezuela-crisis-record"

TIMELINE_CSV_COLUMNS = {
    "event_id": N_("The event's stable id (also its anchor on the timeline page)."),
    "title": N_("The event's title (from the first account)."),
    "date": N_("The date as written in the source summary (ISO 8601; spans as start/end, open ends as ..); "
               "empty when the sources give none."),
    "date_label": N_("The date in words, with its precision ('Undated' when there is none)."),
    "earliest": N_("The earliest day it could have happened (YYYY-MM-DD), empty when open."),
    "latest": N_("The latest day it could have happened, empty when open."),
    "precision": N_("day, month, year, span, on or before, on or after, or undated."),
    "approximate": N_("true when the date was worked out from wording such as 'last week'."),
    "dates_differ": N_("true when the sources' accounts give different dates."),
    "sources": N_("Ids of the sources giving an account, separated by '; '."),
    "actors": N_("Ids of the actors involved, separated by '; '."),
    "legal": N_("Ids of the legal questions it bears on, separated by '; '."),
    "kind": N_("What sort of event it is (strike, designation, diplomacy...), empty when not given."),
    "after": N_("Ids of the events the sources say it came after, separated by '; ' (the rows follow that order)."),
    "edtf": N_("The same date in EDTF (ISO 8601-2): as in date, with ~ after each known end when approximate."),
    "language": N_("The language of the row's texts (en, es): the Spanish files' texts still awaiting translation "
                   "are in English, and say so here."),
}

FIGURES_CSV_COLUMNS = {
    "measure": N_("The stable id of what is counted; figures with the same measure form a series."),
    "label": N_("What was counted, in words."),
    "value": N_("The number, for sorting and charts (the lower end, for a range); empty when the source gives "
                "none ('millions'). Read it with as_written: '4.5 million' is not 4,500,000 exactly."),
    "value_max": N_("The upper end of a range, else empty."),
    "qualifier": N_("exactly, at-least, more-than, about or up-to, as the source words it; empty when it does not "
                    "say (never read as exactly)."),
    "unit": N_("The unit, for measures that are not counts."),
    "as_of": N_("The date the figure describes (ISO 8601, as in the source summary)."),
    "as_of_label": N_("That date in words, with its precision."),
    "reported_by": N_("Id of the actor who gave the figure; empty when it is the source's own."),
    "via": N_("Id of the actor who relayed it, if any."),
    "source": N_("Id of the source summary it comes from."),
    "event": N_("Id of the event it belongs to, if any."),
    "note": N_("What a reader needs to read the figure right."),
    "as_written": N_("The amount exactly as the source writes it ('at least 21', '4.5 million', 'millions')."),
    "attribution": N_("How the source words who reports the figure."),
    "language": N_("The language of the row's texts (en, es): the Spanish files' texts still awaiting translation "
                   "are in English, and say so here."),
    "as_of_edtf": N_("The same date in EDTF (ISO 8601-2): as in as_of, with ~ after each known end when approximate."),
}

TIMELINE_JSON_SHAPE = (
    '{"language", "events": [{"id", "title", "date": {"value", "label", "earliest", "latest", "precision", '
    '"approximate", "edtf"}, "actors": [ids], "legal": [ids], "accounts": [{"source", "title", "date": {...}, '
    '"summary", "place", "according_to": [ids], "derived"}], "kind", "after": [{"event", "words", "source"}], '
    '"language"}], "sources": [{"id", "title", "publisher", "published", "url", "language"}], "statements": '
    '[{"source", "number", "by", "unattributed", "via", "date": {...}, "kind", "said", "quote", "event", '
    '"legal": [ids], "language"}]}'
)


def _date(d: FuzzyDate | None, lang: str) -> dict | None:
    if d is None:
        return None
    return {
        "value": d.text,
        "label": date_label(d, lang),
        "earliest": d.earliest.isoformat() if d.earliest else None,
        "latest": d.latest.isoformat() if d.latest else None,
        "precision": d.precision,
        "approximate": d.approximate,
        "edtf": edtf(d),
    }


def edtf(d: FuzzyDate) -> str:
    """The date as an EDTF string (Extended Date/Time Format, ISO 8601-2, levels 0 and 1).
    The text of a date already is one: a day, month or year or an interval of them (level
    0), with `..` for an open end (level 1). Approximate, in EDTF, is `~` after the date it
    qualifies (level 1); ours qualifies the whole date, so each known end gets it."""
    if not d.approximate:
        return d.text
    return "/".join(end if end == ".." else f"{end}~" for end in d.text.split("/"))


def _ids(items) -> list:
    return [item.id for item in items]


def language_of(lang: str, *texts) -> str:
    """The language a set of texts of the record in `lang` is in: `lang`, or English when any
    of them still awaits its translation (texts.Pending)."""
    if any(isinstance(text, Pending) for text in texts):
        return i18n.DEFAULT
    return lang


def timeline_json(record: Record) -> str:
    lang = record.lang
    data = {
        "language": record.lang,
        "events": [
            {
                "id": e.id,
                "title": e.title,
                "date": _date(e.date, lang),
                "actors": _ids(e.actors),
                "legal": _ids(e.legal),
                "accounts": [
                    {"source": a.source.id, "title": a.title, "date": _date(a.date, lang), "summary": a.summary,
                     "place": a.place, "according_to": _ids(a.according_to),
                     "derived": a.date.derived if a.date else None}
                    for a in e.accounts
                ],
                "kind": e.kind,
                "after": [{"event": o.earlier.id, "words": o.words, "source": o.source.id} for o in e.after],
                "language": language_of(lang, e.title, *(a.summary for a in e.accounts)),
            }
            for e in record.events
        ],
        "sources": [
            {"id": s.id, "title": s.title, "publisher": s.publisher, "published": _date(s.published, lang), "url": s.url,
             "language": language_of(lang, s.title)}
            for s in record.sources
        ],
        "statements": [
            {"source": s.source.id, "number": s.number, "by": s.by.id if s.by else None,
             "unattributed": s.unattributed, "via": s.via.id if s.via else None, "date": _date(s.date, lang),
             "kind": s.kind, "said": s.said, "quote": s.quote, "event": s.event.id if s.event else None,
             "legal": _ids(s.legal), "language": language_of(lang, s.said, s.unattributed)}
            for s in record.statements
        ],
    }
    return json_one_entry_per_line(data)


def json_one_entry_per_line(data: dict) -> str:
    """A JSON object with each top-level list written one entry per line: easy to read and to
    diff (an edited event is one changed line), and written by json's C encoder, which
    indent= would replace with its Python one (at 10,000 events a tenth of build_pages.py)."""
    def value(item) -> str:
        if isinstance(item, list) and item:
            return "[\n" + ",\n".join("  " + json.dumps(entry, ensure_ascii=False) for entry in item) + "\n ]"
        return json.dumps(item, ensure_ascii=False)

    return "{\n" + ",\n".join(f" {json.dumps(key)}: {value(item)}" for key, item in data.items()) + "\n}\n"


# A spreadsheet reads a cell that begins with one of these as a formula (=HYPERLINK(...) and
# worse). As OWASP's "CSV Injection" guidance says: such a cell gets a leading apostrophe,
# which spreadsheets take as "this is text", and every cell is quoted, with its double
# quotes doubled, so no separator or quote inside a text can start a cell of its own.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
def csv_cell(value: str) -> str:
    """A cell's text, neutralised so that no spreadsheet reads it as a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _csv(columns: dict, rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    writer.writerows({name: csv_cell(str(value)) for name, value in row.items()} for row in rows)
    return out.getvalue()


def _event_row(e: Event, lang: str) -> dict:
    d = e.date
    return {
        "event_id": e.id, "title": e.title, "date": d.text if d else "", "date_label": date_label(d, lang) if d else i18n.translator(lang)("Undated"),
        "earliest": d.earliest.isoformat() if d and d.earliest else "",
        "latest": d.latest.isoformat() if d and d.latest else "",
        "precision": d.precision if d else "undated", "approximate": str(bool(d and d.approximate)).lower(),
        "dates_differ": str(e.dates_differ).lower(),
        "sources": "; ".join(_ids(e.sources)), "actors": "; ".join(_ids(e.actors)),
        "legal": "; ".join(_ids(e.legal)), "kind": e.kind or "", "edtf": edtf(d) if d else "",
        "after": "; ".join(_unique_strings(o.earlier.id for o in e.after)),
        "language": language_of(lang, e.title),
    }


def _unique_strings(items) -> list:
    return list(dict.fromkeys(items))


def timeline_csv(record: Record) -> str:
    return _csv(TIMELINE_CSV_COLUMNS, [_event_row(e, record.lang) for e in record.events])


def _figure_row(f: Figure, lang: str) -> dict:
    return {
        "measure": f.measure.id, "label": f.label, "value": _num(f.value),
        "value_max": _num(f.value_max), "qualifier": f.qualifier or "",
        "unit": f.unit or "", "as_of": f.as_of.text, "as_of_label": date_label(f.as_of, lang),
        "reported_by": f.reported_by.id if f.reported_by else "", "via": f.via.id if f.via else "",
        "source": f.source.id, "event": f.event.id if f.event else "", "note": f.note or "",
        "as_written": f.as_written, "attribution": f.attribution or "", "as_of_edtf": edtf(f.as_of),
        "language": language_of(lang, f.label, f.note, f.attribution, f.unit),
    }


def _num(value) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(value)


def figures_csv(record: Record) -> str:
    figures = [f for m in record.measures for f in m.figures]
    return _csv(FIGURES_CSV_COLUMNS, [_figure_row(f, record.lang) for f in figures])


# ---- iCalendar (RFC 5545) ------------------------------------------------------------------


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines of at most 75 octets, continuation lines starting with a space (RFC 5545 3.1),
    never cutting a UTF-8 character in two."""
    data = line.encode("utf-8")
    parts, start, limit = [], 0, 75
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a continuation byte: back off to the character's start
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74
    parts.append(data[start:].decode("utf-8"))
    return [parts[0]] + [" " + p for p in parts[1:]]


def _ics_date(day: dt.date) -> str:
    return day.isoformat().replace("-", "")  # not strftime's %Y, which drops the zeros of year 0001


def _ics_end(first: dt.date, last: dt.date) -> str:
    """DTEND is the day after the last (RFC 5545 3.6.1); past 9999-12-31 there is none to
    write, so an event ending on that day gives its length as DURATION instead."""
    if last < dt.date.max:
        return f"DTEND;VALUE=DATE:{_ics_date(last + dt.timedelta(days=1))}"
    return f"DURATION:P{(last - first).days + 1}D"


def events_ics(record: Record) -> str:
    """All-day events for every event whose start and end are known. DTSTAMP is the day of the
    newest source, so the file changes only when the record does."""
    published = [s.published.latest for s in record.sources if s.published and s.published.latest]
    stamp = _ics_date(max(published) if published else dt.date(2025, 1, 1)) + "T000000Z"
    _ = i18n.translator(record.lang)
    name = _("US–Venezuela crisis 2025: sourced timeline")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//{SITE_ID}//build_pages.py//EN", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{_ics_text(name)}"]
    for e in record.events:
        d = e.date
        if d is None or d.earliest is None or d.latest is None:
            continue
        sources = "; ".join(f"{a.source.title} ({a.source.id})" for a in e.accounts)
        description = _("Date: %(date)s. %(summary)s Sources: %(sources)s.") % {
            "date": date_label(d, record.lang), "summary": e.accounts[0].summary, "sources": sources}
        lines += ["BEGIN:VEVENT", f"UID:{e.id}@{SITE_ID}", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{_ics_date(d.earliest)}", _ics_end(d.earliest, d.latest),
                  f"SUMMARY;LANGUAGE={language_of(record.lang, e.title)}:{_ics_text(e.title)}",
                  f"DESCRIPTION;LANGUAGE={language_of(record.lang, e.title, e.accounts[0].summary)}:{_ics_text(description)}",
                  "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in _fold(line))


def all_exports(record: Record) -> dict[str, str]:
    return {
        "docs/exports/timeline.json": timeline_json(record),
        "docs/exports/timeline.csv": timeline_csv(record),
        "docs/exports/events.ics": events_ics(record),
        "docs/exports/figures.csv": figures_csv(record),
    }
