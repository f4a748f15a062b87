"""Everything the plugin knows of Material for MkDocs' internals, for the Material versions it knows.

Material's public side (its configuration, its template blocks, the `data-search-exclude`
attribute and the `search:` front matter it documents) the plugin uses where it needs it.
What follows is not public: names, file layouts, markup and a message protocol that hold in
the Material versions in KNOWN_VERSIONS, found by reading them, and may change in any
release. No other module of the plugin depends on them: each reaches them through here.
`check` (at on_config) stops the build on a Material version not in KNOWN_VERSIONS, or
another theme; to allow one, check each item below against it, and the theme overrides in
overrides/ (copies of Material's partials, changed).

1. Its plugins, found under their names (material/search, material/offline) and read by
   their settings; its search plugin's index object, which search_budget.py hands pages to
   (`search_indexer`).
2. Its built site: the hashed bundle (`defer_bundle`), the search worker, which
   assets/search-fold.js patches (lunr's tokens and query parser), before which
   assets/search-pieces.js is put (it takes the worker's message handler and postMessage,
   stands in for lunr.Builder's add and build during the worker's SETUP, and relies on
   what Material's worker does with lunr: `lunr.tokenizer.table`, the position table that
   each field's extractor starts and its tokenizer fills; positions `block << 20 | index`;
   b = 0; the index's `query` for both search and suggestions; the pipeline and
   separator of its configuration, which search_pieces.py reproduces in Python), and to which
   assets/reader.js stands in as a worker speaking Material's message protocol until search
   is first used (`install_search_scripts`); lunr's language files (`prune_assets`); the search
   index's files (`SEARCH_INDEX`, the offline copy's script form: `OFFLINE_SEARCH_INDEX`).
3. Its offline plugin: the iframe-worker shim it loads from a CDN through `extra.polyfills`
   (`serve_shim_locally`), whose inline script security.py hashes for the worker address in
   the page's `__config` (`worker_url`).
4. Its markup: the search dialog (`name_search_dialog`), the skip link (`add_skip_link`), the
   <article> that holds a page's content (`CONTENT_TAG`), every element and attribute its
   templates write around it (`THEME_CHROME`), and the script that fetches a sitemap beside
   every <link rel="alternate"> (`ALTERNATE_REL`).
5. The plugin's styles and scripts written against that markup, which no Python reads:
   assets/reader.css, accessibility.css and timeline.css (its md-* classes and --md-*
   colours), assets/keyboard-menu.js (its menu drawer's <label for="__drawer">) and
   assets/timeline-filter.js (its md-button class).
"""

from __future__ import annotations

import json
import re
import shutil
from importlib import metadata
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import ASSETS

KNOWN_VERSIONS = ("9.8",)  # Material's releases (major.minor) whose internals this module was checked against
THEME = "material"


def check(config) -> None:
    """Stop the build, saying why and what to do, unless the theme is Material in a known version."""
    theme = config.theme.name
    if theme != THEME:
        raise PluginError(f"record_site: expected the theme '{THEME}' (Material for MkDocs), got {theme!r}. The "
                          "plugin relies on Material's internals (plugin/record_site/material.py); moving to another "
                          "theme means rewriting that module and the theme overrides in overrides/ (README, "
                          "'Dependencies and their future').")
    try:
        version = metadata.version("mkdocs-material")
    except metadata.PackageNotFoundError:
        version = "none (the package mkdocs-material is not installed)"
    if ".".join(version.split(".")[:2]) not in KNOWN_VERSIONS:
        known = ", ".join(f"{v}.x" for v in KNOWN_VERSIONS)
        raise PluginError(f"record_site: expected Material for MkDocs {known}, got {version}. The plugin relies "
                          f"on internals of the versions it knows (plugin/record_site/material.py). Install the "
                          "pinned version (pip install -r requirements.txt, or python3 tasks.py site), or check "
                          "each item of material.py and overrides/ against the new version and add it to "
                          "KNOWN_VERSIONS there.")


# ---- 1. its plugins ----------------------------------------------------------------------------

def plugin_config(config, name: str):
    """The settings of Material's plugin `name` ("search", "offline"), or None when it is not in use."""
    plugin = config.plugins.get(f"material/{name}") or config.plugins.get(name)
    return plugin.config if plugin is not None else None


def offline_enabled(config) -> bool:
    """Whether this build is the offline copy (OFFLINE=true enables Material's offline plugin)."""
    offline = plugin_config(config, "offline")
    return bool(offline and offline.enabled)


def search_languages(config) -> list[str]:
    search = plugin_config(config, "search")
    return list(search.lang or ["en"]) if search is not None else ["en"]


def search_indexer(config):
    """A function that hands a page (or a stand-in with its attributes) to the search plugin's
    index, as the plugin does itself at its on_page_context; None when there is no index."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(plugin, "search_index", None)  # made at the plugin's on_config; not a documented API
    return index.add_entry_from_context if index is not None else None


# ---- 2. its built site -------------------------------------------------------------------------

SCRIPTS = "assets/javascripts"  # where Material's scripts are, and ours beside them
STYLESHEETS = "assets/stylesheets"
SEARCH_INDEX = "search/search_index.json"  # written by the search plugin, fetched by the worker at start-up
OFFLINE_SEARCH_INDEX = "search/search_index.js"  # the offline plugin's copy of it, read from file://
OFFLINE_INDEX_PREFIX = "var __index = "  # ...as a script that sets this variable
BUNDLE = re.compile(rf'<script src="([^"]*{SCRIPTS}/bundle\.[0-9a-f]+\.min\.js)"></script>')
WORKERS = f"{SCRIPTS}/workers"
WORKER_PATTERN = "search.*.min.js"  # the search worker: lunr and Material's search, one file
LUNR = f"{SCRIPTS}/lunr"  # lunr's language files, which the worker loads for an index's `lang`
# What each language's search needs of lunr's language files (under LUNR), when its index asks for it.
LUNR_FILES = {"es": ("min/lunr.stemmer.support.min.js", "min/lunr.es.min.js")}
FOLD_SCRIPT = ASSETS / "search-fold.js"  # appended to the worker: accents folded, Spanish stems
PIECES_SCRIPT = ASSETS / "search-pieces.js"  # put before the worker: the prebuilt index (search_pieces.py)
READER_SCRIPT = ASSETS / "reader.js"  # runs before the bundle: the worker's stand-in until search is used
FOLD_MARK = "lunr.__accentsFolded"  # search-fold.js sets it: a worker already patched is left alone


def defer_bundle(html: str, first: str) -> str:
    """Material's bundle loaded deferred, after our script `first` (a file in SCRIPTS), which must
    run before the bundle asks for its search worker. Both deferred: they run in this order once
    the page is parsed, and block nothing before."""

    def deferred(match: re.Match) -> str:
        bundle = match.group(1)
        ours = bundle[:bundle.index(f"{SCRIPTS}/")] + f"{SCRIPTS}/{first}"
        return f'<script defer src="{ours}"></script><script defer src="{bundle}"></script>'

    return BUNDLE.sub(deferred, html, count=1)


def install_search_scripts(site: Path) -> None:
    """search-pieces.js put before the search worker and search-fold.js after it (once), reader.js
    beside the bundle."""
    workers = sorted((site / WORKERS).glob(WORKER_PATTERN))
    if len(workers) != 1:
        raise PluginError(f"expected one Material search worker, found {len(workers)}; check the theme version")
    code = workers[0].read_text(encoding="utf-8")
    if FOLD_MARK not in code:
        workers[0].write_text(PIECES_SCRIPT.read_text(encoding="utf-8").rstrip("\n") + "\n" + code.rstrip("\n")
                              + "\n" + FOLD_SCRIPT.read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copyfile(READER_SCRIPT, site / SCRIPTS / READER_SCRIPT.name)


def write_index_stub(site: Path, stub: str, offline: bool) -> None:
    """The index Material's worker fetches at start-up, replaced by `stub` (JSON text)."""
    if offline:
        (site / OFFLINE_SEARCH_INDEX).write_text(OFFLINE_INDEX_PREFIX + stub, encoding="utf-8")
    else:
        (site / SEARCH_INDEX).write_text(stub, encoding="utf-8")


def prune_assets(site: Path, config, lunr_wanted: set[str]) -> None:
    """Material's source maps removed; of lunr's language files only `lunr_wanted` (paths under
    LUNR) kept when the search is configured in English alone; offline, the JSON index, which
    the script form replaces."""
    for source_map in sorted(site.rglob("*.map")):
        source_map.unlink()
    if search_languages(config) == ["en"]:
        lunr = site / LUNR
        for path in sorted(lunr.rglob("*"), reverse=True):
            relative = path.relative_to(lunr).as_posix()
            if path.is_file() and relative not in lunr_wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
        if lunr.is_dir() and not any(lunr.iterdir()):
            lunr.rmdir()
    if offline_enabled(config):
        (site / SEARCH_INDEX).unlink(missing_ok=True)


# ---- 3. its offline plugin ---------------------------------------------------------------------

SHIM_TARGET = f"{SCRIPTS}/iframe-worker-shim.js"
CONFIG_SCRIPT = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


def serve_shim_locally(config) -> None:
    """The offline plugin's iframe-worker shim from the site itself, not from its CDN (our plugin
    runs after it: it has added the CDN's address to `extra.polyfills`)."""
    polyfills = [p for p in config.extra.get("polyfills", []) if "://" not in str(p)]
    config.extra["polyfills"] = [*polyfills, SHIM_TARGET]


def install_shim(site: Path, source: Path) -> None:
    if not source.is_file():
        raise PluginError("The offline copy needs the iframe-worker package: run `npm ci` first "
                          "(python3 tasks.py offline does it for you).")
    shutil.copyfile(source, site / SHIM_TARGET)


def worker_url(html: str) -> str:
    """The search worker's address as the page gives it to Material's script (its `__config`)."""
    config = CONFIG_SCRIPT.search(html)
    if config is None:
        raise ValueError("no __config script")
    return json.loads(config.group(1))["search"]


# ---- 4. its markup -----------------------------------------------------------------------------

SEARCH_DIALOG = 'data-md-component="search" role="dialog"'
SKIP = re.compile(r'<div data-md-component="skip">(.*?)</div>', re.S)
H1_WITHOUT_ID = re.compile(r"<h1(?![^>]*\bid=)")
H1_ID = re.compile(r'<h1[^>]*\bid="([^"]+)"')
CONTENT_TAG = "article"  # the element around a page's content; everything outside it is the theme's
THEME_DATA = "data-md-"  # the data attributes of the theme's script, on any element of its templates
# The language alternates are written rel="alternate " (overrides/main.html): a set of tokens,
# as HTML defines rel, so browsers and search engines read "alternate", while Material's
# script, whose selector link[rel=alternate] compares the whole value, leaves them alone (it
# would otherwise fetch es/actors/x/sitemap.xml and the like, which do not exist, on every page).
ALTERNATE_REL = "alternate "
# What Material's templates (and our overrides/ of them) put around the content: each element
# with the attributes it carries (aria-* and data-md-* on any of them). security.py refuses
# anything else outside CONTENT_TAG.
THEME_CHROME = {
    "html": {"lang", "class", "dir"},
    "head": set(), "body": {"dir"}, "title": set(), "style": set(), "noscript": set(),
    "meta": {"charset", "name", "content", "property", "http-equiv"},
    "link": {"rel", "href", "hreflang", "type", "title", "sizes", "media", "crossorigin"},
    "script": {"src", "id", "type", "defer", "async", "data-strings"},
    "a": {"href", "class", "title", "hreflang", "lang", "rel", "target", "type", "tabindex"},
    "article": {"class"}, "aside": {"class"}, "button": {"class", "title", "type", "hidden", "tabindex"},
    "div": {"class", "role", "tabindex", "hidden", "dir"}, "footer": {"class"},
    "form": {"class", "name"}, "header": {"class"}, "main": {"class"}, "nav": {"class"},
    "input": {"class", "type", "id", "name", "placeholder", "autocapitalize", "autocomplete", "autocorrect",
              "spellcheck", "required", "checked", "tabindex", "value"},
    "label": {"class", "for", "title", "hidden", "id", "tabindex"},
    "ol": {"class", "role"}, "ul": {"class", "role"}, "li": {"class"}, "span": {"class", "hidden"},
    "svg": {"xmlns", "viewbox", "class", "width", "height"}, "path": {"d"},
    "h1": {"id", "class"}, "p": {"class"}, "small": {"class"}, "strong": {"class"}, "code": {"class"},
}


def name_search_dialog(html: str, name: str) -> str:
    """Material's search overlay is a dialog without a name; `name` (escaped for an attribute) gives it one."""
    return html.replace(SEARCH_DIALOG, f'{SEARCH_DIALOG} aria-label="{name}"', 1)


def add_skip_link(html: str, label: str) -> str:
    """A page rendered without a Page (404.html) gets the skip link Material makes only for pages with
    headings, leading to its <h1> (given an id when it has none)."""
    named = H1_ID.search(html)
    target = named.group(1) if named else "__skip-target"
    if not named:
        html = H1_WITHOUT_ID.sub(f'<h1 id="{target}"', html, count=1)
    return SKIP.sub(f'<div data-md-component="skip"><a href="#{target}" class="md-skip">{label}</a></div>', html,
                    count=1)


def outside_content(html: str, change) -> str:
    """`change` applied to the page outside its content (the theme's chrome), the content kept as it is."""
    start, end = html.find(f"<{CONTENT_TAG}"), html.rfind(f"</{CONTENT_TAG}>")
    if start < 0 or end < 0:
        return change(html)
    return change(html[:start]) + html[start:end] + change(html[end:])
