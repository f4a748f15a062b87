"""What each page says about itself to readers and to the sites links are shared on.

- Reader pages (every page but the contributors' ones, which search_budget.py marks) end
  with "Content last changed" (the `updated:` date build_pages.py writes into a generated
  page's front matter, worked out from the YAML) and "How to cite this page": the page's
  stable address (site_url when set, else its path), the record's version and the date
  of access, as text and as BibTeX (overrides/partials/about-page.html lays it out).
- The record's version is the `version` of CITATION.cff (the plugin's `citation_file`),
  which build_pages.py derives from the YAML (the date of the latest source or
  correction): one value, for the repository's citation and every page's.
- Link previews (overrides/partials/link-preview.html): each page's title and a
  description (its first paragraph of some length), and a card image for its section of
  the site, drawn at build time with Pillow's own font (no font is downloaded; the font
  has no accents or dashes, so the cards' texts are plain ASCII). Crawlers need absolute
  addresses, so the image is named only when site_url is set, and only the online build
  draws the cards (the offline copy is read from disk, never shared as a link).
- Every text for readers is in the page's language (languages.py: a page under
  es/ is Spanish; the Spanish words are in translations/es/site.po), and a Spanish page
  links the Spanish corrections, licence and feed where they exist. The card images stay
  English (their font has no accents); their descriptions are translated.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import yaml

from . import material
from .languages import DEFAULT, format_iso_day, language_of, page_language, site_name, translator, twin_uri
from .state import BuildState

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


def set_extra(config, citation_file: Path) -> None:
    """The feed's address and the record's version, for the templates (at on_config)."""
    config.extra.setdefault("feed", FEED)
    config.extra.setdefault("record_version", record_version(citation_file))


def record_version(path: Path) -> str:
    """CITATION.cff's version, or "unversioned" when there is none (a corpus without the file)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return "unversioned"
    return str(data.get("version") or "unversioned")


def read_links(files, config) -> dict:
    """The pages every page links to, for each language (at on_files): the licence, the
    corrections and the feed in that language, or the English ones; for the templates,
    config.extra's English corrections_url and licence_url."""
    for key, name in (("corrections_url", "corrections.md"), ("licence_url", "licence.md")):
        found = files.get_file_from_path(name)
        config.extra[key] = found.url if found is not None else None
    if config.extra["licence_url"] is None:
        config.extra["licence_url"] = ""  # the footer still names the licences, linking home
    links = {}
    for lang in {language_of(file.src_uri) for file in files.documentation_pages()} | {DEFAULT}:
        def own(name, fallback, lang=lang):
            found = files.get_file_from_path(twin_uri(name, lang))
            return found if found is not None else files.get_file_from_path(name) if fallback is None else fallback
        licence = own("licence.md", None)
        corrections = own("corrections.md", None)
        feed = files.get_file_from_path(twin_uri(FEED, lang))
        links[lang] = {"licence": licence, "corrections_url": corrections.url if corrections else None,
                       "feed": feed.url if feed is not None else config.extra["feed"]}
    return links


def page_links(page, build: BuildState) -> dict:
    """The licence (with the anchors of its two sections), corrections and feed in the page's
    language, or the English ones: {licence_url, text_anchor, code_anchor, corrections_url, feed}."""
    links = build.page_links.get(page_language(page)) or build.page_links.get(DEFAULT) or {}
    licence = links.get("licence")
    # The English page's sections; with no licence page the footer links home, with no anchor.
    anchors = {"text": "#text-and-data-cc-by-40", "code": "#code-mit"} if licence is not None else {"text": "", "code": ""}
    toc = getattr(licence.page, "toc", None) if licence is not None and licence.page is not None else None
    if toc:  # a translated page names its sections in its own words: found by what they are about
        for item in (child for top in toc for child in [top, *top.children]):
            for key, clue in (("text", "CC BY"), ("code", "MIT")):
                if clue in item.title and anchors[key] not in {i.url for i in toc}:
                    anchors[key] = item.url
    return {"licence_url": licence.url if licence is not None else "", "text_anchor": anchors["text"],
            "code_anchor": anchors["code"], "corrections_url": links.get("corrections_url"),
            "feed": links.get("feed", FEED)}


def describe_page(html_text: str, page, build: BuildState) -> str:
    """A step of the page's content, after search_budget.py has marked the contributors' pages:
    the page's description, link previews and citation in its front matter, for the templates."""
    config = build.config
    meta = page.meta
    meta["reader_page"] = meta.get("audience") != "contributors"
    lang = page_language(page)
    home = page.is_homepage or page.file.src_uri == twin_uri("index.md", lang)
    title = "" if home else _plain(page.title or "")
    if not meta.get("description"):
        meta["description"] = describe(html_text, title, lang) or config.site_description
    meta["preview"] = preview(title, card_of(page.url), meta["description"], page.canonical_url, config, lang)
    if meta["reader_page"]:
        meta["citation"] = citation(title or site_name(lang, config), page, build)
    return html_text


def describe(html_text: str, title: str = "", lang: str = DEFAULT) -> str:
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


def preview(title: str, card: str, description: str, canonical_url: str | None, config, lang: str = DEFAULT) -> list:
    # The home page has no title of its own here: it is the website; every other page, an article.
    """The page's link-preview tags: [(attribute, name, content)] of <meta> elements."""
    kind = "article" if title else "website"
    name = site_name(lang, config)
    title = f"{title} – {name}" if title else name
    image = f"{config.site_url.rstrip('/')}/{CARD_FOLDER}/{card}.png" if config.site_url else None
    # X reads og:title, og:description and og:image when its own tags are absent: only the
    # card type and the image's alt text need twitter: tags, which keeps every page smaller.
    tags = [("property", "og:site_name", name), ("property", "og:type", kind),
            ("property", "og:title", title), ("property", "og:description", description),
            ("property", "og:locale", lang),
            ("name", "twitter:card", "summary_large_image" if image else "summary")]
    if canonical_url:
        tags.append(("property", "og:url", canonical_url))
    if image:
        alt = f"{translator(lang)(CARDS[card])}: {name}"
        tags += [("property", "og:image", image), ("property", "og:image:type", "image/png"),
                 ("property", "og:image:width", str(CARD_SIZE[0])), ("property", "og:image:height", str(CARD_SIZE[1])),
                 ("property", "og:image:alt", alt), ("name", "twitter:image:alt", alt)]
    return tags


def citation(title: str, page, build: BuildState) -> dict:
    config = build.config
    url = page.canonical_url or "/" + page.url  # without site_url, the page's path on the site
    lang = page_language(page)
    name = site_name(lang, config)
    version = config.extra["record_version"]
    year = version[:4] if version[:4].isdigit() else "n.d."
    key = "us-venezuela-record-" + (re.sub(r"[^a-z0-9]+", "-", page.url.lower()).strip("-") or "home")
    fields = [("title", _bibtex(title)), ("author", "{" + _bibtex(name) + "}"), ("year", year),
              ("version", _bibtex(version)), ("url", url),
              ("note", translator(lang)("Version") + " " + _bibtex(version))]
    if lang != DEFAULT:
        fields.append(("language", lang))
    head = f"@misc{{{key},\n" + "".join(f"  {field:<12} = {{{value}}},\n" for field, value in fields)
    links = page_links(page, build)
    # The page's title plain, not in quotation marks: on this site those hold the sources' words only.
    return {"text": f"{name}. {title}.", "url": url, "absolute": bool(page.canonical_url),
            "version": version, "bibtex_head": head,
            "record_day": version if lang == DEFAULT else format_iso_day(version, lang),
            "corrections_url": links["corrections_url"], "licence_url": links["licence_url"]}


def _bibtex(text: str) -> str:
    return BIBTEX_SPECIAL.sub(r"\\\1", text)


def draw_cards(config) -> None:
    """The link-preview cards, in the built site (at on_post_build)."""
    if not config.site_url or material.offline_enabled(config):
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
