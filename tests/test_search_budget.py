"""The search budget: a head left as it is when small; past it, the texts results show are cut (the
repeating pages' sections first, then every text), never a document."""

from __future__ import annotations

from record_site import search_budget, search_index

CONFIG = {"lang": ["en"]}
DOCS = [
    {"location": "", "title": "Home", "text": "<p>Welcome</p>"},
    {"location": "sources/a/#summary", "title": "Summary", "text": "<p>" + "Padrino López said a thing. " * 40 + "</p>"},
    {"location": "actors/b/#statements", "title": "Statements", "text": "<p>" + "repeated words here " * 40 + "</p>"},
    {"location": "timeline-2025-09/#e1", "title": "An event", "text": "<p>" + "event text " * 40 + "</p>"},
    {"location": "actors/", "title": "Actors", "text": "<p>list</p>"},
    {"location": "actors/b--statements-2/", "title": "B: statements 101–200", "text": "<p>" + "more " * 40 + "</p>"},
    {"location": "actors/b/", "title": "B", "text": "<p>Person · Venezuela</p>"},
]


def head(docs):
    return search_index.dump({"config": CONFIG, "docs": search_index.compact(docs)})


def size(docs):
    return len(head(docs).encode())


def test_a_small_head_is_left_exactly_as_it_is():
    assert search_budget.display(DOCS, size(DOCS), head) is DOCS
    assert search_budget.display(DOCS, 0, head) is DOCS  # no budget


def test_repeating_pages_show_no_text_first():
    shown = search_budget.display(DOCS, size(DOCS) - 500, head)
    assert [d["location"] for d in shown] == [d["location"] for d in DOCS]  # every document kept
    by_location = {d["location"]: d for d in shown}
    assert by_location["actors/b/#statements"]["text"] == "" and by_location["timeline-2025-09/#e1"]["text"] == ""
    assert "Padrino López" in by_location["sources/a/#summary"]["text"]  # source text kept whole
    assert by_location["actors/"]["text"] == "<p>list</p>"
    assert by_location["actors/b--statements-2/"]["text"] == ""  # a continuation page: its title only
    assert by_location["actors/b/"]["text"] == "<p>Person · Venezuela</p>"  # an actor's introduction stays
    assert DOCS[2]["text"]  # the documents given are not changed


def test_then_every_text_is_cut_to_fit():
    shown = search_budget.display(DOCS, 700, head)
    assert size(shown) <= 700 and len(shown) == len(DOCS)
    source = next(d for d in shown if d["location"] == "sources/a/#summary")
    assert source["text"].startswith("Padrino López said a thing.") and source["text"].endswith(" …")
    assert "<" not in source["text"]
