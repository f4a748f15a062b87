"""The prebuilt search index (search_pieces.py, search-pieces.js) answers as Material's worker does
when it builds lunr's index itself, and keeps every section's words findable past the budget."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import pytest

from record_site import material, reader, search_budget, search_index, search_pieces

NODE = shutil.which("node")
SEARCH_RESULTS = Path(__file__).with_name("search_results.js")
CONFIG = {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"],
          "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}}}

DOCS = [
    {"location": "", "title": "The 2025 US–Venezuela crisis: a sourced record",
     "text": "<p>This site records what a small set of sources said about the crisis.</p>"},
    {"location": "#where", "title": "Where to start", "text": "<p>The timeline, then the actors: a < b and c > d<x.</p>"},
    {"location": "sources/a/", "title": "Padrino López rejects the strike",
     "text": "<p>Vladimir Padrino López said the <em>vessel</em> was not a threat.</p>"},
    {"location": "sources/a/#summary", "title": "Summary",
     "text": "<p>Padrino López, Venezuela's defence minister, said the strike near Güiria killed 11 people;"
             " Trinidad and Tobago's prime minister welcomed it. 11 people.</p><ul><li>one</li><li>two-three"
             " Padrino</li></ul>"},
    {"location": "sources/b/", "title": "Nicolás Maduro warns of naval exercise", "boost": 0.001,
     "text": "<p>Maduro &amp; the navy: ataques, ataque, muertos, muerte. 𝒜 non-BMP letter.</p>"},
    {"location": "actors/vladimir-padrino-lopez/", "title": "Vladimir Padrino López",
     "text": "<p><em>Person</em> · Venezuela</p>"},
    {"location": "actors/vladimir-padrino-lopez/#statements", "title": "Statements",
     "text": "<ul><li>3 February 2025, denial: Padrino said it was a lie.</li></ul>"},
    {"location": "timeline-2025-09/#e1", "title": "US strike on a vessel near Trinidad",
     "text": "<p>The United States struck a vessel; Trinidad's government said nothing.</p>"},
    {"location": "about/", "title": "La crisis", "text": "<p>Qué pasó: los ataques y las muertes.</p>"},
    {"location": "legal/x--points-y-3/", "title": "Who is responsible: what is disputed, 3", "text": ""},
]
QUERIES = ["Padrino", "padr", "Lopez", "López", "Trinidad Tobago", "+Padrino -strike", "title:Padrino",
           "Padrino~1", "*adrino", "vessel", "the", "ataques", "muertos", "Güiria", "Guiria", "11", "x", "",
           "Nicolás", "𝒜", "two", "lie", "venezuela's", "a b c", "-Padrino"]


def worker_site(site: Path) -> Path:
    """A site folder with Material's search worker and lunr's language files, as the plugin installs them."""
    scripts = resources.files("material") / "templates" / material.SCRIPTS
    workers = site / material.WORKERS
    workers.mkdir(parents=True)
    for worker in Path(str(scripts / "workers")).glob(material.WORKER_PATTERN):
        shutil.copyfile(worker, workers / worker.name)
    shutil.copytree(Path(str(scripts / "lunr")), site / material.LUNR)
    material.install_search_scripts(site)
    return next(workers.glob(material.WORKER_PATTERN))


def answers(worker: Path, index: Path, queries: list[str], tmp: Path) -> list:
    asked = tmp / "queries.json"
    asked.write_text(json.dumps(queries), encoding="utf-8")
    out = subprocess.run([NODE, str(SEARCH_RESULTS), str(worker), str(index), str(asked)],
                         capture_output=True, text=True, check=True, timeout=120)
    return json.loads(out.stdout)


def prebuilt(site: Path, docs: list[dict], config: dict, budget: int = 1, monkeypatch=None) -> Path:
    """The site's index as the plugin writes it from Material's past the budget: the head, with its
    pieces beside it (a Spanish page's documents under es/, in their own). With `monkeypatch`, the
    head keeps every text whole."""
    if monkeypatch is not None:
        monkeypatch.setattr(search_budget, "display", lambda docs, budget, dump: docs)
    (site / "search").mkdir(parents=True, exist_ok=True)
    (site / material.SEARCH_INDEX).write_text(search_index.dump({"config": config, "docs": docs}), encoding="utf-8")
    reader._split_search_index(site, offline=False, budget=budget)
    return site / ("es/" if docs[0]["location"].startswith("es/") else "") / f"{reader.FULL_INDEX}.json"


def material_index(tmp: Path, docs: list[dict], config: dict) -> Path:
    path = tmp / "material_index.json"
    path.write_text(search_index.dump({"config": config, "docs": docs}), encoding="utf-8")
    return path


@pytest.mark.skipif(NODE is None, reason="Node.js runs Material's search worker")
@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_prebuilt_index_answers_every_query_as_material_builds_it(tmp_path, lang, monkeypatch):
    """Results, scores, their order, highlighting and suggestions: the same, in both languages."""
    config = {**CONFIG, "lang": [lang]}
    docs = DOCS if lang == "en" else [{**doc, "location": "es/" + doc["location"]} for doc in DOCS]
    worker = worker_site(tmp_path / "site")
    head = prebuilt(tmp_path / "site", docs, config, monkeypatch=monkeypatch)
    assert json.loads(head.read_text(encoding="utf-8"))["pieces"]["firsts"]
    built = answers(worker, material_index(tmp_path, docs, config), QUERIES, tmp_path)
    loaded = answers(worker, head, QUERIES, tmp_path)
    for query, one, other in zip(QUERIES, built, loaded):
        assert other == one, query
    assert sum(len(group) for group in built[0]["items"]) >= 4  # "Padrino" finds its sections


@pytest.mark.skipif(NODE is None, reason="Node.js runs Material's search worker")
def test_a_large_record_keeps_every_section_findable_past_the_budget(tmp_path):
    """Many sections, a small budget: every section is a result for a word only its text holds, and
    a result for the word every section holds."""
    rng = random.Random(1)
    words = ["strike", "vessel", "minister", "said", "coast", "guard", "boat", "sanctions"]
    docs, unique, where = [], [], {}
    for page in range(60):
        kind = ("actors", "legal", "timeline-2025", "sources")[page % 4]
        docs.append({"location": f"{kind}/p{page}/", "title": f"Page {page}", "text": "<p>An introduction.</p>"})
        for section in range(5):
            word = f"zq{page}x{section}"
            unique.append(word)
            where[word] = f"{kind}/p{page}/#s{section}"
            filler = " ".join(rng.choice(words) for _ in range(40))
            docs.append({"location": f"{kind}/p{page}/#s{section}", "title": "Statements",
                         "text": f"<ul><li>{filler} {word} Padrino</li></ul>"})
    budget = len(search_index.dump({"config": CONFIG, "docs": search_index.compact(docs)})) // 3
    worker = worker_site(tmp_path / "site")
    head = prebuilt(tmp_path / "site", docs, CONFIG, budget=budget)
    assert len(head.read_bytes()) <= budget
    shown = json.loads(head.read_text(encoding="utf-8"))
    assert len(shown["docs"]) == len(docs)  # none dropped
    queries = ["Padrino", *unique]
    found = answers(worker, head, queries, tmp_path)
    sections = {item["location"] for group in found[0]["items"] for item in group}
    assert sections >= {doc["location"] for doc in docs if "#" in doc["location"]}
    for word, result in zip(unique, found[1:]):
        found_in = [item["location"] for group in result["items"] for item in group if item["score"]]
        assert found_in == [where[word]], word  # (each group also shows its page, scored 0)


def test_a_small_record_is_left_to_materials_worker(tmp_path):
    head = prebuilt(tmp_path / "site", DOCS, CONFIG, budget=10**6)
    assert json.loads(head.read_text(encoding="utf-8")) == {"config": CONFIG, "docs": DOCS}
    assert not (tmp_path / "site/search/pieces").exists()


def test_the_tokenizer_reads_as_materials_worker_does():
    tokenizer = search_pieces.Tokenizer(CONFIG)
    assert tokenizer.terms("<p>Padrino López, the Minister</p><li>two-three a\u00a0b</li>") == [
        "padrino", "lopez,", "minister", "two", "three", "b"]  # "the", "a": stop words
    assert tokenizer.terms("a < b and c > d<x") == ["d", "<x"]  # Material's extract: "< b and c >" is a tag
    spanish = search_pieces.Tokenizer({**CONFIG, "lang": ["es"]})
    assert spanish.terms("los ataques de la Guardia") == ["ataques", "guardia"]


def test_every_word_of_every_section_is_in_a_piece():
    firsts, pieces = search_pieces.build(DOCS, CONFIG)
    assert firsts == sorted(firsts, key=search_pieces.js_order) and len(firsts) == len(pieces)
    terms = {term for piece in pieces for term in piece}
    tokenizer = search_pieces.Tokenizer(CONFIG)
    for doc in DOCS:
        assert set(tokenizer.terms(doc["text"])) <= terms
    numbers = sorted(data[0] for piece in pieces for data in piece.values())
    assert numbers == list(range(len(terms)))  # lunr's term numbers, each once


STOP_WORDS = re.compile(r'stopWordFilter=\w+\.generateStopWordFilter\((\[[^\]]*\])\)')
SPANISH_STOP_WORDS = re.compile(r'generateStopWordFilter\("([^"]*)"\.split\(" "\)\)')


def test_the_stop_words_are_lunrs():
    scripts = resources.files("material") / "templates" / material.SCRIPTS
    worker = next(Path(str(scripts / "workers")).glob(material.WORKER_PATTERN)).read_text(encoding="utf-8")
    spanish = Path(str(scripts / "lunr" / "min" / "lunr.es.min.js")).read_text(encoding="utf-8")
    english = json.loads(STOP_WORDS.search(worker).group(1))
    assert search_pieces.stop_words("en") == frozenset(english)
    assert search_pieces.stop_words("es") == frozenset(SPANISH_STOP_WORDS.search(spanish).group(1).split(" "))


def test_the_shown_texts_are_cut_never_the_documents():
    def head(docs):
        return search_index.dump({"config": CONFIG, "docs": search_index.compact(docs)})

    assert search_budget.display(DOCS, len(head(DOCS).encode()), head) is DOCS
    cut = search_budget.display(DOCS, len(head(DOCS).encode()) - 100, head)
    assert [doc["location"] for doc in cut] == [doc["location"] for doc in DOCS]
    by = {doc["location"]: doc for doc in cut}
    assert by["actors/vladimir-padrino-lopez/#statements"]["text"] == ""  # a repeating page's section
    assert "Güiria" in by["sources/a/#summary"]["text"]  # a source's text kept while the budget allows
