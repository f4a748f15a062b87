"""Render only the pages whose inputs changed since the last build.

A build renders each page (a job of render.Pages, with its continuation pages) with its reads
noted (reads.py): the keys of the things it read (a source's fields, a statement, an event),
each with its version.
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
import itertools
import hashlib
import json
import os
import re
import tempfile
from pathlib import Path

from . import i18n, reads, stamp
from .layout import BUDGETS, Budgets
from .load import FileTooLarge, read_regular_file
from .model import Record
from .parallel import run_jobs, workers_for
from .record import build_record
from .render import Pages, localised_path
from .translations import FOLDER, catalog_path

STATE = Path(".cache") / "build-reads.json"
FORMAT = 2


def render(record: Record, translations: dict, root: Path, workers: int | None = 1,
           budgets: Budgets = BUDGETS, memory: dict | None = None) -> tuple[dict[str, str], frozenset[str], dict]:
    """The texts of the pages that must be rendered, the paths of those kept as they are on disk,
    and the state to save once they are written (`save`). `memory`: where a process that builds
    again and again (`build_pages.py --stay`) keeps the state it saved, instead of reading it back."""
    code = stamp.code()
    previous = _load(root, memory)
    if previous is None or code is None or previous.get("code") != code:
        previous = {"keys": [], "langs": {}}
    intact = stamp.intact_outputs(root) if previous["langs"] else set()
    texts: dict[str, str] = {}
    kept: set[str] = set()
    table = _KeyTable()
    langs = {}
    assert record.checked is not None, "a record made by record.build_record knows its files"
    for lang in i18n.LANGUAGES:
        made = record if lang == i18n.DEFAULT else build_record(record.checked, lang, translations.get(lang))
        pages = Pages(made, budgets=budgets)
        digest = _language_digest(pages, root, lang)
        known = memory.setdefault(("versions", root, lang), {}) if memory is not None else None
        versions = reads.versions(made, known, _file_digests(root, made, lang, digest, memory.get("before") or {})
                                  if memory is not None and known is not None else None)
        old = previous["langs"].get(lang)
        try:
            jobs, todo = _reuse(pages.keyed_jobs(), previous["keys"], old if old and old.get("digest") == digest else None,
                                versions, intact)
        except (AttributeError, KeyError, IndexError, TypeError, ValueError):  # a state this version did not write
            jobs, todo = {}, list(pages.keyed_jobs())
        for paths, _ in jobs.values():
            kept.update(paths)
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
            jobs[name] = (sorted(placed), keys)
        langs[lang] = (digest, jobs, versions)
    state: dict = {"format": FORMAT, "code": code, "langs": {}}
    for lang, (digest, jobs, versions) in langs.items():
        state["langs"][lang] = table.packed(digest, jobs, versions)
    state["files"], state["keys"] = table.short_keys()
    return texts, frozenset(kept), state


def _reuse(named_jobs: list, keys: list, old: dict | None, versions, intact: set) -> tuple[dict, list]:
    """The jobs whose reads all have the versions they had ({name: (paths, {key: version})}),
    and the others, to render."""
    if old is None:
        return {}, list(named_jobs)
    known = old["versions"]
    changed = {number for number, version in enumerate(known)
               if version is not None and versions.of(keys[number]) != version}
    jobs: dict = {}
    todo = []
    for name, job in named_jobs:
        found = old["jobs"].get(name)
        if found is not None:
            paths, numbers = found[0], _undelta(found[1])
            if -1 not in numbers and changed.isdisjoint(numbers) and all(p in intact for p in paths):
                jobs[name] = (paths, [keys[n] for n in numbers])
                continue
        todo.append((name, job))
    return jobs, todo


class _KeyTable:
    """The keys of every language's reads, each written once in the state; each language keeps
    their versions in the table's order, and each job the numbers of the keys it read."""

    def __init__(self):
        self.keys: list[str] = []
        self.number: dict[str, int] = {}

    def packed(self, digest: str, jobs: dict, versions) -> dict:
        """A language's state: its jobs' paths and the numbers of the keys they read (-1: a key
        with no version, read again at every build), and each key's version in the language."""
        found: dict[int, str] = {}
        seen: dict[str, int] = {}
        packed_jobs = {}
        for name, (paths, read) in sorted(jobs.items()):
            numbers = []
            for key in read:
                number = seen.get(key)
                if number is None:
                    version = versions.of(key)
                    if version is None:
                        number = -1
                    else:
                        number = self.number.get(key)
                        if number is None:
                            number = self.number[key] = len(self.keys)
                            self.keys.append(key)
                        found[number] = version
                    seen[key] = number
                numbers.append(number)
            packed_jobs[name] = [paths, _delta(sorted(numbers))]
        return {"digest": digest, "versions": found, "jobs": packed_jobs}

    def short_keys(self) -> tuple[list[str], list[str]]:
        """The seed files' paths, and the keys with each path written as its number in that list
        (`seeds/sources/x.yaml#12` -> `7#12`): a tenth of the state's size at 10,000 events."""
        files: dict[str, int] = {}
        short = []
        for key in self.keys:
            path, mark, rest = _split(key)
            if mark:
                number = files.setdefault(path, len(files))
                key = f"{number}{mark}{rest}"
            short.append(key)
        return list(files), short


def _split(key: str) -> tuple[str, str, str]:
    """A file's key as (path, '#' or ':', the rest); any other key as (key, '', '')."""
    if key.startswith("seeds/"):
        end = key.find(".yaml") + len(".yaml")
        if end >= len(".yaml") and end < len(key) and key[end] in "#:":
            return key[:end], key[end], key[end + 1:]
    return key, "", ""


def _long_keys(files: list, keys: list) -> list[str]:
    found = []
    for key in keys:
        if key[:1].isdigit():
            number, mark, rest = re.match(r"(\d+)([#:])(.*)", key, re.S).groups()  # type: ignore[union-attr]
            key = f"{files[int(number)]}{mark}{rest}"
        found.append(key)
    return found


def _delta(numbers: list[int]) -> list[int]:
    """Sorted numbers as differences from the one before (small numbers: a smaller file)."""
    return [b - a for a, b in zip([0, *numbers], numbers)] if numbers and numbers[0] >= 0 else numbers


def _undelta(deltas: list[int]) -> list[int]:
    if deltas and deltas[0] < 0:
        return deltas
    return list(itertools.accumulate(deltas))


def _missing() -> str:
    return hashlib.blake2b(MISSING, digest_size=16).hexdigest()


def file_snapshot(root: Path) -> dict[str, str]:
    """A digest of each catalog, by path: taken before a build reads anything (cli.py, for a
    process that builds again and again), so that `_file_digests` can tell one edited while
    the build ran. (A seed file's digest is taken from the bytes it was loaded from.)"""
    found = {}
    for folder, pattern in ((FOLDER, "*.po"),):
        for path in sorted((root / folder).rglob(pattern)) if (root / folder).is_dir() else []:
            if path.is_file() and not path.is_symlink():
                found[path.relative_to(root).as_posix()] = hashlib.blake2b(_read(path), digest_size=16).hexdigest()
    return found


def _file_digests(root: Path, record: Record, lang: str, language: str, before: dict) -> dict[str, str]:
    """Each seed file's digest (of the very bytes it was built from), with its catalog's in another
    language than English, and the language's digest (what all its files share: reads.versions
    keeps versions by these). A catalog not as `before` shows it (edited while this build ran)
    gives its file none: that file's versions are worked out, not kept."""
    assert record.checked is not None
    loaded = {item.path: item.digest for files in record.checked.files.values() for item in files}
    found, missing = {}, _missing()
    for path, seed in loaded.items():
        parts = [seed]
        if lang != i18n.DEFAULT:
            catalog = catalog_path(lang, path)
            now = hashlib.blake2b(_read(root / catalog), digest_size=16).hexdigest()
            if now != before.get(catalog, missing):
                continue
            parts.append(now)
        if seed:
            found[path] = hashlib.blake2b("\0".join([language, *parts]).encode(), digest_size=16).hexdigest()
    return found


MISSING = b"\0missing"  # what _read gives for a file that is not there


def _read(path: Path) -> bytes:
    """A catalog's bytes; MISSING for anything else (no file, a link, a device, too large)."""
    try:
        return read_regular_file(path)
    except (OSError, FileTooLarge):
        return MISSING


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
    add(pages.page_dates.state())
    add(pages.budgets)
    if lang != i18n.DEFAULT:  # the interface's catalogs and the style sheet: files directly in translations/<lang>/
        for folder in (root / FOLDER / lang, stamp.CODE_DIR.parent / FOLDER / lang):
            if folder.is_dir():
                for path in sorted(folder.iterdir()):
                    if path.is_file():
                        add(str(path))
                        digest.update(_read(path))
    return digest.hexdigest()


def _load(root: Path, memory: dict | None = None) -> dict | None:
    """The last build's state as render() reads it (keys in full, versions as lists), or None.
    Never changes what it read: `memory` keeps the state as saved, for the next build too.
    Whatever the file holds (a pull request can commit one), the worst it can do is None."""
    kept = (memory or {}).get(root)
    try:
        if kept is not None:
            if kept[0] is None or kept[0] != stamp.recorded_inputs(root):
                return None  # another build since ours, from other inputs (build_pages.py run beside serve)
            saved = kept[1]
        else:
            saved = json.loads(stamp.read_cache_file(root / STATE))
        if (not isinstance(saved, dict) or saved.get("format") != FORMAT or not isinstance(saved.get("langs"), dict)
                or not isinstance(saved.get("keys"), list)):
            return None
        keys = _long_keys(saved["files"], saved["keys"])
        langs = {}
        for lang, packed in saved["langs"].items():  # JSON's object keys are strings: the versions' are numbers
            found = [None] * len(keys)
            for number, version in packed["versions"].items():
                found[int(number)] = version
            langs[lang] = {"digest": packed["digest"], "versions": found, "jobs": packed["jobs"]}
    except Exception:  # noqa: BLE001 - unreadable, too deep, too large, not as written here: build everything
        return None
    return {"code": saved.get("code"), "keys": keys, "langs": langs}


def save(root: Path, state: dict, memory: dict | None = None, inputs: str | None = None) -> None:
    """Keep the state for the next build (after its pages and stamp are written). Best effort.

    With `memory` (a process that builds again and again, `build_pages.py --stay`), the state
    is kept there, with the inputs' digest of the stamp just written (`inputs`), and the file is removed: writing
    a few MB at every build of a large record would cost a second or more, and a state on
    disk older than the pages is not to be trusted (a job it vouches for may have been
    rendered since from other inputs). The process writes it back when it ends (`save_memory`);
    should it be killed, the next build renders everything."""
    if memory is not None:
        memory[root] = (inputs, state)
        forget(root)
        return
    target = root / STATE
    temp = None
    if stamp.cache_folder(root) is None:
        return
    try:
        handle, temp = tempfile.mkstemp(prefix=".build-reads.", suffix=".tmp", dir=target.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(json.dumps(state, separators=(",", ":")))  # dumps: the C encoder (dump streams in Python)
        os.replace(temp, target)
        temp = None
    except OSError:
        pass
    finally:
        if temp is not None:
            Path(temp).unlink(missing_ok=True)


def save_memory(memory: dict) -> None:
    """Write the states kept in `memory` to disk, each if no other build has run since."""
    for root, kept in memory.items():
        if isinstance(root, Path) and kept[0] is not None and kept[0] == stamp.recorded_inputs(root):
            save(root, kept[1])


def forget(root: Path) -> None:
    """No state: the next build renders everything (a build that could not write its stamp)."""
    if stamp.cache_folder(root) is None:
        return  # not a folder of ours: nothing of ours in it
    try:
        (root / STATE).unlink(missing_ok=True)
    except OSError:
        pass
