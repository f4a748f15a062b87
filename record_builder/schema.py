"""The one schema: every kind of YAML file in seeds/, every field, and what each means.

This module is the single source of truth. The validator checks against it, the
JSON Schema for editors (schema/*.schema.json) and the format reference page
(docs/format.md) are generated from it. Change a field here and all three follow.

seeds/
  sources/<id>.yaml   one per source article: metadata, summary, and what it reports
  actors/<id>.yaml    the registry of people, governments, bodies, groups, units, ships
  legal/<id>.yaml     the registry of legal questions the sources raise
  overview/home.yaml  the home page's lead and key facts, every sentence tied to its sources
"""

from __future__ import annotations

import re

from .problems import Where
from .datetype import DateType
from .scalars import Boolean, Enum, Month, Number
from .types import FieldSpec, ListOf, Nullable, Record, Ref, Rule, Slug, Text, Url, child

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
EVENT_KINDS = (
    "strike", "military-deployment", "military-incident", "designation", "declaration", "diplomacy",
    "un-action", "mobilisation", "legal-action", "report",
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


def _speaker_or_note(value, where):
    # Key presence, as JSON Schema's `required` sees it, so the editor and the validator agree.
    if ("by" in value) == ("unattributed" in value):
        got = "both" if "by" in value else "neither"
        yield where.problem(
            "a statement needs exactly one of 'by' (the actor id of who made it) or 'unattributed' "
            f"(what the source says instead, when it names no one); got {got}")


SPEAKER_OR_NOTE = Rule(_speaker_or_note, {"oneOf": [{"required": ["by"]}, {"required": ["unattributed"]}]})


def _range_needs_value(value, where):
    if "value_max" in value and "value" not in value:
        yield child(where, value, "value_max", "value_max").problem(
            "'value_max' is the upper end of a range: give 'value' (the lower end) too")


RANGE_NEEDS_VALUE = Rule(_range_needs_value, {"dependentRequired": {"value_max": ["value"]}})


def _home_id(value, where):
    if isinstance(value.get("id"), str) and value["id"] != "home":
        yield child(where, value, "id", "id").problem(
            f"the overview file is seeds/overview/home.yaml with 'id: home' (got {value['id']!r})")


HOME_ID = Rule(_home_id, {"properties": {"id": {"const": "home"}}})


def _undated_events_only_when_unpublished(value, where):
    # An event in a dated source can always be bounded by the publication date ("on or before").
    if value.get("published") is None:
        return
    events = value.get("events")
    for index, account in enumerate(events if isinstance(events, list) else []):
        if isinstance(account, dict) and "date" in account and account["date"] is None:
            item = child(child(where, value, "events", "events"), events, index, "")
            yield child(Where(item.path, item.line, item.column, f"events[{index}]"), account, "date",
                        "date").problem(
                "an event may be undated (date: null) only in a source with no publication date; "
                "in a dated source write '../' and the publication date (on or before it)")


UNDATED_EVENTS = Rule(_undated_events_only_when_unpublished, {
    "if": {"properties": {"published": {"not": {"type": "null"}}}},
    "then": {"properties": {"events": {"items": {"properties": {"date": {"not": {"type": "null"}}}}}}},
})


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
                  example="Venezuela's Defence Minister", translate=True),
        FieldSpec("named_as", ListOf(Text(120), unique=True),
                  "The spellings of the name used in this source, exactly as written.",
                  example=["Vladimir Padrino Lopez", "Vladimir Padrino López"], exact=True),
        FieldSpec("in_passing", Boolean(),
                  "True when the source only mentions the actor (for example in a comparison). An actor "
                  "only ever mentioned in passing, in no event, statement or figure, gets no page of its own.",
                  example=True, default=False),
    ],
)

ORDER = Record(
    "After",
    "An event this one came after, as the source states the order. The timeline places this event "
    "after that one, whatever their dates' precision.",
    [
        FieldSpec("event", Ref(target="event"), "The id of the earlier event (from any source).", required=True,
                  example="trump-maduro-phone-call"),
        FieldSpec("words", Text(200), "The source's own words that state the order, exact and short.",
                  required=True, example="Days later", gloss=True),
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
                  example="First reported US strike on a boat in the Caribbean", translate=True),
        FieldSpec("date", Nullable(DateType()),
                  "When the event happened, with its precision; `null` only in a source with no publication "
                  "date, when the text dates nothing.", required=True, example="2025-09-02"),
        FieldSpec("kind", Enum(EVENT_KINDS), "What sort of event it is (readers filter the timeline by it).",
                  example="strike"),
        FieldSpec("after", ListOf(ORDER),
                  "Events this one came after, as the source states the order ('days later', 'prompting')."),
        FieldSpec("summary", Text(1500, paragraphs=True),
                  "What this source says happened, in our own words, with claims attributed.", required=True, translate=True),
        FieldSpec("place", Text(200), "Where, as the source gives it.", example="southern Caribbean", translate=True),
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
        FieldSpec("by", Ref(target="actor"), "Who made the statement. Give `by` or `unattributed`, not both.",
                  example="pete-hegseth"),
        FieldSpec("unattributed", Text(300),
                  "When the source does not say who made the statement: what it does say instead. Give "
                  "`by` or `unattributed`, not both.",
                  example="The piece does not say who said this; it follows its account of Jenča's remarks.", translate=True),
        FieldSpec("via", Ref(target="actor"),
                  "Who relayed it, when the source reports it second-hand (for example a UN official quoting "
                  "a White House spokesperson)."),
        FieldSpec("date", Nullable(DateType()),
                  "When it was said, with its precision; `null` when the text gives no date (the statement "
                  "is then shown as undated).", required=True),
        FieldSpec("kind", Enum(STATEMENT_KINDS), "What sort of statement it is.", required=True, example="claim"),
        FieldSpec("said", Text(1000), "What was said, in our own words.", required=True, translate=True),
        FieldSpec("quote", Text(300),
                  "A short exact quote, character for character as in the source, without surrounding quotation marks.",
                  gloss=True),
        FieldSpec("event", Ref(target="event"), "The event the statement is about."),
        FieldSpec("about", ListOf(Ref(target="actor"), unique=True), "Actors the statement is about."),
        FieldSpec("legal", ListOf(Ref(target="legal"), unique=True),
                  "Legal questions on which this statement is a position."),
    ],
    [SPEAKER_OR_NOTE],
)

FIGURE = Record(
    "Figure",
    "A reported number (people killed, ships, troops, distances), with who reported it and as of when. "
    "Figures with the same `measure` form a series across sources, shown side by side.",
    [
        FieldSpec("measure", Slug(), "The stable id of what is counted, shared by every source reporting it.",
                  required=True, example="people-killed-in-boat-strikes"),
        FieldSpec("label", Text(200), "What was counted, in words.", required=True,
                  example="People reported killed in US strikes on boats", translate=True),
        FieldSpec("as_written", Text(60), "The amount exactly as the source writes it.", required=True,
                  example="at least 21", exact=True),
        FieldSpec("value", Number(),
                  "The number (the lower end, for a range); leave it out when the source gives no number "
                  "(\"millions\").", example=21),
        FieldSpec("value_max", Number(), "The upper end, when the source gives a range."),
        FieldSpec("qualifier", Enum(QUALIFIERS),
                  "How exact the number is, as the source words it; leave it out when the source does not "
                  "say (it is then shown as written, never as exact).", example="at-least"),
        FieldSpec("unit", Text(60), "The unit, for measures that are not counts.", example="miles", translate=True),
        FieldSpec("as_of", DateType(), "The date the figure describes.", required=True, example="2025-10-03"),
        FieldSpec("reported_by", Ref(target="actor"),
                  "Who gives the figure, as the text says. Leave it out when the figure is the source's own "
                  "(its publisher's, named or not); `attribution` then says how the source words it."),
        FieldSpec("attribution", Text(300),
                  "How the source words who reports the figure, when that is not plain.",
                  example="Reported ('reportedly') without saying by whom; the UN cannot verify it.", translate=True),
        FieldSpec("via", Ref(target="actor"), "Who relayed it, when the source reports it second-hand."),
        FieldSpec("event", Ref(target="event"), "The event the figure belongs to."),
        FieldSpec("note", Text(500), "Anything a reader needs to read the figure right.", translate=True),
    ],
    [RANGE_ORDER, RANGE_NEEDS_VALUE],
)

LEGAL_POINT = Record(
    "LegalPoint",
    "What this source says about a legal question that is not one actor's statement: the legal "
    "framework as the source states it, what is disputed, or context.",
    [
        FieldSpec("question", Ref(target="legal"), "The legal question's id in seeds/legal/.", required=True),
        FieldSpec("aspect", Enum(LEGAL_ASPECTS), "Which part of the question the point is about.", required=True),
        FieldSpec("point", Text(1000), "The point, in our own words, attributed where it is a claim.", required=True, translate=True),
        FieldSpec("by", ListOf(Ref(target="actor"), unique=True),
                  "Whose view it is, for a disputed point (each side in its own point)."),
        FieldSpec("quote", Text(300), "A short exact quote supporting the point.", gloss=True),
        FieldSpec("quote_by", Ref(target="actor"),
                  "Who the quote is from; leave it out when the quote is the source's own words."),
        FieldSpec("event", Ref(target="event"), "The event the point is about."),
    ],
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
                  required=True, example="The death toll is now credited to US authorities, not to the UN.", translate=True),
        FieldSpec("why", Text(500), "Why: what in the source shows the earlier version was wrong.", required=True,
                  example="The source introduces the figure with 'According to US authorities'.", translate=True),
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
        FieldSpec("title", Text(300), "The headline, exactly as published.", required=True, translate=True),
        FieldSpec("title_is_ours", Boolean(),
                  "True when the text carries no headline and `title` is our own neutral description of it.",
                  default=False),
        FieldSpec("publisher", Nullable(Text(200)), "Who published it, or `null` when the text does not say.",
                  required=True, example="UN News", translate=True),
        FieldSpec("cite_as", Text(60),
                  "A short citation label, when the one made from publisher and date would not tell this "
                  "source apart.", example="UN News, 10 Oct 2025", translate=True),
        FieldSpec("kind", Enum(SOURCE_KINDS), "What sort of source it is.", required=True, example="news-report"),
        FieldSpec("published", Nullable(DateType()),
                  "When it was published, with its precision; approximate and `derived` when inferred; "
                  "`null` when the text gives no date and none can be inferred.",
                  required=True),
        FieldSpec("language", Enum(("en", "es", "fr", "pt")), "The language of the text.", required=True,
                  example="en"),
        FieldSpec("url", Url(), "Where to read it, or `null` when no address is known: never guess one.",
                  required=True),
        FieldSpec("url_note", Text(300), "Why there is no address: required when `url` is null.", translate=True),
        FieldSpec("origin", ORIGIN, "Where the text sits in the shared reference files."),
        FieldSpec("summary", Text(3000, paragraphs=True), "What the piece says, in our own words.", required=True, translate=True),
        FieldSpec("notes", Text(1500, paragraphs=True),
                  "Editorial notes for readers: how the source was dated, what it does not say, caveats.", translate=True),
        FieldSpec("actors", ListOf(ACTOR_ROLE, min_items=1, item_key="actor"),
                  "Every actor the source names, with the role it gives them. Every actor used below must be listed.",
                  required=True),
        FieldSpec("events", ListOf(EVENT_ACCOUNT, item_key="event"), "The events the source reports."),
        FieldSpec("statements", ListOf(STATEMENT), "The statements it reports, attributed."),
        FieldSpec("figures", ListOf(FIGURE), "The numbers it reports."),
        FieldSpec("legal_points", ListOf(LEGAL_POINT), "What it says about legal questions."),
        FieldSpec("corrections", ListOf(CORRECTION),
                  "Corrections made to this summary since it was first published, oldest first."),
    ],
    [URL_OR_NOTE, UNDATED_EVENTS],
)

ACTOR = Record(
    "Actor",
    "A person, government, body, group, unit or ship. One file per actor in seeds/actors/, named after its id. "
    "Only what identifies the actor lives here; what each source says of them lives in the source files.",
    [
        FieldSpec("id", Slug(), "The actor's stable id; the file must be named `<id>.yaml`.", required=True,
                  example="vladimir-padrino-lopez"),
        FieldSpec("name", Text(200), "The name as the site shows it, with its accents.", required=True,
                  example="Vladimir Padrino López", translate=True),
        FieldSpec("in_text", Text(200),
                  "The name as it reads inside a sentence ('according to …', 'statements about …'), when that "
                  "differs from `name`: with its article, or in lower case.", example="the Government of Venezuela",
                  translate=True),
        FieldSpec("aliases", ListOf(Text(200), unique=True),
                  "Other names and spelling variants found in the sources (for search).",
                  example=["Padrino Lopez", "Vladimir Padrino Lopez"]),
        FieldSpec("kind", Enum(ACTOR_KINDS), "What sort of actor.", required=True, example="person"),
        FieldSpec("country", Text(100), "The country the actor belongs to, if any.", example="Venezuela", translate=True),
        FieldSpec("part_of", Ref(target="actor"), "The actor this one belongs to (a ministry's government)."),
        FieldSpec("party", Ref(target="actor"),
                  "The party whose side the actor speaks for, on legal pages (a minister's government). "
                  "Leave it out when the actor is its own party.", example="united-states-government"),
        FieldSpec("unnamed", Boolean(),
                  "True when the sources describe the actor without naming them (for example 'the UN human rights chief').",
                  default=False),
    ],
)

LEGAL = Record(
    "LegalQuestion",
    "A legal question the sources raise. One file per question in seeds/legal/, named after its id. "
    "The positions, framework and disputes come from the source files.",
    [
        FieldSpec("id", Slug(), "The question's stable id; the file must be named `<id>.yaml`.", required=True,
                  example="cartel-de-los-soles-fto-designation"),
        FieldSpec("title", Text(200), "A short neutral title.", required=True, translate=True),
        FieldSpec("question", Text(600), "The question, put neutrally.", required=True, translate=True),
        FieldSpec("order", Number(integer=True, minimum=0), "Position in the list of legal questions (lower first)."),
        FieldSpec("related", ListOf(Ref(target="legal"), unique=True), "Other legal questions it touches."),
    ],
)

SOURCED_TEXT_FIELDS = [
    FieldSpec("sources", ListOf(Ref(target="source"), min_items=1, unique=True),
              "The ids of the sources that support it (one or more).", required=True,
              example=["un-news-2025-10-10-un-urges-restraint"]),
]

LEAD_SENTENCE = Record(
    "LeadSentence",
    "One sentence of the lead, in the record's own neutral words, with the sources that support it.",
    [FieldSpec("text", Text(600), "The sentence.", required=True, translate=True), *SOURCED_TEXT_FIELDS],
)

LEAD_PARAGRAPH = Record(
    "LeadParagraph",
    "One paragraph of the lead.",
    [FieldSpec("sentences", ListOf(LEAD_SENTENCE, min_items=1), "Its sentences, in order.", required=True)],
)

KEY_FACT = Record(
    "KeyFact",
    "One item of the key-facts box beside the lead.",
    [
        FieldSpec("label", Text(60), "What the item is.", required=True, example="Period covered", translate=True),
        FieldSpec("text", Text(600), "The fact, attributed where it is a claim.", required=True, translate=True),
        *SOURCED_TEXT_FIELDS,
    ],
)

MONTH_SUMMARY = Record(
    "MonthSummary",
    "The opening of one month of the timeline: its main developments in one or two sentences, in the "
    "record's own words, each naming its sources (as CrisisWatch's monthly entries open).",
    [
        FieldSpec("month", Month(), "The month of the timeline it opens.", required=True, example="2025-09"),
        FieldSpec("sentences", ListOf(LEAD_SENTENCE, min_items=1), "One or two sentences, in order.", required=True),
    ],
)

OVERVIEW = Record(
    "Overview",
    "The home page's lead (what happened, in order, in a few hundred neutral words) and its key-facts "
    "box. One file, seeds/overview/home.yaml; every sentence and fact names its sources.",
    [
        FieldSpec("id", Slug(), "Always `home`.", required=True, example="home"),
        FieldSpec("lead", ListOf(LEAD_PARAGRAPH, min_items=1),
                  "The lead: two to four paragraphs, 250-400 words in all, in the order of events.", required=True),
        FieldSpec("key_facts", ListOf(KEY_FACT), "The key-facts box: period, parties, reported deaths, forces, "
                  "designations, each with its sources."),
        FieldSpec("months", ListOf(MONTH_SUMMARY, item_key="month"),
                  "The timeline's monthly summaries: for a month of the timeline, one or two sentences on its "
                  "main developments, shown under its heading."),
    ],
    [HOME_ID],
)

# Folder in seeds/ -> the record its files hold.
KINDS = {"sources": SOURCE, "actors": ACTOR, "legal": LEGAL, "overview": OVERVIEW}
