"""Render only the pages whose inputs changed since the last build.

A build renders each page (a job of render.Pages, with its continuation pages) with its reads
noted (reads.py): the keys of the files, events and measures it read, each with its version.
They are kept beside the build stamp, in `.cache/build-reads.json`, with the language's
digest of what no key covers (the record's lists and their order, the timeline's layout, the
short citations, the pages' dates, the interface's catalogs). The next build loads and checks
every file and builds the record as always (the checks across files need every file), then
for each job:

- renders it again when any key it read has another version now, or is gone;
- keeps it, and does not render it, when every key it read has the version it had, and its
  files are as that build wrote them (stamp.intact_outputs: a page edited or deleted by hand
  since is made again).

Anything the state cannot vouch for means rendering: no state, a state this version cannot
read, other code or templates (stamp.code), another language digest (every page of that
language), a job never seen, a read without a key. So a build is never staler than a full
one: tests/test_incremental.py checks that after random edits (texts, dates, references,
deletions, renames, new files, catalogs) the pages are byte for byte a full build's.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path

from . import i18n, reads, stamp
from .layout import BUDGETS, Budgets
from .model import Record
from .parallel import run_jobs, workers_for
from .record import build_record
from .render import Pages, localised_path
from .translations import FOLDER, catalog_path

STATE = Path(".cache") / "build-reads.json"
FORMAT = 1


def render(record: Record, translations: dict, root: Path, workers: int | None = 1,
           budgets: Budgets = BUDGETS) -> tuple[dict[str, str], frozenset[str], dict]:
    """The texts of the pages that must be rendered, the paths of those kept as they are on disk,
    and the state to save once they are written (`save`)."""
    code = stamp.code()
    previous = _load(root)
    if previous is None or code is None or previous.get("code") != code:
        previous = {"langs": {}}
    intact = stamp.intact_outputs(root) if previous["langs"] else set()
    texts: dict[str, str] = {}
    kept: set[str] = set()
    state: dict = {"format": FORMAT, "code": code, "langs": {}}
    assert record.checked is not None, "a record made by record.build_record knows its files"
    for lang in i18n.LANGUAGES:
        made = record if lang == i18n.DEFAULT else build_record(record.checked, lang, translations.get(lang))
        pages = Pages(made, budgets=budgets)
        versions = reads.versions(reads.keys(made), _file_digests(root, made, lang))
        digest = _language_digest(pages, root, lang)
        old = previous["langs"].get(lang)
        jobs, todo = _reuse(pages.keyed_jobs(), old if old and old.get("digest") == digest else None,
                            versions, intact, kept)
        with reads.tracing():  # only while rendering: the model's reads are noted, and cost more
            results = run_jobs([functools.partial(reads.noted, job) for _, job in todo],
                               workers_for(len(todo), workers))
        for (name, _), (out, keys) in zip(todo, results):
            placed = []
            for path, text in out.items():
                target = path if lang == i18n.DEFAULT else localised_path(path, lang)
                if target is not None:
                    texts[target] = text
                    placed.append(target)
            jobs[name] = (sorted(placed), {key: versions.get(key) for key in keys})
        state["langs"][lang] = _packed(digest, jobs)
    return texts, frozenset(kept), state


def _reuse(named_jobs: list, old: dict | None, versions: dict, intact: set, kept: set) -> tuple[dict, list]:
    """The jobs whose reads are as the last build found them ({name: (paths, {key: version})},
    their paths added to `kept`), and the others, to render."""
    jobs: dict = {}
    todo = []
    try:
        before = _unpacked(old) if old is not None else {}
    except (KeyError, IndexError, TypeError, ValueError):  # a state not as this version writes it
        before = {}
    for name, job in named_jobs:
        found = before.get(name)
        if found is not None:
            paths, read = found
            if all(version is not None and versions.get(key) == version for key, version in read.items()) and all(p in intact for p in paths):
                jobs[name] = found
                kept.update(paths)
                continue
        todo.append((name, job))
    return jobs, todo


def _packed(digest: str, jobs: dict) -> dict:
    """A language's state with each key and version written once (the exports read them all)."""
    pairs = sorted({pair for _, read in jobs.values() for pair in read.items() if pair[1] is not None})
    number = {pair: i for i, pair in enumerate(pairs)}
    return {"digest": digest, "reads": [list(pair) for pair in pairs],
            "jobs": {name: [paths, sorted(number[pair] if pair[1] is not None else -1 for pair in read.items())]
                     for name, (paths, read) in sorted(jobs.items())}}


def _unpacked(packed: dict) -> dict:
    pairs = [tuple(pair) for pair in packed["reads"]]
    jobs = {}
    for name, (paths, numbers) in packed["jobs"].items():
        read = dict(pairs[n] if n >= 0 else ("", None) for n in numbers)
        jobs[name] = (paths, read)
    return jobs


def _file_digests(root: Path, record: Record, lang: str) -> dict[str, str]:
    """Each seed file's digest; in another language than English, with its catalog's."""
    found = {}
    paths = [thing.yaml_path for thing in (*record.sources, *record.actors, *record.legal)]
    if record.overview is not None:
        paths.append(record.overview.yaml_path)
    for path in paths:
        digest = hashlib.sha256(_read(root / path))
        if lang != i18n.DEFAULT:
            digest.update(b"\0catalog\0" + _read(root / catalog_path(lang, path)))
        found[path] = digest.hexdigest()
    return found


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b"\0missing"


def _language_digest(pages: Pages, root: Path, lang: str) -> str:
    """What every page of the language may read that no key covers."""
    record, layout = pages.record, pages.timeline
    digest = hashlib.sha256(f"{lang}\0".encode())

    def add(*parts) -> None:
        digest.update(repr(parts).encode("utf-8", "surrogatepass"))

    add([s.id for s in record.sources], [a.id for a in record.actors], [q.id for q in record.legal],
        [e.id for e in record.events], [m.id for m in record.measures], record.overview is not None)
    add([(entry.anchor, entry.month) for entry in record.timeline])
    add(layout.overview, [(p.path, p.title, p.month, p.part, p.parts, [e.anchor for e in p.entries]) for p in layout.pages])
    add(sorted(layout.page_of.items()))
    add(sorted({s.language for s in record.sources}))
    add([(s.id, pages.citations[id(s)]) for s in record.sources])
    dates = pages.page_dates
    add(sorted(dates._changed.items(), key=lambda item: item[0]), dates._record, sorted(dates._placeholders))
    add(pages.budgets)
    if lang != i18n.DEFAULT:  # the interface's catalogs and the style sheet: files directly in translations/<lang>/
        for folder in (root / FOLDER / lang, stamp.CODE_DIR.parent / FOLDER / lang):
            if folder.is_dir():
                for path in sorted(folder.iterdir()):
                    if path.is_file():
                        add(str(path))
                        digest.update(_read(path))
    return digest.hexdigest()


def _load(root: Path) -> dict | None:
    try:
        state = json.loads((root / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("format") != FORMAT or not isinstance(state.get("langs"), dict):
        return None
    return state


def save(root: Path, state: dict) -> None:
    """Keep the state for the next build (after its pages and stamp are written). Best effort."""
    target = root / STATE
    temp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".build-reads.", suffix=".tmp", dir=target.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(state, out, separators=(",", ":"))
        os.replace(temp, target)
        temp = None
    except OSError:
        pass
    finally:
        if temp is not None:
            Path(temp).unlink(missing_ok=True)


def forget(root: Path) -> None:
    """No state: the next build renders everything (a build that could not write its stamp)."""
    try:
        (root / STATE).unlink(missing_ok=True)
    except OSError:
        pass
