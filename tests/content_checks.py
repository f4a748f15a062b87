"""What must hold for any corpus and needs more than the YAML: its source texts, and its pages.

Every rule of a seed file's content that the repository alone can decide is the validator's
(record_builder/validate.py and rules.py), so `python3 tasks.py site` says it with file, line
and field; tests/test_bad_input.py holds a case of each. What stays here needs what the
validator does not read:

- the source texts the record summarises, in ../shared/seeds/ beside the project (kept outside
  the repository, so a clone from GitHub has none): the quotes, names, headlines and addresses
  as written, and what an undated source may date. A check reads a source's text where the
  source names it (origin.file) and the file is at hand, and passes over the others
  (`tasks.py quotes` checks those against a saved copy of the article); tests/test_content.py
  skips these checks, saying so, where the folder is missing;
- the pages built from the YAML (docs/): each statement and figure reaches the pages that
  must show it, a check of the generator rather than of the seeds.

Each check takes a Corpus (a project folder: seeds/, and docs/ once built) and returns its
problems as lines, empty when all is well. tests/test_content.py runs every check on the
repository; tests/test_walkthrough.py runs them on a copy of it with a new article added, as a
contributor would, so none of them may depend on how many sources, actors or questions there
are. The checks read the YAML with yaml.safe_load, not through record_builder, so they guard
the content whatever shape the generator takes. Optional fields stay optional: every one is
read with .get().
"""

from __future__ import annotations

import html
import re
from functools import cached_property
from pathlib import Path

import yaml

FOLDERS = ("sources", "actors", "legal")
SHARED_MISSING = ("no source texts at {shared}, so the checks of exact wording against them did not run: the"
                  " texts are kept outside the repository, beside the project folder; put them there (one text"
                  " file per article, named as each source's origin.file) to run them")


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


def listed_actors(source: dict) -> list[str]:
    return [role["actor"] for role in items(source, "actors") if role.get("actor")]


def quotes(corpus: Corpus):
    """(source id, where, quote, the source) for every quote of every source."""
    for sid, source in corpus.sources.items():
        for key in ("statements", "legal_points"):
            for index, item in enumerate(items(source, key)):
                if item.get("quote"):
                    yield sid, f"{key}[{index}].quote", item["quote"], source


# ---- exact words against the source texts ---------------------------------------------------


def check_quotes_verbatim(corpus: Corpus) -> list[str]:
    missing = []
    for sid, where, quote, source in quotes(corpus):
        text = corpus.text_of(source)
        if text is not None and norm(quote) not in text:
            missing.append(f"{sid} {where}: {quote!r} is not in its source text")
    return missing


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


def check_addresses_are_in_their_texts(corpus: Corpus) -> list[str]:
    """Never guess an address: where the text is at hand, it gives the source's address."""
    problems = []
    for sid, source in corpus.sources.items():
        url, text = source.get("url"), corpus.text_of(source)
        if url and text is not None and url not in text:
            problems.append(f"{sid}: url {url!r} is not in its source text: never guess an address")
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


SHARED_CHECKS = [check_addresses_are_in_their_texts, check_aliases_are_spellings_in_the_sources,
                 check_headings_and_headlines_verbatim, check_named_as_verbatim, check_quotes_verbatim,
                 check_undated_sources_date_only_what_they_state]  # they read ../shared/seeds/
PAGE_CHECKS = [check_figures_reach_the_figures_page, check_statements_reach_their_pages]  # they read docs/
CHECKS = SHARED_CHECKS + PAGE_CHECKS
assert set(CHECKS) == {value for name, value in globals().items() if name.startswith("check_")}
