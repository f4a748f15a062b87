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
  the site in the page's language, drawn at build time in Noto Sans (the npm package
  @fontsource/noto-sans, which `npm ci` installs; nothing is downloaded at build time).
  Without that font the cards are drawn in English in Pillow's own font, which has no
  accents, and every language's pages show them. Crawlers need absolute addresses, so the
  image is named only when site_url is set, and only the online build draws the cards (the
  offline copy is read from disk, never shared as a link).
- Every text for readers is in the page's language (languages.py: a page under
  es/ is Spanish; the Spanish words are in translations/es/site.po), and a Spanish page
  links the Spanish corrections, licence and feed where they exist.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import yaml

from . import material
from .languages import DEFAULT, format_iso_day, language_of, page_language, site_name, translator, twin_uri
from .state import CARD_FONT, BuildState

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
# Above and below each card's title.
CARD_NAME = "The 2025 US–Venezuela crisis"
CARD_LINES = ("Every statement linked to its source,", "every claim attributed, every date with its precision.")
CARD_MARGIN = 80
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
    section = card_of(page.url if lang == DEFAULT else page.url.removeprefix(f"{lang}/"))  # its English twin's
    card = card_path(section, lang if build.card_fonts else DEFAULT)
    meta["preview"] = preview(title, card, meta["description"], page.canonical_url, config, lang)
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
        more = translator(lang)("What the sources report, each statement linked to its source.")
        return f"{title}: {first}. {more}"
    return ""


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(TAGS.sub("", fragment)).replace("¶", "").split())


def card_of(url: str) -> str:
    first = url.split("/", 1)[0].removesuffix(".html")
    first = first.split("--", 1)[0].split("-", 1)[0] if first.startswith(("timeline", "figures")) else first
    return first if first in CARDS else "home"


def card_path(card: str, lang: str) -> str:
    """Where a section's card in `lang` is, in the built site."""
    return f"{CARD_FOLDER}/{'' if lang == DEFAULT else lang + '/'}{card}.png"


def preview(title: str, card: str, description: str, canonical_url: str | None, config, lang: str = DEFAULT) -> list:
    # The home page has no title of its own here: it is the website; every other page, an article.
    """The page's link-preview tags: [(attribute, name, content)] of <meta> elements."""
    kind = "article" if title else "website"
    name = site_name(lang, config)
    title = f"{title} – {name}" if title else name
    image = f"{config.site_url.rstrip('/')}/{card}" if config.site_url else None
    # X reads og:title, og:description and og:image when its own tags are absent: only the
    # card type and the image's alt text need twitter: tags, which keeps every page smaller.
    tags = [("property", "og:site_name", name), ("property", "og:type", kind),
            ("property", "og:title", title), ("property", "og:description", description),
            ("property", "og:locale", lang),
            ("name", "twitter:card", "summary_large_image" if image else "summary")]
    if canonical_url:
        tags.append(("property", "og:url", canonical_url))
    if image:
        alt = f"{translator(lang)(CARDS[card.rpartition('/')[2].removesuffix('.png')])}: {name}"
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


def draw_cards(config, fonts: Path | None, languages: tuple) -> None:
    """The link-preview cards, in the built site (at on_post_build): each section's, in every
    language when the font is installed (`fonts`), else in English only."""
    if not config.site_url or material.offline_enabled(config):
        return  # no page names a card: previews need site_url, and no one shares a file on disk
    for lang in languages if fonts else (DEFAULT,):
        _ = translator(lang)
        for card, title in CARDS.items():
            target = Path(config.site_dir) / card_path(card, lang)
            data = draw_card(_(title), _(CARD_NAME), [_(line) for line in CARD_LINES], fonts)
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.is_file() or target.read_bytes() != data:
                target.write_bytes(data)


def draw_card(title: str, name: str = CARD_NAME, lines=CARD_LINES, fonts: Path | None = None) -> bytes:
    """A 1200x630 PNG: the record's name, the section's title and what the record is, each
    line made smaller where it would run past the margin. Deterministic: the same text, font
    and Pillow version give the same bytes."""
    import io

    from PIL import Image, ImageDraw, ImageFont, ImageOps  # only the online build draws cards

    def font(size: int, bold: bool = False):
        if fonts is None:  # Pillow's own scalable font, which has no accents or dashes
            return ImageFont.load_default(size=size)
        return ImageFont.truetype(str(fonts / CARD_FONT.format(weight=700 if bold else 400)), size)

    def fitted(text: str, size: int, bold: bool = False):
        if fonts is None:
            text = text.replace("–", "-").replace("—", "-")
        while size > 24 and draw.textlength(text, font=font(size, bold)) > width - 2 * CARD_MARGIN:
            size -= 2
        return text, font(size, bold)

    # Drawn in grey levels, then coloured: two colours and the smooth edges of the letters
    # between them, at a fraction of the time and bytes of a full-colour image.
    width, height = CARD_SIZE
    image = Image.new("L", CARD_SIZE, 0)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height - 24, width, height), fill=255)  # a band along the bottom edge
    text, face = fitted(name, 46)
    draw.text((CARD_MARGIN, 90), text, font=face, fill=200)
    text, face = fitted(title, 84, bold=True)
    draw.text((CARD_MARGIN, 200), text, font=face, fill=255)
    for number, line in enumerate(lines):
        text, face = fitted(line, 40)
        draw.text((CARD_MARGIN, 400 + number * 56), text, font=face, fill=230)
    coloured = ImageOps.colorize(image, black="#1a237e", white="#ffffff")  # Material's indigo 900
    out = io.BytesIO()
    coloured.save(out, format="PNG")
    return out.getvalue()
