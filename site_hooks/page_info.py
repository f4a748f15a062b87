"""MkDocs hook: what each page says about itself to readers and to the sites links are shared on.

- Reader pages (every page but the contributors' ones, which search_budget.py marks) end
  with "Content last changed" (the `updated:` date build_pages.py writes into a generated
  page's front matter, worked out from the YAML) and "How to cite this page": the page's
  stable address (site_url when set, else its path), the record's version and the date
  of access, as text and as BibTeX (overrides/partials/about-page.html lays it out).
- The record's version is the `version` of CITATION.cff, which build_pages.py derives from
  the YAML (the date of the latest source or correction): one value, for the repository's
  citation and every page's.
- Link previews (overrides/partials/link-preview.html): each page's title and a
  description (its first paragraph of some length), and a card image for its section of
  the site, drawn at build time with Pillow's own font (no font is downloaded; the font
  has no accents or dashes, so the cards' texts are plain ASCII). Crawlers need absolute
  addresses, so the image is named only when site_url is set, and only the online build
  draws the cards (the offline copy is read from disk, never shared as a link).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import yaml
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
CITATION_FILE = ROOT / "CITATION.cff"
FEED = "exports/feed.atom"
CARD_SIZE = (1200, 630)
CARD_FOLDER = "assets/images/cards"
# The section a page belongs to (by the first part of its address) and its card's title.
CARDS = {
    "home": "A sourced, searchable record",
    "timeline": "Timeline of events",
    "actors": "Who is who in the sources",
    "legal": "The legal questions",
    "sources": "The sources, summarised",
    "figures": "Reported figures",
    "corrections": "Corrections and additions",
}
DESCRIPTION_MIN = 80  # characters: a shorter first paragraph ("*Person* · Venezuela") says too little
DESCRIPTION_MAX = 200
PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S)
TAGS = re.compile(r"<[^>]+>")
BIBTEX_SPECIAL = re.compile(r"([\\{}&%$#_^~])")


def on_config(config):
    config.extra.setdefault("feed", FEED)
    config.extra.setdefault("record_version", record_version(CITATION_FILE))
    return config


def record_version(path: Path) -> str:
    """CITATION.cff's version, or "unversioned" when there is none (a corpus without the file)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return "unversioned"
    return str(data.get("version") or "unversioned")


def on_files(files, config):
    for key, name in (("corrections_url", "corrections.md"), ("licence_url", "licence.md")):
        found = files.get_file_from_path(name)
        config.extra[key] = found.url if found is not None else None
    if config.extra["licence_url"] is None:
        config.extra["licence_url"] = ""  # the footer still names the licences, linking home
    return files


@event_priority(-10)  # after search_budget.py has marked the contributors' pages
def on_page_content(html_text, page, config, files):
    meta = page.meta
    meta["reader_page"] = meta.get("audience") != "contributors"
    title = "" if page.is_homepage else _plain(page.title or "")
    if not meta.get("description"):
        meta["description"] = describe(html_text, title) or config.site_description
    meta["preview"] = preview(title, card_of(page.url), meta["description"], page.canonical_url, config)
    if meta["reader_page"]:
        meta["citation"] = citation(title or config.site_name, page, config)
    return html_text


def describe(html_text: str, title: str = "") -> str:
    """The page's first paragraph of some length, as plain text cut at a word; for a page
    that opens with a short line (an actor's "Person · Venezuela"), the title, that line and
    what the page holds."""
    first = ""
    for match in PARAGRAPH.finditer(html_text):
        text = _plain(match.group(1))
        if len(text) >= DESCRIPTION_MIN:
            if len(text) > DESCRIPTION_MAX:
                text = text[:DESCRIPTION_MAX].rsplit(" ", 1)[0].rstrip(",;:") + " …"
            return text
        first = first or text
    if title and first:
        return f"{title}: {first}. What the sources report, each statement linked to its source."
    return ""


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(TAGS.sub("", fragment)).replace("¶", "").split())


def card_of(url: str) -> str:
    first = url.split("/", 1)[0].removesuffix(".html")
    first = first.split("--", 1)[0].split("-", 1)[0] if first.startswith(("timeline", "figures")) else first
    return first if first in CARDS else "home"


def preview(title: str, card: str, description: str, canonical_url: str | None, config) -> list:
    # The home page has no title of its own here: it is the website; every other page, an article.
    """The page's link-preview tags: [(attribute, name, content)] of <meta> elements."""
    kind = "article" if title else "website"
    title = f"{title} – {config.site_name}" if title else config.site_name
    image = f"{config.site_url.rstrip('/')}/{CARD_FOLDER}/{card}.png" if config.site_url else None
    # X reads og:title, og:description and og:image when its own tags are absent: only the
    # card type and the image's alt text need twitter: tags, which keeps every page smaller.
    tags = [("property", "og:site_name", config.site_name), ("property", "og:type", kind),
            ("property", "og:title", title), ("property", "og:description", description),
            ("property", "og:locale", "en"),
            ("name", "twitter:card", "summary_large_image" if image else "summary")]
    if canonical_url:
        tags.append(("property", "og:url", canonical_url))
    if image:
        alt = f"{CARDS[card]}: {config.site_name}"
        tags += [("property", "og:image", image), ("property", "og:image:type", "image/png"),
                 ("property", "og:image:width", str(CARD_SIZE[0])), ("property", "og:image:height", str(CARD_SIZE[1])),
                 ("property", "og:image:alt", alt), ("name", "twitter:image:alt", alt)]
    return tags


def citation(title: str, page, config) -> dict:
    url = page.canonical_url or "/" + page.url  # without site_url, the page's path on the site
    version = config.extra["record_version"]
    year = version[:4] if version[:4].isdigit() else "n.d."
    key = "us-venezuela-record-" + (re.sub(r"[^a-z0-9]+", "-", page.url.lower()).strip("-") or "home")
    fields = [("title", _bibtex(title)), ("author", "{" + _bibtex(config.site_name) + "}"), ("year", year),
              ("version", _bibtex(version)), ("url", url), ("note", "Version " + _bibtex(version))]
    head = f"@misc{{{key},\n" + "".join(f"  {name:<12} = {{{value}}},\n" for name, value in fields)
    return {"text": f"{config.site_name}. “{title}”.", "url": url, "absolute": bool(page.canonical_url),
            "version": version, "bibtex_head": head}


def _bibtex(text: str) -> str:
    return BIBTEX_SPECIAL.sub(r"\\\1", text)


def on_post_build(config):
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    if not config.site_url or (offline is not None and offline.config.enabled):
        return  # no page names a card: previews need site_url, and no one shares a file on disk
    folder = Path(config.site_dir) / CARD_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for card, title in CARDS.items():
        target = folder / f"{card}.png"
        data = draw_card(title)
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)


def draw_card(title: str) -> bytes:
    """A 1200x630 PNG: the record's name, the section's title and what the record is.
    Deterministic: the same text and Pillow version give the same bytes."""
    import io

    from PIL import Image, ImageDraw, ImageFont  # only the online build draws cards

    # Drawn in grey levels, then coloured: two colours and the smooth edges of the letters
    # between them, at a fraction of the time and bytes of a full-colour image.
    from PIL import ImageOps

    width, height = CARD_SIZE
    image = Image.new("L", CARD_SIZE, 0)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height - 24, width, height), fill=255)  # a band along the bottom edge
    font = ImageFont.load_default  # Pillow's own scalable font: nothing to download
    draw.text((80, 90), "The 2025 US-Venezuela crisis", font=font(size=46), fill=200)
    draw.text((80, 200), title, font=font(size=84), fill=255)
    lines = ["Every statement linked to its source,", "every claim attributed, every date with its precision."]
    for number, line in enumerate(lines):
        draw.text((80, 400 + number * 56), line, font=font(size=40), fill=230)
    coloured = ImageOps.colorize(image, black="#1a237e", white="#ffffff")  # Material's indigo 900
    out = io.BytesIO()
    coloured.save(out, format="PNG")
    return out.getvalue()
