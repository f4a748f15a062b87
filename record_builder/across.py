"""Checks across files: what one file says of another must hold in the record as a whole.

References resolve (an unknown id gets the likely typo, or how to add it), each id is defined
once, every actor a source uses is listed in its `actors:`, nothing is dated after its
source's publication, the order the sources state (`after`) is possible, `part_of` and
`party` chains end, and each month's summary opens a month the timeline has. They run only
on files whose own structure is sound (validate.py), so a broken file gives its own message
and not a cascade of follow-on ones.
"""

from __future__ import annotations

import difflib
from typing import Iterator

from .load import LoadedFile, Mapping, Sequence
from .problems import Problem, Where, did_you_mean
from .schema import KINDS, SOURCE
from .seedfiles import Checked
from .datetype import DateType
from .types import ListOf, Nullable, Record, Ref, Type, child


def references(t: Type, value, where: Where) -> Iterator[tuple[str, str, Where]]:
    """Every (target kind, id, where) that a checked value refers to."""
    for target, ident, path, line, column, name in _reference_list(t, value, where):
        yield target, ident, Where(path, line, column, name)


def _reference_list(t: Type, value, where: Where) -> list[tuple[str, str, str, int, int, str]]:
    """Every reference in a checked value as (target kind, id, path, line, column, field), in
    the order of the schema's fields. A plain list, and Where objects only for the few that
    are reported: the checks walk every reference of the record."""
    found: list = []
    _collect_references(t, value, where.path, where.line, where.column, where.field, found)
    return found


def _collect_references(t: Type, value, path: str, line: int, column: int, name: str, found: list) -> None:
    # Follows child() and ListOf's item positions exactly, so every Where is the one the
    # checks of each file would give.
    if value is None:
        return
    if isinstance(t, Ref):
        found.append((t.target, value, path, line, column, name))
    elif isinstance(t, Nullable):
        _collect_references(t.inner, value, path, line, column, name, found)
    elif isinstance(t, ListOf):
        marks = value.item_marks if isinstance(value, Sequence) else None
        item_type = t.item
        for index, item in enumerate(value):
            item_line, item_column = marks[index] if marks is not None else (line, column)
            if isinstance(item_type, Ref):
                if item is not None:
                    found.append((item_type.target, item, path, item_line, item_column, f"{name}[{index}]"))
            else:
                _collect_references(item_type, item, path, item_line, item_column, f"{name}[{index}]", found)
    elif isinstance(t, Record) and isinstance(value, dict):
        marks = value.value_marks if isinstance(value, Mapping) else {}
        for field_name, field_type in _fields_with_references(t):
            if field_name in value:
                field_line, field_column = marks.get(field_name, (line, column))
                _collect_references(field_type, value[field_name], path, field_line, field_column,
                                    f"{name}.{field_name}" if name else field_name, found)


_REFERENCE_FIELDS: dict = {}  # Record (hashed by identity) -> [(field name, type)] of the fields that can hold a reference


def _fields_with_references(record: Record) -> list:
    fields = _REFERENCE_FIELDS.get(record)
    if fields is None:
        fields = _REFERENCE_FIELDS[record] = [(spec.name, spec.type) for spec in record.fields
                                                   if _can_refer(spec.type)]
    return fields


def _can_refer(t: Type, seen: frozenset = frozenset()) -> bool:
    if isinstance(t, Ref):
        return True
    if isinstance(t, Nullable):
        return _can_refer(t.inner, seen)
    if isinstance(t, ListOf):
        return _can_refer(t.item, seen)
    if isinstance(t, Record) and id(t) not in seen:
        return any(_can_refer(spec.type, seen | {id(t)}) for spec in t.fields)
    return False


class _Everything:
    def __contains__(self, item) -> bool:
        return True


_ALL = _Everything()


def _root_where(loaded: LoadedFile) -> Where:
    return Where(loaded.path, loaded.data.line, loaded.data.column)


def check_across(checked: Checked) -> list[Problem]:
    problems: list[Problem] = []
    defined: dict[str, dict[str, str]] = {"actor": {}, "legal": {}, "source": {}, "event": {}}
    for kind, target in (("actors", "actor"), ("legal", "legal"), ("sources", "source")):
        for loaded in checked.files[kind]:
            ident = loaded.data["id"]
            if ident in defined[target]:
                problems.append(child(_root_where(loaded), loaded.data, "id", "id").problem(
                    f"duplicate id {ident!r}: {defined[target][ident]} already uses it"))
            else:
                defined[target][ident] = loaded.path
    broken = {"actor": checked.broken_ids["actors"], "legal": checked.broken_ids["legal"],
              "source": checked.broken_ids["sources"]}
    if checked.broken_ids["sources"]:
        broken["event"] = _ALL  # a broken source may define any event
    for loaded in checked.files["sources"]:
        problems += _check_events(loaded, defined["event"])
    folders = {"actor": "seeds/actors/", "legal": "seeds/legal/", "event": "the events of seeds/sources/",
               "source": "seeds/sources/"}
    source_references = []  # walked once, used again for the actor roles
    for kind in KINDS:
        for loaded in checked.files[kind]:
            found = _reference_list(KINDS[kind], loaded.data, _root_where(loaded))
            if kind == "sources":
                source_references.append(found)
            for target, ident, path, line, column, name in found:
                if ident not in defined[target] and ident not in broken.get(target, ()):
                    problems.append(Problem(path, line, column, name, _unknown(target, ident, defined[target],
                                                                               folders[target])))
    for loaded, found in zip(checked.files["sources"], source_references):
        problems += _check_actor_roles(loaded, found, defined["actor"].keys() | broken["actor"])
        problems += _check_dates_against_publication(loaded)
    problems += _check_part_of_cycles(checked)
    problems += _check_parties(checked)
    problems += _check_event_order(checked)
    problems += _check_month_summaries(checked)
    return problems


def _check_month_summaries(checked: Checked) -> list[Problem]:
    """Each monthly summary of the overview opens a month of the timeline: once, and only for a
    month in which some event or statement is dated (an entry known only as on or before a day
    stands in that day's band, not in a month)."""
    overviews = checked.files.get("overview") or []
    if not overviews:
        return []
    date_type, months = DateType(), set()
    for loaded in checked.files["sources"]:
        dated = [a.get("date") for a in loaded.data.get("events") or []]
        dated += [s.get("date") for s in loaded.data.get("statements") or []]
        for value in dated:
            if value is None:
                continue
            date = date_type.build(value)
            if date.earliest is not None:
                months.add(f"{date.earliest.year:04d}-{date.earliest.month:02d}")
    problems, seen = [], {}
    summaries = overviews[0].data.get("months") or []
    for index, summary in enumerate(summaries):
        month = summary.get("month")
        where = child(child(_root_where(overviews[0]), overviews[0].data, "months", "months"), summaries, index, "")
        where = child(Where(where.path, where.line, where.column, f"months[{index}]"), summary, "month", "month")
        if month in seen:
            problems.append(where.problem(f"{month} has a summary already (months[{seen[month]}]); one per month"))
        elif month not in months:
            shown = ", ".join(sorted(months)) or "none"
            problems.append(where.problem(f"no event or statement is dated in {month}, so the timeline has no such "
                                          f"month to open (months with dated entries: {shown})"))
        seen.setdefault(month, index)
    return problems


def _check_parties(checked: Checked) -> list[Problem]:
    """A `party` must be a party itself: one step from any actor to its side, never a chain or a circle."""
    speaks_for = {f.data["id"]: f.data.get("party") for f in checked.files["actors"]}
    problems = []
    for loaded in checked.files["actors"]:
        party = loaded.data.get("party")
        if party is not None and speaks_for.get(party) is not None:
            problems.append(child(_root_where(loaded), loaded.data, "party", "party").problem(
                f"{party!r} has a 'party' of its own ({speaks_for[party]!r}); name that actor here instead"))
    return problems


def _order_statements(checked: Checked) -> list[tuple[str, str, Where]]:
    """Every `after` in the sources as (event, earlier event, where it is written)."""
    found = []
    for loaded in checked.files["sources"]:
        accounts = loaded.data.get("events") or []
        for index, account in enumerate(accounts):
            orders = account.get("after") or []
            account_where = child(child(_root_where(loaded), loaded.data, "events", "events"), accounts, index, "")
            account_where = Where(account_where.path, account_where.line, account_where.column, f"events[{index}]")
            for number, order in enumerate(orders):
                where = child(child(account_where, account, "after", "after"), orders, number, "")
                where = Where(where.path, where.line, where.column, f"events[{index}].after[{number}].event")
                found.append((account["event"], order["event"], where))
    return found


def _check_event_order(checked: Checked) -> list[Problem]:
    """The order the sources state must be possible: no circle (A after B after A), and no event
    placed after one whose every date is later than its own."""
    orders = _order_statements(checked)
    earlier: dict = {}
    for event, before, _ in orders:
        earlier.setdefault(event, set()).add(before)
    on_a_cycle = _events_on_cycles(earlier)
    dates = _event_dates(checked)
    problems = []
    for event, before, where in orders:
        if event in on_a_cycle and before in on_a_cycle and _reaches(earlier, before, event):
            problems.append(where.problem(
                f"{event!r} is placed after {before!r}, which comes after {event!r} itself "
                "(the 'after' entries go round in a circle; remove the one the sources do not state)"))
            continue
        _, latest, label = dates.get(event, (None, None, ""))
        earliest, _, earlier_label = dates.get(before, (None, None, ""))
        if latest and earliest and latest < earliest:
            problems.append(where.problem(
                f"{event!r} ({label}) is placed after {before!r}, which is dated later "
                f"({earlier_label}); correct one of the dates or the 'after'"))
    return problems


def _events_on_cycles(earlier: dict) -> set:
    """The events that an `after` chain leads back to (iterative: a long chain must not hit the recursion limit)."""
    state: dict = {}  # event -> 1 while being followed, 2 when done
    on_a_cycle: set = set()
    for start in earlier:
        if state.get(start):
            continue
        stack = [(start, iter(earlier.get(start, ())))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            step = next(children, None)
            if step is None:
                stack.pop()
                path.pop()
                state[node] = 2
            elif state.get(step) == 1:
                on_a_cycle.update(path[path.index(step):])
            elif not state.get(step):
                state[step] = 1
                path.append(step)
                stack.append((step, iter(earlier.get(step, ()))))
    return on_a_cycle


def _reaches(earlier: dict, start: str, goal: str) -> bool:
    seen, queue = {start}, [start]
    while queue:
        node = queue.pop()
        if node == goal:
            return True
        for step in earlier.get(node, ()):
            if step not in seen:
                seen.add(step)
                queue.append(step)
    return False


def _event_dates(checked: Checked) -> dict:
    """Each event's (earliest day, latest day, label) over all its accounts; None for an open end.
    Undated accounts say nothing about the order."""
    date_type, found = DateType(), {}
    for loaded in checked.files["sources"]:
        for account in loaded.data.get("events") or []:
            if account.get("date") is not None:
                found.setdefault(account["event"], []).append(date_type.build(account["date"]))
    spans = {}
    for event, whens in found.items():
        starts, ends = [w.earliest for w in whens], [w.latest for w in whens]
        spans[event] = (None if None in starts else min(starts), None if None in ends else max(ends),
                        " or ".join(sorted({w.label() for w in whens})))
    return spans


def _unknown(target: str, ident: str, defined: dict, folder: str) -> str:
    """The message for an id nothing defines: the likely typo first, else how to add it."""
    suggestion = did_you_mean(ident, defined)
    if suggestion:  # " (did you mean 'x'?)" -> ": did you mean 'x'?"
        return f"unknown {target} id {ident!r}: {suggestion.strip()[1:-1]} (expected an id defined in {folder})"
    if target in ("actor", "legal"):
        return (f"unknown {target} id {ident!r} (expected an id defined in {folder}; "
                f"if it is new, add {folder}{ident}.yaml: see schema/{target}.template.yaml)")
    return f"unknown {target} id {ident!r} (expected an id defined in {folder})"


def _check_events(loaded: LoadedFile, events: dict) -> list[Problem]:
    """Record each event id; within one source an event may be told only once."""
    problems = []
    seen_here: dict[str, int] = {}
    accounts = loaded.data.get("events") or Sequence()
    for index, account in enumerate(accounts):
        ident = account["event"]
        line, col = accounts.item_marks[index]
        if ident in seen_here:
            problems.append(Problem(loaded.path, line, col, f"events[{index}].event",
                                    f"this source already gives an account of {ident!r} at events[{seen_here[ident]}];"
                                    " merge the two accounts"))
        seen_here.setdefault(ident, index)
        events.setdefault(ident, loaded.path)
    return problems



def _check_actor_roles(loaded: LoadedFile, found: list | None = None, known=_ALL) -> list[Problem]:
    """Every actor a source uses must be listed in its `actors:` with the role it gives them.

    `found` is the source's _reference_list, when the caller has it already. An id not in
    `known` is a typo or a missing file, reported once as unknown (with its "did you mean"),
    not again here as one to add to `actors:`."""
    problems = []
    listed: dict[str, int] = {}
    roles = loaded.data["actors"]
    for index, entry in enumerate(roles):
        if entry["actor"] in listed:
            line, col = roles.item_marks[index]
            problems.append(Problem(loaded.path, line, col, f"actors[{index}].actor",
                                    f"{entry['actor']!r} is listed twice in actors (also at actors[{listed[entry['actor']]}])"))
        listed.setdefault(entry["actor"], index)
    if found is None:
        found = _reference_list(SOURCE, loaded.data, _root_where(loaded))
    # An entry of `actors:` with a typo is reported once, as unknown with its suggestion; the
    # actor it was meant to list is then not reported again at each place it is used.
    meant = {close for ident in listed if ident not in known
             for close in difflib.get_close_matches(ident, sorted(known), n=3, cutoff=0.6)} if listed else set()
    for target, ident, path, line, column, name in found:
        if (target == "actor" and ident not in listed and ident in known and ident not in meant
                and not name.startswith("actors[")):
            problems.append(Problem(path, line, column, name,
                                    f"{ident!r} is used here but not listed in this source's 'actors:' "
                                    "(expected an entry '- actor: " + ident + "' with the role this source gives them)"))
    return problems


def _check_dates_against_publication(loaded: LoadedFile) -> list[Problem]:
    """Nothing a source reports can have happened after the source was published."""
    published = loaded.data.get("published")
    if published is None:
        return []
    published_date = DateType().build(published)
    latest = published_date.latest
    if latest is None:
        return []
    problems = []
    root = _root_where(loaded)
    date_type = DateType()
    for list_name, date_field in (("events", "date"), ("statements", "date"), ("figures", "as_of")):
        items = loaded.data.get(list_name) or []
        for index, item in enumerate(items):
            if item.get(date_field) is None:
                continue  # undated: nothing to compare
            when = date_type.build(item[date_field])
            if when.earliest and when.earliest > latest:
                where = child(child(root, loaded.data, list_name, list_name), items, index, "")
                where = child(Where(where.path, where.line, where.column, f"{list_name}[{index}]"), item, date_field,
                              date_field)
                problems.append(where.problem(
                    f"the date {when.text} is after the source was published ({published_date.label()}); "
                    "expected a date on or before publication"))
    return problems


def _check_part_of_cycles(checked: Checked) -> list[Problem]:
    """Each actor whose 'part_of' chain comes back to it. The parents are mapped once and
    each actor is followed at most once past the ones already settled: linear in the actors."""
    actors = checked.files["actors"]
    parents = {f.data["id"]: f.data.get("part_of") for f in actors}
    on_a_cycle: set = set()
    settled: set = set()  # ids whose chain has been followed to its end or round its cycle
    for loaded in actors:
        path, current = [], loaded.data["id"]
        index: dict = {}
        while current is not None and current not in settled and current not in index:
            index[current] = len(path)
            path.append(current)
            current = parents.get(current)
        if current is not None and current in index:
            on_a_cycle.update(path[index[current]:])  # the chain came back to one of its own: a cycle
        settled.update(path)
    return [child(_root_where(loaded), loaded.data, "part_of", "part_of").problem(
                "'part_of' goes round in a circle back to this actor (expected a chain that ends)")
            for loaded in actors if loaded.data["id"] in on_a_cycle]
