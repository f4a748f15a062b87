"""The search index prebuilt at build time, in pieces a query loads as it needs them.

Why: Material's search worker builds its lunr index in the reader's browser from every
document's text, at about 0.55 s per MB. A record of 10,000 events has 45 MB of text per
language, so either search waits half a minute or (as the budget did until issue 25) most
sections are dropped from it. Here the build does lunr's indexing work instead, in Python,
and the worker (assets/search-pieces.js, through material.py) loads only what a query needs:

- the head (search/search_index.full.json, es/search/... for Spanish; `.js` in the offline
  copy): the configuration and every document (location, title, and its text for the result
  snippet, cut to the budget on a large record by search_budget.display: never a document
  dropped), plus the first term of each piece. Material's worker gets these documents at
  start-up as always, but no longer tokenises them: ready in a tenth of a second.
- the pieces (search/pieces/N.json, .js offline): lunr's inverted index for a range of terms
  (in lunr's own sort order), each term with its lunr term number and, per field, the
  documents that hold it and how often (term frequency). A query loads the pieces holding its
  terms (a word typed is a prefix: "padr" loads the piece or two holding padr...); the
  worker turns them into lunr's postings and field vectors with lunr's own scoring formula
  (BM25 with Material's b = 0), so scores and the order of results are lunr's.

What the build must reproduce exactly, and does (tests/test_search_pieces.py compares it
with the index Material's worker builds itself, in Node.js, for both languages):
Material's tokenizer (its HTML extract and `split` over the configured separator, lower
case), search-fold.js's accent folding, lunr's pipeline as Material configures it (the stop
word filter of the index's language; no stemmer, no trimmer), and lunr's term numbering
(the order terms first appear, document by document, field by field). Word positions, which
Material's highlighting needs, are not stored: the worker works them out for the documents a
query returns, by tokenising their text as Material would have.
"""

from __future__ import annotations

import json
import re
import unicodedata

from . import ASSETS

PIECE_BYTES = 48_000  # about this much JSON a piece: one or two requests for most words
STOP_WORDS = ASSETS / "stop-words.json"  # lunr's (en) and lunr-languages' (es) lists, as the worker has them
PIPELINE_SUPPORTED = {"stopWordFilter"}  # of Material's `pipeline` setting, what the prebuilt index reproduces
# JavaScript's \s (ECMAScript WhiteSpace and LineTerminator), which Python's \s does not match exactly.
JS_SPACE = "\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
MARKS = re.compile("[\u0300-\u036f]")  # what search-fold.js removes after NFD
TAG_EDGES = re.compile("[<>]")


class Unsupported(ValueError):
    """The search configuration asks for something the prebuilt index does not reproduce."""


def stop_words(lang: str) -> frozenset[str]:
    lists = json.loads(STOP_WORDS.read_text(encoding="utf-8"))
    if lang not in lists:
        raise Unsupported(f"no stop words for the search language {lang!r} (only {', '.join(lists)})")
    return frozenset(lists[lang])


def python_separator(separator: str) -> re.Pattern:
    """The configured separator (a JavaScript regular expression) as Python reads it."""
    return re.compile(separator.replace("\\s", JS_SPACE))


def texts(value: str) -> list[str]:
    """The text segments Material's `extract` gives its tokenizer: what lies outside tags."""
    found, start = [], 0
    for edge in TAG_EDGES.finditer(value):
        end = edge.start()
        if value[end] == "<":
            if end > start:
                found.append(value[start:end])
                start = end
        else:
            start = end + 1
    if len(value) > start:
        found.append(value[start:])
    return found


def fold(word: str) -> str:
    return MARKS.sub("", unicodedata.normalize("NFD", word))


class Tokenizer:
    """Material's tokenizer, search-fold.js and the stop word filter: a field's value -> its terms."""

    def __init__(self, config: dict):
        lang = list(config.get("lang") or ["en"])
        if len(lang) != 1:
            raise Unsupported(f"one search language per index, got {lang}")
        unsupported = set(config.get("pipeline") or []) - PIPELINE_SUPPORTED
        if unsupported:
            raise Unsupported(f"the search pipeline's {sorted(unsupported)} (only {sorted(PIPELINE_SUPPORTED)})")
        self.separator = python_separator(config.get("separator") or "[\\s\\-]+")
        self.stop = stop_words(lang[0]) if "stopWordFilter" in (config.get("pipeline") or []) else frozenset()
        self._terms: dict[str, str | None] = {}

    def terms(self, value) -> list[str]:
        if value is None:
            return []
        values = value if isinstance(value, list) else [value]
        found: list[str] = []
        known = self._terms
        for one in values:
            for segment in texts(str(one)):
                for word in self.separator.split(segment):
                    if not word:
                        continue
                    term = known.get(word, "")
                    if term == "":
                        folded = fold(word.lower())
                        term = known[word] = None if folded in self.stop else folded
                    if term is not None:
                        found.append(term)
        return found


def js_order(term: str) -> bytes:
    """How JavaScript compares strings (UTF-16 code units): lunr's TokenSet needs its terms so sorted."""
    return term.encode("utf-16-be", "surrogatepass")


def build(docs: list[dict], config: dict) -> tuple[list[str], list[dict]]:
    """(the first term of each piece, the pieces) of lunr's index of `docs`, as Material's worker
    would build it. A piece maps each of its terms to [term number, postings of each field], a
    field's postings a flat list [document number (from the previous one), term frequency, ...]."""
    tokenizer = Tokenizer(config)
    fields = list(config["fields"])
    numbers: dict[str, int] = {}  # term -> lunr's _index: the order of first appearance
    postings: dict[str, list[dict[int, int]]] = {}
    for number, doc in enumerate(docs):
        for f, field in enumerate(fields):
            counts: dict[str, int] = {}
            for term in tokenizer.terms(doc.get(field)):
                counts[term] = counts.get(term, 0) + 1
                if term not in numbers:
                    numbers[term] = len(numbers)
                    postings[term] = [{} for _ in fields]
            for term, count in counts.items():
                postings[term][f][number] = count
    firsts: list[str] = []
    pieces: list[dict] = []
    size = PIECE_BYTES
    for term in sorted(numbers, key=js_order):
        flats = [_flat(field_postings) for field_postings in postings[term]]
        weight = len(term) + sum(len(flat) for flat in flats) * 3  # about 3 bytes a number
        encoded: list = [numbers[term], *flats]
        if size + weight > PIECE_BYTES and (not pieces or pieces[-1]):
            firsts.append(term)
            pieces.append({})
            size = 0
        pieces[-1][term] = encoded
        size += weight
    return firsts, pieces


def _flat(field_postings: dict[int, int]) -> list[int]:
    flat, last = [], 0
    for number in sorted(field_postings):
        flat += [number - last, field_postings[number]]
        last = number
    return flat

