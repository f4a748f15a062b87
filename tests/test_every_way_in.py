"""Every way a contributor's text reaches the site, fed with markup and attribute payloads.

Each text field of the schema (every one the record holds, in every kind of seed file) and
every msgstr of every catalog (the record's, ui.po, site.po) is given a payload from
PAYLOADS: quotes that would end an attribute, "><, event handlers, a refresh, javascript:,
Jinja, Markdown attribute lists, direction controls. The build must then either refuse
it, with `file:line:column: field: message` and nothing else, or build a site that has no
element and no attribute that the same build with plain words has not: the payload shows
as text. A refused text is put back to plain words and the rest built again, so every
payload that is accepted is also built.

The record in seeds/ and translations/ is the corpus (it holds every text field of the
schema today; a field it lacks is named in a warning, never failed). Each example builds
the site twice, so the default run tries a fixed few examples; `HYPOTHESIS_PROFILE=thorough`
tries more.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from record_builder import catalogs
from record_builder.problems import Where
from record_builder.schema import KINDS
from record_builder.datetype import DATE_RECORD, DateType
from record_builder.types import ListOf, Nullable, Record, Text
from support import ROOT

PAYLOADS = [
    'He called them "unacceptable" & said 5 < 6 and 7 > 3.',
    "O'Brien's ‘single’ and “double” quotes",
    '"><b>bold</b><x y="',
    '" onmouseover="alert(1)" x="',
    "' onmouseover='alert(1)' x='",
    '" http-equiv="refresh" content="0;url=https://evil.example/',
    "javascript:alert(1)",
    "[link](javascript:alert(1)) and ![i](https://evil.example/i.png)",
    "{{ 7*191 }} and {% if true %}JINJA-RAN{% endif %}",
    '{: onclick="alert(1)" #evil .cls data-x=1 }',
    "text {: .cls }",
    "right\u202eleft and \u2066isolate\u2069",
    "&amp; &#60;b&#62; &lt;",
    "<script>alert(1)</script>",
    "a *star* _under_ `code` | pipe # hash",
]
PLAIN = "Plain “words”"  # on a Spanish page, curly-quoted words of an untranslated field are marked lang="en"
# A translation's curly-quoted words are marked lang="en" (render.py); a translation may quote
# only words its English has (translations.quote_problems), so the plain one quotes one of them.
PLAIN_ES = "Palabras “{word}”"
_ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
JINJA_RESULT = str(7 * 191)
ROUNDS = 3  # builds after a refusal: the problems it prints, then what a flood of them hid
THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"  # then new examples each run, not the same few
EXAMPLES = 12 if THOROUGH else 2
PROBLEM = re.compile(r"^(?:seeds|translations)/[^:\s]+:\d+:\d+: [^:]+: .+")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]")  # the fields the code fills in (ui.po)
FOLDERS = ("seeds", "translations", "docs", "schema", "overrides", "record_builder")


# ---- the text fields of the schema, and where the record holds them ------------------------------

def schema_fields(record: Record, prefix: str = "") -> list[str]:
    found = []
    for spec in record.fields:
        kind = spec.type.inner if isinstance(spec.type, Nullable) else spec.type
        path = prefix + spec.name
        if isinstance(kind, Text):
            found.append(path)
        elif isinstance(kind, ListOf) and isinstance(kind.item, Text):
            found.append(path + "[]")
        elif isinstance(kind, Record):
            found += schema_fields(kind, path + ".")
        elif isinstance(kind, ListOf) and isinstance(kind.item, Record):
            found += schema_fields(kind.item, path + "[].")
        elif isinstance(kind, DateType) and record is not DATE_RECORD:
            found += schema_fields(DATE_RECORD, path + ".")
    return found


def text_leaves(record: Record, value, keys: tuple = (), prefix: str = ""):
    """(keys into the loaded YAML, the schema's field path) of every text the file holds."""
    if not isinstance(value, dict):
        return
    for spec in record.fields:
        raw = value.get(spec.name)
        if raw is None:
            continue
        kind = spec.type.inner if isinstance(spec.type, Nullable) else spec.type
        path, here = prefix + spec.name, keys + (spec.name,)
        if isinstance(kind, Text) and isinstance(raw, str):
            yield here, path
        elif isinstance(kind, ListOf) and isinstance(kind.item, Text) and isinstance(raw, list):
            yield from ((here + (i,), path + "[]") for i, item in enumerate(raw) if isinstance(item, str))
        elif isinstance(kind, Record):
            yield from text_leaves(kind, raw, here, path + ".")
        elif isinstance(kind, ListOf) and isinstance(kind.item, Record) and isinstance(raw, list):
            for i, item in enumerate(raw):
                yield from text_leaves(kind.item, item, here + (i,), path + "[].")
        elif isinstance(kind, DateType) and record is not DATE_RECORD and isinstance(raw, dict):
            yield from text_leaves(DATE_RECORD, raw, here, path + ".")


def field_name(keys: tuple) -> str:
    """The field as the build's messages name it: events[0].date.derived."""
    return "".join(f"[{k}]" if isinstance(k, int) else (f".{k}" if i else k) for i, k in enumerate(keys))


def _set(data, keys: tuple, value) -> None:
    for key in keys[:-1]:
        data = data[key]
    data[keys[-1]] = value


# ---- the project, written with the texts an example chose ----------------------------------------

class Project:
    """A copy of the project whose texts are set field by field, then built."""

    def __init__(self, root: Path):
        self.root = root
        self.seeds: dict[str, dict] = {}  # seed path -> loaded YAML
        self.leaves: list[tuple[str, tuple, str]] = []  # (seed path, keys, schema field)
        for kind, record in KINDS.items():
            for path in sorted((root / "seeds" / kind).glob("*.yaml")):
                shown = path.relative_to(root).as_posix()
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
                self.seeds[shown] = data
                self.leaves += [(shown, keys, f"{kind}:{field}") for keys, field in text_leaves(record, data)]
        self.catalogs: dict[str, bytes] = {
            p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "translations").rglob("*.po"))}
        self.english = {path: yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
                        for path, data in self.seeds.items()}

    def write_seeds(self, texts: dict) -> None:
        """Every text of the seeds: texts[(path, keys)], or plain words. The record's catalogs
        are set aside (its interface catalogs kept): with no translation, the Spanish pages
        print these texts in English, marked as awaiting translation."""
        for path, original in self.catalogs.items():
            record_catalog = path.count("/") > 2  # translations/es/<kind>/<id>.po
            if record_catalog:
                (self.root / path).unlink(missing_ok=True)
            else:
                (self.root / path).write_bytes(original)
        for path in self.seeds:
            copy = yaml.safe_load(self.english[path])
            for shown, keys, _ in self.leaves:
                if shown == path:
                    _set(copy, keys, texts.get((path, keys), _plain(keys)))
            (self.root / path).write_text(yaml.safe_dump(copy, allow_unicode=True, sort_keys=False, width=1000),
                                          encoding="utf-8")

    def write_catalogs(self, texts: dict) -> None:
        """The English as the record holds it (so every translation is current), and every
        msgstr texts[(catalog, msgctxt, msgid)], or plain words, with the msgid's placeholders."""
        for path in self.seeds:
            (self.root / path).write_text(self.english[path], encoding="utf-8")
        for path, original in self.catalogs.items():
            catalog = read_po(io.BytesIO(original))
            for message in catalog:
                if message.id and isinstance(message.id, str):
                    chosen = texts.get((path, message.context, message.id), _plain_es(message.id))
                    holders = " ".join(PLACEHOLDER.findall(message.id))
                    message.string = f"{chosen} {holders}".strip()
                    message.flags.discard("fuzzy")
            (self.root / path).write_bytes(catalogs.catalog_text(catalog))

    def messages(self) -> list[tuple[str, str | None, str]]:
        found = []
        for path, original in self.catalogs.items():
            catalog = read_po(io.BytesIO(original))
            found += [(path, m.context, m.id) for m in catalog if m.id and isinstance(m.id, str)]
        return found

    def build(self, site: Path) -> tuple[int, list[str]]:
        """build_pages.py (the copy's own, so its ui.po is the one read), then mkdocs build --strict."""
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
        done = subprocess.run([sys.executable, "build_pages.py", "--root", "."], cwd=self.root,
                              capture_output=True, text=True, timeout=300, env=env)
        if done.returncode != 0:
            return done.returncode, done.stderr.splitlines()
        assert "Traceback" not in done.stderr, done.stderr
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                              cwd=self.root, capture_output=True, text=True, timeout=300, env=env)
        assert done.returncode == 0, done.stderr[-3000:]
        return 0, []


def _plain(keys: tuple) -> str:
    index = keys[-1] if isinstance(keys[-1], int) else 0
    return PLAIN if not index else f"{PLAIN} {index}"  # items of one list stay distinct


def _plain_es(english: str) -> str:
    word = _ENGLISH_WORD.search(english)
    return PLAIN_ES.format(word=word.group()) if word else "Palabras simples"


def _refused_text(text: str) -> bool:
    """Whether the schema's text type refuses `text` wherever it stands (markup, entities,
    direction controls)."""
    return bool(list(Text(max_length=10_000).check(text, Where("f", 1, 1, "f"))))


def _refused(lines: list[str]) -> list[tuple[str, int, str]]:
    """(file, line, field) of each problem; each must name its file, line and field, and the
    run must end saying nothing was written."""
    assert lines and lines[-1].endswith("nothing was written."), lines[-5:]
    found = []
    for line in lines[:-1]:
        if line.startswith(("warning:", "... and ")):
            continue
        assert PROBLEM.match(line), line
        assert "Traceback" not in line
        path, number, _, rest = line.split(":", 3)
        found.append((path, int(number), rest.strip().split(":", 1)[0]))
    assert found, lines
    return found


# ---- what a built site is made of ------------------------------------------------------------------

def shapes(site: Path) -> dict[str, set]:
    """Per file: the set of (element, its attribute names) of every HTML page, SVG and
    search-index entry, and the count of JINJA_RESULT in its text."""
    found: dict[str, set] = {}
    for path in sorted(site.rglob("*")):
        shown = path.relative_to(site).as_posix()
        if path.suffix in (".html", ".svg"):
            found[shown] = _shapes_of(path.read_text(encoding="utf-8"))
        elif path.name.startswith("search_index") and path.suffix == ".json":
            docs = json.loads(path.read_text(encoding="utf-8")).get("docs", [])
            found[shown] = set().union(*(_shapes_of(f"{d.get('title', '')}<hr>{d.get('text', '')}") for d in docs))
    return found


def _shapes_of(text: str) -> set:
    tree = LexborHTMLParser(text)
    found = {(node.tag, tuple(sorted(node.attributes))) for node in tree.root.traverse()} if tree.root else set()
    return found | {("jinja-result", text.count(JINJA_RESULT))}


def assert_inert(built: dict, plain: dict, payloads: dict) -> None:
    assert set(built) == set(plain), set(built) ^ set(plain)
    for page in sorted(built):
        extra = built[page] - plain[page]
        assert not extra, (f"{page}: {sorted(extra)} (payloads: {sorted(set(payloads.values()))})")


# ---- the tests -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Project:
    root = tmp_path_factory.mktemp("ways-in") / "project"
    root.mkdir()
    for name in ("mkdocs.yml", "build_pages.py", "CITATION.cff"):
        shutil.copy2(ROOT / name, root / name)
    for folder in FOLDERS:
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__", ".build-stamp*"))
    return Project(root)


@pytest.fixture(scope="module")
def plain_sites(project, tmp_path_factory) -> dict:
    """The same builds with plain words: every seed text, then every msgstr."""
    sites = {}
    for name, write in (("seeds", project.write_seeds), ("catalogs", project.write_catalogs)):
        site = tmp_path_factory.mktemp(f"plain-{name}")
        write({})
        code, lines = project.build(site)
        assert code == 0, lines
        sites[name] = shapes(site)
    return sites


def test_the_record_holds_every_text_field_of_the_schema(project):
    """Not a requirement of a corpus: a field the record lacks is only named, since the tests
    below cannot try it."""
    held = {field for _, _, field in project.leaves}
    every = {f"{kind}:{field}" for kind, record in KINDS.items() for field in schema_fields(record)}
    if every - held:
        warnings.warn(f"text fields no seed file holds, so not tried with payloads: {sorted(every - held)}", stacklevel=2)
    assert held <= every


@settings(max_examples=EXAMPLES, deadline=None, derandomize=not THOROUGH, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_every_text_field_is_refused_or_built_inert(project, plain_sites, tmp_path_factory, data):
    fields = sorted({field for _, _, field in project.leaves})
    chosen = {field: data.draw(st.sampled_from(PAYLOADS), label=field) for field in fields}
    texts = {(path, keys): chosen[field] + ("" if not isinstance(keys[-1], int) or not keys[-1] else f" {keys[-1]}")
             for path, keys, field in project.leaves}
    project.write_seeds(texts)
    site = tmp_path_factory.mktemp("seeds")
    code, lines = project.build(site)
    for _ in range(ROUNDS):  # refused: put those texts back to plain words, build the rest
        if code == 0:
            break
        refused = {(path, field) for path, _, field in _refused(lines)}
        # A flood of one problem is counted, not printed: what the text type refuses goes too.
        texts = {key: text for key, text in texts.items()
                 if (key[0], field_name(key[1])) not in refused and not _refused_text(text)}
        project.write_seeds(texts)
        code, lines = project.build(site)
    assert code == 0, lines
    assert_inert(shapes(site), plain_sites["seeds"], texts)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=not THOROUGH, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_every_msgstr_is_refused_or_built_inert(project, plain_sites, tmp_path_factory, data):
    messages = project.messages()
    payloads = data.draw(st.lists(st.sampled_from(PAYLOADS), min_size=len(PAYLOADS), max_size=len(PAYLOADS)))
    texts = {message: payloads[i % len(payloads)] for i, message in enumerate(messages)}
    project.write_catalogs(texts)
    site = tmp_path_factory.mktemp("catalogs")
    code, lines = project.build(site)
    for _ in range(ROUNDS):
        if code == 0:
            break
        refused = {(path, line) for path, line, _ in _refused(lines)}
        texts = {key: text for key, text in texts.items() if not _at(project, key, refused) and not _refused_text(text)}
        project.write_catalogs(texts)
        code, lines = project.build(site)
    assert code == 0, lines
    assert_inert(shapes(site), plain_sites["catalogs"], texts)


def _at(project: Project, key: tuple, refused: set) -> bool:
    """Whether the message `key` (catalog, msgctxt, msgid) is where a problem was reported."""
    path, context, msgid = key
    lines = {line for where, line in refused if where == path}
    if not lines:
        return False
    catalog = read_po((project.root / path).open("rb"))
    return any(m.context == context and m.id == msgid and m.lineno in lines for m in catalog)
