"""What must hold for any corpus: checks of the YAML in seeds/ and of the pages made from it.

Each check takes a Corpus (a project folder: seeds/, and docs/ once built) and returns
its problems as lines, empty when all is well. tests/test_content.py runs every check
on the repository; tests/test_walkthrough.py runs them on a copy of it with a new
article added, as a contributor would, so none of them may depend on how many sources,
actors or questions there are. The checks read the YAML with yaml.safe_load, not
through record_builder, so they guard the content whatever shape the generator takes.
Optional fields stay optional: every one is read with .get().

The source texts the record summarises are in shared/seeds/ beside the project; a
check of exact wording runs where a source names its text there (origin.file) and the
file is at hand, and is skipped for the others (`tasks.py quotes` checks those against
a saved copy of the article).
"""

from __future__ import annotations

import html
import re
from functools import cached_property
from pathlib import Path

import yaml

from record_builder.types import _MARKUP

SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/{}.schema.json"
FOLDERS = {"sources": "source", "actors": "actor", "legal": "legal"}
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Labels that take a side: allowed only in exact words (quotes, spellings as written) and
# in a source's published headline (`title`, and `origin.heading` copied from the text).
LOADED = re.compile(r"(?<![\w-])(narco-terrorists?|narco-terror|regimes?|embattled|stunned)(?![\w-])",
                    re.IGNORECASE)
EXACT_FIELDS = {"quote", "named_as", "as_written"}
# The validator's own rule (record_builder/types.py): a tag or an entity, not every "<" ("5 < 6" is text).
MARKUP = _MARKUP
QUOTE_MARKS = "\"'“”‘’«»"


def norm(text: str) -> str:
    return " ".join(str(text).split())


class Corpus:
    """The YAML of one project folder, loaded once, and its shared source texts."""

    def __init__(self, root: Path, shared: Path | None = None):
        self.root = root
        self.seeds = root / "seeds"
        self.shared = shared if shared is not None else root.resolve().parent / "shared" / "seeds"
        self._texts: dict[str, str | None] = {}

    @cached_property
    def files(self) -> dict[str, dict[str, dict]]:
        return {folder: {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
                         for path in sorted((self.seeds / folder).glob("*.yaml"))} for folder in FOLDERS}

    @property
    def sources(self) -> dict[str, dict]:
        return self.files["sources"]

    @property
    def actors(self) -> dict[str, dict]:
        return self.files["actors"]

    @property
    def legal(self) -> dict[str, dict]:
        return self.files["legal"]

    def text_of(self, source: dict) -> str | None:
        """The source's own text, whitespace folded, when its origin.file is at hand; else None."""
        name = (source.get("origin") or {}).get("file")
        if not name:
            return None
        if name not in self._texts:
            path = self.shared / name
            self._texts[name] = norm(path.read_text(encoding="utf-8")) if path.is_file() else None
        return self._texts[name]

    def page_text(self, *patterns: str) -> str:
        """The generated pages matching the glob patterns under docs/, as plain words."""
        texts = []
        for pattern in patterns:
            for path in sorted((self.root / "docs").glob(pattern)):
                texts.append(path.read_text(encoding="utf-8"))
        return plain("\n".join(texts))


def plain(markdown: str) -> str:
    """Page text as a reader sees its words: Markdown escapes and HTML entities undone."""
    return norm(html.unescape(re.sub(r"\\(.)", r"\1", markdown)))


def items(source: dict, key: str) -> list[dict]:
    return [item for item in source.get(key) or [] if isinstance(item, dict)]


def used_actors(source: dict) -> set[str]:
    used: set[str] = set()
    for event in items(source, "events"):
        used.update(event.get("actors") or [])
        used.update(event.get("according_to") or [])
    for st in items(source, "statements"):
        used.update(a for a in (st.get("by"), st.get("via")) if a)
        used.update(st.get("about") or [])
    for fig in items(source, "figures"):
        used.update(a for a in (fig.get("reported_by"), fig.get("via")) if a)
    for point in items(source, "legal_points"):
        used.update(point.get("by") or [])
        if point.get("quote_by"):
            used.add(point["quote_by"])
    return used


def listed_actors(source: dict) -> list[str]:
    return [role["actor"] for role in items(source, "actors") if role.get("actor")]


def strings(value, path=""):
    """Every string in a loaded YAML value, with its dotted path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from strings(inner, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from strings(inner, f"{path}[{index}]")


def quotes(corpus: Corpus):
    """(source id, where, quote, the source) for every quote of every source."""
    for sid, source in corpus.sources.items():
        for key in ("statements", "legal_points"):
            for index, item in enumerate(items(source, key)):
                if item.get("quote"):
                    yield sid, f"{key}[{index}].quote", item["quote"], source


def event_ids(corpus: Corpus) -> set[str]:
    return {e["event"] for s in corpus.sources.values() for e in items(s, "events")}


# ---- files and ids -------------------------------------------------------------------------


def check_files_ids_and_schema_line(corpus: Corpus) -> list[str]:
    problems = []
    for folder, schema in FOLDERS.items():
        for path in sorted((corpus.seeds / folder).glob("*.yaml")):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            if first != SCHEMA_LINE.format(schema):
                problems.append(f"{folder}/{path.name}: first line is {first!r}")
            ident = corpus.files[folder][path.stem].get("id")
            if ident != path.stem or not SLUG.fullmatch(str(ident)):
                problems.append(f"{folder}/{path.name}: id {ident!r} is not the file's name as a slug")
    return problems


def check_there_is_content(corpus: Corpus) -> list[str]:
    return [f"seeds/{folder}/ is empty" for folder in FOLDERS if not corpus.files[folder]]


# ---- exact words against the source texts ---------------------------------------------------


def check_quotes_verbatim(corpus: Corpus) -> list[str]:
    missing = []
    for sid, where, quote, source in quotes(corpus):
        text = corpus.text_of(source)
        if text is not None and norm(quote) not in text:
            missing.append(f"{sid} {where}: {quote!r} is not in its source text")
    return missing


def check_quotes_without_quotation_marks(corpus: Corpus) -> list[str]:
    return [f"{sid} {where}: {q!r}" for sid, where, q, _ in quotes(corpus)
            if q.strip()[0] in QUOTE_MARKS or q.strip()[-1] in QUOTE_MARKS]


def check_named_as_verbatim(corpus: Corpus) -> list[str]:
    missing = []
    for sid, source in corpus.sources.items():
        text = corpus.text_of(source)
        for role in items(source, "actors"):
            for name in role.get("named_as") or []:
                if text is not None and norm(name) not in text:
                    missing.append(f"{sid}: {role.get('actor')} named_as {name!r}")
    return missing


def check_aliases_are_spellings_in_the_sources(corpus: Corpus) -> list[str]:
    """Aliases feed search, which folds accents itself: no invented unaccented variants. An
    alias is a spelling a source gives as `named_as`, or one found in the text of a source
    that lists the actor; it is judged only when the texts of all those sources are at hand."""
    named = {norm(n) for s in corpus.sources.values() for r in items(s, "actors") for n in r.get("named_as") or []}
    problems = []
    for aid, actor in corpus.actors.items():
        texts = [corpus.text_of(s) for s in corpus.sources.values() if aid in listed_actors(s)]
        if not texts or None in texts:
            continue
        problems += [f"{aid}: alias {alias!r} is in no source that names the actor"
                     for alias in actor.get("aliases") or []
                     if norm(alias) not in named and not any(norm(alias) in text for text in texts)]
    return problems


def check_headings_and_headlines_verbatim(corpus: Corpus) -> list[str]:
    problems = []
    for sid, source in corpus.sources.items():
        text = corpus.text_of(source)
        if text is None:
            continue
        heading = (source.get("origin") or {}).get("heading")
        if heading and norm(heading) not in text:
            problems.append(f"{sid}: origin.heading {heading!r} is not in its text")
        if not source.get("title_is_ours") and norm(source.get("title", "")) not in text:
            problems.append(f"{sid}: the title is not the text's headline (set title_is_ours when it is ours)")
    return problems


# ---- neutral voice and plain text -------------------------------------------------------------


def _exempt(folder: str, path: str) -> bool:
    last = re.sub(r"\[\d+\]", "", path).split(".")[-1]
    return last in EXACT_FIELDS or (folder == "sources" and path in ("title", "origin.heading"))


def check_loaded_labels_only_in_exact_words(corpus: Corpus) -> list[str]:
    found = []
    for folder in FOLDERS:
        for fid, data in corpus.files[folder].items():
            for path, text in strings(data):
                match = LOADED.search(text)
                if match and not _exempt(folder, path):
                    found.append(f"{folder}/{fid}.yaml {path}: {match.group(0)!r} outside a quote")
    return found


def check_no_markup(corpus: Corpus) -> list[str]:
    return [f"{folder}/{fid}.yaml {path}" for folder in FOLDERS for fid, data in corpus.files[folder].items()
            for path, text in strings(data) if MARKUP.search(text)]


def check_addresses(corpus: Corpus) -> list[str]:
    """An address is https, or null with a note saying why; where the text is at hand, it gives the address."""
    problems = []
    for sid, source in corpus.sources.items():
        url, text = source.get("url"), corpus.text_of(source)
        if url is None:
            if not source.get("url_note"):
                problems.append(f"{sid}: url is null, and no url_note says why")
        elif not str(url).startswith("https://"):
            problems.append(f"{sid}: url {url!r} is not https")
        elif text is not None and url not in text:
            problems.append(f"{sid}: url {url!r} is not in its source text: never guess an address")
    return problems


# ---- references -------------------------------------------------------------------------------


def check_actors_used_are_listed_once(corpus: Corpus) -> list[str]:
    problems = []
    for sid, source in corpus.sources.items():
        listed = listed_actors(source)
        problems += [f"{sid}: {a} is used but not listed in actors:" for a in sorted(used_actors(source) - set(listed))]
        problems += [f"{sid}: {a} is listed twice" for a in sorted({a for a in listed if listed.count(a) > 1})]
    return problems


def check_references_resolve(corpus: Corpus) -> list[str]:
    actor_ids, legal_ids, events = set(corpus.actors), set(corpus.legal), event_ids(corpus)
    problems = []
    for sid, source in corpus.sources.items():
        used = used_actors(source) | set(listed_actors(source))
        problems += [f"{sid}: unknown actor {a}" for a in sorted(used - actor_ids)]
        refs = {q for key in ("events", "statements") for item in items(source, key) for q in item.get("legal") or []}
        refs |= {p.get("question") for p in items(source, "legal_points")}
        problems += [f"{sid}: unknown legal question {q}" for q in sorted(refs - legal_ids, key=str)]
        own = {e["event"] for e in items(source, "events")}
        for key in ("statements", "figures", "legal_points"):
            for index, item in enumerate(items(source, key)):
                if item.get("event") and item["event"] not in events:
                    problems.append(f"{sid}: {key}[{index}] refers to unknown event {item['event']}")
                elif item.get("event") and item["event"] not in own:
                    problems.append(f"{sid}: {key}[{index}] event {item['event']} is not among this source's events")
        ids = [e["event"] for e in items(source, "events")]
        problems += [f"{sid}: reports {e} twice" for e in sorted({e for e in ids if ids.count(e) > 1})]
    for aid, actor in corpus.actors.items():
        if actor.get("part_of") and actor["part_of"] not in actor_ids:
            problems.append(f"actor {aid}: unknown part_of {actor['part_of']}")
    for qid, question in corpus.legal.items():
        problems += [f"legal {qid}: bad related {r}" for r in question.get("related") or []
                     if r not in legal_ids or r == qid]
    return problems


def check_every_actor_is_used(corpus: Corpus) -> list[str]:
    listed = {a for s in corpus.sources.values() for a in listed_actors(s)}
    return [f"actor file no source lists: {a}" for a in sorted(set(corpus.actors) - listed)]


def check_every_legal_question_has_material(corpus: Corpus) -> list[str]:
    covered = set()
    for source in corpus.sources.values():
        covered.update(p.get("question") for p in items(source, "legal_points"))
        for key in ("statements", "events"):
            for item in items(source, key):
                covered.update(item.get("legal") or [])
    return [f"legal question with nothing from any source: {q}" for q in sorted(set(corpus.legal) - covered)]


def check_every_source_reports_something(corpus: Corpus) -> list[str]:
    return [f"{sid} reports nothing" for sid, s in corpus.sources.items()
            if not (items(s, "events") or items(s, "statements") or items(s, "legal_points") or items(s, "figures"))]


# ---- dates and figures --------------------------------------------------------------------------


def _dates(value, path=""):
    if isinstance(value, dict):
        for key, inner in value.items():
            sub = f"{path}.{key}" if path else key
            if key in ("date", "published", "as_of") and inner is not None:
                yield sub, inner
            else:
                yield from _dates(inner, sub)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _dates(inner, f"{path}[{index}]")


def check_approximate_dates_are_derived(corpus: Corpus) -> list[str]:
    return [f"{sid} {path}: approximate without 'derived'" for sid, source in corpus.sources.items()
            for path, date in _dates(source)
            if isinstance(date, dict) and date.get("approximate") and not date.get("derived")]


def check_figures_say_who_and_when(corpus: Corpus) -> list[str]:
    """Who gives a figure is either an actor (`reported_by`) or, for a source's own figure whose
    publisher is not an actor of the record, the source itself, said in `attribution`."""
    return [f"{sid} figures[{index}]: needs as_of, and reported_by or an attribution"
            for sid, source in corpus.sources.items() for index, fig in enumerate(items(source, "figures"))
            if not (fig.get("as_of") and (fig.get("reported_by") or fig.get("attribution")))]


# ---- what the pages show ----------------------------------------------------------------------


def check_statements_reach_their_pages(corpus: Corpus) -> list[str]:
    """Each statement is printed in full on the timeline (or its continuation pages, in a large
    record), and its source's page, its speaker's page and each of its questions' pages link to it
    there, by its anchor."""
    if not (corpus.root / "docs" / "sources").is_dir():
        return ["docs/sources/ is missing: build the pages first"]
    timeline = corpus.page_text("timeline.md", "timeline-*.md")
    problems, pages = [], {}
    for sid, source in corpus.sources.items():
        for index, st in enumerate(items(source, "statements")):
            if norm(st.get("said", "")) not in timeline:
                problems.append(f"{sid} statements[{index}] is not printed on the timeline")
            anchor = f'#{sid}--statement-{index + 1}"'  # the end of an href in the HTML lists
            wanted = [f"sources/{sid}"]
            wanted += [f"actors/{st['by']}"] if st.get("by") else []
            wanted += [f"legal/{q}" for q in st.get("legal") or []]
            for page in wanted:
                if page not in pages:
                    pages[page] = corpus.page_text(f"{page}.md", f"{page}--*.md")
                if anchor not in pages[page]:
                    problems.append(f"{sid} statements[{index}]: docs/{page}.md does not link to it")
    return problems


def check_figures_reach_the_figures_page(corpus: Corpus) -> list[str]:
    """Each figure's measure has its section on the figures page, which cites the figure's source."""
    if not (corpus.root / "docs" / "figures.md").is_file():
        return ["docs/figures.md is missing: build the pages first"]
    page = "\n".join(p.read_text(encoding="utf-8") for p in sorted((corpus.root / "docs").glob("figures*.md")))
    problems = []
    for sid, source in corpus.sources.items():
        for index, fig in enumerate(items(source, "figures")):
            if f"{{ #{fig.get('measure')} }}" not in page:
                problems.append(f"{sid} figures[{index}]: no section for {fig.get('measure')!r} on the figures page")
            if f"sources/{sid}.md" not in page:
                problems.append(f"{sid} figures[{index}]: the figures page does not cite {sid}")
    return problems


def check_undated_sources_date_only_what_they_state(corpus: Corpus) -> list[str]:
    """An item of an undated source carries only dates that source states: each month its date
    spans is named in the source text (and each day, with its month), so no date is borrowed
    from another source. The year may be worked out (its reasoning is in `derived`)."""
    from record_builder.dates import MONTHS
    from record_builder.datetype import DateType

    problems = []
    for sid, source in corpus.sources.items():
        text = corpus.text_of(source)
        if source.get("published") is not None or text is None:
            continue
        dated = [(f"events[{i}].date", e.get("date")) for i, e in enumerate(items(source, "events"))]
        dated += [(f"statements[{i}].date", s.get("date")) for i, s in enumerate(items(source, "statements"))]
        dated += [(f"figures[{i}].as_of", f.get("as_of")) for i, f in enumerate(items(source, "figures"))]
        for where, value in dated:
            if value is None:
                continue
            date = DateType().build(value)
            for point in (date.start, date.end):
                if point is None or point.precision == "year":
                    continue
                month = MONTHS[point.first.month - 1]
                day = point.first.day
                if month not in text:
                    problems.append(f"{sid} {where}: {date.label()!r}: the source never names {month}")
                elif point.precision == "day" and f"{day} {month}" not in text and f"{month} {day}" not in text:
                    problems.append(f"{sid} {where}: {date.label()!r}: the source never gives the day {day} {month}")
    return problems


CHECKS = [value for name, value in sorted(globals().items()) if name.startswith("check_")]
