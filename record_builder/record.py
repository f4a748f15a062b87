"""Stage 3, resolve: turn validated files into one linked, sorted, in-memory record per language.

Each file is built by its schema record into its model class (model.py), with its texts in the
record's language: English as written, or for another language each text's current translation
from the catalogs, looked up by file and field path (translations.py), and marked as awaiting
translation where there is none. Then references become objects, every list is put in a stable
order, and each thing learns where it is used (an actor its events, a legal question its
positions), so the templates only read and never look anything up.
"""

from __future__ import annotations

from . import i18n
from .model import Event, Measure, Record, Source, unique
from .schema import KINDS, OVERVIEW
from .timeline import timeline_entries
from .texts import Pending, Quoting, texts_for
from .types import ListOf, Nullable, Ref, Record as SchemaRecord, Text
from .validate import Checked


def build_record(checked: Checked, lang: str = i18n.DEFAULT, translations=None) -> Record:
    """The record in `lang`. For a language other than English, `translations` is that
    language's translations.Translations; None shows every text as awaiting translation."""

    # The language of the words a file quotes: a source's own; for the other files, which
    # quote the sources, theirs when they all share one (else unknown, and left unmarked).
    source_languages = {loaded.data.get("language") for loaded in checked.files.get("sources") or []}
    shared = source_languages.pop() if len(source_languages) == 1 else None

    def built(kind: str) -> list:
        made = []
        for loaded in checked.files.get(kind) or []:
            quote_lang = loaded.data.get("language") if kind == "sources" else shared
            item = KINDS[kind].build(loaded.data, texts_for(lang, translations, loaded.path, quote_lang))
            item.yaml_path = loaded.path
            made.append((loaded, item))
        return made

    actors = {a.id: a for _, a in built("actors")}
    legal = {q.id: q for _, q in built("legal")}
    loaded_sources = built("sources")
    sources = sorted((s for _, s in loaded_sources), key=Source.sort_key)
    if lang != i18n.DEFAULT:
        _keep_headlines(loaded_sources)

    events: dict = {}
    measures: dict = {}
    for source in sources:  # accounts first, so statements and figures in any source can name any event
        for account in source.events:
            account.source = source
            account.event = events.setdefault(account.event, Event(account.event))
            account.event.accounts.append(account)
            for order in account.after:
                order.source = source
        for number, figure in enumerate(source.figures, 1):
            figure.source, figure.number = source, number
            figure.measure = measures.setdefault(figure.measure, Measure(figure.measure))
        for number, statement in enumerate(source.statements, 1):
            statement.source, statement.number = source, number
        for item in source.actors + source.legal_points:
            item.source = source

    tables = {"actor": actors, "legal": legal, "event": events, "source": {s.id: s for s in sources}}
    for kind, things in (("actors", actors.values()), ("legal", legal.values()), ("sources", sources)):
        for thing in things:
            link(thing, KINDS[kind], tables)
    overview = None
    for _, overview in built("overview"):
        link(overview, OVERVIEW, tables)

    _connect(sources, actors, legal, events)
    _sort_everything(sources, actors, legal, events, measures)
    entries = timeline_entries(sorted(events.values(), key=Event.sort_key), sources)
    return Record(
        lang=lang,
        sources=sources,
        actors=sorted(actors.values(), key=lambda a: (a.name.casefold(), a.id)),
        legal=sorted(legal.values(), key=lambda q: (q.order is None, q.order or 0, q.id)),
        events=[entry.event for entry in entries if entry.event is not None],  # in timeline order
        measures=sorted(measures.values(), key=lambda m: m.id),
        overview=overview,
        timeline=entries,
        checked=checked,
    )


def link(thing, record: SchemaRecord, tables: dict) -> None:
    """Replace every reference of `thing` (a model of `record`) and of the things it holds by
    the object it names, as the schema's Ref fields say."""
    for item, item_record in record.walk(thing):
        for spec in item_record.fields:
            kind = spec.type.inner if isinstance(spec.type, Nullable) else spec.type
            value = getattr(item, spec.name)
            if value is None:
                continue
            if isinstance(kind, Ref):
                setattr(item, spec.name, tables[kind.target][value])
            elif isinstance(kind, ListOf) and isinstance(kind.item, Ref):
                table = tables[kind.item.target]
                setattr(item, spec.name, [table[ident] for ident in value])


def _keep_headlines(loaded_sources: list) -> None:
    """A translated headline keeps the headline as published beside it (its exact words)."""
    for loaded, source in loaded_sources:
        english = Text().build(loaded.data["title"])
        if not source.title_is_ours and not isinstance(source.title, Pending) and source.title != english:
            source.original_title = Quoting(english, source.language)


def _connect(sources: list, actors: dict, legal: dict, events: dict) -> None:
    """Each thing learns where it is used."""
    for actor in actors.values():
        if actor.part_of:
            actor.part_of.parts.append(actor)
    for source in sources:
        for role in source.actors:
            role.actor.roles.append(role)
        for statement in source.statements:
            if statement.by:
                statement.by.statements_by.append(statement)
            if statement.via:
                statement.via.vias.append(statement)
            for actor in statement.about:
                actor.statements_about.append(statement)
            for question in statement.legal:
                question.positions.append(statement)
            if statement.event:
                statement.event.statements.append(statement)
        for figure in source.figures:
            figure.measure.figures.append(figure)
            if figure.reported_by:
                figure.reported_by.figures_reported.append(figure)
            if figure.via:
                figure.via.vias.append(figure)
            if figure.event:
                figure.event.figures.append(figure)
        for point in source.legal_points:
            point.question.points.append(point)
            for actor in point.by:
                actor.legal_points.append(point)
            if point.quote_by:
                point.quote_by.quotes.append(point)
            if point.event:
                point.event.legal_points.append(point)
    for event in events.values():
        for actor in event.actors:
            actor.events.append(event)
        for question in event.legal:
            question.events.append(event)
    for question in legal.values():
        question.sources = unique(
            [p.source for p in question.points] + [s.source for s in question.positions]
            + [a.source for ev in question.events for a in ev.accounts if question in a.legal])
        question.sources.sort(key=Source.sort_key)


def _sort_everything(sources, actors, legal, events, measures) -> None:
    # Each thing's sort key is worked out once: an event sits in the lists of many actors and
    # questions, and its key (the earliest of its accounts' dates) is not cheap.
    event_key = {id(e): e.sort_key() for e in events.values()}
    statement_key = {id(s): s.sort_key() for source in sources for s in source.statements}
    figure_key = {id(f): f.sort_key() for source in sources for f in source.figures}
    by_event = lambda e: event_key[id(e)]  # noqa: E731
    by_statement = lambda s: statement_key[id(s)]  # noqa: E731
    by_figure = lambda f: figure_key[id(f)]  # noqa: E731
    for actor in actors.values():
        actor.events.sort(key=by_event)
        actor.statements_by.sort(key=by_statement)
        actor.statements_about.sort(key=by_statement)
        actor.figures_reported.sort(key=by_figure)
        actor.parts.sort(key=lambda a: a.id)
    for question in legal.values():
        question.events.sort(key=by_event)
        question.positions.sort(key=by_statement)
    for event in events.values():
        event.statements.sort(key=by_statement)
        event.figures.sort(key=by_figure)
    for measure in measures.values():
        measure.figures.sort(key=by_figure)

