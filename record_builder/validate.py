"""Stage 2, validate: check every loaded file against the schema and the content rules, then
check across files.

Checks yield Problems and never stop early, so one run reports every mistake. The stage is
four modules, each doing one thing, run from here:
- seedfiles.py: what seeds/ holds, found without following a link or opening a file;
- validate.py (this one): each file loaded and checked against the schema, on every core;
- rules.py: the editorial rules that no single value's type can say, in a file or the record;
- across.py: references and the other checks across files.
Cross-file checks (references, duplicate ids, dates after publication) run only on
files whose own structure is sound, so a broken file gives its own clear message
and not a cascade of follow-on ones.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from . import placeholders, rules
from .across import check_across, references
from .load import FileTooLarge, LoadedFile, load_file, read_regular_file
from .locations import reserved_id
from .problems import Problem, Where
from .schema import KINDS
from .seedfiles import Checked, seed_files
from .types import child

# The stage as the rest of the generator, the tests and bench/ use it.
__all__ = ["Checked", "check_across", "check_structure", "load_and_check", "references", "seed_files"]


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


def load_and_check(seeds_dir: Path, root: Path, workers: int | None = 1,
                   cache: dict | None = None) -> tuple[Checked, list[Problem]]:
    """Load every seed file and run every check; return what passed and every problem.

    Each file is loaded and checked on its own, so with `workers` > 1 (None: as many as
    parallel.py finds worth it) the files are shared among forked processes, which send
    back the loaded data; the result is the same for any number of workers. A process that
    builds again and again (`build_pages.py --stay`, for `mkdocs serve`) passes a `cache`
    it keeps: a file whose bytes are those of the last build is not loaded or checked again
    (nothing downstream changes what a file loaded to). The checks across files always run."""
    from .parallel import run_jobs, workers_for

    found, problems = seed_files(seeds_dir, root)
    jobs = [(kind, path, shown) for kind, files in found.items() for path, shown in files]
    results: list = [None] * len(jobs)
    todo = []
    for number, (kind, path, shown) in enumerate(jobs):
        if cache is not None:
            hit = cache.get((shown, kind))
            if hit is not None and hit[0] == _digest(path):
                results[number] = hit[1]
                continue
            cache.pop((shown, kind), None)
        todo.append((number, functools.partial(_load_and_check_file, path, shown, kind)))
    made = run_jobs([job for _, job in todo], workers_for(len(todo), workers))
    for (number, _), result in zip(todo, made):
        results[number] = result
        loaded = result[2]
        if cache is not None and loaded is not None:  # keyed by the bytes parsed, not by a second reading
            cache[(jobs[number][2], jobs[number][0])] = (loaded.digest, result)
    if cache is not None:
        for gone in set(cache) - {(shown, kind) for kind, _, shown in jobs}:
            del cache[gone]
    checked = Checked()
    for kind, shown, loaded, load_problems, structure, content, warnings in results:
        problems += load_problems + structure + content
        checked.warnings += warnings
        if loaded is not None and not structure:
            checked.files[kind].append(loaded)
            continue
        # Failed its own checks, or could not be read: references to it are not reported as
        # unknown, and the rules that need every source (rules.check_record) wait for it.
        checked.broken_ids[kind].add(Path(shown).stem)  # the id it must have; it may still be a placeholder
        if loaded is not None and isinstance(loaded.data, dict) and isinstance(loaded.data.get("id"), str):
            checked.broken_ids[kind].add(loaded.data["id"])
    record_problems, record_warnings = rules.check_record(checked)
    problems += check_across(checked) + record_problems
    checked.warnings = sorted(checked.warnings + record_warnings)
    return checked, sorted(set(problems))


def _digest(path: Path) -> str | None:
    try:
        return hashlib.blake2b(read_regular_file(path), digest_size=16).hexdigest()
    except (OSError, FileTooLarge):  # gone, too large, or no longer a regular file: loaded again, and reported
        return None


def _load_and_check_file(path: Path, shown: str, kind: str) -> tuple:
    """One file loaded and checked: against the schema, then (when its structure is sound) the content rules."""
    loaded, load_problems = load_file(path, shown)
    structure = check_structure(loaded, kind) if loaded is not None else []
    content, warnings = rules.check_file(loaded, kind) if loaded is not None and not structure else ([], [])
    return kind, shown, loaded, load_problems, structure, content, warnings
