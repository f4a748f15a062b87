"""The record's pages, one function a page (with its continuation pages), each a job of the
render stage: `function(renderer, ...) -> {project path: text}`.

The renderer (render.Pages) gives each its language, templates and links; these choose what
goes on the page and in which template.
"""

from __future__ import annotations

from . import chart, exports, formatdoc, i18n, locations
from .changes import history, version, version_date
from .feed import PATH as FEED_PATH, atom
from .layout import ListSection, shared_limit
from .model import Actor, LegalQuestion, Source
from .page_sections import actor_sections, legal_sections


def fixed(pages) -> dict[str, str]:
    """The home page, the section indexes, the sources' list, the exports page and the format reference."""
    _ = i18n.translator(pages.lang)
    index = locations.folder_index("source")
    sources = ListSection("sources", _("All sources"), pages.record.sources, "source-row", index,
                          _("Sources"), pages.budgets.table_rows, budgets=pages.budgets)
    out = {
        docs(locations.HOME): pages.render("home.md.j2", locations.HOME, "seeds/"),
        **{docs(locations.folder_index(kind)): pages.render(f"{folder}_index.md.j2", locations.folder_index(kind),
                                                            f"seeds/{folder}/")
           for kind, folder in locations.FOLDERS.items() if kind != "source"},
        docs(index): pages.render("sources_index.md.j2", index, "seeds/sources/", sources=sources),
        docs(locations.EXPORTS_PAGE): pages.render(
            "exports.md.j2", locations.EXPORTS_PAGE, "record_builder/exports.py",
            timeline_columns=exports.TIMELINE_CSV_COLUMNS, figures_columns=exports.FIGURES_CSV_COLUMNS,
            json_shape=exports.TIMELINE_JSON_SHAPE),
    }
    pages.continuations(out, [sources], "seeds/sources/")
    if pages.lang == i18n.DEFAULT:  # the format reference is for contributors, in English only
        out[docs(locations.FORMAT)] = pages.render("format.md.j2", locations.FORMAT, "record_builder/schema.py",
                                                   records=formatdoc.records())
    return out


def timeline_overview(pages) -> dict[str, str]:
    layout = pages.timeline
    first = layout.pages[0] if layout.pages else None
    return {docs(locations.TIMELINE): pages.render("timeline.md.j2", locations.TIMELINE, "seeds/sources/",
                                                   layout=layout, page=None if layout.overview else first)}


def timeline_page(pages, page) -> dict[str, str]:
    return {docs(page.path): pages.render("timeline_month.md.j2", page.path, "seeds/sources/", page=page)}


def figures(pages) -> dict[str, str]:
    measures = pages.record.measures
    limit = shared_limit([m.figures for m in measures], pages.budgets.table_rows)
    heading = i18n.translator(pages.lang)("Reported figures")
    sections = {m.id: ListSection(m.id, m.label, m.figures, "figure-row", locations.FIGURES, heading, limit,
                                  budgets=pages.budgets)
                for m in measures}
    drawings = {measure.id: {layout.name: (chart.chart_path(measure, layout),
                                           chart.measure_svg(measure, pages.links.citation_text, layout, pages.lang))
                             for layout in chart.LAYOUTS}
                for measure in chart.charted_measures(measures)}
    charts = {mid: {name: (path, *chart.chart_size(svg)) for name, (path, svg) in by_layout.items()}
              for mid, by_layout in drawings.items()}
    out = {docs(locations.FIGURES): pages.render("figures.md.j2", locations.FIGURES, "seeds/sources/",
                                                 charts=charts, sections=sections)}
    pages.continuations(out, sections.values(), "seeds/sources/")
    out.update({docs(path): svg for by_layout in drawings.values() for path, svg in by_layout.values()})
    return out


def actor(pages, actor: Actor) -> dict[str, str]:
    sections = actor_sections(actor, pages.budgets, pages.lang)
    page = locations.record_page("actor", actor.id)
    out = {docs(page): pages.render("actor.md.j2", page, actor.yaml_path, actor=actor, sections=sections)}
    pages.continuations(out, sections, actor.yaml_path)
    return out


def legal(pages, question: LegalQuestion) -> dict[str, str]:
    sections = legal_sections(question, pages.budgets, pages.lang)
    page = locations.record_page("legal", question.id)
    out = {docs(page): pages.render("legal.md.j2", page, question.yaml_path, question=question, **sections)}
    pages.continuations(out, [v for k, v in sections.items() if k not in ("parties", "parties_continued")],
                        question.yaml_path)
    shared = sections["parties_continued"]
    for path, number, parts in shared.pages():
        out[docs(path)] = pages.render("list_group_page.md.j2", path, question.yaml_path, shared=shared,
                                       number=number, parts=parts)
    return out


def source(pages, source: Source) -> dict[str, str]:
    page = locations.record_page("source", source.id)
    return {docs(page): pages.render("source.md.j2", page, source.yaml_path, source=source)}


def history_files(pages) -> dict[str, str]:
    """The files that follow the record over time: the corrections page, the Atom feed and
    CITATION.cff (whose version every page's citation also gives)."""
    record = pages.record
    changes = history(record)
    latest = version_date(record)
    _ = i18n.translator(pages.lang)
    # One addition a source: at 10,000 events a list of a thousand, paged as long lists are.
    additions = ListSection("additions", _("Additions"), [c for c in changes if c.kind == "addition"],
                            "addition", locations.CORRECTIONS, _("Corrections and additions"),
                            budgets=pages.budgets)
    out = {
        docs(locations.CORRECTIONS): pages.render(
            "corrections.md.j2", locations.CORRECTIONS, "seeds/sources/",
            corrections=[c for c in changes if c.kind == "correction"], additions=additions,
            undated=[s for s in record.sources if s.published is None]),
        FEED_PATH: atom(record),
        "CITATION.cff": pages.env.get_template("citation.cff.j2").render(
            version=version(record), released=latest.sort_key()[0] if latest else None),
    }
    pages.continuations(out, [additions], "seeds/sources/")
    return out


def schema_files() -> dict[str, str]:
    return formatdoc.schema_files()


def docs(path: str) -> str:
    """The project path of the page or file `path` of docs/."""
    return f"docs/{path}"
