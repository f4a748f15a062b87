#!/usr/bin/env python3
"""Edit to page: how long `mkdocs serve` takes to show an edited source summary.

    .venv/bin/python bench/serve_latency.py --root /tmp/c10k [--edits 3] [--dirty]
    .venv/bin/python bench/serve_latency.py --copy-of-repo     # the real record, in a temporary copy

Starts `mkdocs serve` on the project folder (with the site's plugin, whose serve_seeds.py runs
this repository's build_pages.py as seeds/ changes), waits for the first build, then
several times: writes a new sentence at the start of one source's summary and times
until the served page of that source carries it, with the CPU seconds spent meanwhile by
the generator and by MkDocs (from /proc, so Linux only). Nothing is edited in place but in a
temporary copy (--copy-of-repo) or in the folder given, which should be a throwaway
corpus (bench/synthetic_corpus.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


def wait_for(test, timeout: float, step: float = 0.05) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if test():
            return time.perf_counter() - started
        time.sleep(step)
    raise TimeoutError(f"not seen within {timeout:.0f} s")


def copy_repo(target: Path) -> Path:
    """What `mkdocs serve` needs of the repository, copied into the existing folder `target`."""
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("seeds", "docs", "overrides"):
        shutil.copytree(REPO / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def edit(path: Path, number: int) -> str:
    """A new first sentence in the source's summary, whatever style the summary is written in,
    with a word no earlier edit wrote (another run in this process may have edited it before)."""
    token = f"Servebenchmark{number}x{os.getpid()}x{time.time_ns()}"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith("summary:"):
            value = line[len("summary:"):].strip()
            if value in ("|", ">", "|-", ">-"):  # a block: the sentence goes on its first line
                body = lines[index + 1]
                indent = body[:len(body) - len(body.lstrip())]
                lines[index + 1] = f"{indent}{token}. {body.lstrip()}"
            elif value.startswith('"'):
                lines[index] = f'summary: "{token}. {value[1:]}\n'
            else:
                lines[index] = f"summary: {token}. {value}\n"
            break
    else:
        raise SystemExit(f"{path}: no summary to edit")
    path.write_text("".join(lines), encoding="utf-8")
    return token


def _stat(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def cpu_seconds(pid: int) -> tuple[float, float]:
    """(own, generator): CPU seconds (user + system) of process `pid` itself, and of its
    descendants, the generator's processes: those it has waited for, and those still running
    (`build_pages.py --stay`, which serve keeps between builds), from /proc (Linux)."""
    tick = os.sysconf("SC_CLK_TCK")
    fields = _stat(pid)
    own = (int(fields[11]) + int(fields[12])) / tick
    children = (int(fields[13]) + int(fields[14])) / tick
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int(_stat(int(entry.name))[1])
            except (OSError, IndexError, ValueError):
                pass
    for other in parents:
        ancestor = parents.get(other)
        while ancestor is not None and ancestor != pid:
            ancestor = parents.get(ancestor)
        if ancestor == pid:
            try:
                fields = _stat(other)
            except OSError:
                continue
            children += sum(int(fields[i]) for i in (11, 12, 13, 14)) / tick  # with the workers it has waited for
    return own, children


def measure_serve(root: Path, edits: int, dirty: bool = False, config: Path | None = None, timeout: float = 600,
                  quiet: bool = False) -> dict:
    """Serve `root` (with `config`, its mkdocs.yml by default) and edit one source `edits` times.
    For each edit: the wall time until the served page shows it, and the CPU seconds spent
    meanwhile by the generator (the server's waited-for children) and by MkDocs (the server)."""
    say = (lambda *a: None) if quiet else print
    subprocess.run([sys.executable, str(REPO / "build_pages.py"), "--root", str(root)], check=True,
                   stdout=subprocess.DEVNULL)
    sources = sorted((root / "seeds" / "sources").glob("*.yaml"))
    source = sources[len(sources) // 2]
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1",
           "BUILD_PAGES": str(REPO / "build_pages.py")}
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config or root / "mkdocs.yml"),
               "-a", f"127.0.0.1:{port}", *(["--dirty", "--no-strict"] if dirty else [])]
    log = open(root / "serve-latency.log", "w")
    started = time.perf_counter()
    server = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    result = {"sources": len(sources), "edited": source.name, "dirty": dirty, "edits": []}
    try:
        url = f"http://127.0.0.1:{port}/sources/{source.stem}/"
        wait_for(lambda: fetch(url) is not None, timeout)
        result["first_build_s"] = time.perf_counter() - started
        say(f"{len(sources)} sources; first build served after {result['first_build_s']:.1f} s")
        for number in range(1, edits + 1):
            time.sleep(1.0)  # let the watchers settle
            own, children = cpu_seconds(server.pid)
            token = edit(source, number)
            seconds = wait_for(lambda token=token: token in (fetch(url) or ""), timeout)
            own_after, children_after = cpu_seconds(server.pid)
            result["edits"].append({"wall_s": seconds, "generator_cpu_s": children_after - children,
                                    "mkdocs_cpu_s": own_after - own})
            say(f"edit {number}: {source.name} summary -> served page in {seconds:.2f} s "
                f"(CPU: generator {children_after - children:.1f} s, MkDocs {own_after - own:.1f} s)")
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, help="a throwaway project folder (mkdocs.yml, seeds/, docs/, overrides/)")
    parser.add_argument("--copy-of-repo", action="store_true", help="measure the real record, in a temporary copy")
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--dirty", action="store_true", help="run `mkdocs serve --dirty`")
    parser.add_argument("--config", type=Path, default=None, help="the MkDocs configuration (default: ROOT/mkdocs.yml)")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    temp = None
    if args.copy_of_repo:
        temp = tempfile.TemporaryDirectory(prefix="serve-latency-")
        root = copy_repo(Path(temp.name))
    elif args.root:
        root = args.root.resolve()
    else:
        parser.error("give --root or --copy-of-repo")
    try:
        result = measure_serve(root, args.edits, args.dirty, args.config, args.timeout)
        times = [e["wall_s"] for e in result["edits"]]
        print(f"median edit-to-page: {statistics.median(times):.2f} s ({'--dirty' if args.dirty else 'full rebuild'}); "
              f"CPU: generator {statistics.median(e['generator_cpu_s'] for e in result['edits']):.1f} s, "
              f"MkDocs {statistics.median(e['mkdocs_cpu_s'] for e in result['edits']):.1f} s")
        print(f"server log: {root / 'serve-latency.log'}" if temp is None else "")
    finally:
        if temp is not None:
            temp.cleanup()


if __name__ == "__main__":
    main()
