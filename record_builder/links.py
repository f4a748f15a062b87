"""Links between the record's pages, made once and remembered; and the sources each page cites.

A page links to an actor, a legal question, a source, an event or a statement by passing the
object; the link knows which page holds it (the timeline's layout for events and statements)
and the path from the page it is printed on. While a page renders, every link to a source's
page is noted, so the page knows the sources it cites (changes.PageDates dates it by them)
without anyone reading the page again.
"""

from __future__ import annotations

from markupsafe import Markup

from . import locations
from .escaping import escape_html, html_value, md_escape
from .model import Actor, Event, LegalQuestion, Source, Statement
from .reads import remember


class Links:
    def __init__(self, page_of: dict, citations: dict):
        """`page_of`: the timeline page of each event and statement anchor (layout.py);
        `citations`: id(source) -> its short citation (words.citation_labels)."""
        self.page_of = page_of
        self.citations = citations
        self._made: dict = {}
        self.cited: set = set()  # ids of the sources linked since the page began (begin_page)

    def begin_page(self, here: str) -> None:
        """Start noting the sources cited by the page at `here` (a source's page cites itself)."""
        self.cited = set()
        self._note_path(here)

    def link(self, target, here: str, text=None, anchor: str | None = None) -> Markup:
        """A relative Markdown link from the page at `here` (e.g. 'actors/x.md') to `target`."""
        return self._cached("md", target, here, text, anchor)

    def html_link(self, target, here: str, text=None, anchor: str | None = None) -> Markup:
        """The same link as an HTML <a>, for the HTML blocks (_blocks.html.j2)."""
        return self._cached("html", target, here, text, anchor)

    def source_cite(self, source: Source, here: str, anchor: str | None = None) -> Markup:
        """A short citation link to the source's page: 'UN News, 10 Oct 2025'."""
        return self.link(source, here, self.citations[id(source)], anchor)

    def html_source_cite(self, source: Source, here: str, anchor: str | None = None) -> Markup:
        return self.html_link(source, here, self.citations[id(source)], anchor)

    def citation_text(self, source: Source) -> str:
        return self.citations[id(source)]

    def link_target(self, target, here: str) -> Markup:
        """Only the address of a link (to put around text the template writes)."""
        self._note(target)
        return escape_html(self._href(target, here, None)[0])

    def relative(self, path: str, here: str) -> Markup:
        """The address of the page `path` (relative to docs/) from the page at `here`."""
        self._note_path(path)
        return Markup(locations.relative(here, path))

    def _note(self, target) -> None:
        if isinstance(target, Source):
            self.cited.add(target.id)
        elif isinstance(target, str):
            self._note_path(target)

    def _note_path(self, path: str) -> None:
        page = locations.record_of(path)
        if page is not None and page[0] == "source":
            self.cited.add(page[1])

    def _cached(self, flavour: str, target, here: str, text, anchor: str | None) -> Markup:
        # A link depends on the folder of `here`, not the page: at 10,000 events 280,000
        # links come from about 30,000 distinct (target, folder) pairs, so each is made once.
        # Record objects are keyed by id() (the record outlives this object); a path by value,
        # since a string made for one call may be freed and its id reused by another.
        self._note(target)
        key = (flavour, target if isinstance(target, str) else id(target), here.rpartition("/")[0], text, anchor)
        return remember(self._made, key, lambda: self._make(flavour, target, here, text, anchor))

    def _make(self, flavour: str, target, here: str, text, anchor: str | None) -> Markup:
        escape_text = md_escape if flavour == "md" else html_value
        if isinstance(target, Actor) and not target.has_page:
            return escape_text(text if text is not None else target.name)  # a mention: no page to link to
        href, label = self._href(target, here, anchor)
        shown = escape_text(text if text is not None else label)
        if flavour == "md":
            return Markup(f"[{shown}]({href})")
        return Markup(f'<a href="{escape_html(href)}">{shown}</a>')

    def _href(self, target, here: str, anchor: str | None) -> tuple[str, str]:
        """The relative address of `target` from the page at `here`, and its label."""
        path, label = _target(target)
        if isinstance(target, Event):
            path = self.page_of[target.id]
            anchor = anchor or target.id
        elif isinstance(target, Statement):
            path = self.page_of[target.anchor]
            anchor = target.anchor
        return locations.relative(here, path) + (f"#{anchor}" if anchor else ""), label


def _target(target) -> tuple[str, str]:
    if isinstance(target, Actor):
        return locations.record_page("actor", target.id), target.name
    if isinstance(target, LegalQuestion):
        return locations.record_page("legal", target.id), target.title
    if isinstance(target, Source):
        return locations.record_page("source", target.id), target.title
    if isinstance(target, Event):
        return locations.TIMELINE, target.title  # the page is the layout's: see Links._href
    if isinstance(target, Statement):
        return locations.TIMELINE, target.said
    if isinstance(target, str):
        return target, target
    raise TypeError(f"cannot link to {target!r}")
