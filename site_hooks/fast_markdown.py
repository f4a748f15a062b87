"""MkDocs hook: the same HTML from Python-Markdown and MkDocs, with less work per line of text.

Why: at 10,000 events, converting Markdown was most of `mkdocs build` (41 s of CPU in one
process), and most of that was Python-Markdown's inline step: every run of text was tried
against each of its 16 inline patterns in turn, and link text, link targets and the next
emphasis delimiter were found one character at a time in Python. MkDocs' link step came
next. Three shortcuts, each taken only where it gives exactly what the stock code gives
(tests/test_fast_markdown.py compares both on the record's pages, on thousands of random
strings of Markdown's special characters, and on a site of awkward links):

1. A pattern is skipped for a text that lacks a character every match of it must contain
   (a link needs "[", an entity "&", emphasis "*" or "_"). The stock code would search the
   text, find nothing and go on to the next pattern, so skipping it changes nothing. Only
   Python-Markdown's own patterns, recognised by class and regular expression, are
   skipped; any other pattern is always tried.
2. Link text with no nested "[", and a link target with no "(" or quote, are cut with one
   `str.find` instead of the character loop; anything else goes to the stock code. The
   next emphasis delimiter is found with a regular expression, at the same positions.
3. MkDocs resolves each link to another page (`sources/x.md` to `../../sources/x/`) in
   `_RelativePathTreeprocessor.path_to_url`: it splits and unquotes the URL, normalises the
   path with pathlib and looks the file up, 300,000 times at 10,000 events. Which file a
   link names depends only on the folder of the page it is on, so a link that resolves to
   an included page is looked up once per folder and build; the relative URL is still
   made per page, by MkDocs' own function. Any other link (external, absolute, broken, to
   an excluded page) takes MkDocs' own path every time, warnings included. The step also
   asks ElementTree for the links instead of looking at every element.

Inline step 23.7 s -> 9.6 s, link step 4.1 s -> 1.8 s (one process, 10,000 events). The
hook adds a Markdown extension for 1 and 2 and wraps MkDocs' methods for 3. If the
internals are not the ones this was written for (another version), it leaves them alone.
"""

from __future__ import annotations

import functools
import posixpath
import re
from urllib.parse import unquote, urlsplit, urlunsplit

from markdown import inlinepatterns, treeprocessors, util
from markdown.extensions import Extension

try:  # MkDocs' link step (see 3 above); without it, links are left to MkDocs as they are
    from mkdocs.structure.pages import _RelativePathTreeprocessor
    from mkdocs.utils import get_relative_url
except ImportError:  # pragma: no cover
    _RelativePathTreeprocessor = get_relative_url = None

# A text can match the pattern only if it contains one of these strings. Keyed by the
# pattern's class and regular expression, so a changed pattern is simply not skipped
# (and a class or expression that a later Python-Markdown lacks is left out).
_NEEDS = [
    ("BacktickInlineProcessor", "BACKTICK_RE", ("`",)),
    ("EscapeInlineProcessor", "ESCAPE_RE", ("\\",)),
    ("ReferenceInlineProcessor", "REFERENCE_RE", ("[",)),
    ("LinkInlineProcessor", "LINK_RE", ("[",)),
    ("ImageInlineProcessor", "IMAGE_LINK_RE", ("![",)),
    ("ImageReferenceInlineProcessor", "IMAGE_REFERENCE_RE", ("![",)),
    ("ShortReferenceInlineProcessor", "REFERENCE_RE", ("[",)),
    ("ShortImageReferenceInlineProcessor", "IMAGE_REFERENCE_RE", ("![",)),
    ("AutolinkInlineProcessor", "AUTOLINK_RE", ("<",)),
    ("AutomailInlineProcessor", "AUTOMAIL_RE", ("<",)),
    ("SubstituteTagInlineProcessor", "LINE_BREAK_RE", ("  \n",)),
    ("HtmlInlineProcessor", "HTML_RE", ("<",)),
    ("HtmlInlineProcessor", "ENTITY_RE", ("&",)),
]
_NEEDED = {(getattr(inlinepatterns, kind), getattr(inlinepatterns, regex)): needed
           for kind, regex, needed in _NEEDS
           if hasattr(inlinepatterns, kind) and hasattr(inlinepatterns, regex)}


def _needed(pattern) -> tuple[str, ...] | None:
    """What a text must contain for `pattern` to match it, or None if that is not known."""
    kind = _STOCK_CLASSES.get(type(pattern), type(pattern))  # a link pattern made fast is still its stock kind
    if kind is getattr(inlinepatterns, "DelimiterProcessor", None):
        # Its regular expression is the alternation of its escaped tokens ("*", "_").
        tokens = tuple(pattern.tokens)
        if pattern.pattern == "|".join(re.escape(t) for t in tokens) and all(tokens):
            return tokens
        return None
    return _NEEDED.get((kind, getattr(pattern, "pattern", None)))


class _FastBrackets:
    """getText and getLink of Python-Markdown's link patterns, with a shortcut for plain links."""

    def getText(self, data: str, index: int):
        close = data.find("]", index)
        if close != -1 and data.find("[", index, close) == -1:
            return data[index:close], close + 1, True  # what the stock loop gives with no nesting
        return super().getText(data, index)

    def getLink(self, data: str, index: int):
        match = self.RE_LINK.match(data, pos=index)
        if match and not match.group(1):
            start = match.end()
            close = data.find(")", start)
            if close != -1:
                target = data[start:close]
                if "(" not in target and '"' not in target and "'" not in target:
                    return self.unescape(target).strip(), None, close + 1, True
        return super().getLink(data, index)


class _FastDelimiterSearch:
    """DelimiterProcessor.search (emphasis: `*`, `_`), jumping to each next delimiter
    character with a regular expression instead of looking at every character in turn.
    The same positions are tried, in the same order, with the same test."""

    def search(self, data: str, start: int):
        singles = "".join(re.escape(token) for token in self.delimiters if len(token) == 1)
        if not singles:
            return None  # the stock loop compares one character with each token: none can be equal
        next_delimiter = _character_class(singles).search
        while True:
            found = next_delimiter(data, start)
            if found is None:
                return None
            position = found.start()
            delimiter = self.delimiters[data[position]]
            match = delimiter.boundary.match(data, position)
            # As the stock loop: a closing-only delimiter with nothing open is passed over.
            if match is not None and (delimiter.stack or match.lastgroup[0] != "e"):
                return match
            start = position + 1


@functools.cache
def _character_class(characters: str):
    return re.compile(f"[{characters}]")


_FAST_CLASSES = {
    stock: type(f"Fast{stock.__name__}", (_FastBrackets, stock), {})
    for stock in (getattr(inlinepatterns, name, None) for name in (
        "LinkInlineProcessor", "ImageInlineProcessor", "ReferenceInlineProcessor",
        "ShortReferenceInlineProcessor", "ImageReferenceInlineProcessor", "ShortImageReferenceInlineProcessor"))
    if stock is not None
}
if hasattr(inlinepatterns, "DelimiterProcessor") and hasattr(inlinepatterns.DelimiterProcessor, "search"):
    _FAST_CLASSES[inlinepatterns.DelimiterProcessor] = type(
        "FastDelimiterProcessor", (_FastDelimiterSearch, inlinepatterns.DelimiterProcessor), {})


_STOCK_CLASSES = {fast: stock for stock, fast in _FAST_CLASSES.items()}


class _SkippingInlineProcessor(treeprocessors.InlineProcessor):
    """Python-Markdown's inline step, skipping the patterns a text cannot match."""

    def run(self, tree, ancestors=None):
        self._patterns = [(pattern, _needed(pattern)) for pattern in self.inlinePatterns]
        return super().run(tree, ancestors)

    # Replaces the stock (name-mangled) __handleInline; the loop is the same, plus the skip.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if isinstance(data, util.AtomicString):
            return data
        patterns = self._patterns
        apply = self._InlineProcessor__applyPattern
        start = 0
        while patternIndex < len(patterns):
            pattern, needed = patterns[patternIndex]
            if needed is not None:
                for text in needed:
                    if text in data:
                        break
                else:  # no match possible: as the stock code after finding none
                    patternIndex, start = patternIndex + 1, 0
                    continue
            data, matched, start = apply(pattern, data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


def _internals_known() -> bool:
    stock = treeprocessors.InlineProcessor
    return (hasattr(stock, "_InlineProcessor__handleInline") and hasattr(stock, "_InlineProcessor__applyPattern")
            and hasattr(inlinepatterns.LinkInlineProcessor, "RE_LINK"))


class FastMarkdownExtension(Extension):
    def extendMarkdown(self, md):
        if not _internals_known():
            return
        for pattern in md.inlinePatterns:
            fast = _FAST_CLASSES.get(type(pattern))
            if fast is not None:
                pattern.__class__ = fast
        if type(md.treeprocessors["inline"]) is treeprocessors.InlineProcessor:
            md.treeprocessors.register(_SkippingInlineProcessor(md), "inline", 20)


# ---- 3: links to other pages, resolved once per folder --------------------------------

_resolved: dict = {}  # (files, folder of the linking page, url) -> (file, query, anchor) or None
_targets: dict = {}  # (files, folder of the linking page, path part of the url) -> file or None


def _resolve(step, url: str):
    """The page `url` names, if MkDocs' path_to_url would link to it with no message."""
    scheme, netloc, path, query, anchor = urlsplit(url)
    if scheme or netloc or url.startswith(("/", "\\")) or util.AMP_SUBSTITUTE in url or not path:
        return None  # external, absolute, e-mail or same-page: MkDocs' own branches
    key = (step.files, posixpath.dirname(step.file.src_uri), path)  # links to one page differ in anchors
    if key not in _targets:
        _targets[key] = step.files.get_file_from_path(step._target_uri(step.file.src_uri, unquote(path)))
    target = _targets[key]
    if target is None or target.inclusion.is_excluded():
        return None  # a warning or a message to give: MkDocs does it
    return target, query, anchor


def _path_to_url(step, url: str) -> str:
    key = (step.files, posixpath.dirname(step.file.src_uri), url)
    found = _resolved.get(key, False)
    if found is False:
        found = _resolved[key] = _resolve(step, url)
    if found is None:
        return _stock_path_to_url(step, url)
    target, query, anchor = found
    if anchor:  # as MkDocs does, for its check of anchors
        step.links_to_anchors.setdefault(target, {}).setdefault(anchor, url)
    return urlunsplit(("", "", get_relative_url(target.url, step.file.url), query, anchor))


def _relative_links(step, root):
    """MkDocs' run of the link step, visiting only the links. The stock run looks at every
    element of the page for links and images; ElementTree finds the links itself, in the
    same document order. A page with an image takes the stock run (links and images in order)."""
    if next(root.iter("img"), None) is not None:
        return _stock_run(step, root)
    for element in root.iter("a"):
        url = element.get("href")
        assert url is not None  # as the stock run
        element.set("href", step.path_to_url(url))
    return root


_stock_path_to_url = getattr(_RelativePathTreeprocessor, "path_to_url", None)
_stock_run = getattr(_RelativePathTreeprocessor, "run", None)


def _links_known() -> bool:
    return (_stock_path_to_url is not None and _stock_run is not None
            and hasattr(_RelativePathTreeprocessor, "_target_uri")
            and hasattr(util, "AMP_SUBSTITUTE"))


def on_config(config):
    config.markdown_extensions.append(FastMarkdownExtension())
    if _links_known():
        _RelativePathTreeprocessor.path_to_url = _path_to_url
        _RelativePathTreeprocessor.run = _relative_links
    return config


def on_pre_build(config):
    _forget_links()  # a new build, a new set of files


def on_post_build(config):
    _forget_links()


def _forget_links():
    _resolved.clear()
    _targets.clear()
