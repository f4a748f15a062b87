#!/usr/bin/env python3
"""How many words a reader meets on the generated pages, and where on the timeline they go.

    python bench/reader_words.py [--root PROJECT] [--lang en|es] [PAGE ...]

Counts the words of each generated page of docs/ (English by default, es/ with --lang es) as
a reader sees them: no front matter, tags, link targets or Markdown marks. With no PAGE,
prints the timeline's total and its parts (entry headings, accounts, statements, figures,
dating notes, month summaries...), then the largest pages.
"""

from __future__ import annotations

import argparse
import html
import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

ROOT = Path(__file__).resolve().parent.parent


def reader_text(page: str) -> str:
    body = page.split("\n---\n", 1)[1] if page.startswith("---\n") else page
    body = re.sub(r"\]\([^)]*\)", "]", body)
    body = re.sub(r"\{[:#][^}]*\}", " ", body)
    body = html.unescape(re.sub(r"<[^>]+>", " ", body))
    return " ".join(re.sub(r"[*_\[\]|#]", " ", body).split())


def words(text: str) -> int:
    return len(text.split())


def timeline_parts(page: str) -> dict:
    """The timeline's words by kind of text."""
    tree = LexborHTMLParser(page.split("\n---\n", 1)[1])
    parts: dict = {}

    def add(kind: str, text: str) -> None:
        parts[kind] = parts.get(kind, 0) + words(text)

    for entry in tree.css("details.tl-event"):
        loose = entry.attributes.get("data-kind") == "statement"
        for child in entry.iter():
            text = " ".join(child.text().split())
            if child.tag == "summary":
                add("entry headings (date, title, sides)", text)
            elif child.tag == "ul":
                add("figures under events" if "Reported by" in text else "statements under events", text)
            elif text.startswith(("Link to this", "Legal questions", "Statements", "Reported figures", "After ")):
                add("links and labels", text)
            else:
                add("loose statements (after their heading)" if loose else "accounts of events", text)
    notes = tree.css_first("ol.dating-notes")
    if notes is not None:
        add("dating notes", notes.text())
    total = words(reader_text(page))
    parts["headings, month summaries and the rest"] = total - sum(parts.values())
    return {"total": total, **parts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--lang", default="en", choices=("en", "es"))
    parser.add_argument("pages", nargs="*")
    args = parser.parse_args()
    docs = args.root / "docs" / ("es" if args.lang == "es" else "")
    if args.pages:
        for name in args.pages:
            print(f"{words(reader_text((docs / name).read_text(encoding='utf-8'))):>7,}  {name}")
        return
    timeline = docs / "timeline.md"
    for kind, count in timeline_parts(timeline.read_text(encoding="utf-8")).items():
        print(f"{count:>7,}  {kind}")
    sizes = []
    for path in docs.rglob("*.md"):
        if args.lang == "en" and path.relative_to(docs).parts[0] == "es":
            continue
        sizes.append((words(reader_text(path.read_text(encoding="utf-8"))), path.relative_to(docs).as_posix()))
    print("largest pages:")
    for count, name in sorted(sizes, reverse=True)[:8]:
        print(f"{count:>7,}  {name}")


if __name__ == "__main__":
    main()
