"""What one build knows: made afresh at each build's on_config, so nothing of one build leaks into
the next (`mkdocs serve` keeps the plugin object across its builds)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from . import ASSETS
from .config import RecordSiteConfig
from .languages import Languages
from .theme_parts import ThemeParts

CARD_FONT = "noto-sans-latin-{weight}-normal.woff"  # in the card_fonts folder


@dataclass
class BuildState:
    config: MkDocsConfig
    options: RecordSiteConfig  # the plugin's own settings
    serving: bool  # `mkdocs serve`, whose live-reload script no policy could allow (security.py)
    offline: bool  # the offline copy (OFFLINE=true: Material's offline plugin is enabled)
    languages: Languages  # the one language state
    theme_parts: ThemeParts  # theme_parts.py: the theme's parts rendered once for many pages
    md_targets: dict = field(default_factory=dict)  # record_blocks.py: (folder, link) -> File or None
    page_links: dict = field(default_factory=dict)  # page_info.py: language -> the pages every page links to
    offline_styles: dict = field(default_factory=dict)  # offline_copy.py: file name -> CSS
    offline_icons: dict = field(default_factory=dict)  # offline_copy.py: class name -> the icon's <svg>
    checked: dict = field(default_factory=dict)  # security.py: site path -> (ids, links) of each page checked
    check_memo: dict = field(default_factory=dict)  # site_check.py: its verdicts on elements and attributes
    root_path: str = "/"  # the path of site_url, which 404.html's addresses start with
    # site_check.py: what each file of the built site gave when last read, kept by the plugin
    # from one `mkdocs serve` build to the next (None: not serving, read every file)
    site_files: dict | None = None
    _stylesheets: dict = field(default_factory=dict)

    @property
    def shim_source(self) -> Path:
        return Path(self.options.worker_shim)

    @property
    def card_fonts(self) -> Path | None:
        """The folder of the cards' font files (page_info.py), or None when it is not installed."""
        folder = Path(self.config.config_file_path or "mkdocs.yml").resolve().parent / self.options.card_fonts
        return folder if (folder / CARD_FONT.format(weight=400)).is_file() else None

    def stylesheet(self, name: str) -> str:
        """One of the plugin's stylesheets (assets/<name>), minified: read once per build, not
        once per page, and again at the next build (`mkdocs serve` may see it change)."""
        if name not in self._stylesheets:
            self._stylesheets[name] = minify_css((ASSETS / name).read_text(encoding="utf-8"))
        return self._stylesheets[name]


_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_STRING = re.compile(r'("(?:[^"\\]|\\.)*")')
_CSS_SPACE = re.compile(r"\s*([{}:;,>])\s*")


def minify_css(css: str) -> str:
    """The stylesheet without comments and spaces, its quoted strings (content: "; parties: ") kept."""
    parts = _CSS_STRING.split(_CSS_COMMENT.sub("", css))
    for i in range(0, len(parts), 2):
        parts[i] = _CSS_SPACE.sub(r"\1", " ".join(parts[i].split()))
    return "".join(parts).strip()
