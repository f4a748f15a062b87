"""Characters no text of the record may hold: control characters and invisible direction controls.

A control character (other than line feed and tab) has no place in a summary, and the
Unicode direction controls (U+202A-U+202E embeddings and overrides, U+2066-U+2069
isolates, the marks U+200E, U+200F and U+061C) are invisible yet reorder the text
around them: a name, a page title or a chart label could read backwards, or a file
name could hide its real ending. Both are refused with the character named.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls but tab and line feed, DEL and the C1 controls; the direction controls; the
# line and paragraph separators (invisible line breaks) and a byte-order mark inside text.
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
FORBIDDEN_CLASS = "[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069\\ufeff]"
_DIRECTION = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def forbidden_character(text: str) -> str | None:
    """Words naming the first forbidden character of `text`, or None when there is none."""
    found = _FORBIDDEN.search(text)
    if found is None:
        return None
    character = found.group()
    code = f"U+{ord(character):04X}"
    name = unicodedata.name(character, "")
    if character in _DIRECTION:
        return f"the invisible direction control {code} ({name}), which can reverse how the text around it reads"
    return f"the control character {code}" + (f" ({name})" if name else "")
