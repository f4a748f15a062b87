"""MkDocs hook: "edit this page" opens the file to edit, which for a generated page is its YAML.

Generated pages carry `edit_source:` in their front matter (a seeds/ file, or a
folder for pages made from many files). Editing their Markdown would be pointless:
the next build rewrites it. Hand-written pages link to themselves in docs/.
"""

from __future__ import annotations

from urllib.parse import quote

BRANCH = "main"


def on_page_markdown(markdown, page, config, files):
    repo_url = config.get("repo_url")
    if not repo_url:
        page.edit_url = None
        return markdown
    source = page.meta.get("edit_source") or f"{config['docs_dir'].rsplit('/', 1)[-1]}/{page.file.src_uri}"
    verb = "tree" if source.endswith("/") else "edit"
    # The theme prints edit_url as it is, in an attribute: the path percent-encoded (repo_url is
    # checked by security.py's on_config), so no character of a file name can end the attribute.
    page.edit_url = f"{repo_url.rstrip('/')}/{verb}/{BRANCH}/{quote(source, safe='/')}"
    return markdown
