"""Past the search budget (issue 25), the index is prebuilt in pieces (plugin/record_site/search_pieces.py)
and the worker loads them as queries need them: the same searches work from file:// and online, in
both languages, with highlighting, accent folding and Spanish stems. The record's real site is
within its budget, so these tests split its index again with a budget of one byte, the texts
results show kept whole (search_budget.display is tested on its own) so that the same searches
as on the site as built show the same words."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading

import pytest
from browser_support import QuietServer
from test_reader import SEARCHES, _file_url, _search
from test_spanish import SEARCHES as SPANISH_SEARCHES
from test_spanish import _check, _results

from record_site import material, reader, search_budget, search_index


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _prebuilt(site, target, offline: bool):
    """A copy of the built site whose search index is prebuilt, as past the budget."""
    shutil.copytree(site, target)
    config, docs = None, []
    for folder in ("search", "es/search"):
        path = target / folder / ("search_index.full.js" if offline else "search_index.full.json")
        text = path.read_text(encoding="utf-8")
        index = json.loads(text.partition("=")[2] if offline else text)
        config = config or index["config"]
        docs += search_index.documents(index)
    (target / material.SEARCH_INDEX).write_text(search_index.dump({"config": config, "docs": docs}), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_budget, "display", lambda docs, budget, dump: docs)
        reader._split_search_index(target, offline, budget=1)
    assert (target / "search/pieces").is_dir() and (target / "es/search/pieces").is_dir()
    if offline:
        (target / material.SEARCH_INDEX).unlink()
    return target


@pytest.fixture(scope="module")
def offline_prebuilt(offline_site, tmp_path_factory):
    return _prebuilt(offline_site, tmp_path_factory.mktemp("prebuilt") / "offline", offline=True)


@pytest.fixture(scope="module")
def online_prebuilt(local_site, browser, tmp_path_factory):
    site = _prebuilt(local_site, tmp_path_factory.mktemp("prebuilt") / "online", offline=False)
    server = QuietServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.parametrize("query", SEARCHES)
def test_prebuilt_search_from_disk(offline_prebuilt, visit, query):
    v = visit("file://")
    v.page.goto(_file_url(offline_prebuilt, "index"))
    results = _search(v.page, query)
    assert any(SEARCHES[query] in r for r in results), results[:3]
    assert not v.blocked and not v.failed and not v.errors


@pytest.mark.parametrize("query", ["Padrino", "Lopez", "Jenca"])
def test_prebuilt_search_online(online_prebuilt, visit, query):
    v = visit(online_prebuilt)
    v.page.goto(online_prebuilt)
    results = _search(v.page, query)
    assert any(SEARCHES[query] in r for r in results), results[:3]
    assert not v.blocked and not v.failed and not v.errors


@pytest.mark.parametrize("query", SPANISH_SEARCHES)
def test_prebuilt_spanish_search_from_disk_and_online(offline_prebuilt, online_prebuilt, visit, query):
    v = visit("file://")
    v.page.goto((offline_prebuilt / "es/index.html").as_uri())
    _check(_results(v.page, query), query)  # highlighted, in the Spanish edition only
    assert not v.blocked and not v.failed and not v.errors
    w = visit(online_prebuilt)
    w.page.goto(online_prebuilt + "es/actors/nicolas-maduro/")
    _check(_results(w.page, query), query)
    assert not w.blocked and not w.failed and not w.errors
