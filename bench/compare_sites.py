#!/usr/bin/env python3
"""Compare two built sites as a reader's browser sees them.

    .venv/bin/python bench/compare_sites.py SITE_BEFORE SITE_AFTER

Every HTML file that differs byte for byte is read as a stream of tags (attributes
sorted) and text (character references decoded, white space collapsed, text of white
space only dropped), and compared again. Prints the first difference of the first few
files that still differ, then the counts; exits 1 if any does. Used to show that a change
of how pages are made (issue 16's HTML blocks) changed nothing a reader sees. Not part of
the test run.
"""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path


class _Tokens(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list = []

    def handle_starttag(self, tag, attrs):
        self.out.append(("<", tag, tuple(sorted(attrs, key=lambda a: (a[0], a[1] or "")))))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self.out.append((">", tag))

    def handle_data(self, data):
        text = " ".join(data.split())
        if not text:
            return
        if self.out and self.out[-1][0] == "text":
            self.out[-1] = ("text", f"{self.out[-1][1]} {text}")
        else:
            self.out.append(("text", text))


def tokens(path: Path) -> list:
    parser = _Tokens()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.out


def main(before: Path, after: Path) -> int:
    only = sorted({p.relative_to(before) for p in before.rglob("*.html")}
                  ^ {p.relative_to(after) for p in after.rglob("*.html")})
    byte_different = equal = 0
    different = []
    for path in sorted(before.rglob("*.html")):
        other = after / path.relative_to(before)
        if not other.is_file() or path.read_bytes() == other.read_bytes():
            continue
        byte_different += 1
        old, new = tokens(path), tokens(other)
        if old == new:
            equal += 1
            continue
        different.append(path.relative_to(before))
        if len(different) <= 5:
            first = next((i for i, (x, y) in enumerate(zip(old, new)) if x != y), min(len(old), len(new)))
            print(f"{path.relative_to(before)}: token {first}: {old[first:first + 1]} | {new[first:first + 1]}")
    for path in only:
        print(f"{path}: in one site only")
    print(f"{byte_different} HTML files differ byte for byte; {equal} of them are equal as tags and text; "
          f"{len(different)} differ; {len(only)} in one site only")
    return 1 if different or only else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
