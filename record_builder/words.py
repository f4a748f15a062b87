"""What the pages call things, in the language of the page: kinds of actor, source and
statement, citations, counts, timeline sections, dates in short.

Each function takes the language it writes in; the render stage binds them to its pages'.
"""

from __future__ import annotations

from . import i18n
from .dates import parse_date
from .formats import count as format_count, date_label, month_label as format_month
from .i18n import N_
from .model import Source
from .timeline import is_band
from .texts import Quoting

# What readers call each kind of source, actor and statement (the YAML's ids are for contributors).
# Marked with N_ for the catalog, translated where they are used (kind_words, citation_text).
SOURCE_KIND_WORDS = {
    "news-report": N_("News report"), "un-news-report": N_("UN News article"),
    "agency-page": N_("Text published by an agency"), "official-statement": N_("Official statement"),
    "unsourced-assertion": N_("Assertion with no named author or source"),
}
# The word a citation uses when the source names no publisher.
_CITED_AS = {"news-report": N_("Report"), "un-news-report": N_("UN News"), "agency-page": N_("Agency page"),
             "official-statement": N_("Official statement"), "unsourced-assertion": N_("Unattributed assertion")}
ACTOR_KIND_WORDS = {
    "person": N_("Person"), "state": N_("State"), "government": N_("Government"), "ministry": N_("Ministry"),
    "legislature": N_("Legislators"), "military": N_("Armed forces"), "military-unit": N_("Military unit"),
    "ship": N_("Ship"), "un-body": N_("United Nations body"), "un-official": N_("United Nations official"),
    "international-organisation": N_("International organisation"), "designated-group": N_("Designated group"),
    "armed-group": N_("Armed group"), "media": N_("Media"), "group": N_("Group"), "compilation": N_("Compilation"),
}
# A statement's kind is its own word in English (schema.STATEMENT_KINDS).
STATEMENT_KIND_WORDS = {
    "statement": N_("statement"), "claim": N_("claim"), "allegation": N_("allegation"), "denial": N_("denial"),
    "rejection": N_("rejection"), "demand": N_("demand"), "condemnation": N_("condemnation"),
    "warning": N_("warning"), "call": N_("call"), "offer": N_("offer"), "defence": N_("defence"),
    "report": N_("report"),
}


def kind_words(kind: str, of: str = "actor", lang: str = i18n.DEFAULT) -> str:
    """What readers call a kind of actor, source (of="source") or statement (of="statement")."""
    words = {"source": SOURCE_KIND_WORDS, "statement": STATEMENT_KIND_WORDS}.get(of, ACTOR_KIND_WORDS)
    word = words.get(kind)
    if word is None:
        return kind if of == "statement" else kind.replace("-", " ").capitalize()
    return i18n.translator(lang)(word)


def citation_text(source: Source, lang: str = i18n.DEFAULT) -> str:
    """A short citation that tells sources apart at a glance: 'UN News, 10 Oct 2025',
    'Report, 1 Dec 2025', 'Undated report', 'Unattributed assertion (undated)'."""
    if source.cite_as:
        return source.cite_as
    _ = i18n.translator(lang)
    cited_as = _CITED_AS.get(source.kind)
    who = source.publisher or (_(cited_as) if cited_as else kind_words(source.kind, "source", lang))
    if source.published is not None:
        return f"{who}, {date_label(source.published, lang, short=True)}"
    if source.publisher is None and source.kind == "news-report":
        return _("Undated report")
    return _("%(who)s (undated)") % {"who": who}


def citation_labels(sources: list, lang: str = i18n.DEFAULT) -> dict:
    """id(source) -> its citation, made unique: a second source with the same label gets the
    first words of its title, so two citations never look the same."""
    labels = {id(s): citation_text(s, lang) for s in sources}
    counts: dict = {}
    for label in labels.values():
        counts[label] = counts.get(label, 0) + 1
    for source in sources:
        if counts[labels[id(source)]] > 1:
            words = source.title.split()
            labels[id(source)] += " (“" + " ".join(words[:4]) + ("…" if len(words) > 4 else "") + "”)"
    return labels


# The counts pages give, each noun with its two forms (Spanish, like English, has two).
_COUNTED = {
    "source": (N_("%(count)s source"), N_("%(count)s sources")),
    "event": (N_("%(count)s event"), N_("%(count)s events")),
    "statement": (N_("%(count)s statement"), N_("%(count)s statements")),
    "figure": (N_("%(count)s figure"), N_("%(count)s figures")),
    "question": (N_("%(count)s question"), N_("%(count)s questions")),
    "entry": (N_("%(count)s entry"), N_("%(count)s entries")),
}


def plural(count: int, noun: str, lang: str = i18n.DEFAULT) -> str:
    """'1 source', '3 sources' (in `lang`)."""
    forms = _COUNTED.get(noun)
    if forms is not None:
        return i18n.translator(lang)(forms[0] if count == 1 else forms[1]) % {"count": format_count(count, lang)}
    if count == 1:
        return f"{count} {noun}"
    return f"{count} {noun[:-1]}ies" if noun.endswith("y") else f"{count} {noun}s"


def capital(text: str) -> str:
    """The text with its first letter in capitals."""
    return text[:1].upper() + text[1:]


def headline(title: str) -> str:
    """A source's title as a heading: without the trailing colon or stop some headlines carry
    ("...Maritime crime and piracy :"), which a heading followed by its own text cannot end on.
    A title awaiting its translation, or quoting words in another language, stays marked as such
    (texts.Quoting)."""
    shown = title.rstrip(" :;,")
    return title.like(shown) if isinstance(title, Quoting) else shown


def month_label(key: str | None, lang: str = i18n.DEFAULT) -> str:
    """A timeline section's name: its month, 'Reported by <day>' for a band of what is known only
    as on or before that day (timeline.is_band), or 'Undated'."""
    _ = i18n.translator(lang)
    if key is None:
        return _("Undated")
    if is_band(key):
        return _("Reported by %(date)s") % {"date": date_label(parse_date(key), lang)}
    year, month = key.split("-")
    return format_month(int(year), int(month), lang)


def when(date, lang: str = i18n.DEFAULT, inline: bool = False) -> str:
    """A date in words, or 'Undated' when the sources give none ('undated' inside a line)."""
    _ = i18n.translator(lang)
    if date is None:
        return _("undated") if inline else _("Undated")
    return date_label(date, lang)
