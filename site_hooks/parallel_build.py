"""MkDocs hook: build the pages of a large site on every core.

Why: at 10,000 events `mkdocs build` took 63 s on the benchmark's 2-core machine, almost
all of it per page and on one core: converting Markdown to HTML (two thirds), then
indexing the page for search and filling the theme's template. Pages are independent in
both steps, so for each extra core the hook forks a worker, once per step:

1. on_nav, just before MkDocs converts the pages: the pages are cut into runs of about
   equal Markdown size; MkDocs converts the first run itself while each worker converts
   a later one with MkDocs' own code (`_populate_page`). For a worker's page MkDocs is
   handed an empty text, and on_page_content puts in what the worker made: the HTML, the
   table of contents, the title and the anchors (what navigation and link checks read).
2. on_env, just before MkDocs writes the pages: the same with HTML size; each worker
   writes its run's HTML files (`_build_page`) and sends back their search-index entries.
   For a worker's page MkDocs gets an empty template (it writes nothing for an empty page)
   and no search entry; on_post_build appends the workers' entries after its own, so the
   index keeps page order.

Workers are forked, so they start with MkDocs' whole state and nothing is pickled but
results. The site is byte-identical to a one-process build (tests/test_parallel_build.py).
Messages a worker logs are logged again by the parent, so --strict counts its warnings.

Used only by `mkdocs build` on Linux for sites of MIN_PAGES pages or more; `mkdocs serve`
stays in one process. MKDOCS_JOBS=N asks for N processes (1 turns the hook off).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import traceback

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page

try:  # MkDocs' own per-page steps; without them (another MkDocs version) the build stays serial
    from mkdocs.commands.build import _build_page, _populate_page
except ImportError:  # pragma: no cover
    _build_page = _populate_page = None

# Filling the theme's template costs about as much as indexing this many characters of HTML.
PAGE_COST = 30_000
MIN_PAGES = 300  # below this, forking costs more than it saves (the record's own site has under 100)

_BUILD_LOG = logging.getLogger("mkdocs.commands.build")
_build: dict = {}  # this build's state: command, nav, workers of each step, the pages they own


def on_startup(command, dirty):
    _build.clear()
    _build["command"] = command


def _processes(page_count: int) -> int:
    requested = os.environ.get("MKDOCS_JOBS", "").strip()
    if requested:
        if not requested.isdigit() or int(requested) < 1:
            raise PluginError(f"MKDOCS_JOBS: expected a whole number of processes, 1 or more; got {requested!r}")
        wanted = int(requested)
    else:
        wanted = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
        if page_count < MIN_PAGES:
            wanted = 1
    usable = (_build.get("command") == "build" and _populate_page is not None
              and sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods())
    return min(wanted, page_count) if usable else 1


def _pages(files):
    return files.documentation_pages(inclusion=InclusionLevel.is_included)  # what `mkdocs build` builds


def _runs(pages: list, count: int, cost) -> list[list]:
    """`pages` cut into `count` consecutive runs of about equal total cost."""
    total = sum(cost(p) for p in pages) or 1
    runs: list[list] = [[] for _ in range(count)]
    done = 0
    for page in pages:
        index = min(count - 1, done * count // total)
        runs[index].append(page)
        done += cost(page)
    return runs


# ---- step 1: converting Markdown ------------------------------------------------------

@event_priority(-1000)  # last: the navigation is final
def on_nav(nav, config, files):
    _build["nav"] = nav
    pages = _pages(files)
    processes = _processes(len(pages))
    if processes < 2:
        return nav
    for file in pages:  # as `mkdocs build` does next, so that both processes hold the same Page objects
        if file.page is None and file.inclusion.is_not_in_nav():
            Page(None, file, config)
    runs = _runs(pages, processes, lambda f: os.path.getsize(f.abs_src_path))
    _build["convert"] = _start(runs[1:], _convert, config, files)
    return nav


def _convert(run, config, files) -> dict:
    results = {}
    for file in run:
        page = file.page
        _populate_page(page, config, files)
        anchors = {target.src_uri: links for target, links in (page.links_to_anchors or {}).items()}
        results[file.src_uri] = (page.content, page.toc, page._title_from_render, page.present_anchor_ids, anchors)
    return results


@event_priority(-1000)  # last: the other hooks have seen the real Markdown
def on_page_markdown(markdown, page, config, files):
    if _owner("convert", page) is None:
        return markdown
    page.__dict__["_parallel_markdown"] = markdown
    return ""  # a worker converts this page; MkDocs converts nothing


@event_priority(1000)  # first: later hooks see the worker's HTML
def on_page_content(html, page, config, files):
    worker = _owner("convert", page)
    if worker is None:
        return html
    content, toc, title, present, anchors = worker.result()[page.file.src_uri]
    page.markdown = page.__dict__.pop("_parallel_markdown")
    page.toc = toc
    page._title_from_render = title
    page.present_anchor_ids = present
    page.links_to_anchors = {files.get_file_from_path(uri): links for uri, links in anchors.items()} or None
    return content


# ---- step 2: filling the templates, indexing for search, writing ----------------------

@event_priority(-1000)
def on_env(env, config, files):
    pages = _pages(files)
    processes = _processes(len(pages))
    if processes < 2:
        return env
    runs = _runs(pages, processes, lambda f: PAGE_COST + len(f.page.content or ""))
    _build["write"] = _start(runs[1:], _write, config, files, pages, _build["nav"], env)
    nothing = env.from_string("")  # MkDocs writes no file for a page that renders empty
    for run in runs[1:]:
        for file in run:  # changed after the fork: the workers keep the real template
            file.page.meta["template"] = nothing
            file.page.meta["search"] = {"exclude": True}
    _BUILD_LOG.addFilter(_quiet_skips)
    return env


def _quiet_skips(record) -> bool:
    """Drop MkDocs' "Page skipped ... empty output" for the pages a worker wrote."""
    message = record.getMessage()
    if message.startswith("Page skipped: '"):
        return message.split("'")[1] not in _build.get("write", {}).get("owner", {})
    return True


def _write(run, config, files, pages, nav, env) -> dict:
    index = _search_index(config)
    before = len(index.entries) if index is not None else 0
    for file in run:
        _build_page(file.page, config, pages, nav, env, excluded=file.inclusion.is_excluded())
    return {"search": index.entries[before:] if index is not None else []}


def _search_index(config):
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return getattr(plugin, "search_index", None)


@event_priority(100)  # before the search plugin (0) writes the index
def on_post_build(config):
    _BUILD_LOG.removeFilter(_quiet_skips)
    for step in ("convert", "write"):
        for worker in _build.pop(step, {}).get("workers", []):
            result = worker.result()  # waits, and re-logs the worker's messages
            if step == "write":
                index = _search_index(config)
                if index is not None:
                    index.entries.extend(result["search"])
            worker.join()


def on_build_error(error):
    _BUILD_LOG.removeFilter(_quiet_skips)
    for step in ("convert", "write"):
        for worker in _build.pop(step, {}).get("workers", []):
            worker.stop()


# ---- workers ---------------------------------------------------------------------------

def _owner(step: str, page):
    return _build.get(step, {}).get("owner", {}).get(page.file.src_uri)


def _start(runs: list, work, *args) -> dict:
    workers = [_Worker(run, work, args) for run in runs if run]
    return {"workers": workers, "owner": {file.src_uri: w for w in workers for file in w.run}}


class _Worker:
    """One forked process doing `work(run, *args)`; its result and log records come back by pipe."""

    def __init__(self, run: list, work, args: tuple):
        self.run = run
        self._result = None
        context = multiprocessing.get_context("fork")
        self._reader, writer = context.Pipe(duplex=False)
        self._process = context.Process(target=_child, args=(work, run, args, writer), daemon=True)
        self._process.start()
        writer.close()

    def result(self):
        if self._result is None:
            try:
                status, payload, records = self._reader.recv()
            except EOFError:
                self._process.join()
                raise PluginError(f"a build worker stopped without a result (exit code {self._process.exitcode})") \
                    from None
            for record in records:
                logging.getLogger(record.name).handle(record)
            if status != "ok":
                raise PluginError(f"a build worker failed:\n{payload}")
            self._result = payload
        return self._result

    def join(self):
        self._reader.close()
        self._process.join()

    def stop(self):
        if self._process.is_alive():
            self._process.terminate()
        self.join()


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.NOTSET)
        self.records: list = []

    def emit(self, record):
        record.msg, record.args, record.exc_info, record.exc_text = record.getMessage(), None, None, None
        self.records.append(record)


def _child(work, run, args, writer) -> None:
    # The parent prints and counts (strict mode) what this process logs, once it has the result.
    capture = _Capture()
    for name in ("mkdocs", ""):
        logger = logging.getLogger(name)
        logger.handlers = [capture]
    _build.clear()  # the worker builds its pages itself: none are "owned" here
    try:
        payload = ("ok", work(run, *args))
    except BaseException:  # noqa: BLE001 - reported by the parent, which owns the exit status
        payload = ("error", traceback.format_exc())
    try:
        writer.send((*payload, capture.records))
    finally:
        writer.close()
