"""MkDocs hook: build the pages of a large site on every core.

Why: at 10,000 events `mkdocs build` took 63 s on the benchmark's 2-core machine, almost
all of it per page and on one core: converting Markdown to HTML (two thirds), then
indexing the page for search and filling the theme's template. Pages are independent in
both steps, so for each extra core the hook forks a worker, once per step:

1. on_nav, just before MkDocs converts the pages, with MkDocs' own code (`_populate_page`).
   For a worker's page MkDocs is handed an empty text, and on_page_content puts in what
   the worker made: the HTML, the table of contents, the title and the anchors (what
   navigation and link checks read).
2. on_env, just before MkDocs writes the pages (`_build_page`): each worker writes its
   pages' HTML files and sends back their search-index entries. For a worker's page MkDocs
   renders nothing (it writes no file for an empty page) and indexes nothing;
   on_post_build puts the workers' entries after its own, so the index keeps page order.

Pages are shared out as the work goes, not in advance: MkDocs takes pages from the front
of the list, in its own order, and the workers take them from the back, one at a time,
until the two meet. Pages differ too much in cost to cut the list well beforehand (a
source page is indexed for search in full, an actor page of a large site only by its
headings), and a fixed cut left one process waiting for the other for seconds.

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

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page

try:  # MkDocs' own per-page steps; without them (another MkDocs version) the build stays serial
    from mkdocs.commands.build import _build_page, _populate_page
except ImportError:  # pragma: no cover
    _build_page = _populate_page = None

_NO_TEMPLATE = object()  # a page whose metadata names no template
MIN_PAGES = 300  # below this, forking costs more than it saves (the record's own site has under 100)

_BUILD_LOG = logging.getLogger("mkdocs.commands.build")
_build: dict = {}  # this build's state: command, nav, and for each step its pages and workers


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
    _build["convert"] = _Step(pages, processes - 1, _convert, config, files)
    return nav


def _convert(pages, config, files) -> dict:
    results = {}
    for _position, file in pages:
        page = file.page
        _populate_page(page, config, files)
        anchors = {target.src_uri: links for target, links in (page.links_to_anchors or {}).items()}
        results[file.src_uri] = (page.content, page.toc, page._title_from_render, page.present_anchor_ids, anchors)
    return {"pages": results}


@event_priority(-1000)  # last: the other hooks have seen the real Markdown
def on_page_markdown(markdown, page, config, files):
    step = _build.get("convert")
    if step is None or step.mine(page.file):
        return markdown
    page.__dict__["_parallel_markdown"] = markdown
    return ""  # a worker converts this page; MkDocs converts nothing


@event_priority(1000)  # first: later hooks see the worker's HTML
def on_page_content(html, page, config, files):
    step = _build.get("convert")
    if step is None or step.mine(page.file):
        return html
    content, toc, title, present, anchors = step.result()["pages"][page.file.src_uri]
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
    _build["write"] = _Step(pages, processes - 1, _write, config, files, pages, _build["nav"], env)
    either = env.from_string("", template_class=_TemplateOrNothing)
    for file in pages:  # changed after the fork: the workers keep the real templates
        meta = file.page.meta
        file.page.__dict__["_parallel_template"] = meta.get("template", _NO_TEMPLATE)
        meta["template"] = either
    _BUILD_LOG.addFilter(_quiet_skips)
    return env


@event_priority(1000)  # first: the search plugin (0) and search_budget (10) skip a worker's page
def on_page_context(context, page, config, nav):
    step = _build.get("write")
    if step is not None and not step.mine(page.file):
        page.meta["search"] = {"exclude": True}  # the worker indexes it
    return context


class _TemplateOrNothing(jinja2.Template):
    """The page's own template if MkDocs builds the page, nothing if a worker does."""

    def render(self, *args, **kwargs):
        page = (args[0] if args else kwargs)["page"]  # MkDocs passes one context dict
        original = page.__dict__.pop("_parallel_template")
        if original is _NO_TEMPLATE:  # the page's metadata as it was: the theme reads it
            del page.meta["template"]
        else:
            page.meta["template"] = original
        if not _build["write"].mine(page.file):
            return ""  # MkDocs writes no file for an empty page
        name = "main.html" if original is _NO_TEMPLATE else original
        return self.environment.get_template(name).render(*args, **kwargs)


def _quiet_skips(record) -> bool:
    """Drop MkDocs' "Page skipped ... empty output" for the pages a worker wrote."""
    message = record.getMessage()
    step = _build.get("write")
    if step is not None and message.startswith("Page skipped: '"):
        return step.mine_by_uri(message.split("'")[1])
    return True


def _write(pages, config, files, all_pages, nav, env) -> dict:
    index = _search_index(config)
    entries = []  # (position, the page's search entries), in the order built
    for position, file in pages:
        before = len(index.entries) if index is not None else 0
        _build_page(file.page, config, all_pages, nav, env, excluded=file.inclusion.is_excluded())
        entries.append((position, index.entries[before:] if index is not None else []))
    return {"search": entries}


def _search_index(config):
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return getattr(plugin, "search_index", None)


@event_priority(100)  # before the search plugin (0) writes the index
def on_post_build(config):
    _BUILD_LOG.removeFilter(_quiet_skips)
    for name in ("convert", "write"):
        step = _build.pop(name, None)
        if step is None:
            continue
        step.result()  # waits, and re-logs the workers' messages
        if name == "write":
            index = _search_index(config)
            if index is not None:
                for _position, entries in sorted(step.result()["search"], key=lambda pair: pair[0]):
                    index.entries.extend(entries)
        step.join()


def on_build_error(error):
    _BUILD_LOG.removeFilter(_quiet_skips)
    for name in ("convert", "write"):
        step = _build.pop(name, None)
        if step is not None:
            step.stop()


# ---- sharing out the pages, and the workers ------------------------------------------

class _Step:
    """One step's pages, shared out between MkDocs and `count` forked workers doing `work`.

    MkDocs asks `mine(file)` of each page in its order; a worker takes the last page that
    nobody has taken yet, until none is left. A shared lock and two shared numbers (the
    page after MkDocs' last, the first page a worker took) keep the two sets apart.
    """

    def __init__(self, pages: list, count: int, work, *args):
        context = multiprocessing.get_context("fork")
        self.pages = pages
        self._position = {file.src_uri: position for position, file in enumerate(pages)}
        self._lock = context.Lock()
        self._bounds = context.RawArray("i", [0, len(pages)])  # [MkDocs' next page, workers' first page]
        self._mine: dict[str, bool] = {}
        self._result: dict | None = None
        self.workers = [_Worker(self, work, args) for _ in range(count)]

    def mine(self, file) -> bool:
        """Whether MkDocs builds this page (it takes it now if no worker has)."""
        return self.mine_by_uri(file.src_uri)

    def mine_by_uri(self, uri: str) -> bool:
        mine = self._mine.get(uri)
        if mine is None:
            position = self._position.get(uri)
            if position is None:
                return True  # not one of the step's pages
            with self._lock:
                mine = position < self._bounds[1]
                if mine:
                    self._bounds[0] = max(self._bounds[0], position + 1)
            self._mine[uri] = mine
        return mine

    def taken_by_worker(self):
        """In a worker: (position, file) of each page it takes, from the back."""
        while True:
            with self._lock:
                position = self._bounds[1] - 1
                if position < self._bounds[0]:
                    return
                self._bounds[1] = position
            yield position, self.pages[position]

    def result(self) -> dict:
        """Every worker's results together, once all have finished: converted pages by
        path ("pages"), and (position, search entries) of written pages ("search")."""
        if self._result is None:
            merged: dict = {"pages": {}, "search": []}
            for worker in self.workers:
                payload = worker.result()
                merged["pages"].update(payload.get("pages", {}))
                merged["search"] += payload.get("search", [])
            self._result = merged
        return self._result

    def join(self):
        for worker in self.workers:
            worker.join()

    def stop(self):
        for worker in self.workers:
            worker.stop()


class _Worker:
    """One forked process doing `work(its pages, *args)`; its result and log records come back by pipe."""

    def __init__(self, step: _Step, work, args: tuple):
        self._result = None
        context = multiprocessing.get_context("fork")
        self._reader, writer = context.Pipe(duplex=False)
        self._process = context.Process(target=_child, args=(work, step, args, writer), daemon=True)
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


def _child(work, step, args, writer) -> None:
    # The parent prints and counts (strict mode) what this process logs, once it has the result.
    capture = _Capture()
    for name in ("mkdocs", ""):
        logger = logging.getLogger(name)
        logger.handlers = [capture]
    _build.clear()  # the worker builds the pages it takes itself: nothing is shared out from here
    try:
        payload = ("ok", work(step.taken_by_worker(), *args))
    except BaseException:  # noqa: BLE001 - reported by the parent, which owns the exit status
        payload = ("error", traceback.format_exc())
    try:
        writer.send((*payload, capture.records))
    finally:
        writer.close()
