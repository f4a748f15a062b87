"""The project uses only the public names of the libraries it builds on.

MkDocs, Python-Markdown, PyMdown Extensions and Material: no import, and no attribute, whose
name starts with an underscore. Private names change without notice between releases, and a
move to another MkDocs (ProperDocs, Zensical) would have to rewrite whatever used them.
Dunder names (`__name__`) are Python's own protocol, not private; a name-mangled
`_Class__name` is private anywhere.

Jinja2, MarkupSafe and PyYAML (the generator's own libraries): every name the code takes
from them exists, has no leading underscore and is in the library's documentation
(DOCUMENTED says where). A name the code still relies on outside the documentation is in
RELIED_ON, with why it is kept, the test that would see it break, and the library version
it was last reviewed at: the version check, which fails on any other installed version
until the entry is reviewed again.
"""

from __future__ import annotations

import ast
import importlib
import importlib.metadata
import inspect
import re
import types
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


# ---- Jinja2, MarkupSafe and PyYAML: every name taken from them -----------------------------

CHECKED = ("jinja2", "markupsafe", "yaml")
DISTRIBUTIONS = {"jinja2": "Jinja2", "markupsafe": "MarkupSafe", "yaml": "PyYAML"}
NAMED_IN_TEXT = re.compile(r"^(?:jinja2|markupsafe|yaml)(?:\.\w+)+(?::\w+)?$")  # "jinja2.ext.i18n"

JINJA_API = "https://jinja.palletsprojects.com/en/stable/api/"
JINJA_EXTENSIONS = "https://jinja.palletsprojects.com/en/stable/extensions/"
MARKUPSAFE = "https://markupsafe.palletsprojects.com/en/stable/escaping/"
PYYAML = "https://pyyaml.org/wiki/PyYAMLDocumentation"

# Every name the project takes from these libraries, and where the library documents it.
DOCUMENTED = {
    "jinja2.Environment": f"{JINJA_API}#jinja2.Environment",
    "jinja2.Environment.filters": f"{JINJA_API}#jinja2.Environment.filters",
    "jinja2.Environment.tests": f"{JINJA_API}#jinja2.Environment.tests",
    "jinja2.Environment.globals": f"{JINJA_API}#jinja2.Environment.globals",
    "jinja2.Environment.get_template": f"{JINJA_API}#jinja2.Environment.get_template",
    "jinja2.Environment.list_templates": f"{JINJA_API}#jinja2.Environment.list_templates",
    "jinja2.Environment.from_string": f"{JINJA_API}#jinja2.Environment.from_string",
    "jinja2.Environment.install_gettext_callables":
        f"{JINJA_EXTENSIONS}#jinja2.Environment.install_gettext_callables",
    "jinja2.Template": f"{JINJA_API}#jinja2.Template",
    "jinja2.Template.module": f"{JINJA_API}#jinja2.Template.module",
    "jinja2.Template.render": f"{JINJA_API}#jinja2.Template.render",
    "jinja2.FileSystemLoader": f"{JINJA_API}#jinja2.FileSystemLoader",
    "jinja2.BytecodeCache": f"{JINJA_API}#jinja2.BytecodeCache",
    "jinja2.BytecodeCache.load_bytecode": f"{JINJA_API}#jinja2.BytecodeCache.load_bytecode",
    "jinja2.BytecodeCache.dump_bytecode": f"{JINJA_API}#jinja2.BytecodeCache.dump_bytecode",
    "jinja2.FileSystemBytecodeCache": f"{JINJA_API}#jinja2.FileSystemBytecodeCache",
    # A subclass of BytecodeCache: the two methods it documents there, which this one implements.
    "jinja2.FileSystemBytecodeCache.load_bytecode": f"{JINJA_API}#jinja2.BytecodeCache.load_bytecode",
    "jinja2.FileSystemBytecodeCache.dump_bytecode": f"{JINJA_API}#jinja2.BytecodeCache.dump_bytecode",
    "jinja2.StrictUndefined": f"{JINJA_API}#jinja2.StrictUndefined",
    "jinja2.pass_context": f"{JINJA_API}#jinja2.pass_context",
    "jinja2.ext.i18n": f"{JINJA_EXTENSIONS}#i18n-extension (import name jinja2.ext.i18n)",
    "jinja2.ext.babel_extract": "https://jinja.palletsprojects.com/en/stable/integration/#babel",
    "markupsafe.Markup": f"{MARKUPSAFE}#markupsafe.Markup",
    "markupsafe.Markup.join": f"{MARKUPSAFE}#markupsafe.Markup (operations on it escape their arguments)",
    "markupsafe.Markup.replace": f"{MARKUPSAFE}#markupsafe.Markup (operations on it escape their arguments)",
    "markupsafe.escape": f"{MARKUPSAFE}#markupsafe.escape",
    "yaml.parse": f"{PYYAML} (Reference: The yaml package)",
    "yaml.compose": f"{PYYAML} (Reference: The yaml package)",
    "yaml.load": f"{PYYAML} (Reference: The yaml package)",
    "yaml.safe_load": f"{PYYAML} (Reference: The yaml package)",
    "yaml.safe_dump": f"{PYYAML} (Reference: The yaml package)",
    "yaml.SafeLoader": f"{PYYAML} (Reference: Loader)",
    "yaml.SafeLoader.add_constructor": f"{PYYAML} (Reference: Loader, Loader.add_constructor)",
    "yaml.BaseLoader": f"{PYYAML} (Reference: Loader)",
    "yaml.CSafeLoader": f"{PYYAML} (Reference: Loader, with the LibYAML bindings)",
    "yaml.ScalarNode": f"{PYYAML} (Reference: Nodes)",
    "yaml.SequenceNode": f"{PYYAML} (Reference: Nodes)",
    "yaml.MappingNode": f"{PYYAML} (Reference: Nodes)",
    "yaml.MappingStartEvent": f"{PYYAML} (Reference: Events)",
    "yaml.MappingEndEvent": f"{PYYAML} (Reference: Events)",
    "yaml.SequenceStartEvent": f"{PYYAML} (Reference: Events)",
    "yaml.SequenceEndEvent": f"{PYYAML} (Reference: Events)",
    "yaml.YAMLError": f"{PYYAML} (Reference: YAMLError)",
}


def _timestamps_stay_text():
    from record_builder import load
    data, problems = load.parse("date: 2025-01-01\n", "x.yaml")
    assert problems == [] and data["date"] == "2025-01-01"


def _scalars_as_safe_load_reads_them():
    import yaml
    from record_builder import load
    text = "a: 0x1F\nb: 1_000\nc: 'yes'\nd: yes\ne: .inf\nf: ~\ng: 1:30\n"
    assert load.parse(text, "x.yaml")[0] == {k: v for k, v in yaml.safe_load(text).items()}


def _syntax_errors_keep_their_place_and_wording():
    import yaml
    from record_builder import load
    try:
        yaml.compose("a: [1\nb: 2\n", Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        assert err.problem and err.problem_mark.line == 1 and err.context and err.context_mark.line == 0
    [problem] = load.parse("a: [1\nb: 2\n", "x.yaml")[1]
    assert (problem.line, problem.message.startswith("YAML syntax error: ")) == (2, True)


# Names the code relies on that the libraries do not document (or keep private), with why
# each is kept, what checks it still behaves as relied on (run here too), and the version of
# the library it was reviewed at. A new version fails test_names_relied_on_outside_the_documentation
# until each of its entries is reviewed and its version moved on.
RELIED_ON = {
    ("yaml.SafeLoader.yaml_implicit_resolvers", "yaml.CSafeLoader.yaml_implicit_resolvers"): (
        "Dates stay text: the loader is SafeLoader's resolvers minus the timestamp one, which the validator "
        "parses itself to report an impossible date. PyYAML documents add_implicit_resolver but no way "
        "to remove a resolver.",
        _timestamps_stay_text, "6.0.3"),
    ("yaml.constructor.SafeConstructor", "yaml.constructor.SafeConstructor.construct_yaml_int", "yaml.constructor.SafeConstructor.construct_yaml_float",
     "yaml.constructor.SafeConstructor.construct_yaml_bool", "yaml.constructor.SafeConstructor.construct_yaml_null"): (
        "load.py builds each scalar with the very method yaml.safe_load uses, so 0x1F, 1_000, yes/No and "
        ".inf read exactly as safe_load reads them, on nodes that keep their line and column "
        "(tests/test_speed_paths.py compares them scalar by scalar).",
        _scalars_as_safe_load_reads_them, "6.0.3"),
    ("yaml.MarkedYAMLError",): (
        "A syntax error names its line and column and PyYAML's own wording (problem, context, and "
        "their marks); the documentation shows problem_mark only, read with hasattr on any YAMLError.",
        _syntax_errors_keep_their_place_and_wording, "6.0.3"),
}


def _owned(value) -> bool:
    """Whether `value` belongs to one of CHECKED: a module, class or function of theirs, or an
    instance of one of their classes (not a dict or a string one of their names holds)."""
    if isinstance(value, types.ModuleType):
        return value.__name__.split(".")[0] in CHECKED
    owner = value if inspect.isclass(value) else getattr(value, "__func__", value)
    module = getattr(owner, "__module__", None) or type(value).__module__
    if not (inspect.isclass(value) or callable(value)):
        module = type(value).__module__
    return (module or "").split(".")[0] in CHECKED


def _instance(cls):
    """An instance of a library class, made as the project makes it, or the class if it needs arguments."""
    import jinja2
    if cls is jinja2.Environment:
        return jinja2.Environment(extensions=["jinja2.ext.i18n"])  # install_gettext_callables comes with it
    try:
        return cls()
    except TypeError:
        return cls


def resolve(path: str) -> str:
    """The library name a use stands for: `path` followed from the library's module as far as its
    objects belong to the library ('jinja2.Environment().globals.update' is jinja2.Environment.globals).
    AttributeError when a name does not exist."""
    parts = path.replace(":", ".").split(".")
    value = importlib.import_module(parts[0])
    shown = [parts[0]]
    for part in parts[1:]:
        name = part.removesuffix("()")
        if isinstance(value, types.ModuleType) and not hasattr(value, name):
            try:
                importlib.import_module(f"{value.__name__}.{name}")
            except ImportError:
                pass
        value = getattr(value, name)  # AttributeError: the library has no such name
        shown.append(name)
        if part.endswith("()"):
            if not inspect.isclass(value):
                break  # what a function returns is not one of the library's names
            value = _instance(value)
        if not _owned(value):
            break
    return ".".join(shown)


class _LibraryUses(ast.NodeVisitor):
    """The names a source takes from CHECKED, as paths from the library's module: imports, attributes
    of what they bind (also through a name or attribute assigned from them: `X()` is an instance),
    names a subclass of theirs overrides or reads on self/cls/super(), and names written as text."""

    def __init__(self):
        self.bound: dict[str, str] = {}  # a name or attribute, as written -> the library path it holds
        self.found: dict[str, int] = {}  # path -> first line
        self.members: dict[str, int] = {}  # base path + name, from inside a subclass: kept if the base has it
        self.base: str | None = None
        self.inner: set[int] = set()  # attributes inside a longer chain: the chain is the name used

    def path(self, node) -> str | None:
        if isinstance(node, (ast.Name, ast.Attribute)) and ast.unparse(node) in self.bound:
            return self.bound[ast.unparse(node)]
        if isinstance(node, ast.Attribute):
            if self.base and isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
                return None  # a subclass's own or inherited attribute: see visit_Attribute
            inner = self.path(node.value)
            return f"{inner}.{node.attr}" if inner else None
        if isinstance(node, ast.Call):
            if (isinstance(node.func, ast.Name) and node.func.id == "getattr" and len(node.args) >= 2
                    and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)):
                inner = self.path(node.args[0])
                return f"{inner}.{node.args[1].value}" if inner else None
            inner = self.path(node.func)
            return f"{inner}()" if inner and not inner.endswith("()") else None
        return None

    def note(self, path: str, node, table=None) -> None:
        (self.found if table is None else table).setdefault(path, node.lineno)

    def visit_Import(self, node):
        for alias in node.names:
            if alias.name.split(".")[0] in CHECKED:
                self.bound[alias.asname or alias.name.split(".")[0]] = alias.asname and alias.name or alias.name.split(".")[0]

    def visit_ImportFrom(self, node):
        if node.module and node.module.split(".")[0] in CHECKED and not node.level:
            for alias in node.names:
                self.bound[alias.asname or alias.name] = f"{node.module}.{alias.name}"
                self.note(f"{node.module}.{alias.name}", node)

    def visit_Assign(self, node):
        self.generic_visit(node)
        held = self.path(node.value)
        if held:
            for target in node.targets:
                if isinstance(target, (ast.Name, ast.Attribute)):
                    self.bound[ast.unparse(target)] = held

    def visit_ClassDef(self, node):
        bases = [self.path(base) for base in node.bases]
        for base in node.bases:
            self.visit(base)
        base = next((b for b in bases if b), None)
        if base:
            self.bound[node.name] = base  # ClassName.attr is the base's attr, or the class's own
        outer, self.base = self.base, base or self.base if base else None
        for statement in node.body:
            if base and isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.note(f"{base}.{statement.name}", statement, self.members)  # an override, if the base has it
            self.visit(statement)
        self.base = outer

    def visit_Attribute(self, node):
        if self.base and isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
            self.note(f"{self.base}.{node.attr}", node, self.members)
        elif (self.base and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name)
              and node.value.func.id == "super"):
            self.note(f"{self.base}.{node.attr}", node, self.members)
        elif id(node) not in self.inner:
            path = self.path(node)
            if path:
                self.note(path, node)
        self.generic_visit(node)

    def visit_Call(self, node):
        path = self.path(node)
        if path and isinstance(node.func, ast.Name) and node.func.id == "getattr":
            self.note(path, node)
        self.generic_visit(node)

    def visit_Constant(self, node):
        if isinstance(node.value, str) and NAMED_IN_TEXT.match(node.value):
            self.note(node.value.replace(":", "."), node)


def library_uses(source: str) -> dict[str, int]:
    """{library name: first line} for every name of CHECKED that `source` uses (see _LibraryUses)."""
    collector = _LibraryUses()
    tree = ast.parse(source)
    collector.inner = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    collector.visit(tree)  # twice: a name bound further down the module is known the second time
    collector.found.clear()
    collector.members.clear()
    collector.visit(tree)
    found: dict[str, int] = {}
    for table, members in ((collector.found, False), (collector.members, True)):
        for path, line in table.items():
            try:
                name = resolve(path)
            except AttributeError:
                if members:
                    continue  # the subclass's own name, not the library's
                name = f"{path} (missing)"
            found.setdefault(name, line)
    return found


def _all_library_uses() -> dict[str, list[str]]:
    uses: dict[str, list[str]] = {}
    for path in project_files():
        if path.resolve() == Path(__file__).resolve():
            continue  # this file names them all, as text
        for name, line in library_uses(path.read_text(encoding="utf-8")).items():
            uses.setdefault(name, []).append(f"{path.relative_to(ROOT)}:{line}")
    return uses


RELIED_ON_NAMES = {name: entry for names, entry in RELIED_ON.items() for name in names}


def test_every_name_taken_from_jinja2_markupsafe_and_pyyaml_exists_is_public_and_documented():
    uses = _all_library_uses()
    assert {"yaml.compose", "jinja2.Environment", "markupsafe.Markup"} <= uses.keys()  # the walk sees the code
    problems = []
    for name, where in sorted(uses.items()):
        if name.endswith("(missing)"):
            problems.append(f"{where[0]}: {name}: the library has no such name")
        elif name in RELIED_ON_NAMES:
            continue  # test_names_relied_on_outside_the_documentation
        elif name.endswith(".__init__") and name.removesuffix(".__init__") in DOCUMENTED:
            continue  # a documented class's constructor (called, or a subclass's own)
        elif any(private(part) for part in name.split(".")):
            problems.append(f"{where[0]}: {name} is private: use a public name, or say in RELIED_ON why not")
        elif name not in DOCUMENTED:
            problems.append(f"{where[0]}: {name} is not in DOCUMENTED: find where the library documents it, "
                            "or say in RELIED_ON why the code relies on it anyway")
    assert problems == []


@pytest.mark.parametrize("names", list(RELIED_ON), ids=lambda names: names[0])
def test_names_relied_on_outside_the_documentation(names):
    why, still_works, reviewed_at = RELIED_ON[names]
    uses = _all_library_uses()
    assert any(name in uses for name in names), f"{names}: no longer used; delete the entry"
    library = names[0].split(".")[0]
    installed = importlib.metadata.version(DISTRIBUTIONS[library])
    pinned = re.search(rf"(?im)^{DISTRIBUTIONS[library]}==(\S+)$", (ROOT / "requirements.txt").read_text())
    assert pinned and pinned.group(1) == installed, f"{library} {installed} is not the version requirements.txt pins"
    assert installed == reviewed_at, (f"{library} is now {installed}: check that {', '.join(names)} still exist "
                                      f"and behave as relied on ({why}), then set the entry's version")
    still_works()


@pytest.mark.parametrize("source, expected", [
    ("import yaml\nyaml.safe_load('a')", {"yaml.safe_load"}),
    ("from jinja2 import pass_context as p\np", {"jinja2.pass_context"}),
    ("import yaml\nX = yaml.constructor.SafeConstructor()\nX.construct_yaml_int",
     {"yaml.constructor.SafeConstructor", "yaml.constructor.SafeConstructor.construct_yaml_int"}),
    ("import yaml\nP = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)\nclass L(P):\n    pass\n"
     "L.yaml_implicit_resolvers = {}",
     {"yaml.CSafeLoader", "yaml.SafeLoader", "yaml.CSafeLoader.yaml_implicit_resolvers"}),
    ("import yaml\nclass L(yaml.SafeLoader):\n    def resolve(self, a, b, c):\n"
     "        return self.DEFAULT_SCALAR_TAG or self.mine\n",
     {"yaml.SafeLoader", "yaml.SafeLoader.resolve", "yaml.SafeLoader.DEFAULT_SCALAR_TAG"}),
    ("import jinja2\nclass T(jinja2.Template):\n    @classmethod\n    def _from_namespace(cls, e, n, g):\n"
     "        return super()._from_namespace(e, n, g)\n", {"jinja2.Template", "jinja2.Template._from_namespace"}),
    ("import jinja2\nclass P:\n    def __init__(self):\n        self.env = jinja2.Environment()\n"
     "        self.env.globals.update(a=1)\n        self.env.install_gettext_callables(1, 2)\n",
     {"jinja2.Environment", "jinja2.Environment.globals", "jinja2.Environment.install_gettext_callables"}),
    ("X = 'jinja2.ext:babel_extract'\nY = ['jinja2.ext.i18n']", {"jinja2.ext.babel_extract", "jinja2.ext.i18n"}),
    ("import yaml\nyaml.no_such_name", {"yaml.no_such_name (missing)"}),
    ("import yaml\nyaml.compose('a').start_mark.line", {"yaml.compose"}),
    ("import json\njson.loads('1')\nclass A:\n    def _own(self):\n        self._x = 1", set()),
])
def test_the_walk_finds_each_way_a_name_is_taken(source, expected):
    assert set(library_uses(source)) == expected
