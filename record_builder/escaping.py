"""Escaping: every text of the record made safe where it is printed.

Every value a template prints is escaped for Markdown and HTML unless the code marked it safe
(links and structure built by the render stage), so no text from the YAML can become markup on
the site, whatever it contains. Three contexts, three escapers: inline Markdown (md_escape, the
Markdown environment's finalize), raw HTML that Markdown may read again (html_text), and the
HTML blocks Markdown never reads (html_value, the HTML environment's finalize).
"""

from __future__ import annotations

import functools
import re

from markupsafe import Markup, escape

from . import i18n, urls
from .texts import Pending, Quote, Quoting
from .translations import GLOSSED_WORDS  # a quote this long awaits its rendering when it has none

_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]|#])")
_LINE_START_SPECIAL = re.compile(r"^([\-+=>~:!])")
_NUMBERED_LIST = re.compile(r"^(\d+)([.)])")


def md_escape(value) -> Markup:
    """Plain text made safe to place anywhere inline in a Markdown page."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    if isinstance(value, Quoting):
        return in_language(_escape_text(str(value)), value)
    return _escape_text(str(value))


# A text on a page in another language than the words it quotes (a translation keeps a quote
# in its original words, in “…”, its own rendering being in «…»; or a source in another
# language than the page's) has them marked with their language, so that a screen reader
# reads them as such (WCAG 3.1.2): texts.Quoting says which.
_QUOTED = re.compile("“([^“”<>]+)”")


def marked_quotes(text: Markup, lang: str | None) -> Markup:
    if lang is None or "“" not in text:
        return text
    return Markup(_QUOTED.sub(lambda m: f'“<span lang="{lang}">{m.group(1)}</span>”', str(text)))


def in_language(text: Markup, value: Quoting) -> Markup:
    """An escaped record text marked as its kind says: awaiting translation, or quoting words
    in another language than the page's."""
    if isinstance(value, Pending):
        return pending(marked_quotes(text, value.quote_lang), value.lang)
    return marked_quotes(text, value.quote_lang)




def quoted(words, escape_text) -> Markup:
    """The source's exact `words` in quotation marks, marked as in its language on a page of
    another; followed, on such a page, by the record's own translation of them (a Quote's
    gloss), or by a note that one is awaited."""
    shown = marked_quotes(Markup("“") + escape_text(str(words)) + Markup("”"),
                          words.quote_lang if isinstance(words, Quoting) else None)
    if not isinstance(words, Quote):
        return shown
    _ = i18n.translator(words.lang)
    if words.gloss is not None:
        gloss = _("«%(text)s», own translation") % {"text": words.gloss}  # outside f-strings, for ui_catalog.py
        return shown + Markup(" (") + escape_text(gloss) + Markup(")")
    if len(words.split()) >= GLOSSED_WORDS:
        note = escape(_("translation pending"))
        return shown + Markup(f' <small class="pending-translation-note">({note})</small>')
    return shown


def pending(text: Markup, lang: str) -> Markup:
    """A record text shown in English on a page in `lang` because its translation is missing or
    out of date (translations.py): marked as English, and said to await translation."""
    # Concatenated, not Markup.format: format goes through string.Formatter in Python, and at
    # 10,000 events every text of an untranslated record passes here (3 s of rendering).
    _ = i18n.translator(lang)
    note = escape(_("translation pending"))  # outside the f-string, where ui_catalog.py finds it
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
    return in_language(text, value) if isinstance(value, Quoting) else text


def html_value(value) -> Markup:
    """Plain text made safe inside the HTML blocks (the HTML environment's finalize): white
    space collapsed as md_escape does, HTML-escaped; Markdown never reads these blocks."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    text = escape_html(str(value))
    return in_language(text, value) if isinstance(value, Quoting) else text


@functools.lru_cache(maxsize=1 << 16)
def escape_html(value: str) -> Markup:
    # As markupsafe.escape, but an apostrophe stays as it is (it needs no escape outside an
    # attribute, and the blocks quote attributes with "): a character reference (&#39;) on
    # a page sends it to security.py's slow, tag-by-tag check, since one can spell a URL.
    text = " ".join(value.split())
    return Markup(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))


def paragraph_list(value) -> list:
    """A text's blank-line paragraphs, each of the text's kind (texts.Quoting)."""
    kind = value.like if isinstance(value, Quoting) else str
    return [kind(paragraph) for paragraph in str(value).split("\n\n")]


def md_paragraphs(value) -> Markup:
    """Text with blank-line paragraphs, each escaped, kept as separate Markdown paragraphs."""
    return Markup("\n\n".join(md_escape(p) for p in paragraph_list(value)))

