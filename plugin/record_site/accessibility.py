"""Every page usable by keyboard and screen reader, at every width; the timeline's filter.

- Heading permalinks: named "Link to this section" (aria-label), so a heading is not read as
  "Timeline ¶" and a list of links does not show a row of pilcrows.
- Tables: every table gets a caption (the heading it stands under; hidden, since that heading is
  already on screen), column headers get scope="col", and a table whose header row names only its
  first column (a list of labelled values, like a source's "About this source") becomes that name
  as its caption, with its first cells as row headers and no empty header cell. Tables of three or
  more columns are marked data-stack, each cell carrying its column's name, so that on phones
  assets/accessibility.css can show each row as a stack of "column: value" lines instead of
  making the page scroll sideways.
- Below 1220 px the theme's side menu is a drawer opened by a <label> that no keyboard can reach:
  assets/keyboard-menu.js makes it a button; the closed drawer is hidden, so its links take no
  Tab stop off-screen (assets/accessibility.css).
- 404.html is rendered without a page, so MkDocs runs no post_page event for it and it would miss
  what every page gets (the search dialog's name, the footer's contrast, these fixes): the plugin
  runs its page steps for it, after giving it the skip link the theme only makes for pages with
  headings (`page_404`).
- The timeline (pages with the contract's <details class="tl-event"> events): its stylesheet
  (assets/timeline.css, inlined) and filter script (assets/timeline-filter.js).

Scripts are files of the site, loaded deferred (the Content-Security-Policy allows no inline
script); the timeline's only on timeline pages.

In the page's language (languages.py; the Spanish words are in
translations/es/site.po): the permalinks' names here, and the scripts' words, which a
Spanish page hands each script in its data-strings attribute (English text -> Spanish).

Styles are inlined like reader.py's: no extra request before the first paint.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.utils import get_relative_url

from . import ASSETS, material
from .languages import DEFAULT, page_language, translator
from .state import BuildState

SCRIPTS = {"menu": ASSETS / "keyboard-menu.js", "timeline": ASSETS / "timeline-filter.js"}
TIMELINE_MARK = 'class="tl-event"'
PERMALINK_NAME = "Link to this section"  # as mkdocs.yml's toc permalink_title
# The words each script shows (what it looks up in its data-strings, by the English text).
SCRIPT_STRINGS = {
    "menu": ["Menu"],
    "timeline": ["Filter the timeline", "Actor", "All actors", "Legal question", "All legal questions",
                 "Kind of event", "All kinds of event", "Open all", "Close all", "Clear filters",
                 "All {count} entries are shown.", "No entry matches these filters.", "Showing {shown} of {count} entries.",
                 "Strike", "Military deployment", "Military incident", "Designation", "Declaration", "Diplomacy",
                 "UN action", "Mobilisation", "Legal action", "Report"],
}

_HEADERLINK = re.compile(r'<a class="headerlink" href="(#[^"]*)"(?! aria-label=)')
_HEADING_OR_TABLE = re.compile(r"<h([1-6])[^>]*>(.*?)</h\1>|<table>(.*?)</table>", re.S)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELL = re.compile(r"<(th|td)((?:\s[^>]*)?)>(.*?)</\1>", re.S)  # not <thead>
_TAG = re.compile(r"<[^>]+>")


# ---- page content: permalinks and tables ---------------------------------------------------

def permalinks_and_tables(html_text: str, page) -> str:
    """A step of the page's content: its permalinks named, its tables captioned and stacked."""
    name = html.escape(translator(page_language(page))(PERMALINK_NAME))
    html_text = _HEADERLINK.sub(rf'\g<0> aria-label="{name}"', html_text)
    if name != PERMALINK_NAME:  # the title the toc extension gave it, in the page's language too
        html_text = html_text.replace(f'title="{PERMALINK_NAME}"', f'title="{name}"')
    return _tables(html_text, page.title or "")


def _text(fragment: str) -> str:
    """A fragment's text, as HTML-escaped text (entities kept), without its permalink."""
    fragment = re.sub(r'<a class="headerlink".*?</a>', "", fragment, flags=re.S)
    return " ".join(_TAG.sub("", fragment).split())


def _tables(html_text: str, page_title: str) -> str:
    out, last, heading = [], 0, html.escape(page_title, quote=False)
    for match in _HEADING_OR_TABLE.finditer(html_text):
        if match.group(1):
            heading = _text(match.group(2)) or heading
            continue
        out.append(html_text[last:match.start()])
        out.append(_table(match.group(3), heading))
        last = match.end()
    out.append(html_text[last:])
    return "".join(out)


def _table(inner: str, heading: str) -> str:
    head, _, body = inner.partition("</thead>")
    header_row = _ROW.search(head)
    if not body or header_row is None or inner.lstrip().startswith("<caption"):
        return f"<table>{inner}</table>"
    names = [_text(cell[2]) for cell in _CELL.findall(header_row.group(1))]
    if len(names) > 1 and names[0] and not any(names[1:]):
        # A list of labelled values: its one header is its name; each row's first cell labels the row.
        return f"<table>\n<caption>{names[0]}</caption>{_first_cells_as_headers(body)}</table>"
    head = _CELL.sub(lambda m: f'<th scope="col"{m.group(2)}>{m.group(3)}</th>' if m.group(1) == "th" else m.group(0),
                     head)
    stack = len(names) >= 3
    if stack:
        body = _ROW.sub(lambda row: _labelled_row(row, names), body)
    caption = f'<caption class="a11y-hidden-caption">{heading}</caption>'
    return f"<table{' data-stack' if stack else ''}>\n{caption}{head}</thead>{body}</table>"


def _first_cells_as_headers(body: str) -> str:
    def row(match):
        cells = match.group(1)
        first = _CELL.search(cells)
        if first is None or first.group(1) != "td":
            return match.group(0)
        cells = f'{cells[:first.start()]}<th scope="row"{first.group(2)}>{first.group(3)}</th>{cells[first.end():]}'
        return f"<tr>{cells}</tr>"
    return _ROW.sub(row, body)


def _labelled_row(row, names: list[str]) -> str:
    index = iter(range(len(names)))

    def cell(match):
        i = next(index, None)
        label = (names[i] if i is not None and i < len(names) else "").replace('"', "&quot;")  # text, in an attribute
        return f'<{match.group(1)}{match.group(2)} data-label="{label}">{match.group(3)}</{match.group(1)}>'
    return f"<tr>{_CELL.sub(cell, row.group(1))}</tr>"


# ---- whole pages: styles and scripts -------------------------------------------------------

def styles_and_scripts(output: str, page, build: BuildState) -> str:
    """A step of every page (and 404.html): the styles inlined, the scripts at the end."""
    styles = build.stylesheet("accessibility.css")
    scripts = ["menu"]
    if TIMELINE_MARK in output:
        styles += build.stylesheet("timeline.css")
        scripts.append("timeline")
    output = output.replace("</head>", f"<style>{styles}</style></head>", 1)
    lang = page_language(page)
    tags = "".join(f'<script defer src="{_script_url(SCRIPTS[name].name, page, build.config)}"{_strings(name, lang)}>'
                   "</script>" for name in scripts)
    return output.replace("</body>", f"{tags}</body>", 1)


def _strings(script: str, lang: str) -> str:
    """The data-strings attribute of a script in a language other than English: its words as JSON."""
    if lang == DEFAULT:
        return ""
    translate = translator(lang)
    words = {text: translate(text) for text in SCRIPT_STRINGS[script] if translate(text) != text}
    if not words:
        return ""
    text = json.dumps(words, ensure_ascii=False, separators=(",", ":"))
    return ' data-strings="' + text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;") + '"'


def _script_url(name: str, page, config) -> str:
    if page is None:  # 404.html, served at any address: from the site's root, as the theme links its own assets
        return f"{urlsplit(config.site_url or '/').path.rstrip('/')}/{material.SCRIPTS}/{name}"
    return get_relative_url(f"{material.SCRIPTS}/{name}", page.url)


# ---- 404.html ----------------------------------------------------------------------------------

def page_404(output: str) -> str:
    """404.html, before the page steps run for it: the skip link every other page has."""
    return material.add_skip_link(output, "Skip to content")


# ---- files ---------------------------------------------------------------------------------------

def copy_scripts(site: Path) -> None:
    folder = site / material.SCRIPTS
    folder.mkdir(parents=True, exist_ok=True)
    for script in SCRIPTS.values():
        shutil.copyfile(script, folder / script.name)
