"""The search index budget: untouched when small; past it, repeated sections go first, then text is cut."""

from __future__ import annotations

import json

from record_site import search_budget


def _index(docs):
    return json.dumps({"config": {"lang": ["en"]}, "docs": docs}, ensure_ascii=False)


DOCS = [
    {"location": "", "title": "Home", "text": "<p>Welcome</p>"},
    {"location": "sources/a/#summary", "title": "Summary", "text": "<p>" + "Padrino López said a thing. " * 40 + "</p>"},
    {"location": "actors/b/#statements", "title": "Statements", "text": "<p>" + "repeated words here " * 40 + "</p>"},
    {"location": "timeline-2025-09/#e1", "title": "An event", "text": "<p>" + "event text " * 40 + "</p>"},
    {"location": "actors/", "title": "Actors", "text": "<p>list</p>"},
    {"location": "actors/b--statements-2/", "title": "B: statements 101–200", "text": "<p>" + "more " * 40 + "</p>"},
    {"location": "actors/b/", "title": "B", "text": "<p>Person · Venezuela</p>"},
]


def test_a_small_index_is_left_exactly_as_it_is():
    text = _index(DOCS)
    assert search_budget.fit(text, len(text.encode())) is text


def test_repeating_pages_lose_their_sections_first():
    text = _index(DOCS)
    fitted = json.loads(search_budget.fit(text, len(text.encode()) - 500))
    by_location = {d["location"]: d for d in fitted["docs"]}
    assert "actors/b/#statements" not in by_location and "timeline-2025-09/#e1" not in by_location
    assert "Padrino López" in by_location["sources/a/#summary"]["text"]  # source text kept whole
    assert by_location["actors/"]["text"] == "<p>list</p>"
    assert by_location["actors/b--statements-2/"]["text"] == ""  # a continuation page: its title only
    assert by_location["actors/b/"]["text"] == "<p>Person · Venezuela</p>"  # an actor's introduction stays


def test_then_every_text_is_cut_to_fit():
    text = _index(DOCS)
    fitted = search_budget.fit(text, 700)
    assert len(fitted.encode()) <= 700
    source = next(d for d in json.loads(fitted)["docs"] if d["location"] == "sources/a/#summary")
    assert source["text"].startswith("Padrino López said a thing.") and source["text"].endswith(" …")
    assert "<" not in source["text"]
