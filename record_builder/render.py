"""Stage 4, render: the resolved record through Jinja templates into page texts.

Every value a template prints is escaped for Markdown and HTML unless the code
marked it safe (links and structure built here), so no text from the YAML can
become markup on the site, whatever it contains.
"""

from __future__ import annotations

import datetime as dt
import contextvars
import functools
import json
import re
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from . import changes, chart, exports, formatdoc, i18n, locations, urls
from .dates import MONTHS, parse_date
from .i18n import N_
from .layout import BUDGETS, Budgets, ListSection, SharedContinuation, share_page, shared_limit, timeline_layout
from .record import Actor, Event, LegalQuestion, Record, Source, Statement
from .schema import KINDS
from .timeline import dating_notes, is_band, loose_tail
from .translations import Pending, catalog_path, translated_record
from .write import GENERATED_MARK

TEMPLATES = Path(__file__).parent / "templates"

_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]|#])")
_LINE_START_SPECIAL = re.compile(r"^([\-+=>~:!])")
_NUMBERED_LIST = re.compile(r"^(\d+)([.)])")
_BLANK_LINES = re.compile(r"\n{3,}")


def md_escape(value) -> Markup:
    """Plain text made safe to place anywhere inline in a Markdown page."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    if isinstance(value, Pending):
        return pending(_escape_text(str(value)))
    if QUOTE_LANGUAGE.get() is not None:
        return marked_quotes(_escape_text(str(value)))
    return _escape_text(str(value))


# On a page in another language than the sources', the quotes a translation keeps in their
# original words (in “…”, the translation's own rendering being in «…») are marked with the
# sources' language, so that a screen reader reads them as such (WCAG 3.1.2). Set by Pages
# for the languages it translates into; None (English pages, or sources in several
# languages) marks nothing.
QUOTE_LANGUAGE: contextvars.ContextVar = contextvars.ContextVar("quote_language", default=None)
_QUOTED = re.compile("“([^“”<>]+)”")


def marked_quotes(text: Markup) -> Markup:
    lang = QUOTE_LANGUAGE.get()
    if lang is None or "“" not in text:
        return text
    return Markup(_QUOTED.sub(lambda m: f'“<span lang="{lang}">{m.group(1)}</span>”', str(text)))


def pending(text: Markup) -> Markup:
    """A record text shown in English on a page of another language because its translation is
    missing or out of date (translations.py): marked as English, and said to await translation."""
    # Concatenated, not Markup.format: format goes through string.Formatter in Python, and at
    # 10,000 events every text of an untranslated record passes here (3 s of rendering).
    note = escape(i18n.gettext("translation pending"))  # outside the f-string, where ui_catalog.py finds it
    return Markup(f'<span class="pending-translation" lang="en">{escape(text)}</span> '
                  f'<small class="pending-translation-note">({note})</small>')


@functools.lru_cache(maxsize=1 << 16)  # names, dates and labels recur on many pages
def _escape_text(value: str) -> Markup:
    text = " ".join(value.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _LINE_START_SPECIAL.sub(r"\\\1", text)
    text = _NUMBERED_LIST.sub(r"\1\\\2", text)
    return Markup(text)


def url_link(href: str, escape_text=None) -> Markup:
    """An address as an HTML link built here, never through Markdown's link syntax: the href
    is the normal form of urls.py (plain ASCII, every character Markdown or HTML could read
    percent-encoded) and escaped for the attribute; the text shows the host in Unicode and
    is escaped for Markdown and HTML like any other text."""
    href = urls.normalise(href)  # idempotent on a checked address; refuses anything else
    shown = (escape_text or md_escape)(urls.display(href))
    return Markup(f'<a href="{escape(href)}" rel="noopener noreferrer">{shown}</a>')


# '#' and '&' stay as they are: they only begin the escapes, and '#' is special only at a line's start.
_HTML_MARKDOWN_SPECIAL = {ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]|"}


def html_text(value) -> Markup:
    """Plain text made safe inside raw HTML that Markdown may or may not read again (a
    timeline entry's summary line): HTML-escaped, and Markdown's special characters as
    character references, so either way the reader sees exactly the text."""
    text = Markup(str(escape(" ".join(str(value).split()))).translate(_HTML_MARKDOWN_SPECIAL))
    return pending(text) if isinstance(value, Pending) else marked_quotes(text)


def html_value(value) -> Markup:
    """Plain text made safe inside the HTML blocks (the HTML environment's finalize): white
    space collapsed as md_escape does, HTML-escaped; Markdown never reads these blocks."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    text = _escape_html(str(value))
    if isinstance(value, Pending):
        return pending(text)
    return marked_quotes(text) if QUOTE_LANGUAGE.get() is not None else text


@functools.lru_cache(maxsize=1 << 16)
def _escape_html(value: str) -> Markup:
    # As markupsafe.escape, but an apostrophe stays as it is (it needs no escape outside an
    # attribute, and the blocks quote attributes with "): a character reference (&#39;) on
    # a page sends it to security.py's slow, tag-by-tag check, since one can spell a URL.
    text = " ".join(value.split())
    return Markup(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))


def paragraph_list(value) -> list:
    """A text's blank-line paragraphs, each still a Pending if the text is one."""
    kind = Pending if isinstance(value, Pending) else str
    return [kind(paragraph) for paragraph in str(value).split("\n\n")]


def md_paragraphs(value) -> Markup:
    """Text with blank-line paragraphs, each escaped, kept as separate Markdown paragraphs."""
    escape_paragraph = (lambda text: pending(_escape_text(text))) if isinstance(value, Pending) else md_escape
    return Markup("\n\n".join(escape_paragraph(p) for p in str(value).split("\n\n")))


def _pass_markup(value) -> Markup:
    """Jinja's escape for each printed value, which finalize (md_escape) has already made a
    Markup: markupsafe.escape would copy it into a new, equal Markup (1.4 million copies,
    a fifth of rendering at 10,000 events); this passes it through. Any other value still
    gets markupsafe.escape."""
    if type(value) is Markup:
        return value
    return escape(value)


class _MarkupPassingTemplate(jinja2.Template):
    """A template whose printed values go through _pass_markup instead of markupsafe.escape."""

    @classmethod
    def _from_namespace(cls, environment, namespace, globals):
        namespace["escape"] = _pass_markup  # the name the compiled template calls
        return super()._from_namespace(environment, namespace, globals)


class Pages:
    """Builds every generated file's text, keyed by its path relative to the project root."""

    def __init__(self, record: Record, translations: dict | None = None, lang: str = i18n.DEFAULT,
                 budgets: Budgets = BUDGETS, languages: tuple = i18n.LANGUAGES):
        """`translations`: {language: translations.Translations} for the other languages' pages;
        None renders them with every text marked as awaiting translation. `lang`: the language
        of the pages this object renders (an English Pages makes the other languages' itself).
        `languages`: the editions all() renders (all of them, but a test may want one)."""
        self.record = record
        self.lang = lang
        self.languages = languages
        self.translations = translations
        self.budgets = budgets  # how much a page may hold (layout.py)
        self.timeline = timeline_layout(record, budgets)
        self.citations = citation_labels(record.sources)  # id(source) -> short label, unique
        self.page_dates = changes.PageDates(record)  # each page's `updated:` date (changes.py)
        self._links: dict = {}  # see link()
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,  # macros then return Markup; every other value passes through md_escape
            finalize=md_escape,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            extensions=["jinja2.ext.i18n"],
        )
        self.env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=False)
        self.env.template_class = _MarkupPassingTemplate
        self.html_env = self._html_environment()
        self.env.globals.update(timeline_actors=timeline_actors, event_legal=event_legal, parties_of=parties_of,
                                named_as=named_as, blocks=self.html_env.get_template("_blocks.html.j2").module)
        self.env.tests["is_band"] = is_band
        self.env.filters.update(
            paragraphs=md_paragraphs,
            url_link=url_link,
            link=self.link,
            source_cite=self.source_cite,
            quoted=lambda text: marked_quotes(Markup("“") + md_escape(text) + Markup("”")),
            month_label=month_label,
            headline=headline,
            dating_notes=dating_notes,
            loose_tail=loose_tail,
            is_band=is_band,
            when=when,
            html=html_text,
            kind_words=kind_words,
            link_target=self.link_target,
            cite_text=self.citation_text,
            plural=plural,
            relative=lambda path, here: Markup(locations.relative(here, path)),
            capital=capital,
        )

    def _html_environment(self) -> jinja2.Environment:
        """The environment of the HTML blocks: Jinja's HTML autoescape, every printed value through
        html_value, and the filters of the Markdown environment made for HTML."""
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, finalize=html_value,
                                 undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                                 extensions=["jinja2.ext.i18n"])
        env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=False)
        env.template_class = _MarkupPassingTemplate
        env.globals.update(timeline_actors=timeline_actors, event_legal=event_legal, parties_of=parties_of,
                           speaker=self.html_speaker, actor_list=self.html_actor_list)
        env.filters.update(capital=capital,
            link=self.html_link, source_cite=self.html_source_cite, link_target=self.link_target,
            quoted=lambda text: marked_quotes(Markup("“") + html_value(text) + Markup("”")),
            when=when, kind_words=kind_words, cite_text=self.citation_text, paragraph_list=paragraph_list,
            url_link=lambda href: url_link(href, html_value), plural=plural,
        )
        return env

    # ---- links -------------------------------------------------------------------

    def link(self, target, here: str, text=None, anchor: str | None = None) -> Markup:
        """A relative Markdown link from the page at `here` (e.g. 'actors/x.md') to `target`."""
        return self._cached_link("md", target, here, text, anchor)

    def html_link(self, target, here: str, text=None, anchor: str | None = None) -> Markup:
        """The same link as an HTML <a>, for the HTML blocks (_blocks.html.j2)."""
        return self._cached_link("html", target, here, text, anchor)

    # Small pieces the HTML blocks print for every item, as Python rather than Jinja macros:
    # a macro call costs Jinja several times a function call, and these run 100,000s of times.
    def html_speaker(self, statement: Statement, here: str) -> Markup:
        if statement.by:
            return self.html_link(statement.by, here)
        return html_value(i18n.gettext("Speaker not named in the source"))

    def html_actor_list(self, actors, here: str) -> Markup:
        return Markup(", ").join(self.html_link(actor, here) for actor in actors)

    def _cached_link(self, flavour: str, target, here: str, text, anchor: str | None) -> Markup:
        # A link depends on the folder of `here`, not the page: at 10,000 events 280,000
        # links come from about 30,000 distinct (target, folder) pairs, so each is made once.
        # Record objects are keyed by id() (the record outlives this object); a path by value,
        # since a string made for one call may be freed and its id reused by another.
        key = (flavour, target if isinstance(target, str) else id(target), here.rpartition("/")[0], text, anchor)
        made = self._links.get(key)
        if made is None:
            made = self._links[key] = self._make_link(flavour, target, here, text, anchor)
        return made

    def _make_link(self, flavour: str, target, here: str, text, anchor: str | None) -> Markup:
        escape_text = md_escape if flavour == "md" else html_value
        if isinstance(target, Actor) and not target.has_page:
            return escape_text(text if text is not None else target.name)  # a mention: no page to link to
        href, label = self._href(target, here, anchor)
        shown = escape_text(text if text is not None else label)
        if flavour == "md":
            return Markup(f"[{shown}]({href})")
        return Markup(f'<a href="{_escape_html(href)}">{shown}</a>')

    def _href(self, target, here: str, anchor: str | None) -> tuple[str, str]:
        """The relative address of `target` from the page at `here`, and its label."""
        path, label = _target(target)
        if isinstance(target, Event):
            path = self.timeline.page_of[target.id]
            anchor = anchor or target.id
        elif isinstance(target, Statement):
            path = self.timeline.page_of[target.anchor]
            anchor = target.anchor
        return locations.relative(here, path) + (f"#{anchor}" if anchor else ""), label

    def link_target(self, target, here: str) -> Markup:
        """Only the address of a link (to put around text the template writes)."""
        return _escape_html(self._href(target, here, None)[0])

    def source_cite(self, source: Source, here: str, anchor: str | None = None) -> Markup:
        """A short citation link to the source's page: 'UN News, 10 Oct 2025'."""
        return self.link(source, here, self.citations[id(source)], anchor)

    def html_source_cite(self, source: Source, here: str, anchor: str | None = None) -> Markup:
        return self.html_link(source, here, self.citations[id(source)], anchor)

    def citation_text(self, source: Source) -> str:
        return self.citations[id(source)]

    # ---- pages -------------------------------------------------------------------

    def render(self, template: str, here: str, edit_source: str, **context) -> str:
        # site_root: from a language's root (docs/ or docs/es/) to the site's, for the files that exist
        # once for every language (the offline zip).
        site_root = "" if self.lang == i18n.DEFAULT else "../"
        body = self.env.get_template(template).render(record=self.record, here=here, site_root=site_root, **context)
        body = _BLANK_LINES.sub("\n\n", body)  # templates' conditional blocks leave runs of blank lines
        if self.lang != i18n.DEFAULT and edit_source.startswith("seeds/") and edit_source.endswith(".yaml"):
            edit_source = catalog_path(self.lang, edit_source)  # the page's words are the translation's
        header = (f"---\n{GENERATED_MARK} from {edit_source}. Do not edit this page: edit the YAML and run"
                  f" `python build_pages.py`.\nedit_source: {edit_source}\n"
                  f"{self.page_dates.front_matter(here, body)}---\n")
        return header + body.strip("\n") + "\n"

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
            source_languages = {source.language for source in self.record.sources}
            quotes = source_languages.pop() if len(source_languages) == 1 else None
            marking = QUOTE_LANGUAGE.set(quotes if quotes != lang else None)
            try:
                with i18n.language(lang):  # citations and layout made in __init__ are in the language too
                    other = Pages(translated_record(self.record, found), lang=lang, budgets=self.budgets)
                    for path, text in other._rendered(workers).items():
                        target = localised_path(path, lang)
                        if target is not None:
                            out[target] = text
            finally:
                QUOTE_LANGUAGE.reset(marking)
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
        r = self.record
        jobs = [functools.partial(exports.all_exports, r), self._fixed_pages, self._timeline_overview]
        jobs += [functools.partial(self._timeline_page, page) for page in self.timeline.pages
                 if self.timeline.overview]
        jobs += [self._figures, functools.partial(changes.history_files, self)]
        jobs += [functools.partial(self._actor, actor) for actor in r.actors if actor.has_page]
        jobs += [functools.partial(self._legal, question) for question in r.legal]
        jobs += [functools.partial(self._source, source) for source in r.sources]
        if self.lang == i18n.DEFAULT:
            jobs.append(_schemas)
        return jobs

    def _fixed_pages(self) -> dict[str, str]:
        index = locations.folder_index("source")
        sources = ListSection("sources", i18n.gettext("All sources"), self.record.sources, "source-row", index,
                              i18n.gettext("Sources"), self.budgets.table_rows, budgets=self.budgets)
        pages = {
            _docs(locations.HOME): self.render("home.md.j2", locations.HOME, "seeds/"),
            **{_docs(locations.folder_index(kind)): self.render(f"{folder}_index.md.j2", locations.folder_index(kind),
                                                               f"seeds/{folder}/")
               for kind, folder in locations.FOLDERS.items() if kind != "source"},
            _docs(index): self.render("sources_index.md.j2", index, "seeds/sources/", sources=sources),
            _docs(locations.EXPORTS_PAGE): self.render("exports.md.j2", locations.EXPORTS_PAGE, "record_builder/exports.py",
                                           timeline_columns=exports.TIMELINE_CSV_COLUMNS,
                                           figures_columns=exports.FIGURES_CSV_COLUMNS,
                                           json_shape=exports.TIMELINE_JSON_SHAPE, csv_note=exports.CSV_NOTE),
        }
        self.continuations(pages, [sources], "seeds/sources/")
        if self.lang == i18n.DEFAULT:  # the format reference is for contributors, in English only
            pages[_docs(locations.FORMAT)] = self.render("format.md.j2", locations.FORMAT, "record_builder/schema.py",
                                                  records=formatdoc.records())
        return pages

    def _timeline_overview(self) -> dict[str, str]:
        layout = self.timeline
        first = layout.pages[0] if layout.pages else None
        return {_docs(locations.TIMELINE): self.render("timeline.md.j2", locations.TIMELINE, "seeds/sources/", layout=layout,
                                                page=None if layout.overview else first)}

    def _timeline_page(self, page) -> dict[str, str]:
        return {_docs(page.path): self.render("timeline_month.md.j2", page.path, "seeds/sources/", page=page)}

    def _figures(self) -> dict[str, str]:
        measures = self.record.measures
        limit = shared_limit([m.figures for m in measures], self.budgets.table_rows)
        heading = i18n.gettext("Reported figures")
        sections = {m.id: ListSection(m.id, m.label, m.figures, "figure-row", locations.FIGURES, heading, limit,
                                      budgets=self.budgets)
                    for m in measures}
        drawings = {measure.id: {layout.name: (chart.chart_path(measure, layout),
                                               chart.measure_svg(measure, self.citation_text, layout))
                                 for layout in chart.LAYOUTS}
                    for measure in chart.charted_measures(measures)}
        charts = {mid: {name: (path, *chart.chart_size(svg)) for name, (path, svg) in by_layout.items()}
                  for mid, by_layout in drawings.items()}
        out = {_docs(locations.FIGURES): self.render("figures.md.j2", locations.FIGURES, "seeds/sources/",
                                              charts=charts, sections=sections)}
        self.continuations(out, sections.values(), "seeds/sources/")
        out.update({f"docs/{path}": svg for by_layout in drawings.values() for path, svg in by_layout.values()})
        return out

    def _actor(self, actor: Actor) -> dict[str, str]:
        sections = actor_sections(actor, self.budgets)
        page = locations.record_page("actor", actor.id)
        out = {_docs(page): self.render("actor.md.j2", page, actor.yaml_path, actor=actor, sections=sections)}
        self.continuations(out, sections, actor.yaml_path)
        return out

    def _legal(self, question: LegalQuestion) -> dict[str, str]:
        sections = legal_sections(question, self.budgets)
        page = locations.record_page("legal", question.id)
        out = {_docs(page): self.render("legal.md.j2", page, question.yaml_path, question=question, **sections)}
        self.continuations(out, [v for k, v in sections.items() if k not in ("parties", "parties_continued")],
                           question.yaml_path)
        shared = sections["parties_continued"]
        for path, number, parts in shared.pages():
            out[_docs(path)] = self.render("list_group_page.md.j2", path, question.yaml_path, shared=shared,
                                           number=number, parts=parts)
        return out

    def _source(self, source: Source) -> dict[str, str]:
        page = locations.record_page("source", source.id)
        return {_docs(page): self.render("source.md.j2", page, source.yaml_path, source=source)}

    def continuations(self, out: dict, sections, edit_source: str) -> None:
        """The continuation pages of every list too long for its page."""
        for section in sections:
            for path, first, last, chunk in section.pages():
                out[_docs(path)] = self.render("list_page.md.j2", path, edit_source, section=section,
                                                  chunk=chunk, first=first, last=last)


def localised_path(path: str, lang: str) -> str | None:
    """Where a file rendered in `lang` goes (its path under docs/ in that language); None for
    what exists once for every language (the editor schemas, CITATION.cff)."""
    if not path.startswith("docs/"):
        return None
    return _docs(locations.in_language(path.removeprefix("docs/"), lang))


def _docs(path: str) -> str:
    """The project path of the page or file `path` of docs/."""
    return f"docs/{path}"


def _schemas() -> dict[str, str]:
    out = {}
    for kind in KINDS:
        out[schema_path(kind)] = json_schema_text(kind)
        out[schema_path(kind).replace(".schema.json", ".template.yaml")] = formatdoc.yaml_template(kind)
    return out


def actor_sections(actor: Actor, budgets: Budgets) -> list[ListSection]:
    base = locations.record_page("actor", actor.id)
    _ = i18n.gettext
    return share_page([ListSection(name, title, items, kind, base, actor.name, budgets=budgets)
                       for name, title, items, kind in (
        ("roles", _("Roles in the sources"), actor.roles, "role"),
        ("statements", _("Statements"), actor.statements_by, "statement"),
        ("statements-about", _("Statements about %(name)s") % {"name": actor.name}, actor.statements_about,
         "statement-about"),
        ("events", _("Events"), actor.events, "event"),
        ("figures", _("Figures reported"), actor.figures_reported, "figure"),
        ("legal", _("Views on legal questions"), actor.legal_points, "legal-point"),
    )], budgets)


def legal_sections(question: LegalQuestion, budgets: Budgets) -> dict:
    """The lists of a legal page. Each party's statements and disputed points stand together
    under the party (`parties`: [(party or None, positions section, points section)]), so claim
    and counter-claim are read side by side; unattributed points stay under 'What is disputed'."""
    base = locations.record_page("legal", question.id)
    disputes = question.points_of("dispute")
    points_of: dict = {}
    for point in disputes:
        if point.by:
            points_of.setdefault(point.by[0].side, []).append(point)
    statements_of = dict(question.positions_by_party())
    parties = list(statements_of) + [party for party in points_of if party not in statements_of]
    _ = i18n.gettext
    sections = {name: ListSection(name, title, items, kind, base, question.title, budgets=budgets)
                for name, title, items, kind in (
        ("framework", _("The legal framework as the sources state it"), question.points_of("framework"), "framework"),
        ("disputed", _("What is disputed"), [p for p in disputes if not p.by], "framework"),
        ("context", _("Context"), question.points_of("context"), "framework"),
        ("events", _("Related events"), question.events, "event"),
        ("sources", _("Sources"), question.sources, "source"),
    )}
    sections["parties"] = [(party, *_party_sections(party, statements_of.get(party, []), points_of.get(party, []),
                                                    base, question.title, budgets))
                           for party in parties]
    # Half the page for the framework, the disputes, the context, the events and the sources, half
    # for the parties' lists: with hundreds of parties, the framework still shows its first items.
    by_party = [section for _, positions, points in sections["parties"] for section in (positions, points)]
    share_page([section for name, section in sections.items() if name != "parties"], budgets, budgets.list_limit // 2)
    share_page(by_party, budgets, budgets.list_limit - budgets.list_limit // 2)
    sections["parties_continued"] = SharedContinuation("parties", _("Positions of each party"), base, question.title,
                                                       by_party, budgets=budgets)
    return sections


def _party_sections(party, statements: list, points: list, base: str, heading: str, budgets: Budgets) -> tuple:
    name = party.id if party else "unattributed"
    title = party.name if party else i18n.gettext("Speaker not named in the source")
    # Each list's title tells the two apart where they are continued (the legal page shows
    # them under the party's heading).
    _ = i18n.gettext
    said, disputed = _("Statements"), _("What is disputed")  # outside f-strings, where ui_catalog.py finds them
    return (ListSection(f"positions-{name}", f"{title}: {said}", statements, "position", base, heading,
                        party=party, budgets=budgets),
            ListSection(f"points-{name}", f"{title}: {disputed}", points, "framework", base, heading,
                        budgets=budgets))


def timeline_actors(item) -> list:
    """Ids of the actors a timeline entry involves (for the reader's filter): an event's actors,
    whom its accounts cite and who speaks in its statements; a statement's speaker and subjects."""
    if isinstance(item, Statement):
        return _unique_ids(([item.by] if item.by else []) + ([item.via] if item.via else []) + item.about)
    found = list(item.actors) + [a for account in item.accounts for a in account.according_to]
    for statement in item.statements:
        found += ([statement.by] if statement.by else []) + statement.about
    return _unique_ids(found)


def named_as(actor: Actor) -> list:
    """The spellings the sources use for an actor, each once, in the order first met."""
    found = []
    for role in actor.roles:
        found += [name for name in role.named_as if name not in found]
    return found


def event_legal(event: Event) -> list:
    return _unique_ids(list(event.legal) + [q for s in event.statements for q in s.legal])


def parties_of(event: Event) -> list:
    """The names of the sides an event involves, for its summary line: each actor's party."""
    names = []
    for actor in event.actors:
        if actor.side.name not in names:
            names.append(actor.side.name)
    return names


def _unique_ids(items) -> list:
    ids = []
    for item in items:
        if item.id not in ids:
            ids.append(item.id)
    return ids


def schema_path(kind: str) -> str:
    """schema/source.schema.json for seeds/sources/, and so on: what the YAML files point to."""
    return f"schema/{kind.removesuffix('s')}.schema.json"


def json_schema_text(kind: str) -> str:
    return json.dumps(formatdoc.json_schema(kind), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


# What readers call each kind of source, actor and statement (the YAML's ids are for contributors).
# Marked with N_ for the catalog, translated where they are used (kind_words, citation_text).
SOURCE_KIND_WORDS = {
    "news-report": N_("News report"), "un-news-report": N_("UN News article"),
    "agency-page": N_("Text published by an agency"), "official-statement": N_("Official statement"),
    "unsourced-assertion": N_("Assertion with no named author or source"),
}
# The word a citation uses when the source names no publisher.
_CITED_AS = {"news-report": N_("Report"), "un-news-report": N_("UN News"), "agency-page": N_("Agency page"),
             "official-statement": N_("Official statement"), "unsourced-assertion": N_("Unattributed assertion")}
ACTOR_KIND_WORDS = {
    "person": N_("Person"), "state": N_("State"), "government": N_("Government"), "ministry": N_("Ministry"),
    "legislature": N_("Legislators"), "military": N_("Armed forces"), "military-unit": N_("Military unit"),
    "ship": N_("Ship"), "un-body": N_("United Nations body"), "un-official": N_("United Nations official"),
    "international-organisation": N_("International organisation"), "designated-group": N_("Designated group"),
    "armed-group": N_("Armed group"), "media": N_("Media"), "group": N_("Group"), "compilation": N_("Compilation"),
}
# A statement's kind is its own word in English (schema.STATEMENT_KINDS).
STATEMENT_KIND_WORDS = {
    "statement": N_("statement"), "claim": N_("claim"), "allegation": N_("allegation"), "denial": N_("denial"),
    "rejection": N_("rejection"), "demand": N_("demand"), "condemnation": N_("condemnation"),
    "warning": N_("warning"), "call": N_("call"), "offer": N_("offer"), "defence": N_("defence"),
    "report": N_("report"),
}


def kind_words(kind: str, of: str = "actor") -> str:
    """What readers call a kind of actor, source (of="source") or statement (of="statement")."""
    words = {"source": SOURCE_KIND_WORDS, "statement": STATEMENT_KIND_WORDS}.get(of, ACTOR_KIND_WORDS)
    word = words.get(kind)
    if word is None:
        return kind if of == "statement" else kind.replace("-", " ").capitalize()
    return i18n.gettext(word)


def citation_text(source: Source) -> str:
    """A short citation that tells sources apart at a glance: 'UN News, 10 Oct 2025',
    'Report, 1 Dec 2025', 'Undated report', 'Unattributed assertion (undated)'."""
    if source.cite_as:
        return source.cite_as
    cited_as = _CITED_AS.get(source.kind)
    who = source.publisher or (i18n.gettext(cited_as) if cited_as else kind_words(source.kind, "source"))
    if source.published is not None:
        return f"{who}, {source.published.short_label()}"
    if source.publisher is None and source.kind == "news-report":
        return i18n.gettext("Undated report")
    return i18n.gettext("%(who)s (undated)") % {"who": who}


def citation_labels(sources: list) -> dict:
    """id(source) -> its citation, made unique: a second source with the same label gets the
    first words of its title, so two citations never look the same."""
    labels = {id(s): citation_text(s) for s in sources}
    counts: dict = {}
    for label in labels.values():
        counts[label] = counts.get(label, 0) + 1
    for source in sources:
        if counts[labels[id(source)]] > 1:
            words = source.title.split()
            labels[id(source)] += " (“" + " ".join(words[:4]) + ("…" if len(words) > 4 else "") + "”)"
    return labels


# The counts pages give, each noun with its two forms (Spanish, like English, has two).
_COUNTED = {
    "source": lambda n: i18n.ngettext("%(count)s source", "%(count)s sources", n),
    "event": lambda n: i18n.ngettext("%(count)s event", "%(count)s events", n),
    "statement": lambda n: i18n.ngettext("%(count)s statement", "%(count)s statements", n),
    "figure": lambda n: i18n.ngettext("%(count)s figure", "%(count)s figures", n),
    "question": lambda n: i18n.ngettext("%(count)s question", "%(count)s questions", n),
    "entry": lambda n: i18n.ngettext("%(count)s entry", "%(count)s entries", n),
}


def plural(count: int, noun: str) -> str:
    """'1 source', '3 sources' (in the current language)."""
    counted = _COUNTED.get(noun)
    if counted is not None:
        number = str(count) if i18n.current() == i18n.DEFAULT else i18n.format_number(count)
        return counted(count) % {"count": number}
    if count == 1:
        return f"{count} {noun}"
    return f"{count} {noun[:-1]}ies" if noun.endswith("y") else f"{count} {noun}s"


def capital(text: str) -> str:
    """The text with its first letter in capitals."""
    return text[:1].upper() + text[1:]


def headline(title: str) -> str:
    """A source's title as a heading: without the trailing colon or stop some headlines carry
    ("...Maritime crime and piracy :"), which a heading followed by its own text cannot end on.
    Of the same type (a Pending title stays marked as awaiting translation)."""
    return type(title)(title.rstrip(" :;,"))


def month_label(key: str | None) -> str:
    """A timeline section's name: its month, 'Reported by <day>' for a band of what is known only
    as on or before that day (timeline.is_band), or 'Undated'."""
    if key is None:
        return i18n.gettext("Undated")
    if is_band(key):
        return i18n.gettext("Reported by %(date)s") % {"date": parse_date(key).label()}
    year, month = key.split("-")
    if i18n.current() != i18n.DEFAULT:
        return i18n.format_month(dt.date(int(year), int(month), 1))
    return f"{MONTHS[int(month) - 1]} {year}"


def when(date) -> str:
    """A date in words, or 'Undated' when the sources give none."""
    return i18n.gettext("Undated") if date is None else date.label()


def _target(target) -> tuple[str, str]:
    if isinstance(target, Actor):
        return locations.record_page("actor", target.id), target.name
    if isinstance(target, LegalQuestion):
        return locations.record_page("legal", target.id), target.title
    if isinstance(target, Source):
        return locations.record_page("source", target.id), target.title
    if isinstance(target, Event):
        return locations.TIMELINE, target.title  # the page is the layout's: see Pages.link
    if isinstance(target, Statement):
        return locations.TIMELINE, target.said
    if isinstance(target, str):
        return target, target
    raise TypeError(f"cannot link to {target!r}")


