""""Edit this page" opens the file to edit, which for a generated page is its YAML.

Generated pages carry `edit_source:` in their front matter (a seeds/ file, or a
folder for pages made from many files). Editing their Markdown would be pointless:
the next build rewrites it. Hand-written pages link to themselves in docs/.
"""

from __future__ import annotations

from urllib.parse import quote


def edit_url(page, config, branch: str) -> str | None:
    """The page's "edit this page" address on `branch`, or None without a repo_url."""
    repo_url = config.get("repo_url")
    if not repo_url:
        return None
    source = page.meta.get("edit_source") or f"{config['docs_dir'].rsplit('/', 1)[-1]}/{page.file.src_uri}"
    verb = "tree" if source.endswith("/") else "edit"
    # The theme prints edit_url as it is, in an attribute: the path percent-encoded (repo_url is
    # checked by security.py at on_config), so no character of a file name can end the attribute.
    return f"{repo_url.rstrip('/')}/{verb}/{branch}/{quote(source, safe='/')}"
