"""site_hooks/fast_markdown.py: Python-Markdown gives exactly the same HTML with the shortcuts."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import xml.etree.ElementTree as etree

import markdown
import pytest
from markdown.inlinepatterns import InlineProcessor
from support import ROOT

sys.path.insert(0, str(ROOT / "site_hooks"))
import fast_markdown  # noqa: E402

EXTENSIONS = ["attr_list", "tables", "toc"]  # as mkdocs.yml


def convert(text: str, fast: bool, extra=()) -> str:
    extensions = [*EXTENSIONS, *extra]
    if fast:
        extensions.append(fast_markdown.FastMarkdownExtension())
    return markdown.Markdown(extensions=extensions, extension_configs={"toc": {"permalink": True}}).convert(text)


def test_the_shortcuts_are_in_place():
    md = markdown.Markdown(extensions=[fast_markdown.FastMarkdownExtension()])
    assert type(md.treeprocessors["inline"]).__name__ == "_SkippingInlineProcessor"
    assert type(md.inlinePatterns["link"]).__name__ == "FastLinkInlineProcessor"
    assert type(md.inlinePatterns["reference"]).__name__ == "FastReferenceInlineProcessor"
    assert type(md.inlinePatterns["em_strong"]).__name__ == "FastDelimiterProcessor"
    # a link pattern made fast is still skipped where it cannot match
    assert fast_markdown._needed(md.inlinePatterns["image_link"]) == ("![",)
    assert fast_markdown._needed(md.inlinePatterns["em_strong"]) == ("*", "_")


def test_every_page_of_the_record_converts_to_the_same_html():
    pages = sorted((ROOT / "docs").rglob("*.md"))
    assert len(pages) > 50
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert convert(text, fast=True) == convert(text, fast=False), page


# Pieces of Markdown that exercise every inline pattern and the link parser's corner cases:
# nested brackets, parentheses and quotes in targets, titles, references, images, escapes.
PIECES = [
    "[a](b)", "[a](b c)", "[a](<b c>)", '[a](b "t")', "[a](b 't')", "[a](b(c))", "[a](b(c)", "[a]( b )",
    '[a](b"c)', "[a](b'c'd)", "[a [b] c](d)", "[a[b](c)](d)", "[a]", "[a][b]", "[a] [b]", "[b]: /url",
    "![i](s)", '![i](s "t")', "![i][b]", "![i]", "\\[a](b)", "[a\\](b)", "[a](b\\)c)", "](", "[", "]", "(", ")",
    "<http://x.y/z>", "<a@b.c>", "<b>bold</b>", "<!-- c -->", "&amp;", "&#38;", "&x", "T&T", "*e*", "**s**",
    "_u_", "__v__", "a_b_c", " * ", "`c`", "``c`d``", "\\`", "\\\\", "\\*", "  \n", "\n", "\n\n", "- ", "# ",
    "a", "b c", "é", "'", '"', "!", "<", ">", "|", "{: #x }", "{#y}", ":", "/", "@",
    "***x***", "*a **b** c*", "**a*", "*a**", "_a_b_", "x*y*z", "__a_b__", "* ", " *", "** ", "*\\**",
]


@pytest.mark.parametrize("seed", range(6))
def test_random_markdown_converts_to_the_same_html(seed):
    rng = random.Random(seed)
    for _ in range(500):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 14)))
        assert convert(text, fast=True) == convert(text, fast=False), repr(text)


class StrikeProcessor(InlineProcessor):
    def handleMatch(self, m, data):
        element = etree.Element("del")
        element.text = m.group(1)
        return element, m.start(0), m.end(0)


class StrikeExtension(markdown.extensions.Extension):
    def extendMarkdown(self, md):
        md.inlinePatterns.register(StrikeProcessor(r"~~(.+?)~~", md), "strike", 175)


def test_a_pattern_it_does_not_know_is_always_tried():
    text = "a ~~gone~~ [link](x.md) ~~also~~ b"
    html = convert(text, fast=True, extra=[StrikeExtension()])
    assert html == convert(text, fast=False, extra=[StrikeExtension()])
    assert html.count("<del>") == 2


# ---- links to other pages (shortcut 3): the same URLs and the same warnings ----------------

LINKS = """# {title}

[up](../index.md) [same folder](b.md) [dot](./b.md) [anchor](b.md#part) [query](b.md?x=1#part)
[self](#here) [self file](a.md#here) [other folder](../two/a.md) [folder](../two/) [site root](/index.md)
[missing](nope.md) [missing anchor](b.md#nowhere) [excluded](secret.md) [web](https://example.org/a.md)
[mail](mailto:a@b.c) <a@b.c> [quoted](b%2Emd) [image](pic.png) ![picture](pic.png)

## Here {{ #here }}

## Part {{ #part }}
"""


def build_link_site(root, hooks: list[str]):
    (root / "docs/one").mkdir(parents=True)
    (root / "docs/two").mkdir()
    (root / "docs/index.md").write_text("# Home\n\n[one](one/a.md) [two](two/a.md)\n", encoding="utf-8")
    for folder in ("one", "two"):
        for name in ("a", "b", "secret"):
            (root / "docs" / folder / f"{name}.md").write_text(LINKS.format(title=f"{folder} {name}"),
                                                              encoding="utf-8")
        (root / "docs" / folder / "pic.png").write_bytes(b"\x89PNG")
    (root / "mkdocs.yml").write_text(
        "site_name: links\ntheme: {name: mkdocs}\nmarkdown_extensions: [attr_list, toc]\n"
        "exclude_docs: secret.md\nvalidation: {anchors: warn}\n"
        f"hooks: {hooks!r}\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "0"}  # the same build date
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    pages = {p.relative_to(root / "site").as_posix(): p.read_text(encoding="utf-8")
             for p in sorted((root / "site").rglob("*.html"))}
    messages = sorted(line.split(" - ", 1)[-1] for line in done.stderr.splitlines()
                      if "WARNING" in line or "INFO" in line and "Doc file" in line)
    return pages, messages


def test_links_give_the_same_urls_and_messages(tmp_path):
    stock_pages, stock_messages = build_link_site(tmp_path / "stock", [])
    fast_pages, fast_messages = build_link_site(tmp_path / "fast", [str(ROOT / "site_hooks/fast_markdown.py")])
    assert 'href="../../two/a/"' in stock_pages["one/a/index.html"]  # a link MkDocs resolved
    assert fast_pages == stock_pages
    assert fast_messages == stock_messages
    assert any("nope.md" in m for m in stock_messages) and any("nowhere" in m for m in stock_messages)
    assert any("secret.md" in m for m in stock_messages)
