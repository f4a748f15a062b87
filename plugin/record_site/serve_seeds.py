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
in a subprocess, so a problem in it cannot stop the server; one that stays running
(`build_pages.py --stay`) and builds each time it is asked, so that a build after an edit
loads only the edited files and renders only the pages that read them (the incremental
build). It stops by itself when the generator's code changes, and the next edit starts one
that runs the new code; should it die, the next edit starts another.
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
QUIET_SECONDS = 0.1  # an editor's save can be several writes: wait for them to settle


def watch(root: Path, generator: Generator) -> BaseObserver:
    """Watch the project at `root` (the folder of mkdocs.yml) until the returned observer is stopped."""
    # The translations too: a translator previewing a catalog sees the Spanish page change.
    watched = [root / "seeds", root / "translations", generator.script.parent / "record_builder" / "templates"]
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


class Generator:
    """The generator's process, started on first use and kept for the next builds."""

    def __init__(self, root: Path, script: Path):
        self.root, self.script = root, script
        self.process: subprocess.Popen | None = None
        self.lock = threading.Lock()
        self.closed = False  # serve is stopping: no new process

    def build(self) -> tuple[int, list[str]]:
        """One build: (its exit status, the lines it printed). Its problems go to the terminal."""
        with self.lock:
            for _ in range(2):  # once more with a new process if this one stopped (code changed) or died
                if self.closed:
                    break
                process = self._process()
                try:
                    assert process.stdin is not None and process.stdout is not None
                    process.stdin.write("build\n")
                    process.stdin.flush()
                    lines = []
                    for line in process.stdout:
                        if line.startswith("build-done "):
                            status = line.split()[1]
                            if status == "restart":
                                break
                            return int(status), lines
                        lines.append(line.rstrip("\n"))
                except (OSError, ValueError):
                    pass
                self.stop()
            return EXIT_DIED, ["the generator stopped without finishing its build"]

    def _process(self) -> subprocess.Popen:
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen([sys.executable, str(self.script), "--root", str(self.root), "--stay"],
                                            cwd=self.root, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        return self.process

    def stop(self, closing: bool = False) -> None:
        """End the process (its input closed: it writes its state and stops); `closing`: for good."""
        self.closed = self.closed or closing
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            try:
                if process.stdin is not None:
                    process.stdin.close()  # its loop ends at the end of its input
                process.wait(timeout=60)  # a large record's state takes a few seconds to write
            except (OSError, subprocess.TimeoutExpired):
                process.kill()
                process.wait()


EXIT_DIED = 2


def regenerate(generator: Generator, first: bool = False) -> bool:
    """Build the pages; True when it succeeded. Its problems go straight to the terminal."""
    started = time.perf_counter()
    status, lines = generator.build()
    seconds = time.perf_counter() - started
    if status == 0:
        log.info(f"Pages regenerated from seeds/ in {seconds:.2f} s: {lines[-1] if lines else ''}")
        return True
    if lines:
        print("\n".join(lines), file=sys.stderr)
    later = ("the preview will show the pages as they were" if first
             else "the preview keeps showing the pages from before this change")
    # Not a warning: in strict mode MkDocs would count it against the build in progress.
    log.info(f"seeds/ has problems (listed above): {later} until they are fixed; the server keeps running.")
    return False


class SeedWatcher(FileSystemEventHandler):
    """Collects file events and runs the generator once they have settled, on its own thread."""

    def __init__(self, root: Path, generator: Generator):
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
                regenerate(self.generator)
            except OSError as err:  # the generator could not even start: say so, keep serving
                log.error(f"Could not run {self.generator.script}: {err}")
