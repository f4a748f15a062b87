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

Nothing dropped (issue 25): every section of every page is a document of the search, and
every word of its text is in the index, which the build prepares (search_pieces.py) and the
reader's browser loads a piece at a time as queries need it. What the budget (the plugin's
`search_budget`, bytes per language) still bounds is the head a reader downloads when search
is first used: every document's location and title, and the text its result shows under
them. A small record is left exactly as it is: Material's worker builds its index from the
documents in the reader's browser, in a few milliseconds. Past the budget, the index is
prebuilt (reader.py), and the shown texts (never the words the index holds, never a
document) are cut, in this order:
1. the sections of pages that only repeat what the source pages say (actor and legal pages,
   timeline month pages) show no text, only their title under their page's (a search still
   finds them by every word of their text); a continuation page (the rest of a long list:
   `actors/x--events-2/`) shows only its title;
2. if that is not enough, every text is cut to its first N characters (N as large as the
   budget allows), at a word boundary, as plain text.
Each language's pages (English; Spanish under es/) make a head of their own (reader.py
splits them), so each language is fitted to the budget on its own, and the Spanish twins of
the repeating pages (es/actors/x/...) are treated as the English ones.

Every page is shown to Material's search without the inline tags of the record's HTML blocks
(links, <strong>, <em> around plain text), which its parser drops anyway, keeping their text:
the same index, from a third as many tags to read.
"""

from __future__ import annotations

import bisect
import itertools
import re
from json.encoder import encode_basestring  # what json.dumps writes a str as, with ensure_ascii=False

from . import material
from .generator import english_path, is_continuation, is_timeline_part, path_of, record_of

REPEATING_KINDS = ("actor", "legal")  # record pages that repeat what the source pages say
TAGS = re.compile(r"<[^>]+>")
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


def index_page(page, config) -> None:
    """Index the page (at on_page_context, before Material's search does) without the inline tags
    of the record's HTML blocks (see inline_free), and mark it indexed so Material skips it."""
    search = page.meta.get("search") or {}
    if search.get("exclude"):
        return
    index = material.search_indexer(config)
    if index is not None:
        index(_IndexedAs(page))
        page.meta["search"] = {**search, "exclude": True}  # indexed just now: Material skips it


class _IndexedAs:
    """A page as the search index is shown it: without the inline tags it would drop."""

    def __init__(self, page):
        self._page = page
        self.content = inline_free(page.content)
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


def display(docs: list[dict], budget: int, dump) -> list[dict]:
    """The documents with the texts their results show fitted so that `dump(docs)` (the head a
    reader downloads) takes at most `budget` bytes: the same list when it already fits (or
    `budget` is 0), else copies, none left out, in the order of the module's docstring."""
    if not budget or _size(dump(docs)) <= budget:
        return docs
    docs = [dict(doc) for doc in docs]
    for doc in docs:
        location = doc["location"]
        if continuation(location) or (repeating(location) and "#" in location):
            doc["text"] = ""
    if _size(dump(docs)) <= budget:
        return docs
    # Cut every text to the largest length that fits. The size of a cut is counted text by
    # text with the function json.dumps itself uses (ensure_ascii=False), and only for the
    # texts longer than the cut: a shorter text keeps its size, summed once in advance.
    plain = [" ".join(TAGS.sub(" ", doc["text"]).split()) for doc in docs]
    for doc in docs:
        doc["text"] = ""
    frame = _size(dump(docs)) - 2 * len(plain)  # the head with every text ""
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
    for doc, text in zip(docs, plain):
        doc["text"] = _cut_text(text, low)
    return docs


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _json_size(text: str) -> int:
    return len(encode_basestring(text).encode("utf-8"))


def _cut_text(text: str, limit: int) -> str:
    if limit == 0:
        return ""
    if len(text) > limit:
        return text[:limit].rsplit(" ", 1)[0] + " …"
    return text
