"""For readers: accent-insensitive search, an offline copy that needs no network, small output.

- Search: assets/search-fold.js is appended to Material's search worker, so accents are
  folded on both sides of every search while snippets keep the original spelling.
- Search loads on first use: the index Material fetches at start-up keeps only its
  configuration, and the documents move to search/search_index.full.json (.full.js in
  the offline copy), which assets/reader.js fetches when the reader first uses search.
  Readers who never search no longer download the index (about half of a first view).
- Search at any size: past the search budget (a large record) that file is the head of an
  index prebuilt at build time (search_pieces.py), whose pieces (search/pieces/) the worker
  loads as queries need them: every section stays findable, and search is ready at once.
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
  style rules (assets/reader.css: underlined links, footer contrast); the 404 page gets
  them too (the plugin runs its page steps for it).
- Speed: no render-blocking request but Material's stylesheet: our styles are inlined and
  Material's script is deferred (it sits at the end of the page and needs nothing earlier).
- Size: removes source maps and the search-language files our two languages never load
  (together about 2 MB of a stock build).

What each of these needs of Material's files and markup is in material.py.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import material, search_budget, search_index, search_pieces
from .languages import DEFAULT, page_language, translator
from .state import BuildState

FULL_INDEX = "search/search_index.full"  # .json, or .js offline: what reader.js fetches on first use
PIECES = "pieces"  # beside it: the prebuilt index's pieces (search_pieces.py), N.json or N.js
# The home page's download link, in either language: the offline copy does not contain itself.
DOWNLOAD = re.compile(r'<p>(?:(?!</p>).)*?<a href="[^"]*downloads/[^"/]*offline\.zip"(?:(?!</p>).)*</p>\n?', re.S)


def for_readers(output: str, page, build: BuildState) -> str:
    """A step of every page (and 404.html): the search dialog named, reader.css inlined, the
    scripts deferred; offline, no download link."""
    lang = page_language(page)
    # Material's search overlay is a dialog without a name; screen readers need one (WCAG 4.1.2).
    name = html.escape(translator(lang)("Search"))  # a translation: escaped for the attribute it lands in
    output = material.name_search_dialog(output, name)
    output = output.replace("</head>", f"<style>{build.stylesheet('reader.css')}</style></head>", 1)
    # reader.js first (it stands in for the search worker before Material asks for one), then Material's.
    output = material.defer_bundle(output, material.READER_SCRIPT.name)
    if build.offline:
        output = DOWNLOAD.sub("", output)
    return output


def finish_site(build: BuildState) -> None:
    """After Material's offline plugin (-100) has made search_index.js from the JSON: the search
    scripts and shim in place, the index split, what no reader loads removed."""
    site = Path(build.config.site_dir)
    material.install_search_scripts(site)
    if build.offline:
        material.install_shim(site, build.shim_source)
    # While serving, every rebuild would prebuild the whole index again (12 s at 10,000 events):
    # the preview leaves the index to Material's worker, in the browser, as for a small record.
    _split_search_index(site, build.offline, 0 if build.serving else build.options.search_budget)
    wanted = {name for lang, names in material.LUNR_FILES.items() if (site / lang / f"{FULL_INDEX}.json").is_file()
              or (site / lang / f"{FULL_INDEX}.js").is_file() for name in names}
    material.prune_assets(site, build.config, wanted)


def _split_search_index(site: Path, offline: bool, budget: int) -> None:
    """Material's index becomes its configuration alone (what Material fetches at start-up)
    and, for each language, the index reader.js fetches on first use: search/search_index.full.*
    for English, es/search/... for Spanish. Within `budget` (a record of the real size), that
    is the language's part of Material's index, which its worker builds in the browser in a
    blink. Past it (or with `budget` 0, never), the prebuilt index (search_pieces.py): its head
    there, with every document and the text its result shows (fitted to `budget` by
    search_budget.display), and its pieces beside it (search/pieces/N.*), which the worker
    loads as queries need them."""
    index = site / material.SEARCH_INDEX
    if not index.is_file():
        return
    whole = json.loads(index.read_text(encoding="utf-8"))
    config = whole["config"]
    stub = search_index.dump({"config": config, "docs": []})
    for lang, docs in search_index.by_language(whole["docs"]).items():
        lang_config = _language_config(config, lang)
        folder = site / (FULL_INDEX if lang == DEFAULT else f"{lang}/{FULL_INDEX}")
        folder.parent.mkdir(parents=True, exist_ok=True)
        pieces_folder = folder.parent / PIECES
        shutil.rmtree(pieces_folder, ignore_errors=True)
        material_form = search_index.dump({"config": lang_config, "docs": docs})
        if not budget or len(material_form.encode("utf-8")) <= budget:
            # A small record: Material's worker builds the index from it in the browser, at once.
            _write(folder, material_form, offline, "var __search_index_full = {}")
            continue
        try:
            firsts, pieces = search_pieces.build(docs, lang_config)
        except search_pieces.Unsupported as error:
            raise PluginError(f"record_site: the search index cannot be prebuilt: {error}. Change the search "
                              "plugin's settings in mkdocs.yml, or teach search_pieces.py (and search-pieces.js) "
                              "the new case.") from None

        def head(shown: list[dict], lang_config=lang_config, firsts=firsts) -> str:
            return search_index.dump({"config": lang_config, "docs": search_index.compact(shown),
                                      "pieces": {"firsts": firsts}})

        pieces_folder.mkdir()
        _write(folder, head(search_budget.display(docs, budget, head)), offline, "var __search_index_full = {}")
        for number, piece in enumerate(pieces):
            _write(pieces_folder / str(number), search_index.dump(piece), offline,
                   f"__search_piece({number}, {{}})")
    material.write_index_stub(site, stub, offline)


def _write(path: Path, text: str, offline: bool, script: str) -> None:
    """JSON at path.json, or, offline (from file:// only scripts load), `script` around it at path.js."""
    if offline:
        path.with_name(path.name + ".js").write_text(script.replace("{}", text, 1), encoding="utf-8")
    else:
        path.with_name(path.name + ".json").write_text(text, encoding="utf-8")


def _language_config(config: dict, lang: str) -> dict:
    if lang == DEFAULT:
        return config
    # Material's pipeline (stop words, no stemmer in the index: see search-fold.js), in `lang`.
    return {**config, "lang": [lang]}
