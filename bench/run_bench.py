#!/usr/bin/env python3
"""How fast the record builds, and how heavy the site is, at 100, 1,000 and 10,000 events.

    .venv/bin/python bench/run_bench.py                          # 100, 1000, 10000 events, 3 runs each
    .venv/bin/python bench/run_bench.py --sizes 100,1000 --runs 5
    .venv/bin/python bench/run_bench.py --sizes 10000 --mkdocs-runs 1 --json bench/results/10k.json

For each size it generates a synthetic corpus (bench/synthetic_corpus.py) in a temporary
folder and measures, each in a fresh subprocess (the time a contributor waits, interpreter
start-up included), the median of --runs runs:

- floor: reading every seed file and parsing it with PyYAML's C loader (CSafeLoader), nothing else;
- load + validate: record_builder.validate.load_and_check alone;
- build_pages.py: the whole generator into an empty docs/ and schema/;
- no-op rebuild: build_pages.py again with nothing changed (and how many files it touched);
- edit one source: a different sentence at the start of one source's summary, then build_pages.py
  (and how many files it wrote);
- mkdocs build: the site, with the repository's mkdocs.yml (fewer runs: --mkdocs-runs);
- peak memory (maximum resident set size) of build_pages.py and of mkdocs build;
- the site: the largest HTML page, the timeline page, pages over the 300 KB budget, the
  whole site, the search index, and (with Node.js) how long search takes to become ready.

It is not part of the test run. See bench/README.md for what each column means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from synthetic_corpus import write_corpus  # noqa: E402

PAGE_BUDGET = 300_000  # bytes: the "every HTML page under 300 KB"

FLOOR = r"""
import json, sys, time
from pathlib import Path
import yaml
started = time.perf_counter()
count = 0
for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(path.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)
    count += 1
print(json.dumps({"files": count, "inner_s": time.perf_counter() - started}))
"""

LOAD_VALIDATE = r"""
import gc, inspect, json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
gc.disable()  # as build_pages.py loads and checks (record_builder/cli.py)
started = time.perf_counter()
from record_builder.validate import load_and_check
root = Path(sys.argv[2])
if "workers" in inspect.signature(load_and_check).parameters:  # on every core, as build_pages.py does
    checked, problems = load_and_check(root / "seeds", root, None)
else:  # a checkout from before loading used every core
    checked, problems = load_and_check(root / "seeds", root)
print(json.dumps({"files": sum(len(v) for v in checked.files.values()), "problems": len(problems),
                  "first_problems": [p.format() for p in problems[:5]], "inner_s": time.perf_counter() - started}))
"""


class Failed(RuntimeError):
    pass


def run(cmd: list, cwd: Path | None = None, timeout: float = 3600) -> dict:
    """Run a command; its wall time, peak memory (from wait4) and output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen([str(c) for c in cmd], cwd=cwd, env=env, stdout=out, stderr=err)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
                "code": proc.returncode,
                "out": out.read().decode("utf-8", "replace"), "err": err.read().decode("utf-8", "replace")}


def checked_run(cmd, what: str, **kwargs) -> dict:
    result = run(cmd, **kwargs)
    if result["code"] != 0:
        raise Failed(f"{what} failed (exit {result['code']}):\n{result['err'][-3000:]}\n{result['out'][-1000:]}")
    return result


def write_json(path: Path | None, data) -> None:
    """The raw results, indented, where --json asks (nowhere when it is None)."""
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=2) + "\n")


def median(values):
    return statistics.median(values) if values else None


def summarise(result: dict, name: str, runs: list[dict]) -> None:
    """The median wall and CPU time of `runs`, and their peak memory, as result[name + ...]."""
    result[f"{name}_s"] = median([r["wall_s"] for r in runs])
    result[f"{name}_cpu_s"] = median([r["cpu_s"] for r in runs])
    result[f"{name}_rss_mb"] = max(r["rss_mb"] for r in runs)


HAND_WRITTEN = ("methodology.md", "es/methodology.md")  # the pages synthetic_corpus.py writes in docs/


def reset_outputs(corpus: Path) -> None:
    """An empty docs/ (but the hand-written methodology pages), no schema/ and no build stamp: a first build."""
    docs = corpus / "docs"
    for path in sorted(docs.rglob("*"), reverse=True):  # files before their folders
        relative = path.relative_to(docs).as_posix()
        if relative in HAND_WRITTEN or any(kept.startswith(relative + "/") for kept in HAND_WRITTEN):
            continue
        path.rmdir() if path.is_dir() else path.unlink()
    shutil.rmtree(corpus / "schema", ignore_errors=True)
    shutil.rmtree(corpus / ".cache", ignore_errors=True)


def edit_one_source(corpus: Path, number: int) -> str:
    """Put a new sentence at the start of one source's summary (the middle source, so its
    page is an ordinary one); the path edited, relative to the corpus."""
    sources = sorted((corpus / "seeds" / "sources").glob("*.yaml"))
    path = sources[len(sources) // 2]
    text = path.read_text(encoding="utf-8")
    marker = "\nsummary: |\n  "
    if marker not in text:
        raise Failed(f"{path}: no 'summary: |' block to edit")
    head, _, rest = text.partition(marker)
    if rest.startswith("Edit "):
        rest = rest.split(". ", 1)[1]  # the sentence of the previous edit
    path.write_text(f"{head}{marker}Edit {number} of this summary. {rest}", encoding="utf-8")
    return path.relative_to(corpus).as_posix()


def file_states(corpus: Path) -> dict:
    states = {}
    for folder in ("docs", "schema"):
        for path in (corpus / folder).rglob("*"):
            if path.is_file():
                stat = path.stat()
                states[path.relative_to(corpus).as_posix()] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    return states


def site_metrics(site: Path, docs: Path) -> dict:
    pages = sorted(((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")), reverse=True)
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    markdown = sorted(((p.stat().st_size, p.relative_to(docs).as_posix()) for p in docs.rglob("*.md")), reverse=True)
    timeline = site / "timeline" / "index.html"
    search = site / "search" / "search_index.full.json"  # the documents, loaded on first use (reader.py)
    if not search.exists():
        search = site / "search" / "search_index.json"
    headings = 0
    if timeline.exists():
        text = timeline.read_text(encoding="utf-8")
        headings = sum(text.count(f"<h{level}") for level in range(1, 7))
    return {
        "html_pages": len(pages),
        "largest_html": pages[0] if pages else None,
        "top_html": pages[:5],
        "timeline_html_bytes": timeline.stat().st_size if timeline.exists() else None,
        "timeline_headings": headings,
        "pages_over_budget": sum(1 for size, _ in pages if size > PAGE_BUDGET),
        "html_bytes": sum(size for size, _ in pages),
        "site_bytes": total,
        "search_index_bytes": search.stat().st_size if search.exists() else None,
        "largest_markdown": markdown[0] if markdown else None,
        "docs_bytes": sum(size for size, _ in markdown),
    }


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def bench_size(events: int, args, work: Path) -> dict:
    python = Path(args.python)
    repo = args.repo.resolve()
    corpus = work / f"corpus-{events}"
    result: dict = {"events": events, "load_average_before": os.getloadavg()[0]}

    started = time.perf_counter()
    counts = write_corpus(corpus, events, args.seed, repo=repo)
    result["generate_s"] = time.perf_counter() - started
    result["corpus"] = counts
    log(f"{events} events: {counts['files']} files, {counts['bytes'] / 1e6:.1f} MB of YAML "
        f"(generated in {result['generate_s']:.1f} s)")

    floors = [checked_run([python, "-c", FLOOR, corpus / "seeds"], "the floor") for _ in range(args.runs)]
    result["floor_s"] = median([r["wall_s"] for r in floors])
    result["floor_cpu_s"] = median([r["cpu_s"] for r in floors])
    result["floor_inner_s"] = median([json.loads(r["out"])["inner_s"] for r in floors])
    log(f"  floor (CSafeLoader read+parse): {result['floor_s']:.2f} s")

    validations = [checked_run([python, "-c", LOAD_VALIDATE, repo, corpus], "load + validate", cwd=corpus)
                   for _ in range(args.runs)]
    report = json.loads(validations[-1]["out"])
    if report["problems"]:
        raise Failed(f"the synthetic corpus has {report['problems']} problems: {report['first_problems']}")
    summarise(result, "load_validate", validations)
    log(f"  load + validate: {result['load_validate_s']:.2f} s")

    builds = []
    for _ in range(args.runs):
        reset_outputs(corpus)
        builds.append(checked_run([python, repo / "build_pages.py", "--root", corpus], "build_pages.py", cwd=corpus))
    summarise(result, "build", builds)
    result["build_output"] = builds[-1]["out"].strip().splitlines()[-1:]
    result["generated_files"] = len(file_states(corpus))
    log(f"  build_pages.py: {result['build_s']:.2f} s, {result['build_rss_mb']:.0f} MB ({result['build_output']})")

    noops, touched = [], []
    for _ in range(args.runs):
        before = file_states(corpus)
        noops.append(checked_run([python, repo / "build_pages.py", "--root", corpus], "no-op rebuild", cwd=corpus))
        after = file_states(corpus)
        touched.append(sum(1 for k in before.keys() | after.keys() if before.get(k) != after.get(k)))
    summarise(result, "noop", noops)
    result["noop_files_touched"] = max(touched)
    result["noop_output"] = noops[-1]["out"].strip().splitlines()[-1:]
    log(f"  no-op rebuild: {result['noop_s']:.2f} s, {result['noop_files_touched']} files touched")

    edits, written = [], []
    for number in range(1, args.runs + 1):
        result["edited_source"] = edit_one_source(corpus, number)
        edits.append(checked_run([python, repo / "build_pages.py", "--root", corpus], "edit one source", cwd=corpus))
        line = edits[-1]["out"].strip().splitlines()[-1]
        written.append(int(line.split()[1]) if line.startswith("Wrote ") else -1)
    summarise(result, "edit", edits)
    result["edit_files_written"] = max(written)
    result["edit_output"] = edits[-1]["out"].strip().splitlines()[-1:]
    log(f"  edit one source: {result['edit_s']:.2f} s, {result['edit_files_written']} files written")

    if not args.no_mkdocs:
        runs = args.mkdocs_runs if args.mkdocs_runs else (1 if events >= 10_000 else args.runs)
        site = corpus / "site"
        mkdocs = []
        for _ in range(runs):
            shutil.rmtree(site, ignore_errors=True)
            mkdocs.append(run([python, "-m", "mkdocs", "build", "--site-dir", site], cwd=corpus,
                              timeout=args.timeout))
            if mkdocs[-1]["code"] != 0:
                break
        result["mkdocs_runs"] = len(mkdocs)
        result["mkdocs_ok"] = all(r["code"] == 0 for r in mkdocs)
        result["mkdocs_warnings"] = mkdocs[-1]["err"].count("WARNING")
        summarise(result, "mkdocs", mkdocs)
        if not result["mkdocs_ok"]:
            result["mkdocs_error"] = mkdocs[-1]["err"][-2000:]
        log(f"  mkdocs build: {result['mkdocs_s']:.1f} s, {result['mkdocs_rss_mb']:.0f} MB"
            f"{'' if result['mkdocs_ok'] else ' FAILED'}")
        if site.exists():
            result["site"] = site_metrics(site, corpus / "docs")
            if args.search and shutil.which("node"):
                search = run(["node", HERE / "search_ready.js", site], timeout=args.timeout)
                if search["code"] == 0:
                    result["search"] = json.loads(search["out"])
                    log(f"  search ready after {result['search']['ready_s']:.1f} s (Node)")
                else:
                    result["search_error"] = search["err"][-1000:]
    result["load_average_after"] = os.getloadavg()[0]
    # A single-threaded process that had a core to itself has CPU time close to its wall time.
    result["cpu_share"] = result["build_cpu_s"] / result["build_s"]
    if result["cpu_share"] < 0.85:
        log(f"  warning: build_pages.py got only {result['cpu_share']:.0%} of a core: the machine was busy, "
            "so wall times are inflated; compare CPU times")
    if not args.keep:
        shutil.rmtree(corpus, ignore_errors=True)
    return result


# ---- report ------------------------------------------------------------------------------------


def fmt_s(value) -> str:
    if value is None:
        return "–"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def fmt_bytes(value) -> str:
    if value is None:
        return "–"
    if value >= 1e6:
        return f"{value / 1e6:.1f} MB"
    return f"{value / 1e3:.0f} KB"


def markdown_report(results: list[dict], meta: dict) -> str:
    lines = [f"Measured {meta['date']} on {meta['machine']}; {meta['runs']} runs each (median), "
             f"mkdocs build {meta['mkdocs_runs_note']}; code at {meta['code']}.", ""]
    lines += ["| events | sources / actors / legal | YAML | floor (CSafeLoader) | load + validate | build_pages.py "
              "| × floor | no-op rebuild | × floor | files touched by no-op | edit one source | × floor "
              "| files written | mkdocs build | build + mkdocs | peak RSS build_pages / mkdocs |",
              "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in results:
        c = r["corpus"]
        mk = r.get("mkdocs_s")
        mk_text = fmt_s(mk) + ("" if r.get("mkdocs_ok", True) else " (failed)") if mk is not None else "–"
        lines.append(
            f"| {r['events']:,} | {c['sources']:,} / {c['actors']:,} / {c['legal']:,} | {fmt_bytes(c['bytes'])} "
            f"| {fmt_s(r['floor_s'])} s | {fmt_s(r['load_validate_s'])} s | {fmt_s(r['build_s'])} s "
            f"| {r['build_s'] / r['floor_s']:.1f}× | {fmt_s(r['noop_s'])} s | {r['noop_s'] / r['floor_s']:.1f}× "
            f"| {r['noop_files_touched']} | {fmt_s(r['edit_s'])} s | {r['edit_s'] / r['floor_s']:.1f}× "
            f"| {r['edit_files_written']} | {mk_text} s | {fmt_s(r['build_s'] + (mk or 0))} s "
            f"| {r['build_rss_mb']:.0f} MB / {r.get('mkdocs_rss_mb', 0):.0f} MB |")
    lines += ["", "CPU time (user + system) of the same runs, less sensitive to other load on the machine "
                  "(CPU / wall well under 100% means the machine was busy):", "",
              "| events | floor | load + validate | build_pages.py | × floor | no-op rebuild | × floor "
              "| edit one source | × floor | mkdocs build | CPU / wall of build_pages.py |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(
            f"| {r['events']:,} | {fmt_s(r['floor_cpu_s'])} s | {fmt_s(r['load_validate_cpu_s'])} s "
            f"| {fmt_s(r['build_cpu_s'])} s | {r['build_cpu_s'] / r['floor_cpu_s']:.1f}× | {fmt_s(r['noop_cpu_s'])} s "
            f"| {r['noop_cpu_s'] / r['floor_cpu_s']:.1f}× | {fmt_s(r['edit_cpu_s'])} s "
            f"| {r['edit_cpu_s'] / r['floor_cpu_s']:.1f}× | {fmt_s(r.get('mkdocs_cpu_s'))} s "
            f"| {r['cpu_share']:.0%} |")
    if any("site" in r for r in results):
        lines += ["", "| events | HTML pages | largest HTML page | timeline page (headings) | pages > 300 KB "
                      "| site | search index | search ready (Node) | largest Markdown page |",
                  "|---:|---:|---|---:|---:|---:|---:|---:|---|"]
        for r in results:
            s = r.get("site")
            if not s:
                continue
            size, path = s["largest_html"]
            md_size, md_path = s["largest_markdown"]
            search = r.get("search")
            lines.append(
                f"| {r['events']:,} | {s['html_pages']:,} | {fmt_bytes(size)} `{path}` "
                f"| {fmt_bytes(s['timeline_html_bytes'])} ({s['timeline_headings']:,}) | {s['pages_over_budget']:,} "
                f"| {fmt_bytes(s['site_bytes'])} | {fmt_bytes(s['search_index_bytes'])} "
                f"| {fmt_s(search['ready_s']) + ' s' if search else '–'} | {fmt_bytes(md_size)} `{md_path}` |")
    if len(results) > 1:
        lines += ["", "Growth in CPU time (linear is at most 1.1× the events ratio; at 100 events the fixed "
                      "start-up costs dominate, so the first step understates the growth):", ""]
        for a, b in zip(results, results[1:]):
            factor = b["events"] / a["events"]
            parts = [f"build_pages.py {b['build_cpu_s'] / a['build_cpu_s']:.1f}×",
                     f"floor {b['floor_cpu_s'] / a['floor_cpu_s']:.1f}×",
                     f"no-op {b['noop_cpu_s'] / a['noop_cpu_s']:.1f}×",
                     f"edit one source {b['edit_cpu_s'] / a['edit_cpu_s']:.1f}×"]
            if a.get("mkdocs_cpu_s") and b.get("mkdocs_cpu_s"):
                parts.append(f"mkdocs {b['mkdocs_cpu_s'] / a['mkdocs_cpu_s']:.1f}×")
            if a.get("search") and b.get("search"):
                parts.append(f"search ready {b['search']['ready_s'] / a['search']['ready_s']:.1f}×")
            lines.append(f"- {a['events']:,} → {b['events']:,} events ({factor:.0f}×): " + ", ".join(parts))
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated event counts")
    parser.add_argument("--runs", type=int, default=3, help="runs of each timing (the median is shown)")
    parser.add_argument("--mkdocs-runs", type=int, default=None,
                        help="runs of mkdocs build (default: --runs, but 1 from 10,000 events)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repo", type=Path, default=HERE.parent,
                        help="the checkout to measure (its build_pages.py, record_builder/, mkdocs.yml, overrides/; "
                             "the site's plugin is the one installed for --python)")
    parser.add_argument("--python", default=sys.executable, help="the interpreter with the site's packages")
    parser.add_argument("--work", type=Path, default=None, help="where to put the corpora (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the corpora and sites")
    parser.add_argument("--no-mkdocs", action="store_true", help="skip mkdocs build and the site measurements")
    parser.add_argument("--no-search", dest="search", action="store_false",
                        help="skip timing the search start-up in Node.js")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds before one mkdocs build is killed")
    parser.add_argument("--json", type=Path, default=None, help="also write the raw results here")
    parser.add_argument("--label", default=None, help="how to name the measured code in the report (default: its commit)")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]

    commit = subprocess.run(["git", "-C", str(args.repo), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(args.repo), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    meta = {
        "date": dt.date.today().isoformat(),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
                   f"{platform.system()} {platform.release()}",
        "runs": args.runs,
        "mkdocs_runs_note": (f"{args.mkdocs_runs} run(s)" if args.mkdocs_runs else
                             f"{args.runs} run(s), 1 from 10,000 events"),
        "code": args.label or ((commit or str(args.repo)) + (" with uncommitted changes" if dirty else "")),
    }
    work = args.work or Path(tempfile.mkdtemp(prefix="record-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for events in sizes:
            results.append(bench_size(events, args, work))
    except Failed as err:
        print(f"Benchmark stopped: {err}", file=sys.stderr)
        return 1
    finally:
        write_json(args.json, {"meta": meta, "results": results})
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print(markdown_report(results, meta))
    return 0


if __name__ == "__main__":
    sys.exit(main())
