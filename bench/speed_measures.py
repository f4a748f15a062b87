#!/usr/bin/env python3
"""What each remaining speed measure buys, measured by turning it off (CPU and wall seconds).

    .venv/bin/python bench/speed_measures.py --events 10000 --runs 3 --json bench/results/x.json

On one synthetic corpus (bench/synthetic_corpus.py), each pair of runs alternating:

- render/load jobs (record_builder/parallel.py): build_pages.py with its default number of
  processes, against `--jobs 1`; both a first build (empty docs/, no stamp);
- build stamp (record_builder/stamp.py): a rebuild with nothing changed, against the same
  rebuild with .cache/ removed (what it would cost without the stamp);
- leaving with os._exit (build_pages.py): build_pages.py, against the same main() called
  from a script that leaves Python the ordinary way;
- search budget (the plugin's search_budget.py): mkdocs build, against the same mkdocs.yml
  with the plugin's `search_budget: 0`, which leaves every page to Material's search, whole
  (also the size of search_index.json);
- skipping the HTML blocks (the plugin's record_blocks.py): mkdocs build, against the same
  build with Markdown reading every block itself (`stash_html_blocks: false`: the blocks'
  links still made URLs, the preprocessor left out).

It is not part of the test run.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run_bench import Failed, checked_run, reset_outputs, write_json  # noqa: E402
from synthetic_corpus import write_corpus  # noqa: E402

# build_pages.py without its os._exit: the same main(), as the command line calls it (so with the stamp)
PLAIN_EXIT = ("import sys; sys.path.insert(0, sys.argv[1]); from record_builder.cli import main; "
              "sys.argv = ['build_pages.py', *sys.argv[2:]]; sys.exit(main())")


def pair(runs: int, on, off) -> dict:
    """Median CPU and wall seconds of `on()` and `off()`, alternating which goes first."""
    results = {"on": [], "off": []}
    for number in range(runs):
        order = [("on", on), ("off", off)] if number % 2 == 0 else [("off", off), ("on", on)]
        for name, run in order:
            results[name].append(run())
    summary = {}
    for name, rows in results.items():
        summary[f"{name}_cpu_s"] = statistics.median(r["cpu_s"] for r in rows)
        summary[f"{name}_wall_s"] = statistics.median(r["wall_s"] for r in rows)
    summary["runs"] = {name: [{"cpu_s": r["cpu_s"], "wall_s": r["wall_s"]} for r in rows] for name, rows in results.items()}
    return summary



def report(name: str, out: dict) -> None:
    print(name, json.dumps({k: v for k, v in out[name].items() if k != "runs"}), file=sys.stderr, flush=True)


def first_build(corpus: Path, cmd: list):
    """A build_pages.py run into an empty docs/, with no stamp."""
    def run():
        reset_outputs(corpus)
        return checked_run(cmd, "build_pages.py", cwd=corpus)
    return run


def measure_stamp(runs: int, build: list, corpus: Path) -> dict:
    reset_outputs(corpus)
    checked_run(build, "build_pages.py", cwd=corpus)

    def noop():
        return checked_run(build, "no-op rebuild", cwd=corpus)

    def no_stamp():
        shutil.rmtree(corpus / ".cache", ignore_errors=True)
        return checked_run(build, "rebuild without a stamp", cwd=corpus)

    return pair(runs, noop, no_stamp)


def with_setting(corpus: Path, name: str, value: str, target: str) -> Path:
    """The corpus's mkdocs.yml with one of the record_site plugin's settings changed, beside it."""
    text = (corpus / "mkdocs.yml").read_text(encoding="utf-8")
    changed, count = re.subn(rf"(?m)^(      {name}:) *[^ #\n]+", rf"\g<1> {value}", text)
    if count != 1:
        raise Failed(f"mkdocs.yml: no record_site setting {name} to change")
    path = corpus / target
    path.write_text(changed, encoding="utf-8")
    return path


def measure_search_budget(runs: int, py: Path, corpus: Path) -> dict:
    with_setting(corpus, "search_budget", "0", "mkdocs-no-budget.yml")
    sizes = {}

    def mkdocs(name, config):
        def run():
            site = corpus / f"site-{name}"
            shutil.rmtree(site, ignore_errors=True)
            result = checked_run([py, "-m", "mkdocs", "build", "-q", "-f", config, "--site-dir", site],
                                 f"mkdocs build ({name})", cwd=corpus)
            sizes[name] = (site / "search" / "search_index.json").stat().st_size
            return result
        return run

    result = pair(runs, mkdocs("budget", corpus / "mkdocs.yml"), mkdocs("no-budget", corpus / "mkdocs-no-budget.yml"))
    result["index_bytes"] = sizes
    if shutil.which("node"):
        for name in sizes:
            done = checked_run(["node", HERE / "search_ready.js", corpus / f"site-{name}"], "search ready")
            result[f"search_ready_{name}"] = json.loads(done["out"])
    return result


def measure_block_skip(runs: int, py: Path, corpus: Path) -> dict:
    with_setting(corpus, "stash_html_blocks", "false", "mkdocs-no-skip.yml")

    def mkdocs(name, config):
        def run():
            site = corpus / f"site-{name}"
            shutil.rmtree(site, ignore_errors=True)
            return checked_run([py, "-m", "mkdocs", "build", "-q", "-f", config, "--site-dir", site],
                               f"mkdocs build ({name})", cwd=corpus)
        return run

    return pair(runs, mkdocs("skip", corpus / "mkdocs.yml"), mkdocs("no-skip", corpus / "mkdocs-no-skip.yml"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--repo", type=Path, default=HERE.parent)
    parser.add_argument("--python", type=Path, default=Path(sys.executable))
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--measures", default="parallel,os_exit,stamp,search_budget,block_skip",
                        help="which measures to take, comma-separated (default: all five)")
    args = parser.parse_args(argv)
    repo, py = args.repo.resolve(), args.python
    wanted = args.measures.split(",")
    work = args.work or Path(tempfile.mkdtemp(prefix="speed-measures-"))
    corpus = work / f"corpus-{args.events}"
    shutil.rmtree(corpus, ignore_errors=True)
    write_corpus(corpus, args.events, args.seed, repo=repo)
    build = [py, repo / "build_pages.py", "--root", corpus]
    out: dict = {"events": args.events, "seed": args.seed, "repo": str(repo)}
    measures = {
        "parallel": lambda: pair(args.runs, first_build(corpus, build), first_build(corpus, [*build, "--jobs", "1"])),
        "os_exit": lambda: pair(args.runs, first_build(corpus, build),
                                first_build(corpus, [py, "-c", PLAIN_EXIT, repo, "--root", corpus])),
        "stamp": lambda: measure_stamp(args.runs, build, corpus),
        "search_budget": lambda: measure_search_budget(max(1, args.runs - 1), py, corpus),
        "block_skip": lambda: measure_block_skip(max(1, args.runs - 1), py, corpus),
    }
    try:
        if wanted[0] in ("search_budget", "block_skip"):  # these build the site of pages made before
            checked_run(build, "build_pages.py")
        for name in wanted:
            out[name] = measures[name]()
            report(name, out)
    except Failed as err:
        print(f"Benchmark stopped: {err}", file=sys.stderr)
        return 1
    finally:
        write_json(args.json, out)
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
