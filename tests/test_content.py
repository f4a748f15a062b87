"""Content integrity of seeds/: quotes, spellings, attribution, references, series.

These tests read the YAML files directly with yaml.safe_load and the shared source
texts (shared/seeds/ beside the repository). They do not import record_builder, so
they guard the content whatever shape the generator takes.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "seeds"

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/{}.schema.json"
SCHEMA_NAMES = {"sources": "source", "actors": "actor", "legal": "legal"}

LEGAL_IDS = [
    "cartel-de-los-soles-fto-designation",
    "extrajudicial-killing-claims",
    "unodc-maritime-crime-mandate",
    "use-of-force-and-sovereignty",
    "order-to-kill-all-crew",
    "venezuelan-airspace-closure",
]

# Labels that take a side: allowed only inside `quote` fields and in a source's
# published headline (`title`, and the `origin.heading` copied exactly from the text).
LOADED = re.compile(
    r"(?<![\w-])(narco-terrorists?|narco-terror|regimes?|embattled|stunned)(?![\w-])",
    re.IGNORECASE,
)
MARKUP = re.compile(r"<|&#?[a-zA-Z0-9]+;")
QUOTE_MARKS = "\"'“”‘’«»"
DEATH_TOLL = "people-killed-in-boat-strikes"


def _load_folder(name: str) -> dict[str, dict]:
    out = {}
    for path in sorted((SEEDS / name).glob("*.yaml")):
        out[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return out


@lru_cache(maxsize=None)
def _all() -> dict[str, dict[str, dict]]:
    return {name: _load_folder(name) for name in SCHEMA_NAMES}


def sources() -> dict[str, dict]:
    return _all()["sources"]


def actors() -> dict[str, dict]:
    return _all()["actors"]


def legal() -> dict[str, dict]:
    return _all()["legal"]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=None)
def _shared_text(file_name: str) -> str:
    return _norm((SHARED / file_name).read_text(encoding="utf-8"))


def _need_shared():
    if not SHARED.is_dir():
        pytest.skip(f"shared source texts not found at {SHARED}")


def _items(source: dict, key: str) -> list[dict]:
    return source.get(key) or []


def _used_actors(source: dict) -> set[str]:
    used: set[str] = set()
    for event in _items(source, "events"):
        used.update(event.get("actors") or [])
        used.update(event.get("according_to") or [])
    for st in _items(source, "statements"):
        used.update(a for a in (st.get("by"), st.get("via")) if a)
        used.update(st.get("about") or [])
    for fig in _items(source, "figures"):
        used.update(a for a in (fig.get("reported_by"), fig.get("via")) if a)
    for point in _items(source, "legal_points"):
        used.update(point.get("by") or [])
        if point.get("quote_by"):
            used.add(point["quote_by"])
    return used


def _strings(value, path=""):
    """Every string in a loaded YAML value, with its dotted path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _strings(inner, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _strings(inner, f"{path}[{index}]")


def _quotes():
    for sid, source in sources().items():
        for key in ("statements", "legal_points"):
            for index, item in enumerate(_items(source, key)):
                if item.get("quote"):
                    yield sid, f"{key}[{index}]", item["quote"]


def _event_ids() -> set[str]:
    return {e["event"] for s in sources().values() for e in _items(s, "events")}


# --- files and ids ---------------------------------------------------------------


def test_there_is_content():
    assert len(sources()) == 6
    assert actors() and legal()


@pytest.mark.parametrize("folder", sorted(SCHEMA_NAMES))
def test_ids_match_file_names_and_schema_line(folder):
    for path in sorted((SEEDS / folder).glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == SCHEMA_LINE.format(SCHEMA_NAMES[folder]), f"{path.name}: first line is {first!r}"
        data = _all()[folder][path.stem]
        assert data["id"] == path.stem, f"{path.name}: id {data['id']!r} differs from the file name"
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", data["id"])


def test_legal_questions_are_the_six_in_order():
    assert sorted(legal()) == sorted(LEGAL_IDS)
    assert [legal()[i]["order"] for i in LEGAL_IDS] == [1, 2, 3, 4, 5, 6]


# --- quotes and spellings against the shared texts --------------------------------


def test_every_quote_is_verbatim_in_its_source_text():
    _need_shared()
    missing = []
    for sid, where, quote in _quotes():
        file_name = sources()[sid]["origin"]["file"]
        if _norm(quote) not in _shared_text(file_name):
            missing.append(f"{sid} {where}: {quote!r}")
    assert not missing, "quotes not found verbatim in the source text:\n" + "\n".join(missing)


def test_quotes_carry_no_surrounding_quotation_marks():
    bad = [f"{sid} {where}: {q!r}" for sid, where, q in _quotes()
           if q.strip()[0] in QUOTE_MARKS or q.strip()[-1] in QUOTE_MARKS]
    assert not bad, "\n".join(bad)


def test_every_named_as_spelling_is_verbatim_in_its_source_text():
    _need_shared()
    missing = []
    for sid, source in sources().items():
        text = _shared_text(source["origin"]["file"])
        for role in source["actors"]:
            for name in role.get("named_as") or []:
                if _norm(name) not in text:
                    missing.append(f"{sid}: {role['actor']} named_as {name!r}")
    assert not missing, "\n".join(missing)


def test_every_alias_is_a_spelling_found_in_the_sources():
    """Aliases feed search; search folds accents itself, so no invented unaccented variants."""
    _need_shared()
    texts = " ".join(_shared_text(path.name) for path in sorted(SHARED.glob("*.txt")))
    missing = [f"{aid}: {alias!r}" for aid, actor in actors().items()
               for alias in actor.get("aliases") or [] if _norm(alias) not in texts]
    assert not missing, "\n".join(missing)


def test_origin_headings_are_verbatim():
    _need_shared()
    for sid, source in sources().items():
        heading = source["origin"].get("heading")
        if heading:
            assert _norm(heading) in _shared_text(source["origin"]["file"]), sid


def test_titles_that_are_headlines_are_verbatim():
    _need_shared()
    for sid, source in sources().items():
        if not source.get("title_is_ours"):
            assert _norm(source["title"]) in _shared_text(source["origin"]["file"]), sid


# --- neutral voice and plain text ------------------------------------------------


def _exempt(folder: str, path: str) -> bool:
    last = re.sub(r"\[\d+\]", "", path).split(".")[-1]
    if last == "quote":
        return True
    return folder == "sources" and path in ("title", "origin.heading")


@pytest.mark.parametrize("folder", sorted(SCHEMA_NAMES))
def test_loaded_labels_only_in_quotes_and_headlines(folder):
    found = []
    for fid, data in _all()[folder].items():
        for path, text in _strings(data):
            if _exempt(folder, path):
                continue
            match = LOADED.search(text)
            if match:
                found.append(f"{folder}/{fid}.yaml {path}: {match.group(0)!r}")
    assert not found, "loaded labels outside quotes:\n" + "\n".join(found)


@pytest.mark.parametrize("folder", sorted(SCHEMA_NAMES))
def test_no_markup_in_text(folder):
    found = [f"{folder}/{fid}.yaml {path}" for fid, data in _all()[folder].items()
             for path, text in _strings(data) if MARKUP.search(text)]
    assert not found, "\n".join(found)


def test_no_invented_addresses():
    for sid, source in sources().items():
        assert source["url"] is None, f"{sid}: the supplied texts carry no address"
        assert source.get("url_note"), sid


# --- references ------------------------------------------------------------------


def test_every_actor_used_is_listed_in_the_source():
    problems = []
    for sid, source in sources().items():
        listed = {role["actor"] for role in source["actors"]}
        for actor in sorted(_used_actors(source) - listed):
            problems.append(f"{sid}: {actor} is used but not listed in actors:")
    assert not problems, "\n".join(problems)


def test_actor_lists_have_no_duplicates():
    for sid, source in sources().items():
        ids = [role["actor"] for role in source["actors"]]
        assert len(ids) == len(set(ids)), sid


def test_every_reference_exists():
    actor_ids, legal_ids, event_ids = set(actors()), set(legal()), _event_ids()
    problems = []
    for sid, source in sources().items():
        used = _used_actors(source) | {role["actor"] for role in source["actors"]}
        problems += [f"{sid}: unknown actor {a}" for a in sorted(used - actor_ids)]
        legal_refs = set()
        for key in ("events", "statements"):
            for item in _items(source, key):
                legal_refs.update(item.get("legal") or [])
        legal_refs.update(p["question"] for p in _items(source, "legal_points"))
        problems += [f"{sid}: unknown legal question {q}" for q in sorted(legal_refs - legal_ids)]
        for key in ("statements", "figures", "legal_points"):
            for index, item in enumerate(_items(source, key)):
                if item.get("event") and item["event"] not in event_ids:
                    problems.append(f"{sid}: {key}[{index}] refers to unknown event {item['event']}")
    for aid, actor in actors().items():
        if actor.get("part_of") and actor["part_of"] not in actor_ids:
            problems.append(f"actor {aid}: unknown part_of {actor['part_of']}")
    for qid, question in legal().items():
        problems += [f"legal {qid}: unknown related {r}" for r in question.get("related") or []
                     if r not in legal_ids or r == qid]
    assert not problems, "\n".join(problems)


def test_event_references_point_into_the_same_source():
    """A statement or figure is this source's report, so its event is one this source reports."""
    problems = []
    for sid, source in sources().items():
        own = {e["event"] for e in _items(source, "events")}
        for key in ("statements", "figures", "legal_points"):
            for index, item in enumerate(_items(source, key)):
                if item.get("event") and item["event"] not in own:
                    problems.append(f"{sid}: {key}[{index}] event {item['event']} is not among its events")
    assert not problems, "\n".join(problems)


def test_each_source_reports_an_event_once():
    for sid, source in sources().items():
        ids = [e["event"] for e in _items(source, "events")]
        assert len(ids) == len(set(ids)), sid


def test_every_actor_file_is_used_by_a_source():
    listed = {role["actor"] for s in sources().values() for role in s["actors"]}
    unused = sorted(set(actors()) - listed)
    assert not unused, f"actor files no source lists: {unused}"


def test_every_legal_question_has_material():
    covered = set()
    for source in sources().values():
        covered.update(p["question"] for p in _items(source, "legal_points"))
        for st in _items(source, "statements"):
            covered.update(st.get("legal") or [])
    assert set(LEGAL_IDS) <= covered, sorted(set(LEGAL_IDS) - covered)


def test_every_source_reports_something():
    empty = [sid for sid, s in sources().items()
             if not (_items(s, "events") or _items(s, "statements") or _items(s, "legal_points"))]
    assert not empty, empty


def test_unnamed_actors_are_marked():
    for aid in ("un-human-rights-chief", "venezuela-permanent-representative-to-the-un",
                "white-house-spokesperson"):
        assert actors()[aid].get("unnamed") is True, aid


# --- dates and figures -----------------------------------------------------------


def _dates(value, path=""):
    date_keys = {"date", "published", "as_of"}
    if isinstance(value, dict):
        for key, inner in value.items():
            sub = f"{path}.{key}" if path else key
            if key in date_keys and inner is not None:
                yield sub, inner
            else:
                yield from _dates(inner, sub)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _dates(inner, f"{path}[{index}]")


def test_approximate_dates_say_how_they_were_derived():
    problems = []
    for sid, source in sources().items():
        for path, date in _dates(source):
            if isinstance(date, dict) and date.get("approximate") and not date.get("derived"):
                problems.append(f"{sid} {path}")
    assert not problems, "\n".join(problems)


def test_figures_say_who_and_when():
    for sid, source in sources().items():
        for index, fig in enumerate(_items(source, "figures")):
            # Who reports it: an actor, or the source itself with how it words it (issue 11).
            assert fig.get("as_of") and (fig.get("reported_by") or fig.get("attribution")), f"{sid} figures[{index}]"


def test_death_toll_series():
    series = [(sid, fig) for sid, s in sources().items() for fig in _items(s, "figures")
              if fig["measure"] == DEATH_TOLL]
    by_value = {}
    for sid, fig in series:
        by_value.setdefault(fig["value"], []).append((sid, fig))
    assert {11, 21} <= set(by_value), sorted(by_value)

    un_oct10 = "un-news-2025-10-10-un-urges-restraint"
    undated = "report-trump-warns-maduro-to-step-down"
    (sid11, fig11), = by_value[11]
    as_of = fig11["as_of"]["value"] if isinstance(fig11["as_of"], dict) else fig11["as_of"]  # derived: a mapping
    assert sid11 == un_oct10 and str(as_of) == "2025-09-02"
    # The piece names no one for the 11 and the 21: UN News reports them (issue 11).
    assert fig11["reported_by"] == "un-news"
    assert {sid for sid, _ in by_value[21]} == {un_oct10}
    assert any(f.get("qualifier") == "at-least" for _, f in by_value[21])
    assert all(f["reported_by"] == "un-news" for _, f in by_value[21])
    # The undated report's 'over 80' counts drone strikes 'in the region': another measure.
    over_80 = [f for f in _items(sources()[undated], "figures") if f.get("value") == 80]
    assert over_80 and all(f["measure"] != DEATH_TOLL and f.get("qualifier") == "more-than" for f in over_80)


def test_shared_events_are_reported_by_both_sources():
    dec1 = "report-2025-12-01-us-gives-maduro-one-last-chance"
    undated = "report-trump-warns-maduro-to-step-down"
    for event in ("trump-maduro-phone-call", "cartel-de-los-soles-designated-fto"):
        reporting = {sid for sid, s in sources().items() for e in _items(s, "events") if e["event"] == event}
        assert {dec1, undated} <= reporting, event
