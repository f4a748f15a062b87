"""The site's MkDocs plugin: what `mkdocs build` does beyond MkDocs and Material as they come.

One plugin, `record_site` in mkdocs.yml's `plugins:` (plugin.py says in which order its parts
run), installed from this repository by requirements.txt. Its parts, one module each:

- languages.py: English at the root, Spanish under es/; the page's language everywhere.
- record_blocks.py: the record's HTML blocks, unread by Markdown; their links made URLs.
- edit_links.py: "edit this page" opens a generated page's YAML.
- search_budget.py: search finds readers' pages first and fits the texts its results show to its budget.
- search_pieces.py: the search index prebuilt, in pieces loaded as queries need them.
- reader.py: accent-insensitive search that loads on first use, per language; small output.
- page_info.py: last changed, how to cite, link previews and their cards.
- accessibility.py: every page by keyboard and screen reader; the timeline's filter.
- offline_copy.py: the offline copy kept small.
- security.py: a Content-Security-Policy on every page; the built site checked.
- serve_seeds.py: `mkdocs serve` regenerates the pages as seeds/ changes.

material.py holds everything that depends on Material for MkDocs' internals, and checks its
version; generator.py is the plugin's one door to the generator (record_builder/).
"""

from pathlib import Path

ASSETS = Path(__file__).resolve().parent / "assets"  # the plugin's stylesheets and scripts
