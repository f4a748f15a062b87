"""MkDocs hook for readers: accent-insensitive search, an offline copy that needs no network, small output.

- Search: appends assets/search-fold.js to Material's search worker, so accents are
  folded on both sides of every search while snippets keep the original spelling.
- Search loads on first use: the index Material fetches at start-up keeps only its
  configuration, and the documents move to search/search_index.full.json (.full.js in
  the offline copy), which assets/reader.js fetches when the reader first uses search.
  Readers who never search no longer download the index (about half of a first view).
- Search in the page's language: the Spanish pages (under es/) get an index of their own,
  es/search/search_index.full.json (.js), whose configuration (lang: es) makes Material's
  worker load lunr's Spanish files (lunr.stemmer.support and lunr.es, the only language
  files kept): Spanish stop words, and the stemmer search-fold.js applies to query words
  ("muertos" finds "muerte"). reader.js loads the index of the page's language (<html lang>).
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
- Size: removes source maps and the search-language files our two languages never load
  (together about 2 MB of a stock build).
"""

from __future__ import annotations

import html

import functools
import json
import re
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from languages import DEFAULT, language_of, translator

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
# The home page's download link, in either language: the offline copy does not contain itself.
DOWNLOAD = re.compile(r'<p>(?:(?!</p>).)*?<a href="[^"]*downloads/[^"/]*offline\.zip"(?:(?!</p>).)*</p>\n?', re.S)
# What each language's search needs of lunr's language files (under assets/javascripts/lunr/).
LUNR_FILES = {"es": ("min/lunr.stemmer.support.min.js", "min/lunr.es.min.js")}


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
    return _for_readers(output, config, language_of(page.file.src_uri) if page is not None else DEFAULT)


def _for_readers(output: str, config, lang: str = DEFAULT) -> str:
    # Material's search overlay is a dialog without a name; screen readers need one (WCAG 4.1.2).
    name = html.escape(translator(lang)("Search"))  # a translation: escaped for the attribute it lands in
    output = output.replace('data-md-component="search" role="dialog"',
                            f'data-md-component="search" role="dialog" aria-label="{name}"', 1)
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
    """As accessibility.py minifies its stylesheets: child combinators (>) too, quoted strings kept."""
    css = re.sub(r"/\*.*?\*/", "", STYLES.read_text(encoding="utf-8"), flags=re.S)
    parts = re.split(r'("(?:[^"\\]|\\.)*")', css)
    for i in range(0, len(parts), 2):
        parts[i] = re.sub(r"\s*([{}:;,>])\s*", r"\1", " ".join(parts[i].split()))
    return "".join(parts).strip()


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
    and, under another name, the whole index of each language, for reader.js to fetch on
    first use: search/search_index.full.* for English, es/search/... for Spanish."""
    index = site / INDEX
    if not index.is_file():
        return
    text = index.read_text(encoding="utf-8")
    whole = json.loads(text)
    config = whole["config"]
    stub = _dump({"config": config, "docs": []})
    by_language: dict = {}
    for doc in whole["docs"]:
        by_language.setdefault(language_of(doc["location"]), []).append(doc)
    fulls = {DEFAULT: text} if set(by_language) <= {DEFAULT} else {  # one language: the index as it is
        lang: _dump({"config": _language_config(config, lang), "docs": docs}) for lang, docs in by_language.items()}
    for lang, full in fulls.items():
        target = site / (FULL_INDEX if lang == DEFAULT else f"{lang}/{FULL_INDEX}")
        target.parent.mkdir(parents=True, exist_ok=True)
        if offline:
            # From file:// both are scripts: Material reads `__index`, reader.js `__search_index_full`.
            target.with_name(target.name + ".js").write_text(f"var __search_index_full = {full}", encoding="utf-8")
        else:
            target.with_name(target.name + ".json").write_text(full, encoding="utf-8")
    if offline:
        (site / "search/search_index.js").write_text(f"var __index = {stub}", encoding="utf-8")
    else:
        index.write_text(stub, encoding="utf-8")


def _language_config(config: dict, lang: str) -> dict:
    if lang == DEFAULT:
        return config
    # Material's pipeline (stop words, no stemmer in the index: see search-fold.js), in `lang`.
    return {**config, "lang": [lang]}


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _remove_unused_assets(site: Path, config) -> None:
    for source_map in sorted(site.rglob("*.map")):
        source_map.unlink()
    search = _plugin_config(config, "search")
    languages = list(search.lang or ["en"]) if search is not None else ["en"]
    if languages == ["en"]:
        # Keep only what the Spanish index (when there is one) asks the worker to load.
        lunr = site / "assets/javascripts/lunr"
        wanted = {name for lang, names in LUNR_FILES.items() if (site / lang / f"{FULL_INDEX}.json").is_file()
                  or (site / lang / f"{FULL_INDEX}.js").is_file() for name in names}
        for path in sorted(lunr.rglob("*"), reverse=True):
            relative = path.relative_to(lunr).as_posix()
            if path.is_file() and relative not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
        if lunr.is_dir() and not any(lunr.iterdir()):
            lunr.rmdir()
    if _offline(config):
        # From file:// Material reads the index from search_index.js; the JSON twin is dead weight.
        (site / "search/search_index.json").unlink(missing_ok=True)
