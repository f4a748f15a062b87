"""The record's HTML blocks pass through Markdown unread, and their links become URLs.

The generator writes the long parts of a page (its lists, the timeline's entries) as raw
HTML blocks, escaped by Jinja (record_builder/templates/_blocks.html.j2). At 10,000 events
they hold most of the site's text. Two public extension points handle them:

1. A Python-Markdown preprocessor (added to `markdown_extensions` at on_config, as any
   extension is; the plugin's `stash_html_blocks: false` leaves it out) puts each such
   block into Markdown's own store of raw HTML (`md.htmlStash.store`, the API extensions
   use to hand Markdown finished HTML) before Markdown's HTML parser reads the page. Markdown would pass the block through unchanged
   anyway; it would first read it tag by tag, twice (its raw-HTML step and MkDocs' search
   for ids), which was most of the conversion's time once the lists were HTML.
   tests/test_record_blocks.py converts every generated page both ways and compares.
   A block is recognised only as the generator writes it: after a blank line, a line `<ul>`,
   `<table>`, `<ol class="dating-notes">`, `<details class="tl-event"…` or `<details
   class="tl-event tl-statement"…` to its closing line, or a run of one-line paragraphs
   (`<p>…</p>`), before a blank line.
2. Their links name Markdown files, as the rest of the page's links do (`../actors/x.md#y`),
   so the same pages work with directory URLs (`../../actors/x/#y`) and in the offline copy
   (`../actors/x.html#y`). MkDocs turns the links Markdown writes into URLs;
   `links_to_urls` does the same for the links in raw HTML with MkDocs' public
   `File.url_relative_to`, and warns of a link to a page that does not exist as MkDocs
   does (a failure under --strict). The plugin runs it first of its page-content steps,
   before anything reads the page's HTML (search, link previews, checks).
"""

from __future__ import annotations

import logging
import posixpath
import re
from urllib.parse import unquote

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

log = logging.getLogger("mkdocs.plugins.record_site.record_blocks")

# The first line of a block as the generator writes it (record_builder/templates/_blocks.html.j2),
# and the line that closes it: a list, a table, a timeline entry (an event, or a statement
# with a date of its own), a timeline page's dating notes.
OPENINGS = (("<ul>", "</ul>"), ("<table>", "</table>"), ('<details class="tl-event"', "</details>"),
            ('<details class="tl-event tl-statement"', "</details>"), ('<ol class="dating-notes">', "</ol>"))
# Or a run of paragraphs, one a line (a source's summary and notes).
PARAGRAPH = ("<p>", "</p>")
# A relative link to a Markdown file, with or without a fragment: no scheme, no leading '/'.
MD_HREF = re.compile(r'href="(?![a-zA-Z][a-zA-Z0-9+.-]*:|/)([^"#?]+\.md)(#[^"]*)?"')


class StashRecordBlocks(Preprocessor):
    """Each generated HTML block, stored whole as raw HTML, a placeholder in its place."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        index, count = 0, len(lines)
        while index < count:
            last = _block_end(lines, index) if index == 0 or not lines[index - 1].strip() else None
            if last is None:
                out.append(lines[index])
                index += 1
                continue
            # With the line end Markdown keeps on a raw block it reads itself, so the HTML is the same.
            out.append(self.md.htmlStash.store("\n".join(lines[index:last + 1]) + "\n"))
            index = last + 1
        return out


def _block_end(lines: list[str], start: int) -> int | None:
    """The index of the last line of the block that begins at `start`, if one does and a blank
    line or the end follows it."""
    line = lines[start]
    if line.startswith(PARAGRAPH[0]) and line.endswith(PARAGRAPH[1]):
        last = start
        while last + 1 < len(lines) and lines[last + 1].startswith(PARAGRAPH[0]) \
                and lines[last + 1].endswith(PARAGRAPH[1]):
            last += 1
    else:
        closing = next((closing for opening, closing in OPENINGS
                        if line.startswith(opening) and (opening.endswith('"') or line == opening)), None)
        if closing is None:
            return None
        try:
            last = lines.index(closing, start + 1)
        except ValueError:
            return None
    return last if last + 1 == len(lines) or not lines[last + 1].strip() else None


class RecordBlocks(Extension):
    def extendMarkdown(self, md):
        # After whitespace is normalised (30), before MkDocs' raw-HTML id search (21) and
        # Markdown's raw-HTML step (20).
        md.preprocessors.register(StashRecordBlocks(md), "record_blocks", 25)


def links_to_urls(html: str, page, files, found: dict) -> str:
    """The page's links to Markdown files in raw HTML, as the site's URLs. `found` keeps, for one
    build, the file each (folder of the linking page's file, target as written) leads to: the
    pages of one folder link to the same files, looked up once."""
    if ".md" not in html:
        return html
    source_folder = posixpath.dirname(page.file.src_uri)
    urls: dict = {}  # target as written -> URL, for this page (a page cites the same pages again and again)

    def to_url(match: re.Match) -> str:
        target = match.group(1)
        url = urls.get(target)
        if url is None:
            key = (source_folder, target)
            if key not in found:
                found[key] = files.get_file_from_path(posixpath.normpath(posixpath.join(source_folder,
                                                                                         unquote(target))))
            file = found[key]
            if file is None:
                log.warning("Doc file '%s' contains a link to '%s', which is not found.", page.file.src_uri, target)
                return match.group(0)
            url = urls[target] = file.url_relative_to(page.file)
        return f'href="{url}{match.group(2) or ""}"'

    return MD_HREF.sub(to_url, html)
