"""Stage 4, render: the resolved record through Jinja templates into page texts.

Every value a template prints is escaped for Markdown and HTML unless the code marked it safe
(escaping.py), so no text from the YAML can become markup on the site, whatever it contains.
A Pages renders the record in one language: its templates' words, dates and numbers are
that language's (the filters are bound to it), and so are the record's texts (record.py builds
one record per language). The English Pages renders the other languages' editions too.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import metadata
import re
import sys
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import changes, exports, formats, i18n, locations, pages as page_jobs, words
from .escaping import (
    html_text, html_value, md_escape, md_paragraphs, paragraph_list, quoted,
    url_link,
)
from .layout import BUDGETS, Budgets, timeline_layout
from .links import Links
from .model import Record, Statement, event_legal, named_as, parties_of, timeline_actors
from .record import build_record
from .timeline import dating_notes, is_band, loose_tail
from .texts import Quoting
from .translations import catalog_path
from .write import GENERATED_MARK

TEMPLATES = Path(__file__).parent / "templates"
# Compiled templates are kept between runs (a run compiles the 24 templates in about 0.27 s, a
# large share of a small build), in Jinja's own folder for them: in the system's temporary
# folder, the user's, which Jinja makes private and refuses if anyone else owns it. Never in
# the repository, where a pull request could commit compiled code for the build to run. Each
# file is named by everything the compiled code depends on besides its template's source
# (which Jinja checks itself): this file (the environments' settings) and Jinja's and
# Python's versions.
_BLANK_LINES = re.compile(r"\n{3,}")


class Pages:
    """Builds every generated file's text, keyed by its path relative to the project root."""

    def __init__(self, record: Record, translations: dict | None = None, lang: str | None = None,
                 budgets: Budgets = BUDGETS, languages: tuple = i18n.LANGUAGES):
        """`translations`: {language: translations.Translations} for the other languages' pages;
        None renders them with every text marked as awaiting translation. `lang`: the language
        of the pages this object renders, the record's (an English Pages makes the other
        languages' itself). `languages`: the editions all() renders (all of them, but a test
        may want one)."""
        self.record = record
        self.lang = lang or record.lang
        self.languages = languages
        self.translations = translations
        self.budgets = budgets  # how much a page may hold (layout.py)
        self.timeline = timeline_layout(record, budgets, self.lang)
        self.links = Links(self.timeline.page_of, words.citation_labels(record.sources, self.lang))
        self.citations = self.links.citations  # id(source) -> short label, unique
        self.page_dates = changes.PageDates(record)  # each page's `updated:` date (changes.py)
        self.html_env = self._environment(html_value, keep_trailing_newline=False)
        self.html_env.globals.update(speaker=self.html_speaker, actor_list=self.html_actor_list)
        self.html_env.filters.update(
            link=self.links.html_link, source_cite=self.links.html_source_cite,
            quoted=lambda words: quoted(words, html_value),
            paragraph_list=paragraph_list, url_link=lambda href: url_link(href, html_value))
        # Markdown: macros return Markup; every other value passes through md_escape.
        self.env = self._environment(md_escape, keep_trailing_newline=True)
        self.env.globals.update(named_as=named_as, blocks=self.html_env.get_template("_blocks.html.j2").module)
        self.env.tests["is_band"] = is_band
        self.env.filters.update(
            link=self.links.link, source_cite=self.links.source_cite,
            quoted=lambda words: quoted(words, md_escape),
            paragraphs=md_paragraphs, url_link=url_link, headline=words.headline, dating_notes=dating_notes,
            loose_tail=loose_tail, is_band=is_band, html=html_text, relative=self.links.relative,
            month_label=functools.partial(words.month_label, lang=self.lang))

    def _environment(self, finalize, keep_trailing_newline: bool) -> jinja2.Environment:
        """A Jinja environment for this language: HTML autoescape with `finalize` on every printed
        value, the interface's words in the language, and the filters both flavours share."""
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, finalize=finalize,
                                 undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                                 keep_trailing_newline=keep_trailing_newline, extensions=["jinja2.ext.i18n"],
                                 bytecode_cache=_compiled(f"{finalize.__name__}-{keep_trailing_newline}"))
        translate = _interface_words(self.lang)
        env.install_gettext_callables(  # type: ignore[attr-defined]  # added by jinja2.ext.i18n
            translate, lambda one, many, n: translate(one if n == 1 else many), newstyle=False)
        lang = self.lang
        env.globals.update(timeline_actors=timeline_actors, event_legal=event_legal, parties_of=parties_of)
        env.filters.update(
            capital=words.capital, link_target=self.links.link_target, cite_text=self.links.citation_text,
            when=functools.partial(words.when, lang=lang), kind_words=functools.partial(words.kind_words, lang=lang),
            plural=functools.partial(words.plural, lang=lang), date=functools.partial(formats.date_label, lang=lang),
            amount=functools.partial(formats.amount, lang=lang))
        return env

    # Small pieces the HTML blocks print for every item, as Python rather than Jinja macros:
    # a macro call costs Jinja several times a function call, and these run 100,000s of times.
    def html_speaker(self, statement: Statement, here: str) -> Markup:
        if statement.by:
            return self.links.html_link(statement.by, here)
        return html_value(i18n.translator(self.lang)("Speaker not named in the source"))

    def html_actor_list(self, actors, here: str, inline: bool = False) -> Markup:
        """Links to the actors; `inline`: named as inside a sentence (Actor.in_sentence)."""
        return Markup(", ").join(self.links.html_link(actor, here, actor.in_sentence if inline else None)
                                 for actor in actors)

    # ---- pages -------------------------------------------------------------------

    def render(self, template: str, here: str, edit_source: str, **context) -> str:
        # site_root: from a language's root (docs/ or docs/es/) to the site's, for the files that exist
        # once for every language (the offline zip).
        site_root = "" if self.lang == i18n.DEFAULT else "../"
        self.links.begin_page(here)
        body = self.env.get_template(template).render(record=self.record, here=here, site_root=site_root, **context)
        body = _BLANK_LINES.sub("\n\n", body)  # templates' conditional blocks leave runs of blank lines
        if self.lang != i18n.DEFAULT and edit_source.startswith("seeds/") and edit_source.endswith(".yaml"):
            edit_source = catalog_path(self.lang, edit_source)  # the page's words are the translation's
        header = (f"---\n{GENERATED_MARK} from {edit_source}. Do not edit this page: edit the YAML and run"
                  f" `python build_pages.py`.\nedit_source: {edit_source}\n"
                  f"{self.page_dates.front_matter(here, self.links.cited, self.lang)}---\n")
        return header + body.strip("\n") + "\n"

    def continuations(self, out: dict, sections, edit_source: str) -> None:
        """The continuation pages of every list too long for its page."""
        for section in sections:
            for path, first, last, chunk in section.pages():
                out[page_jobs.docs(path)] = self.render("list_page.md.j2", path, edit_source, section=section,
                                                        chunk=chunk, first=first, last=last)

    def all(self, workers: int | None = 1) -> dict[str, str]:
        """Every generated file's text, in a fixed order: the English pages, then each other
        language's under docs/<lang>/. `workers` > 1 shares the jobs among forked processes
        (parallel.py), which gives the same texts; None lets parallel.py choose from the cores
        and the amount of work."""
        if self.lang != i18n.DEFAULT:
            return self._rendered(workers)
        out = self._rendered(workers) if i18n.DEFAULT in self.languages else {}
        for lang in self.languages:
            if lang == i18n.DEFAULT:
                continue
            found = (self.translations or {}).get(lang)
            assert self.record.checked is not None, "a record made by record.build_record knows its files"
            other = Pages(build_record(self.record.checked, lang, found), budgets=self.budgets)
            for path, text in other._rendered(workers).items():
                target = localised_path(path, lang)
                if target is not None:
                    out[target] = text
        return out

    def _rendered(self, workers: int | None) -> dict[str, str]:
        from .parallel import run_jobs, workers_for

        jobs = self.jobs()
        workers = workers_for(len(jobs), workers)
        if workers > 1:
            # compiled once, before the fork, not once per worker (the HTML blocks' in __init__)
            for name in self.env.list_templates(filter_func=lambda name: name.endswith(".md.j2")):
                self.env.get_template(name)
        results = run_jobs(jobs, workers)
        out: dict[str, str] = {}
        for result in results:
            out.update(result)
        return out

    def jobs(self) -> list:
        """The rendering, cut into independent jobs that each return {path: text}: one per
        page of the record (with its continuation pages), a few for the fixed pages. The
        exports come first: the longest job, best started first when jobs run in parallel."""
        return [job for _, job in self.keyed_jobs()]

    def keyed_jobs(self) -> list[tuple[str, object]]:
        """jobs() with a name each, the same from one build to the next (incremental.py keeps
        what each job read under its name)."""
        r, job = self.record, functools.partial
        jobs: list = [("exports", job(exports.all_exports, r)), ("fixed", job(page_jobs.fixed, self)),
                      ("timeline", job(page_jobs.timeline_overview, self))]
        if self.timeline.overview:
            jobs += [(f"timeline:{page.path}", job(page_jobs.timeline_page, self, page)) for page in self.timeline.pages]
        jobs += [("figures", job(page_jobs.figures, self)), ("history", job(page_jobs.history_files, self))]
        jobs += [(f"actor:{actor.id}", job(page_jobs.actor, self, actor)) for actor in r.actors if actor.has_page]
        jobs += [(f"legal:{question.id}", job(page_jobs.legal, self, question)) for question in r.legal]
        jobs += [(f"source:{source.id}", job(page_jobs.source, self, source)) for source in r.sources]
        if self.lang == i18n.DEFAULT:
            jobs.append(("schema", page_jobs.schema_files))
        return jobs


@functools.cache
def _compiled(flavour: str) -> jinja2.BytecodeCache | None:
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(f"{metadata.version('jinja2')} {sys.version} {flavour}".encode())
    try:
        return _CompiledTemplates(pattern=f"__record_builder_{digest.hexdigest()[:16]}_%s.cache")
    except (OSError, RuntimeError):  # no private temporary folder to be had: compile every run
        return None


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates in its folder (written atomically), which never fails a
    build: a file that cannot be read or written only means compiling."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a damaged file: the template is compiled instead
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _interface_words(lang: str):
    """The templates' `_` for `lang`: an interface string in its words; on a page in another
    language than English, the English words a translation quotes (“…”) are marked as such."""
    translate = i18n.translator(lang)
    if lang == i18n.DEFAULT:
        return translate

    def words(message: str) -> str:
        text = translate(message)
        return Quoting(text, i18n.DEFAULT) if "“" in text else text

    return words


def localised_path(path: str, lang: str) -> str | None:
    """Where a file rendered in `lang` goes (its path under docs/ in that language); None for
    what exists once for every language (the editor schemas, CITATION.cff)."""
    if not path.startswith("docs/"):
        return None
    return page_jobs.docs(locations.in_language(path.removeprefix("docs/"), lang))
