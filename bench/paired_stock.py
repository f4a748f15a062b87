#!/usr/bin/env python3
"""The full build's CPU time, paired with stock MkDocs + Material on the same pages.

    .venv/bin/python bench/paired_stock.py --events 10000 --runs 2 --json bench/results/x.json
    .venv/bin/python bench/paired_stock.py --real --runs 5          # the record's own seeds/
    .venv/bin/python bench/paired_stock.py --repo /tmp/other-checkout --events 10000

For each run, in a fresh subprocess each (interpreter start-up included):

- build_pages.py: the whole generator into an empty docs/ and schema/, with no build stamp;
- mkdocs build: the site with the checkout's mkdocs.yml (its plugin, record_site, included:
  the one installed in the interpreter's environment);
- stock: `mkdocs build` of the same docs/ with the same mkdocs.yml minus the record_site
  plugin, that is MkDocs + Material as they come, with the project's theme settings,
  extensions and navigation.

The two mkdocs builds of a run follow each other, in alternating order from run to
run, so that both meet the same load on a shared machine; the ratio is taken per run,
then the median. The corpus is bench/synthetic_corpus.py's (`--events N --seed S`), or
with --real the checkout's own seeds/. It is not part of the test run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
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


def copy_real(repo: Path, out: Path) -> None:
    """The checkout's seeds/, mkdocs.yml, theme overrides and hand-written pages, as a corpus."""
    out.mkdir(parents=True, exist_ok=True)
    for folder in ("seeds", "record_builder", "translations", "overrides"):
        shutil.copytree(repo / folder, out / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(repo / "mkdocs.yml", out / "mkdocs.yml")
    (out / "docs" / "es").mkdir(parents=True)
    for page in ("methodology.md", "es/methodology.md"):  # the hand-written pages the nav lists
        shutil.copy2(repo / "docs" / page, out / "docs" / page)


def stock_config(corpus: Path) -> Path:
    """mkdocs.yml without the record_site plugin and without the theme overrides (which use what the
    plugin gives the templates), beside it (so docs_dir means the same folder)."""
    text = (corpus / "mkdocs.yml").read_text(encoding="utf-8")
    stock, count = re.subn(r"(?m)^  - record_site:?\n(?:    .*\n)*", "", text)
    if count != 1:
        raise Failed("mkdocs.yml: no record_site plugin to remove")
    stock = re.sub(r"(?m)^[ \t]+custom_dir:.*\n", "", stock)
    path = corpus / "mkdocs-stock.yml"
    path.write_text(stock, encoding="utf-8")
    return path


def one_run(python: Path, repo: Path, corpus: Path, stock: Path, stock_first: bool) -> dict:
    reset_outputs(corpus)
    build = checked_run([python, repo / "build_pages.py", "--root", corpus], "build_pages.py", cwd=corpus)
    sites = {}

    def mkdocs(name, config):
        site = corpus / f"site-{name}"
        shutil.rmtree(site, ignore_errors=True)
        sites[name] = checked_run([python, "-m", "mkdocs", "build", "-q", "-f", config, "--site-dir", site],
                                  f"mkdocs build ({name})", cwd=corpus)

    order = [("stock", stock), ("project", corpus / "mkdocs.yml")]
    for name, config in (order if stock_first else order[::-1]):
        mkdocs(name, config)
    row = {"build_cpu_s": build["cpu_s"], "build_wall_s": build["wall_s"],
           "mkdocs_cpu_s": sites["project"]["cpu_s"], "mkdocs_wall_s": sites["project"]["wall_s"],
           "stock_cpu_s": sites["stock"]["cpu_s"], "stock_wall_s": sites["stock"]["wall_s"],
           "mkdocs_rss_mb": sites["project"]["rss_mb"], "stock_rss_mb": sites["stock"]["rss_mb"],
           "stock_first": stock_first, "load_average": os.getloadavg()[0]}
    row["full_vs_stock"] = (row["build_cpu_s"] + row["mkdocs_cpu_s"]) / row["stock_cpu_s"]
    row["mkdocs_vs_stock"] = row["mkdocs_cpu_s"] / row["stock_cpu_s"]
    return row


def summary(rows: list[dict]) -> dict:
    return {key: statistics.median(r[key] for r in rows) for key in rows[0] if key not in ("stock_first",)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--real", action="store_true", help="the checkout's own seeds/ instead of a synthetic corpus")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--repo", type=Path, default=HERE.parent, help="the checkout to measure")
    parser.add_argument("--python", type=Path, default=Path(sys.executable))
    parser.add_argument("--work", type=Path, default=None, help="where to put the corpus (default: a temp dir)")
    parser.add_argument("--label", default=None, help="how to name the measured code in the report")
    parser.add_argument("--json", type=Path, default=None, help="also write the raw results here")
    args = parser.parse_args(argv)
    repo = args.repo.resolve()
    work = args.work or Path(tempfile.mkdtemp(prefix="paired-stock-"))
    corpus = work / ("real" if args.real else f"corpus-{args.events}")
    shutil.rmtree(corpus, ignore_errors=True)
    if args.real:
        copy_real(repo, corpus)
    else:
        write_corpus(corpus, args.events, args.seed, repo=repo)
    stock = stock_config(corpus)
    rows = []
    try:
        for number in range(args.runs):
            rows.append(one_run(args.python, repo, corpus, stock, stock_first=number % 2 == 0))
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    except Failed as err:
        print(f"Benchmark stopped: {err}", file=sys.stderr)
        return 1
    meta = {"date": dt.date.today().isoformat(), "label": args.label or str(repo),
            "corpus": "real seeds/" if args.real else f"synthetic, --events {args.events} --seed {args.seed}",
            "machine": f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}"}
    result = {"meta": meta, "runs": rows, "median": summary(rows)}
    write_json(args.json, result)
    m = result["median"]
    print(f"{meta['label']} ({meta['corpus']}, median of {len(rows)}): build_pages.py {m['build_cpu_s']:.2f} s, "
          f"mkdocs build {m['mkdocs_cpu_s']:.2f} s, stock {m['stock_cpu_s']:.2f} s (CPU); "
          f"full build {m['full_vs_stock']:.2f}× stock, mkdocs alone {m['mkdocs_vs_stock']:.2f}×")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
