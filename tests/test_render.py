"""Rendering: golden files for the minimal corpus, and text from YAML never becoming markup."""

from __future__ import annotations

import os
import shutil

import markdown
import pytest

from support import FIXTURES, run_build, snapshot
from record_builder.escaping import md_escape

GOLDEN = FIXTURES.parent / "golden" / "minimal"


def test_minimal_corpus_matches_golden_files(corpus):
    result = run_build(corpus)
    assert result.code == 0, result.err
    built = {f"docs/{k}": v for k, v in snapshot(corpus / "docs").items()}
    built.update({f"schema/{k}": v for k, v in snapshot(corpus / "schema").items()})
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, data in built.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_bytes(data)
    expected = {f"docs/{k}": v for k, v in snapshot(GOLDEN / "docs").items()}
    expected.update({f"schema/{k}": v for k, v in snapshot(GOLDEN / "schema").items()})
    assert sorted(built) == sorted(expected)
    for name in expected:
        assert built[name].decode() == expected[name].decode(), f"{name} differs from its golden file" \
            " (run UPDATE_GOLDEN=1 pytest tests/test_render.py after checking the change is intended)"


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![x](https://tracker.example/pixel.png)",
    "**bold** _it_ `code` ~~strike~~",
    "# heading",
    "- list item",
    "1. numbered",
    "> quote",
    "text {: onclick=alert(1) } text",
    "*[HTML]: Hyper",
    "[^1]: footnote",
    "| a | b |",
    "&lt;b&gt; &amp;",
    "<!-- comment -->",
    "\\*escaped\\*",
    "line one\n\nline two",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_as_the_same_plain_text(text):
    html = markdown.markdown("- " + md_escape(text), extensions=["attr_list", "tables", "toc"])
    inner = html.removeprefix("<ul>\n<li>").removesuffix("</li>\n</ul>")
    assert "<" not in inner.replace("&lt;", ""), html  # no element made from the text
    import html as htmllib
    assert htmllib.unescape(inner) == " ".join(text.split())


def test_printed_values_are_escaped_once_whatever_their_type():
    import jinja2
    from markupsafe import Markup

    env = jinja2.Environment(autoescape=True, finalize=md_escape)
    template = env.from_string("{{ plain }}|{{ safe }}|{{ number }}|{{ nothing }}")
    out = template.render(plain="<script>*x*</script>", safe=Markup("[a](b.md)"), number=3, nothing=None)
    assert out == "&lt;script&gt;\\*x\\*&lt;/script&gt;|[a](b.md)|3|"
