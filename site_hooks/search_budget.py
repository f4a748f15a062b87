"""MkDocs hook: keep the search index within a budget, so search starts fast at any size.

Material's search builds its index in the reader's browser from search/search_index.json,
at about 0.4 s per MB on this project's benchmark machine; the budget (4 MB) keeps that
near 2 s even for a 10,000-event record. A small record is left exactly as it is. Past
the budget, in this order:
1. sections of pages that only repeat what the source pages say (actor and legal pages,
   timeline month pages, continuation pages) keep their titles but lose their text:
   every word of the record stays findable on its source page;
2. if that is not enough, every section's text is cut to its first N characters (N as
   large as the budget allows), at a word boundary, as plain text.
Runs before the offline plugin (-100) copies the index into search_index.js.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

BUDGET = 4_000_000  # bytes of search_index.json
REPEATING = re.compile(r"^(actors/(?!index)|legal/(?!index)|timeline-|[^#]*--)")
TAGS = re.compile(r"<[^>]+>")


def on_post_build(config):
    path = Path(config.site_dir) / "search" / "search_index.json"
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        fitted = fit(text, BUDGET)
        if fitted is not text:
            path.write_text(fitted, encoding="utf-8")


def _dump(index: dict) -> str:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def fit(text: str, budget: int) -> str:
    """The index as JSON text within `budget` bytes (the same object when it already fits)."""
    if len(text.encode("utf-8")) <= budget:
        return text
    index = json.loads(text)
    for doc in index["docs"]:
        if REPEATING.match(doc["location"]) and "#" in doc["location"]:
            doc["text"] = ""
    dumped = _dump(index)
    if len(dumped.encode("utf-8")) <= budget:
        return dumped
    plain = [TAGS.sub(" ", doc["text"]) for doc in index["docs"]]
    low, high = 0, max((len(p) for p in plain), default=0)
    while low < high:  # the largest cut that fits
        middle = (low + high + 1) // 2
        if len(_dump(_cut(index, plain, middle)).encode("utf-8")) <= budget:
            low = middle
        else:
            high = middle - 1
    return _dump(_cut(index, plain, low))


def _cut(index: dict, plain: list, limit: int) -> dict:
    docs = []
    for doc, text in zip(index["docs"], plain):
        text = " ".join(text.split())
        if len(text) > limit:
            text = text[:limit].rsplit(" ", 1)[0] + " …"
        docs.append({**doc, "text": text})
    return {**index, "docs": docs}
