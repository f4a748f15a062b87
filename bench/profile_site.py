#!/usr/bin/env python3
"""Where `mkdocs build` spends its CPU time, stage by stage, in one process.

    NO_MKDOCS_2_WARNING=1 .venv/bin/python bench/profile_site.py -f /tmp/c10k/mkdocs.yml [--site-dir DIR]
        [--json out.json] [--cprofile out.prof]

Runs `mkdocs build -q` in this process with each stage timed by wrapping it, in CPU
seconds (time.process_time), each second counted once: a stage inside another (a plugin
step inside the plugin's event) is taken out of the outer one. The stages:

- markdown: `Page.render`, Python-Markdown's conversion (extensions and MkDocs' own link
  and anchor steps included); reading the page's file is "read source";
- templates: the theme's Jinja templates (`Template.render`: main.html, base.html, every
  partial), without what the templates call of the record_site plugin (its globals count
  as "record_site: template globals");
- each plugin's events ("plugin <name>: <event>"), and inside the record_site plugin each
  step of its page content and each of its PAGE_STEPS ("record_site: <module.function>");
- get_context (MkDocs' template context of each page), writing files (`utils.write_file`);
- the rest: start-up, reading the configuration, finding files, the nav, copying the
  theme's static files.

It is not part of the test run. Stock MkDocs + Material is measured the same way with
paired_stock.py's configuration (`-f mkdocs-stock.yml`).
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import json
import os
import sys
import time
from collections import defaultdict

CLOCK = time.process_time
totals: dict = defaultdict(float)
counts: dict = defaultdict(int)
_stack: list = ["rest"]
_mark = [0.0]


def _enter(name: str) -> None:
    now = CLOCK()
    totals[_stack[-1]] += now - _mark[0]
    _mark[0] = now
    _stack.append(name)
    counts[name] += 1


def _leave() -> None:
    now = CLOCK()
    totals[_stack.pop()] += now - _mark[0]
    _mark[0] = now


def timed(name: str, function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        _enter(name)
        try:
            return function(*args, **kwargs)
        finally:
            _leave()
    return wrapper


def instrument() -> None:
    import jinja2
    import mkdocs.plugins
    import mkdocs.utils
    from mkdocs.commands import build
    from mkdocs.structure.pages import Page

    Page.render = timed("markdown", Page.render)
    Page.read_source = timed("read source", Page.read_source)
    jinja2.Template.render = timed("templates", jinja2.Template.render)
    build.get_context = timed("get_context", build.get_context)
    mkdocs.utils.write_file = timed("writing files", mkdocs.utils.write_file)

    def run_event(self, name, item=None, **kwargs):
        pass_item = item is not None
        for method in self.events[name]:
            origin = self._event_origins.get(method, "<unknown>")
            self._current_plugin = origin
            _enter(f"plugin {origin}: {name}")
            try:
                result = method(item, **kwargs) if pass_item else method(**kwargs)
            finally:
                _leave()
            if result is not None:
                item = result
        self._current_plugin = None
        return item

    mkdocs.plugins.PluginCollection.run_event = run_event

    try:
        from record_site import (accessibility, languages, page_info, plugin, record_blocks,
                                 search_budget)
    except ImportError:
        return
    for module, names in ((record_blocks, ("links_to_urls",)), (search_budget, ("mark_internal_names", "index_page")),
                          (accessibility, ("permalinks_and_tables",)), (page_info, ("describe_page",))):
        for name in names:
            setattr(module, name, timed(f"record_site: {module.__name__.rsplit('.', 1)[1]}.{name}",
                                        getattr(module, name)))
    plugin.PAGE_STEPS = tuple(timed(f"record_site: {step.__module__.rsplit('.', 1)[1]}.{step.__name__}", step)
                              for step in plugin.PAGE_STEPS)
    # What the templates call of the plugin, per page.
    for cls_name in ("language_nav", "page_alternates", "home_url"):
        setattr(languages.Languages, cls_name, timed("record_site: template globals",
                                                     getattr(languages.Languages, cls_name)))
    page_info.page_links = timed("record_site: template globals", page_info.page_links)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-f", "--config-file", required=True)
    parser.add_argument("--site-dir", default=None)
    parser.add_argument("--json", default=None, help="write the stages' CPU seconds here")
    parser.add_argument("--cprofile", default=None, help="also write a cProfile (CPU clock) here")
    args = parser.parse_args(argv)
    instrument()
    from mkdocs.__main__ import cli

    command = ["build", "-q", "-f", args.config_file] + (["--site-dir", args.site_dir] if args.site_dir else [])
    profiler = cProfile.Profile(time.process_time) if args.cprofile else None
    start = CLOCK()
    _mark[0] = start
    try:
        if profiler:
            profiler.enable()
        cli.main(command, standalone_mode=False)
    finally:
        if profiler:
            profiler.disable()
            profiler.dump_stats(args.cprofile)
    totals[_stack[-1]] += CLOCK() - _mark[0]
    total = CLOCK() - start
    rows = sorted(totals.items(), key=lambda item: -item[1])
    for name, seconds in rows:
        print(f"{seconds:8.2f} s {100 * seconds / total:5.1f} %  {name}  ({counts[name]} calls)")
    print(f"{total:8.2f} s  total (CPU, this process; {os.times().children_user:.1f} s in children)")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump({"total": total, "stages": dict(rows), "calls": dict(counts)}, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
