"""Source addresses: parsed with a real URL parser, refused when they could mislead or carry
markup, and kept in one normal form that the renderer prints as an escaped HTML link.

An address is accepted when it is https, names a host (a domain name with at least
one dot, not an IP address), has no user name or password before '@' (the trick that makes
`https://news.un.org@evil.example/` read as the UN's), no port outside 1-65535, and no
whitespace, control, direction-control or quote characters anywhere. Plain http is refused:
what a reader fetches over it can be altered on the way (browsers warn of it); the editors'
JSON Schema asks for https too, so editor and build say the same. Internationalised host
names are checked with IDNA 2008 (the `idna` package, UTS 46 mapping) and kept in their
ASCII form (`xn--…`) in the href; the page shows them in Unicode. A label that mixes
scripts (Latin with Cyrillic, say) is refused: it can imitate another site's name.

The normal form percent-encodes every character that means something to Markdown, HTML or
a table (`[ ] { } | < > " ' \\ ^` and the backtick) and every non-ASCII character, so the
href is plain ASCII from a small set and can never become markup, whatever the text was.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import idna

from .textcheck import forbidden_character

MAX_LENGTH = 2000
# What a path, query or fragment may keep as it is; anything else is percent-encoded.
_KEEP = "/:@!$&()*+,;=-._~%"
_KEEP_QUERY = _KEEP + "?"
_HOST_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
JSON_PATTERN = r"^[hH][tT][tT][pP][sS]://[^\s/?#@\\<>\"'`]+(?:[/?#][^\s\\<>\"'`]*)?$"
EXPECTED = "expected an address starting with https://, or null when none is known"


class UrlError(ValueError):
    """Why an address is refused, in words for the contributor."""


def normalise(text: str) -> str:
    """The href form of an accepted address; raises UrlError saying what is wrong."""
    if len(text) > MAX_LENGTH:
        raise UrlError(f"the address is too long (expected at most {MAX_LENGTH} characters, got {len(text)})")
    bad = forbidden_character(text)
    if bad is not None:
        raise UrlError(f"the address contains {bad}; remove it")
    for character in " \"'<>\\`":
        if character in text:
            shown = "a space" if character == " " else repr(character)
            raise UrlError(f"the address contains {shown}, which no address needs (percent-encode it if the "
                           "address really has one)")
    if _BAD_PERCENT.search(text):
        raise UrlError("the address has a '%' not followed by two hexadecimal digits")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as err:
        raise UrlError(f"the address cannot be read ({err})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not text[len(scheme) + 1:].startswith("//"):
        raise UrlError(EXPECTED)
    if "@" in parts.netloc:
        raise UrlError(f"the address has a user name before '@' ({parts.netloc.rpartition('@')[0]}@), which makes "
                       f"it read as another site's address; the site is {parts.hostname!r}: give its plain address")
    if not parts.hostname:
        raise UrlError("the address names no host (expected https://example.org/...)")
    host = _ascii_host(parts.hostname)
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    if scheme == "http":  # last, so that the address suggested instead is otherwise sound
        secure = f"'https://{text[len('http://'):]}'" if len(text) <= 100 else "the address with https://"
        raise UrlError(f"expected an address starting with https://, got http://, which is not encrypted: write "
                       f"{secure} if the site serves it, or null with a 'url_note' saying why no https address "
                       "is given")
    return urlunsplit((scheme, netloc, quote(parts.path, safe=_KEEP) or "/", quote(parts.query, safe=_KEEP_QUERY),
                       quote(parts.fragment, safe=_KEEP_QUERY)))


def _ascii_host(hostname: str) -> str:
    """The host name in its ASCII (IDNA) form, lower case."""
    name = hostname.rstrip(".")
    try:
        ascii_name = idna.encode(name, uts46=True).decode("ascii") if not name.isascii() else name.lower()
    except idna.IDNAError as err:
        raise UrlError(f"the host name {hostname!r} is not a valid internationalised domain name ({err})") from None
    labels = ascii_name.split(".")
    if len(labels) < 2 or not all(_HOST_LABEL.match(label) for label in labels) or labels[-1].isdigit():
        raise UrlError(f"the host name {hostname!r} is not a domain name such as news.example.org "
                       "(letters, digits and hyphens, with at least one dot; not an IP address)")
    for label in name.split("."):
        scripts = _scripts(label)
        if len(scripts) > 1:
            raise UrlError(f"the host name {hostname!r} mixes {' and '.join(sorted(scripts))} letters in one part, "
                           "which can imitate another site's name")
    return ascii_name


def _scripts(label: str) -> set[str]:
    """The scripts of the letters of a label, by the first word of each letter's Unicode name."""
    found = set()
    for character in label:
        if character.isalpha():
            found.add(unicodedata.name(character, "UNKNOWN").split(" ")[0].capitalize())
    return found


def display(href: str) -> str:
    """How a reader sees a normalised address: the host in Unicode, the rest decoded where
    decoding gives only visible characters, else left encoded."""
    parts = urlsplit(href)
    host = parts.hostname or ""
    if "xn--" in host:
        try:
            host = idna.decode(host)
        except idna.IDNAError:
            pass
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    rest = urlunsplit(("", "", parts.path, parts.query, parts.fragment))
    try:
        decoded = unquote(rest, errors="strict")
    except UnicodeDecodeError:
        decoded = rest
    if forbidden_character(decoded) is not None or any(c.isspace() for c in decoded):
        decoded = rest
    return f"{parts.scheme}://{netloc}{'' if decoded == '/' else decoded}"
