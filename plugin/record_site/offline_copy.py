"""The offline copy (OFFLINE=true) stays small with both languages in it.

The zip compresses each file on its own, so what every page repeats is paid once per page,
and the Spanish edition doubled the pages. In the offline copy only (the online site is
unchanged), each page:

- links the styles the plugin inlines (reader.py, accessibility.py) as files, one per
  distinct set, instead of carrying them: online they are inlined so that nothing blocks
  the first paint, which does not matter when the page comes from disk;
- drops the tags only other sites read (link previews, hreflang alternates and the
  description, which crawlers and link previews use, and no one shares a file on disk);
- loses the indentation of its lines (never inside <pre>, <textarea> or a script);
- keeps the theme's icons (outside the page's <article>) as empty <svg> elements drawn by
  one shared stylesheet (the icon as a CSS mask in the current text colour, as the inline
  drawing was filled), instead of repeating every icon's drawing in every page.

A page step after the other steps have written into the page and before security.py
works out and checks the page's policy.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from mkdocs.utils import get_relative_url

from . import material
from .state import BuildState

STYLE = re.compile(r"<style>(.*?)</style>", re.S)
ONLY_FOR_OTHER_SITES = re.compile(
    r'[ \t]*<meta (?:property|name)="(?:og|twitter):[^"]*" content="[^"]*">\n?'
    rf'|[ \t]*<link rel="{re.escape(material.ALTERNATE_REL)}" hreflang="[^"]*" href="[^"]*">\n?'
    r'|[ \t]*<meta name="description" content="[^"]*">\n?')
KEEP_AS_IS = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>|<script\b.*?</script>)", re.S)
INDENT = re.compile(r"\n[ \t\n]*")
ICON = re.compile(r"<svg( [^>]*)>(.*?)</svg>", re.S)
ICONS = "icons.css"


def compact(output: str, page, build: BuildState) -> str:
    """A step of every page of the offline copy (the online site is left as it is)."""
    if page is None or not build.offline:  # 404.html: never opened from disk
        return output
    head, separator, body = output.partition("</head>")
    css = "".join(STYLE.findall(head))
    if css:
        name = f"site.{hashlib.sha256(css.encode('utf-8')).hexdigest()[:8]}.css"
        build.offline_styles[name] = css
        link = f'<link rel="stylesheet" href="{get_relative_url(f"{material.STYLESHEETS}/{name}", page.url)}">'
        head = STYLE.sub("", head)
        head = head + link
    head = ONLY_FOR_OTHER_SITES.sub("", head)
    head += f'<link rel="stylesheet" href="{get_relative_url(f"{material.STYLESHEETS}/{ICONS}", page.url)}">'
    body = material.outside_content(body, lambda part: ICON.sub(lambda icon: _icon(icon, build.offline_icons), part))
    parts = KEEP_AS_IS.split(head + separator + body)
    for i in range(0, len(parts), 2):
        parts[i] = INDENT.sub("\n", parts[i])
    return "".join(parts)


def _icon(match: re.Match, icons: dict) -> str:
    """The theme's icon as an empty <svg> drawn by icons.css; `icons` collects its drawing."""
    attributes, drawing = match.group(1), match.group(2)
    if "class=" in attributes or "<" not in drawing:
        return match.group(0)
    whole = match.group(0)
    name = "site-icon-" + hashlib.sha256(whole.encode("utf-8")).hexdigest()[:8]
    icons[name] = whole
    return f'<svg class="{name}"{attributes} aria-hidden="true"></svg>'


def write_files(build: BuildState) -> None:
    """The stylesheets the pages link (at on_post_build)."""
    styles, icons = build.offline_styles, build.offline_icons
    if not styles and not icons:
        return
    folder = Path(build.config.site_dir) / material.STYLESHEETS
    folder.mkdir(parents=True, exist_ok=True)
    for name, css in styles.items():
        (folder / name).write_text(css, encoding="utf-8")
    rules = []
    for name, svg in sorted(icons.items()):
        data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
        mask = f'url("data:image/svg+xml;base64,{data}") center / contain no-repeat'
        rules.append(f"svg.{name}{{background-color:currentcolor;-webkit-mask:{mask};mask:{mask}}}")
    (folder / ICONS).write_text("\n".join(rules) + "\n", encoding="utf-8")
