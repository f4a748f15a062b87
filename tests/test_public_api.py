"""The project uses only the public names of MkDocs, Python-Markdown, PyMdown Extensions and
Material: no import, and no attribute, whose name starts with an underscore. Private names
change without notice between releases, and a move to another MkDocs (ProperDocs,
Zensical) would have to rewrite whatever used them. Dunder names (`__name__`) are Python's
own protocol, not private; a name-mangled `_Class__name` is private anywhere.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from support import ROOT

LIBRARIES = {"mkdocs", "markdown", "pymdownx", "material"}
SKIPPED = {".venv", "node_modules", "site", "build", ".git", ".cache", "__pycache__"}
MANGLED = re.compile(r"^_[A-Za-z0-9]+__\w+$")


def private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def project_files() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if not SKIPPED & set(p.relative_to(ROOT).parts))


def root_name(node: ast.AST) -> str | None:
    """The name an attribute chain starts from: `a` for `a.b.c` (None for `f().b`)."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def private_uses(source: str) -> list[tuple[int, str]]:
    """(line, what) for each private name of LIBRARIES that `source` imports or reads."""
    tree = ast.parse(source)
    bound: set[str] = set()  # names that stand for one of the libraries' modules or objects
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in LIBRARIES:
                    bound.add((alias.asname or alias.name).split(".")[0])
                    if any(private(part) for part in alias.name.split(".")):
                        found.append((node.lineno, f"import {alias.name}"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in LIBRARIES:
            for alias in node.names:
                bound.add(alias.asname or alias.name)
                if any(private(part) for part in node.module.split(".")) or private(alias.name):
                    found.append((node.lineno, f"from {node.module} import {alias.name}"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            if MANGLED.match(node.attr) or (private(node.attr) and root_name(node.value) in bound):
                found.append((node.lineno, f"attribute {node.attr}"))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and MANGLED.match(node.name):
            found.append((node.lineno, f"method {node.name} (overrides a name-mangled private method)"))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id in ("getattr", "setattr", "hasattr", "delattr") and len(node.args) >= 2
              and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)
              and (MANGLED.match(node.args[1].value)
                   or (private(node.args[1].value) and root_name(node.args[0]) in bound))):
            found.append((node.lineno, f"{node.func.id}(…, {node.args[1].value!r})"))
    return sorted(set(found))


def test_no_private_name_of_mkdocs_markdown_pymdownx_or_material_is_used():
    files = project_files()
    assert any(p.name == "search_budget.py" for p in files)  # the walk does reach the hooks
    problems = [f"{path.relative_to(ROOT)}:{line}: {what}"
                for path in files for line, what in private_uses(path.read_text(encoding="utf-8"))]
    assert problems == []


@pytest.mark.parametrize("source", [
    "from mkdocs.structure.pages import _RelativePathTreeprocessor",
    "from mkdocs.commands.build import _build_page as build",
    "import markdown._private",
    "from markdown import treeprocessors\ntreeprocessors.InlineProcessor._x = 1",
    "import material as m\nm.plugins._thing",
    "from mkdocs.structure.pages import Page\ngetattr(Page, '_title_from_render')",
    "class P:\n    def _InlineProcessor__handleInline(self):\n        pass",
    "self._InlineProcessor__applyPattern",
])
def test_the_check_sees_each_kind_of_private_use(source):
    assert private_uses(source)


@pytest.mark.parametrize("source", [
    "from mkdocs.plugins import event_priority",
    "import markdown\nmarkdown.__version__",
    "from pathlib import Path\nPath('x')._raw_paths",  # another library: not this check's business
    "class A:\n    def _own(self):\n        self._state = 1",
])
def test_the_check_lets_public_names_and_our_own_private_names_be(source):
    assert private_uses(source) == []
