"""A catalogue of contributor mistakes, careless and hostile, each with its exact message.

Each case starts from the minimal valid corpus, breaks one thing, runs
build_pages.py and expects: exit status 1, the exact message line, a count at the
end, no traceback, and nothing written. The catalogue runs the build in this process
(support.build_in_process); a sample of it also as a command, which must say the same.
"""

from __future__ import annotations

import pytest

from support import build_in_process, run_build, snapshot

SOURCE = "seeds/sources/example-news-2025-10-01.yaml"
ACTOR = "seeds/actors/alice-example.yaml"
LEGAL = "seeds/legal/example-question.yaml"
OTHER = "seeds/sources/example-news-2025-10-02.yaml"
OTHER_SOURCE = """\
id: example-news-2025-10-02
title: Another example happens
publisher: Example News
kind: news-report
published: 2025-10-02
language: en
url: null
url_note: The piece was read in print.
summary: Another example event took place.
actors:
  - actor: example-news
    role: Publisher
events:
  - event: another-event
    title: Another example event
    date: 2025-10-02
    summary: Another thing happened.
"""


def replace(old: str, new: str, path: str = SOURCE):
    def edit(root):
        file = root / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"test setup: {old!r} not in {path}"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def write(path: str, content: str | bytes):
    def edit(root):
        file = root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            file.write_bytes(content)
        else:
            file.write_text(content, encoding="utf-8")
    return edit


CASES = {
    # --- YAML syntax --------------------------------------------------------------------
    "unclosed bracket": (
        replace("legal: [example-question]\nstatements", "legal: [example-question\nstatements"),
        f"{SOURCE}:28:11: YAML syntax error: did not find expected ',' or ']'"
        " (while parsing a flow sequence that starts on line 27)"),
    "bad indentation": (
        replace("    role: Minister of Examples", "      role: Minister of Examples"),
        f"{SOURCE}:14:11: YAML syntax error: mapping values are not allowed in this context"),
    "tab indentation": (
        replace("    role: Publisher", "\trole: Publisher"),
        f"{SOURCE}:19:1: YAML syntax error: found a tab character that violates indentation;"
        " tabs cannot indent YAML, use spaces (while scanning a plain scalar that starts on line 18)"),
    "empty file": (
        write(ACTOR, ""),
        f"{ACTOR}:1:1: the file is empty (expected the keys of Actor; see docs/format.md)"),
    "list instead of mapping": (
        write(ACTOR, "- id: alice-example\n- name: Alice\n"),
        f"{ACTOR}:1:1: expected a mapping (key: value lines) for Actor, got a list"),
    "scalar instead of mapping": (
        write(ACTOR, "just some words\n"),
        f"{ACTOR}:1:1: expected a mapping (key: value lines) for Actor, got the text 'just some words'"),
    "not UTF-8": (
        write(ACTOR, "id: alice-example\nname: Alicia \xc9xample\nkind: person\n".encode("latin-1")),
        f"{ACTOR}:2:14: the file is not UTF-8 text (byte 0xc9 cannot be decoded); save it as UTF-8"),
    "duplicate key": (
        replace("kind: news-report", "kind: news-report\nkind: agency-page"),
        f"{SOURCE}:5:1: the key 'kind' appears twice in this mapping (the first is on line 4)"),
    # --- structure ----------------------------------------------------------------------
    "unknown key with suggestion": (
        replace("publisher: Example News", "publsher: Example News"),
        f"{SOURCE}:3:1: publsher: unknown key 'publsher' in Source (did you mean 'publisher' or 'published'?)"
        " (expected one of: actors, cite_as, corrections, events, figures, id, kind, language, legal_points, notes, origin, published,"
        " publisher, statements, summary, title, title_is_ours, url, url_note)"),
    "missing required field": (
        replace("title: Example happens, ministry objects\n", ""),
        f"{SOURCE}:1:1: Source is missing the required key 'title' (one line of text, at most 300 characters, no HTML)"),
    "wrong type: number for text": (
        replace("role: Publisher", "role: 42"),
        f"{SOURCE}:19:11: actors[2].role: expected text, got the number 42"),
    "wrong type: text for list": (
        replace("actors: [alice-example]", "actors: alice-example"),
        f"{SOURCE}:25:13: events[0].actors: expected a list (lines starting with '- '), got the text 'alice-example'"),
    "wrong type: text for number": (
        replace("value: 3", "value: three"),
        f"{SOURCE}:39:12: figures[0].value: expected a number, got the text 'three'"),
    "enum with suggestion": (
        replace("kind: rejection", "kind: rejections"),
        f"{SOURCE}:31:11: statements[0].kind: expected one of statement, claim, allegation, denial, rejection, demand,"
        " condemnation, warning, call, offer, defence, report; got the text 'rejections' (did you mean 'rejection'?)"),
    # --- ids ----------------------------------------------------------------------------
    "id with path separators": (
        write("seeds/actors/evil.yaml", "id: ../../etc/passwd\nname: Evil\nkind: person\n"),
        "seeds/actors/evil.yaml:1:5: id: expected an id of lower-case letters, digits and single hyphens such as"
        " 'nicolas-maduro', got '../../etc/passwd' (suggestion: 'etc-passwd')"),
    "id with capitals and spaces": (
        write("seeds/actors/evil.yaml", "id: Evil Actor\nname: Evil\nkind: person\n"),
        "seeds/actors/evil.yaml:1:5: id: expected an id of lower-case letters, digits and single hyphens such as"
        " 'nicolas-maduro', got 'Evil Actor' (suggestion: 'evil-actor')"),
    "id not matching file name": (
        replace("id: alice-example", "id: alice-other", ACTOR),
        f"{ACTOR}:2:5: id: the id must match the file name (expected 'alice-example', got 'alice-other');"
        " rename the file or change the id"),
    "actor listed twice in a source": (
        replace("    role: Publisher\n", "    role: Publisher\n  - actor: example-news\n    role: Again\n"),
        f"{SOURCE}:20:5: actors[3].actor: 'example-news' is listed twice in actors (also at actors[2])"),
    "duplicate event within a source": (
        replace("statements:\n", "  - event: example-event\n    title: Again\n    date: 2025-09-30\n"
                "    summary: Told twice.\nstatements:\n"),
        f"{SOURCE}:28:5: events[1].event: this source already gives an account of 'example-event' at events[0];"
        " merge the two accounts"),
    # --- references ---------------------------------------------------------------------
    "unknown actor with suggestion": (
        replace("by: alice-example", "by: alice-exampel"),
        f"{SOURCE}:29:9: statements[0].by: unknown actor id 'alice-exampel': did you mean 'alice-example'?"
        " (expected an id defined in seeds/actors/)"),
    "unknown legal question": (
        replace("  - question: example-question", "  - question: example-questions"),
        f"{SOURCE}:53:15: legal_points[0].question: unknown legal id 'example-questions': did you mean"
        " 'example-question'? (expected an id defined in seeds/legal/)"),
    "unknown event": (
        replace("    event: example-event\n    legal", "    event: example-evnt\n    legal"),
        f"{SOURCE}:34:12: statements[0].event: unknown event id 'example-evnt': did you mean 'example-event'?"
        " (expected an id defined in the events of seeds/sources/)"),
    "actor used but not listed in the source": (
        replace("  - actor: example-ministry\n    role: The ministry that objected\n", ""),
        f"{SOURCE}:24:20: events[0].according_to[0]: 'example-ministry' is used here but not listed in this"
        " source's 'actors:' (expected an entry '- actor: example-ministry' with the role this source gives them)"),
    # --- dates --------------------------------------------------------------------------
    "impossible month": (
        replace("as_of: 2025-09-30", "as_of: 2025-13-45"),
        f"{SOURCE}:41:12: figures[0].as_of: there is no month 13 (months run from 01 to 12); got '2025-13-45'"),
    "31 February": (
        replace("date: 2025-10-01", "date: 2025-02-31"),
        f"{SOURCE}:30:11: statements[0].date: February 2025 has no day 31 (it has 28 days); got '2025-02-31'"),
    "span ending before it starts": (
        replace("value: 2025-09-24/2025-09-30", "value: 2025-09-30/2025-09-24"),
        f"{SOURCE}:23:19: events[0].date.value: the span ends (2025-09-24) before it starts (2025-09-30);"
        " got '2025-09-30/2025-09-24'"),
    "approximate date without derivation": (
        replace(', derived: "\'Last week\' in a piece of 1 October 2025."', ""),
        f"{SOURCE}:23:11: events[0].date: an approximate date needs 'derived': say how it was worked out"
        " (for example from 'last week' in an article of 1 December 2025)"),
    "event after publication": (
        replace("as_of: 2025-09-30", "as_of: 2025-11-02"),
        f"{SOURCE}:41:12: figures[0].as_of: the date 2025-11-02 is after the source was published (1 October 2025);"
        " expected a date on or before publication"),
    "figure without as-of date": (
        replace("    as_of: 2025-09-30\n", ""),
        f"{SOURCE}:37:5: figures[0]: Figure is missing the required key 'as_of' (date: `2025-09-02`, `2025-09`,"
        " `2025`, a span `2025-11-24/2025-11-30`, `../2025-10-31` (on or before), `2025-11/..` (on or after);"
        " or a mapping (see *Date*))"),
    "statement without attribution": (
        replace("  - by: alice-example\n    date: 2025-10-01", "  - date: 2025-10-01"),
        f"{SOURCE}:29:5: statements[0]: a statement needs exactly one of 'by' (the actor id of who made it) or"
        " 'unattributed' (what the source says instead, when it names no one); got neither"),
    "statement with a speaker and a note that none is named": (
        replace("  - by: alice-example\n    date: 2025-10-01",
                "  - by: alice-example\n    unattributed: The piece names no one.\n    date: 2025-10-01"),
        f"{SOURCE}:29:5: statements[0]: a statement needs exactly one of 'by' (the actor id of who made it) or"
        " 'unattributed' (what the source says instead, when it names no one); got both"),
    "figure without the words the source uses": (
        replace("    as_written: at least 3\n", ""),
        f"{SOURCE}:37:5: figures[0]: Figure is missing the required key 'as_written' (one line of text, at most 60"
        " characters, no HTML)"),
    "range without its lower end": (
        replace("    value: 3\n", "    value_max: 9\n"),
        f"{SOURCE}:39:16: figures[0].value_max: 'value_max' is the upper end of a range: give 'value' (the lower"
        " end) too"),
    "undated event in a dated source": (
        replace('    date: {value: 2025-09-24/2025-09-30, approximate: true, derived: "\'Last week\' in a piece of 1 October 2025."}',
                "    date: null"),
        f"{SOURCE}:23:11: events[0].date: an event may be undated (date: null) only in a source with no publication"
        " date; in a dated source write '../' and the publication date (on or before it)"),
    "event placed after itself": (
        replace("    legal: [example-question]\nstatements:",
                "    legal: [example-question]\n    after:\n      - event: example-event\n        words: later\nstatements:"),
        f"{SOURCE}:29:9: events[0].after[0].event: 'example-event' is placed after 'example-event', which comes"
        " after 'example-event' itself (the 'after' entries go round in a circle; remove the one the sources do not"
        " state)"),
    "event kind not in the list": (
        replace("    title: The example event\n", "    title: The example event\n    kind: strikes\n"),
        f"{SOURCE}:23:11: events[0].kind: expected one of strike, military-deployment, military-incident,"
        " designation, declaration, diplomacy, un-action, mobilisation, legal-action, report; got the text"
        " 'strikes' (did you mean 'strike'?)"),
    "party that has a party of its own": (
        lambda root: (write("seeds/actors/example-ministry.yaml",
                            "id: example-ministry\nname: Ministry of Examples\nkind: ministry\nparty: alice-example\n")(root),
                      replace("kind: person\n", "kind: person\nparty: example-ministry\n", ACTOR)(root)),
        f"{ACTOR}:6:8: party: 'example-ministry' has a 'party' of its own ('alice-example'); name that actor here"
        " instead"),
    "lead sentence without sources": (
        write("seeds/overview/home.yaml", "id: home\nlead:\n  - sentences:\n      - text: Something happened.\n"),
        "seeds/overview/home.yaml:4:9: lead[0].sentences[0]: LeadSentence is missing the required key 'sources'"
        " (list of id of a source (at least 1))"),
    "lead citing an unknown source": (
        write("seeds/overview/home.yaml", "id: home\nlead:\n  - sentences:\n      - text: Something happened.\n"
                                          "        sources: [example-news-2025-10-02]\n"),
        "seeds/overview/home.yaml:5:19: lead[0].sentences[0].sources[0]: unknown source id 'example-news-2025-10-02':"
        " did you mean 'example-news-2025-10-01'? (expected an id defined in seeds/sources/)"),
    # --- the editorial rules (record_builder/rules.py) -----------------------------------
    "loaded label in the record's own words": (
        replace("    title: The example event", "    title: The regime's example event"),
        f"{SOURCE}:22:12: events[0].title: 'regime' takes a side, so the record's own words do not use it: write"
        " 'government' or 'administration'; where a source uses the word, give it as a 'quote' attributed to"
        " whoever said it"),
    "loaded label in a title of our own": (
        replace("title: Example happens, ministry objects\n", "title: Embattled ministry objects\ntitle_is_ours: true\n"),
        f"{SOURCE}:2:8: title: 'Embattled' takes a side, so the record's own words do not use it: say what the"
        " pressure is, and who reports it; where a source uses the word, give it as a 'quote' attributed to"
        " whoever said it"),
    "quote wrapped in quotation marks": (
        replace("quote: not lawful at all", "quote: '“not lawful at all”'"),
        f"{SOURCE}:33:12: statements[0].quote: a quote is written without the quotation marks around it (the site"
        " adds its own): remove the '“' at its start and the '”' at its end"),
    "source that reports nothing": (
        write(OTHER, OTHER_SOURCE.split("events:")[0]),
        f"{OTHER}:1:1: this source reports nothing: give what it reports under 'events', 'statements', 'figures'"
        " or 'legal_points' (see the template in schema/source.template.yaml)"),
    "figure that says nobody gives it": (
        replace("    reported_by: example-ministry\n    event: example-event\n", "    event: example-event\n"),
        f"{SOURCE}:37:5: figures[0]: a figure needs 'reported_by' (the actor the text says gives it) or, for the"
        " source's own figure, 'attribution' (how the source words who gives it); got neither"),
    "legal question related to itself": (
        replace("order: 1", "order: 1\nrelated: [example-question]", LEGAL),
        f"{LEGAL}:5:11: related[0]: 'example-question' is this question itself: 'related' lists other legal"
        " questions"),
    "actor that no source lists": (
        write("seeds/actors/bob-example.yaml", "id: bob-example\nname: Bob Example\nkind: person\n"),
        "seeds/actors/bob-example.yaml:1:5: id: no source lists 'bob-example' under its 'actors:', so nothing on the"
        " site is about this actor: add '- actor: bob-example' with its role to the source that names them, or"
        " delete this file"),
    "legal question that no source discusses": (
        write("seeds/legal/other-question.yaml", "id: other-question\ntitle: Another question\n"
                                                 "question: Was it otherwise?\n"),
        "seeds/legal/other-question.yaml:1:5: id: no source says anything on 'other-question': name it in a"
        " source's 'legal_points' (question: other-question), or in the 'legal' list of an event or statement that"
        " bears on it, or delete this file"),
    # --- addresses and markup -----------------------------------------------------------
    "URL that is not https": (
        replace("url: https://news.example.org/2025/10/01/example", "url: javascript:alert(1)"),
        f"{SOURCE}:7:6: url: expected an address starting with https://, or null when none is known;"
        " got the text 'javascript:alert(1)'"),
    "plain http URL": (
        replace("url: https://news.example.org/2025/10/01/example", "url: http://news.example.org/2025/10/01/example"),
        f"{SOURCE}:7:6: url: expected an address starting with https://, got http://, which is not encrypted: write"
        " 'https://news.example.org/2025/10/01/example' if the site serves it, or null with a 'url_note' saying why"
        " no https address is given; got the text 'http://news.example.org/2025/10/01/ex...'"),
    "null URL without a note": (
        replace("url: https://news.example.org/2025/10/01/example", "url: null"),
        f"{SOURCE}:1:1: 'url' is null, so 'url_note' must say why no address is given (expected text, got nothing)"),
    "script in text": (
        replace("role: Publisher", "role: <script>alert(1)</script>"),
        f"{SOURCE}:19:11: actors[2].role: HTML, character entities and script are not allowed in text"
        " (found '<s'); write plain text"),
    "HTML entity in text": (
        replace("role: Publisher", "role: Pub&lt;lisher"),
        f"{SOURCE}:19:11: actors[2].role: HTML, character entities and script are not allowed in text"
        " (found '&lt;'); write plain text"),
    # --- hostile YAML -------------------------------------------------------------------
    "python object tag": (
        write(ACTOR, "id: !!python/object/apply:os.system ['echo pwned']\nname: A\nkind: person\n"),
        f"{ACTOR}:1:5: YAML tags are not allowed (got the tag 'tag:yaml.org,2002:python/object/apply:os.system')"),
    "custom tag on a scalar": (
        write(ACTOR, "id: !shout alice-example\nname: A\nkind: person\n"),
        f"{ACTOR}:1:5: YAML tags are not allowed (expected plain text, number, true/false or null, got the tag '!shout')"),
    "billion laughs": (
        write(ACTOR, "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                     "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"),
        f"{ACTOR}:1:4: YAML anchors and aliases (& and *) are not allowed: this value is reused with *;"
        " write it out in full"),
    "oversized file": (
        write(ACTOR, "id: alice-example\nname: A\nkind: person\n" + "# padding\n" * 30000),
        f"{ACTOR}:1:1: the file is too large (expected at most 262144 bytes, got 300039); split it or shorten it"),
    # --- files in the wrong place -------------------------------------------------------
    "yml ending": (
        write("seeds/actors/bob.yml", "id: bob\nname: Bob\nkind: person\n"),
        "seeds/actors/bob.yml:1:1: a YAML file outside the known folders or with the wrong ending (expected a"
        " '.yaml' file directly in seeds/sources/, seeds/actors/, seeds/legal/, seeds/overview/)"),
}


@pytest.mark.parametrize("name", [n for n, (_, m) in CASES.items() if m is not None])
def test_bad_input_gives_its_message(corpus, name):
    edit, expected = CASES[name]
    edit(corpus)
    before = snapshot(corpus)
    result = build_in_process(corpus)
    assert result.code == 1, result.err
    assert expected in result.lines, "\n".join(result.lines)
    assert result.lines[-1].endswith("; nothing was written.")
    assert "Traceback" not in result.err
    assert snapshot(corpus) == before  # nothing written, nothing lost


@pytest.mark.parametrize("name", ["unclosed bracket", "not UTF-8", "unknown actor with suggestion"])
def test_the_command_says_what_the_build_in_process_says(corpus, name):
    """build_pages.py as a contributor runs it: the same exit status and lines, and no traceback."""
    edit, expected = CASES[name]
    edit(corpus)
    command, in_process = run_build(corpus), build_in_process(corpus)  # neither writes anything
    assert command.code == in_process.code == 1
    assert expected in command.lines
    assert command.lines == in_process.lines
    assert "Traceback" not in command.err


def test_what_builds_with_a_warning_is_said_with_file_line_and_field(corpus):
    """A seed file without the editor's schema line, or with another kind's, and a statement tied to
    an event only another source reports: the build goes on, and says where (a GitHub annotation too)."""
    replace("id: example-question", "# yaml-language-server: $schema=../../schema/source.schema.json\n"
            "id: example-question", LEGAL)(corpus)
    write(OTHER, OTHER_SOURCE)(corpus)
    replace("    event: example-event\n    legal", "    event: another-event\n    legal")(corpus)
    result = run_build(corpus, "--github")
    assert result.code == 0, result.err
    assert (f"warning: {SOURCE}:1:1: the first line is not the editor's schema line: add '# yaml-language-server:"
            " $schema=../../schema/source.schema.json' as the file's first line, so that editors check the file as"
            " you type (copy it from the template in schema/)") in result.lines
    assert (f"warning: {LEGAL}:1:1: the editor's schema line names another schema (expected '# yaml-language-server:"
            " $schema=../../schema/legal.schema.json', got '# yaml-language-server:"
            " $schema=../../schema/source.schema.json'); editors would check this file against the wrong format"
            ) in result.lines
    assert (f"warning: {SOURCE}:34:12: statements[0].event: 'another-event' is an event of {OTHER}, not of this"
            " source: tie a statement only to an event its own source reports (add this source's account of it"
            " under 'events:', with the same id), or leave 'event' out") in result.lines
    assert f"::warning file={SOURCE},line=34,col=12::statements[0].event: 'another-event'" in result.out


def test_loaded_labels_stand_in_a_sources_own_words(corpus):
    """In a quote, a name or figure as written, and a headline as published, the source's words stand."""
    replace("quote: not lawful at all", "quote: not lawful, this regime")(corpus)
    replace("named_as: [Alicia Example]", "named_as: [Alicia Example, the embattled minister]")(corpus)
    replace("title: Example happens, ministry objects", "title: Stunned ministry objects")(corpus)
    replace("    title: The example event", "    title: What the ministry calls “the regime's example”")(corpus)
    result = run_build(corpus)
    assert result.code == 0, result.err


def test_catalogue_is_large_enough():
    assert len([m for _, m in CASES.values() if m]) >= 30


def test_every_error_of_the_run_is_reported_and_counted(corpus):
    replace("role: Publisher", "role: 42")(corpus)
    replace("kind: person", "kind: persn", ACTOR)(corpus)
    replace("question: Was", "questio: Was", LEGAL)(corpus)
    result = run_build(corpus)
    assert result.code == 1
    assert result.lines[-1] == "4 problems found in 3 files; nothing was written."
    fields = [line.split(": ")[1] for line in result.lines[:-1]]
    assert fields == ["kind", "LegalQuestion is missing the required key 'question' (one line of text,"
                      " at most 600 characters, no HTML)", "questio", "actors[2].role"]


def test_byte_order_mark_and_windows_line_endings_give_the_same_pages(corpus, tmp_path):
    assert run_build(corpus).code == 0
    plain = snapshot(corpus / "docs")
    file = corpus / SOURCE
    file.write_bytes(b"\xef\xbb\xbf" + file.read_bytes().replace(b"\n", b"\r\n"))
    result = run_build(corpus)
    assert result.code == 0, result.err
    assert snapshot(corpus / "docs") == plain
