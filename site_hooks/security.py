"""MkDocs hook: a Content-Security-Policy on every page, and a check of the built site.

Defence in depth behind the validator and the renderer's escaping, for the day one of
them misses something a hostile pull request put in seeds/:

1. The policy. GitHub Pages sets no headers, so each page carries it as the first
   element after <meta charset> (a <meta> policy covers only what follows it): scripts
   only from the site itself ('self') plus the SHA-256 hashes of the inline scripts the
   theme writes on that page, computed here at build time; no 'unsafe-inline', so no
   inline event handler (onerror=...) and no javascript: URL ever runs; nothing at all
   from another host. Opened from file:// in Chromium, 'self' matches the site's own
   file: URLs (tests/browser/test_security.py checks it). The offline copy's search runs
   its worker in a hidden iframe (the iframe-worker shim), which writes one inline script
   into that iframe: the iframe inherits the policy, so that script's hash is added too,
   worked out from the shim's own source and the page's worker address.
2. The check. Each page as it is written, then the
   SVG charts, the search index and any other HTML file once the build is done: any on*
   attribute, any javascript:, data: or vbscript: URL in an attribute, any element or
   attribute a generated page's content never has (the allowlists below), any frame,
   object or base anywhere, any script that is neither a file of the site nor an inline
   script whose hash the page's policy lists, or a page without the policy fails the
   build, naming the page. A page is first searched with a few regular expressions that
   match wherever the full check could find something, and read tag by tag only if they
   match: reading every tag of a large site cost more than building it.

`mkdocs serve` adds an inline live-reload script that changes with every request, so the
preview it serves carries no policy; what `mkdocs build` writes always does.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

HERE = Path(__file__).resolve().parent
SHIM_SOURCE = HERE.parent / "node_modules" / "iframe-worker" / "shim" / "index.js"
SHIM_NAME = "iframe-worker-shim.js"

POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
          "font-src 'self'; connect-src 'self'; worker-src 'self'; frame-src 'self'; object-src 'none'; "
          "base-uri 'none'; form-action 'self'")
META = '<meta http-equiv="Content-Security-Policy" content="{policy}">'
CHARSET = re.compile(r'<meta charset="[^"]*">', re.I)
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<code>.*?)</script>", re.S | re.I)
CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
# Script types a browser runs; anything else (application/json) is data.
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}

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


def csp_hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"


def inline_scripts(html: str) -> list[str]:
    """The code of every inline script a browser would run in `html`."""
    found = []
    for match in INLINE_SCRIPT.finditer(html):
        attributes = _attributes(match.group("attrs"))
        if "src" not in attributes and attributes.get("type", "").lower() in SCRIPT_TYPES:
            found.append(match.group("code"))
    return found


def _attributes(text: str) -> dict:
    collected: dict = {}

    class _One(HTMLParser):
        def handle_starttag(self, tag, attrs):
            collected.update((name, value or "") for name, value in attrs)

    parser = _One()
    parser.feed(f"<x{text}>")
    parser.close()
    return collected


# ---- the offline shim's inline script -----------------------------------------------------

def _function_source(code: str, name: str) -> str:
    """`function name(...){...}` as written in `code`: what Function.prototype.toString gives."""
    start = code.find(f"function {name}(")
    if start < 0:
        raise ValueError(f"no function {name}")
    depth = 0
    for index in range(code.index("{", start), len(code)):
        depth += {"{": 1, "}": -1}.get(code[index], 0)
        if depth == 0:
            return code[start:index + 1]
    raise ValueError(f"function {name} does not end")


def shim_iframe_script(shim: str, worker_url: str) -> str:
    """The inline script the iframe-worker shim writes into its iframe for `worker_url`.

    The shim builds it from a template literal: `<script>postMessage=${c};importScripts=${d};
    ...{filename:"${e}"...}<\\/script><script src=${e}?...>`, where c and d are functions of
    the shim (interpolated as their source text) and e is the worker's address."""
    literal = re.search(r"document\.write\(`(.*?)`\)", shim, re.S)
    if literal is None:
        raise ValueError("no document.write of a template literal")
    template = literal.group(1).replace("<\\/", "</")
    url_name = re.search(r"<script src=\$\{(\w+)\}", template)
    if url_name is None or "\\" in template:
        raise ValueError("the template is not the expected one")
    script = re.match(r"<html><body><script>(.*?)</script>", template, re.S)
    if script is None:
        raise ValueError("no inline script at the start of the template")

    def value(match):
        name = match.group(1)
        return worker_url if name == url_name.group(1) else _function_source(shim, name)

    return re.sub(r"\$\{(\w+)\}", value, script.group(1))


def _shim_hash(html: str) -> str | None:
    """The hash of the shim's iframe script on this page, when the page loads the shim."""
    if SHIM_NAME not in html:
        return None
    config = CONFIG.search(html)
    try:
        worker_url = json.loads(config.group(1))["search"]
        return csp_hash(shim_iframe_script(SHIM_SOURCE.read_text(encoding="utf-8"), worker_url))
    except (AttributeError, KeyError, OSError, ValueError) as err:
        raise PluginError(f"security.py cannot work out the iframe-worker shim's inline script ({err}); "
                          "check the shim's version against site_hooks/security.py") from None


# ---- the policy on every page ----------------------------------------------------------------

def policy_for(html: str) -> str:
    hashes = sorted({csp_hash(code) for code in inline_scripts(html)} | ({_shim_hash(html)} - {None}))
    return POLICY.format(hashes=" ".join(hashes)).replace("  ", " ")


def with_policy(html: str, where: str) -> str:
    if _serving[0]:
        return html
    charset = CHARSET.search(html)
    if charset is None:
        raise PluginError(f"{where}: no <meta charset> to put the Content-Security-Policy after")
    meta = META.format(policy=policy_for(html))
    return html[:charset.end()] + meta + html[charset.end():]


_pages: set = set()  # site paths of the pages checked as they were written (this process's)
_root_path: list = ["/"]
_serving: list = [False]  # `mkdocs serve`: its live-reload script is inline and new on every request


def on_startup(command, dirty):
    """`mkdocs serve` gets no policy: the inline script it adds to every page for live reload
    changes with each request, so no hash could allow it. The built site always has one."""
    _serving[0] = command == "serve"


def on_files(files, config):
    """Which HTML files the pages will be: checked by on_post_page, so on_post_build reads
    only the other HTML files."""
    _root_path[0] = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    _pages.clear()
    _pages.update(file.dest_uri for file in files.documentation_pages())
    return files


@event_priority(-100)  # after every other hook has changed the page (reader.py's styles and scripts)
def on_post_page(output, page, config):
    if not output or page is None:  # 404.html (accessibility.py runs this event for it): on_post_template
        return output
    output = with_policy(output, page.file.src_uri)
    site = Path(config.site_dir)
    _fail(f"{page.file.dest_uri}: {p}" for p in check_html(site, site / page.file.dest_uri, output, written=False))
    return output


@event_priority(-100)
def on_post_template(output_content, template_name, config):
    if template_name.endswith(".html"):  # 404.html; sitemap.xml is not a page
        return with_policy(output_content, template_name)
    return output_content


def _fail(problems) -> None:
    problems = list(problems)
    if problems:
        shown = "\n".join(problems[:50]) + (f"\n... and {len(problems) - 50} more" if len(problems) > 50 else "")
        raise PluginError(f"The built site holds what no page should (site_hooks/security.py):\n{shown}")


# ---- the check of the built site ---------------------------------------------------------------

class _Checker(HTMLParser):
    """Collects what is wrong in one HTML or SVG document."""

    def __init__(self, site: Path, page: Path, svg: bool = False, content_only: bool = False, written: bool = True):
        super().__init__(convert_charrefs=True)
        self.site, self.page, self.svg = site, page, svg
        self.written = written  # False while the site is being built: its scripts may not be there yet
        self.root_path = _root_path[0]  # the path of site_url, which 404.html's addresses start with
        self.content_depth = 1 if content_only else 0
        self.problems: list[str] = []
        self.scripts: list[tuple[dict, str]] = []  # (attributes, inline code)
        self.policy: str | None = None
        self._script: dict | None = None
        self._code: list[str] = []

    def problem(self, text: str) -> None:
        line, column = self.getpos()
        self.problems.append(f"line {line}: {text}")

    def handle_starttag(self, tag, attrs):
        self._element(tag, attrs)
        if tag == "article":
            self.content_depth += 1

    def handle_startendtag(self, tag, attrs):
        self._element(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "article" and self.content_depth:
            self.content_depth -= 1
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._code)))
            self._script, self._code = None, []

    def handle_data(self, data):
        if self._script is not None:
            self._code.append(data)

    def _element(self, tag, attrs):
        attributes = dict(attrs)
        if self.svg and tag not in SVG_ELEMENTS:
            self.problem(f"the element <{tag}>, which the charts never have")
        elif tag in NEVER:
            self.problem(f"the element <{tag}>, which no page of the site has")
        elif self.content_depth and tag not in CONTENT_ELEMENTS:
            self.problem(f"the element <{tag}> in the page's content, which the templates never produce")
        for name, value in attrs:
            if name.startswith("on"):
                self.problem(f"the event-handler attribute {name}= on <{tag}>")
            elif self.content_depth and name not in CONTENT_ATTRIBUTES and not name.startswith(("aria-", "data-")):
                self.problem(f"the attribute {name}= on <{tag}> in the page's content, which the templates never produce")
            bad = BAD_URL.match(_URL_NOISE.sub("", value)) if value else None
            if bad:
                self.problem(f"a {bad.group().lower()} URL in {name}= on <{tag}>")
            if value and name in ("src", "srcset", "action", "formaction", "poster", "data") and _ELSEWHERE.match(value):
                self.problem(f"{name}= on <{tag}> loads {value!r} from another host")
        if tag == "link" and _ELSEWHERE.match(attributes.get("href") or "") \
                and set((attributes.get("rel") or "").lower().split()) & LOADING_LINKS:
            self.problem(f"<link rel={attributes['rel']!r}> loads {attributes['href']!r} from another host")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "content-security-policy":
            if self.policy is not None:
                self.problem("a second Content-Security-Policy")
            self.policy = attributes.get("content") or ""
        elif tag == "meta" and attributes.get("http-equiv"):
            self.problem(f"<meta http-equiv={attributes['http-equiv']!r}>, which no page of the site has")
        if tag == "script":
            self._script, self._code = attributes, []

    def finish(self) -> list[str]:
        self.close()
        if self.svg:
            return self.problems
        if self.policy is None:
            if not _serving[0]:
                self.problems.append("no Content-Security-Policy")
            return self.problems
        allowed = set(re.findall(r"'sha256-[A-Za-z0-9+/=]+'", self.policy))
        for attributes, code in self.scripts:
            source = attributes.get("src")
            if source is not None:
                path = source.split("?")[0]  # 404.html names its scripts from the site's root
                if path.startswith(self.root_path):
                    path = "/" + path[len(self.root_path):]
                target = (self.site / path.lstrip("/") if path.startswith("/") else self.page.parent / path).resolve()
                if _ELSEWHERE.match(source) or (self.written and not target.is_file()) \
                        or self.site.resolve() not in target.parents:
                    self.problems.append(f"a script from {source!r}, which is not a file of the site")
            elif (attributes.get("type") or "").lower() in SCRIPT_TYPES and csp_hash(code) not in allowed:
                self.problems.append(f"an inline script the policy does not list: {code[:60]!r}")
        return self.problems


def check_html(site: Path, page: Path, text: str, written: bool = True) -> list[str]:
    """What is wrong in one HTML page. Reading every tag of a large site with HTMLParser took
    longer than building it (130 MB at 10,000 events), so the page is first searched with a
    few regular expressions that match wherever the precise check could find a problem, and
    only a page they match is read tag by tag. The precise check has the last word."""
    if _suspect(text):
        checker = _Checker(site, page, written=written)
        checker.feed(text)
        return checker.finish()
    return _check_scripts(site, page, text, written)


# Scripts and styles (checked on their own), and the policy itself (it names data:).
_RAW_TEXT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>|<meta http-equiv=\"content-security-policy\"[^>]*>", re.S)
# Each searched for on its own: a pattern that starts with a fixed text is found fast.
_SUSPECTS = [re.compile(pattern) for pattern in (
    r"&#",  # a numeric character reference can spell any URL
    *(rf"{name}\s*=\s*[\"']?\s*(?:[a-z][a-z0-9+.-]*:|//)" for name in ("src", "action", "poster", "data")),
    r"<link\b[^>]*\shref\s*=\s*[\"']?\s*(?:[a-z][a-z0-9+.-]*:|//)",  # loads from elsewhere (srcset: src)
    r"<(?:" + "|".join(sorted(NEVER)) + r")\b",
)]
_HANDLER = re.compile(r"on[^\s/>=<]*\s*=")  # an event-handler attribute, when what comes before separates it
_SCHEME_NOISE = ("&tab;", "&newline;")
DANGEROUS_SCHEMES = {"javascript", "vbscript", "data"}


# What may stand just before a colon that ends a dangerous scheme: the last letter of
# javascript, vbscript or data, or what _scheme_before reads over.
_BEFORE_SCHEME_END = frozenset("ta;\x7f" + "".join(map(chr, range(0x21))))


def _colons(text: str):
    """Where each colon (':' or '&colon;') that could end a dangerous scheme starts. Found with
    str.find, which is far quicker than a regex; a page's text has thousands of colons
    (dates, 'According to X:'), and only these few are read backwards letter by letter."""
    for mark in (":", "&colon;"):
        position = text.find(mark)
        while position >= 0:
            if position and text[position - 1] in _BEFORE_SCHEME_END:
                yield position
            position = text.find(mark, position + 1)


def _scheme_before(text: str, end: int) -> str:
    """The letters just before `end`, read backwards over anything the precise check drops
    ([\\x00-\\x20\\x7f] and &Tab; or &NewLine;): what a URL's scheme would be if a colon were at `end`."""
    letters = []
    index = end - 1
    while index >= 0 and len(letters) <= 10:
        character = text[index]
        if character <= " " or character == "\x7f":
            index -= 1
        elif character == ";" and text.endswith(_SCHEME_NOISE, 0, index + 1):
            index -= len("&tab;") if text.endswith("&tab;", 0, index + 1) else len("&newline;")
        elif "a" <= character <= "z":
            letters.append(character)
            index -= 1
        else:
            break
    return "".join(reversed(letters))


_TAG_NAME = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
# A start tag with its attributes; a quoted value may hold '>' (and must be closed).
_START_TAG = re.compile(r"""<[a-zA-Z](?:[^>"']|"[^"]*"|'[^']*')*>""")
_QUOTED_VALUE = re.compile(r"""=\s*(?:"[^"]*"|'[^']*')""")
_ATTRIBUTE_NAME = re.compile(r"[\s/]([^\s\"'>/=]+)\s*=")


def _other_attribute(content: str) -> bool:
    """Whether a start tag of `content` has an attribute name outside CONTENT_ATTRIBUTES
    before an '='. Text between tags is not looked at: an '=' there (the citation's BibTeX
    on every page) is no attribute. Every '<' + letter must begin a tag the pattern reads
    in full, or be inside one, and a quote may only open a value right after '=';
    anything else (an unclosed quote, a quote inside an unquoted value) is left to the
    precise check. Done with a few passes of regular expressions over the whole text, not
    a Python loop over its tags (a page of the record's lists has thousands)."""
    if _TAG_NAME.search(_START_TAG.sub("", content)):
        return True  # a '<' + letter that no tag the pattern reads covers
    attributes = _QUOTED_VALUE.sub("= ", "\n".join(_START_TAG.findall(content)))
    if '"' in attributes or "'" in attributes:
        return True
    return any(name not in CONTENT_ATTRIBUTES and not name.startswith(("aria-", "data-"))
               for name in set(_ATTRIBUTE_NAME.findall(attributes)))


def _suspect(text: str) -> bool:
    """True where the precise check might find something: never False where it would."""
    lowered = text.lower()
    if lowered.count("http-equiv") != 1:
        return True
    return _suspect_content(_RAW_TEXT.sub("", lowered))


def _suspect_content(rest: str) -> bool:
    """`rest`, in lower case, without scripts and styles."""
    if any(pattern.search(rest) for pattern in _SUSPECTS):
        return True
    if any(rest[m.start() - 1:m.start()] in ("", " ", "\t", "\n", "\r", "\f", "/", '"', "'")
           for m in _HANDLER.finditer(rest)):
        return True
    if any(_scheme_before(rest, colon) in DANGEROUS_SCHEMES for colon in _colons(rest)):
        return True
    start, end = rest.find("<article"), rest.rfind("</article>")
    content = rest[start:end] if start >= 0 else ""
    if set(_TAG_NAME.findall(content)) - CONTENT_ELEMENTS - {"article"}:
        return True
    return _other_attribute(content)


def _check_scripts(site: Path, page: Path, text: str, written: bool) -> list[str]:
    """The precise check of the page's scripts and policy alone (the rest passed _suspect)."""
    checker = _Checker(site, page, written=written)
    checker.feed("".join(match.group(0) for match in re.finditer(
        r'<meta http-equiv="Content-Security-Policy"[^>]*>|<script\b[^>]*>.*?</script>', text, re.S | re.I)))
    return checker.finish()


def check_svg(site: Path, page: Path, text: str) -> list[str]:
    checker = _Checker(site, page, svg=True)
    checker.feed(text)
    return checker.finish()


def check_search_index(site: Path, path: Path) -> list[str]:
    """Each entry of the search index: its text is HTML that the results show as HTML."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".js":  # the offline copy's search_index.js: `var __index = {...}`
        text = text.partition("=")[2].strip().rstrip(";")
    try:
        docs = json.loads(text).get("docs", [])
    except ValueError as err:
        return [f"the search index cannot be read ({err})"]
    problems = []
    everything = "\n".join(f"<article>{doc.get('title', '')}\n{doc.get('text', '')}</article>" for doc in docs)
    if not _suspect_content(everything.lower()):
        docs = [doc for doc in docs if _ELSEWHERE.match(str(doc.get("location", "")))]
    for doc in docs:
        location = str(doc.get("location", ""))
        if _ELSEWHERE.match(location):
            problems.append(f"the entry {location!r} points outside the site")
        for field in ("title", "text"):
            checker = _Checker(site, path, content_only=True)
            checker.feed(str(doc.get(field, "")))
            checker.close()
            problems += [f"entry {location!r}, {field}: {p.partition(': ')[2]}" for p in checker.problems]
    return problems


def check_site(site: Path, checked: set = frozenset()) -> list[str]:
    """Every problem in the built site, as 'path: what'; the HTML files in `checked` (site
    paths) were checked as they were written."""
    problems = []
    for path in sorted(site.rglob("*")):
        shown = path.relative_to(site).as_posix()
        if path.suffix == ".html" and shown not in checked:
            problems += [f"{shown}: {p}" for p in check_html(site, path, path.read_text(encoding="utf-8"))]
        elif path.suffix == ".svg":
            problems += [f"{shown}: {p}" for p in check_svg(site, path, path.read_text(encoding="utf-8"))]
        elif path.name in ("search_index.json", "search_index.js") and path.parent.name == "search":
            problems += [f"{shown}: {p}" for p in check_search_index(site, path)]
    return problems


@event_priority(-300)  # after the search and offline plugins (and reader.py) have written their files
def on_post_build(config):
    _fail(check_site(Path(config.site_dir), _pages))
