"""`python3 tasks.py serve`: an edited seed reaches the served page, a broken one is reported
without stopping the server, and stopping tasks.py stops the server too.

Runs on a copy of the record, with the repository's generator (BUILD_PAGES), so the
repository itself is never edited.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

import pytest

from support import ROOT

from serve_latency import copy_repo, fetch, free_port, wait_for

SOURCE = "un-news-2025-10-31-rights-chief-condemns-us-strikes"
TIMEOUT = 90


def until(test, what: str, timeout: float = TIMEOUT) -> None:
    try:
        wait_for(test, timeout, step=0.1)
    except TimeoutError:
        raise AssertionError(f"not within {timeout} s: {what}") from None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="signals and process groups as on Linux")
def test_serve_regenerates_on_save_reports_problems_and_stops_with_its_parent(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    copy_repo(project)
    port = free_port()
    env = {**os.environ, "BUILD_PAGES": str(ROOT / "build_pages.py")}
    serve = subprocess.Popen([sys.executable, str(ROOT / "tasks.py"), "serve", "-f", str(project / "mkdocs.yml"),
                              "-a", f"127.0.0.1:{port}"], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(serve.stdout), daemon=True)
    reader.start()
    url = f"http://127.0.0.1:{port}/sources/{SOURCE}/"
    seed = project / "seeds" / "sources" / f"{SOURCE}.yaml"
    try:
        until(lambda: fetch(url) is not None, "the first build")
        # Printed before the first page is served; the thread reading it here may still be behind.
        until(lambda: "Regenerating pages when these change: 'seeds'" in "".join(output), "the watcher's line")

        # An edit to a summary reaches the served page.
        text = seed.read_text(encoding="utf-8")
        seed.write_text(text.replace("A short UN News item", "A brief UN News item", 1), encoding="utf-8")
        until(lambda: "A brief UN News item" in (fetch(url) or ""), "the edited summary on the page")

        # A mistake is printed, path:line:column, and the server keeps serving the last good page.
        broken = text.replace('published: "2025-10-31"', "published: 31/10/2025", 1)
        assert broken != text
        seed.write_text(broken, encoding="utf-8")
        until(lambda: "expected a date like 2025-12-01" in "".join(output), "the problem in the terminal")
        assert f"seeds/sources/{SOURCE}.yaml:7:12: published: expected a date like 2025-12-01" in "".join(output)
        assert serve.poll() is None and "A brief UN News item" in (fetch(url) or "")

        # Fixed, it is picked up again.
        seed.write_text(text, encoding="utf-8")
        until(lambda: "A short UN News item" in (fetch(url) or ""), "the fixed summary on the page")
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=30)
    # SIGTERM to tasks.py stopped mkdocs serve too, cleanly (not killed after the 5 s grace):
    # nothing answers on the port any more.
    reader.join(timeout=10)
    assert "Shutting down..." in "".join(output)
    assert fetch(url) is None
