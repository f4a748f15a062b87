"""The check of the built site: defence in depth behind the validator and the renderer's
escaping, for the day one of them misses something a hostile pull request put in seeds/.

1. Each page as it is written, then every other HTML file, the SVG charts and every search
   index (search_index.json, .full.json, and the offline copy's .js files, both languages)
   once the build is done, parsed as a browser parses them (Lexbor, through selectolax):
   any element or attribute the templates do not produce (the theme's chrome,
   material.THEME_CHROME, and the record's content, CONTENT_*), any on* attribute, any
   javascript:, data: or vbscript: URL in an attribute, any frame, object or base, a
   <meta>, <link> or <title> pushed out of the head, any script that is neither a file of
   the site nor an inline script whose hash the page's policy (security.py) lists, or a
   page without the policy fails the build, naming the page and, where a search finds it,
   the line of the YAML or catalog the offending text came from. Every page is read in
   full: at 10,000 events this costs a few seconds (bench/README.md).
2. Anchors. Every in-site link with a #fragment (the record's lists link to events and
   statements on other pages, in blocks MkDocs' own link check never reads) must lead to
   an element with that id, in both languages.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.exceptions import PluginError
from selectolax.lexbor import LexborHTMLParser

from . import material, search_index
from .problem_sources import with_sources as _with_sources
from .security import SCRIPT_TYPES, csp_hash, with_policy
from .state import BuildState


# What the content of a generated page (Markdown from our templates: headings, paragraphs,
# lists, tables, links, emphasis, code, the charts as images) and the theme's edit button
# is made of. Anything else inside <article> did not come from the templates.
CONTENT_ELEMENTS = {"a", "p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "code", "pre",
                    "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "img", "blockquote", "hr",
                    "br", "span", "svg", "path",
                    # issue 11's reader pages: the home page's lead and key-facts box, the timeline's
                    # one-line entries that open on demand, the legal pages' party columns
                    "div", "aside", "section", "details", "summary",
                    "caption",  # accessibility.py: every table has a caption
                    "small"}  # issue 15: "(pendiente de traducción)" after text still in English
CONTENT_ATTRIBUTES = {"class", "id", "href", "title", "alt", "src", "width", "height", "download", "rel",
                      "xmlns", "viewbox", "d", "aria-hidden", "aria-label", "hidden",
                      "scope", "loading",  # accessibility.py's header cells; figures.md.j2's lazy charts
                      "type",  # type: the corrections page announces its Atom feed (rel=alternate type=...)
                      "lang", "hreflang"}  # issue 15: English text on a Spanish page, links to the other language
HEAD_ONLY = {"meta", "link", "title"}  # a parser moves them out of the head only when the head has ended early
# Elements that load or run something of their own; never wanted anywhere on the site.
NEVER = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "foreignobject", "portal"}
SVG_ELEMENTS = {"svg", "title", "desc", "g", "rect", "line", "polyline", "polygon", "path", "circle", "ellipse",
                "text", "tspan"}
# <link rel> types that fetch something (a canonical or alternate link only names a page).
LOADING_LINKS = {"stylesheet", "icon", "apple-touch-icon", "mask-icon", "manifest", "preload", "prefetch",
                 "modulepreload", "preconnect", "dns-prefetch", "prerender"}
BAD_URL = re.compile(r"^(?:javascript|data|vbscript):", re.I)
_ELSEWHERE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.I)  # a URL with a scheme or a host of its own
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop these inside and around a URL's scheme


def policy_and_check(output: str, page, build: BuildState) -> str:
    """The last step of every page, after every other step has changed it: its policy, worked
    out from the page as it will be written, and the check of the page. (404.html, which has no
    page, gets its policy from the plugin's on_post_template, and its check with the site's.)"""
    if not output or page is None:
        return output
    output = with_policy(output, page.file.src_uri, build)
    site = Path(build.config.site_dir)
    reader = read_html(site, site / page.file.dest_uri, output, written=False, root_path=build.root_path,
                       require_policy=not build.serving, memo=build.check_memo)
    build.checked[page.file.dest_uri] = (reader.ids, reader.links)
    _fail(_with_sources([f"{page.file.dest_uri}: {p}" for p in reader.problems], _project(build.config)))
    return output


def _fail(problems) -> None:
    problems = list(problems)
    if problems:
        shown = "\n".join(problems[:50]) + (f"\n... and {len(problems) - 50} more" if len(problems) > 50 else "")
        raise PluginError(f"The built site holds what no page should (plugin/record_site/site_check.py):\n{shown}")


def _project(config) -> Path:
    return Path(config.config_file_path or "mkdocs.yml").resolve().parent


# ---- the check of the built site ---------------------------------------------------------------

class _Reader:
    """What is wrong in one HTML or SVG document, as a browser would build it.

    The document is parsed by Lexbor (selectolax), a C implementation of the HTML standard's
    parsing algorithm: every attribute a stray quote splits off, every tag an unescaped '<'
    opens, is an attribute or element here exactly as in the reader's browser. Every
    element is then held against what the templates produce: outside <article> the theme's
    chrome (material.THEME_CHROME), inside it the record's content (CONTENT_ELEMENTS, CONTENT_ATTRIBUTES).
    The ids the page carries and the in-site links with a #fragment it holds are kept for
    the anchor check (check_anchors)."""

    def __init__(self, site: Path, page: Path, svg: bool = False, written: bool = True, root_path: str = "/",
                 require_policy: bool = True, memo: dict | None = None):
        self.memo = {} if memo is None else memo  # the verdicts on elements and attributes, shared by a build
        self.site, self.page, self.svg, self.written = site, page, svg, written
        self.root_path = root_path  # the path of site_url, which 404.html's addresses start with
        self.require_policy = require_policy  # not under `mkdocs serve`, whose pages have none
        self.problems: list[str] = []
        self.ids: set[str] = set()
        self.links: list[str] = []  # every href with a '#' (resolved later, against the page)
        self.policy: str | None = None
        self.scripts: list[tuple[dict, str]] = []  # (attributes, inline code)
        self.text = ""
        self._seen: set[str] = set()

    def problem(self, text: str, tag: str | None = None, attribute: str | None = None) -> None:
        if text in self._seen:  # the same wrong thing twice on one page is told once
            return
        self._seen.add(text)
        line = _line_of(self.text, tag, attribute) if tag else None
        self.problems.append(f"line {line}: {text}" if line else text)

    def read(self, text: str) -> "_Reader":
        self.text = text
        tree = LexborHTMLParser(text)
        if self.svg:  # parsed as HTML parses an inline <svg>: the wrapper the parser adds is not the file's
            for part in (tree.head, tree.body):
                if part is not None:
                    self._walk(part, "svg")
            return self
        for part, where in ((tree.head, "head"), (tree.body, "body")):
            if part is not None:
                self._walk(part, where)
        if tree.root is not None:
            self._attributes(tree.root, "html", "html")
        return self

    def read_fragment(self, text: str) -> "_Reader":
        """A piece of a page's content (a search-index entry): content rules throughout, for
        everything the parser puts in the head or the body (no wrapper the text could close)."""
        self.text = text
        tree = LexborHTMLParser(text)
        for part in (tree.head, tree.body):
            if part is not None:
                self._walk(part, "content")
        return self

    def _walk(self, part, where: str) -> None:
        """Every element inside `part` (the head or the body, not `part` itself), in document
        order; `where` is head, body (the theme's chrome), content (inside <article>) or svg.
        Comments (-comment) are no element. Lexbor walks the tree (no nesting depth can stop
        the check); the elements of an <article> in the chrome are its content: counted when
        it is met, read with the content's rules until they are past."""
        nodes = part.traverse()
        next(nodes, None)  # `part` itself
        content_left = 0  # elements of the current <article> still to come
        for node in nodes:
            if content_left:
                content_left -= 1
                here = "content"
            else:
                here = where
            tag = node.tag
            if tag.startswith("-"):
                continue
            self._element(node, tag, here)
            if tag == material.CONTENT_TAG and here == "body":
                content_left = sum(1 for _ in node.traverse()) - 1

    def _element(self, node, tag: str, where: str) -> None:
        problem = self.memo.get((tag, where), _UNSEEN)
        if problem is _UNSEEN:
            problem = self.memo[(tag, where)] = _element_problem(tag, where)
        if problem:
            self.problem(problem, tag)
        self._attributes(node, tag, where)
        if tag == "script":
            self.scripts.append((dict(node.attributes), node.text(deep=True) or ""))

    def _attributes(self, node, tag: str, where: str) -> None:
        attributes = node.attributes
        if not attributes:
            return
        chrome, memo = where not in ("content", "svg"), self.memo
        for name, value in attributes.items():
            verdict = memo.get((tag, name, chrome, self.svg))
            if verdict is None:
                verdict = memo[(tag, name, chrome, self.svg)] = _attribute_verdict(tag, name, chrome, self.svg)
            name, problem, handler = verdict
            if problem:
                self.problem(problem, tag, name)
            if handler:
                continue
            value = value or ""
            # A scheme ends with ':' (the noise browsers drop never makes one): no ':', no bad URL.
            bad = BAD_URL.match(_URL_NOISE.sub("", value)) if ":" in value else None
            if bad:
                self.problem(f"a {bad.group().lower()} URL in {name}= on <{tag}>", tag, name)
            if value and name in _LOADING_ATTRIBUTES and _ELSEWHERE.match(value):
                self.problem(f"{name}= on <{tag}> loads {value!r} from another host", tag, name)
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
            elif name == "href" and "#" in value:
                self.links.append(value)
        if tag == "link" and _ELSEWHERE.match(attributes.get("href") or "") \
                and set((attributes.get("rel") or "").lower().split()) & LOADING_LINKS:
            self.problem(f"<link rel={attributes['rel']!r}> loads {attributes['href']!r} from another host", tag, "href")
        if tag == "meta":
            equiv = (attributes.get("http-equiv") or "").lower()
            if equiv == "content-security-policy":
                if self.policy is not None:
                    self.problem("a second Content-Security-Policy", tag, "http-equiv")
                self.policy = attributes.get("content") or ""
            elif equiv:
                self.problem(f"<meta http-equiv={attributes['http-equiv']!r}>, which no page of the site has", tag,
                             "http-equiv")

    def finish(self) -> list[str]:
        if self.svg:
            return self.problems
        if self.policy is None:
            if self.require_policy:
                self.problems.append("no Content-Security-Policy")
            return self.problems
        allowed = set(re.findall(r"'sha256-[A-Za-z0-9+/=]+'", self.policy))
        real: dict = {}  # folder -> its real path (each page loads a few scripts from the same folder)
        site = ""
        for attributes, code in self.scripts:
            source = attributes.get("src")
            if source is not None:
                path = source.split("?")[0]  # 404.html names its scripts from the site's root
                if path.startswith(self.root_path):
                    path = "/" + path[len(self.root_path):]
                # As Path.resolve() finds it: the real path of the folder, then of what follows it.
                folder = self.site if path.startswith("/") else self.page.parent
                if folder not in real:
                    real[folder] = os.path.realpath(folder)
                target = os.path.realpath(os.path.join(real[folder], path.lstrip("/")))
                site = site or os.path.realpath(self.site)
                if _ELSEWHERE.match(source) or (self.written and not os.path.isfile(target)) \
                        or not target.startswith(site.rstrip("/") + "/"):
                    self.problems.append(f"a script from {source!r}, which is not a file of the site")
            elif (attributes.get("type") or "").lower() in SCRIPT_TYPES and csp_hash(code) not in allowed:
                self.problems.append(f"an inline script the policy does not list: {code[:60]!r}")
        return self.problems


# Where an element or attribute may be is decided by its name and where it stands alone: each
# verdict is worked out once per build (the readers of a build share a memo), not once per element.
_UNSEEN = object()
_LOADING_ATTRIBUTES = frozenset(("src", "srcset", "action", "formaction", "poster", "data"))


def _element_problem(tag: str, where: str) -> str | None:
    """What is wrong with the element `tag` where it stands (head, body, content, svg), if anything."""
    if tag in NEVER:
        return f"the element <{tag}>, which no page of the site has"
    if where == "svg":
        return None if tag in SVG_ELEMENTS else f"the element <{tag}>, which the charts never have"
    if where == "content":
        return None if tag in CONTENT_ELEMENTS else \
            f"the element <{tag}> in the page's content, which the templates never produce"
    if tag not in material.THEME_CHROME:
        return f"the element <{tag}>, which the theme's templates never produce"
    if where == "body" and tag in HEAD_ONLY:
        # A <meta>, <link> or <title> the parser put in the body: something before it
        # (text from an unescaped value, say) closed the page's head early.
        return f"the element <{tag}> outside the page's head: something before it ended the head early"
    return None


def _attribute_verdict(tag: str, name: str, chrome: bool, svg: bool) -> tuple[str, str | None, bool]:
    """(the attribute's name in lower case, what is wrong with its name on `tag` if anything, whether
    it is an event handler, whose value is then not looked at): in the theme's chrome (`chrome`)
    or in content; `svg`, a chart, whose content may carry any attribute but a handler."""
    name = name.lower()  # the parser keeps SVG's viewBox as written
    if name.startswith("on"):
        return name, f"the event-handler attribute {name}= on <{tag}>", True
    if not chrome:
        if not svg and name not in CONTENT_ATTRIBUTES and not name.startswith(("aria-", "data-")):
            return name, (f"the attribute {name}= on <{tag}> in the page's content, which the templates never "
                          "produce"), False
    elif name not in material.THEME_CHROME.get(tag, ()) and not name.startswith(("aria-", material.THEME_DATA)):
        return name, f"the attribute {name}= on <{tag}>, which the theme's templates never produce", False
    return name, None, False


def _line_of(text: str, tag: str, attribute: str | None) -> int | None:
    """The line of `text` where the element `tag` (with `attribute`) starts, when a plain
    search finds it: the parser gives no positions, and the message is better with one."""
    pattern = rf"<{re.escape(tag)}(?=[\s/>])"
    if attribute:
        pattern += rf"[^>]*?(?<=[\s\"'/]){re.escape(attribute)}(?=[\s=/>]|$)"
    found = re.search(pattern, text, re.I)
    return text.count("\n", 0, found.start()) + 1 if found else None


def read_html(site: Path, page: Path, text: str, written: bool = True, root_path: str = "/",
              require_policy: bool = True, memo: dict | None = None) -> _Reader:
    reader = _Reader(site, page, written=written, root_path=root_path, require_policy=require_policy,
                     memo=memo).read(text)
    reader.finish()
    return reader


def check_html(site: Path, page: Path, text: str, written: bool = True) -> list[str]:
    """What is wrong in one HTML page: every element and attribute, as the browser builds them."""
    return read_html(site, page, text, written).problems


def check_svg(site: Path, page: Path, text: str, memo: dict | None = None) -> list[str]:
    return _Reader(site, page, svg=True, memo=memo).read(text).finish()


# Every search index of the built site: Material's, as JSON and as the offline copy's script, and each
# language's whole index, which reader.js loads (reader.py).
SEARCH_INDEXES = (posixpath.basename(material.SEARCH_INDEX), posixpath.basename(material.OFFLINE_SEARCH_INDEX),
                  "search_index.full.json", "search_index.full.js")


def read_search_index(path: Path) -> tuple[list, list[str]]:
    """The entries of a search index file (JSON, or the offline copy's `var __index = {...}`), in
    Material's form or the prebuilt head's (search_index.documents). The prebuilt index's pieces
    (search/pieces/) hold words and numbers, which nothing shows as HTML: not read here."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".js":
        text = text.partition("=")[2].strip().rstrip(";")
    try:
        return search_index.documents(json.loads(text)), []
    except (ValueError, AttributeError, IndexError, TypeError, KeyError) as err:
        return [], [f"the search index cannot be read ({err})"]


def check_search_index(site: Path, path: Path, memo: dict | None = None) -> list[str]:
    """Each entry of the search index: its title and text are HTML that the results show as
    HTML, so each is read as a piece of a page's content would be."""
    docs, problems = read_search_index(path)
    for doc in docs:
        location = str(doc.get("location", ""))
        if _ELSEWHERE.match(location):
            problems.append(f"the entry {location!r} points outside the site")
        for field in ("title", "text"):
            reader = _Reader(site, path, memo=memo).read_fragment(str(doc.get(field, "")))
            problems += [f"entry {location!r}, {field}: {p.partition(': ')[2] if p.startswith('line ') else p}"
                         for p in reader.problems]
    return problems


# ---- anchors ------------------------------------------------------------------------------------

def _target_of(page_uri: str, href: str, root_path: str = "/") -> tuple[str, str] | None:
    """The site path of the HTML file an in-site link leads to and its fragment, or None for
    a link to another site or to no page of this one."""
    split = urlsplit(href)
    if split.scheme or split.netloc or not split.fragment:
        return None
    path = unquote(split.path)
    if path.startswith("/"):
        if not path.startswith(root_path):
            return None
        target = path[len(root_path):]
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page_uri), path)) if path else page_uri
        if target.startswith("../") or target == "..":
            return None
        target = "" if target == "." else target
        if path.endswith("/") and target:
            target += "/"
    if target == "" or target.endswith("/"):
        target += "index.html"
    return target, unquote(split.fragment)


def check_anchors(ids: dict, links: dict, root_path: str = "/") -> list[str]:
    """Every in-site link with a #fragment leads to an element that carries that id.
    `ids`: site path -> the ids of that page; `links`: site path -> the hrefs it holds."""
    problems = []
    for page in sorted(links):
        for href in links[page]:
            found = _target_of(page, href, root_path)
            if found is None or found[0] not in ids:
                continue
            target, fragment = found
            if fragment not in ids[target]:
                problems.append(f"{page}: a link to {href!r}, but no element of {target} has the id {fragment!r}")
    return sorted(set(problems), key=problems.index)


# ---- the whole site -------------------------------------------------------------------------------

def check_site(site: Path, checked: dict | None = None, root_path: str = "/",
               require_policy: bool = True, known: dict | None = None) -> list[str]:
    """Every problem in the built site, as 'path: what'. `checked`: the pages read as written
    (site path -> (ids, links)); every other HTML file, SVG and search index is read here
    (not the index under serve, no `require_policy`: rewritten whole at each build), then
    every in-site anchor is checked. `known`: what each file gave, with its size and time,
    kept by serve between its --dirty builds, so that only what changed is read again."""
    checked, memo, known = dict(checked or {}), {}, {} if known is None else known
    problems = []
    ids = {page: found[0] for page, found in checked.items()}
    links = {page: found[1] for page, found in checked.items()}
    for path in sorted(site.rglob("*")):
        shown = path.relative_to(site).as_posix()
        wanted = path.suffix in (".html", ".svg") or (require_policy and path.name in SEARCH_INDEXES
                                                      and path.parent.name == "search")
        if shown in checked or not wanted or not path.is_file():
            known.pop(shown, None)
            continue
        info = path.stat()
        signature = (info.st_size, info.st_mtime_ns, info.st_ino)
        found = known.get(shown)
        if found is None or found[0] != signature:
            found = known[shown] = (signature, *_read_file(site, path, shown, root_path, require_policy, memo))
        problems += found[1]
        if found[2] is not None:
            ids[shown] = found[2]
        if found[3] is not None:
            links[shown] = found[3]
    problems += check_anchors(ids, links, root_path)
    return problems


def _read_file(site: Path, path: Path, shown: str, root_path: str, require_policy: bool, memo: dict) -> tuple:
    """(problems, ids or None, links or None) of one file of the built site."""
    if path.suffix == ".html":
        reader = read_html(site, path, path.read_text(encoding="utf-8"), root_path=root_path,
                           require_policy=require_policy, memo=memo)
        return [f"{shown}: {p}" for p in reader.problems], reader.ids, reader.links
    if path.suffix == ".svg":
        return [f"{shown}: {p}" for p in check_svg(site, path, path.read_text(encoding="utf-8"), memo)], None, None
    problems = [f"{shown}: {p}" for p in check_search_index(site, path, memo)]
    docs, _ = read_search_index(path)
    base = path.parent.parent.relative_to(site).as_posix()
    prefix = "" if base == "." else base + "/"
    # Its locations are relative to its language's root (search/..), not to the file.
    up = "../" * shown.count("/")
    return problems, None, [up + prefix + location for location in (str(doc.get("location", "")) for doc in docs)
                            if "#" in location and not _ELSEWHERE.match(location)]


def check_built_site(build: BuildState) -> None:
    """At on_post_build, last: every file of the built site."""
    config = build.config
    _fail(_with_sources(check_site(Path(config.site_dir), build.checked, build.root_path, not build.serving,
                                   build.site_files), _project(config)))

