"""The URL scheme: one place decides where every page lives, in every language."""

from __future__ import annotations

import pytest

from record_builder import i18n, locations


@pytest.mark.parametrize("path", ["index.md", "timeline.md", "actors/index.md", "actors/x.md",
                                  "timeline-2025-09-2.md", "actors/x--events-2.md", "es/index.md", "es/legal/y.md"])
def test_an_address_leads_back_to_its_page(path):
    assert locations.path_of(locations.url(path)) == path
    assert locations.path_of(locations.url(path) + "#anchor") == path


def test_every_page_has_a_twin_in_every_language_but_the_contributors_pages():
    for lang in i18n.LANGUAGES:
        twin = locations.twin("actors/x.md", lang)
        assert locations.language_of(twin) == lang and locations.english_path(twin) == "actors/x.md"
        assert locations.twin(twin, i18n.DEFAULT) == "actors/x.md"
    assert locations.twin(locations.FORMAT, "es") is None


def test_record_pages_and_their_continuations_name_their_record():
    assert locations.record_of(locations.record_page("actor", "x")) == ("actor", "x")
    assert locations.record_of(locations.continuation_page("legal/y.md", "points-z", 2)) == ("legal", "y")
    assert locations.record_of(locations.folder_index("source")) is None
    assert locations.record_of("timeline.md") is None


def test_the_folders_the_build_owns_cover_every_language():
    owned = locations.owned_folders()
    for lang in i18n.LANGUAGES:
        root = f"docs/{locations.LANGUAGE_ROOTS[lang]}".rstrip("/")
        assert {root, f"{root}/actors", f"{root}/exports"} <= set(owned)
        assert f"{root}/{locations.EXPORTS}" in locations.data_folders()
