"""The search index as the plugin writes it (reader.py, search_budget.py, search_pieces.py): compact
JSON, its documents grouped by the language of their page, and the prebuilt index's head, whose
documents are lists (`compact`, read back by `documents` here and by assets/search-pieces.js)."""

from __future__ import annotations

import json

from .languages import language_of


def dump(index: dict) -> str:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def by_language(docs: list) -> dict:
    """language -> the documents of its pages, in the index's order."""
    found: dict = {}
    for doc in docs:
        found.setdefault(language_of(doc["location"]), []).append(doc)
    return found


def compact(docs: list[dict]) -> list[list]:
    """The documents as the prebuilt index's head carries them: each [location, title, text], and its
    boost when it has one; a location on the same page as the document before it written [#anchor]."""
    out: list[list] = []
    page = None
    for doc in docs:
        location = doc["location"]
        path, hash_, anchor = location.partition("#")
        one: list = [[hash_ + anchor] if hash_ and path == page else location, doc.get("title", ""), doc.get("text", "")]
        if "boost" in doc:
            one.append(doc["boost"])
        out.append(one)
        page = path
    return out


def documents(index: dict) -> list[dict]:
    """The index's documents as Material writes them ({location, title, text}), from either form."""
    found, page = [], ""
    for doc in index.get("docs", []):
        if isinstance(doc, dict):
            found.append(doc)
            continue
        location = doc[0] if isinstance(doc[0], str) else page + doc[0][0]
        page = location.partition("#")[0]
        one = {"location": location, "title": doc[1], "text": doc[2]}
        if len(doc) > 3:
            one["boost"] = doc[3]
        found.append(one)
    return found
