#!/usr/bin/env python3
"""Where build_pages.py spends its time: each stage, and each page, timed in one process.

    .venv/bin/python bench/profile_build.py --root /tmp/corpus-10k
    .venv/bin/python bench/profile_build.py --root /tmp/corpus-10k --cprofile /tmp/build.prof --top 30

It runs the same stages as build_pages.py (record_builder's own functions, called the way
record_builder/cli.py and validate.load_and_check call them) with a clock (CPU time) around each:
discover the files, load (read + YAML + line numbers), validate each file against the
schema, the checks across files, resolve the record, render every page (timed one by
one), plan the writes (compare with what is on disk) and write. It writes into --root's
docs/ and schema/ like build_pages.py does. With --cprofile it also profiles the whole run
and prints the functions with the most time of their own.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
# CPU time of this process: unlike wall time, barely affected by other work on a shared machine.
CLOCK = time.process_time
GC_MODE = "build"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, required=True, help="the project folder holding seeds/")
    parser.add_argument("--repo", type=Path, default=HERE.parent, help="the checkout whose record_builder/ to use")
    parser.add_argument("--cprofile", type=Path, default=None, help="also write a cProfile of the whole run here")
    parser.add_argument("--top", type=int, default=25, help="how many functions to print from the profile")
    parser.add_argument("--no-write", action="store_true", help="plan the writes but do not write")
    parser.add_argument("--gc", choices=("build", "on", "off"), default="build",
                        help="Python's cyclic garbage collector: as build_pages.py runs it (off until the record "
                             "is built, then on with the record frozen), on throughout, or off throughout")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.repo.resolve()))

    if args.gc in ("off", "build"):
        gc.disable()
    global GC_MODE
    GC_MODE = args.gc
    profiler = cProfile.Profile() if args.cprofile else None
    if profiler:
        profiler.enable()
    started, wall = CLOCK(), time.perf_counter()
    stages, pages = run_stages(args.root.resolve(), write=not args.no_write)
    total, wall = CLOCK() - started, time.perf_counter() - wall
    if profiler:
        profiler.disable()
        profiler.dump_stats(str(args.cprofile))

    print(f"## Stages ({args.root})\n")
    print(f"CPU seconds (wall {wall:.2f} s: {total / wall:.0%} of a core)\n")
    print("| stage | seconds | share |\n|---|---:|---:|")
    for name, seconds in stages.items():
        print(f"| {name} | {seconds:.2f} | {seconds / total:.0%} |")
    print(f"| **total** (in process, without interpreter start-up) | {total:.2f} | |\n")

    by_template: dict = defaultdict(lambda: [0, 0.0, 0])
    for template, seconds, size in pages.values():
        entry = by_template[template]
        entry[0] += 1
        entry[1] += seconds
        entry[2] += size
    print("## Rendering by template\n")
    print("| template | pages | seconds | Markdown bytes | µs per byte |\n|---|---:|---:|---:|---:|")
    for template, (count, seconds, size) in sorted(by_template.items(), key=lambda kv: -kv[1][1]):
        print(f"| {template} | {count:,} | {seconds:.2f} | {size:,} | {seconds / max(size, 1) * 1e6:.2f} |")
    print("\n## Slowest pages to render\n")
    print("| page | seconds | Markdown bytes |\n|---|---:|---:|")
    for page, (_template, seconds, size) in sorted(pages.items(), key=lambda kv: -kv[1][1])[:10]:
        print(f"| {page} | {seconds:.2f} | {size:,} |")
    print("\n## Largest pages\n")
    print("| page | Markdown bytes | seconds |\n|---|---:|---:|")
    for page, (_template, seconds, size) in sorted(pages.items(), key=lambda kv: -kv[1][2])[:10]:
        print(f"| {page} | {size:,} | {seconds:.2f} |")

    if profiler:
        print(f"\n## cProfile: the {args.top} functions with the most time of their own\n")
        print("```")
        stats = pstats.Stats(str(args.cprofile))
        stats.sort_stats("tottime").print_stats(args.top)
        print("```")
    return 0


def run_stages(root: Path, write: bool = True):
    from record_builder import load as load_stage
    from record_builder import validate
    from record_builder.record import build_record
    from record_builder.render import Pages
    from record_builder.write import apply, plan

    stages: dict[str, float] = {}

    def clock(name, started):
        stages[name] = stages.get(name, 0.0) + CLOCK() - started

    t = CLOCK()
    found, problems = validate.seed_files(root / "seeds", root)
    clock("discover files", t)

    checked = validate.Checked()
    for kind, files in found.items():
        for path, shown in files:
            t = CLOCK()
            raw = path.read_bytes()
            clock("load: read bytes", t)
            t = CLOCK()
            text, load_problems = load_stage.decode(raw, shown)
            clock("load: decode", t)
            t = CLOCK()
            data, parse_problems = load_stage.parse(text, shown)
            clock("load: YAML with line numbers", t)
            problems += load_problems + parse_problems
            if data is None and (load_problems or parse_problems):
                continue
            loaded = load_stage.LoadedFile(shown, data)
            t = CLOCK()
            structure = validate.check_structure(loaded, kind)
            clock("validate: each file against the schema", t)
            problems += structure
            if not structure:
                checked.files[kind].append(loaded)
            elif isinstance(loaded.data, dict) and isinstance(loaded.data.get("id"), str):
                checked.broken_ids[kind].add(loaded.data["id"])
    t = CLOCK()
    problems += validate.check_across(checked)
    clock("validate: checks across files", t)
    if problems:
        for problem in sorted(set(problems))[:20]:
            print(problem.format(), file=sys.stderr)
        raise SystemExit(f"{len(problems)} problems: the corpus is not valid")

    t = CLOCK()
    record = build_record(checked)
    clock("record: resolve", t)
    if GC_MODE == "build":  # as record_builder/cli.py does
        gc.freeze()
        gc.enable()

    t = CLOCK()
    renderer = Pages(record)
    pages: dict = {}
    original = renderer.render

    def timed_render(template, here, edit_source, /, **context):  # the templates' context may hold a 'page'
        started = CLOCK()
        text = original(template, here, edit_source, **context)
        pages[here] = (template, CLOCK() - started, len(text.encode("utf-8")))
        return text

    renderer.render = timed_render
    extras: dict[str, float] = {}
    restore = _wrap_extras(extras)
    try:
        texts = renderer.all()
    finally:
        restore()
    clock("render: all pages", t)
    stages["  of which: Jinja templates (pages)"] = sum(seconds for _, seconds, _ in pages.values())
    for name, seconds in extras.items():
        stages[f"  of which: {name}"] = seconds

    t = CLOCK()
    todo, plan_problems = plan(root, texts)
    clock("write: plan (compare with disk)", t)
    if write and not plan_problems:
        t = CLOCK()
        apply(root, todo)
        clock(f"write: {len(todo.write)} files", t)
    return stages, pages


# Files that Pages.all() makes without a template, where the checkout has them.
EXTRAS = [("record_builder.exports", "all_exports", "exports (JSON, CSV, iCalendar)"),
          ("record_builder.chart", "measure_svg", "SVG charts"),
          ("record_builder.formatdoc", "json_schema_text", "editor JSON Schemas"),
          ("record_builder.formatdoc", "yaml_template", "YAML templates")]


def _wrap_extras(extras: dict):
    import importlib

    undo = []
    for module_name, function_name, label in EXTRAS:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        original = getattr(module, function_name, None)
        if original is None:
            continue

        def timed(*args, _original=original, _label=label, **kwargs):
            started = CLOCK()
            try:
                return _original(*args, **kwargs)
            finally:
                extras[_label] = extras.get(_label, 0.0) + CLOCK() - started

        setattr(module, function_name, timed)
        undo.append((module, function_name, original))

    def restore():
        for module, function_name, original in undo:
            setattr(module, function_name, original)
    return restore


if __name__ == "__main__":
    sys.exit(main())
