"""The one schema: every kind of YAML file in seeds/, every field, and what each means.

This module is the single source of truth. The validator checks against it, the
JSON Schema for editors (schema/*.schema.json) and the format reference page
(docs/format.md) are generated from it. Change a field here and all three follow.

seeds/
  sources/<id>.yaml   one per source article: metadata, summary, and what it reports
  actors/<id>.yaml    the registry of people, governments, bodies, groups, units, ships
  legal/<id>.yaml     the registry of legal questions the sources raise
"""

from __future__ import annotations

import re

from .types import (
    Boolean, DateType, Enum, FieldSpec, ListOf, Nullable, Number, Record, Ref, Rule, Slug, Text, Url, child,
)

ACTOR_KINDS = (
    "person", "state", "government", "ministry", "legislature", "military", "military-unit", "ship",
    "un-body", "un-official", "international-organisation", "designated-group", "armed-group",
    "media", "group", "compilation",
)
SOURCE_KINDS = (
    "news-report", "un-news-report", "agency-page", "official-statement", "unsourced-assertion",
)
STATEMENT_KINDS = (
    "statement", "claim", "allegation", "denial", "rejection", "demand", "condemnation",
    "warning", "call", "offer", "defence", "report",
)
QUALIFIERS = ("exactly", "at-least", "more-than", "about", "up-to")
LEGAL_ASPECTS = ("framework", "dispute", "context")


def _url_or_note(value, where):
    if "url" in value and value.get("url") is None and not value.get("url_note"):
        yield where.problem("'url' is null, so 'url_note' must say why no address is given (expected text, got nothing)")


URL_OR_NOTE = Rule(_url_or_note, {"if": {"properties": {"url": {"type": "null"}}, "required": ["url"]},
                                  "then": {"required": ["url_note"]}})


def _range_order(value, where):
    low, high = value.get("value"), value.get("value_max")
    if isinstance(low, (int, float)) and isinstance(high, (int, float)) and high <= low:
        yield where.problem(f"'value_max' must be greater than 'value' (got {low} to {high})")


RANGE_ORDER = Rule(_range_order)  # JSON Schema cannot compare two values


def _quote_needs_speaker(value, where):
    if value.get("quote") and not value.get("quote_by"):
        yield child(where, value, "quote", "quote_by").problem(
            "a quote needs 'quote_by': the id of whoever said it (expected an actor id, got nothing)")


QUOTE_NEEDS_SPEAKER = Rule(_quote_needs_speaker, {"dependentRequired": {"quote": ["quote_by"]}})


ORIGIN = Record(
    "Origin",
    "Where the source text sits in the shared reference files (shared/seeds/), so a reader or reviewer can find it.",
    [
        FieldSpec("file", Text(120), "The reference file's name.", required=True, example="000_34f8bc0dfe15a6cc.txt"),
        FieldSpec("piece", Number(integer=True, minimum=1),
                  "Which piece of the file, counting from 1, when one file holds several.", example=1),
        FieldSpec("of", Number(integer=True, minimum=1), "How many pieces the file holds.", example=5),
        FieldSpec("heading", Text(200), "The heading or date line the piece carries, exactly as written.",
                  example="2025, 12/01"),
    ],
)

ACTOR_ROLE = Record(
    "ActorRole",
    "An actor this source names, and the role the source gives them.",
    [
        FieldSpec("actor", Ref(target="actor"), "The actor's id in seeds/actors/.", required=True,
                  example="vladimir-padrino-lopez"),
        FieldSpec("role", Text(300), "The role or description this source gives, in our words.", required=True,
                  example="Venezuela's Defence Minister"),
        FieldSpec("named_as", ListOf(Text(120), unique=True),
                  "The spellings of the name used in this source, exactly as written.",
                  example=["Vladimir Padrino Lopez", "Vladimir Padrino López"]),
    ],
)

EVENT_ACCOUNT = Record(
    "EventAccount",
    "This source's account of an event. Several sources may report the same event: each uses the same "
    "`event` id, and the timeline shows the event once with every account side by side.",
    [
        FieldSpec("event", Slug(), "The event's stable id, shared by every source that reports it.", required=True,
                  example="first-boat-strike-2025-09-02"),
        FieldSpec("title", Text(200), "A short neutral title for the event.", required=True,
                  example="First reported US strike on a boat in the Caribbean"),
        FieldSpec("date", DateType(), "When the event happened, with its precision.", required=True,
                  example="2025-09-02"),
        FieldSpec("summary", Text(1500, paragraphs=True),
                  "What this source says happened, in our own words, with claims attributed.", required=True),
        FieldSpec("place", Text(200), "Where, as the source gives it.", example="southern Caribbean"),
        FieldSpec("actors", ListOf(Ref(target="actor"), unique=True), "Actors involved in the event."),
        FieldSpec("according_to", ListOf(Ref(target="actor"), unique=True),
                  "Whom the source attributes this account to, when it is not the source's own reporting "
                  "(for example US media, or US authorities)."),
        FieldSpec("legal", ListOf(Ref(target="legal"), unique=True), "Legal questions this event bears on."),
    ],
)

STATEMENT = Record(
    "Statement",
    "Something an actor said, claimed, demanded or denied, as this source reports it. Always attributed.",
    [
        FieldSpec("by", Ref(target="actor"), "Who made the statement.", required=True, example="pete-hegseth"),
        FieldSpec("via", Ref(target="actor"),
                  "Who relayed it, when the source reports it second-hand (for example a UN official quoting "
                  "a White House spokesperson)."),
        FieldSpec("date", DateType(), "When it was said, with its precision.", required=True),
        FieldSpec("kind", Enum(STATEMENT_KINDS), "What sort of statement it is.", required=True, example="claim"),
        FieldSpec("said", Text(1000), "What was said, in our own words.", required=True),
        FieldSpec("quote", Text(300),
                  "A short exact quote, character for character as in the source, without surrounding quotation marks."),
        FieldSpec("event", Ref(target="event"), "The event the statement is about."),
        FieldSpec("about", ListOf(Ref(target="actor"), unique=True), "Actors the statement is about."),
        FieldSpec("legal", ListOf(Ref(target="legal"), unique=True),
                  "Legal questions on which this statement is a position."),
    ],
)

FIGURE = Record(
    "Figure",
    "A reported number (people killed, ships, troops, distances), with who reported it and as of when. "
    "Figures with the same `measure` form a series across sources, shown side by side.",
    [
        FieldSpec("measure", Slug(), "The stable id of what is counted, shared by every source reporting it.",
                  required=True, example="people-killed-in-boat-strikes"),
        FieldSpec("label", Text(200), "What was counted, in words.", required=True,
                  example="People reported killed in US strikes on boats"),
        FieldSpec("value", Number(), "The number (the lower end, for a range).", required=True, example=21),
        FieldSpec("value_max", Number(), "The upper end, when the source gives a range."),
        FieldSpec("qualifier", Enum(QUALIFIERS), "How exact the number is (default `exactly`).", example="at-least"),
        FieldSpec("unit", Text(60), "The unit, for measures that are not counts.", example="miles"),
        FieldSpec("as_of", DateType(), "The date the figure describes.", required=True, example="2025-10-03"),
        FieldSpec("reported_by", Ref(target="actor"), "Who gave the figure.", required=True),
        FieldSpec("via", Ref(target="actor"), "Who relayed it, when the source reports it second-hand."),
        FieldSpec("event", Ref(target="event"), "The event the figure belongs to."),
        FieldSpec("note", Text(500), "Anything a reader needs to read the figure right."),
    ],
    [RANGE_ORDER],
)

LEGAL_POINT = Record(
    "LegalPoint",
    "What this source says about a legal question that is not one actor's statement: the legal "
    "framework as the source states it, what is disputed, or context.",
    [
        FieldSpec("question", Ref(target="legal"), "The legal question's id in seeds/legal/.", required=True),
        FieldSpec("aspect", Enum(LEGAL_ASPECTS), "Which part of the question the point is about.", required=True),
        FieldSpec("point", Text(1000), "The point, in our own words, attributed where it is a claim.", required=True),
        FieldSpec("by", ListOf(Ref(target="actor"), unique=True),
                  "Whose view it is, for a disputed point (each side in its own point)."),
        FieldSpec("quote", Text(300), "A short exact quote supporting the point."),
        FieldSpec("quote_by", Ref(target="actor"), "Who the quote is from: required with `quote`."),
        FieldSpec("event", Ref(target="event"), "The event the point is about."),
    ],
    [QUOTE_NEEDS_SPEAKER],
)


def _day_only(value, where):
    date = value.get("date")
    if date is not None and not (isinstance(date, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date)):
        yield child(where, value, "date", "date").problem(
            f"a correction is dated to the day it was made (expected a date such as 2025-12-05, got {date!r})")


DAY_ONLY = Rule(_day_only, {"properties": {"date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}}})

CORRECTION = Record(
    "Correction",
    "A correction made to this summary after it was first published in the record, as newsrooms publish "
    "corrections: the corrections page and the feed list it, and the pages it touches show its date.",
    [
        FieldSpec("date", DateType(), "The day the correction was made.", required=True, example="2025-12-05"),
        FieldSpec("what", Text(500), "What changed, in plain words: what the record said before and says now.",
                  required=True, example="The death toll is now credited to US authorities, not to the UN."),
        FieldSpec("why", Text(500), "Why: what in the source shows the earlier version was wrong.", required=True,
                  example="The source introduces the figure with 'According to US authorities'."),
    ],
    [DAY_ONLY],
)


SOURCE = Record(
    "Source",
    "One source article: its metadata, a summary in our own words, and everything it reports. "
    "One file per article in seeds/sources/, named after its id.",
    [
        FieldSpec("id", Slug(), "The source's stable id; the file must be named `<id>.yaml`.", required=True,
                  example="un-news-2025-10-10-un-urges-restraint"),
        FieldSpec("title", Text(300), "The headline, exactly as published.", required=True),
        FieldSpec("title_is_ours", Boolean(),
                  "True when the text carries no headline and `title` is our own neutral description of it."),
        FieldSpec("publisher", Nullable(Text(200)), "Who published it, or `null` when the text does not say.",
                  required=True, example="UN News"),
        FieldSpec("kind", Enum(SOURCE_KINDS), "What sort of source it is.", required=True, example="news-report"),
        FieldSpec("published", Nullable(DateType()),
                  "When it was published, with its precision; approximate and `derived` when inferred; "
                  "`null` when the text gives no date and none can be inferred.",
                  required=True),
        FieldSpec("language", Enum(("en", "es", "fr", "pt")), "The language of the text.", required=True,
                  example="en"),
        FieldSpec("url", Url(), "Where to read it, or `null` when no address is known: never guess one.",
                  required=True),
        FieldSpec("url_note", Text(300), "Why there is no address: required when `url` is null."),
        FieldSpec("origin", ORIGIN, "Where the text sits in the shared reference files."),
        FieldSpec("summary", Text(3000, paragraphs=True), "What the piece says, in our own words.", required=True),
        FieldSpec("notes", Text(1500, paragraphs=True),
                  "Editorial notes for readers: how the source was dated, what it does not say, caveats."),
        FieldSpec("actors", ListOf(ACTOR_ROLE, min_items=1),
                  "Every actor the source names, with the role it gives them. Every actor used below must be listed.",
                  required=True),
        FieldSpec("events", ListOf(EVENT_ACCOUNT), "The events the source reports."),
        FieldSpec("statements", ListOf(STATEMENT), "The statements it reports, attributed."),
        FieldSpec("figures", ListOf(FIGURE), "The numbers it reports."),
        FieldSpec("legal_points", ListOf(LEGAL_POINT), "What it says about legal questions."),
        FieldSpec("corrections", ListOf(CORRECTION),
                  "Corrections made to this summary since it was first published, oldest first."),
    ],
    [URL_OR_NOTE],
)

ACTOR = Record(
    "Actor",
    "A person, government, body, group, unit or ship. One file per actor in seeds/actors/, named after its id. "
    "Only what identifies the actor lives here; what each source says of them lives in the source files.",
    [
        FieldSpec("id", Slug(), "The actor's stable id; the file must be named `<id>.yaml`.", required=True,
                  example="vladimir-padrino-lopez"),
        FieldSpec("name", Text(200), "The name as the site shows it, with its accents.", required=True,
                  example="Vladimir Padrino López"),
        FieldSpec("aliases", ListOf(Text(200), unique=True),
                  "Other names and spelling variants found in the sources (for search).",
                  example=["Padrino Lopez", "Vladimir Padrino Lopez"]),
        FieldSpec("kind", Enum(ACTOR_KINDS), "What sort of actor.", required=True, example="person"),
        FieldSpec("country", Text(100), "The country the actor belongs to, if any.", example="Venezuela"),
        FieldSpec("part_of", Ref(target="actor"), "The actor this one belongs to (a ministry's government)."),
        FieldSpec("unnamed", Boolean(),
                  "True when the sources describe the actor without naming them (for example 'the UN human rights chief')."),
    ],
)

LEGAL = Record(
    "LegalQuestion",
    "A legal question the sources raise. One file per question in seeds/legal/, named after its id. "
    "The positions, framework and disputes come from the source files.",
    [
        FieldSpec("id", Slug(), "The question's stable id; the file must be named `<id>.yaml`.", required=True,
                  example="cartel-de-los-soles-fto-designation"),
        FieldSpec("title", Text(200), "A short neutral title.", required=True),
        FieldSpec("question", Text(600), "The question, put neutrally.", required=True),
        FieldSpec("order", Number(integer=True, minimum=0), "Position in the list of legal questions (lower first)."),
        FieldSpec("related", ListOf(Ref(target="legal"), unique=True), "Other legal questions it touches."),
    ],
)

# Folder in seeds/ -> the record its files hold.
KINDS = {"sources": SOURCE, "actors": ACTOR, "legal": LEGAL}
