"""While `mkdocs serve` runs, regenerate the pages whenever seeds/ changes.

`mkdocs serve` watches docs/ and mkdocs.yml, but the pages in docs/ are made from the
YAML in seeds/ (and the catalogs in translations/) by build_pages.py, so on its own it never saw an
edited summary. The plugin, for `serve` only (a `mkdocs build` is untouched):

- runs the generator once before the first build, so the preview starts current (`regenerate`,
  at on_startup);
- watches seeds/, translations/ and the generator's templates, and after each burst of changes runs
  the generator again. The generator validates everything and writes only the pages
  whose text changed; MkDocs, which watches docs/, then rebuilds the site and reloads
  the browser. So there is one rebuild per edit, started by the changed pages themselves
  (`watch`, at on_serve).
- prints the generator's problems in the terminal, `path:line:column: field: message`
  as in every build, and keeps serving: the generator writes nothing while there are
  problems, so the preview shows the last good pages until the YAML is fixed.

The generator is `build_pages.py` beside mkdocs.yml, or the one named by the BUILD_PAGES
environment variable (for a corpus kept outside the repository, as bench/ does). It runs
in a subprocess, so an edit to the generator's code is picked up too, and a problem in
it cannot stop the server.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

log = logging.getLogger("mkdocs.plugins.record_site.serve_seeds")
CHANGES = {"created", "modified", "moved", "deleted", "closed"}  # "closed": closed after writing
QUIET_SECONDS = 0.2  # an editor's save can be several writes: wait for them to settle


def watch(root: Path) -> BaseObserver:
    """Watch the project at `root` (the folder of mkdocs.yml) until the returned observer is stopped."""
    generator = generator_of(root)
    # The translations too: a translator previewing a catalog sees the Spanish page change.
    watched = [root / "seeds", root / "translations", generator.parent / "record_builder" / "templates"]
    watcher = SeedWatcher(root, generator)
    observer = Observer()
    for folder in watched:
        if folder.is_dir():
            observer.schedule(watcher, str(folder), recursive=True)
    observer.daemon = True
    observer.start()
    shown = ", ".join(f"'{_shown(folder, root)}'" for folder in watched if folder.is_dir())
    log.info(f"Regenerating pages when these change: {shown}")
    return observer


def generator_of(root: Path) -> Path:
    """build_pages.py beside mkdocs.yml, or the one BUILD_PAGES names."""
    return Path(os.environ.get("BUILD_PAGES") or root / "build_pages.py").resolve()


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def regenerate(root: Path, generator: Path, first: bool = False) -> bool:
    """Run the generator; True when it succeeded. Its problems go straight to the terminal."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, str(generator), "--root", str(root)], cwd=root,
                          stdout=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    summary = (done.stdout or "").strip().splitlines()
    if done.returncode == 0:
        log.info(f"Pages regenerated from seeds/ in {seconds:.2f} s: {summary[-1] if summary else ''}")
        return True
    if done.stdout:
        print(done.stdout, end="", file=sys.stderr)
    later = ("the preview will show the pages as they were" if first
             else "the preview keeps showing the pages from before this change")
    # Not a warning: in strict mode MkDocs would count it against the build in progress.
    log.info(f"seeds/ has problems (listed above): {later} until they are fixed; the server keeps running.")
    return False


class SeedWatcher(FileSystemEventHandler):
    """Collects file events and runs the generator once they have settled, on its own thread."""

    def __init__(self, root: Path, generator: Path):
        self.root, self.generator = root, generator
        self.changed = threading.Event()
        self.last_event = 0.0
        threading.Thread(target=self._loop, name="serve-seeds", daemon=True).start()

    def on_any_event(self, event):
        # Only writes: the generator's own reading of seeds/ gives "opened" and "closed" events.
        if event.event_type not in CHANGES or event.is_directory:
            return
        if all(Path(path).name.startswith(".") for path in (event.src_path, getattr(event, "dest_path", "") or ".")):
            return  # editors' hidden swap and backup files are not seeds
        self.last_event = time.monotonic()
        self.changed.set()

    def _loop(self):
        while True:
            self.changed.wait()
            while time.monotonic() - self.last_event < QUIET_SECONDS:
                time.sleep(QUIET_SECONDS / 4)
            self.changed.clear()  # an event from here on means another run after this one
            log.info("seeds/ changed: regenerating the pages")
            try:
                regenerate(self.root, self.generator)
            except OSError as err:  # the generator could not even start: say so, keep serving
                log.error(f"Could not run {self.generator}: {err}")
