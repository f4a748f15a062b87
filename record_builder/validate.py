"""Stage 2, validate: check every loaded file against the schema, then check across files.

Checks yield Problems and never stop early, so one run reports every mistake.
Cross-file checks (references, duplicate ids, dates after publication) run only on
files whose own structure is sound, so a broken file gives its own clear message
and not a cascade of follow-on ones.
"""

from __future__ import annotations

import difflib
import functools
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from . import placeholders
from .load import LoadedFile, Mapping, Sequence, load_file
from .locations import reserved_id
from .problems import Problem, Where, did_you_mean, safe_text
from .schema import KINDS, SOURCE
from .types import DateType, ListOf, Nullable, Record, Ref, Type, child


@dataclass
class Checked:
    """The files that passed their own checks, by kind, ready to build the record from."""

    files: dict = field(default_factory=lambda: {kind: [] for kind in KINDS})  # kind -> [LoadedFile]
    # Ids of files that exist but failed their own checks: references to them are not
    # reported again as unknown, so one mistake gives one message.
    broken_ids: dict = field(default_factory=lambda: {kind: set() for kind in KINDS})


def seed_files(seeds_dir: Path, root: Path) -> tuple[dict, list[Problem]]:
    """The YAML files of each kind, sorted; anything else in seeds/ is reported.

    Nothing here follows a link or opens a file: a symbolic link (which could point at a
    file outside the repository, a credentials file or .git/config) or anything that is
    not a regular file or folder (a named pipe would hang the build) is reported under its
    own name, never its target's; so is a name outside the safe set (a newline in a file
    name could forge lines of the build's output, or GitHub Actions commands)."""
    found: dict[str, list[tuple[Path, str]]] = {kind: [] for kind in KINDS}
    problems = []
    try:
        seeds_info = seeds_dir.lstat()
    except OSError:
        seeds_info = None
    if seeds_info is None or not stat.S_ISDIR(seeds_info.st_mode):
        what = "is a symbolic link or not a folder" if seeds_info is not None else "does not exist"
        return found, [Problem(_shown(seeds_dir, root), 1, 1, "", f"the seeds folder {what}")]
    for path in sorted(seeds_dir.rglob("*")):  # rglob does not descend into linked folders
        relative = path.relative_to(seeds_dir).parts
        if any(part.startswith(".") for part in relative):
            continue  # hidden files (.gitkeep) are neither read nor shown
        shown = _shown(path, root)
        unsafe = unsafe_name(relative)
        if unsafe:
            problems.append(Problem(shown, 1, 1, "", unsafe))
            continue
        try:
            mode = path.lstat().st_mode
        except OSError as err:
            problems.append(Problem(shown, 1, 1, "", f"cannot read the file: {err.strerror}"))
            continue
        if stat.S_ISDIR(mode):
            continue
        if not stat.S_ISREG(mode):
            problems.append(Problem(shown, 1, 1, "", f"{_kind_of(mode)} in seeds/, which takes only regular files: "
                                    "put the file itself here (a link or special file is never opened)"))
            continue
        if path.name == "README.md":
            continue
        if len(relative) == 2 and relative[0] in KINDS and path.suffix == ".yaml":
            found[relative[0]].append((path, shown))
        elif path.suffix in (".yml", ".YAML", ".yaml"):
            folders = ", ".join(f"seeds/{k}/" for k in KINDS)
            problems.append(Problem(shown, 1, 1, "", "a YAML file outside the known folders or with the wrong "
                                    f"ending (expected a '.yaml' file directly in {folders})"))
        else:
            problems.append(Problem(shown, 1, 1, "", "unexpected file in seeds/ (expected only .yaml files)"))
    return found, problems


SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
SAFE_NAME_RULE = "letters A-Z and a-z, digits 0-9, '-', '_' and '.' (not first), at most 100 characters"


def unsafe_name(parts: tuple) -> str | None:
    """Why a path under seeds/ has an unsafe name, or None when every part of it is safe."""
    for part in parts:
        if not SAFE_NAME.fullmatch(part):
            if len(part) > 100:
                return f"the name is too long ({len(part)} characters); file and folder names may use only {SAFE_NAME_RULE}"
            bad = next((c for c in part if not re.fullmatch(r"[A-Za-z0-9._-]", c)), part[:1])
            return (f"the name '{safe_text(part)}' has a character outside the safe set ('{safe_text(bad)}'): "
                    f"file and folder names in seeds/ may use only {SAFE_NAME_RULE}")
    return None


def _kind_of(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device file"
    return "a special file"


def _shown(path: Path, root: Path) -> str:
    """The path as messages show it: relative to the project, never resolved through a link,
    with any character outside printable ASCII written as an escape."""
    try:
        shown = path.relative_to(root).as_posix()
    except ValueError:
        shown = path.as_posix()
    return safe_text(shown)


def check_structure(loaded: LoadedFile, kind: str) -> list[Problem]:
    record = KINDS[kind]
    where = Where(loaded.path, getattr(loaded.data, "line", 1), getattr(loaded.data, "column", 1))
    if loaded.data is None:
        return [where.problem(f"the file is empty (expected the keys of {record.name}; see docs/format.md)")]
    expected = Path(loaded.path).stem
    problems = list(record.check(loaded.data, where))
    unfilled = placeholders.find(record, loaded.data, where, expected)
    if unfilled:  # one message per placeholder, not the type or markup errors of its text
        at = {(p.line, p.column) for p in unfilled}
        problems = [p for p in problems if (p.line, p.column) not in at] + unfilled
    ident = loaded.data.get("id") if isinstance(loaded.data, dict) else None
    reserved = reserved_id(ident) if isinstance(ident, str) else None
    if reserved and not any(p.field == "id" for p in problems):
        problems.append(child(where, loaded.data, "id", "id").problem(reserved))
    if isinstance(ident, str) and ident != expected and not any(p.field == "id" for p in problems):
        problems.append(child(where, loaded.data, "id", "id").problem(
            f"the id must match the file name (expected {expected!r}, got {ident!r}); rename the file or change the id"))
    return problems


# ---- cross-file checks -------------------------------------------------------------


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
    accounts = loaded.data.get("events") or []
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


def load_and_check(seeds_dir: Path, root: Path, workers: int | None = 1) -> tuple[Checked, list[Problem]]:
    """Load every seed file and run every check; return what passed and every problem.

    Each file is loaded and checked on its own, so with `workers` > 1 (None: as many as
    parallel.py finds worth it) the files are shared among forked processes, which send
    back the loaded data; the result is the same for any number of workers."""
    from .parallel import run_jobs, workers_for

    found, problems = seed_files(seeds_dir, root)
    jobs = [functools.partial(_load_and_check_file, path, shown, kind)
            for kind, files in found.items() for path, shown in files]
    checked = Checked()
    for kind, loaded, load_problems, structure in run_jobs(jobs, workers_for(len(jobs), workers)):
        problems += load_problems + structure
        if loaded is None:
            continue
        if not structure:
            checked.files[kind].append(loaded)
        elif isinstance(loaded.data, dict) and isinstance(loaded.data.get("id"), str):
            checked.broken_ids[kind].add(loaded.data["id"])
            checked.broken_ids[kind].add(Path(loaded.path).stem)  # its id may still be a placeholder
    problems += check_across(checked)
    return checked, sorted(set(problems))


def _load_and_check_file(path: Path, shown: str, kind: str) -> tuple:
    loaded, load_problems = load_file(path, shown)
    structure = check_structure(loaded, kind) if loaded is not None else []
    return kind, loaded, load_problems, structure
