"""The site's URL scheme: where every page and file of the record lives, in every language.

One module decides it, and everything that needs a page's place asks here: the renderer
(which file it writes, and every link between pages), the layout (month and continuation
pages), the writer (which folders it owns), the change history, the feed, and the site
hooks (a page's language, its twin in the other language, the pages the search leaves out).

Paths are relative to docs/ and end in .md, as MkDocs names its pages; MkDocs serves
docs/actors/x.md at actors/x/ (use_directory_urls, its default), which `url` gives.

- English pages sit at the root of docs/, each other language's twin under docs/<lang>/
  with the same path (actors/x.md, es/actors/x.md), so links between pages are the same
  relative links in every language.
- Each actor, legal question and source has <folder>/<id>.md beside the folder's list
  page, <folder>/index.md.
- A long timeline becomes timeline.md (an overview) and timeline-<YYYY-MM>[-<part>].md
  (timeline-undated.md for what has no date); a long list continues on
  <page>--<list>-<n>.md. Ids never contain '--', so no name can collide with a record page.
- Charts: charts/<measure>.svg (wide) and charts/<measure>--<layout>.svg; exports in
  exports/ (data files in every language's own exports/).
"""

from __future__ import annotations

import posixpath

from . import i18n
from .timeline import is_band

HOME = "index.md"
TIMELINE = "timeline.md"
FIGURES = "figures.md"
CORRECTIONS = "corrections.md"
EXPORTS_PAGE = "exports.md"
FORMAT = "format.md"  # the contributors' format reference
METHODOLOGY = "methodology.md"  # written by hand
LICENCE = "licence.md"  # written by hand
EXPORTS = "exports"
CHARTS = "charts"
FEED = f"{EXPORTS}/feed.atom"
FOLDERS = {"actor": "actors", "legal": "legal", "source": "sources"}  # kind of record -> folder of its pages
CONTRIBUTOR_PAGES = (FORMAT,)  # for contributors, in English only: no twin, out of the readers' search
# Where each language's edition sits in docs/: English at the root, the others in a folder each.
LANGUAGE_ROOTS = {lang: "" if lang == i18n.DEFAULT else f"{lang}/" for lang in i18n.LANGUAGES}


def record_page(kind: str, ident: str) -> str:
    """The page of an actor, legal question or source: actors/<id>.md."""
    return f"{FOLDERS[kind]}/{ident}.md"


def folder_index(kind: str) -> str:
    return f"{FOLDERS[kind]}/index.md"


# Ids that cannot name a page. A record's page <folder>/<id>.md sits beside the folder's list
# page, <folder>/index.md (an id 'index' silently replaced the list); and Windows refuses the
# device names as file names, whatever the ending (a contributor on Windows could not check
# the page out). Continuation pages cannot collide: their names hold '--', which no id does.
# The validator refuses these ids, so it asks here rather than the layout stage.
FOLDER_PAGES = (HOME.removesuffix(".md"),)
WINDOWS_DEVICES = ("con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10)))


def reserved_id(ident: str) -> str | None:
    """Why `ident` cannot be the id of a page-owning record, or None when it can."""
    if ident in FOLDER_PAGES:
        return f"the id {ident!r} is reserved: the list page of the folder is {ident}.md; choose another id"
    if ident in WINDOWS_DEVICES:
        return f"the id {ident!r} is reserved: Windows cannot store a file named {ident}; choose another id"
    return None


def record_of(path: str) -> tuple[str, str] | None:
    """(kind, id) of the record page `path` (or of one of its continuation pages), else None."""
    folder, _, name = path.partition("/")
    kinds = {f: k for k, f in FOLDERS.items()}
    if folder not in kinds or "/" in name or name == "index.md" or not name.endswith(".md"):
        return None
    return kinds[folder], name.removesuffix(".md").split("--", 1)[0]


def timeline_page(month: str | None, part: int = 1, parts: int = 1) -> str:
    """A page of a timeline too long for one page: timeline-2025-09.md, timeline-2025-09-2.md..."""
    suffix = f"-{part}" if parts > 1 else ""
    if is_band(month):  # a band of what is known only as on or before a day
        return f"timeline-by-{month}{suffix}.md"
    return f"timeline-{month or 'undated'}{suffix}.md"


def continuation_page(base: str, list_name: str, number: int) -> str:
    """Page `number` (2, 3...) of the list `list_name` of the page `base`."""
    return f"{base.removesuffix('.md')}--{list_name}-{number}.md"


def chart(measure_id: str, layout: str | None = None) -> str:
    """A measure's chart: charts/<id>.svg, or charts/<id>--<layout>.svg for another layout than the wide one."""
    return f"{CHARTS}/{measure_id}.svg" if layout is None else f"{CHARTS}/{measure_id}--{layout}.svg"


# ---- languages ----------------------------------------------------------------------------

def in_language(path: str, lang: str) -> str:
    """The path in docs/ of the page `path` (as in English) in `lang`: es/actors/x.md."""
    return LANGUAGE_ROOTS[lang] + path


def language_of(path: str) -> str:
    """The language of the page at `path` in docs/ ('es/...' is Spanish; the rest English)."""
    for lang, root in LANGUAGE_ROOTS.items():
        if root and path.startswith(root):
            return lang
    return i18n.DEFAULT


def english_path(path: str) -> str:
    """`path` with its language's folder taken off: what the page is called in every language."""
    return path.removeprefix(LANGUAGE_ROOTS[language_of(path)])


def twin(path: str, lang: str) -> str | None:
    """The same page in `lang`, or None when it has no twin there (the contributors' pages)."""
    english = english_path(path)
    if lang != i18n.DEFAULT and english in CONTRIBUTOR_PAGES:
        return None
    return in_language(english, lang)


def owned_folders() -> tuple[str, ...]:
    """The folders of the project where the build removes the pages it no longer makes."""
    own = ("", "/actors", "/legal", "/sources", f"/{EXPORTS}", f"/{CHARTS}")
    return (*(f"docs/{root}".rstrip("/") + folder for root in LANGUAGE_ROOTS.values() for folder in own), "schema")


def data_folders() -> tuple[str, ...]:
    """The folders of docs/ whose every file is generated (data files cannot carry a notice)."""
    return tuple(f"docs/{root}{folder}" for root in LANGUAGE_ROOTS.values() for folder in (EXPORTS, CHARTS))


# ---- addresses ----------------------------------------------------------------------------

def url(path: str) -> str:
    """The address MkDocs serves the page at, relative to the site: actors/x.md -> actors/x/."""
    if path == HOME or path.endswith("/" + HOME):
        return path.removesuffix(HOME)
    return path.removesuffix(".md") + "/"


def path_of(address: str) -> str:
    """The page in docs/ that MkDocs serves at `address` (relative to the site, perhaps with an
    #anchor): actors/x/#y -> actors/x.md, es/ -> es/index.md. The inverse of `url`."""
    address = address.split("#", 1)[0]
    bare = address.rstrip("/")
    language_root = LANGUAGE_ROOTS[language_of(address)]
    if bare in {root.rstrip("/") for root in LANGUAGE_ROOTS.values()}:
        return f"{address}{HOME}"
    if bare.removeprefix(language_root) in FOLDERS.values():  # a folder's list page
        return f"{bare}/{HOME}"
    return f"{bare}.md"


def is_continuation(path: str) -> bool:
    """Whether `path` is a page that continues a long list (<page>--<list>-<n>.md)."""
    return "--" in path


def is_timeline_part(path: str) -> bool:
    """Whether `path` is one of the pages of a timeline too long for one page."""
    return english_path(path).startswith("timeline-")


def relative(here: str, path: str) -> str:
    """A relative link from the page `here` to the page or file `path`, both relative to docs/."""
    here_folder = here.rpartition("/")[0]
    if not here_folder:  # the common cases without posixpath's normalising (280,000 links at 10,000 events)
        return path
    path_folder, _, name = path.rpartition("/")
    if path_folder == here_folder:
        return name
    if "/" not in here_folder and not path.startswith("../"):
        return "../" + path
    return posixpath.relpath(path, here_folder)
