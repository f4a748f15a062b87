"""A Content-Security-Policy on every page (the check of the built site is site_check.py).

GitHub Pages sets no headers, so each page carries the policy as the first element after
<meta charset> (a <meta> policy covers only what follows it): scripts only from the site
itself ('self') plus the SHA-256 hashes of the inline scripts the theme writes on that page,
computed here at build time; no 'unsafe-inline', so no inline event handler (onerror=...)
and no javascript: URL ever runs; nothing at all from another host. Opened from file:// in
Chromium, 'self' matches the site's own file: URLs (tests/browser/test_security.py checks
it). The offline copy's search runs its worker in a hidden iframe (the iframe-worker shim),
which writes one inline script into that iframe: the iframe inherits the policy, so that
script's hash is added too, worked out from the shim's own source and the page's worker
address. The settings that reach the page head unescaped by the theme are refused when
unsafe (check_settings).

`mkdocs serve` adds an inline live-reload script that changes with every request, so the
preview it serves carries no policy; what `mkdocs build` writes always does.
"""

from __future__ import annotations

import base64
import hashlib
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

from . import material
from .state import BuildState


SHIM_NAME = posixpath.basename(material.SHIM_TARGET)

POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
          "font-src 'self'; connect-src 'self'; worker-src 'self'; frame-src 'self'; object-src 'none'; "
          "base-uri 'none'; form-action 'self'")
META = '<meta http-equiv="Content-Security-Policy" content="{policy}">'
CHARSET = re.compile(r'<meta charset="[^"]*">', re.I)
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<code>.*?)</script>", re.S | re.I)
# Script types a browser runs; anything else (application/json) is data.
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


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


def _shim_hash(html: str, shim_source: Path) -> str | None:
    """The hash of the shim's iframe script on this page, when the page loads the shim."""
    if SHIM_NAME not in html:
        return None
    try:
        return csp_hash(shim_iframe_script(shim_source.read_text(encoding="utf-8"), material.worker_url(html)))
    except (KeyError, OSError, ValueError) as err:
        raise PluginError(f"security.py cannot work out the iframe-worker shim's inline script ({err}); "
                          "check the shim's version against plugin/record_site/security.py") from None


# ---- the policy on every page ----------------------------------------------------------------

def policy_for(html: str, shim_source: Path) -> str:
    shim = _shim_hash(html, shim_source)
    hashes = sorted({csp_hash(code) for code in inline_scripts(html)} | ({shim} if shim else set()))
    return POLICY.format(hashes=" ".join(hashes)).replace("  ", " ")


def with_policy(html: str, where: str, build: BuildState) -> str:
    """The page with its policy, first after <meta charset>; as it is under `mkdocs serve`."""
    if build.serving:
        return html
    charset = CHARSET.search(html)
    if charset is None:
        raise PluginError(f"{where}: no <meta charset> to put the Content-Security-Policy after")
    meta = META.format(policy=policy_for(html, build.shim_source))
    return html[:charset.end()] + meta + html[charset.end():]


# Settings the theme prints unescaped (Material's partials/source.html and actions.html print
# repo_url, repo_name and the edit links made from them as they are): set from the
# environment (REPO_URL, SITE_URL), so checked here to hold nothing an attribute could end on.
RAW_SETTINGS = ("repo_url", "repo_name", "edit_uri", "site_url")
_UNSAFE_IN_SETTING = re.compile(r"[\"'<>`\\\s\x00-\x1f\x7f]")


def check_settings(config) -> None:
    """At on_config: the settings the theme prints unescaped hold nothing that could end an attribute."""
    problems = []
    for name in RAW_SETTINGS:
        value = config.get(name)
        if value and _UNSAFE_IN_SETTING.search(str(value)):
            problems.append(f"mkdocs.yml: {name}: expected an address with no quotes, angle brackets, backslashes or "
                            f"spaces (percent-encode them), got {str(value)!r}")
    if problems:
        raise PluginError("\n".join(problems))


def root_path(config) -> str:
    """The path of site_url, which 404.html's addresses start with (at on_files)."""
    return urlsplit(config.site_url or "/").path.rstrip("/") + "/"


