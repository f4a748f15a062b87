#!/usr/bin/env python3
"""What a reader downloads and waits for: a benchmark of the built site (not a test).

    python bench/reader.py              measure site/ and build/offline-site/ as they are
    python bench/reader.py --build      run `python3 tasks.py site` first
    python bench/reader.py --no-lighthouse --runs 3 --query Cabello
    python bench/reader.py --search-only --site /tmp/c10k/site --offline-site /tmp/c10k-offline

It prints a Markdown report with four sections:

1. Bytes per page type (home, timeline, figures, actor, legal and source pages, the
   section index pages, the rest) of the online build in site/: the HTML alone, and
   the "first view": the HTML plus every asset it loads (CSS, JS, images, the search
   worker and search index that the page fetches at run time), each file counted once.
   The assets a page references are read from its HTML for every page; what pages fetch
   at run time is observed in Chromium (Playwright, site/ served on 127.0.0.1) on one
   page of each type, and the static count is checked against the browser's there.
   Target: every page under 500 kB (1 kB = 1,000 bytes) on first view.
2. The offline copy: the zip's bytes (target under 1 MB) and build/offline-site/'s.
3. Search speed: build/offline-site/index.html from file:// with every non-file request
   blocked, and site/ from a local HTTP server. Each run opens the page in a fresh
   browser context, starts a timer once the page has loaded, types the query into the
   search box and waits for the first result; "search ready" is when Material replaces
   "Initializing search" (its index is built). Medians of --runs runs.
4. Lighthouse (the npm package pinned in bench/lighthouse/package.json, installed there
   with `npm ci` on first use) for the home and timeline pages, desktop preset and the
   default mobile one: the four category scores, and for every category under 100 the
   audits that fail, with what failed.

Chromium is Debian's /usr/bin/chromium (CHROMIUM=... to use another); no browser is
downloaded. Nothing is written outside a temporary directory unless --save DIR is given
(the raw numbers as JSON and the Lighthouse reports). Re-runs itself with .venv/'s
Python when the current one lacks Playwright.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import html.parser
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
OFFLINE_SITE = ROOT / "build" / "offline-site"
ZIP = SITE / "downloads" / "us-venezuela-crisis-record-offline.zip"
LIGHTHOUSE_DIR = ROOT / "bench" / "lighthouse"
LIGHTHOUSE_CLI = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium's own connections to Google are
# refused by a closed network, which slows or breaks the runs.
CHROME_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PAGE_BUDGET = 500_000
ZIP_BUDGET = 1_000_000
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = [
    ("first-contentful-paint", "FCP"), ("largest-contentful-paint", "LCP"),
    ("total-blocking-time", "TBT"), ("cumulative-layout-shift", "CLS"), ("speed-index", "SI"),
]
ORDER = ["home", "timeline", "figures", "actor", "legal", "source", "index", "other"]
TYPE_LABEL = {
    "home": "Home", "timeline": "Timeline", "figures": "Figures", "actor": "Actor pages",
    "legal": "Legal pages", "source": "Source pages", "index": "Section index pages",
    "other": "Other pages",
}
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".ics", ".map"}


# --------------------------------------------------------------------------- helpers

def kb(n: float | int | None) -> str:
    return "—" if n is None else f"{n / 1000:,.1f} kB"


def ms(n: float | None) -> str:
    return "—" if n is None else f"{n:,.0f} ms"


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def table(headers: list[str], rows: list[list], align: str | None = None) -> str:
    align = align or "l" + "r" * (len(headers) - 1)
    cells = [[str(c).replace("|", "\\|").replace("\n", " ") for c in row] for row in rows]
    rule = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in cells]
    return "\n".join(lines)


@functools.lru_cache(maxsize=None)
def file_sizes(path: Path) -> tuple[int, int]:
    """(bytes, gzip -6 bytes) of a file; images are counted as they are."""
    data = path.read_bytes()
    if path.suffix.lower() in COMPRESSIBLE:
        return len(data), len(gzip.compress(data, compresslevel=6, mtime=0))
    return len(data), len(data)


def kind(path: str) -> str:
    suffix = Path(urlsplit(path).path).suffix.lower()
    return {".html": "HTML", ".css": "CSS", ".js": "JS", ".json": "JSON (search index)",
            ".svg": "SVG", ".png": "image", ".jpg": "image", ".jpeg": "image", ".webp": "image",
            ".gif": "image", ".ico": "image", ".woff2": "font", ".woff": "font"}.get(suffix, suffix or "HTML")


# --------------------------------------------------------------------------- server

class Handler(http.server.SimpleHTTPRequestHandler):
    """python -m http.server's handler, quiet, optionally gzip-encoding text like most hosts do."""

    gzip_text = False
    _cache: dict[Path, bytes] = {}

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.gzip_text and "gzip" in self.headers.get("Accept-Encoding", ""):
            local = Path(self.translate_path(self.path))
            if local.is_dir() and self.path.split("?")[0].endswith("/"):
                local = local / "index.html"
            if local.is_file() and local.suffix.lower() in COMPRESSIBLE:
                body = self._cache.get(local)
                if body is None:
                    body = self._cache[local] = gzip.compress(local.read_bytes(), compresslevel=6, mtime=0)
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(str(local)))
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Vary", "Accept-Encoding")
                self.end_headers()
                self.wfile.write(body)
                return
        super().do_GET()


@contextlib.contextmanager
def serve(directory: Path, gzip_text: bool = False):
    """Serve a folder on 127.0.0.1 on a free port, in a thread; yields the base URL."""
    handler = type("BenchHandler", (Handler,), {"gzip_text": gzip_text, "_cache": {}})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS)


# --------------------------------------------------------------------------- 1. bytes per page type

class RefParser(html.parser.HTMLParser):
    """The URLs of the subresources an HTML page loads by itself (not links it points to)."""

    LINK_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "link":
            if self.LINK_RELS & set(a.get("rel", "").lower().split()):
                self.refs.append(a.get("href", ""))
        elif tag in ("script", "img", "iframe", "embed", "audio", "video", "source", "track"):
            self.refs.append(a.get("src", ""))
            if tag == "video":
                self.refs.append(a.get("poster", ""))
            for candidate in a.get("srcset", "").split(","):
                self.refs.append(candidate.strip().split(" ")[0])
        elif tag == "object":
            self.refs.append(a.get("data", ""))
        elif tag in ("image", "use", "feimage"):
            href = a.get("href") or a.get("xlink:href") or ""
            if not href.startswith("#"):
                self.refs.append(href)

    handle_startendtag = handle_starttag


def page_type(rel: str) -> str:
    if rel == "index.html":
        return "home"
    if rel == "timeline/index.html":
        return "timeline"
    if rel == "figures/index.html":
        return "figures"
    parts = rel.split("/")
    if len(parts) == 2 and parts[0] in ("actors", "legal", "sources") and parts[1] == "index.html":
        return "index"
    if len(parts) == 3 and parts[2] == "index.html":
        return {"actors": "actor", "legal": "legal", "sources": "source"}.get(parts[0], "other")
    return "other"


def page_path(rel: str) -> str:
    """The URL path of a page of the online build (directory URLs)."""
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def local_file(base: str, url: str, root: Path) -> Path | None:
    """The file under root that a same-host URL names, or None for another host."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != urlsplit(base).netloc:
        return None
    path = unquote(parts.path).lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index.html"
    target = root / path
    return target / "index.html" if target.is_dir() else target


def static_refs(html_file: Path, base: str) -> tuple[set[str], set[str]]:
    """(same-site file paths relative to SITE, other-host URLs) that a page loads by itself."""
    parser = RefParser()
    parser.feed(html_file.read_text(encoding="utf-8", errors="replace"))
    page_url = urljoin(base, page_path(html_file.relative_to(SITE).as_posix()))
    local, external = set(), set()
    for ref in parser.refs:
        if not ref or ref.startswith(("data:", "blob:", "#", "javascript:")):
            continue
        url = urljoin(page_url, ref).split("#")[0]
        target = local_file(base, url, SITE)
        if target is None:
            external.add(url)
        else:
            local.add(target.relative_to(SITE).as_posix())
    return local, external


def browser_first_view(browser, base: str, rel: str) -> dict:
    """Everything Chromium fetches for one page in a fresh context, until the network is idle."""
    context = browser.new_context()
    requests: list[str] = []
    failed: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    context.on("requestfailed", lambda r: failed.append(r.url))
    page = context.new_page()
    page.goto(urljoin(base, page_path(rel)), wait_until="networkidle", timeout=30_000)
    with contextlib.suppress(Exception):
        page.wait_for_function(
            "() => !/Initializing/.test(document.querySelector('.md-search-result__meta')?.textContent || '')",
            timeout=10_000)
    page.wait_for_timeout(200)
    context.close()
    local, external = set(), set()
    for url in requests:
        if url.startswith(("data:", "blob:")):
            continue
        target = local_file(base, url.split("#")[0], SITE)
        if target is None:
            external.add(url)
        elif target.is_file():
            local.add(target.relative_to(SITE).as_posix())
        else:
            failed.append(url + " (no such file)")
    return {"local": local, "external": external, "failed": failed}


def measure_pages(playwright) -> dict:
    pages = sorted(p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html"))
    pages = [p for p in pages if not p.startswith(("downloads/", "assets/"))]
    base = "http://127.0.0.1:1/"  # only the host matters for resolving static references
    info = {}
    for rel in pages:
        local, external = static_refs(SITE / rel, base)
        info[rel] = {"type": page_type(rel), "html": file_sizes(SITE / rel)[0], "static": local, "external": external}

    # One page of each type (the one with the largest HTML) is opened in Chromium, to find
    # what pages fetch at run time and to check the static count against the browser's.
    by_type: dict[str, list[str]] = {}
    for rel, entry in info.items():
        by_type.setdefault(entry["type"], []).append(rel)
    representatives = sorted({max(rels, key=lambda r: info[r]["html"]) for rels in by_type.values()}
                             | set(by_type.get("index", [])), key=lambda r: (ORDER.index(info[r]["type"]), r))
    checks = []
    browser = launch(playwright)
    with serve(SITE) as served:
        for rel in representatives:
            seen = browser_first_view(browser, served, rel)
            static = info[rel]["static"] | {rel}
            checks.append({"page": rel, "type": info[rel]["type"], "browser": seen["local"],
                           "runtime": seen["local"] - static, "not_fetched": static - seen["local"],
                           "external": seen["external"], "failed": seen["failed"]})
    browser.close()
    runtime_sets = [c["runtime"] for c in checks]
    common_runtime = set.intersection(*runtime_sets) if runtime_sets else set()

    for rel, entry in info.items():
        files = entry["static"] | {rel} | common_runtime
        entry["files"] = files
        entry["first_view"] = sum(file_sizes(SITE / f)[0] for f in files if (SITE / f).is_file())
        entry["first_view_gzip"] = sum(file_sizes(SITE / f)[1] for f in files if (SITE / f).is_file())
        entry["missing"] = sorted(f for f in files if not (SITE / f).is_file())
    for check in checks:
        check["browser_bytes"] = sum(file_sizes(SITE / f)[0] for f in check["browser"])
        check["estimate_bytes"] = info[check["page"]]["first_view"]
    return {"pages": info, "checks": checks, "runtime": sorted(common_runtime)}


def report_pages(result: dict) -> list[str]:
    info, checks = result["pages"], result["checks"]
    out = ["## 1. Bytes per page type (online build, site/)", ""]
    rows = []
    for ptype in ORDER:
        rels = [r for r, e in info.items() if e["type"] == ptype]
        if not rels:
            continue
        html_sizes = [info[r]["html"] for r in rels]
        views = [info[r]["first_view"] for r in rels]
        largest = max(rels, key=lambda r: info[r]["first_view"])
        over = sum(v > PAGE_BUDGET for v in views)
        rows.append([
            TYPE_LABEL[ptype], len(rels), kb(median(html_sizes)), kb(max(html_sizes)),
            kb(median(views)), kb(max(views)), kb(max(info[r]["first_view_gzip"] for r in rels)),
            page_path(largest) or "/", "yes" if not over else f"**no** ({over} over)",
        ])
    out.append(table(["Page type", "Pages", "HTML median", "HTML max", "First view median", "First view max",
                      "First view max, gzip", "Heaviest page", "All under 500 kB?"], rows, "lrrrrrrll"))
    total = len(info)
    over_raw = sorted((r for r, e in info.items() if e["first_view"] > PAGE_BUDGET), key=lambda r: -info[r]["first_view"])
    over_gz = [r for r, e in info.items() if e["first_view_gzip"] > PAGE_BUDGET]
    out += ["", f"First view = the page's HTML + the CSS, JS and images its HTML loads + what every page fetches at run "
                f"time ({', '.join(result['runtime']) or 'nothing'}); each file once; uncompressed bytes unless "
                f"marked gzip (gzip -6, as a host that compresses would send it). 1 kB = 1,000 bytes.", ""]
    verdict = "met" if not over_raw else "NOT met"
    out.append(f"**Target, every page under 500 kB on first view: {verdict}.** {len(over_raw)} of {total} pages over "
               f"500 kB uncompressed, {len(over_gz)} over with gzip.")
    if over_raw:
        out.append("Over 500 kB uncompressed: " + ", ".join(f"{page_path(r) or '/'} ({kb(info[r]['first_view'])})"
                                                            for r in over_raw[:12])
                   + (f", … and {len(over_raw) - 12} more" if len(over_raw) > 12 else "") + ".")
    home = info.get("index.html")
    if home:
        out += ["", "### What the home page's first view is made of", ""]
        rows = []
        for f in sorted(home["files"], key=lambda f: -file_sizes(SITE / f)[0] if (SITE / f).is_file() else 0):
            raw, gz = file_sizes(SITE / f) if (SITE / f).is_file() else (0, 0)
            how = "page HTML" if f == "index.html" else ("fetched at run time" if f in result["runtime"] else "in the HTML")
            rows.append([f, kind(f), kb(raw), kb(gz), f"{raw / home['first_view']:.0%}", how])
        rows.append(["**total**", "", kb(home["first_view"]), kb(home["first_view_gzip"]), "100%", ""])
        out.append(table(["File", "Kind", "Bytes", "gzip", "Share", "Loaded"], rows, "llrrrl"))
    out += ["", "### Checked in Chromium (one page of each type, fresh context, until the network is idle)", ""]
    rows = []
    for c in checks:
        notes = []
        if c["runtime"] - set(result["runtime"]):
            notes.append("also fetched: " + ", ".join(sorted(c["runtime"] - set(result["runtime"]))))
        if c["not_fetched"]:
            notes.append("in the HTML, not fetched: " + ", ".join(sorted(c["not_fetched"])))
        if c["external"]:
            notes.append("other hosts: " + ", ".join(sorted(c["external"])))
        if c["failed"]:
            notes.append("failed: " + ", ".join(sorted(set(c["failed"]))))
        rows.append([page_path(c["page"]) or "/", TYPE_LABEL[c["type"]], len(c["browser"]), kb(c["browser_bytes"]),
                     kb(c["estimate_bytes"]), "; ".join(notes) or "matches"])
    out.append(table(["Page", "Type", "Requests", "Chromium fetched", "Counted above", "Differences"], rows, "llrrrl"))
    external = sorted({u for e in info.values() for u in e["external"]})
    if external:
        out += ["", "Subresources on other hosts referenced by pages: " + ", ".join(external)]
    missing = sorted({m for e in info.values() for m in e["missing"]})
    if missing:
        out += ["", "Referenced but missing from site/: " + ", ".join(missing)]
    return out


# --------------------------------------------------------------------------- 2. offline copy

def report_offline() -> tuple[list[str], dict]:
    out = ["## 2. The offline copy", ""]
    data: dict = {}
    rows = []
    if ZIP.is_file():
        data["zip"] = ZIP.stat().st_size
        rows.append([ZIP.relative_to(ROOT).as_posix(), f"{data['zip']:,}", kb(data["zip"]),
                     "under 1 MB: " + ("yes" if data["zip"] < ZIP_BUDGET else "**no**")])
    else:
        rows.append([ZIP.relative_to(ROOT).as_posix(), "missing", "", "run python3 tasks.py site (needs npm)"])
    files = [p for p in OFFLINE_SITE.rglob("*") if p.is_file()] if OFFLINE_SITE.is_dir() else []
    data["offline_site"] = sum(p.stat().st_size for p in files)
    data["offline_files"] = len(files)
    rows.append([OFFLINE_SITE.relative_to(ROOT).as_posix() + "/", f"{data['offline_site']:,}", kb(data["offline_site"]),
                 f"{len(files)} files"])
    out.append(table(["What", "Bytes", "kB", "Note"], rows, "lrrl"))
    if ZIP.is_file():
        with zipfile.ZipFile(ZIP) as archive:
            entries = [i for i in archive.infolist() if not i.is_dir()]
        groups: dict[str, list[int]] = {}
        for i in entries:
            parts = i.filename.split("/")[1:]
            group = "/".join(parts[:2]) + "/" if len(parts) > 2 else (parts[0] + "/" if len(parts) == 2 else parts[0])
            if len(parts) == 1:
                group = "*.html at the top" if parts[0].endswith(".html") else parts[0]
            g = groups.setdefault(group, [0, 0, 0])
            g[0] += 1
            g[1] += i.file_size
            g[2] += i.compress_size
        out += ["", "### What the zip is made of (largest first, compressed bytes)", ""]
        rows = [[g, n, kb(raw), kb(packed), f"{packed / data['zip']:.0%}"]
                for g, (n, raw, packed) in sorted(groups.items(), key=lambda kv: -kv[1][2])[:12]]
        out.append(table(["Part", "Files", "Unpacked", "In the zip", "Share of zip"], rows, "lrrrr"))
        top = sorted(entries, key=lambda i: -i.compress_size)[:8]
        out += ["", "Largest entries: " + ", ".join(
            f"{i.filename.split('/', 1)[1]} ({kb(i.compress_size)} packed, {kb(i.file_size)} unpacked)" for i in top) + "."]
    return out, data


# --------------------------------------------------------------------------- 3. search speed

TIMING_SCRIPT = """
(() => {
  const t = window.__bench = {ready: null, first: null};
  const check = () => {
    if (t.ready === null) {
      const meta = document.querySelector('.md-search-result__meta');
      if (meta && !/Initializing search/i.test(meta.textContent)) t.ready = performance.now();
    }
    if (t.first === null && document.querySelector('.md-search-result__item')) t.first = performance.now();
  };
  new MutationObserver(check).observe(document, {childList: true, subtree: true, characterData: true});
})();
"""


def search_run(browser, url: str, query: str, file_only: bool) -> dict:
    context = browser.new_context()
    blocked: list[str] = []
    errors: list[str] = []

    def route(r):
        if r.request.url.startswith(("file:", "data:", "blob:", "about:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    if file_only:
        context.route("**/*", route)
    context.add_init_script(TIMING_SCRIPT)
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    run = {"blocked": blocked, "errors": errors}
    try:
        page.goto(url, wait_until="load", timeout=30_000)
        start = page.evaluate("performance.now()")
        run["load"] = page.evaluate("performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? null")
        box = page.locator("input.md-search__input")
        box.click()
        # Material searches on keyup, not on input: set all but the last letter, then
        # press that one, so exactly one search runs, for the whole query (fast typing).
        box.fill(query[:-1])
        box.press(query[-1])
        page.wait_for_selector(".md-search-result__item", state="attached", timeout=15_000)
        page.wait_for_function("() => window.__bench.first !== null && window.__bench.ready !== null", timeout=5_000)
        t = page.evaluate("window.__bench")
        run["ready"] = max(0.0, t["ready"] - start)
        run["ready_since_nav"] = t["ready"]
        run["first"] = t["first"] - start
        run["count"] = page.locator(".md-search-result__item").count()
        run["meta"] = " ".join((page.locator(".md-search-result__meta").text_content() or "").split())
        run["top"] = " ".join((page.locator(".md-search-result__item h1, .md-search-result__item h2").first
                               .text_content() or "").split())
    except Exception as error:  # noqa: BLE001 - a failed run is reported, not fatal
        run["error"] = f"{type(error).__name__}: {str(error).splitlines()[0]}"
    finally:
        context.close()
    return run


def measure_search(playwright, query: str, runs: int, site: Path = SITE, offline_site: Path = OFFLINE_SITE) -> dict:
    results = {}
    browser = launch(playwright)
    target = offline_site / "index.html"
    if target.is_file():
        results[f"file:// {_shown(offline_site)}/ (non-file requests blocked)"] = [
            search_run(browser, target.as_uri(), query, file_only=True) for _ in range(runs)]
    with serve(site) as served:
        results[f"http://127.0.0.1 {_shown(site)}/ (python http.server)"] = [
            search_run(browser, served, query, file_only=False) for _ in range(runs)]
    browser.close()
    return results


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def report_search(results: dict, query: str, runs: int) -> list[str]:
    out = [f"## 3. Search speed: query {query!r}, median of {runs} runs, each in a fresh browser context", ""]
    rows = []
    notes = []
    for mode, mode_runs in results.items():
        good = [r for r in mode_runs if "error" not in r]
        blocked = sorted({u for r in mode_runs for u in r["blocked"]})
        errors = sorted({e for r in mode_runs for e in r["errors"]})
        rows.append([
            mode, f"{len(good)}/{len(mode_runs)}", ms(median(r["load"] for r in good)),
            ms(median(r["ready"] for r in good)), ms(median(r["first"] for r in good)),
            ms(max((r["first"] for r in good), default=None)),
            good[0]["meta"] if good else "—", (good[0]["top"][:60] if good else "—"), len(blocked),
        ])
        notes.append(f"- {mode}: first result after " + ", ".join(ms(r.get("first")) for r in mode_runs)
                     + "; search ready after " + ", ".join(ms(r.get("ready")) for r in mode_runs) + ".")
        for r in mode_runs:
            if "error" in r:
                notes.append(f"  - failed run: {r['error']}")
        if blocked:
            notes.append(f"  - blocked requests: {', '.join(blocked[:10])}")
        if errors:
            notes.append(f"  - console errors: {' | '.join(e[:200] for e in errors[:5])}")
    out.append(table(["Mode", "Runs ok", "Page load", "Search ready (after load)", "First result (after load)",
                      "First result, slowest", "Results", "Top result", "Blocked requests"], rows, "lrrrrrllr"))
    out += ["", "Page load: navigation start to the load event. The timer starts when the page has loaded; the "
                "search box is then clicked and the query typed at once (one keyup, so one search), and the first "
                "result waits for the index when it is not ready yet. Search ready: Material's \"Initializing "
                "search\" replaced (0 when it was already ready at load). From file:// the index is only built "
                "once the search box has focus, so there search ready counts from the click.", "", *notes]
    return out


# --------------------------------------------------------------------------- 4. Lighthouse

def ensure_lighthouse() -> str | None:
    """Install bench/lighthouse/ with npm ci when needed; the reason when Lighthouse cannot run."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        return "node and npm are not on this machine"
    installed = LIGHTHOUSE_DIR / "node_modules" / ".package-lock.json"
    lock = LIGHTHOUSE_DIR / "package-lock.json"
    if not installed.is_file() or installed.stat().st_mtime < lock.stat().st_mtime or not LIGHTHOUSE_CLI.is_file():
        print("Installing Lighthouse into bench/lighthouse/ (npm ci, first run only)...", file=sys.stderr, flush=True)
        done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=LIGHTHOUSE_DIR,
                              env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"})
        if done.returncode != 0 or not LIGHTHOUSE_CLI.is_file():
            return "npm ci in bench/lighthouse/ failed"
    return None


def lighthouse(url: str, preset: str, out_file: Path) -> dict:
    command = ["node", str(LIGHTHOUSE_CLI), url, "--output=json", f"--output-path={out_file}", "--quiet",
               f"--chrome-flags={' '.join(CHROME_FLAGS)}", f"--only-categories={','.join(CATEGORIES)}"]
    if preset == "desktop":
        command.append("--preset=desktop")
    done = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True,
                          timeout=180)
    if done.returncode != 0 or not out_file.is_file():
        raise RuntimeError(f"lighthouse exited {done.returncode}: {(done.stderr or done.stdout).strip()[-500:]}")
    return json.loads(out_file.read_text(encoding="utf-8"))


def fmt_value(value, value_type: str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        t = value.get("type")
        if t == "node":
            text = value.get("selector") or value.get("nodeLabel") or ""
            snippet = value.get("snippet", "")
            if snippet:
                text += f" `{snippet[:160]}`"
            if value.get("explanation"):
                text += " — " + " ".join(value["explanation"].split())
            return text
        if t == "source-location":
            return f"{value.get('url', '')}:{value.get('line', 0) + 1}:{value.get('column', 0) + 1}"
        if t in ("url", "link"):
            return value.get("url") or value.get("text", "")
        if t in ("code", "text"):
            return str(value.get("value", ""))
        if t == "numeric":
            return fmt_value(value.get("value"), value.get("granularity") and "numeric")
        if t == "subitems":
            return "; ".join(fmt_item(i, None) for i in value.get("items", [])[:5])
        return json.dumps(value)[:200]
    if value_type in ("bytes",) and isinstance(value, (int, float)):
        return kb(value)
    if value_type in ("ms", "timespanMs") and isinstance(value, (int, float)):
        return ms(value)
    if isinstance(value, float):
        return f"{value:,.3f}".rstrip("0").rstrip(".")
    return " ".join(str(value).split())


def fmt_item(item: dict, headings: list | None) -> str:
    parts = []
    keys = [(h.get("key"), h.get("valueType") or h.get("itemType"), h.get("label") or h.get("text") or "")
            for h in (headings or []) if h.get("key")]
    if not keys:
        keys = [(k, None, k) for k in item if k not in ("subItems",)]
    for key, value_type, label in keys:
        text = fmt_value(item.get(key), value_type)
        if text:
            label = label if isinstance(label, str) else ""
            parts.append(text if key in ("node", "url", "source") or not label else f"{label}: {text}")
    if isinstance(item.get("subItems"), dict):
        sub = item["subItems"].get("items", [])
        if sub:
            parts.append("[" + "; ".join(fmt_item(s, None) for s in sub[:4]) + "]")
    return " · ".join(parts)


def audit_details(audit: dict, limit: int = 15) -> list[str]:
    details = audit.get("details") or {}
    dtype = details.get("type")
    lines = []
    if dtype in ("table", "opportunity"):
        items = details.get("items", [])
        explained = [i for i in items if isinstance(i.get("node"), dict) and i["node"].get("explanation")]
        if explained and len(explained) == len(items):
            # Accessibility findings: one line per distinct explanation, with a few of the elements.
            groups: dict[str, list[dict]] = {}
            for item in items:
                groups.setdefault(" ".join(item["node"]["explanation"].split()), []).append(item["node"])
            for explanation, nodes in groups.items():
                examples = "; ".join(f"{n.get('selector', '')} `{n.get('snippet', '')[:120]}`" for n in nodes[:4])
                more = f" (and {len(nodes) - 4} more)" if len(nodes) > 4 else ""
                lines.append(f"{len(nodes)} element{'s' * (len(nodes) != 1)}: {explanation} — e.g. {examples}{more}")
        else:
            lines += [fmt_item(i, details.get("headings")) for i in items[:limit]]
            if len(items) > limit:
                lines.append(f"… and {len(items) - limit} more")
    elif dtype == "list":
        for sub in details.get("items", []):
            lines += audit_details({"details": sub}, limit)
    elif dtype == "list-section":
        value = details.get("value") or {}
        inner = audit_details({"details": value}, limit) if value.get("type") != "text" else [str(value.get("value", ""))]
        if details.get("title"):
            inner = [f"{details['title']}: " + "; ".join(inner)] if len(inner) <= 1 else [details["title"] + ":", *inner]
        lines += inner
    elif dtype == "text":
        lines.append(str(details.get("value", "")))
    elif dtype == "criticalrequestchains":
        def walk(chains, depth):
            for chain in chains.values():
                req = chain.get("request", {})
                lines.append("  " * depth + f"{req.get('url')} ({kb(req.get('transferSize'))}, "
                                            f"{ms((req.get('endTime', 0) - req.get('startTime', 0)) * 1000)})")
                walk(chain.get("children", {}), depth + 1)
        walk(details.get("chains", {}), 0)
    elif dtype == "network-tree":
        def walk_tree(chains, depth):
            for chain in chains.values():
                lines.append("  " * depth + f"{chain.get('url')} ({kb(chain.get('transferSize'))}, "
                                            f"{ms(chain.get('navStartToEndTime'))} from navigation start)")
                walk_tree(chain.get("children", {}), depth + 1)
        walk_tree(details.get("chains", {}), 0)
    elif dtype == "checklist":
        for key, item in details.get("items", {}).items():
            if not item.get("value"):
                lines.append(f"{key}: {item.get('label', '')} — not met")
    if details.get("overallSavingsMs"):
        lines.append(f"estimated savings: {ms(details['overallSavingsMs'])}")
    return [line for line in lines if line]


def failing_audits(lhr: dict, category: str) -> list[tuple[str, dict, float]]:
    audits = lhr["audits"]
    failing = []
    for ref in lhr["categories"][category]["auditRefs"]:
        audit = audits.get(ref["id"], {})
        if audit.get("scoreDisplayMode") in ("notApplicable", "manual", "informative", "error"):
            if audit.get("scoreDisplayMode") == "error":
                failing.append((ref["id"], audit, ref.get("weight", 0)))
            continue
        if audit.get("score") is not None and audit["score"] < 1:
            failing.append((ref["id"], audit, ref.get("weight", 0)))
    return failing


def measure_lighthouse(presets: list[str], gzip_text: bool, save: Path | None, repeat: int = 1) -> dict:
    reason = ensure_lighthouse()
    if reason:
        return {"skipped": reason}
    results = {"runs": []}
    targets = [("Home", ""), ("Timeline", "timeline/")]
    with tempfile.TemporaryDirectory() as tmp, serve(SITE, gzip_text=gzip_text) as served:
        for name, path in targets:
            for preset in presets:
                started = time.monotonic()
                reports, errors = [], []
                for attempt in range(repeat):
                    out_file = Path(tmp) / f"{name.lower()}-{preset}-{attempt + 1}.json"
                    try:
                        reports.append(lighthouse(served + path, preset, out_file))
                    except Exception as error:  # noqa: BLE001 - a failed Lighthouse run is counted and reported, not fatal
                        errors.append(str(error))
                        continue
                    if save:
                        save.mkdir(parents=True, exist_ok=True)
                        shutil.copyfile(out_file, save / out_file.name)
                if not reports:
                    results["runs"].append({"page": name, "preset": preset, "error": errors[0]})
                    continue
                # With several runs, report the one with the median performance score.
                reports.sort(key=lambda r: r["categories"]["performance"]["score"] or 0)
                results["runs"].append({
                    "page": name, "preset": preset, "lhr": reports[(len(reports) - 1) // 2],
                    "performance_scores": [round((r["categories"]["performance"]["score"] or 0) * 100) for r in reports],
                    "seconds": time.monotonic() - started})
    results["version"] = next((r["lhr"]["lighthouseVersion"] for r in results["runs"] if "lhr" in r), None)
    return results


def report_lighthouse(results: dict, gzip_text: bool) -> list[str]:
    out = ["## 4. Lighthouse", ""]
    if "skipped" in results:
        return out + [f"Skipped: {results['skipped']}."]
    out.append(f"Lighthouse {results.get('version')}, Chromium {CHROMIUM}, site/ served by Python's http.server on "
               f"127.0.0.1 ({'gzip-encoding text' if gzip_text else 'no compression, no cache headers'}). "
               "Mobile = Lighthouse's default (Moto G Power, simulated slow 4G, 4x CPU slowdown).")
    out.append("")
    rows = []
    for run in results["runs"]:
        if "error" in run:
            rows.append([run["page"], run["preset"], "error", "", "", "", run["error"][:120]])
            continue
        lhr = run["lhr"]
        scores = [lhr["categories"][c]["score"] for c in CATEGORIES]
        metrics = ", ".join(f"{label} {lhr['audits'][m]['displayValue']}" for m, label in METRICS
                            if m in lhr["audits"] and lhr["audits"][m].get("displayValue"))
        cells = ["—" if s is None else round(s * 100) for s in scores]
        if len(run["performance_scores"]) > 1:
            cells[0] = f"{cells[0]} ({'/'.join(map(str, run['performance_scores']))})"
        rows.append([run["page"], run["preset"], *cells, metrics])
    out.append(table(["Page", "Preset", "Performance", "Accessibility", "Best practices", "SEO", "Metrics"], rows,
                     "llrrrrl"))
    if any(len(r.get("performance_scores", [])) > 1 for r in results["runs"]):
        out += ["", "Performance with several runs: the median run's score (all runs' scores); the audits below are "
                    "the median run's."]
    shown: dict[tuple, str] = {}
    for run in results["runs"]:
        if "lhr" not in run:
            continue
        lhr = run["lhr"]
        label = f"{run['page']}, {run['preset']}"
        for warning in lhr.get("runWarnings", []):
            out += ["", f"Warning ({label}): {' '.join(warning.split())}"]
        for category in CATEGORIES:
            score = lhr["categories"][category]["score"]
            if score is not None and score >= 1:
                continue
            out += ["", f"### {label}: {lhr['categories'][category]['title']} "
                        f"{'—' if score is None else round(score * 100)}", ""]
            if category == "performance":
                out.append("Metrics: " + "; ".join(
                    f"{label_} {lhr['audits'][m].get('displayValue', '')} (score {lhr['audits'][m].get('score')})"
                    for m, label_ in METRICS if m in lhr["audits"]))
                out.append("")
            failing = failing_audits(lhr, category)
            if not failing:
                out.append("(no failing audit in this category)")
            for audit_id, audit, weight in sorted(failing, key=lambda f: (-f[2], f[1].get("score") or 0)):
                details = audit_details(audit)
                key = (audit_id, audit.get("score"), audit.get("displayValue"), tuple(details))
                head = (f"- **{audit_id}** — {audit.get('title', '')} (score {audit.get('score')}, weight {weight}"
                        + (f", {audit['displayValue']}" if audit.get("displayValue") else "") + ")")
                if key in shown:
                    out.append(head + f": same as in {shown[key]}")
                    continue
                shown[key] = label
                out.append(head)
                if audit.get("errorMessage"):
                    out.append(f"    - error: {audit['errorMessage']}")
                out += [f"    - {line}" for line in details]
    return out


# --------------------------------------------------------------------------- main

def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", action="store_true", help="run `python3 tasks.py site` first")
    parser.add_argument("--runs", type=int, default=5, help="search runs per mode (default 5)")
    parser.add_argument("--query", default="Padrino", help="the search query (default Padrino)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip section 4")
    parser.add_argument("--presets", default="desktop,mobile", help="Lighthouse presets (default desktop,mobile)")
    parser.add_argument("--gzip", action="store_true",
                        help="serve text gzip-encoded for Lighthouse, as most hosts do (default: like python -m http.server)")
    parser.add_argument("--lighthouse-runs", type=int, default=1,
                        help="Lighthouse runs per page and preset; the median run is reported (default 1)")
    parser.add_argument("--save", type=Path, help="write the raw numbers and Lighthouse reports into this folder")
    parser.add_argument("--search-only", action="store_true",
                        help="only section 3, search speed (e.g. on a synthetic corpus's site)")
    parser.add_argument("--site", type=Path, default=SITE, help="with --search-only: the online build to serve (default site/)")
    parser.add_argument("--offline-site", type=Path, default=OFFLINE_SITE,
                        help="with --search-only: the offline build to open from file:// (default build/offline-site/)")
    args = parser.parse_args(argv)
    if not args.search_only and (args.site != SITE or args.offline_site != OFFLINE_SITE):
        parser.error("--site and --offline-site only go with --search-only")
    site, offline_site = args.site.resolve(), args.offline_site.resolve()

    if args.build:
        subprocess.run([sys.executable, str(ROOT / "tasks.py"), "site"], cwd=ROOT, check=True)
    if not (site / "index.html").is_file():
        print(f"{site} is not built: run `python3 tasks.py site` or pass --build.", file=sys.stderr)
        return 2

    from playwright.sync_api import sync_playwright

    if args.search_only:
        with sync_playwright() as playwright:
            search = measure_search(playwright, args.query, args.runs, site, offline_site)
        print("\n".join(report_search(search, args.query, args.runs)), flush=True)
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / "search.json").write_text(json.dumps(search, indent=1), encoding="utf-8")
        return 0

    started = time.monotonic()
    timings = {}
    report = ["# Reader benchmark", "",
              f"site/ built {time.strftime('%Y-%m-%d %H:%M', time.localtime((SITE / 'index.html').stat().st_mtime))}; "
              f"Chromium {CHROMIUM}.", ""]
    with sync_playwright() as playwright:
        t = time.monotonic()
        pages = measure_pages(playwright)
        report += report_pages(pages) + [""]
        timings["pages"] = time.monotonic() - t
        offline_lines, offline_data = report_offline()
        report += offline_lines + [""]
        t = time.monotonic()
        search = measure_search(playwright, args.query, args.runs)
        report += report_search(search, args.query, args.runs) + [""]
        timings["search"] = time.monotonic() - t
    print("\n".join(report), flush=True)
    report = []
    lh: dict = {"skipped": "--no-lighthouse"}
    if not args.no_lighthouse:
        t = time.monotonic()
        presets = [p.strip() for p in args.presets.split(",") if p.strip()]
        lh = measure_lighthouse(presets, args.gzip, args.save / "lighthouse" if args.save else None,
                                max(1, args.lighthouse_runs))
        report += report_lighthouse(lh, args.gzip) + [""]
        timings["lighthouse"] = time.monotonic() - t
    timings["total"] = time.monotonic() - started
    report.append("Benchmark time: " + ", ".join(f"{k} {v:.0f} s" for k, v in timings.items()) + ".")
    print("\n".join(report), flush=True)

    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        raw = {
            "pages": {r: {k: (sorted(v) if isinstance(v, set) else v) for k, v in e.items()}
                      for r, e in pages["pages"].items()},
            "runtime": pages["runtime"], "offline": offline_data, "search": search,
            "lighthouse": [{"page": r["page"], "preset": r["preset"],
                            "scores": {c: r["lhr"]["categories"][c]["score"] for c in CATEGORIES}}
                           for r in lh.get("runs", []) if "lhr" in r],
            "timings": timings,
        }
        (args.save / "reader.json").write_text(json.dumps(raw, indent=1, default=sorted), encoding="utf-8")
    return 0


def _reexec_in_venv() -> None:
    try:
        import playwright  # noqa: F401
    except ImportError:
        python = ROOT / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
        if python.is_file() and Path(sys.prefix).resolve() != (ROOT / ".venv").resolve():
            os.execv(str(python), [str(python), __file__, *sys.argv[1:]])
        sys.exit("Playwright is not installed: run `python3 tasks.py site` once to set up .venv/.")


if __name__ == "__main__":
    _reexec_in_venv()
    sys.exit(main(sys.argv[1:]))
