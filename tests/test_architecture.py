"""The house's shape: data flows one way, load -> validate -> translations -> model -> render ->
write, through modules of a reader's size, with no circle among them (bench/import_graph.py
draws the graph these tests read)."""

from __future__ import annotations

from import_graph import circles, graph, modules
from support import ROOT

# Each module's stage, from the bottom: a module imports only from its own stage or below.
STAGES = [
    ("foundations", {"problems", "textcheck", "urls", "dates", "i18n", "timeline", "locations", "write", "parallel",
                     "stamp", "formats"}),
    ("load", {"load", "quotes"}),
    ("schema", {"types", "scalars", "datetype", "schema", "placeholders", "catalogs", "ui_catalog"}),
    ("validate", {"seedfiles", "rules", "across", "validate"}),
    ("translations", {"texts", "translations", "spanish_style"}),
    ("model", {"model", "record", "reads"}),
    ("page parts", {"formatdoc", "layout", "escaping", "links", "words", "page_sections", "changes", "chart", "exports", "feed"}),
    ("render", {"pages", "render"}),
    ("incremental", {"incremental"}),
    ("command line", {"cli"}),
]
LINE_LIMIT = 450
DECLARATIVE = {"record_builder/schema.py"}  # the schema is a list of declarations, read as one


def _stage(module: str) -> int | None:
    if not module.startswith("record_builder"):
        return len(STAGES)  # the site plugin stands above the whole generator
    if module == "record_builder":
        return 0
    short = module.removeprefix("record_builder.")
    return next((number for number, (_, names) in enumerate(STAGES) if short in names), None)


def test_no_import_circle():
    assert circles(graph()) == []


def test_every_module_has_a_stage():
    assert [m for m in graph() if _stage(m) is None] == [], "add the new module to its stage in STAGES"


def test_no_stage_imports_a_later_one():
    edges = graph()
    upward = [(module, target) for module, targets in edges.items() for target in targets
              if None not in (_stage(module), _stage(target)) and _stage(target) > _stage(module)]
    assert upward == [], "a lower stage imports a higher one"


def test_the_generator_never_imports_the_site_plugin():
    assert not [(m, t) for m, ts in graph().items() for t in ts
                if m.startswith("record_builder") and not t.startswith("record_builder")]


def test_no_module_is_longer_than_a_reader_can_hold():
    long = {path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
            for path in modules().values()}
    assert {path: lines for path, lines in long.items() if lines > LINE_LIMIT and path not in DECLARATIVE} == {}
