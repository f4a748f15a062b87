"""MkDocs hook: the offline copy (OFFLINE=true) stays small with both languages in it.

The zip compresses each file on its own, so what every page repeats is paid once per page,
and the Spanish edition doubled the pages. In the offline copy only (the online site is
unchanged), each page:

- links the styles the hooks inline (reader.py, accessibility.py) as files, one per
  distinct set, instead of carrying them: online they are inlined so that nothing blocks
  the first paint, which does not matter when the page comes from disk;
- drops the tags only other sites read (link previews, hreflang alternates and the
  description, which crawlers and link previews use, and no one shares a file on disk);
- loses the indentation of its lines (never inside <pre>, <textarea> or a script);
- keeps the theme's icons (outside the page's <article>) as empty <svg> elements drawn by
  one shared stylesheet (the icon as a CSS mask in the current text colour, as the inline
  drawing was filled), instead of repeating every icon's drawing in every page.

Runs after the other hooks have written into the page and before security.py (-100)
works out and checks the page's policy.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

STYLE_FOLDER = "assets/stylesheets"
STYLE = re.compile(r"<style>(.*?)</style>", re.S)
ONLY_FOR_OTHER_SITES = re.compile(
    r'[ \t]*<meta (?:property|name)="(?:og|twitter):[^"]*" content="[^"]*">\n?'
    r'|[ \t]*<link rel="alternate " hreflang="[^"]*" href="[^"]*">\n?'
    r'|[ \t]*<meta name="description" content="[^"]*">\n?')
KEEP_AS_IS = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>|<script\b.*?</script>)", re.S)
INDENT = re.compile(r"\n[ \t\n]*")
ICON = re.compile(r"<svg( [^>]*)>(.*?)</svg>", re.S)
ICONS = "icons.css"

_styles: dict = {}  # file name -> CSS, for on_post_build to write
_icons: dict = {}  # class name -> the icon's whole <svg>


def _offline(config) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin is not None and plugin.config.enabled)


def on_pre_build(config):
    _styles.clear()
    _icons.clear()


def _icon(match: re.Match) -> str:
    attributes, drawing = match.group(1), match.group(2)
    if "class=" in attributes or "<" not in drawing:
        return match.group(0)
    whole = match.group(0)
    name = "site-icon-" + hashlib.sha256(whole.encode("utf-8")).hexdigest()[:8]
    _icons[name] = whole
    return f'<svg class="{name}"{attributes} aria-hidden="true"></svg>'


def _outside_article(html: str, change) -> str:
    start, end = html.find("<article"), html.rfind("</article>")
    if start < 0 or end < 0:
        return change(html)
    return change(html[:start]) + html[start:end] + change(html[end:])


@event_priority(-50)  # after reader.py and accessibility.py (0), before security.py (-100)
def on_post_page(output, page, config):
    if page is None or not _offline(config):  # 404.html: never opened from disk
        return output
    head, separator, body = output.partition("</head>")
    css = "".join(STYLE.findall(head))
    if css:
        name = f"site.{hashlib.sha256(css.encode('utf-8')).hexdigest()[:8]}.css"
        _styles[name] = css
        link = f'<link rel="stylesheet" href="{get_relative_url(f"{STYLE_FOLDER}/{name}", page.url)}">'
        head = STYLE.sub("", head)
        head = head + link
    head = ONLY_FOR_OTHER_SITES.sub("", head)
    head += f'<link rel="stylesheet" href="{get_relative_url(f"{STYLE_FOLDER}/{ICONS}", page.url)}">'
    body = _outside_article(body, lambda part: ICON.sub(_icon, part))
    parts = KEEP_AS_IS.split(head + separator + body)
    for i in range(0, len(parts), 2):
        parts[i] = INDENT.sub("\n", parts[i])
    return "".join(parts)


def on_post_build(config):
    if not _styles and not _icons:
        return
    folder = Path(config.site_dir) / STYLE_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, css in _styles.items():
        (folder / name).write_text(css, encoding="utf-8")
    rules = []
    for name, svg in sorted(_icons.items()):
        data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
        mask = f'url("data:image/svg+xml;base64,{data}") center / contain no-repeat'
        rules.append(f"svg.{name}{{background-color:currentcolor;-webkit-mask:{mask};mask:{mask}}}")
    (folder / ICONS).write_text("\n".join(rules) + "\n", encoding="utf-8")
