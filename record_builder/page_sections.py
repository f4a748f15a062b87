"""The lists of an actor's and a legal question's page, laid out within the page's budget
(layout.py), with their titles in the page's language."""

from __future__ import annotations

from . import i18n, locations
from .layout import Budgets, ListSection, SharedContinuation, share_page
from .model import Actor, LegalQuestion

def actor_sections(actor: Actor, budgets: Budgets, lang: str) -> list[ListSection]:
    base = locations.record_page("actor", actor.id)
    _ = i18n.translator(lang)
    return share_page([ListSection(name, title, items, kind, base, actor.name, budgets=budgets)
                       for name, title, items, kind in (
        ("roles", _("Roles in the sources"), actor.roles, "role"),
        ("statements", _("Statements"), actor.statements_by, "statement"),
        ("statements-about", _("Statements about %(name)s") % {"name": actor.in_sentence}, actor.statements_about,
         "statement-about"),
        ("events", _("Events"), actor.events, "event"),
        ("figures", _("Figures reported"), actor.figures_reported, "figure"),
        ("legal", _("Views on legal questions"), actor.legal_points, "legal-point"),
    )], budgets)


def legal_sections(question: LegalQuestion, budgets: Budgets, lang: str) -> dict:
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
    _ = i18n.translator(lang)
    sections: dict = {name: ListSection(name, title, items, kind, base, question.title, budgets=budgets)
                for name, title, items, kind in (
        ("framework", _("The legal framework as the sources state it"), question.points_of("framework"), "framework"),
        ("disputed", _("What is disputed"), [p for p in disputes if not p.by], "framework"),
        ("context", _("Context"), question.points_of("context"), "framework"),
        ("events", _("Related events"), question.events, "event"),
        ("sources", _("Sources"), question.sources, "source"),
    )}
    sections["parties"] = [(party, *_party_sections(party, statements_of.get(party, []), points_of.get(party, []),
                                                    base, question.title, budgets, lang))
                           for party in parties]
    # Half the page for the framework, the disputes, the context, the events and the sources, half
    # for the parties' lists: with hundreds of parties, the framework still shows its first items.
    by_party = [section for _, positions, points in sections["parties"] for section in (positions, points)]
    share_page([section for name, section in sections.items() if name != "parties"], budgets, budgets.list_limit // 2)
    share_page(by_party, budgets, budgets.list_limit - budgets.list_limit // 2)
    sections["parties_continued"] = SharedContinuation("parties", _("Positions of each party"), base, question.title,
                                                       by_party, budgets=budgets)
    return sections


def _party_sections(party, statements: list, points: list, base: str, heading: str, budgets: Budgets,
                    lang: str) -> tuple:
    name = party.id if party else "unattributed"
    _ = i18n.translator(lang)
    title = party.name if party else _("Speaker not named in the source")
    # Each list's title tells the two apart where they are continued (the legal page shows
    # them under the party's heading).
    said, disputed = _("Statements"), _("What is disputed")  # outside f-strings, where ui_catalog.py finds them
    return (ListSection(f"positions-{name}", f"{title}: {said}", statements, "position", base, heading,
                        party=party, budgets=budgets),
            ListSection(f"points-{name}", f"{title}: {disputed}", points, "framework", base, heading,
                        budgets=budgets))
