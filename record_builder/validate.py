"""Stage 2, validate: check every loaded file against the schema, then check across files.

Checks yield Problems and never stop early, so one run reports every mistake.
Cross-file checks (references, duplicate ids, dates after publication) run only on
files whose own structure is sound, so a broken file gives its own clear message
and not a cascade of follow-on ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .load import LoadedFile, Sequence, load_file
from .problems import Problem, Where, did_you_mean
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
    """The YAML files of each kind, sorted; anything else in seeds/ is reported."""
    found: dict[str, list[tuple[Path, str]]] = {kind: [] for kind in KINDS}
    problems = []
    if not seeds_dir.is_dir():
        return found, [Problem(_shown(seeds_dir, root), 1, 1, "", "the seeds folder does not exist")]
    for path in sorted(seeds_dir.rglob("*")):
        if path.is_dir() or path.name.startswith(".") or path.name == "README.md":
            continue
        shown = _shown(path, root)
        relative = path.relative_to(seeds_dir).parts
        if len(relative) == 2 and relative[0] in KINDS and path.suffix == ".yaml":
            found[relative[0]].append((path, shown))
        elif path.suffix in (".yml", ".YAML", ".yaml"):
            folders = ", ".join(f"seeds/{k}/" for k in KINDS)
            problems.append(Problem(shown, 1, 1, "", "a YAML file outside the known folders or with the wrong "
                                    f"ending (expected a '.yaml' file directly in {folders})"))
        else:
            problems.append(Problem(shown, 1, 1, "", "unexpected file in seeds/ (expected only .yaml files)"))
    return found, problems


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def check_structure(loaded: LoadedFile, kind: str) -> list[Problem]:
    record = KINDS[kind]
    where = Where(loaded.path, getattr(loaded.data, "line", 1), getattr(loaded.data, "column", 1))
    if loaded.data is None:
        return [where.problem(f"the file is empty (expected the keys of {record.name}; see docs/format.md)")]
    problems = list(record.check(loaded.data, where))
    expected = Path(loaded.path).stem
    ident = loaded.data.get("id") if isinstance(loaded.data, dict) else None
    if isinstance(ident, str) and ident != expected and not any(p.field == "id" for p in problems):
        problems.append(child(where, loaded.data, "id", "id").problem(
            f"the id must match the file name (expected {expected!r}, got {ident!r}); rename the file or change the id"))
    return problems


# ---- cross-file checks -------------------------------------------------------------


def references(t: Type, value, where: Where) -> Iterator[tuple[str, str, Where]]:
    """Every (target kind, id, where) that a checked value refers to."""
    if value is None:
        return
    if isinstance(t, Ref):
        yield t.target, value, where
    elif isinstance(t, Nullable):
        yield from references(t.inner, value, where)
    elif isinstance(t, ListOf):
        for index, item in enumerate(value):
            line, col = value.item_marks[index] if isinstance(value, Sequence) else (where.line, where.column)
            yield from references(t.item, item, Where(where.path, line, col, f"{where.field}[{index}]"))
    elif isinstance(t, Record) and isinstance(value, dict):
        for spec in t.fields:
            if spec.name in value:
                yield from references(spec.type, value[spec.name], child(where, value, spec.name, spec.name))


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
    for kind in KINDS:
        for loaded in checked.files[kind]:
            for target, ident, where in references(KINDS[kind], loaded.data, _root_where(loaded)):
                if ident not in defined[target] and ident not in broken.get(target, ()):
                    folder = {"actor": "seeds/actors/", "legal": "seeds/legal/", "event": "the events of seeds/sources/",
                              "source": "seeds/sources/"}[target]
                    problems.append(where.problem(
                        f"unknown {target} id {ident!r} (expected an id defined in {folder})"
                        f"{did_you_mean(ident, defined[target])}"))
    for loaded in checked.files["sources"]:
        problems += _check_actor_roles(loaded)
        problems += _check_dates_against_publication(loaded)
    for loaded in checked.files["actors"]:
        problems += _check_part_of_cycle(loaded, checked)
    return problems


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


_ACTOR_FIELDS = {"actor", "actors", "according_to", "by", "via", "about", "reported_by", "quote_by"}


def _check_actor_roles(loaded: LoadedFile) -> list[Problem]:
    """Every actor a source uses must be listed in its `actors:` with the role it gives them."""
    problems = []
    listed: dict[str, int] = {}
    roles = loaded.data["actors"]
    for index, entry in enumerate(roles):
        if entry["actor"] in listed:
            line, col = roles.item_marks[index]
            problems.append(Problem(loaded.path, line, col, f"actors[{index}].actor",
                                    f"{entry['actor']!r} is listed twice in actors (also at actors[{listed[entry['actor']]}])"))
        listed.setdefault(entry["actor"], index)
    for target, ident, where in references(SOURCE, loaded.data, _root_where(loaded)):
        if target == "actor" and not where.field.startswith("actors[") and ident not in listed:
            problems.append(where.problem(
                f"{ident!r} is used here but not listed in this source's 'actors:' "
                "(expected an entry '- actor: " + ident + "' with the role this source gives them)"))
    return problems


def _check_dates_against_publication(loaded: LoadedFile) -> list[Problem]:
    """Nothing a source reports can have happened after the source was published."""
    published = loaded.data.get("published")
    if published is None:
        return []
    latest = DateType().build(published).latest
    if latest is None:
        return []
    problems = []
    root = _root_where(loaded)
    for list_name, date_field in (("events", "date"), ("statements", "date"), ("figures", "as_of")):
        items = loaded.data.get(list_name) or []
        for index, item in enumerate(items):
            when = DateType().build(item[date_field])
            if when.earliest and when.earliest > latest:
                where = child(child(root, loaded.data, list_name, list_name), items, index, "")
                where = child(Where(where.path, where.line, where.column, f"{list_name}[{index}]"), item, date_field,
                              date_field)
                problems.append(where.problem(
                    f"the date {when.text} is after the source was published ({DateType().build(published).label()}); "
                    "expected a date on or before publication"))
    return problems


def _check_part_of_cycle(loaded: LoadedFile, checked: Checked) -> list[Problem]:
    parents = {f.data["id"]: f.data.get("part_of") for f in checked.files["actors"]}
    seen, current = set(), loaded.data["id"]
    while current is not None and current not in seen:
        seen.add(current)
        current = parents.get(current)
    if current == loaded.data["id"]:
        return [child(_root_where(loaded), loaded.data, "part_of", "part_of").problem(
            "'part_of' goes round in a circle back to this actor (expected a chain that ends)")]
    return []


def load_and_check(seeds_dir: Path, root: Path) -> tuple[Checked, list[Problem]]:
    """Load every seed file and run every check; return what passed and every problem."""
    found, problems = seed_files(seeds_dir, root)
    checked = Checked()
    for kind, files in found.items():
        for path, shown in files:
            loaded, load_problems = load_file(path, shown)
            problems += load_problems
            if loaded is None:
                continue
            structure = check_structure(loaded, kind)
            problems += structure
            if not structure:
                checked.files[kind].append(loaded)
            elif isinstance(loaded.data, dict) and isinstance(loaded.data.get("id"), str):
                checked.broken_ids[kind].add(loaded.data["id"])
    problems += check_across(checked)
    return checked, sorted(set(problems))

