"""The search index as the plugin writes it (reader.py, search_budget.py): compact JSON, and its
documents grouped by the language of their page."""

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
