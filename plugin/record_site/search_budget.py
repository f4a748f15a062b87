"""Search finds readers' pages first, never the machinery, and starts fast at any size.

Readers first:
- Contributors' pages (the format reference, generated from record_builder/schema.py,
  wherever it sits; any page whose front matter says `audience: contributors`) are
  left out of the index: readers searching "Padrino" want the man, not the `actor` field.
- Internal names (the reference files' names such as 000_34f8bc0dfe15a6cc.txt, paths in
  seeds/, YAML file names) are kept out of the index: the table row, list item or
  paragraph that carries one is marked `data-search-exclude`, which Material's search
  skips, so no snippet shows one.
- Pages about placeholder actors (an unnamed publisher, a compilation: the generator
  marks them `search_rank: low`) rank below the pages about what happened: their titles
  repeat the headlines they stand for, and would otherwise come before the sources.

The budget: Material's search builds its index in the reader's browser from search/search_index.json,
at about 0.55 s per MB in Node.js on this project's benchmark machine (bench/search_ready.js);
the budget (1.8 MB per language: the plugin's `search_budget`) keeps that within 1 s even for a
10,000-event record, and
is what a reader on a phone downloads before a first result. A small record is left exactly as it is. Past
the budget, in this order:
1. pages that only repeat what the source pages say (actor and legal pages, timeline
   month pages, continuation pages) keep their page's entry (its title and introduction)
   and lose their sections, whose titles are the same few words on every such page
   ("Statements", "Events") and whose text is in the source pages: every word of the
   record stays findable on its source page. A continuation page (the rest of a long
   list: `actors/x--events-2/`) has no sections, only its title and the list, so it keeps
   only its title;
2. if that is not enough, every section's text is cut to its first N characters (N as
   large as the budget allows), at a word boundary, as plain text.
Runs before Material's offline plugin (-100) copies the index into search_index.js. Each language's
pages (English; Spanish under es/) make an index of their own in the reader's browser
(reader.py splits them), so each language is fitted to the budget on its own, and the
Spanish twins of the repeating pages (es/actors/x/...) are treated as the English ones.

Step 1 is also taken early, for speed: once the pages hold more than LARGE_SITE bytes of
HTML (far past what fits the budget), Material's search is shown only the introduction
of the repeating pages (only the title of a continuation page), instead of parsing
megabytes of HTML that would be dropped anyway (a fifth of `mkdocs build` at 10,000 events).
Every page is also shown to Material's search without the inline tags of the record's
HTML blocks (links, <strong>, <em> around plain text), which its parser drops anyway,
keeping their text: the same index, from a third as many tags to read.
"""

from __future__ import annotations

import bisect
import itertools
import json
import re
from json.encoder import encode_basestring  # what json.dumps writes a str as, with ensure_ascii=False
from pathlib import Path

from . import material, search_index
from .config import BUDGET
from .generator import english_path, is_continuation, is_timeline_part, path_of, record_of

LARGE_SITE_FACTOR = 6  # bytes of HTML in all pages, per byte of budget, past which step 1 is certain
REPEATING_KINDS = ("actor", "legal")  # record pages that repeat what the source pages say
TAGS = re.compile(r"<[^>]+>")
FIRST_SECTION = re.compile(r"<h[2-6][\s>]")
HEADING = re.compile(r"<h([1-6])\b[^>]*>.*?</h\1>", re.S)
CONTRIBUTOR_SOURCES = ("record_builder/schema.py",)  # edit_source of the format reference
LOW_RANK_BOOST = 0.001  # lunr document boost of a `search_rank: low` page (1 is the default): after every real match
# What ends the name of a reference file (000_34f8bc0dfe15a6cc.txt), a path in seeds/ or
# a YAML file: enough to find the block that carries it, and found by str.find, which is
# far quicker on a whole page than a regex.
INTERNAL_CLUES = (".txt", "seeds/", ".yaml", ".yml")
BLOCKS = ("tr", "li", "p")  # what carries an internal name out of the index, innermost first


def continuation(address: str) -> bool:
    """Whether the page at `address` continues a long list (`actors/x--events-2/`)."""
    return is_continuation(path_of(address))


def repeating(address: str) -> bool:
    """Whether the page at `address` (in any language) only repeats what the source pages say:
    an actor or legal page, a page of a long timeline, a continuation page."""
    path = english_path(path_of(address))
    page = record_of(path)
    return (page is not None and page[0] in REPEATING_KINDS) or is_timeline_part(path) or is_continuation(path)


def large_site(files, budget: int = BUDGET) -> bool:
    """Whether step 1 is taken early: measured after every page's HTML is made (on_env) and
    before any is indexed."""
    pages = [f.page for f in files.documentation_pages() if f.page is not None]
    return sum(len(page.content or "") for page in pages) > LARGE_SITE_FACTOR * budget


def readers_first(meta: dict) -> None:
    """The page's front matter (at on_page_markdown) says how Material's search treats it: a
    contributors' page is left out, a placeholder actor's page ranks low."""
    if meta.get("audience") == "contributors" or meta.get("edit_source") in CONTRIBUTOR_SOURCES:
        meta["audience"] = "contributors"
        meta["search"] = {**(meta.get("search") or {}), "exclude": True}
    elif meta.get("search_rank") == "low":
        meta["search"] = {"boost": LOW_RANK_BOOST, **(meta.get("search") or {})}


def mark_internal_names(html: str) -> str:
    """The blocks that carry an internal name marked for Material's search to skip (a step of the
    page's content, before anything indexes it)."""
    starts = {start for position in _internal_names(html)
              if (start := _enclosing_block(html, position)) is not None}
    if not starts:
        return html
    out, last = [], 0
    for start in sorted(starts):
        tag_end = html.index(">", start)
        out += [html[last:tag_end], ' data-search-exclude="true"']
        last = tag_end
    out.append(html[last:])
    return "".join(out)


def _internal_names(html: str):
    for clue in INTERNAL_CLUES:
        position = html.find(clue)
        while position >= 0:
            yield position
            position = html.find(clue, position + 1)


def _enclosing_block(html: str, position: int) -> int | None:
    """Where the innermost <tr>, <li> or <p> holding `position` opens (plain tags, as
    Python-Markdown writes them), or None. Found with str.rfind and str.find: a regex
    over whole pages cost a millisecond a page or more, seconds on a large record."""
    best = None
    for tag in BLOCKS:
        start = html.rfind(f"<{tag}>", 0, position)
        if start >= 0 and html.find(f"</{tag}>", start, position) < 0 and (best is None or start > best):
            best = start
    return best


def index_page(page, config, large: bool) -> None:
    """Index the page (at on_page_context, before Material's search does), with less HTML than
    Material would read, and mark it indexed so Material skips it: on a `large` site a repeating
    page's introduction and headings only, and every page without the inline tags of the record's
    HTML blocks (see inline_free)."""
    search = page.meta.get("search") or {}
    if search.get("exclude"):
        return
    index = material.search_indexer(config)
    if index is not None:
        index(_IndexedAs(page, lighter=large and repeating(page.url)))
        page.meta["search"] = {**search, "exclude": True}  # indexed just now: Material skips it


class _IndexedAs:
    """A page as the search index is shown it: without the inline tags it would drop, and
    with `lighter`, only its introduction (its title alone for a continuation page)."""

    def __init__(self, page, lighter: bool = False):
        self._page = page
        content = inline_free(page.content)
        self.content = introduction(content, continuation=continuation(page.url)) if lighter else content
        self.meta = page.meta

    def __getattr__(self, name):
        return getattr(self._page, name)


# The inline elements of the record's HTML blocks (_blocks.html.j2) as they are written there:
# a link with only its href, <strong> (with a statement's anchor id), <em>, each around plain
# text. Material's search parser drops these tags and keeps their text, so the index is the
# same without them (tests/test_search_budget_large.py compares both on the built site), and
# the parser has a third as many tags to read on a page of lists.
INLINE = re.compile(r'<a href="[^"<>]*">([^<]*)</a>|<strong(?: id="[^"<>]*")?>([^<]*)</strong>|<em>([^<]*)</em>')


def inline_free(html: str) -> str:
    return INLINE.sub(_text_of, html)


def _text_of(match: re.Match) -> str:
    return match.group(1) or match.group(2) or match.group(3) or ""


def introduction(html: str, continuation: bool = False) -> str:
    """A page's HTML up to its first section heading; only the title of a continuation page."""
    if continuation:
        title = HEADING.search(html)
        return title.group(0) if title else ""
    first = FIRST_SECTION.search(html)
    return html if first is None else html[:first.start()]


def fit_site_index(site: Path, budget: int) -> None:
    """Material's index of the built site fitted to `budget` for each language (after its search
    plugin has written it, before its offline plugin copies it)."""
    path = site / material.SEARCH_INDEX
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        fitted = fit_each_language(text, budget)
        if fitted is not text:
            path.write_text(fitted, encoding="utf-8")


def fit_each_language(text: str, budget: int) -> str:
    """The index with each language's documents fitted to `budget` on its own (the same
    object when every language already fits)."""
    if len(text.encode("utf-8")) <= budget:
        return text
    index = json.loads(text)
    by_language = search_index.by_language(index["docs"])
    if len(by_language) <= 1:
        return fit(text, budget)
    docs = []
    for lang_docs in by_language.values():
        part = search_index.dump({"config": index["config"], "docs": lang_docs})
        docs += json.loads(fit(part, budget))["docs"]
    return search_index.dump({**index, "docs": docs})


def fit(text: str, budget: int) -> str:
    """The index as JSON text within `budget` bytes (the same object when it already fits)."""
    if len(text.encode("utf-8")) <= budget:
        return text
    index = json.loads(text)
    index["docs"] = [doc for doc in index["docs"] if not (repeating(doc["location"]) and "#" in doc["location"])]
    for doc in index["docs"]:
        if continuation(doc["location"]):
            doc["text"] = ""
    dumped = search_index.dump(index)
    if len(dumped.encode("utf-8")) <= budget:
        return dumped
    # Cut every text to the largest length that fits. The size of a cut is counted text by
    # text with the function json.dumps itself uses (ensure_ascii=False), and only for the
    # texts longer than the cut: a shorter text keeps its size, summed once in advance.
    plain = [" ".join(TAGS.sub(" ", doc["text"]).split()) for doc in index["docs"]]
    for doc in index["docs"]:
        doc["text"] = ""
    frame = len(search_index.dump(index).encode("utf-8")) - 2 * len(plain)  # the index with every text ""
    by_length = sorted(plain, key=len)
    lengths = [len(text) for text in by_length]
    whole = list(itertools.accumulate((_json_size(text) for text in by_length), initial=0))

    def size(limit: int) -> int:
        short = bisect.bisect_right(lengths, limit)  # these texts are not cut
        return frame + whole[short] + sum(_json_size(_cut_text(text, limit)) for text in by_length[short:])

    low, high = 0, max((len(p) for p in plain), default=0)
    while low < high:  # the largest cut that fits
        middle = (low + high + 1) // 2
        if size(middle) <= budget:
            low = middle
        else:
            high = middle - 1
    for doc, text in zip(index["docs"], plain):
        doc["text"] = _cut_text(text, low)
    return search_index.dump(index)


def _json_size(text: str) -> int:
    return len(encode_basestring(text).encode("utf-8"))


def _cut_text(text: str, limit: int) -> str:
    if len(text) > limit:
        return text[:limit].rsplit(" ", 1)[0] + " …"
    return text
