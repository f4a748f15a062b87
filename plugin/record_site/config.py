"""The plugin's settings, under `record_site:` in mkdocs.yml's `plugins:`. Each has a default, so
`- record_site` alone gives the site as the repository builds it; paths are read from the folder
of mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

# Bytes of each language's search head (search_budget.py): what a reader downloads when search is first
# used, before the pieces a query needs. At 10,000 events every document's location and title take 2.0 MB
# of it; the rest is the text results show (issue 25: 198 KB gzipped in all).
BUDGET = 2_500_000


class RecordSiteConfig(base.Config):
    # The branch the "edit this page" links open (when repo_url is set): edit_links.py.
    edit_branch = c.Type(str, default="main")
    # The record's citation file, whose `version` every page's "How to cite this page" gives: page_info.py.
    citation_file = c.File(exists=False, default="CITATION.cff")
    # The iframe-worker shim the offline copy's search runs on, as `npm ci` installs it (package.json
    # pins it): served from the site instead of a CDN (reader.py), its inline script hashed (security.py).
    worker_shim = c.File(exists=False, default="node_modules/iframe-worker/shim/index.js")
    # The font the link-preview cards are drawn with (Noto Sans, as `npm ci` installs it; package.json
    # pins it): page_info.py. Without it the cards are drawn in English with Pillow's own font.
    card_fonts = c.Type(str, default="node_modules/@fontsource/noto-sans/files")
    # Bytes each language's search head may take (search_budget.py): past it the texts results show are
    # cut, never a document nor a word of the index. Within it (the real record) Material's worker builds the
    # index in the browser, as it was; past it the index is prebuilt (search_pieces.py); 0: never prebuilt.
    search_budget = c.Type(int, default=BUDGET)
    # Whether Markdown passes the record's HTML blocks through unread (record_blocks.py); false makes
    # it read them itself, the same HTML more slowly (bench/speed_measures.py measures the difference).
    stash_html_blocks = c.Type(bool, default=True)
