"""Check a source file's quotes against a saved copy of the article: `python3 tasks.py quotes`.

    python3 tasks.py quotes seeds/sources/<id>.yaml saved-article.txt
    python3 -m record_builder.quotes seeds/sources/<id>.yaml [saved-article.txt]

Every text the summary says is exactly as written (each `quote`, each `named_as` spelling,
the `origin.heading`, and the `title` unless `title_is_ours`) must appear in the article
character for character; line breaks and runs of spaces do not count. Each one that does
not is reported as `path:line:column: field: …` with the passage of the article nearest
to it, and the line of the article that passage is on, so the difference is easy to see.
Without a text file, the source's `origin.file` in the shared reference texts
(../shared/seeds/ beside the project) is used, when it is there.

The build cannot do this by itself: it has only the summary, not the article.
"""

from __future__ import annotations

import argparse
import bisect
import difflib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .load import Mapping, Sequence, load_file
from .problems import Problem

SHARED = Path(__file__).resolve().parents[2] / "shared" / "seeds"
# Marks that differ between a typed quote and a saved page without changing the words.
_LOOSE = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "«": '"', "»": '"', "–": "-", "—": "-",
                        "\u00a0": " "})


@dataclass(frozen=True)
class Exact:
    """A text the summary gives as written in the article, and where it sits in the YAML."""

    field: str
    text: str
    line: int
    column: int


def exact_texts(data) -> list[Exact]:
    """Every exact-as-written text of a loaded source file, in file order."""
    found: list[Exact] = []

    def add(container, key, field: str) -> None:
        value = container.get(key) if isinstance(container, dict) else None
        if isinstance(value, str) and value.strip():
            line, column = container.value_marks.get(key, (0, 0)) if isinstance(container, Mapping) else (0, 0)
            found.append(Exact(field, value, line, column))

    if not isinstance(data, dict):
        return found
    if not data.get("title_is_ours"):
        add(data, "title", "title")
    add(data.get("origin"), "heading", "origin.heading")
    for list_name, keys in (("actors", ()), ("statements", ("quote", "as_written")),
                            ("figures", ("as_written",)), ("legal_points", ("quote",))):
        items = data.get(list_name)
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            for key in keys:
                add(item, key, f"{list_name}[{index}].{key}")
            names = item.get("named_as") if isinstance(item, dict) else None
            if isinstance(names, list):
                for number, name in enumerate(names):
                    if isinstance(name, str) and name.strip():
                        line, column = names.item_marks[number] if isinstance(names, Sequence) else (0, 0)
                        found.append(Exact(f"{list_name}[{index}].named_as[{number}]", name, line, column))
    return sorted(found, key=lambda e: (e.line, e.column))


class Article:
    """The saved text, with its words and where each starts, for finding the nearest passage."""

    def __init__(self, text: str):
        self.text = text
        self.flat = " ".join(text.split())
        self.loose = self.flat.translate(_LOOSE).casefold()
        self.words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def contains(self, quote: str) -> bool:
        return " ".join(quote.split()) in self.flat

    def contains_loosely(self, quote: str) -> bool:
        return " ".join(quote.split()).translate(_LOOSE).casefold() in self.loose

    def nearest(self, quote: str) -> tuple[str, int, float]:
        """The run of words most like the quote: (passage, line number, similarity 0-1)."""
        wanted = " ".join(quote.split())
        size = max(1, len(wanted.split()))
        best = (0.0, 0, 0)
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(wanted.casefold())
        for length in sorted({max(1, size - 1), size, size + 1}):
            for first in range(0, max(1, len(self.words) - length + 1)):
                last = min(len(self.words), first + length) - 1
                start, end = self.words[first][0], self.words[last][1]
                matcher.set_seq1(" ".join(self.text[start:end].split()).casefold())
                if matcher.real_quick_ratio() <= best[0] or matcher.quick_ratio() <= best[0]:
                    continue
                ratio = matcher.ratio()
                if ratio > best[0]:
                    best = (ratio, start, end)
        ratio, start, end = best
        line = bisect.bisect_right(self.line_starts, start)
        return " ".join(self.text[start:end].split()), line, ratio


def check(source_path: Path, text_path: Path, shown: str | None = None) -> tuple[list[Problem], int]:
    """The problems of one source file against one saved text, and how many texts were checked."""
    shown = shown or source_path.as_posix()
    loaded, problems = load_file(source_path, shown)
    if problems or loaded is None:
        return problems, 0
    article = Article(text_path.read_text(encoding="utf-8", errors="replace"))
    texts = exact_texts(loaded.data)
    for exact in texts:
        if article.contains(exact.text):
            continue
        passage, line, ratio = article.nearest(exact.text)
        if article.contains_loosely(exact.text):
            how = "found only with other quotation marks, dashes or capitals; copy it exactly from the article"
        else:
            how = "not found verbatim in the article"
        near = (f"; nearest passage ({text_path.name} line {line}, {ratio:.0%} alike): {passage!r}"
                if ratio >= 0.4 else "; nothing in the article is close to it")
        problems.append(Problem(shown, exact.line, exact.column, exact.field, f"{how}{near}"))
    return problems, len(texts)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="tasks.py quotes", description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="the source file, seeds/sources/<id>.yaml")
    parser.add_argument("text", type=Path, nargs="?",
                        help="a saved copy of the article, as plain text (default: its origin.file in ../shared/seeds/)")
    args = parser.parse_args(argv)
    if not args.source.is_file():
        print(f"{args.source}: no such file (expected a source file such as seeds/sources/<id>.yaml)", file=sys.stderr)
        return 1
    text = args.text or _shared_text(args.source)
    if text is None or not text.is_file():
        print(f"{text or 'the article'}: no such file; give the saved article as the second argument "
              "(save the page as plain text, or copy its words into a .txt file)", file=sys.stderr)
        return 1
    problems, count = check(args.source, text)
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    if problems:
        print(f"{len(problems)} of {count} exact text(s) not found as written in {text}.", file=sys.stderr)
        return 1
    print(f"OK: all {count} exact text(s) (quotes, spellings, headings) of {args.source} are in {text} as written.")
    return 0


def _shared_text(source: Path) -> Path | None:
    loaded, problems = load_file(source, source.as_posix())
    data = loaded.data if loaded is not None else None
    origin = data.get("origin") if isinstance(data, dict) else None
    name = origin.get("file") if isinstance(origin, dict) else None
    if isinstance(name, str) and "/" not in name and "\\" not in name and not name.startswith("."):
        return SHARED / name
    return None


if __name__ == "__main__":
    sys.exit(main())
