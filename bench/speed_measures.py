#!/usr/bin/env python3
"""What each speed measure buys, measured by turning it off (CPU seconds, paired runs).

    .venv/bin/python bench/speed_measures.py --events 10000 --runs 3 --json bench/results/x.json
    .venv/bin/python bench/speed_measures.py --measures os_exit --scenarios full,edit --json x.json  # adds to x.json

On one synthetic corpus (bench/synthetic_corpus.py), each measure is turned off in a copy of the
run, never by a switch in the product: the generator's measures by bench/build_without.py, which
monkeypatches them away in its own process and is otherwise build_pages.py; the site hooks'
by a stand-in hook in the corpus's own copy of site_hooks/ and mkdocs.yml. Each pair of runs
alternates which side goes first; the figures are medians.

The scenarios (each measure is taken in those where its code runs):

- full: a first build, build_pages.py into an empty docs/ with no stamp (the generator's
  measures), or mkdocs build (the hooks'). A full build is both programs, so a measure's
  share is counted against both: the other program's median comes from `baseline`.
- edit: one source's summary edited, then build_pages.py (the generator's measures), or the
  page served again by `mkdocs serve --dirty` (the hooks'). Edit to page is both: the
  generator's pass, then MkDocs' rebuild of the pages it rewrote (`baseline` measures the
  rebuild with bench/serve_latency.py).
- noop: build_pages.py with nothing changed since the last build.

"% bought" is what turning the measure off adds, as a share of the whole scenario without it:
(off - on) / (the scenario's CPU seconds with the measure off). Parallel jobs trade CPU for
time: for them the table also shows the build's own process's CPU seconds (`self`), about what
the build takes on an idle two-core machine, since the workers run beside it.

It is not part of the test run. Its hook measures were taken before the hooks became the
record_site plugin (bench/README.md, issue 23's table); on the plugin, the same two are its
settings `search_budget: 0` and `stash_html_blocks: false`, and the stand-ins here for the
old site_hooks/ files no longer apply.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run_bench import Failed, checked_run, edit_one_source, reset_outputs  # noqa: E402
from synthetic_corpus import write_corpus  # noqa: E402

# name: (where it lives, what it is, scenarios, how build_without.py turns it off, extra build_pages.py options)
GENERATOR = {
    "stamp": ("record_builder/stamp.py", "build stamp: a rebuild with nothing changed stops before loading",
              ("noop", "edit", "full"), ["stamp"], []),
    "parallel": ("record_builder/parallel.py", "load and render jobs in forked workers (off: --jobs 1)",
                 ("full", "edit"), [], ["--jobs", "1"]),
    "gc_freeze": ("record_builder/cli.py", "gc.freeze() of the record before rendering",
                  ("full", "edit"), ["gc_freeze"], []),
    "gc_rest": ("record_builder/cli.py", "the garbage collector off while loading, checking and resolving",
                ("full", "edit"), ["gc_rest"], []),
    "os_exit": ("build_pages.py", "leaving with os._exit, without the interpreter's teardown",
                ("full", "edit", "noop"), ["os_exit"], []),
    "jinja_markup": ("record_builder/render.py", "_MarkupPassingTemplate._from_namespace: printed Markup not copied",
                     ("full", "edit"), ["jinja_markup"], []),
    "yaml_resolver": ("record_builder/load.py", "_PlainLoader.resolve: implicit tags from a table made once",
                      ("full", "edit"), ["yaml_resolver"], []),
    "nesting_bound": ("record_builder/load.py", "pre-filter: a cheap bound before the exact nesting scan",
                      ("full", "edit"), ["nesting_bound"], []),
    "str_fast_path": ("record_builder/load.py", "fast path: plain text values taken inline in _Converter._mapping",
                      ("full", "edit"), ["str_fast_path"], []),
}

# A stand-in for site_hooks/search_budget.py without its own indexing pass (on_env, on_page_context):
# Material's search indexes every page itself, and on_post_build fits the index as before.
NO_SEARCH_PASS = "from search_budget import on_page_content, on_page_markdown, on_post_build  # noqa: F401\n"
# A stand-in for site_hooks/record_blocks.py with its links but without its Markdown extension.
LINKS_ONLY = "from record_blocks import on_page_content, on_pre_build  # noqa: F401\n"

# name: (where, what, scenarios, hook replaced, stand-in or None to leave the hook out)
HOOKS = {
    "search_pass": ("site_hooks/search_budget.py", "its own indexing pass: pages shown to search lighter",
                    ("full", "edit"), "search_budget", NO_SEARCH_PASS),
    "search_budget": ("site_hooks/search_budget.py", "the whole hook (budget, own pass, exclusions)",
                      ("full",), "search_budget", None),
    "block_skip": ("site_hooks/record_blocks.py", "Markdown skips the record's HTML blocks",
                   ("full",), "record_blocks", LINKS_ONLY),
}


def pair(runs: int, on, off) -> dict:
    """Median CPU and wall seconds of `on()` and `off()`, alternating which goes first."""
    results = {"on": [], "off": []}
    for number in range(runs):
        order = [("on", on), ("off", off)] if number % 2 == 0 else [("off", off), ("on", on)]
        for name, run in order:
            results[name].append(run())
    summary = {}
    for name, rows in results.items():
        for key in ("cpu_s", "wall_s", "self_cpu_s"):
            values = [r[key] for r in rows if r.get(key) is not None]
            if values:
                summary[f"{name}_{key}"] = statistics.median(values)
    summary["runs"] = {name: [{k: r[k] for k in ("cpu_s", "wall_s", "self_cpu_s") if k in r} for r in rows]
                       for name, rows in results.items()}
    summary["load"] = os.getloadavg()[0]
    return summary


def own_cpu(result: dict) -> dict:
    """The run's figures, with the generator's own process's CPU seconds (build_without.py's last line)."""
    found = re.findall(r"^bench-cpu (\{.*\})$", result["err"], re.M)
    if found:
        result["self_cpu_s"] = json.loads(found[-1])["self"]
    return result


class Bench:
    def __init__(self, args):
        self.args = args
        self.repo = args.repo.resolve()
        self.py = args.python
        self.corpus = args.work / f"corpus-{args.events}"
        self.edits = time.time_ns() // 1_000_000 % 10**9  # each edit a text no earlier run wrote

    def build_cmd(self, off: list, extra: list) -> list:
        return [self.py, HERE / "build_without.py", self.repo, *(["--off", ",".join(off)] if off else []),
                "--", "--root", self.corpus, *extra]

    def run_build(self, scenario: str, cmd: list):
        def run():
            if scenario == "full":
                reset_outputs(self.corpus)
            elif scenario == "edit":
                self.edits += 1
                edit_one_source(self.corpus, self.edits)
            return own_cpu(checked_run(cmd, f"build_pages.py ({scenario})", cwd=self.corpus))
        return run

    def settle(self) -> None:
        """A finished build with its stamp, as the edit and no-op scenarios start from."""
        checked_run(self.build_cmd([], []), "build_pages.py", cwd=self.corpus)

    def generator(self, name: str, scenario: str) -> dict:
        where, what, scenarios, off, extra = GENERATOR[name]
        if scenario != "full":
            self.settle()
        return pair(self.args.runs, self.run_build(scenario, self.build_cmd([], [])),
                    self.run_build(scenario, self.build_cmd(off, extra)))

    def config_without(self, name: str) -> Path:
        where, what, scenarios, hook, stand_in = HOOKS[name]
        text = (self.corpus / "mkdocs.yml").read_text(encoding="utf-8")
        pattern = rf"(?m)^  - site_hooks/{hook}\.py.*\n"
        if stand_in is None:
            changed, count = re.subn(pattern, "", text)
        else:
            (self.corpus / "site_hooks" / f"bench_{name}.py").write_text(stand_in, encoding="utf-8")
            changed, count = re.subn(pattern, f"  - site_hooks/bench_{name}.py\n", text)
        if count != 1:
            raise Failed(f"mkdocs.yml: no {hook} hook to replace")
        config = self.corpus / f"mkdocs-without-{name}.yml"
        config.write_text(changed, encoding="utf-8")
        return config

    def mkdocs(self, label: str, config: Path, indexes: dict):
        def run():
            site = self.corpus / f"site-{label}"
            shutil.rmtree(site, ignore_errors=True)
            result = checked_run([self.py, "-m", "mkdocs", "build", "-q", "-f", config, "--site-dir", site],
                                 f"mkdocs build ({label})", cwd=self.corpus)
            indexes[label] = {path.relative_to(site).as_posix(): path.read_bytes()
                              for path in sorted(site.glob("**/search_index*.json"))}
            return result
        return run

    def hook(self, name: str, scenario: str) -> dict:
        config = self.config_without(name)
        self.settle()
        if scenario == "edit":
            from serve_latency import measure_serve
            sides = {"on": self.corpus / "mkdocs.yml", "off": config}
            result = {}
            for side, yml in sides.items():
                served = measure_serve(self.corpus, self.args.serve_edits, dirty=True, config=yml, quiet=True)
                result[f"{side}_cpu_s"] = statistics.median(e["mkdocs_cpu_s"] for e in served["edits"])
                result[f"{side}_wall_s"] = statistics.median(e["wall_s"] for e in served["edits"])
                result[f"{side}_serve"] = served
            result["load"] = os.getloadavg()[0]
            return result
        indexes: dict = {}
        result = pair(max(1, self.args.runs - 1), self.mkdocs("on", self.corpus / "mkdocs.yml", indexes),
                      self.mkdocs(f"without-{name}", config, indexes))
        on, off = indexes["on"], indexes[f"without-{name}"]
        result["index_bytes"] = {"on": {k: len(v) for k, v in on.items()}, "off": {k: len(v) for k, v in off.items()}}
        result["index_identical"] = on == off
        return result

    def baseline(self) -> dict:
        """What the scenarios cost with every measure on: mkdocs build, and MkDocs' rebuild of an
        edit under `mkdocs serve --dirty` (with the generator's pass before it)."""
        from serve_latency import measure_serve
        self.settle()
        runs = [self.mkdocs("baseline", self.corpus / "mkdocs.yml", {})() for _ in range(self.args.mkdocs_runs)]
        served = measure_serve(self.corpus, self.args.serve_edits, dirty=True, quiet=True)
        return {"mkdocs_cpu_s": statistics.median(r["cpu_s"] for r in runs),
                "mkdocs_runs": [r["cpu_s"] for r in runs],
                "rebuild_cpu_s": statistics.median(e["mkdocs_cpu_s"] for e in served["edits"]),
                "edit_generator_cpu_s": statistics.median(e["generator_cpu_s"] for e in served["edits"]),
                "serve": served, "load": os.getloadavg()[0]}


# ---- the table ----------------------------------------------------------------------------------


def share(measure: dict, scenario: str, result: dict, base: dict | None, hook: bool) -> float | None:
    """(off - on) / the whole scenario with the measure off, in CPU seconds; None without a baseline."""
    on, off = result["on_cpu_s"], result["off_cpu_s"]
    if scenario == "noop":
        return (off - on) / off
    if base is None:
        return None
    rest = {("full", False): base.get("mkdocs_cpu_s"), ("edit", False): base.get("rebuild_cpu_s"),
            ("full", True): base.get("full_generator_cpu_s"), ("edit", True): base.get("edit_generator_cpu_s")}
    other = rest.get((scenario, hook))
    return None if other is None else (off - on) / (off + other)


def table(out: dict) -> str:
    base = out.get("baseline")
    if base is not None and "full_generator_cpu_s" not in base:
        fulls = [out[n]["full"]["on_cpu_s"] for n in GENERATOR if "full" in out.get(n, {})]
        if fulls:
            base["full_generator_cpu_s"] = statistics.median(fulls)
    lines = ["| measure | where | scenario | on: CPU s | off: CPU s | % bought |", "|---|---|---|---:|---:|---:|"]
    for name, spec in [*GENERATOR.items(), *HOOKS.items()]:
        for scenario in spec[2]:
            result = out.get(name, {}).get(scenario)
            if not result:
                continue
            part = share(spec, scenario, result, base, name in HOOKS)
            shown = "–" if part is None else f"{part:.1%}"
            extra = ""
            if name == "parallel" and "on_self_cpu_s" in result:
                # what an idle two-core machine would take: the build's own process, the workers beside it
                idle = dict(result, on_cpu_s=result["on_self_cpu_s"])
                part = share(spec, scenario, idle, base, False)
                extra = f" (own process {result['on_self_cpu_s']:.2f})"
                shown = "–" if part is None else f"{part:.1%} of the time on an idle machine"
            lines.append(f"| {name} | `{spec[0]}` | {scenario} | {result['on_cpu_s']:.2f}{extra} "
                         f"| {result['off_cpu_s']:.2f} | {shown} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3, help="pairs of runs of each measure and scenario")
    parser.add_argument("--mkdocs-runs", type=int, default=3, help="runs of mkdocs build for the baseline")
    parser.add_argument("--serve-edits", type=int, default=3, help="edits served for each serve measurement")
    parser.add_argument("--repo", type=Path, default=HERE.parent, help="the checkout to measure")
    parser.add_argument("--python", type=Path, default=Path(sys.executable))
    parser.add_argument("--work", type=Path, default=None, help="where the corpus goes (kept, and reused if there)")
    parser.add_argument("--json", type=Path, default=None, help="results, added to what the file already holds")
    parser.add_argument("--measures", default=",".join(["baseline", *GENERATOR, *HOOKS]),
                        help="comma-separated; 'baseline' measures what the percentages are taken of")
    parser.add_argument("--scenarios", default="full,edit,noop")
    args = parser.parse_args(argv)
    temporary = args.work is None
    args.work = args.work or Path(tempfile.mkdtemp(prefix="speed-measures-"))
    bench = Bench(args)
    out: dict = {}
    if args.json and args.json.exists():
        out = json.loads(args.json.read_text(encoding="utf-8"))
    out.update({"events": args.events, "seed": args.seed, "repo": str(bench.repo)})
    if not (bench.corpus / "seeds").is_dir():
        write_corpus(bench.corpus, args.events, args.seed, repo=bench.repo)
    scenarios = args.scenarios.split(",")
    try:
        for name in args.measures.split(","):
            if name == "baseline":
                out["baseline"] = bench.baseline()
                print("baseline", json.dumps({k: v for k, v in out["baseline"].items() if k != "serve"}),
                      file=sys.stderr, flush=True)
                continue
            if name not in GENERATOR and name not in HOOKS:
                raise Failed(f"unknown measure {name!r}")
            spec = GENERATOR.get(name) or HOOKS[name]
            for scenario in spec[2]:
                if scenario not in scenarios:
                    continue
                result = bench.generator(name, scenario) if name in GENERATOR else bench.hook(name, scenario)
                out.setdefault(name, {})[scenario] = result
                print(name, scenario, json.dumps({k: v for k, v in result.items()
                                                  if k not in ("runs", "on_serve", "off_serve")}),
                      file=sys.stderr, flush=True)
                if args.json:
                    args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    except Failed as err:
        print(f"Benchmark stopped: {err}", file=sys.stderr)
        return 1
    finally:
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
        if temporary:
            shutil.rmtree(args.work, ignore_errors=True)
    print(table(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
