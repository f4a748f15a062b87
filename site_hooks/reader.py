"""MkDocs hook for readers: accent-insensitive search, an offline copy that needs no network, small output.

- Search: appends assets/search-fold.js to Material's search worker, so accents are
  folded on both sides of every search while snippets keep the original spelling.
- Search loads on first use: the index Material fetches at start-up keeps only its
  configuration, and the documents move to search/search_index.full.json (.full.js in
  the offline copy), which assets/reader.js fetches when the reader first uses search.
  Readers who never search no longer download the index (about half of a first view).
- Offline copy (OFFLINE=true enables Material's offline plugin): the plugin would load
  its worker shim from a CDN; we serve the shim from the iframe-worker package that
  `npm ci` installs (package.json pins it) instead, so the copy makes no request to any
  other host.
- Accessibility: gives Material's search dialog an accessible name, and inlines our few
  style rules (assets/reader.css: underlined links, footer contrast). The 404 page, which
  MkDocs renders from the theme alone, gets it too: accessibility.py runs this hook's
  on_post_page for it.
- Speed: no render-blocking request but Material's stylesheet: our styles are inlined and
  Material's script is deferred (it sits at the end of the page and needs nothing earlier).
- Size: removes source maps and the search-language files an English-only search never
  loads (together about 2 MB of a stock build).
"""

from __future__ import annotations

import functools
import json
import re
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

HERE = Path(__file__).resolve().parent
FOLD_SCRIPT = HERE / "assets" / "search-fold.js"
READER_SCRIPT = HERE / "assets" / "reader.js"
READER_TARGET = "assets/javascripts/reader.js"
INDEX = "search/search_index.json"  # what Material fetches at start-up (search_index.js offline)
FULL_INDEX = "search/search_index.full"  # .json, or .js offline: what reader.js fetches on first use
SHIM_SOURCE = HERE.parent / "node_modules" / "iframe-worker" / "shim" / "index.js"
SHIM_TARGET = "assets/javascripts/iframe-worker-shim.js"
STYLES = HERE / "assets" / "reader.css"
FOLD_MARK = "lunr.__accentsFolded"
BUNDLE = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')
# The home page's download link: the offline copy does not contain itself.
DOWNLOAD = re.compile(r"<p><strong>Reading offline\?</strong>.*?</p>\n?", re.S)


def _plugin_config(config, name):
    plugin = config.plugins.get(f"material/{name}") or config.plugins.get(name)
    return plugin.config if plugin is not None else None


def _offline(config) -> bool:
    offline = _plugin_config(config, "offline")
    return bool(offline and offline.enabled)


def on_config(config):
    if _offline(config):
        # Hooks run after plugins: drop the CDN shim the offline plugin added, use ours.
        polyfills = [p for p in config.extra.get("polyfills", []) if "://" not in str(p)]
        config.extra["polyfills"] = [*polyfills, SHIM_TARGET]
    return config


def on_post_page(output, page, config):
    return _for_readers(output, config)


def _for_readers(output: str, config) -> str:
    # Material's search overlay is a dialog without a name; screen readers need one (WCAG 4.1.2).
    output = output.replace('data-md-component="search" role="dialog"',
                            'data-md-component="search" role="dialog" aria-label="Search"', 1)
    output = output.replace("</head>", f"<style>{_minified_styles()}</style></head>", 1)
    # Our script first (it stands in for the search worker before Material asks for one),
    # then Material's; both deferred, so they run in this order once the page is parsed.
    output = BUNDLE.sub(_deferred_scripts, output, count=1)
    if _offline(config):
        output = DOWNLOAD.sub("", output)
    return output


def _deferred_scripts(match: re.Match) -> str:
    bundle = match.group(1)
    reader = bundle[:bundle.index("assets/javascripts/")] + READER_TARGET
    return f'<script defer src="{reader}"></script><script defer src="{bundle}"></script>'


def on_pre_build(config):
    _minified_styles.cache_clear()  # read the styles again for each build: `mkdocs serve` may see them change


@functools.cache  # once per build, not once per page
def _minified_styles() -> str:
    css = re.sub(r"/\*.*?\*/", "", STYLES.read_text(encoding="utf-8"), flags=re.S)
    return re.sub(r"\s*([{}:;,])\s*", r"\1", " ".join(css.split())).strip()


@event_priority(-200)  # after the offline plugin (-100) has made search_index.js from the JSON
def on_post_build(config):
    site = Path(config.site_dir)
    _fold_search(site)
    offline = _offline(config)
    if offline:
        _install_shim(site)
    shutil.copyfile(READER_SCRIPT, site / READER_TARGET)
    _split_search_index(site, offline)
    _remove_unused_assets(site, config)


def _fold_search(site: Path) -> None:
    workers = sorted((site / "assets/javascripts/workers").glob("search.*.min.js"))
    if len(workers) != 1:
        raise PluginError(f"expected one Material search worker, found {len(workers)}; check the theme version")
    code = workers[0].read_text(encoding="utf-8")
    if FOLD_MARK not in code:
        workers[0].write_text(code.rstrip("\n") + "\n" + FOLD_SCRIPT.read_text(encoding="utf-8"), encoding="utf-8")


def _install_shim(site: Path) -> None:
    if not SHIM_SOURCE.is_file():
        raise PluginError("The offline copy needs the iframe-worker package: run `npm ci` first "
                          "(python3 tasks.py offline does it for you).")
    shutil.copyfile(SHIM_SOURCE, site / SHIM_TARGET)


def _split_search_index(site: Path, offline: bool) -> None:
    """Material's index becomes its configuration alone (what Material fetches at start-up)
    and the whole index, under another name, for reader.js to fetch on first use."""
    index = site / INDEX
    if not index.is_file():
        return
    text = index.read_text(encoding="utf-8")
    config = json.loads(text)["config"]
    stub = json.dumps({"config": config, "docs": []}, ensure_ascii=False, separators=(",", ":"))
    if offline:
        # From file:// both are scripts: Material reads `__index`, reader.js `__search_index_full`.
        (site / "search/search_index.js").write_text(f"var __index = {stub}", encoding="utf-8")
        (site / f"{FULL_INDEX}.js").write_text(f"var __search_index_full = {text}", encoding="utf-8")
    else:
        (site / f"{FULL_INDEX}.json").write_text(text, encoding="utf-8")
        index.write_text(stub, encoding="utf-8")


def _remove_unused_assets(site: Path, config) -> None:
    for source_map in sorted(site.rglob("*.map")):
        source_map.unlink()
    search = _plugin_config(config, "search")
    languages = list(search.lang or ["en"]) if search is not None else ["en"]
    if languages == ["en"]:
        shutil.rmtree(site / "assets/javascripts/lunr", ignore_errors=True)
    if _offline(config):
        # From file:// Material reads the index from search_index.js; the JSON twin is dead weight.
        (site / "search/search_index.json").unlink(missing_ok=True)
