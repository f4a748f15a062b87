"""The site's plugin (plugin/record_site/) as a package: MkDocs finds it, its settings are typed,
it stops on a Material it does not know, and what it knows of Material's internals is in
material.py alone, with no state kept between builds outside the plugin object."""

from __future__ import annotations

import ast
from importlib import metadata
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from record_site import material
from record_site.plugin import PAGE_STEPS, RecordSitePlugin
from support import ROOT

PACKAGE = Path(material.__file__).resolve().parent


def test_mkdocs_finds_the_plugin_by_its_name():
    found = [entry for entry in metadata.entry_points(group="mkdocs.plugins") if entry.name == "record_site"]
    assert len(found) == 1 and found[0].load() is RecordSitePlugin


def test_the_settings_are_typed_with_the_sites_defaults(tmp_path):
    plugin = RecordSitePlugin()
    errors, warnings = plugin.load_config({}, str(tmp_path / "mkdocs.yml"))
    assert errors == [] and warnings == []
    assert plugin.config.search_budget == 2_500_000 and plugin.config.stash_html_blocks is True
    assert plugin.config.edit_branch == "main"
    assert Path(plugin.config.citation_file) == tmp_path / "CITATION.cff"  # read from the folder of mkdocs.yml
    errors, _ = RecordSitePlugin().load_config({"search_budget": "a lot"}, str(tmp_path / "mkdocs.yml"))
    assert [key for key, _ in errors] == ["search_budget"]
    _, warnings = RecordSitePlugin().load_config({"serach_budget": 1}, str(tmp_path / "mkdocs.yml"))
    assert [key for key, _ in warnings] == ["serach_budget"]  # a warning, which --strict makes a failure


def test_the_page_steps_run_in_their_stated_order():
    assert [step.__module__.rsplit(".", 1)[1] for step in PAGE_STEPS] == ["reader", "accessibility", "offline_copy",
                                                                          "site_check"]


def _config(theme: str = "material"):
    return SimpleNamespace(theme=SimpleNamespace(name=theme))


def test_the_installed_material_is_one_the_plugin_knows():
    material.check(_config())  # the pinned version (requirements.txt)


@pytest.mark.parametrize("version", ["9.9.0", "10.0.0", "9.7.3"])
def test_an_unknown_material_version_stops_the_build_saying_what_to_do(monkeypatch, version):
    monkeypatch.setattr(material.metadata, "version", lambda name: version)
    with pytest.raises(PluginError) as raised:
        material.check(_config())
    message = str(raised.value)
    assert f"expected Material for MkDocs 9.8.x, got {version}" in message
    assert "pip install -r requirements.txt" in message and "plugin/record_site/material.py" in message


def test_a_missing_material_or_another_theme_stops_the_build(monkeypatch):
    with pytest.raises(PluginError, match="expected the theme 'material'.*got 'readthedocs'"):
        material.check(_config("readthedocs"))

    def missing(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(material.metadata, "version", missing)
    with pytest.raises(PluginError, match="got none"):
        material.check(_config())


# ---- the plugin's code -------------------------------------------------------------------------

def _modules() -> list[Path]:
    return sorted(PACKAGE.glob("*.py"))


def _strings(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, text) of every string constant in code, docstrings left out."""
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


# What only Material's internals are named by: its plugins' names, its markup's data attributes and
# classes, its built files (bundle, worker, lunr, search index) and its page configuration script.
MATERIAL_INTERNALS = ("material/", "data-md-", "md-", "bundle.", "workers", "lunr/", "__config", "polyfills",
                      'role="dialog"', "search_index.json", "search_index.js")


def test_only_material_py_names_materials_internals():
    found = []
    for path in _modules():
        if path.name == "material.py":
            continue
        for line, text in _strings(ast.parse(path.read_text(encoding="utf-8"))):
            found += [f"{path.name}:{line}: {text!r}" for marker in MATERIAL_INTERNALS if marker in text]
    assert found == []
    assert any(marker in text for _, text in _strings(ast.parse((PACKAGE / "material.py").read_text()))
               for marker in MATERIAL_INTERNALS)  # the markers do find what material.py holds


def test_no_module_keeps_state_between_builds():
    """Module-level names hold constants only (UPPER_CASE, never rebound or cleared), no function
    caches its results, and no `global` statement: what a build learns lives on its BuildState."""
    found = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
                if isinstance(node, ast.AnnAssign) else []
            for target in targets:
                if isinstance(target, ast.Name) and not target.id.isupper() and not target.id.startswith("__") \
                        and isinstance(node.value, (ast.Dict, ast.List, ast.Set, ast.Call)) \
                        and not (isinstance(node.value, ast.Call) and _is_compile(node.value)):
                    found.append(f"{path.name}:{node.lineno}: {target.id}")
        for node in ast.walk(tree):
            if isinstance(node, ast.Global):
                found.append(f"{path.name}:{node.lineno}: global {', '.join(node.names)}")
            if isinstance(node, ast.FunctionDef):
                for decorator in node.decorator_list:
                    name = ast.unparse(decorator)
                    if "cache" in name:
                        found.append(f"{path.name}:{node.lineno}: @{name}")
    assert found == []


def _is_compile(call: ast.Call) -> bool:
    return ast.unparse(call.func) in ("re.compile", "logging.getLogger")


def test_the_cards_font_has_the_spanish_letters_and_draws_the_same_bytes_twice():
    from PIL import ImageFont

    from record_site import page_info
    from record_site.state import CARD_FONT

    fonts = ROOT / "node_modules/@fontsource/noto-sans/files"
    if not (fonts / CARD_FONT.format(weight=400)).is_file():
        pytest.skip("the cards' font is installed by `npm ci` (package.json); run it to test the cards")
    font = ImageFont.truetype(str(fonts / CARD_FONT.format(weight=700)), 40)
    missing = bytes(font.getmask("\ue000"))  # a private-use character: the font's 'no such glyph'
    assert all(bytes(font.getmask(letter)) != missing for letter in "áéíóúñÑü¿¡–“”«»")
    card = page_info.draw_card("Cronología de los hechos", "La crisis de 2025", ["Cada fecha con su precisión."], fonts)
    assert card == page_info.draw_card("Cronología de los hechos", "La crisis de 2025", ["Cada fecha con su precisión."],
                                       fonts)
    assert card.startswith(b"\x89PNG")
