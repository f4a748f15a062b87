"""Content rules: the editorial rules of CONTRIBUTING.md that no single value's type can say.

The schema's types check each value on its own; these rules read a whole file, or the record
as a whole. Each gives a Problem naming file, line, column and field, and saying what to write
instead, so `python3 tasks.py site` says what CI says.

In each file whose structure is sound (run beside `validate.check_structure`, in the same
worker process; breaking one of these does not make the file "broken", so its references are
still checked and one run reports every mistake):
- its first line is the editor's schema line: a warning, not a failure, since the record and
  the site are the same without it, but editors then cannot check the file as it is typed;
- a label that takes a side ("regime", "narco-terrorist"...) stands only in a source's own
  words: a quote, a name or figure as written, a published headline;
- a quote is not wrapped in quotation marks (the site adds its own);
- a source reports something (an event, statement, figure or legal point);
- a figure says who gives it: `reported_by`, or for the source's own figure, `attribution`;
- a legal question's `related` names other questions, not itself.
Across the record (after `across.check_across`):
- every actor is listed by some source, and every legal question has material from one
  (unless a source failed its own checks: it may list any actor and discuss any question);
- a statement, figure or legal point is tied only to an event its own source reports (a
  warning, for now: see `_events_of_their_sources`).
"""

from __future__ import annotations

import re

from .load import LoadedFile, Mapping, Sequence
from .problems import Problem, Where
from .seedfiles import Checked

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/{}.schema.json"


def editor_schema_line(kind: str) -> str:
    """The first line of a file in seeds/<kind>/: the JSON Schema that editors check it against."""
    return SCHEMA_LINE.format(kind.removesuffix("s"))


# Labels that take a side, and what the record's own words say instead (by how each begins).
LOADED = re.compile(r"(?<![\w-])(narco-terrorists?|narco-terror|regimes?|embattled|stunned)(?![\w-])", re.IGNORECASE)
NEUTRAL = {
    "narco": "say what the source reports (such as 'alleged drug traffickers') and who uses the label",
    "regime": "write 'government' or 'administration'",
    "embattled": "say what the pressure is, and who reports it",
    "stunned": "say what happened, or who reacted and how",
}
# Words inside “…” are a source's own, quoted (the overview's sentences and the summaries
# quote inside their own text): a label there is the source's, not the record's.
QUOTED = re.compile("“[^“”]*”")
LABELS_CHECKED_IN = ("sources", "actors", "legal", "overview")
EXACT_WORDS = {"quote", "named_as", "as_written"}  # fields holding a source's words exactly as written
QUOTE_MARKS = "\"'“”‘’«»"
REPORTED = ("events", "statements", "figures", "legal_points")
_INDEX = re.compile(r"\[\d+\]")


def check_file(loaded: LoadedFile, kind: str) -> tuple[list[Problem], list[Problem]]:
    """The content rules of one file whose structure is sound: (problems, warnings)."""
    data, root = loaded.data, Where(loaded.path, loaded.data.line, loaded.data.column)
    warnings = _schema_line(loaded, kind)
    problems = _loaded_labels(data, root, kind) if kind in LABELS_CHECKED_IN else []
    if kind == "sources":
        problems += _quotes_without_marks(data, root) + _reports_something(data, root) + _figures_say_who(data, root)
    elif kind == "legal":
        problems += _not_related_to_itself(data, root)
    return problems, warnings


def check_record(checked: Checked) -> tuple[list[Problem], list[Problem]]:
    """The rules across the record: (problems, warnings)."""
    warnings = _events_of_their_sources(checked)
    if checked.broken_ids["sources"]:
        return [], warnings
    listed, covered = set(), set()
    for loaded in checked.files["sources"]:
        listed.update(role["actor"] for role in loaded.data["actors"])
        covered.update(point["question"] for point in loaded.data.get("legal_points") or [])
        for name in ("events", "statements"):
            for item in loaded.data.get(name) or []:
                covered.update(item.get("legal") or [])
    problems = []
    for loaded in checked.files["actors"]:
        ident = loaded.data["id"]
        if ident not in listed:
            problems.append(_id_where(loaded).problem(
                f"no source lists {ident!r} under its 'actors:', so nothing on the site is about this actor: add"
                f" '- actor: {ident}' with its role to the source that names them, or delete this file"))
    for loaded in checked.files["legal"]:
        ident = loaded.data["id"]
        if ident not in covered:
            problems.append(_id_where(loaded).problem(
                f"no source says anything on {ident!r}: name it in a source's 'legal_points' (question: {ident}),"
                " or in the 'legal' list of an event or statement that bears on it, or delete this file"))
    return problems, warnings


def _events_of_their_sources(checked: Checked) -> list[Problem]:
    """A statement, figure or legal point tied to an event that only other sources report. A
    warning: the tie is this source's, so it should give its own account of the event, but the
    benchmark's corpus (bench/synthetic_corpus.py) ties some statements to other sources'
    events on purpose. An id no source reports is an unknown event (across.py), an error."""
    reported = {}
    for loaded in checked.files["sources"]:
        for account in loaded.data.get("events") or []:
            reported.setdefault(account["event"], loaded.path)
    warnings = []
    for loaded in checked.files["sources"]:
        data, root = loaded.data, Where(loaded.path, loaded.data.line, loaded.data.column)
        own = {account["event"] for account in data.get("events") or []}
        for name, what in (("statements", "statement"), ("figures", "figure"), ("legal_points", "legal point")):
            for index, item in enumerate(data.get(name) or []):
                event = item.get("event")
                if event is not None and event not in own and event in reported:
                    warnings.append(_where_of(root, data, (name, index, "event")).problem(
                        f"{event!r} is an event of {reported[event]}, not of this source: tie a {what} only to an"
                        " event its own source reports (add this source's account of it under 'events:', with the"
                        " same id), or leave 'event' out"))
    return warnings


def _id_where(loaded: LoadedFile) -> Where:
    return _where_of(Where(loaded.path, loaded.data.line, loaded.data.column), loaded.data, ("id",))


def _texts_matching(pattern: re.Pattern | _OwnWords, value, trail: tuple = ()):
    """(keys into `value`, match) of each text in a loaded value that `pattern` finds something
    in. No Where is made for the others: every text of every file is read."""
    pairs = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, inner in pairs:
        if isinstance(inner, str):
            match = pattern.search(inner)
            if match:
                yield trail + (key,), match
        elif isinstance(inner, (dict, list)):
            yield from _texts_matching(pattern, inner, trail + (key,))


def _where_of(root: Where, data, keys: tuple) -> Where:
    """The Where of data[keys[0]][keys[1]]..., named as the schema's checks name it."""
    line, column, field, value = root.line, root.column, root.field, data
    for key in keys:
        if isinstance(key, int):
            line, column = value.item_marks[key] if isinstance(value, Sequence) else (line, column)
            field = f"{field}[{key}]"
        else:
            line, column = value.value_marks.get(key, (line, column)) if isinstance(value, Mapping) else (line, column)
            field = f"{field}.{key}" if field else key
        value = value[key]
    return Where(root.path, line, column, field)


def _schema_line(loaded: LoadedFile, kind: str) -> list[Problem]:
    expected, first = editor_schema_line(kind), loaded.first_line
    if first is None or first == expected:  # None: not read from a file
        return []
    where = Where(loaded.path, 1, 1)
    if first.startswith("# yaml-language-server:"):
        return [where.problem(f"the editor's schema line names another schema (expected {expected!r}, got "
                              f"{first[:120]!r}); editors would check this file against the wrong format")]
    return [where.problem(f"the first line is not the editor's schema line: add {expected!r} as the file's first"
                          " line, so that editors check the file as you type (copy it from the template in schema/)")]


def _in_exact_words(field: str, kind: str, data) -> bool:
    plain = _INDEX.sub("", field)
    if plain.rpartition(".")[2] in EXACT_WORDS:
        return True
    # A source's headline as published, and the heading its text carries (not a title of our own).
    return kind == "sources" and (plain == "origin.heading" or (plain == "title" and not data.get("title_is_ours")))


def _strings(value, found: list) -> list:
    """Every text in a loaded value, appended to `found`."""
    for inner in value.values() if isinstance(value, dict) else value if isinstance(value, list) else ():
        if isinstance(inner, str):
            found.append(inner)
        elif isinstance(inner, (dict, list)):
            _strings(inner, found)
    return found


class _OwnWords:
    """LOADED, searched for in a text's own words only: what it quotes (“…”) is left out."""

    @staticmethod
    def search(text: str):
        return LOADED.search(QUOTED.sub(lambda quoted: " " * len(quoted.group(0)), text))


_OWN_WORDS = _OwnWords()


def _loaded_labels(data, root: Where, kind: str) -> list[Problem]:
    # Most files hold no such word at all: one look at all their text, casefolded (as the
    # pattern's IGNORECASE matches), spares the pattern's slower search of each text.
    everything = "\n".join(_strings(data, [])).casefold()
    if not any(start in everything for start in NEUTRAL):
        return []
    problems = []
    for keys, match in _texts_matching(_OWN_WORDS, data):
        where = _where_of(root, data, keys)
        if not _in_exact_words(where.field, kind, data):
            word = match.group(0)
            instead = next(advice for start, advice in NEUTRAL.items() if word.lower().startswith(start))
            problems.append(where.problem(
                f"{word!r} takes a side, so the record's own words do not use it: {instead}; where a source uses"
                " the word, give it as a 'quote' attributed to whoever said it"))
    return problems


def _quotes_without_marks(data, root: Where) -> list[Problem]:
    """A quote wrapped in quotation marks. One that only starts or ends with one may be exact: the
    source's own words can open or close with a quotation of their own."""
    problems = []
    for name in ("statements", "legal_points"):
        for index, item in enumerate(data.get(name) or []):
            quote = (item.get("quote") or "").strip()
            if len(quote) > 1 and quote[0] in QUOTE_MARKS and quote[-1] in QUOTE_MARKS:
                problems.append(_where_of(root, data, (name, index, "quote")).problem(
                    "a quote is written without the quotation marks around it (the site adds its own): remove "
                    f"the {quote[0]!r} at its start and the {quote[-1]!r} at its end"))
    return problems


def _reports_something(data, root: Where) -> list[Problem]:
    if any(data.get(name) for name in REPORTED):
        return []
    return [root.problem("this source reports nothing: give what it reports under 'events', 'statements',"
                         " 'figures' or 'legal_points' (see the template in schema/source.template.yaml)")]


def _figures_say_who(data, root: Where) -> list[Problem]:
    return [_where_of(root, data, ("figures", index)).problem(
                "a figure needs 'reported_by' (the actor the text says gives it) or, for the source's own figure,"
                " 'attribution' (how the source words who gives it); got neither")
            for index, figure in enumerate(data.get("figures") or [])
            if not figure.get("reported_by") and not figure.get("attribution")]


def _not_related_to_itself(data, root: Where) -> list[Problem]:
    return [_where_of(root, data, ("related", index)).problem(
                f"{other!r} is this question itself: 'related' lists other legal questions")
            for index, other in enumerate(data.get("related") or []) if other == data["id"]]
