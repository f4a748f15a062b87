#!/usr/bin/env python3
"""What the built-site check (plugin/record_site/site_check.py) costs on a built site, in CPU seconds.

    python bench/site_check.py SITE_DIR [--compare OLD_SECURITY_PY] [--runs 3]

Reads every HTML page, SVG and search index of SITE_DIR exactly as the build's check does
(each page parsed in full, every in-site anchor resolved) and prints the CPU time, the
bytes read and the problems found. With --compare, times another version of security.py,
one that stands alone as the hooks' did (say the one before the exact check:
`git show REV:site_hooks/security.py > /tmp/old.py`) on the same files, through its own
`check_site`.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import time
from pathlib import Path

from record_site import site_check as security


def load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_new(module, site: Path) -> int:
    return len(module.check_site(site))


def run_old(module, site: Path) -> int:
    """The older check's own whole-site pass over every HTML file (none counted as checked)."""
    found = module.check_site(site, set()) if "checked" in module.check_site.__code__.co_varnames else \
        module.check_site(site)
    return len(found)


def timed(function, *args, runs: int) -> tuple[list[float], int]:
    times, result = [], 0
    for _ in range(runs):
        start = time.process_time()
        result = function(*args)
        times.append(time.process_time() - start)
    return times, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--compare", type=Path, help="another site_check.py to time on the same site")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    site = args.site.resolve()
    html = [p for p in site.rglob("*.html")]
    size = sum(p.stat().st_size for p in site.rglob("*") if p.suffix in (".html", ".svg", ".json", ".js")
               and (p.suffix in (".html", ".svg") or p.name.startswith("search_index")))
    print(f"{site}: {len(html):,} HTML pages, {size / 1e6:.1f} MB of pages, charts and search indexes")
    times, problems = timed(run_new, security, site, runs=args.runs)
    print(f"exact check (this tree): CPU s min {min(times):.2f}, median {statistics.median(times):.2f}, "
          f"max {max(times):.2f}; {problems} problem(s)")
    if args.compare:
        old = load(args.compare, "security_before")
        times, problems = timed(run_old, old, site, runs=args.runs)
        print(f"compared ({args.compare}): CPU s min {min(times):.2f}, median {statistics.median(times):.2f}, "
              f"max {max(times):.2f}; {problems} problem(s)")


if __name__ == "__main__":
    main()
