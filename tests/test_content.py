"""The record's content: the validator's verdict, the checks of tests/content_checks.py, and
today's facts.

Every rule of a seed file that the repository alone can decide is the validator's; here the
real record must pass them all. The checks against the source texts need ../shared/seeds/
beside the project, which a clone from GitHub has not: they are then skipped, saying why
(`pytest -rs` prints the reason). The checks hold for any corpus (tests/test_walkthrough.py
runs them again with a new article added). The facts below are about the sources the record
holds today, written so that they still hold when sources, actors or legal questions are
added: "a source titled X exists and says Y", never "there are exactly N".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from content_checks import PAGE_CHECKS, SHARED_CHECKS, SHARED_MISSING, Corpus, items, norm
from record_builder.validate import load_and_check

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Corpus(ROOT)
DEATH_TOLL = "people-killed-in-boat-strikes"


def _skip_without_the_source_texts() -> None:
    if not CORPUS.shared.is_dir():
        pytest.skip(SHARED_MISSING.format(shared=CORPUS.shared))


def test_the_record_passes_every_rule_of_the_validator():
    """What `python3 tasks.py site` fails on, with file, line and field: nothing. (Its warnings
    fail nothing here either: CI says what the build says.)"""
    _, problems = load_and_check(ROOT / "seeds", ROOT)
    assert not problems, "\n".join(p.format() for p in problems)


@pytest.mark.parametrize("check", SHARED_CHECKS, ids=[c.__name__.removeprefix("check_") for c in SHARED_CHECKS])
def test_the_record_holds_against_its_source_texts(check):
    _skip_without_the_source_texts()
    problems = check(CORPUS)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("check", PAGE_CHECKS, ids=[c.__name__.removeprefix("check_") for c in PAGE_CHECKS])
def test_the_pages_show_the_record(check):
    problems = check(CORPUS)
    assert not problems, "\n".join(problems)


def test_every_source_text_named_is_at_hand():
    """Otherwise the checks of exact wording above would quietly pass over that source."""
    _skip_without_the_source_texts()
    named = {sid: (s.get("origin") or {}).get("file") for sid, s in CORPUS.sources.items()}
    missing = {sid: name for sid, name in named.items() if name and CORPUS.text_of(CORPUS.sources[sid]) is None}
    assert not missing, f"origin.file not found in {CORPUS.shared}: {missing}"
    assert any(named.values())


# ---- today's facts -----------------------------------------------------------------------------


def test_the_record_has_sources_actors_and_legal_questions():
    assert CORPUS.sources and CORPUS.actors and CORPUS.legal


def source_titled(start: str) -> dict:
    found = [s for s in CORPUS.sources.values() if norm(s.get("title", "")).startswith(start)]
    assert found, f"no source titled {start!r}..."
    return found[0]


def figures(source: dict, measure: str) -> list[dict]:
    return [f for f in items(source, "figures") if f.get("measure") == measure]


def _as_of(figure: dict) -> str:
    as_of = figure.get("as_of")
    return str(as_of.get("value") if isinstance(as_of, dict) else as_of)


def test_the_un_news_piece_of_10_october_reports_the_early_death_tolls():
    """11 in the first strike and 21 in all, credited to UN News: 'According to US authorities'
    opens only the sentence on what the vessels carried; the tolls name no one."""
    source = source_titled("UN urges restraint as US strikes in Caribbean escalate tension with Venezuela")
    assert source.get("publisher") == "UN News"
    tolls = figures(source, DEATH_TOLL)
    assert any(f.get("value") == 11 and _as_of(f) == "2025-09-02" for f in tolls), tolls
    assert any(f.get("value") == 21 and f.get("as_written") == "at least 21" for f in tolls), tolls
    assert {f.get("reported_by") for f in tolls} == {"un-news"}, tolls
    assert all(f.get("attribution") for f in tolls), tolls


def test_the_report_of_a_trump_warning_counts_more_than_80_killed_in_another_measure():
    """'Over 80' killed by drone strikes 'in the region', no period: not the boat-strike series."""
    source = source_titled("Donald Trump Warns Nicolás Maduro to Step Down")
    over_80 = [f for f in items(source, "figures") if f.get("as_written") == "over 80"]
    assert over_80 and all(f.get("value") == 80 and f.get("qualifier") == "more-than" for f in over_80), over_80
    assert all(f["measure"] != DEATH_TOLL for f in over_80), over_80


def test_the_human_rights_chief_calls_the_strikes_extrajudicial_killing():
    source = source_titled("UN human rights chief condemns US strikes")
    said = [st for st in items(source, "statements") if st.get("by") == "un-human-rights-chief"]
    assert any("extrajudicial killing" in (st.get("quote") or "") for st in said), said
    assert "extrajudicial-killing-claims" in {q for st in said for q in st.get("legal") or []}


def test_two_reports_share_the_designation_but_not_the_phone_call():
    """Accounts are one event only where they plainly tell of the same act: both reports tell of
    the Cartel de los Soles designation; the undated report's phone call is not assumed to be
    the one the 1 December report places 'last week' (issue 22)."""
    reporters = {}
    for sid, source in CORPUS.sources.items():
        for event in items(source, "events"):
            reporters.setdefault(event["event"], set()).add(sid)
    assert len(reporters.get("cartel-de-los-soles-designated-fto", ())) >= 2
    assert reporters.get("trump-maduro-phone-call") == {"report-2025-12-01-us-gives-maduro-one-last-chance"}


LEGAL_IN_ORDER = [
    "cartel-de-los-soles-fto-designation",
    "extrajudicial-killing-claims",
    "unodc-maritime-crime-mandate",
    "use-of-force-and-sovereignty",
    "order-to-kill-all-crew",
    "venezuelan-airspace-closure",
]


def test_todays_legal_questions_exist_in_their_reading_order():
    """Others may be added, before, between or after them."""
    assert set(LEGAL_IN_ORDER) <= set(CORPUS.legal)
    orders = [CORPUS.legal[q].get("order") for q in LEGAL_IN_ORDER]
    assert all(isinstance(o, int) for o in orders) and orders == sorted(orders), orders


def test_actors_the_sources_leave_unnamed_are_marked():
    for aid in ("un-human-rights-chief", "venezuela-permanent-representative-to-the-un", "white-house-spokesperson"):
        assert CORPUS.actors[aid].get("unnamed") is True, aid


def test_the_supplied_texts_carry_no_addresses():
    """None of today's sources has a known address; each says so instead of guessing one."""
    for sid in ("un-news-2025-10-10-un-urges-restraint", "report-trump-warns-maduro-to-step-down"):
        assert CORPUS.sources[sid].get("url") is None and CORPUS.sources[sid].get("url_note"), sid


def test_an_undated_sources_borrowed_dates_are_found(tmp_path):
    """The check behind 'an undated source stays undated', on a source made for it: a month the
    text names stands; a week worked out from another source's 'last week' does not."""
    from content_checks import check_undated_sources_date_only_what_they_state

    (tmp_path / "seeds/sources").mkdir(parents=True)
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared/t.txt").write_text("The carrier arrived in November. The call took place.", encoding="utf-8")
    (tmp_path / "seeds/sources/s.yaml").write_text(
        "id: s\npublished: null\norigin: {file: t.txt}\nevents:\n"
        "  - {event: carrier, date: {value: 2025-11, derived: 'The text says in November.'}}\n"
        "  - {event: call, date: {value: 2025-11-24/2025-11-30, approximate: true, derived: 'Another report.'}}\n"
        "  - {event: other, date: null}\n", encoding="utf-8")
    problems = check_undated_sources_date_only_what_they_state(Corpus(tmp_path, shared=tmp_path / "shared"))
    assert problems == ["s events[1].date: '24–30 November 2025 (approximate)': the source never gives the day 24 November",
                        "s events[1].date: '24–30 November 2025 (approximate)': the source never gives the day 30 November"]
