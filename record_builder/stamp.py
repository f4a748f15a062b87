"""The build stamp: skip a rebuild when nothing it reads or writes has changed.

`python build_pages.py` with nothing changed used to load, check and render the whole
record only to find every page already up to date. After each successful build the
stamp (`.cache/build-stamp` under the project root, ignored by git) records:

- a digest of the inputs: the contents of every file under seeds/ (and the name of
  anything else there), of the generator's own code and templates (every file in
  record_builder/, and build_pages.py), the Python version, and the size and time of the
  files of the libraries the output depends on (PyYAML, Jinja2, MarkupSafe), so that an
  upgrade counts as a change;
- the state of the outputs: size, modification and change time and inode of every
  generated file and of every file in the folders the build owns (write.OWNED_DIRS, where
  it removes the pages of deleted YAML), so a page edited, deleted or added by hand is seen;
- the generated files' paths, whose number is the usual summary line's "left N unchanged".

The next run (not `--check`, which always validates everything) computes the same and,
when all agree, prints the summary and stops before loading anything. Any difference, or
a missing, unreadable or corrupt stamp, means a full build: the stamp can save work, but
cannot hide a change.

Why contents for seeds/ and the code, but file times for the outputs: hashing every seed
file costs about 25 ms for 19 MB (10,000 events), against 1.6 s only to parse them. That
is cheap, and immune to what defeats file times: `git checkout`, `cp -p`, `rsync -t`,
`tar` or `touch -r` can give an edited file an old time, and an edit of the same size in
the same clock tick keeps both. The outputs are three times larger, so for them the stamp
keeps file times, which a hand edit always moves on (the change time cannot even be set
back), but for one case: an edit within the same clock tick as the time recorded (a
script editing a page right after a build, or the same second on a filesystem with
coarse times). As git does for its index ("racy git"), an output whose recorded time is
within RACY_NS of the stamp's own time is also recorded by a hash of its content, and the
next run checks that hash. A skipped run that had to check such hashes writes the stamp
again once those files are old enough, so the runs after it only compare file times.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import stat as stat_mode
import sys
import tempfile
import time
from pathlib import Path

from .write import OWNED_DIRS

STAMP = Path(".cache") / "build-stamp"
FORMAT = 1
RACY_NS = 2_000_000_000  # 2 s: coarser than the time resolution of any filesystem a project is likely on
CODE_DIR = Path(__file__).resolve().parent
ENTRY_POINT = CODE_DIR.parent / "build_pages.py"
LIBRARIES = ("yaml", "jinja2", "markupsafe", "babel")


CACHE_LIMIT = 256 * 1024 * 1024  # bytes of a file of .cache/ read back (a stamp at 10,000 events: 1.2 MB)


def cache_folder(root: Path) -> Path | None:
    """`.cache/` under `root`, made if missing; None when it is anything but a folder of its own
    (a link a pull request committed would make the build write, or delete, elsewhere)."""
    folder = root / STAMP.parent
    try:
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            return None
        folder.mkdir(parents=True, exist_ok=True)
        return folder if not folder.is_symlink() else None
    except OSError:
        return None


def read_cache_file(path: Path) -> str:
    """A file of .cache/ as text: a regular file, not a link, at most CACHE_LIMIT bytes
    (OSError otherwise, or ValueError when it is not UTF-8): what a pull request committed
    there can make the build do no more than build everything."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(descriptor)
        if not stat_mode.S_ISREG(info.st_mode) or info.st_size > CACHE_LIMIT:
            raise OSError(f"{path} is not a regular file of at most {CACHE_LIMIT} bytes")
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            return stream.read(CACHE_LIMIT + 1).decode("utf-8")
    finally:
        os.close(descriptor)


def recorded_inputs(root: Path) -> str | None:
    """The inputs' digest the stamp on disk records (the last successful build's), or None."""
    try:
        found = json.loads(read_cache_file(root / STAMP)).get("inputs")
    except Exception:  # noqa: BLE001 - no stamp, or one this version cannot read
        return None
    return found if isinstance(found, str) else None


def _text(value: str) -> bytes:
    return value.encode("utf-8", "surrogateescape")


def _digest_tree(digest, folder: Path, label: str, skip=lambda path: False) -> None:
    """Every file's name and content, and the name and kind of anything else, in a stable order."""
    for path in sorted(folder.rglob("*")):
        if skip(path):
            continue
        shown = f"{label}/{path.relative_to(folder).as_posix()}"
        info = path.lstat()  # a link is recorded, never followed: the build refuses it anyway
        if stat_mode.S_ISREG(info.st_mode):
            data = path.read_bytes()  # only regular files: reading a FIFO would wait for ever
            digest.update(_text(f"file {shown}\0{len(data)}\0"))
            digest.update(data)
        else:
            digest.update(_text(f"{'folder' if stat_mode.S_ISDIR(info.st_mode) else 'other'} {shown}\0"))


def inputs(root: Path) -> str | None:
    """A digest of everything the build reads, or None when something cannot be read (then: build)."""
    digest = hashlib.sha256(_text(f"build-stamp {FORMAT}\0{sys.version}\0"))
    try:
        seeds = root / "seeds"
        if not seeds.is_dir():
            return None
        # The same walk as validate.seed_files, so the stamp sees every file the build sees.
        _digest_tree(digest, seeds, "seeds")
        # The translations: the record's catalogs (under the record's root) and the interface's
        # (beside the code); the same folder when the repository's own record is built.
        for label, folder in (("translations", root / "translations"), ("ui", CODE_DIR.parent / "translations")):
            if folder.is_dir():
                _digest_tree(digest, folder, label)
        _digest_code(digest)
    except (OSError, ValueError, ImportError):
        return None
    return digest.hexdigest()


def _digest_code(digest) -> None:
    """The generator's code and templates, its entry point and the libraries it renders with."""
    _digest_tree(digest, CODE_DIR, "code", skip=lambda path: "__pycache__" in path.parts or path.suffix == ".pyc")
    if ENTRY_POINT.is_file():
        digest.update(_text("file build_pages.py\0"))
        digest.update(ENTRY_POINT.read_bytes())
    for name in LIBRARIES:
        spec = importlib.util.find_spec(name)
        origin = Path(spec.origin) if spec is not None and spec.origin else None
        digest.update(_text(f"library {name} {origin}\0"))
        if origin is not None:
            for path in sorted(origin.parent.iterdir()):
                info = path.stat()
                if stat_mode.S_ISREG(info.st_mode):  # not __pycache__/, whose time moves with every new .pyc
                    digest.update(_text(f"{path.name} {info.st_size} {info.st_mtime_ns}\0"))


def code() -> str | None:
    """A digest of what the build runs (code, templates, libraries, Python), not of what it reads."""
    digest = hashlib.sha256(_text(f"build-code {FORMAT}\0{sys.version}\0"))
    try:
        _digest_code(digest)
    except (OSError, ValueError, ImportError):
        return None
    return digest.hexdigest()


def intact_outputs(root: Path) -> set[str]:
    """The generated files that are as the last build (its stamp) left them: not edited, touched,
    replaced or deleted since. Empty when there is no stamp this version can read."""
    target = root / STAMP
    try:
        stamp_ns = target.stat().st_mtime_ns
        stamp = json.loads(read_cache_file(target))
        if stamp["format"] != FORMAT:
            return set()
        intact = set()
        for relative, state in stamp["outputs"].items():
            if relative not in stamp["generated"] or state is None or _state(root / relative) != state[:4]:
                continue
            if _racy(state, stamp_ns) and (len(state) != 5 or _content_hash(root / relative) != state[4]):
                continue
            intact.add(relative)
        return intact
    except Exception:  # noqa: BLE001 - no stamp, or one this version cannot read: nothing is known intact
        return set()


def _state(path: Path) -> list | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


def _output_paths(root: Path, generated) -> list[str]:
    """The generated files and every file in the folders the build owns, relative to root."""
    paths = set(generated)
    for folder in OWNED_DIRS:
        directory = root / folder
        if directory.is_dir():
            for path in directory.iterdir():
                if path.is_file():
                    paths.add(f"{folder}/{path.name}")
    return sorted(paths)


def _content_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _racy(state: list, stamp_ns: int) -> bool:
    """Could this file change again without its size and times changing? (See the module's doc.)"""
    return max(state[1], state[2]) >= stamp_ns - RACY_NS


def write(root: Path, digest: str, generated) -> bool:
    """Record a successful build; False when it could not. Best effort: a stamp that cannot be
    written costs only time."""
    target = root / STAMP
    temp = None
    if cache_folder(root) is None:
        return False
    try:
        handle, temp = tempfile.mkstemp(prefix=".build-stamp.", suffix=".tmp", dir=target.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            # The time on this filesystem's clock now, before any output is looked at: the
            # finished stamp's own time is later still, so every output that the next run
            # treats as racy was racy here too, and has its hash.
            now = os.fstat(out.fileno()).st_mtime_ns
            outputs = {}
            for relative in _output_paths(root, generated):
                state = _state(root / relative)
                if state is not None and _racy(state, now):
                    state.append(_content_hash(root / relative))
                outputs[relative] = state
            out.write(json.dumps({"format": FORMAT, "inputs": digest, "generated": sorted(generated), "outputs": outputs}))
        os.replace(temp, target)
        temp = None
        return True
    except OSError:
        return False
    finally:
        if temp is not None:
            Path(temp).unlink(missing_ok=True)


def unchanged(root: Path, digest: str | None) -> int | None:
    """How many files the last build generated, if nothing has changed since; else None."""
    if digest is None:
        return None
    target = root / STAMP
    try:
        stamp_ns = target.stat().st_mtime_ns
        stamp = json.loads(read_cache_file(target))
        if stamp["format"] != FORMAT or stamp["inputs"] != digest:
            return None
        generated, recorded = stamp["generated"], stamp["outputs"]
        if list(recorded) != _output_paths(root, generated):
            return None  # a file appeared in, or went from, a folder the build owns
        racy = []
        for relative, state in recorded.items():
            if state is None or _state(root / relative) != state[:4]:
                return None  # edited, replaced, touched or deleted since the build
            if _racy(state, stamp_ns):
                if len(state) != 5 or _content_hash(root / relative) != state[4]:
                    return None
                racy.append(state)
    except Exception:  # noqa: BLE001 - no stamp, or one this version cannot read: build, whatever it holds
        return None
    if racy and max(max(s[1], s[2]) for s in racy) < time.time_ns() - RACY_NS:
        write(root, digest, generated)  # they are old enough now: spare the next run the hashing
    return len(generated)
